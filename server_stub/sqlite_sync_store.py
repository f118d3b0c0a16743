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
from typing import Any

from kiosk.core.gate_rules import EntryMode, GateRules, UnknownTicketPolicy
from kiosk.core.hlc import pack
from kiosk.core.log_entry import GENESIS_HASH, LogEntry, seal
from kiosk.core.merge import Conflict, find_conflicts
from kiosk.core.ticket_codec import KeyAlgorithm, SigningKey
from kiosk.core.verdicts import Action, Verdict
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
from server_stub.store import ServerStore, StoreError, now_ms
from sync.wire_format import entry_json, hash_matches

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


def entry_from_row(row: Iterable[Any]) -> LogEntry:
    return LogEntry.from_json(dict(zip(LOG_COLUMNS, row, strict=True)))


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

    # -- provisioning and credentials ---------------------------------------------------------

    def create_station_token(self, event_id: int, name: str, ttl_ms: int | None = None) -> str:
        self._require_event(event_id)
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
            self.conn.execute(
                "UPDATE stations SET last_seen_ms = ? WHERE id = ?", (now_ms(), row[0])
            )
        return StationPrincipal(row[0], row[1], row[2])

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
                "last_pull_ms FROM stations WHERE event_id = ? ORDER BY created_ms",
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
        event_id = principal.event_id
        with self.store.lock:
            self.conn.execute("BEGIN")
            try:
                top = self.store.current_change()
                streams = self._change_streams(event_id, principal.station_id, after, limit)
            finally:
                self.conn.execute("COMMIT")
            self.conn.execute(
                "UPDATE stations SET last_pull_ms = ? WHERE id = ?",
                (now_ms(), principal.station_id),
            )
        merged = list(heapq.merge(*streams, key=lambda item: item[0]))
        page: dict[str, Any] = {k: [] for k in _KINDS}
        # A stream that filled its limit may have more rows beyond it, even when the merged
        # page is not over the limit: then the page ends at its last row, not at `top`.
        more = len(merged) > limit or any(len(s) == limit for s in streams)
        taken = merged[:limit]
        for _seq, kind, row in taken:
            page[kind].append(row)
        cursor = taken[-1][0] if more else max(top, after)
        return {**page, "cursor": cursor, "top": top, "more": more}

    def _change_streams(
        self, event_id: int, station_id: str, after: int, limit: int
    ) -> list[list[tuple[int, str, dict[str, Any]]]]:
        readers: dict[str, Callable[[], list[dict[str, Any]]]] = {
            "ticket_types": lambda: self._rows(
                "SELECT id, name, colour, template, valid_from_ms, valid_until_ms, change_seq "
                "FROM ticket_types WHERE event_id = ? AND change_seq > ? "
                "ORDER BY change_seq LIMIT ?",
                (event_id, after, limit),
            ),
            "gates": lambda: self._gate_rows(event_id, after, limit),
            "keys": lambda: self._key_rows(event_id, after, limit),
            "tickets": lambda: self.store.ticket_rows_for_station(event_id, after, limit),
            "revocations": lambda: [
                {**r, "revoked": bool(r["revoked"])}
                for r in self._rows(
                    "SELECT ticket_id, reason, revoked_ms, revoked, change_seq FROM revocations "
                    "WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?",
                    (event_id, after, limit),
                )
            ],
            "entries": lambda: self._entry_rows(event_id, station_id, after, limit),
        }
        streams = []
        for kind, read in readers.items():
            streams.append([(int(r.pop("change_seq")), kind, r) for r in read()])
        return streams

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _gate_rows(self, event_id: int, after: int, limit: int) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT id, name, allowed_types, entry_mode, valid_from_ms, valid_until_ms, "
            "unknown_policy, timezone, change_seq FROM gates WHERE event_id = ? "
            "AND change_seq > ? ORDER BY change_seq LIMIT ?",
            (event_id, after, limit),
        )
        for row in rows:
            raw = row["allowed_types"]
            row["allowed_types"] = None if raw is None else json.loads(raw)
        return rows

    def _key_rows(self, event_id: int, after: int, limit: int) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT kid, algorithm, secret, status, change_seq FROM signing_keys "
            "WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?",
            (event_id, after, limit),
        )
        out = []
        for row in rows:
            signing = SigningKey(
                event_id, row["kid"], KeyAlgorithm(row["algorithm"]), bytes.fromhex(row["secret"])
            )
            out.append(
                {
                    "kid": row["kid"],
                    "algorithm": row["algorithm"],
                    "material": signing.verify_key().material.hex(),
                    "status": row["status"],
                    "change_seq": row["change_seq"],
                }
            )
        return out

    def _entry_rows(
        self, event_id: int, station_id: str, after: int, limit: int
    ) -> list[dict[str, Any]]:
        rows = self._rows(
            f"SELECT {_LOG_SQL}, change_seq FROM log WHERE event_id = ? AND change_seq > ? "
            "AND station_id != ? ORDER BY change_seq LIMIT ?",
            (event_id, after, station_id, limit),
        )
        for row in rows:
            row["offline"] = bool(row["offline"])
        return rows

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
        with self.store.transaction() as conn:
            acks, accepted = self._insert_entries(conn, principal.event_id, entries)
            touched = self._refresh_conflicts(
                conn, principal.event_id, {e.ticket_id for e in accepted if e.ticket_id}
            )
            self._apply_acks(conn, [e for e in accepted if e.action is Action.CONFLICT_ACK])
            conn.execute(
                "UPDATE stations SET last_push_ms = ? WHERE id = ?",
                (now_ms(), principal.station_id),
            )
        gaps = self.sequence_gaps(principal.event_id, principal.station_id)
        return PushResult(acks, gaps, touched)

    def _insert_entries(
        self, conn: sqlite3.Connection, event_id: int, raws: list[dict[str, Any]]
    ) -> tuple[list[EntryAck], list[LogEntry]]:
        acks: list[EntryAck] = []
        accepted: list[LogEntry] = []
        first_change = self.store.next_changes(conn, max(1, len(raws)))
        received = now_ms()
        for offset, raw in enumerate(raws):
            try:
                entry = LogEntry.from_json(raw)
            except (KeyError, TypeError, ValueError) as error:
                acks.append(EntryAck(str(raw.get("id", "")), AckStatus.REJECTED, f"{error}"))
                continue
            if not hash_matches(entry):
                acks.append(EntryAck(entry.id, AckStatus.REJECTED, "entry hash does not match"))
                continue
            cursor = conn.execute(
                f"INSERT OR IGNORE INTO log ({_LOG_SQL}, received_ms, change_seq) "
                f"VALUES ({', '.join('?' * (len(LOG_COLUMNS) + 2))})",
                (*entry_values(entry), received, first_change + offset),
            )
            if cursor.rowcount:
                accepted.append(entry)
                acks.append(EntryAck(entry.id, AckStatus.ACCEPTED))
            else:
                acks.append(self._explain_ignored(conn, entry))
        return acks, accepted

    def _explain_ignored(self, conn: sqlite3.Connection, entry: LogEntry) -> EntryAck:
        row = conn.execute("SELECT hash FROM log WHERE id = ?", (entry.id,)).fetchone()
        if row is not None:
            if row[0] == entry.hash:
                return EntryAck(entry.id, AckStatus.DUPLICATE)
            return EntryAck(entry.id, AckStatus.REJECTED, "entry id already used by another entry")
        return EntryAck(
            entry.id,
            AckStatus.REJECTED,
            f"sequence number {entry.seq} of this station is already used by another entry",
        )

    def _refresh_conflicts(
        self, conn: sqlite3.Connection, event_id: int, ticket_ids: set[int]
    ) -> int:
        """Re-run the shared merge (`find_conflicts`) for tickets that now have entries from
        more than one station; only those can hold a conflict."""
        if not ticket_ids:
            return 0
        shared: list[int] = []
        for chunk in _chunks(sorted(ticket_ids)):
            shared += [
                r[0]
                for r in conn.execute(
                    f"SELECT ticket_id FROM log WHERE event_id = ? AND ticket_id IN "
                    f"({', '.join('?' * len(chunk))}) GROUP BY ticket_id "
                    "HAVING count(DISTINCT station_id) > 1",
                    (event_id, *chunk),
                )
            ]
        if not shared:
            return 0
        rules = self._rules_lookup(event_id)
        for ticket_id in shared:
            entries = [
                entry_from_row(r)
                for r in conn.execute(
                    f"SELECT {_LOG_SQL} FROM log WHERE event_id = ? AND ticket_id = ?",
                    (event_id, ticket_id),
                )
            ]
            found = find_conflicts(ticket_id, entries, rules)
            self._store_conflicts(conn, event_id, ticket_id, found)
        return len(shared)

    def _rules_lookup(self, event_id: int) -> Callable[[str | None], GateRules | None]:
        gates = {g["id"]: gate_rules_from_row(g) for g in self.store.gates(event_id)}
        return lambda gate_id: None if gate_id is None else gates.get(gate_id)

    def _store_conflicts(
        self, conn: sqlite3.Connection, event_id: int, ticket_id: int, found: list[Conflict]
    ) -> None:
        keep = {c.id for c in found}
        existing = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM conflicts WHERE event_id = ? AND ticket_id = ?",
                (event_id, ticket_id),
            )
        }
        for stale in existing - keep:
            conn.execute("DELETE FROM conflicts WHERE id = ?", (stale,))
        for conflict in found:
            if conflict.id in existing:
                continue
            row = conflict_row(event_id, conflict)
            ack = conn.execute(
                "SELECT id FROM log WHERE action = 'conflict_ack' AND ref = ? ORDER BY hlc LIMIT 1",
                (conflict.id,),
            ).fetchone()
            row["acknowledged_entry_id"] = ack[0] if ack else None
            conn.execute(
                f"INSERT INTO conflicts ({', '.join(_CONFLICT_COLUMNS)}, detected_ms) "
                f"VALUES ({', '.join('?' * len(_CONFLICT_COLUMNS))}, ?)",
                (*(row[c] for c in _CONFLICT_COLUMNS), now_ms()),
            )

    def _apply_acks(self, conn: sqlite3.Connection, acks: list[LogEntry]) -> None:
        for ack in acks:
            conn.execute(
                "UPDATE conflicts SET acknowledged_entry_id = ? WHERE id = ? "
                "AND acknowledged_entry_id IS NULL",
                (ack.id, ack.ref),
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
            self._apply_acks(conn, [entry])
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

__all__ = ["SqliteSyncStore", "SyncStorageError"]
