"""The server database schema as numbered migrations (index = version - 1).

Every row that stations pull carries `change_seq`, the server cursor value of its last change
(`server_stub.storage.change_counter`). Each engine records the version it reached its own way
(SQLite: `PRAGMA user_version`) and runs the missing migrations in order, each in its own
transaction, then `after_migration` for the data a migration needs.
"""

from __future__ import annotations

from server_stub.storage.catalog import stored_contact_hashes
from server_stub.storage.change_counter import next_changes
from server_stub.storage.database import Tx

CONTACT_HASH_MIGRATION = 3
STATION_DIRECTORY_MIGRATION = 10
_HEARTBEAT_COLUMNS = (
    "station_id TEXT NOT NULL, event_id INTEGER NOT NULL, received_ms BIGINT NOT NULL, "
    "app_version TEXT, unpushed BIGINT, last_scan_ms BIGINT, mode TEXT, gate_id TEXT, "
    "printer TEXT, badges_waiting BIGINT, camera TEXT, clock_offset_ms BIGINT, "
    "disk_free_mb BIGINT"
)

MIGRATIONS: list[list[str]] = [
    [
        "CREATE TABLE change_counter (value INTEGER NOT NULL)",
        "INSERT INTO change_counter (value) VALUES (0)",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, timezone TEXT NOT NULL DEFAULT 'UTC',
            starts_ms INTEGER, ends_ms INTEGER, contact_key TEXT NOT NULL,
            created_ms INTEGER NOT NULL, change_seq INTEGER NOT NULL)""",
        """CREATE TABLE signing_keys (
            event_id INTEGER NOT NULL REFERENCES events (id), kid INTEGER NOT NULL,
            algorithm TEXT NOT NULL, secret TEXT NOT NULL, status TEXT NOT NULL,
            created_ms INTEGER NOT NULL, change_seq INTEGER NOT NULL,
            PRIMARY KEY (event_id, kid))""",
        """CREATE TABLE ticket_types (
            event_id INTEGER NOT NULL REFERENCES events (id), id INTEGER NOT NULL,
            name TEXT NOT NULL, colour TEXT, template TEXT, valid_from_ms INTEGER,
            valid_until_ms INTEGER, change_seq INTEGER NOT NULL, PRIMARY KEY (event_id, id))""",
        """CREATE TABLE gates (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events (id),
            name TEXT NOT NULL, allowed_types TEXT, entry_mode TEXT NOT NULL,
            valid_from_ms INTEGER, valid_until_ms INTEGER, unknown_policy TEXT NOT NULL,
            timezone TEXT NOT NULL, change_seq INTEGER NOT NULL)""",
        """CREATE TABLE tickets (
            event_id INTEGER NOT NULL REFERENCES events (id), id INTEGER NOT NULL,
            type_id INTEGER NOT NULL, code TEXT NOT NULL, confirmation TEXT NOT NULL,
            first_name TEXT NOT NULL, last_name TEXT NOT NULL, organisation TEXT,
            email TEXT, phone TEXT, flagged INTEGER NOT NULL DEFAULT 0, note TEXT,
            change_seq INTEGER NOT NULL, PRIMARY KEY (event_id, id))""",
        "CREATE INDEX idx_tickets_change ON tickets (event_id, change_seq)",
        "CREATE UNIQUE INDEX idx_tickets_confirmation ON tickets (event_id, confirmation)",
        """CREATE TABLE revocations (
            event_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL, reason TEXT,
            revoked_ms INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 1,
            change_seq INTEGER NOT NULL, PRIMARY KEY (event_id, ticket_id))""",
        "CREATE INDEX idx_revocations_change ON revocations (event_id, change_seq)",
    ],
    [
        # Migration 2: stations and their credentials, the union log, conflicts.
        """CREATE TABLE stations (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events (id),
            name TEXT NOT NULL, credential_hash TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL,
            revoked_ms INTEGER, last_seen_ms INTEGER, last_push_ms INTEGER,
            last_pull_ms INTEGER)""",
        "CREATE INDEX idx_stations_event ON stations (event_id)",
        """CREATE TABLE provisioning_tokens (
            token_hash TEXT PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events (id),
            name TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER,
            used_ms INTEGER, station_id TEXT, claim_nonce TEXT)""",
        """CREATE TABLE log (
            id TEXT PRIMARY KEY, station_id TEXT NOT NULL, seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL, wall_ms INTEGER NOT NULL, event_id INTEGER NOT NULL,
            gate_id TEXT, ticket_id INTEGER, action TEXT NOT NULL, verdict TEXT,
            offline INTEGER NOT NULL DEFAULT 0, method TEXT NOT NULL DEFAULT '', ref TEXT,
            detail TEXT NOT NULL DEFAULT '', prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
            received_ms INTEGER NOT NULL, change_seq INTEGER NOT NULL,
            UNIQUE (station_id, seq))""",
        "CREATE INDEX idx_log_change ON log (event_id, change_seq)",
        "CREATE INDEX idx_log_ticket ON log (event_id, ticket_id)",
        "CREATE INDEX idx_log_ack ON log (ref) WHERE action = 'conflict_ack'",
        """CREATE TABLE conflicts (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL,
            first_entry_id TEXT NOT NULL, second_entry_id TEXT NOT NULL,
            first_station TEXT NOT NULL, second_station TEXT NOT NULL, first_gate TEXT,
            second_gate TEXT, first_hlc INTEGER NOT NULL, second_hlc INTEGER NOT NULL,
            acknowledged_entry_id TEXT, detected_ms INTEGER NOT NULL)""",
        "CREATE INDEX idx_conflicts_ticket ON conflicts (event_id, ticket_id)",
        # Gate ids were unique across the whole server, so a second event's "main" replaced
        # the first event's: gates are now keyed per event.
        """CREATE TABLE gates_per_event (
            id TEXT NOT NULL, event_id INTEGER NOT NULL REFERENCES events (id),
            name TEXT NOT NULL, allowed_types TEXT, entry_mode TEXT NOT NULL,
            valid_from_ms INTEGER, valid_until_ms INTEGER, unknown_policy TEXT NOT NULL,
            timezone TEXT NOT NULL, change_seq INTEGER NOT NULL, PRIMARY KEY (event_id, id))""",
        "INSERT INTO gates_per_event SELECT id, event_id, name, allowed_types, entry_mode, "
        "valid_from_ms, valid_until_ms, unknown_policy, timezone, change_seq FROM gates",
        "DROP TABLE gates",
        "ALTER TABLE gates_per_event RENAME TO gates",
        "CREATE INDEX idx_gates_change ON gates (event_id, change_seq)",
    ],
    [
        # Migration 3: the keyed contact hashes a station may hold, computed once when a ticket
        # is written instead of twice per ticket for every page every station pulls. Rows of an
        # older database are filled in by `after_migration` right after this migration.
        "ALTER TABLE tickets ADD COLUMN email_hash TEXT",
        "ALTER TABLE tickets ADD COLUMN phone_hash TEXT",
    ],
    [
        # Migration 4: tickets imported from a ticket shop keep the shop's ticket id (the key
        # for re-imports), its order reference and its own barcode (normalised), which
        # stations accept as well as Doorline's signed code.
        "ALTER TABLE tickets ADD COLUMN external_id TEXT",
        "ALTER TABLE tickets ADD COLUMN external_code TEXT",
        "ALTER TABLE tickets ADD COLUMN order_ref TEXT",
        "CREATE UNIQUE INDEX idx_tickets_external ON tickets (event_id, external_id) "
        "WHERE external_id IS NOT NULL",
        "CREATE UNIQUE INDEX idx_tickets_external_code ON tickets (event_id, external_code) "
        "WHERE external_code IS NOT NULL",
    ],
    [
        # Migration 5: USB-stick stations. Each exported bundle is remembered, each station log
        # brought home as a file is recorded, and a station first seen through its log file
        # carries the bundle it was provisioned from; the report names bundles never heard of.
        "ALTER TABLE stations ADD COLUMN bundle_id TEXT",
        """CREATE TABLE bundle_exports (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events (id),
            created_ms INTEGER NOT NULL, file TEXT NOT NULL)""",
        """CREATE TABLE log_imports (
            station_id TEXT NOT NULL, event_id INTEGER NOT NULL, bundle_id TEXT,
            imported_ms INTEGER NOT NULL, entries INTEGER NOT NULL, head_hash TEXT NOT NULL)""",
        "CREATE INDEX idx_log_imports_bundle ON log_imports (bundle_id)",
    ],
    [
        # Migration 6: operator accounts (people with a role, separate from stations) and the
        # record of what operators did (server_stub.storage.operators).
        """CREATE TABLE operators (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
            credential_hash TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL,
            expires_ms INTEGER, revoked_ms INTEGER, last_seen_ms INTEGER)""",
        "CREATE INDEX idx_operators_name ON operators (name)",
        """CREATE TABLE operator_actions (
            seq INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, who TEXT NOT NULL,
            via TEXT NOT NULL, action TEXT NOT NULL, event_id INTEGER,
            detail TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX idx_operator_actions_event ON operator_actions (event_id, seq)",
    ],
    [
        # Migration 7: the head each station last reported of its own log (sequence number,
        # hash, when) and the first problem found comparing it with the server's copy
        # (server_stub.storage.anchors).
        "ALTER TABLE stations ADD COLUMN head_seq INTEGER",
        "ALTER TABLE stations ADD COLUMN head_hash TEXT",
        "ALTER TABLE stations ADD COLUMN head_ms INTEGER",
        "ALTER TABLE stations ADD COLUMN head_problem TEXT",
    ],
    [
        # Migration 8: the station fleet. Each sync round's heartbeat (kiosk.domain.heartbeat)
        # replaces the station's latest, and a thinned history keeps about one a minute for a
        # few hours (server_stub.storage.fleet).
        f"CREATE TABLE station_heartbeats ({_HEARTBEAT_COLUMNS}, PRIMARY KEY (station_id))",
        f"CREATE TABLE station_heartbeat_history ({_HEARTBEAT_COLUMNS}, "
        "PRIMARY KEY (station_id, received_ms))",
    ],
    [
        # Migration 9: the gate each station is provisioned on (sent with the token exchange,
        # then kept current by the station's heartbeat), so `event apply` can refuse removing
        # a gate stations stand at before any of them has scanned there.
        "ALTER TABLE stations ADD COLUMN gate_id TEXT",
    ],
    [
        # Migration 10: stations pull the event's station directory (id, name, gate), so a
        # conflict or "first checked in at" names "Door 3 (Main entrance)", never an id; and
        # each provisioning token remembers who made it, for the report's stations that never
        # synced. Stations already there are numbered by `after_migration`.
        "ALTER TABLE stations ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX idx_stations_change ON stations (event_id, change_seq)",
        "ALTER TABLE provisioning_tokens ADD COLUMN created_by TEXT",
    ],
    [
        # Migration 11: one station identity used by two data folders (a copied folder, an old
        # backup restored and scanning): pushes refused because another entry holds their
        # sequence number are counted per station, for the report (server_stub.storage.push).
        "ALTER TABLE stations ADD COLUMN clash_entries INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE stations ADD COLUMN clash_first_ms INTEGER",
        "ALTER TABLE stations ADD COLUMN clash_last_ms INTEGER",
        # ...and the log keeps each entry's operator PIN signature (an override or a conflict
        # acknowledgement made at a station; kiosk.domain.pin_signature), checked on push.
        "ALTER TABLE log ADD COLUMN pin_signature TEXT",
        # ...and the sequence number from which a station's log is keyed (chain rule 2,
        # kiosk.domain.log_entry): an unkeyed entry after it is refused.
        "ALTER TABLE stations ADD COLUMN keyed_from_seq INTEGER",
        # ...whose key (HKDF of its credential) the server keeps from the station's first
        # request on, to check a log file the station brings home (import-log).
        "ALTER TABLE stations ADD COLUMN chain_key TEXT",
        # ...and each event's operator PIN: the verifier stations receive and the signing key
        # the server checks station-made overrides and acknowledgements with
        # (server_stub.storage.operator_pins).
        """CREATE TABLE event_pins (
            event_id INTEGER PRIMARY KEY REFERENCES events (id), verifier TEXT NOT NULL,
            signing_key TEXT NOT NULL, set_ms INTEGER NOT NULL)""",
    ],
    [
        # Migration 12: each pushed entry as stations pull it, the JSON rendered once when it
        # arrives (server_stub.storage.log_rows.wire_json) instead of by the database in every
        # pull that carries it: 800 entries a pull at 400 stations cost PostgreSQL 7.4 ms of
        # CPU rendered, 1.2 ms stored. NULL on rows from before: pulls render those.
        "ALTER TABLE log ADD COLUMN wire BLOB",
    ],
]


