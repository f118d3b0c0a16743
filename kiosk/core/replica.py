"""The station's SQLite replica: event data pulled from the server, plus the check-in log.

WAL with `synchronous=FULL`: every commit is fsync'd, so an entry whose verdict was shown
survives a power cut (NORMAL would be faster and could lose it). Schema changes are numbered
migrations recorded in `PRAGMA user_version`.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.core.replica_schema import MIGRATIONS, PRINT_JOBS_HANDOVER
from kiosk.core.replica_writes import (
    write_gates,
    write_keys,
    write_remote_entries,
    write_revocations,
    write_ticket_types,
    write_tickets,
)
from kiosk.domain.admission import TicketRecord, TypeWindow
from kiosk.domain.gate_rules import EntryMode, GateRules, UnknownTicketPolicy
from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.merge import TicketState, fold
from kiosk.domain.ticket_codec import KeyAlgorithm, Keyring, VerifyKey
from kiosk.sqlite_file import migrate, write_transaction

DB_FILENAME = "station.sqlite3"
_LOG_COLUMNS = ", ".join(ENTRY_FIELDS)


class ReplicaError(Exception):
    """The station's data file cannot be used (damaged, from a newer version, disk full)."""


@dataclass(frozen=True)
class StationIdentity:
    station_id: str
    name: str
    event_id: int
    gate_id: str
    server_url: str | None
    credential: str | None
    provisioned_ms: int


@dataclass(frozen=True)
class HandedOverPrintJob:
    """A print job that waited in the station file before schema 3 moved the print queue out
    (queued, failed, or `printing` when the station stopped); the print queue adopts it once."""

    id: str
    ticket_id: int
    printer: str
    template: str | None
    state: str
    attempts: int
    last_error: str | None
    reprint: bool
    created_ms: int
    updated_ms: int


@dataclass(frozen=True)
class AttendeeMatch:
    """A search hit: enough to confirm who it is, never contact details."""

    ticket: TicketRecord
    confirmation: str


