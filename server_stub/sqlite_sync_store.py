"""The SQLite implementation of `SyncStorage`: stations, the union log, pulls and conflicts.

It shares one connection (and its lock) with `ServerStore`, so a pull page is read in one
consistent snapshot and a push batch commits as one transaction: a server killed mid-push
loses the whole batch, never half of it, and the station simply resends it.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import logging
import secrets
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from itertools import islice, product
from operator import itemgetter
from typing import Any

import orjson

from kiosk.domain.gate_rules import EntryMode, GateRules, UnknownTicketPolicy
from kiosk.domain.hlc import pack
from kiosk.domain.log_entry import ENTRY_FIELDS, GENESIS_HASH, LogEntry, entry_hash, seal
from kiosk.domain.merge import Conflict, find_conflicts
from kiosk.domain.ticket_codec import KeyAlgorithm, Keyring, TicketClaims, VerifyKey, verify
from kiosk.domain.verdicts import Action, Verdict
from kiosk.domain.wire_format import entry_from_row, entry_json
from server_stub.api_limits import ENTRY_TEXT_LIMITS, entry_bound_problem, text_problem
from server_stub.storage import (
    AckStatus,
    AuthError,
    AuthProblem,
    EntryAck,
    NotFound,
    ProvisionedStation,
    PushResult,
    SeqGap,
    StationPrincipal,
    SyncStorageError,
)
from server_stub.store import ServerStore, StoreError, decode_gate, now_ms, station_key

log = logging.getLogger(__name__)

LOG_COLUMNS = (
    "id", "station_id", "seq", "hlc", "wall_ms", "event_id", "gate_id", "ticket_id", "action",
    "verdict", "offline", "method", "ref", "detail", "prev_hash", "hash",
)  # fmt: skip
_LOG_SQL = ", ".join(LOG_COLUMNS)
_CONFLICT_COLUMNS = (
    "id", "event_id", "ticket_id", "first_entry_id", "second_entry_id", "first_station",
    "second_station", "first_gate", "second_gate", "first_hlc", "second_hlc",
    "acknowledged_entry_id",
)  # fmt: skip
DEFAULT_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000
STAMP_EVERY_MS = 10_000  # last_seen_ms / last_pull_ms resolution
_IN_CHUNK = 500


def secret_hash(secret: str) -> str:
    """Tokens and credentials are 256-bit random strings, so a plain SHA-256 is enough to make
    a stolen database useless for impersonating a station (no slow KDF needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def server_station_id(event_id: int) -> str:
    """The pseudo-station that authors the server's own log entries (operator acknowledgements)."""
    return f"server-{event_id}"


def entry_values(entry: LogEntry) -> tuple[Any, ...]:
    data = entry_json(entry)
    data["offline"] = int(entry.offline)
    return tuple(data[c] for c in LOG_COLUMNS)


assert LOG_COLUMNS == ENTRY_FIELDS, "log columns must follow LogEntry's fields"
_ACTIONS = frozenset(str(a) for a in Action)
_VERDICTS = frozenset(str(v) for v in Verdict)
_UNHASHED_FIELDS = tuple(f for f in ENTRY_FIELDS if f != "hash")
_TEXT, _INT, _OPTIONAL = (str,), (int,), (type(None),)
# LogEntry's field types, checked exactly (a bool is not an int here): `canonical_json` relies on
# every value being str, int, bool or None.
_FIELD_TYPES: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("station_id", _TEXT), ("seq", _INT), ("hlc", _INT), ("wall_ms", _INT), ("event_id", _INT),
    ("gate_id", _TEXT + _OPTIONAL), ("ticket_id", _INT + _OPTIONAL), ("method", _TEXT),
    ("ref", _TEXT + _OPTIONAL), ("detail", _TEXT), ("prev_hash", _TEXT),
)  # fmt: skip
_TYPE_WORDS = {str: "text", int: "an integer", type(None): "null"}
_VALID_TYPES = frozenset(product(*(allowed for _name, allowed in _FIELD_TYPES)))
_typed_values = itemgetter(*(name for name, _allowed in _FIELD_TYPES))
_unhashed_values = itemgetter(*_UNHASHED_FIELDS)
# `kiosk.domain.log_entry.entry_hash` canonicalises with json.dumps(sort_keys=True, separators=
# (",", ":"), ensure_ascii=True); one reused encoder with the same settings gives the same
# text without building an encoder per entry (tests/test_sync_wire.py holds them equal).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def checked_entry(raw: dict[str, Any]) -> dict[str, Any] | EntryAck:
    """An uploaded entry's fields, as `LogEntry.to_json()` would give them, if they are
    well-formed and its hash covers them; otherwise the rejection to send back. The same
    checks as `LogEntry.from_json` + `LogEntry.expected_hash`, without building the object."""
    try:
        fields = dict(zip(_UNHASHED_FIELDS, _unhashed_values(raw), strict=True))
        claimed = raw["hash"]
    except KeyError as error:
        return _rejected(_shown_id(raw.get("id", "")), f"missing field {error}")
    entry_id = fields["id"]
    if not isinstance(entry_id, str) or not entry_id:
        return _rejected(_shown_id(entry_id or ""), "entry id must be a non-empty string")
    if len(entry_id) > ENTRY_TEXT_LIMITS["id"] or text_problem(entry_id) is not None:
        return _rejected(
            _shown_id(entry_id), "entry id must be valid text of at most 64 characters"
        )
    if tuple(map(type, _typed_values(fields))) not in _VALID_TYPES:
        for name, allowed in _FIELD_TYPES:
            if type(fields[name]) not in allowed:
                words = " or ".join(_TYPE_WORDS[t] for t in allowed)
                return _rejected(entry_id, f"{name} must be {words}")
    action, verdict = fields["action"], fields["verdict"]
    if not isinstance(action, str) or action not in _ACTIONS:
        return _rejected(entry_id, f"{str(action)[:40]!r} is not a valid Action")
    if verdict is not None and (not isinstance(verdict, str) or verdict not in _VERDICTS):
        return _rejected(entry_id, f"{str(verdict)[:40]!r} is not a valid Verdict")
    out_of_bounds = entry_bound_problem(fields)
    if out_of_bounds is not None:
        return _rejected(entry_id, out_of_bounds)
    fields["offline"] = bool(fields["offline"])
    expected = hashlib.sha256(canonical_json(fields)).hexdigest()
    if expected != claimed:
        expected = entry_hash(fields)  # the reference itself, before refusing anything
    if expected != claimed:
        return _rejected(entry_id, "entry hash does not match")
    fields["hash"] = claimed
    return fields


