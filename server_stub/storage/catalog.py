"""Events and what stations pull about them: keys, ticket types, gates, tickets, revocations.

Unlike a station, the server holds signing secrets and plain contact details; `snapshot()`
turns them into what a station may hold: verification keys and keyed hashes of contacts.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterable
from typing import Any

from kiosk.domain.contact_hash import email_hash, phone_hash
from kiosk.domain.snapshot_format import SNAPSHOT_FORMAT
from kiosk.domain.station_directory import KnownStation
from kiosk.domain.ticket_codec import KeyAlgorithm, SigningKey, TicketClaims, encode, generate_key
from server_stub.storage.change_counter import current_change, next_change, next_changes
from server_stub.storage.database import Cursor, Database, Tx, rows_as_dicts
from server_stub.storage.interface import IssuedTicket, NotFound, StoreError

CONFIRMATION_ALPHABET = "ABCDEFGHJKLMNPRSTUVWX23456789"


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class EventCatalog:
    """`Catalog` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- events and keys --------------------------------------------------------------------

    def create_event(
        self,
        name: str,
        timezone: str = "UTC",
        algorithm: KeyAlgorithm = KeyAlgorithm.HMAC_SHA256,
        starts_ms: int | None = None,
        ends_ms: int | None = None,
    ) -> int:
        with self.db.transaction() as conn:
            while True:
                event_id = secrets.randbelow(2**32 - 1_000_000) + 1_000_000
                if not conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone():
                    break
            conn.execute(
                "INSERT INTO events (id, name, timezone, starts_ms, ends_ms, contact_key, "
                "created_ms, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    name,
                    timezone,
                    starts_ms,
                    ends_ms,
                    secrets.token_hex(32),
                    now_ms(),
                    next_change(conn),
                ),
            )
        self.add_key(event_id, algorithm)
        return event_id

    def event(self, event_id: int) -> dict[str, Any]:
        """The event's row; NotFound if there is none."""
        with self.db.reading() as tx:
            return event_in(tx, event_id, self.db.location)

    def events(self) -> list[dict[str, Any]]:
        with self.db.reading() as tx:
            return rows_as_dicts(tx.execute("SELECT * FROM events ORDER BY created_ms"))

    def add_key(self, event_id: int, algorithm: KeyAlgorithm) -> SigningKey:
        """Rotation: a new key becomes the one that signs; older keys stay valid until retired."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT coalesce(max(kid), 0) FROM signing_keys WHERE event_id = ?", (event_id,)
            ).fetchone()
            key = generate_key(event_id, row[0] + 1, algorithm)
            conn.execute(
                "INSERT INTO signing_keys (event_id, kid, algorithm, secret, status, created_ms, "
                "change_seq) VALUES (?, ?, ?, ?, 'active', ?, ?)",
                (
                    event_id,
                    key.kid,
                    str(algorithm),
                    key.secret.hex(),
                    now_ms(),
                    next_change(conn),
                ),
            )
        return key

    def retire_key(self, event_id: int, kid: int) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE signing_keys SET status = 'retired', change_seq = ? "
                "WHERE event_id = ? AND kid = ?",
                (next_change(conn), event_id, kid),
            )

    def signing_key(self, event_id: int) -> SigningKey:
        with self.db.reading() as tx:
            row = tx.execute(
                "SELECT kid, algorithm, secret FROM signing_keys WHERE event_id = ? "
                "AND status = 'active' ORDER BY kid DESC LIMIT 1",
                (event_id,),
            ).fetchone()
        if row is None:
            raise StoreError(f"event {event_id} has no active signing key")
        return SigningKey(event_id, row[0], KeyAlgorithm(row[1]), bytes.fromhex(row[2]))

    def verify_keys(self, event_id: int) -> list[dict[str, Any]]:
        """The event's keys as a station may hold them (`station_key`)."""
        with self.db.reading() as tx:
            return verify_keys_in(tx, event_id)

    # -- types, gates, tickets --------------------------------------------------------------

    def add_ticket_type(
        self, event_id: int, type_id: int, name: str, colour: str, template: str | None = None
    ) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO ticket_types (event_id, id, name, colour, template, change_seq) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, id) DO UPDATE SET "
                "name = excluded.name, colour = excluded.colour, template = excluded.template, "
                "change_seq = excluded.change_seq",
                (event_id, type_id, name, colour, template, next_change(conn)),
            )

    def add_gate(self, event_id: int, gate: dict[str, Any]) -> None:
        allowed = gate.get("allowed_types")
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO gates (id, event_id, name, allowed_types, entry_mode, "
                "valid_from_ms, valid_until_ms, unknown_policy, timezone, change_seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, id) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in _GATE_COLUMNS),
                (
                    gate["id"],
                    event_id,
                    gate["name"],
                    None if allowed is None else json.dumps(sorted(allowed)),
                    gate.get("entry_mode", "single"),
                    gate.get("valid_from_ms"),
                    gate.get("valid_until_ms"),
                    gate.get("unknown_policy", "admit"),
                    gate.get("timezone", "UTC"),
                    next_change(conn),
                ),
            )

    def ticket_types(self, event_id: int) -> list[dict[str, Any]]:
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT id, name, colour, template, valid_from_ms, valid_until_ms "
                    "FROM ticket_types WHERE event_id = ? ORDER BY id",
                    (event_id,),
                )
            )

    def gates(self, event_id: int) -> list[dict[str, Any]]:
        """The event's gates, allowed ticket types decoded (None: every type)."""
        with self.db.reading() as tx:
            return gates_in(tx, event_id)

    def issue_tickets(
        self,
        event_id: int,
        people: Iterable[dict[str, Any]],
    ) -> list[IssuedTicket]:
        """Mint codes for attendees (`first_name`, `last_name`, `email`, `type_id`, optional
        `organisation`, `phone`, `flagged`, `note`, `valid_from`, `valid_until`, and for tickets
        imported from a shop `external_id`, `external_code` (normalised), `order_ref`).

        Runs in its own transaction, or joins the caller's (an import that must be all or
        nothing)."""
        with self.db.transaction() as conn:
            return self._issue_tickets(conn, event_id, people)

    def _issue_tickets(
        self, conn: Tx, event_id: int, people: Iterable[dict[str, Any]]
    ) -> list[IssuedTicket]:
        key = self.signing_key(event_id)
        contact_key = bytes.fromhex(self.event(event_id)["contact_key"])
        type_names = dict(
            conn.execute("SELECT id, name FROM ticket_types WHERE event_id = ?", (event_id,))
        )
        issued: list[IssuedTicket] = []
        start = conn.execute(
            "SELECT coalesce(max(id), 0) FROM tickets WHERE event_id = ?", (event_id,)
        ).fetchone()[0]
        used = {
            r[0]
            for r in conn.execute(
                "SELECT confirmation FROM tickets WHERE event_id = ?", (event_id,)
            )
        }
        people = list(people)
        first_change = next_changes(conn, max(1, len(people)))
        rows = []
        for offset, person in enumerate(people, start=1):
            ticket_id = start + offset
            claims = TicketClaims(
                event_id,
                ticket_id,
                person["type_id"],
                person.get("valid_from"),
                person.get("valid_until"),
            )
            code = encode(claims, key)
            confirmation = _confirmation(used)
            rows.append(
                (
                    event_id,
                    ticket_id,
                    person["type_id"],
                    code,
                    confirmation,
                    person["first_name"],
                    person["last_name"],
                    person.get("organisation", ""),
                    person["email"],
                    person.get("phone", ""),
                    int(person.get("flagged", False)),
                    person.get("note", ""),
                    first_change + offset - 1,
                    *stored_contact_hashes(contact_key, person["email"], person.get("phone", "")),
                    person.get("external_id"),
                    person.get("external_code"),
                    person.get("order_ref"),
                )
            )
            issued.append(
                IssuedTicket(
                    ticket_id,
                    code,
                    confirmation,
                    person["first_name"],
                    person["last_name"],
                    person["email"],
                    type_names.get(person["type_id"], ""),
                )
            )
        conn.executemany(
            "INSERT INTO tickets (event_id, id, type_id, code, confirmation, first_name, "
            "last_name, organisation, email, phone, flagged, note, change_seq, email_hash, "
            "phone_hash, external_id, external_code, order_ref) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return issued

    def ticket_rows_for_station(self, event_id: int) -> list[dict[str, Any]]:
        """Tickets as a station may hold them: contacts replaced by keyed hashes (stored with
        each ticket when it is written; see `stored_contact_hashes`). Pulls page through
        `server_stub.storage.pull` instead; this serves the whole-event snapshot (bundles)."""
        with self.db.reading() as tx:
            rows = tx.execute(
                "SELECT id, type_id, code, confirmation, first_name, last_name, organisation, "
                "email_hash, phone_hash, flagged, note, change_seq, external_code FROM tickets "
                "WHERE event_id = ? ORDER BY change_seq, id",
                (event_id,),
            ).fetchall()
        out = []
        for row in rows:
            (
                tid,
                type_id,
                code,
                conf,
                first,
                last,
                org,
                e_hash,
                p_hash,
                flagged,
                note,
                change,
                ext,
            ) = row
            out.append(
                {
                    "id": tid,
                    "type_id": type_id,
                    "code": code,
                    "confirmation": conf,
                    "first_name": first,
                    "last_name": last,
                    "organisation": org or "",
                    "email_hash": e_hash,
                    "phone_hash": p_hash,
                    "flagged": flagged,
                    "note": note or "",
                    "change_seq": change,
                    "external_code": ext,
                }
            )
        return out

    def revoke(self, event_id: int, ticket_id: int, reason: str, revoked: bool = True) -> None:
        with self.db.transaction() as conn:
            if not conn.execute(
                "SELECT 1 FROM tickets WHERE event_id = ? AND id = ?", (event_id, ticket_id)
            ).fetchone():
                raise NotFound(f"event {event_id} has no ticket {ticket_id}")
            conn.execute(
                "INSERT INTO revocations (event_id, ticket_id, reason, revoked_ms, revoked, "
                "change_seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, ticket_id) "
                "DO UPDATE SET reason = excluded.reason, revoked_ms = excluded.revoked_ms, "
                "revoked = excluded.revoked, change_seq = excluded.change_seq",
                (event_id, ticket_id, reason, now_ms(), int(revoked), next_change(conn)),
            )

    def revocations(self, event_id: int, after_change: int = 0) -> list[dict[str, Any]]:
        with self.db.reading() as tx:
            rows = rows_as_dicts(
                tx.execute(
                    "SELECT ticket_id, reason, revoked_ms, revoked FROM revocations "
                    "WHERE event_id = ? AND change_seq > ? ORDER BY change_seq",
                    (event_id, after_change),
                )
            )
        return [{**r, "revoked": bool(r["revoked"])} for r in rows]

    def current_change(self) -> int:
        with self.db.reading() as tx:
            return current_change(tx)

    def snapshot(self, event_id: int) -> dict[str, Any]:
        """Everything a station needs, as a station may hold it (the document of
        `kiosk.domain.snapshot_format`), read in one consistent state."""
        with self.db.reading() as tx:
            return self._snapshot(tx, event_id)

    def _snapshot(self, tx: Tx, event_id: int) -> dict[str, Any]:
        event = self.event(event_id)
        return {
            "format": SNAPSHOT_FORMAT,
            "event": {k: event[k] for k in ("id", "name", "timezone", "starts_ms", "ends_ms")},
            "ticket_types": self.ticket_types(event_id),
            "gates": self.gates(event_id),
            "keys": self.verify_keys(event_id),
            "contact_key": event["contact_key"],
            "tickets": self.ticket_rows_for_station(event_id),
            "revocations": [r for r in self.revocations(event_id) if r["revoked"]],
            "stations": stations_in(tx, event_id),
            "log": [],
            "cursor": current_change(tx),
            "operator_pin": pin_verifier_json(tx, event_id),
        }


_GATE_COLUMNS = (
    "name", "allowed_types", "entry_mode", "valid_from_ms", "valid_until_ms", "unknown_policy",
    "timezone", "change_seq",
)  # fmt: skip


def event_in(tx: Tx, event_id: int, location: str) -> dict[str, Any]:
    """The event's row within an open transaction; NotFound if there is none."""
    rows = rows_as_dicts(tx.execute("SELECT * FROM events WHERE id = ?", (event_id,)))
    if not rows:
        raise NotFound(f"no event {event_id} in {location}")
    return rows[0]


def verify_keys_in(tx: Tx, event_id: int) -> list[dict[str, Any]]:
    """The event's keys as a station may hold them, within an open transaction."""
    rows = tx.execute(
        "SELECT kid, algorithm, secret, status FROM signing_keys WHERE event_id = ? ORDER BY kid",
        (event_id,),
    ).fetchall()
    return [station_key(event_id, kid, alg, secret, status) for kid, alg, secret, status in rows]


def stations_in(tx: Tx, event_id: int) -> list[dict[str, Any]]:
    """The event's station directory in the wire shape of `kiosk.domain.station_directory`
    (id, name, gate), within an open transaction."""
    rows = tx.execute(
        "SELECT id, name, gate_id FROM stations WHERE event_id = ? ORDER BY created_ms, id",
        (event_id,),
    ).fetchall()
    return [KnownStation(str(i), str(n), g).to_json() for i, n, g in rows]


# The event's gates (one parameter: the event id), as `decoded_gates` reads them.
GATES_SQL = (
    "SELECT id, name, allowed_types, entry_mode, valid_from_ms, valid_until_ms, "
    "unknown_policy, timezone FROM gates WHERE event_id = ? ORDER BY id"
)


def gates_in(tx: Tx, event_id: int) -> list[dict[str, Any]]:
    """The event's gates within an open transaction, allowed types decoded."""
    return decoded_gates(tx.execute(GATES_SQL, (event_id,)))


def decoded_gates(cursor: Cursor) -> list[dict[str, Any]]:
    """The rows of `GATES_SQL` (executed, maybe not read yet: a pipelined transaction sends
    it with others), allowed types decoded."""
    rows = cursor.fetchall()  # first: in a pipeline, the columns are known once it is read
    names = [d[0] for d in cursor.description]
    return [decode_gate(dict(zip(names, row, strict=True))) for row in rows]


def stored_contact_hashes(
    contact_key: bytes, email: str | None, phone: str | None
) -> tuple[Any, Any]:
    """(email_hash, phone_hash) as stations receive them; None for an empty contact."""
    return (
        email_hash(contact_key, email) if email else None,
        phone_hash(contact_key, phone) if phone else None,
    )


def station_key(
    event_id: int, kid: int, algorithm: str, secret_hex: str, status: str
) -> dict[str, Any]:
    """A signing key as a station may hold it: the HMAC secret itself, but of an Ed25519 key
    only the public half, so a stolen kiosk cannot mint tickets."""
    signing = SigningKey(event_id, kid, KeyAlgorithm(algorithm), bytes.fromhex(secret_hex))
    material = signing.verify_key().material.hex()
    return {"kid": kid, "algorithm": algorithm, "material": material, "status": status}


def decode_gate(row: dict[str, Any]) -> dict[str, Any]:
    """A gate row with its allowed ticket types decoded from the stored JSON list."""
    raw = row["allowed_types"]
    return {**row, "allowed_types": None if raw is None else json.loads(raw)}


def _confirmation(used: set[str]) -> str:
    """8 characters drawn uniformly from CONFIRMATION_ALPHABET (one CSPRNG call per code)."""
    size = len(CONFIRMATION_ALPHABET)
    while True:
        n = secrets.randbelow(size**8)
        chars = []
        for _ in range(8):
            n, r = divmod(n, size)
            chars.append(CONFIRMATION_ALPHABET[r])
        code = "".join(chars)
        if code not in used:
            used.add(code)
            return code


def pin_verifier_json(tx: Tx, event_id: int) -> dict[str, Any] | None:
    """The event's operator PIN verifier as stations receive it (never the signing key;
    `server_stub.storage.operator_pins`), None when no PIN is set."""
    row = tx.execute("SELECT verifier FROM event_pins WHERE event_id = ?", (event_id,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))
