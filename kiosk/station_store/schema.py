"""The station replica's schema, as numbered migrations (index = version - 1).

Never edit a migration that has shipped: add a new one. Every lookup the door makes has an
index: ticket by id, log by ticket, unpushed entries, attendee search (FTS5 with a prefix index,
so a two-letter prefix stays sub-millisecond at a million attendees).
"""

from __future__ import annotations

# The sync_state key under which migration 3 hands the waiting print jobs to the print queue.
PRINT_JOBS_HANDOVER = "print_jobs_handover"

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE station_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1), station_id TEXT NOT NULL, name TEXT NOT NULL,
            event_id INTEGER NOT NULL, gate_id TEXT NOT NULL, server_url TEXT, credential TEXT,
            provisioned_ms INTEGER NOT NULL)""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, timezone TEXT NOT NULL DEFAULT 'UTC',
            starts_ms INTEGER, ends_ms INTEGER)""",
        """CREATE TABLE ticket_types (
            event_id INTEGER NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, colour TEXT,
            template TEXT, valid_from_ms INTEGER, valid_until_ms INTEGER,
            PRIMARY KEY (event_id, id))""",
        """CREATE TABLE gates (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL, name TEXT NOT NULL,
            allowed_types TEXT, entry_mode TEXT NOT NULL DEFAULT 'single',
            valid_from_ms INTEGER, valid_until_ms INTEGER,
            unknown_policy TEXT NOT NULL DEFAULT 'admit', timezone TEXT NOT NULL DEFAULT 'UTC')""",
        """CREATE TABLE keys (
            event_id INTEGER NOT NULL, kid INTEGER NOT NULL, algorithm TEXT NOT NULL,
            material TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active',
            PRIMARY KEY (event_id, kid))""",
        """CREATE TABLE tickets (
            event_id INTEGER NOT NULL, id INTEGER NOT NULL, type_id INTEGER NOT NULL,
            code TEXT, confirmation TEXT NOT NULL, first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '', organisation TEXT, email_hash TEXT,
            phone_hash TEXT, flagged INTEGER NOT NULL DEFAULT 0, note TEXT,
            PRIMARY KEY (event_id, id))""",
        "CREATE INDEX idx_tickets_id ON tickets (id)",
        "CREATE UNIQUE INDEX idx_tickets_confirmation ON tickets (confirmation)",
        "CREATE INDEX idx_tickets_email_hash ON tickets (email_hash)",
        """CREATE VIRTUAL TABLE tickets_fts USING fts5(
            last_name, first_name, confirmation, content='tickets', content_rowid='rowid',
            prefix='1 2 3', tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
            INSERT INTO tickets_fts (rowid, last_name, first_name, confirmation)
            VALUES (new.rowid, new.last_name, new.first_name, new.confirmation); END""",
        """CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
            INSERT INTO tickets_fts (tickets_fts, rowid, last_name, first_name, confirmation)
            VALUES ('delete', old.rowid, old.last_name, old.first_name, old.confirmation); END""",
        """CREATE TRIGGER tickets_fts_update AFTER UPDATE ON tickets BEGIN
            INSERT INTO tickets_fts (tickets_fts, rowid, last_name, first_name, confirmation)
            VALUES ('delete', old.rowid, old.last_name, old.first_name, old.confirmation);
            INSERT INTO tickets_fts (rowid, last_name, first_name, confirmation)
            VALUES (new.rowid, new.last_name, new.first_name, new.confirmation); END""",
        """CREATE TABLE revocations (
            event_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL, reason TEXT,
            revoked_ms INTEGER NOT NULL, PRIMARY KEY (event_id, ticket_id))""",
        "CREATE INDEX idx_revocations_ticket ON revocations (ticket_id)",
        """CREATE TABLE checkin_log (
            id TEXT PRIMARY KEY, station_id TEXT NOT NULL, seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL, wall_ms INTEGER NOT NULL, event_id INTEGER NOT NULL,
            gate_id TEXT, ticket_id INTEGER, action TEXT NOT NULL, verdict TEXT,
            offline INTEGER NOT NULL DEFAULT 0, method TEXT NOT NULL DEFAULT '', ref TEXT,
            detail TEXT NOT NULL DEFAULT '', prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
            pushed INTEGER NOT NULL DEFAULT 0, UNIQUE (station_id, seq))""",
        "CREATE INDEX idx_log_ticket ON checkin_log (ticket_id, hlc)",
        "CREATE INDEX idx_log_unpushed ON checkin_log (station_id, seq) WHERE pushed = 0",
        "CREATE INDEX idx_log_hlc ON checkin_log (hlc)",
        """CREATE TABLE conflicts (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL,
            first_entry_id TEXT NOT NULL, second_entry_id TEXT NOT NULL,
            first_station TEXT NOT NULL, second_station TEXT NOT NULL, first_gate TEXT,
            second_gate TEXT, first_hlc INTEGER NOT NULL, second_hlc INTEGER NOT NULL,
            acknowledged_entry_id TEXT)""",
        "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT)",
        """CREATE TABLE print_jobs (
            id TEXT PRIMARY KEY, ticket_id INTEGER NOT NULL, printer TEXT NOT NULL,
            template TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, reprint INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL, next_attempt_ms INTEGER NOT NULL DEFAULT 0,
            printed_entry_id TEXT)""",
        "CREATE INDEX idx_print_jobs_state ON print_jobs (state, next_attempt_ms)",
    ],
    # 2: the door's counters after every scan, answered from indexes alone instead of a walk
    # over the whole log (people inside now; admitted and refused today at this station).
    [
        """CREATE INDEX idx_log_standing ON checkin_log (ticket_id, hlc, action, id)
            WHERE ticket_id IS NOT NULL AND ((action IN ('entry', 'override')
            AND verdict = 'admitted') OR action = 'exit')""",
        "CREATE INDEX idx_log_undo ON checkin_log (ref) WHERE action = 'undo'",
        "CREATE INDEX idx_log_station_wall ON checkin_log (station_id, wall_ms, action, verdict)",
    ],
    # 3: the print queue leaves the station file for its own, print_queue.sqlite3, owned by
    # printing/. Jobs still waiting (queued, failed, or cut off mid-print) are handed over as one
    # JSON row in sync_state that the print queue adopts once (`print_jobs_handover`); done jobs
    # stay where they belong, in the log (their badge_printed entries).
    [
        f"""INSERT OR REPLACE INTO sync_state (key, value)
            SELECT '{PRINT_JOBS_HANDOVER}', (SELECT json_group_array(json_array(id, ticket_id,
            printer, template, state, attempts, last_error, reprint, created_ms, updated_ms))
            FROM print_jobs WHERE state IN ('queued', 'failed', 'printing'))
            WHERE EXISTS (SELECT 1 FROM print_jobs
            WHERE state IN ('queued', 'failed', 'printing'))""",
        "DROP INDEX IF EXISTS idx_print_jobs_state",
        "DROP TABLE print_jobs",
    ],
    # 4: a ticket imported from a ticket shop carries the shop's own barcode (normalised by
    # kiosk.domain.external_code); the door looks it up when a scan is not a Doorline code.
    [
        "ALTER TABLE tickets ADD COLUMN external_code TEXT",
        "CREATE INDEX idx_tickets_external_code ON tickets (external_code) "
        "WHERE external_code IS NOT NULL",
    ],
    # 5: the event's station directory (kiosk.domain.station_directory), pulled with the rest,
    # so conflicts and "first checked in at" name "Door 3 (Main entrance)", never an id.
    [
        """CREATE TABLE stations (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL, name TEXT NOT NULL, gate_id TEXT)""",
    ],
    # 6: what the server said about an entry it did not store (`refusal`, with `pushed` -1:
    # refused, or -2: stranded, another copy of this station's identity used its sequence
    # number), and the entries a re-provisioning carried over to the station's new identity,
    # kept as they were under the old one (`superseded_log`; docs/sync-protocol.md).
    # The log also gets `pin_signature`: an operator's PIN signature of an override or a
    # conflict acknowledgement (kiosk.domain.pin_signature), which the server checks.
    [
        "ALTER TABLE checkin_log ADD COLUMN pin_signature TEXT",
        "ALTER TABLE checkin_log ADD COLUMN refusal TEXT",
        "CREATE INDEX idx_log_not_stored ON checkin_log (station_id, seq) WHERE pushed < 0",
        """CREATE TABLE superseded_log (
            id TEXT NOT NULL, station_id TEXT NOT NULL, seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL, wall_ms INTEGER NOT NULL, event_id INTEGER NOT NULL,
            gate_id TEXT, ticket_id INTEGER, action TEXT NOT NULL, verdict TEXT,
            offline INTEGER NOT NULL, method TEXT NOT NULL, ref TEXT, detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL, pin_signature TEXT,
            pushed INTEGER NOT NULL,
            refusal TEXT, carried_to TEXT NOT NULL, carried_seq INTEGER NOT NULL,
            carried_ms INTEGER NOT NULL, PRIMARY KEY (station_id, seq))""",
    ],
]