def canonical_json(unhashed: dict[str, Any]) -> bytes:
    """The text `kiosk.domain.log_entry.entry_hash` hashes: json.dumps(sort_keys=True,
    separators=(",", ":"), ensure_ascii=True). orjson writes the same bytes whenever no string
    needs escaping (printable ASCII only: no backslash in the output, no byte above 0x7E) and
    the values are str/int/bool/None (checked by `checked_entry`), at a sixth of the cost;
    anything else goes through the standard encoder. tests/test_sync_wire.py holds the two
    equal on awkward text."""
    try:
        text = orjson.dumps(unhashed, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # e.g. an integer beyond 64 bits
        text = b"\\"
    if b"\\" in text or not text.isascii() or b"\x7f" in text:
        return _CANONICAL.encode(unhashed).encode()
    return text


def _shown_id(value: object) -> str:
    """An unusable entry id as it can be sent back: short, and valid UTF-8."""
    return str(value)[: ENTRY_TEXT_LIMITS["id"]].encode("utf-8", "replace").decode("utf-8")


def _rejected(entry_id: str, reason: str) -> EntryAck:
    return EntryAck(entry_id, AckStatus.REJECTED, reason)


def _stored_values(fields: dict[str, Any]) -> tuple[Any, ...]:
    """A checked entry as the log row (LOG_COLUMNS order; `offline` as 0/1)."""
    return tuple(fields.values())


def gate_rules_from_row(row: dict[str, Any]) -> GateRules:
    allowed = row["allowed_types"]
    if isinstance(allowed, str):
        allowed = json.loads(allowed)
    return GateRules(
        gate_id=row["id"],
        name=row["name"],
        allowed_types=None if allowed is None else frozenset(allowed),
        entry_mode=EntryMode(row["entry_mode"]),
        valid_from_ms=row["valid_from_ms"],
        valid_until_ms=row["valid_until_ms"],
        unknown_ticket_policy=UnknownTicketPolicy(row["unknown_policy"]),
        timezone=row["timezone"] or "UTC",
    )


def conflict_row(event_id: int, conflict: Conflict) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "event_id": event_id,
        "ticket_id": conflict.ticket_id,
        "first_entry_id": conflict.first.entry_id,
        "second_entry_id": conflict.second.entry_id,
        "first_station": conflict.first.station_id,
        "second_station": conflict.second.station_id,
        "first_gate": conflict.first.gate_id,
        "second_gate": conflict.second.gate_id,
        "first_hlc": conflict.first.hlc,
        "second_hlc": conflict.second.hlc,
        "acknowledged_entry_id": None,
    }