def after_migration(tx: Tx, number: int) -> None:
    """Data a migration needs on a database that already holds rows (same for every engine)."""
    if number == CONTACT_HASH_MIGRATION:
        _fill_contact_hashes(tx)
    elif number == STATION_DIRECTORY_MIGRATION:
        _number_stations(tx)


def _number_stations(tx: Tx) -> None:
    """Migration 10 on a database that already has stations: a cursor value of their own,
    above every station's cursor, so each station pulls the directory on its next round."""
    ids = [str(r[0]) for r in tx.execute("SELECT id FROM stations ORDER BY created_ms, id")]
    if not ids:
        return
    first = next_changes(tx, len(ids))
    tx.executemany(
        "UPDATE stations SET change_seq = ? WHERE id = ?",
        [(first + i, station_id) for i, station_id in enumerate(ids)],
    )


def _fill_contact_hashes(tx: Tx) -> None:
    """Migration 3 on a database that already holds tickets: compute their stored hashes."""
    keys = dict(tx.execute("SELECT id, contact_key FROM events").fetchall())
    rows = tx.execute("SELECT event_id, id, email, phone FROM tickets").fetchall()
    tx.executemany(
        "UPDATE tickets SET email_hash = ?, phone_hash = ? WHERE event_id = ? AND id = ?",
        [
            (*stored_contact_hashes(bytes.fromhex(keys[event_id]), email, phone), event_id, tid)
            for event_id, tid, email, phone in rows
        ],
    )