class _Rows:
    """Rows fetched while the lock was held, offering the cursor calls callers use."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self.description = cursor.description
        self.rowcount = cursor.rowcount
        self._rows: list[Any] = cursor.fetchall()

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return self._rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


class LockedReader:
    """Reads on the shared connection, each finished before the lock is let go.

    The door's scan worker, the UI's search and status threads and the print workers share
    one connection; a read must not run in the middle of another thread's write transaction
    or leave a half-read statement open while that transaction commits.
    """

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock

    def execute(self, sql: str, params: Any = ()) -> _Rows:
        with self._lock:
            return _Rows(self._conn.execute(sql, params))


class Replica:
    """One station's database. Thread-safe: one connection, every use under one lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=10
            )
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.db = sqlite_utils.Database(self.conn)
            self.lock = threading.RLock()
            self.reader = LockedReader(self.conn, self.lock)
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise ReplicaError(f"cannot open station data {path}: {error}") from error
        self._forget_cached_reads()
        self._checkpointer: _Checkpointer | None = None
        self._seen_version = self._data_version()

    def _data_version(self) -> int:
        return int(self.reader.execute("PRAGMA data_version").fetchone()[0])

    def refresh_if_changed(self) -> bool:
        """Drop cached keys, gates and types if another connection (the sync engine, another
        process) committed since we last looked; True when it did. Costs one PRAGMA."""
        version = self._data_version()
        if version == self._seen_version:
            return False
        self._seen_version = version
        self._forget_cached_reads()
        return True

    def _forget_cached_reads(self) -> None:
        self._keyring: Keyring | None = None
        self._gate_names: dict[str, str] | None = None
        self._type_cache: dict[int, tuple[str, TypeWindow]] | None = None
        self._event_id: int | None = None

    def start_background_checkpoints(self, interval_s: float = 1.0) -> None:
        """Move WAL checkpoints off the scanning path.

        SQLite's automatic checkpoint runs inside whichever commit crosses the threshold and
        fsyncs the main database file: a door scan would occasionally wait several ms for it.
        A long-running station checkpoints from its own thread and connection instead.
        """
        if self._checkpointer is None:
            self.reader.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpointer = _Checkpointer(self.path, interval_s)
            self._checkpointer.start()

    def _migrate(self) -> None:
        def too_new(version: int) -> ReplicaError:
            return ReplicaError(
                f"station data is from a newer Doorline (schema {version}); upgrade this station"
            )

        migrate(self.conn, self.lock, MIGRATIONS, too_new)

    @property
    def schema_version(self) -> int:
        return int(self.reader.execute("PRAGMA user_version").fetchone()[0])

    def transaction(self, immediate: bool = True) -> AbstractContextManager[sqlite3.Connection]:
        """IMMEDIATE takes the write lock up front: a read-decide-write sequence cannot
        interleave with another process scanning the same ticket."""
        return write_transaction(self.conn, self.lock, immediate)

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        with self.lock:
            self.conn.close()

    # -- identity ---------------------------------------------------------------------------

    def identity(self) -> StationIdentity | None:
        row = self.reader.execute(
            "SELECT station_id, name, event_id, gate_id, server_url, credential, provisioned_ms "
            "FROM station_identity WHERE id = 1"
        ).fetchone()
        return None if row is None else StationIdentity(*row)

    def set_identity(self, identity: StationIdentity) -> None:
        with self.transaction():
            self.reader.execute(
                "INSERT OR REPLACE INTO station_identity (id, station_id, name, event_id, gate_id, "
                "server_url, credential, provisioned_ms) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                (
                    identity.station_id,
                    identity.name,
                    identity.event_id,
                    identity.gate_id,
                    identity.server_url,
                    identity.credential,
                    identity.provisioned_ms,
                ),
            )
        self._forget_cached_reads()

    # -- writing pulled data ----------------------------------------------------------------

    def upsert_event(self, event: dict[str, Any]) -> None:
        with self.lock:
            self.db.table("events").upsert(_pick(event, _EVENT_FIELDS), pk="id")

    def upsert_ticket_types(self, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            write_ticket_types(conn, event_id, rows)
        self._type_cache = None

    def upsert_gates(self, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            write_gates(conn, event_id, rows)
        self._gate_names = None

    def upsert_keys(self, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            write_keys(conn, event_id, rows)
        self._keyring = None

    def set_contact_key(self, key_hex: str) -> None:
        self.set_state("contact_key", key_hex)

    def contact_key(self) -> bytes:
        value = self.get_state("contact_key")
        return bytes.fromhex(value) if value else b""

    def upsert_tickets(self, event_id: int, rows: Iterable[dict[str, Any]]) -> int:
        """Insert or update tickets (the FTS index follows through its triggers)."""
        with self.transaction() as conn:
            return write_tickets(conn, event_id, rows)

    def upsert_revocations(self, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            write_revocations(conn, event_id, rows)

    def ingest_entries(self, entries: Iterable[LogEntry]) -> list[LogEntry]:
        """Add entries from elsewhere (other stations via the server). Idempotent by entry id;
        returns the entries that were new here."""
        by_id = {entry.id: entry for entry in entries}
        with self.transaction() as conn:
            fresh = write_remote_entries(conn, [entry_row(e) for e in by_id.values()])
        return [by_id[row[0]] for row in fresh]

    def insert_own_entry(self, conn: sqlite3.Connection, entry: LogEntry) -> None:
        """Inside the caller's transaction: the station's own new entry, not yet pushed."""
        conn.execute(
            f"INSERT INTO checkin_log ({_LOG_COLUMNS}, pushed) VALUES ({', '.join('?' * 17)})",
            (*entry_row(entry), 0),
        )

    # -- ReplicaView ------------------------------------------------------------------------

    @property
    def event_id(self) -> int:
        """Read once per provisioning, not on every scan (the rules ask for it each time)."""
        if self._event_id is None:
            identity = self.identity()
            if identity is None:
                raise ReplicaError("this station is not provisioned yet")
            self._event_id = identity.event_id
        return self._event_id

    def keyring(self) -> Keyring:
        if self._keyring is None:
            rows = self.reader.execute(
                "SELECT event_id, kid, algorithm, material FROM keys WHERE status = 'active'"
            ).fetchall()
            self._keyring = Keyring(
                VerifyKey(ev, kid, KeyAlgorithm(alg), bytes.fromhex(material))
                for ev, kid, alg, material in rows
            )
        return self._keyring

    def ticket(self, ticket_id: int) -> TicketRecord | None:
        row = self.reader.execute(
            "SELECT id, type_id, first_name, last_name, organisation, flagged, note "
            "FROM tickets WHERE id = ?",
            (ticket_id,),
        ).fetchone()
        return None if row is None else self.record_from_row(row)

    def record_from_row(self, row: tuple[Any, ...]) -> TicketRecord:
        """(id, type_id, first_name, last_name, organisation, flagged, note) → TicketRecord."""
        tid, type_id, first, last, org, flagged, note = row
        return TicketRecord(
            tid, type_id, self.type_name(type_id), first, last, org or "", bool(flagged), note or ""
        )

    def ticket_state(self, ticket_id: int) -> TicketState:
        return fold(self.entries_for_ticket(ticket_id))

    def entries_for_ticket(self, ticket_id: int) -> list[LogEntry]:
        rows = self.reader.execute(
            f"SELECT {_LOG_COLUMNS} FROM checkin_log WHERE ticket_id = ? ORDER BY hlc",
            (ticket_id,),
        ).fetchall()
        return [row_entry(r) for r in rows]

    def revocation(self, ticket_id: int) -> str | None:
        row = self.reader.execute(
            "SELECT reason FROM revocations WHERE ticket_id = ?", (ticket_id,)
        ).fetchone()
        return None if row is None else (row[0] or "revoked")

    def _types(self) -> dict[int, tuple[str, TypeWindow]]:
        if self._type_cache is None:
            rows = self.reader.execute(
                "SELECT id, name, valid_from_ms, valid_until_ms FROM ticket_types"
            ).fetchall()
            self._type_cache = {i: (n, TypeWindow(f, u)) for i, n, f, u in rows}
        return self._type_cache

    def type_name(self, type_id: int) -> str:
        return self._types().get(type_id, (f"type {type_id}", TypeWindow()))[0]

    def type_window(self, ticket_type: int) -> TypeWindow:
        return self._types().get(ticket_type, ("", TypeWindow()))[1]

    def gate_name(self, gate_id: str | None) -> str:
        if self._gate_names is None:
            self._gate_names = dict(self.reader.execute("SELECT id, name FROM gates").fetchall())
        if gate_id is None:
            return "an unknown gate"
        return self._gate_names.get(gate_id, gate_id)

    def gate_rules(self, gate_id: str) -> GateRules | None:
        row = self.reader.execute(
            "SELECT id, name, allowed_types, entry_mode, valid_from_ms, valid_until_ms, "
            "unknown_policy, timezone FROM gates WHERE id = ?",
            (gate_id,),
        ).fetchone()
        if row is None:
            return None
        gid, name, allowed, mode, vfrom, vuntil, policy, tz = row
        return GateRules(
            gate_id=gid,
            name=name,
            allowed_types=None if allowed is None else frozenset(json.loads(allowed)),
            entry_mode=EntryMode(mode),
            valid_from_ms=vfrom,
            valid_until_ms=vuntil,
            unknown_ticket_policy=UnknownTicketPolicy(policy),
            timezone=tz or "UTC",
        )

    def gates(self) -> list[GateRules]:
        ids = [r[0] for r in self.reader.execute("SELECT id FROM gates ORDER BY id").fetchall()]
        return [g for g in (self.gate_rules(i) for i in ids) if g is not None]

    # -- sync bookkeeping -------------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        row = self.reader.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (key, value)
            )

    def print_jobs_handover(self) -> list[HandedOverPrintJob]:
        """The print jobs migration 3 took out of this file, until the print queue adopts them."""
        text = self.get_state(PRINT_JOBS_HANDOVER)
        if not text:
            return []
        jobs = []
        for row in json.loads(text):
            job_id, ticket_id, printer, template, state, attempts, last_error = row[:7]
            reprint, created_ms, updated_ms = row[7:10]
            jobs.append(
                HandedOverPrintJob(
                    str(job_id),
                    int(ticket_id),
                    str(printer),
                    template,
                    str(state),
                    int(attempts),
                    last_error,
                    bool(reprint),
                    int(created_ms),
                    int(updated_ms),
                )
            )
        return jobs

    def clear_print_jobs_handover(self) -> None:
        """The print queue has its jobs (in its own file): forget the handover."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM sync_state WHERE key = ?", (PRINT_JOBS_HANDOVER,))

    def unpushed_count(self, station_id: str) -> int:
        row = self.reader.execute(
            "SELECT count(*) FROM checkin_log WHERE pushed = 0 AND station_id = ?", (station_id,)
        ).fetchone()
        return int(row[0])

    def mark_pushed(self, entry_ids: Iterable[str]) -> None:
        ids = json.dumps(list(entry_ids))  # one statement for the whole batch
        with self.transaction() as conn:
            conn.execute(
                "UPDATE checkin_log SET pushed = 1 WHERE id IN (SELECT value FROM json_each(?))",
                (ids,),
            )

    def station_entries(self, station_id: str, last: int | None = None) -> list[LogEntry]:
        """One station's entries in sequence order; only the `last` N when given."""
        if last is None:
            sql = f"SELECT {_LOG_COLUMNS} FROM checkin_log WHERE station_id = ? ORDER BY seq"
            rows = self.reader.execute(sql, (station_id,)).fetchall()
        else:
            sql = (
                f"SELECT {_LOG_COLUMNS} FROM checkin_log WHERE station_id = ? "
                "ORDER BY seq DESC LIMIT ?"
            )
            rows = self.reader.execute(sql, (station_id, last)).fetchall()[::-1]
        return [row_entry(r) for r in rows]

    def own_entry(self, station_id: str, entry_id: str) -> LogEntry | None:
        row = self.reader.execute(
            f"SELECT {_LOG_COLUMNS} FROM checkin_log WHERE id = ? AND station_id = ?",
            (entry_id, station_id),
        ).fetchone()
        return None if row is None else row_entry(row)

    def last_undoable(self, station_id: str) -> LogEntry | None:
        """The station's latest entry or exit that no undo of its own has cancelled."""
        row = self.reader.execute(
            f"SELECT {_LOG_COLUMNS} FROM checkin_log WHERE station_id = ? "
            "AND action IN ('entry', 'exit') AND id NOT IN (SELECT ref FROM checkin_log "
            "WHERE station_id = ? AND action = 'undo' AND ref IS NOT NULL) "
            "ORDER BY seq DESC LIMIT 1",
            (station_id, station_id),
        ).fetchone()
        return None if row is None else row_entry(row)

    def max_hlc(self) -> int:
        row = self.reader.execute("SELECT max(hlc) FROM checkin_log").fetchone()
        return int(row[0] or 0)

    def event_name(self) -> str:
        row = self.reader.execute("SELECT name FROM events LIMIT 1").fetchone()
        return str(row[0]) if row else ""

    def counts(self) -> dict[str, int]:
        return {
            "tickets": self._count("tickets"),
            "keys": self._count("keys"),
            "revocations": self._count("revocations"),
            "log_entries": self._count("checkin_log"),
            "ticket_types": self._count("ticket_types"),
            "gates": self._count("gates"),
        }

    def _count(self, table: str) -> int:
        return int(self.reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- conflicts --------------------------------------------------------------------------

    def conflicts(self) -> list[dict[str, Any]]:
        cursor = self.reader.execute("SELECT * FROM conflicts ORDER BY second_hlc")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class _Checkpointer(threading.Thread):
    def __init__(self, path: Path, interval_s: float) -> None:
        super().__init__(name="replica-checkpoint", daemon=True)
        self._path = path
        self._interval = interval_s
        self._stopped = threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(str(self._path), timeout=1)
        try:
            while not self._stopped.wait(self._interval):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error as error:  # busy or disk trouble: try again next round
                    logging.getLogger(__name__).debug("checkpoint skipped: %s", error)
        finally:
            conn.close()

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=5)


def entry_row(entry: LogEntry) -> tuple[Any, ...]:
    return (
        entry.id,
        entry.station_id,
        entry.seq,
        entry.hlc,
        entry.wall_ms,
        entry.event_id,
        entry.gate_id,
        entry.ticket_id,
        str(entry.action),
        None if entry.verdict is None else str(entry.verdict),
        int(entry.offline),
        entry.method,
        entry.ref,
        entry.detail,
        entry.prev_hash,
        entry.hash,
    )


def row_entry(row: tuple[Any, ...]) -> LogEntry:
    return LogEntry.from_json(dict(zip(ENTRY_FIELDS, row, strict=True)))


def _pick(row: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {n: row.get(n) for n in names}


_EVENT_FIELDS = ("id", "name", "timezone", "starts_ms", "ends_ms")