def _chunks(values: list[Any], size: int = _IN_CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class SqliteSyncStore:
    """`SyncStorage` on top of the stub's `ServerStore` database file."""

    def __init__(self, store: ServerStore) -> None:
        self.store = store
        self.conn = store.conn
        self._stamped: dict[tuple[str, str], int] = {}

    # -- provisioning and credentials ---------------------------------------------------------

    def create_station_token(self, event_id: int, name: str, ttl_ms: int | None = None) -> str:
        self._require_event(event_id)
        token = secrets.token_urlsafe(24)
        while token.startswith("-"):  # `--token -x...` would read as an option on a command line
            token = secrets.token_urlsafe(24)
        ttl = DEFAULT_TOKEN_TTL_MS if ttl_ms is None else ttl_ms
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO provisioning_tokens (token_hash, event_id, name, created_ms, "
                "expires_ms) VALUES (?, ?, ?, ?, ?)",
                (secret_hash(token), event_id, name, now_ms(), now_ms() + ttl),
            )
        return token

    def exchange_token(self, token: str, nonce: str, name: str | None) -> ProvisionedStation:
        """One-time: the first exchange creates the station. Repeating it with the same nonce
        (the station never got the answer) re-issues the credential until the station has
        used it once; any other reuse is refused."""
        credential = secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT event_id, name, expires_ms, used_ms, station_id, claim_nonce "
                "FROM provisioning_tokens WHERE token_hash = ?",
                (secret_hash(token),),
            ).fetchone()
            if row is None:
                raise AuthError(AuthProblem.UNKNOWN, "this provisioning token is not known")
            event_id, token_name, expires_ms, used_ms, station_id, claim_nonce = row
            station_name = name or token_name
            if used_ms is None:
                if expires_ms is not None and expires_ms < now_ms():
                    raise AuthError(AuthProblem.UNKNOWN, "this provisioning token has expired")
                station_id = str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO stations (id, event_id, name, credential_hash, created_ms) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (station_id, event_id, station_name, secret_hash(credential), now_ms()),
                )
                conn.execute(
                    "UPDATE provisioning_tokens SET used_ms = ?, station_id = ?, claim_nonce = ? "
                    "WHERE token_hash = ?",
                    (now_ms(), station_id, nonce, secret_hash(token)),
                )
            else:
                seen = conn.execute(
                    "SELECT last_seen_ms, name FROM stations WHERE id = ?", (station_id,)
                ).fetchone()
                if claim_nonce != nonce or seen is None or seen[0] is not None:
                    raise AuthError(AuthProblem.UNKNOWN, "this provisioning token was already used")
                station_name = seen[1]
                conn.execute(
                    "UPDATE stations SET credential_hash = ? WHERE id = ?",
                    (secret_hash(credential), station_id),
                )
        return ProvisionedStation(station_id, event_id, station_name, credential)

    def authenticate(self, credential: str | None) -> StationPrincipal:
        if not credential:
            raise AuthError(AuthProblem.MISSING, "this request needs a station credential")
        with self.store.lock:
            row = self.conn.execute(
                "SELECT id, event_id, name, revoked_ms FROM stations WHERE credential_hash = ?",
                (secret_hash(credential),),
            ).fetchone()
            if row is None:
                raise AuthError(AuthProblem.UNKNOWN, "this station credential is not known")
            if row[3] is not None:
                raise AuthError(AuthProblem.REVOKED, "this station was revoked by an operator")
            self._stamp("last_seen_ms", row[0])
        return StationPrincipal(row[0], row[1], row[2])

    def _stamp(self, column: str, station_id: str) -> None:
        """Record when a station was last seen / last pulled: written at once the first time
        (provisioning and the report rely on NULL meaning "never"), then at most every
        `STAMP_EVERY_MS`. Each write is its own fsync'd commit, and a pull of five pages made
        eleven of them; the report does not need them to the millisecond."""
        now = now_ms()
        key = (column, station_id)
        if now - self._stamped.get(key, -STAMP_EVERY_MS) < STAMP_EVERY_MS:
            return
        self.conn.execute(f"UPDATE stations SET {column} = ? WHERE id = ?", (now, station_id))
        self._stamped[key] = now

    def revoke_station(self, station_id: str) -> None:
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "UPDATE stations SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL",
                (now_ms(), station_id),
            )
            if not cursor.rowcount:
                raise NotFound(f"no active station {station_id}")

    def stations(self, event_id: int) -> list[dict[str, Any]]:
        return list(
            self.store.db.query(
                "SELECT id, name, created_ms, revoked_ms, last_seen_ms, last_push_ms, "
                "last_pull_ms, bundle_id FROM stations WHERE event_id = ? ORDER BY created_ms",
                [event_id],
            )
        )

    # -- pull ---------------------------------------------------------------------------------

    def event_info(self, principal: StationPrincipal) -> dict[str, Any]:
        with self.store.lock:
            event = self._require_event(principal.event_id)
            return {
                "event": {k: event[k] for k in ("id", "name", "timezone", "starts_ms", "ends_ms")},
                "contact_key": event["contact_key"],
                "gates": self.store.gates(principal.event_id),
                "station": {"id": principal.station_id, "name": principal.name},
                "cursor": self.store.current_change(),
                "server_time_ms": now_ms(),
            }

    def changes(self, principal: StationPrincipal, after: int, limit: int) -> dict[str, Any]:
        """Everything of the station's event changed after `after`, at most `limit` rows, in
        cursor order. Each row has a cursor value of its own, so `cursor` in the answer is
        exactly where the next page starts; an interrupted pull resumes from the last cursor
        the station stored."""
        page: dict[str, Any] = json.loads(self.changes_json(principal, after, limit))
        return page

    def changes_json(self, principal: StationPrincipal, after: int, limit: int) -> bytes:
        """`changes()` as the JSON body the HTTP layer sends. Tickets and log entries (the
        bulk of any page) are rendered to JSON by SQLite itself (`json_object`) and spliced in
        as text: no Python dict per row, no re-encoding, and the contact hashes are the ones
        stored with each ticket."""
        event_id = principal.event_id
        with self.store.lock:
            self.conn.execute("BEGIN")
            try:
                top = self.store.current_change()
                streams = self._change_streams(event_id, principal.station_id, after, limit)
            finally:
                self.conn.execute("COMMIT")
            self._stamp("last_pull_ms", principal.station_id)
        # A stream that filled its limit may have more rows beyond it, even when the merged
        # page is not over the limit: then the page ends at its last row, not at `top`.
        more = sum(len(s) for s in streams.values()) > limit or any(
            len(s) == limit for s in streams.values()
        )
        taken = list(islice(heapq.merge(*streams.values()), limit))
        # Every row has a change_seq of its own, so the page is exactly the rows up to the
        # last one taken; each stream is already in change_seq order.
        last = taken[-1][0] if taken else after
        cursor = last if more else max(top, after)
        head = f'{{"cursor":{cursor},"top":{top},"more":{"true" if more else "false"}'
        parts = [head.encode()]
        for kind in _KINDS:
            parts.append(f',"{kind}":['.encode())
            parts.append(b",".join([text for seq, text in streams[kind] if seq <= last]))
            parts.append(b"]")
        parts.append(b"}")
        return b"".join(parts)

    def _change_streams(
        self, event_id: int, station_id: str, after: int, limit: int
    ) -> dict[str, list[tuple[int, bytes]]]:
        """Per kind, up to `limit` rows changed after `after` as (change_seq, UTF-8 JSON)."""
        params = (event_id, after, limit)
        return {
            "ticket_types": self._json_rows(_TYPE_PAGE_SQL, params),
            "gates": self._gate_rows(event_id, after, limit),
            "keys": self._key_rows(event_id, after, limit),
            "tickets": self._json_rows(_TICKET_PAGE_SQL, params),
            "revocations": self._json_rows(_REVOCATION_PAGE_SQL, params),
            "entries": self._json_rows(_ENTRY_PAGE_SQL, (event_id, after, station_id, limit)),
        }

    def _json_rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[int, bytes]]:
        return self.conn.execute(sql, params).fetchall()

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _gate_rows(self, event_id: int, after: int, limit: int) -> list[tuple[int, bytes]]:
        rows = self._rows(
            "SELECT id, name, allowed_types, entry_mode, valid_from_ms, valid_until_ms, "
            "unknown_policy, timezone, change_seq FROM gates WHERE event_id = ? "
            "AND change_seq > ? ORDER BY change_seq LIMIT ?",
            (event_id, after, limit),
        )
        out = []
        for row in rows:
            change = int(row.pop("change_seq"))
            out.append((change, _json_text(decode_gate(row))))
        return out

    def _key_rows(self, event_id: int, after: int, limit: int) -> list[tuple[int, bytes]]:
        rows = self._rows(
            "SELECT kid, algorithm, secret, status, change_seq FROM signing_keys "
            "WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?",
            (event_id, after, limit),
        )
        return [
            (
                int(row["change_seq"]),
                _json_text(
                    station_key(
                        event_id, row["kid"], row["algorithm"], row["secret"], row["status"]
                    )
                ),
            )
            for row in rows
        ]

    # -- push and merge -----------------------------------------------------------------------

    def push(self, principal: StationPrincipal, entries: list[dict[str, Any]]) -> PushResult:
        """Insert idempotently by entry id, answer entry by entry, then re-merge the touched
        tickets. Entries of another station or event refuse the whole batch (403)."""
        for raw in entries:
            if raw.get("station_id") != principal.station_id:
                raise AuthError(
                    AuthProblem.WRONG_STATION, "a station may only upload its own log entries"
                )
            if raw.get("event_id") != principal.event_id:
                raise AuthError(
                    AuthProblem.WRONG_EVENT, "a station may only upload entries for its event"
                )
        checked = [checked_entry(raw) for raw in entries]  # outside the lock: pure CPU
        with self.store.transaction() as conn:
            checked = self._refuse_unknown_tickets(conn, principal.event_id, checked)
            acks, accepted = self._insert_entries(conn, principal.station_id, checked)
            touched = self._refresh_conflicts(
                conn, principal.event_id, {e["ticket_id"] for e in accepted if e["ticket_id"]}
            )
            self._apply_acks(
                conn,
                [(e["id"], e["ref"]) for e in accepted if e["action"] == Action.CONFLICT_ACK],
            )
            conn.execute(
                "UPDATE stations SET last_push_ms = ? WHERE id = ?",
                (now_ms(), principal.station_id),
            )
        gaps = self.sequence_gaps(principal.event_id, principal.station_id)
        return PushResult(acks, gaps, touched)

    def _refuse_unknown_tickets(
        self,
        conn: sqlite3.Connection,
        event_id: int,
        checked: list[dict[str, Any] | EntryAck],
    ) -> list[dict[str, Any] | EntryAck]:
        """Entries that name a ticket the event does not have are refused one by one, unless
        they cannot admit anyone (`refused` scans are kept as evidence), the ticket already has
        accepted entries in the log, or `ref` carries a code for exactly this event and ticket
        whose signature verifies with one of the event's keys: a genuine ticket sold after the
        station's last pull (docs/sync-protocol.md, "Tickets not on the list")."""
        named = {
            c["ticket_id"]
            for c in checked
            if not isinstance(c, EntryAck) and c["ticket_id"] is not None
        }
        if not named:
            return checked
        named_json = json.dumps(sorted(named))
        known = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM tickets WHERE event_id = ? AND id IN "
                "(SELECT value FROM json_each(?)) UNION SELECT DISTINCT ticket_id FROM log "
                "WHERE event_id = ? AND ticket_id IN (SELECT value FROM json_each(?))",
                (event_id, named_json, event_id, named_json),
            )
        }
        if named <= known:
            return checked
        keyring: Keyring | None = None
        out: list[dict[str, Any] | EntryAck] = []
        for entry in checked:
            if isinstance(entry, EntryAck) or entry["ticket_id"] in known:
                out.append(entry)
                continue
            if entry["action"] == Action.REFUSED:
                out.append(entry)
                continue
            if keyring is None:
                keyring = self._keyring(event_id)
            claims = verify(entry["ref"] or "", keyring, event_id)
            if isinstance(claims, TicketClaims) and claims.ticket_id == entry["ticket_id"]:
                known.add(entry["ticket_id"])
                out.append(entry)
                continue
            out.append(
                _rejected(
                    entry["id"],
                    f"ticket {entry['ticket_id']} is not in this event, and the entry carries "
                    "no validly signed code for it",
                )
            )
        return out

    def _keyring(self, event_id: int) -> Keyring:
        keys = self.store.verify_keys(event_id)
        return Keyring(
            VerifyKey(
                event_id, k["kid"], KeyAlgorithm(k["algorithm"]), bytes.fromhex(k["material"])
            )
            for k in keys
        )

    def _insert_entries(
        self,
        conn: sqlite3.Connection,
        station_id: str,
        checked: list[dict[str, Any] | EntryAck],
    ) -> tuple[list[EntryAck], list[dict[str, Any]]]:
        """One lookup for the ids and sequence numbers the log already holds, one
        `executemany` for the new entries; the answer keeps the order of the batch."""
        fields = [c for c in checked if not isinstance(c, EntryAck)]
        held: dict[str, str] = dict(
            conn.execute(
                "SELECT id, hash FROM log WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([f["id"] for f in fields]),),
            ).fetchall()
        )
        seqs_used = {
            r[0]
            for r in conn.execute(
                "SELECT seq FROM log WHERE station_id = ? "
                "AND seq IN (SELECT value FROM json_each(?))",
                (station_id, json.dumps([f["seq"] for f in fields])),
            )
        }
        first_change = self.store.next_changes(conn, max(1, len(checked)))
        received = now_ms()
        acks: list[EntryAck] = []
        accepted: list[dict[str, Any]] = []
        rows: list[tuple[Any, ...]] = []
        for offset, entry in enumerate(checked):
            if isinstance(entry, EntryAck):
                acks.append(entry)
                continue
            entry_id = entry["id"]
            known = held.get(entry_id)
            if known is not None:
                if known == entry["hash"]:
                    acks.append(EntryAck(entry_id, AckStatus.DUPLICATE))
                else:
                    acks.append(_rejected(entry_id, "entry id already used by another entry"))
                continue
            if entry["seq"] in seqs_used:
                acks.append(
                    _rejected(
                        entry_id,
                        f"sequence number {entry['seq']} of this station is already used by "
                        "another entry",
                    )
                )
                continue
            held[entry_id] = entry["hash"]
            seqs_used.add(entry["seq"])
            rows.append((*_stored_values(entry), received, first_change + offset))
            accepted.append(entry)
            acks.append(EntryAck(entry_id, AckStatus.ACCEPTED))
        conn.executemany(
            f"INSERT INTO log ({_LOG_SQL}, received_ms, change_seq) "
            f"VALUES ({', '.join('?' * (len(LOG_COLUMNS) + 2))})",
            rows,
        )
        return acks, accepted

    def _refresh_conflicts(
        self, conn: sqlite3.Connection, event_id: int, ticket_ids: set[int]
    ) -> int:
        """Re-run the shared merge (`find_conflicts`) for tickets that now have entries from
        more than one station; only those can hold a conflict. Batched: one query finds those
        tickets, one reads their entries, one their stored conflicts."""
        if not ticket_ids:
            return 0
        shared = [
            r[0]
            for r in conn.execute(
                "SELECT ticket_id FROM log WHERE event_id = ? AND ticket_id IN "
                "(SELECT value FROM json_each(?)) GROUP BY ticket_id "
                "HAVING count(DISTINCT station_id) > 1",
                (event_id, json.dumps(sorted(ticket_ids))),
            )
        ]
        if not shared:
            return 0
        shared_json = json.dumps(shared)
        by_ticket: dict[int, list[LogEntry]] = {t: [] for t in shared}
        for row in conn.execute(
            f"SELECT {_LOG_SQL} FROM log WHERE event_id = ? AND ticket_id IN "
            "(SELECT value FROM json_each(?))",
            (event_id, shared_json),
        ):
            by_ticket[row[7]].append(entry_from_row(row))
        existing: dict[int, set[str]] = {t: set() for t in shared}
        for ticket_id, conflict_id in conn.execute(
            "SELECT ticket_id, id FROM conflicts WHERE event_id = ? AND ticket_id IN "
            "(SELECT value FROM json_each(?))",
            (event_id, shared_json),
        ):
            existing[ticket_id].add(conflict_id)
        rules = self._rules_lookup(event_id)
        stale: list[str] = []
        new: list[Conflict] = []
        for ticket_id in shared:
            found = find_conflicts(ticket_id, by_ticket[ticket_id], rules)
            stale += existing[ticket_id] - {c.id for c in found}
            new += [c for c in found if c.id not in existing[ticket_id]]
        conn.executemany("DELETE FROM conflicts WHERE id = ?", [(i,) for i in stale])
        self._store_conflicts(conn, event_id, new)
        return len(shared)

    def _rules_lookup(self, event_id: int) -> Callable[[str | None], GateRules | None]:
        gates = {g["id"]: gate_rules_from_row(g) for g in self.store.gates(event_id)}
        return lambda gate_id: None if gate_id is None else gates.get(gate_id)

    def _store_conflicts(
        self, conn: sqlite3.Connection, event_id: int, found: list[Conflict]
    ) -> None:
        if not found:
            return
        first_ack: dict[str, str] = {}
        for ref, ack_id in conn.execute(
            "SELECT ref, id FROM log WHERE action = 'conflict_ack' AND ref IN "
            "(SELECT value FROM json_each(?)) ORDER BY hlc DESC",
            (json.dumps([c.id for c in found]),),
        ):
            first_ack[ref] = ack_id  # descending: the earliest acknowledgement is kept
        detected = now_ms()
        rows = []
        for conflict in found:
            row = conflict_row(event_id, conflict)
            row["acknowledged_entry_id"] = first_ack.get(conflict.id)
            rows.append((*(row[c] for c in _CONFLICT_COLUMNS), detected))
        conn.executemany(
            f"INSERT OR REPLACE INTO conflicts ({', '.join(_CONFLICT_COLUMNS)}, detected_ms) "
            f"VALUES ({', '.join('?' * len(_CONFLICT_COLUMNS))}, ?)",
            rows,
        )

    def _apply_acks(self, conn: sqlite3.Connection, acks: list[tuple[str, str | None]]) -> None:
        """(ack entry id, conflict id) pairs: the first acknowledgement of a conflict sticks."""
        conn.executemany(
            "UPDATE conflicts SET acknowledged_entry_id = ? WHERE id = ? "
            "AND acknowledged_entry_id IS NULL",
            acks,
        )

    # -- conflicts ----------------------------------------------------------------------------

    def conflicts(self, event_id: int, include_acknowledged: bool = True) -> list[dict[str, Any]]:
        sql = "SELECT c.*, l.detail AS ack_note FROM conflicts c LEFT JOIN log l "
        sql += "ON l.id = c.acknowledged_entry_id WHERE c.event_id = ?"
        if not include_acknowledged:
            sql += " AND c.acknowledged_entry_id IS NULL"
        with self.store.lock:
            return self._rows(sql + " ORDER BY c.second_hlc", (event_id,))

    def all_conflicts(self, include_acknowledged: bool = True) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for event in self.store.events():
            rows += self.conflicts(event["id"], include_acknowledged)
        return rows

    def acknowledge_conflict(
        self, event_id: int, conflict_id: str, note: str, by: str
    ) -> dict[str, Any]:
        """An operator's acknowledgement, written as a log entry of the server's own
        pseudo-station so stations pull it like any other entry."""
        station_id = server_station_id(event_id)
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT ticket_id FROM conflicts WHERE id = ? AND event_id = ?",
                (conflict_id, event_id),
            ).fetchone()
            if row is None:
                raise NotFound(f"no conflict {conflict_id} in event {event_id}")
            last = conn.execute(
                "SELECT seq, hash FROM log WHERE station_id = ? ORDER BY seq DESC LIMIT 1",
                (station_id,),
            ).fetchone()
            top_hlc = conn.execute(
                "SELECT coalesce(max(hlc), 0) FROM log WHERE event_id = ?", (event_id,)
            ).fetchone()[0]
            wall = now_ms()
            entry = seal(
                {
                    "id": str(uuid.uuid4()),
                    "station_id": station_id,
                    "seq": last[0] + 1 if last else 1,
                    "hlc": max(pack(wall, 0), top_hlc + 1),
                    "wall_ms": wall,
                    "event_id": event_id,
                    "gate_id": None,
                    "ticket_id": None,
                    "action": str(Action.CONFLICT_ACK),
                    "verdict": str(Verdict.ADMITTED),
                    "offline": False,
                    "method": "operator",
                    "ref": conflict_id,
                    "detail": f"{note or 'acknowledged'} (by {by})",
                    "prev_hash": last[1] if last else GENESIS_HASH,
                }
            )
            conn.execute(
                f"INSERT INTO log ({_LOG_SQL}, received_ms, change_seq) "
                f"VALUES ({', '.join('?' * (len(LOG_COLUMNS) + 2))})",
                (*entry_values(entry), wall, self.store.next_change(conn)),
            )
            self._apply_acks(conn, [(entry.id, entry.ref)])
        return entry_json(entry)

    # -- operators' other writes ----------------------------------------------------------------

    def revoke_ticket(self, event_id: int, ticket_id: int, reason: str, revoked: bool) -> None:
        try:
            self.store.revoke(event_id, ticket_id, reason, revoked)
        except StoreError as error:
            raise NotFound(str(error)) from error

    def sequence_gaps(self, event_id: int, station_id: str | None = None) -> list[SeqGap]:
        """Runs of sequence numbers never received: a station that lost entries, or a push
        still in flight (batches arriving out of order close their gap on the next push)."""
        if station_id is not None:
            with self.store.lock:
                count, low, high = self.conn.execute(
                    "SELECT count(*), min(seq), max(seq) FROM log WHERE station_id = ?",
                    (station_id,),
                ).fetchone()
            if count == 0 or (low <= 1 and high - low + 1 == count):
                return []  # (station_id, seq) is unique: a full run from 1 has no gaps
        sql = (
            "SELECT station_id, seq, lag(seq, 1, 0) OVER (PARTITION BY station_id ORDER BY seq) "
            "AS prev FROM log WHERE event_id = ?"
        )
        params: list[Any] = [event_id]
        if station_id is not None:
            sql += " AND station_id = ?"
            params.append(station_id)
        with self.store.lock:
            rows = self.conn.execute(
                f"SELECT station_id, seq, prev FROM ({sql}) WHERE seq > prev + 1", params
            ).fetchall()
        gaps = [SeqGap(sid, prev + 1, seq - 1) for sid, seq, prev in rows]
        return gaps

    def _require_event(self, event_id: int) -> dict[str, Any]:
        try:
            return self.store.event(event_id)
        except StoreError as error:
            raise NotFound(str(error)) from error

    def log_entries(self, event_id: int) -> list[LogEntry]:
        with self.store.lock:
            rows = self.conn.execute(
                f"SELECT {_LOG_SQL} FROM log WHERE event_id = ? ORDER BY change_seq", (event_id,)
            ).fetchall()
        return [entry_from_row(r) for r in rows]


_KINDS = ("ticket_types", "gates", "keys", "tickets", "revocations", "entries")


def _json_text(row: dict[str, Any]) -> bytes:
    return json.dumps(row, separators=(",", ":"), ensure_ascii=False).encode()


def _json_object_sql(fields: dict[str, str]) -> str:
    """SQLite renders the row; CAST AS BLOB hands Python its UTF-8 bytes as they are (no
    decoding into str and encoding back)."""
    return "CAST(json_object(" + ", ".join(f"'{k}', {v}" for k, v in fields.items()) + ") AS BLOB)"


# Pull pages: (change_seq, the row as a JSON object) straight from SQLite, in cursor order.
_TYPE_PAGE_SQL = (
    "SELECT change_seq, "
    + _json_object_sql(
        {c: c for c in ("id", "name", "colour", "template", "valid_from_ms", "valid_until_ms")}
    )
    + " FROM ticket_types WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?"
)
_TICKET_PAGE_SQL = (
    "SELECT change_seq, "
    + _json_object_sql(
        {
            **{c: c for c in ("id", "type_id", "code", "confirmation", "first_name")},
            "last_name": "last_name",
            "organisation": "coalesce(organisation, '')",
            "email_hash": "email_hash",
            "phone_hash": "phone_hash",
            "flagged": "flagged",
            "note": "coalesce(note, '')",
            "external_code": "external_code",
        }
    )
    + " FROM tickets WHERE event_id = ? AND change_seq > ? ORDER BY change_seq, id LIMIT ?"
)
_REVOCATION_PAGE_SQL = (
    "SELECT change_seq, "
    + _json_object_sql(
        {
            "ticket_id": "ticket_id",
            "reason": "reason",
            "revoked_ms": "revoked_ms",
            "revoked": "json(CASE WHEN revoked THEN 'true' ELSE 'false' END)",
        }
    )
    + " FROM revocations WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?"
)
_ENTRY_PAGE_SQL = (
    "SELECT change_seq, "
    + _json_object_sql(
        {
            **{c: c for c in LOG_COLUMNS},
            "offline": "json(CASE WHEN offline THEN 'true' ELSE 'false' END)",
        }
    )
    + " FROM log WHERE event_id = ? AND change_seq > ? AND station_id != ? "
    "ORDER BY change_seq LIMIT ?"
)

__all__ = ["SqliteSyncStore", "SyncStorageError"]
