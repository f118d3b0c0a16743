"""`StationStore`: the one object that holds a connection to `station.sqlite3`.

See the package docstring (`kiosk.station_store`) for the connection policy. Each method is
one unit of work: a read under the lock, or a write in its own IMMEDIATE transaction; the only
transaction that spans caller code is `append_own_entry`, the durable half of a scan.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.domain.admission import TicketRecord, TypeWindow
from kiosk.domain.contact_hash import email_hash
from kiosk.domain.gate_rules import GateRules
from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.merge import TicketState, fold, reconcile_conflicts
from kiosk.domain.snapshot_format import check_snapshot_format
from kiosk.domain.station_directory import KnownStation, StationLabel, label_station
from kiosk.domain.ticket_codec import Keyring
from kiosk.sqlite_file import migrate, write_transaction
from kiosk.station_store import attendees, checkin_log, conflicts, event_data
from kiosk.station_store.damage import (
    damaged_words,
    full_problems,
    is_damage,
    quick_problems,
    unreadable_log_rows,
)
from kiosk.station_store.schema import MIGRATIONS, PRINT_JOBS_HANDOVER
from kiosk.station_store.values import (
    AppliedPage,
    AttendeeMatch,
    BadgeFields,
    ClockOffset,
    DoorCounts,
    HandedOverPrintJob,
    LoggedTickets,
    LogHead,
    PushBatch,
    ReplicaCounts,
    StationIdentity,
    StoredConflict,
)

if TYPE_CHECKING:  # sqlite_utils (and the numpy it loads) is imported when first used
    import sqlite_utils

DB_FILENAME = "station.sqlite3"
_PAGE_KINDS = ("ticket_types", "gates", "keys", "tickets", "stations")
_COUNTED = {
    "tickets": "tickets",
    "keys": "keys",
    "revocations": "revocations",
    "log_entries": "checkin_log",
    "ticket_types": "ticket_types",
    "gates": "gates",
}
log = logging.getLogger(__name__)


class ReplicaError(Exception):
    """The station's data file cannot be used (damaged, from a newer version, disk full)."""


_CLOCK_OFFSET = "clock_offset"  # sync_state key: "<offset ms>,<measured ms>"
_PIN_VERIFIER = "operator_pin"  # sync_state key: the operator PIN verifier, JSON


class StorageFull(ReplicaError):
    """A write could not be committed (disk full or read-only): the door must not admit."""


class StationDamaged(ReplicaError):
    """The station's database file is damaged (pages, rows or its header): the door must not
    admit. The message says so and what to do (`kiosk.station_store.damage`)."""

    def __init__(self, path: Path, detail: str, problems: list[str] | None = None) -> None:
        super().__init__(damaged_words(path, detail))
        self.problems = problems or []


class StationStore:
    """One station's database, behind one connection and one lock (thread-safe).

    Implements `kiosk.domain.admission.ReplicaView` (the reads the admission rules make).
    Raises `ReplicaError` when the file cannot be opened or is from a newer Doorline.
    """

    def __init__(self, path: Path, *, staging_in_memory: bool = False) -> None:
        """Open (creating and migrating as needed) the station file at `path`.

        `staging_in_memory`: temp tables (the staging of pulled tickets) stay in RAM; the
        sync engine's own store asks for it, the door's does not need it."""
        self.path = Path(path)
        try:
            self._conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=10
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            if staging_in_memory:
                self._conn.execute("PRAGMA temp_store=MEMORY")
            self._utils: sqlite_utils.Database | None = None
            self._lock = threading.RLock()
            self._held = _Held(self._conn, self._lock)
            self._migrate()
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                raise StationDamaged(self.path, str(error)) from error
            raise ReplicaError(f"cannot open station data {path}: {error}") from error
        except UnicodeDecodeError as error:  # SQLite's own message about the file is garbled
            raise StationDamaged(self.path, "its text cannot be read") from error
        self._forget_cached_reads()
        self._checkpointer: _Checkpointer | None = None
        self._seen_version = self._data_version()

    def _db(self) -> sqlite_utils.Database:
        """sqlite_utils on this store's connection (the upserts of a snapshot's rows, the
        counts), made at first use: importing sqlite_utils (and the numpy it loads) is ~0.3 s
        of CPU that a `doorline station scan` or a kiosk starting up does not need."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self._conn)
        return self._utils

    # -- the connection policy: `_held` for reads, `_writing` for writes, `_migrate` -------

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction (the write lock taken up front), committed with fsync.
        A damaged file raises StationDamaged, a full or read-only disk StorageFull: either way
        the transaction is rolled back and nothing of it is stored."""
        try:
            with write_transaction(self._conn, self._lock, immediate=True) as conn:
                yield conn
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                raise StationDamaged(self.path, str(error)) from error
            if isinstance(error, sqlite3.OperationalError) and "full" in str(error).lower():
                raise StorageFull(
                    f"the station's disk is full ({error}): nothing of this change was stored"
                ) from error
            raise
        except UnicodeDecodeError as error:
            raise StationDamaged(self.path, "its text cannot be read") from error

    def _migrate(self) -> None:
        def too_new(version: int) -> ReplicaError:
            return ReplicaError(
                f"station data is from a newer Doorline (schema {version}); upgrade this station"
            )

        migrate(self._conn, self._lock, MIGRATIONS, too_new)

    def _data_version(self) -> int:
        with self._held as conn:
            return int(conn.execute("PRAGMA data_version").fetchone()[0])

    @property
    def schema_version(self) -> int:
        with self._held as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

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
        self._stations: dict[str, KnownStation] | None = None
        self._type_cache: dict[int, tuple[str, TypeWindow]] | None = None
        self._event_id: int | None = None
        self._clock_offset: tuple[ClockOffset | None] | None = None

    def start_background_checkpoints(self, interval_s: float = 1.0) -> None:
        """Move WAL checkpoints off the scanning path.

        SQLite's automatic checkpoint runs inside whichever commit crosses the threshold and
        fsyncs the main database file: a door scan would occasionally wait several ms for it.
        A long-running station checkpoints from its own thread and connection instead.
        """
        if self._checkpointer is None:
            with self._held as conn:
                conn.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpointer = _Checkpointer(self.path, interval_s)
            self._checkpointer.start()

    def checkpoint(self) -> None:
        """Fold the WAL into the main file now and empty it (before a timed run, a backup)."""
        with self._held as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def bulk_cache(self, kib: int) -> Iterator[None]:
        """A larger page cache (`kib` KiB) on this connection for the length of a long pull: the
        ticket indexes on e-mail hash and confirmation code take random inserts, and a small
        cache writes the same index pages out again and again. 0 or less: no change."""
        if kib <= 0:
            yield
            return
        with self._held as conn:
            before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
            conn.execute(f"PRAGMA cache_size=-{int(kib)}")
        try:
            yield
        finally:
            with self._held as conn:
                conn.execute(f"PRAGMA cache_size={before}")

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        with self._lock:
            self._conn.close()

    # -- identity and sync bookkeeping ------------------------------------------------------

    def identity(self) -> StationIdentity | None:
        with self._held as conn:
            row = conn.execute(
                "SELECT station_id, name, event_id, gate_id, server_url, credential, "
                "provisioned_ms FROM station_identity WHERE id = 1"
            ).fetchone()
        return None if row is None else StationIdentity(*row)

    def set_identity(self, identity: StationIdentity) -> None:
        with self._writing() as conn:
            _write_identity(conn, identity)
        self._forget_cached_reads()

    def get_state(self, key: str) -> str | None:
        """A sync bookkeeping value (pull cursor, last sync time…), None when never set."""
        with self._held as conn:
            row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, key: str, value: str) -> None:
        with self._writing() as conn:
            _put_state(conn, key, value)

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
        with self._writing() as conn:
            conn.execute("DELETE FROM sync_state WHERE key = ?", (PRINT_JOBS_HANDOVER,))

    def set_contact_key(self, key_hex: str) -> None:
        self.set_state("contact_key", key_hex)

    def record_clock_offset(self, offset: ClockOffset) -> None:
        """Keep the offset a sync measured against the server's clock (the station corrects
        its wall time by it, offline too, until the next measurement)."""
        self.set_state(_CLOCK_OFFSET, f"{offset.offset_ms},{offset.measured_ms}")
        self._clock_offset = (offset,)

    def clock_offset(self) -> ClockOffset | None:
        """The last measured offset, None if no sync measured one. Cached: the door asks on
        every scan; another connection's new measurement is seen through `refresh_if_changed`."""
        if self._clock_offset is None:
            value = self.get_state(_CLOCK_OFFSET)
            offset = None
            if value:
                ahead, measured = value.split(",")
                offset = ClockOffset(int(ahead), int(measured))
            self._clock_offset = (offset,)
        return self._clock_offset[0]

    def pin_verifier(self) -> dict[str, Any] | None:
        """The event's operator PIN verifier as the server sent it (a JSON object), None
        when the station holds none (an older server, or no PIN set there)."""
        value = self.get_state(_PIN_VERIFIER)
        return None if not value else dict(json.loads(value))

    def set_pin_verifier(self, verifier: dict[str, Any]) -> None:
        """Keep the verifier of the event's operator PIN (never the PIN nor its key)."""
        self.set_state(_PIN_VERIFIER, json.dumps(verifier, sort_keys=True))

    def contact_key(self) -> bytes:
        value = self.get_state("contact_key")
        return bytes.fromhex(value) if value else b""

    # -- event data arriving (snapshot, registration, pulled pages) --------------------------

    def upsert_event(self, event: Mapping[str, Any]) -> None:
        with self._writing():  # sqlite-utils nests its write in a savepoint of this transaction
            event_data.write_event(self._db(), dict(event))

    def upsert_gates(self, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
        with self._writing() as conn:
            event_data.write_gates(conn, event_id, rows)
        self._forget_cached_reads()

    def upsert_ticket_types(self, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
        with self._writing() as conn:
            event_data.write_ticket_types(conn, event_id, rows)
        self._forget_cached_reads()

    def upsert_keys(self, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
        """Verification keys (`kid`, `algorithm`, hex `material`, `status`), rotated by kid."""
        with self._writing() as conn:
            event_data.write_keys(conn, event_id, rows)
        self._forget_cached_reads()

    def upsert_tickets(self, event_id: int, rows: Iterable[dict[str, Any]]) -> int:
        """Insert or update tickets (the FTS index follows through its triggers); returns how
        many rows were given."""
        with self._writing() as conn:
            return event_data.write_tickets(conn, event_id, rows)

    def apply_snapshot(self, snapshot: Mapping[str, Any]) -> None:
        """Store a replica snapshot (`kiosk.domain.snapshot_format`: event, ticket types, gates,
        keys, contact key, tickets, revocations, log) in one transaction. Raises ValueError for
        another snapshot format, KeyError for a missing part."""
        check_snapshot_format(dict(snapshot))
        event = snapshot["event"]
        event_id = int(event["id"])
        entries = [checkin_log.entry_row(LogEntry.from_json(e)) for e in snapshot.get("log", [])]
        with self._writing() as conn:
            event_data.write_event(self._db(), dict(event))
            _put_state(conn, "contact_key", str(snapshot["contact_key"]))
            if snapshot.get("operator_pin"):
                _put_state(
                    conn, _PIN_VERIFIER, json.dumps(snapshot["operator_pin"], sort_keys=True)
                )
            self._write_event_rows(conn, event_id, snapshot)
            checkin_log.insert_remote(conn, entries)
        self._forget_cached_reads()

    def apply_pulled_page(
        self,
        event_id: int,
        page: Mapping[str, Any],
        entries: list[tuple[Any, ...]],
        cursor_key: str,
    ) -> AppliedPage:
        """Store one pulled page (event rows as in a snapshot; `entries` already checked, as
        log rows in `ENTRY_FIELDS` order) and its cursor under `cursor_key`, in one
        transaction: an interrupted pull resumes at the last page fully stored, and storing a
        page twice is harmless (every write is an upsert or insert-if-absent)."""
        with self._writing() as conn:
            self._write_event_rows(conn, event_id, page)
            fresh = checkin_log.insert_remote(conn, entries)
            _put_state(conn, cursor_key, str(page["cursor"]))
        if page.get("stations"):
            self._stations = None
        rows = sum(len(page.get(k, [])) for k in _PAGE_KINDS)
        rows += len(page.get("revocations", [])) + len(entries)
        ticket, hlc = _ENTRY_TICKET, _ENTRY_HLC
        return AppliedPage(
            rows,
            len(fresh),
            frozenset(r[ticket] for r in fresh if r[ticket] is not None),
            max((r[hlc] for r in fresh), default=0),
            int(page["cursor"]),
        )

    @staticmethod
    def _write_event_rows(conn: sqlite3.Connection, event_id: int, part: Mapping[str, Any]) -> None:
        event_data.write_ticket_types(conn, event_id, part.get("ticket_types", []))
        event_data.write_gates(conn, event_id, part.get("gates", []))
        event_data.write_keys(conn, event_id, part.get("keys", []))
        event_data.write_tickets(conn, event_id, part.get("tickets", []))
        event_data.write_revocations(conn, event_id, part.get("revocations", []))
        event_data.write_stations(conn, event_id, part.get("stations", []))

    # -- ReplicaView: what the admission rules read -----------------------------------------

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
            with self._held as conn:
                self._keyring = Keyring(event_data.read_active_keys(conn))
        return self._keyring

    def key_materials(self) -> list[str]:
        with self._held as conn:
            return event_data.read_key_materials(conn)

    def ticket(self, ticket_id: int) -> TicketRecord | None:
        with self._held as conn:
            row = attendees.by_id(conn, ticket_id)
        return None if row is None else self._record(row)

    def ticket_by_external_code(self, code: str) -> TicketRecord | None:
        """The ticket whose imported shop barcode is `code` (normalised with
        `kiosk.domain.external_code.normalise_external_code`), or None."""
        if not code:
            return None
        with self._held as conn:
            row = attendees.by_external_code(conn, code)
        return None if row is None else self._record(row)

    def _record(self, row: tuple[Any, ...]) -> TicketRecord:
        tid, type_id, first, last, org, flagged, note = row[:7]
        return TicketRecord(
            tid, type_id, self.type_name(type_id), first, last, org or "", bool(flagged), note or ""
        )

    def ticket_state(self, ticket_id: int) -> TicketState:
        return fold(self.entries_for_ticket(ticket_id))

    def entries_for_ticket(self, ticket_id: int) -> list[LogEntry]:
        with self._held as conn:
            return checkin_log.entries_for_ticket(conn, ticket_id)

    def revocation(self, ticket_id: int) -> str | None:
        with self._held as conn:
            return event_data.read_revocation(conn, ticket_id)

    def _types(self) -> dict[int, tuple[str, TypeWindow]]:
        if self._type_cache is None:
            with self._held as conn:
                self._type_cache = event_data.read_types(conn)
        return self._type_cache

    def type_name(self, type_id: int) -> str:
        return self._types().get(type_id, (f"type {type_id}", TypeWindow()))[0]

    def type_window(self, ticket_type: int) -> TypeWindow:
        return self._types().get(ticket_type, ("", TypeWindow()))[1]

    def gate_name(self, gate_id: str | None) -> str:
        if self._gate_names is None:
            with self._held as conn:
                self._gate_names = event_data.read_gate_names(conn)
        if gate_id is None:
            return "an unknown gate"
        return self._gate_names.get(gate_id, gate_id)

    def known_station(self, station_id: str) -> KnownStation | None:
        """The event's station `station_id` as last pulled (name, gate); None when this
        station has not heard of it."""
        if self._stations is None:
            with self._held as conn:
                self._stations = event_data.read_stations(conn)
        return self._stations.get(station_id)

    def station_label(self, station_id: str, gate_id: str | None = None) -> StationLabel:
        """Who `station_id` is for a person: its name (this station's own from its identity,
        the others' from the pulled directory) and the name of `gate_id`, or of the
        station's own gate when no gate is given. Sees what a sync just pulled."""
        self.refresh_if_changed()
        known = self.known_station(station_id)
        if known is None:
            identity = self.identity()
            if identity is not None and identity.station_id == station_id:
                known = KnownStation(station_id, identity.name, identity.gate_id)
        gate = gate_id or (known.gate_id if known else None)
        return label_station(station_id, known, self.gate_name(gate) if gate else None)

    def gate_rules(self, gate_id: str) -> GateRules | None:
        with self._held as conn:
            return event_data.read_gate(conn, gate_id)

    def gates(self) -> list[GateRules]:
        with self._held as conn:
            return event_data.read_gates(conn)

    def event_name(self) -> str:
        with self._held as conn:
            return event_data.read_event_name(conn)

    # -- attendees --------------------------------------------------------------------------

    def search_attendees(self, text: str, limit: int = 20) -> list[AttendeeMatch]:
        """Name prefixes (every word must match the start of a name word), by surname."""
        with self._held as conn:
            rows = attendees.search(conn, text, limit)
        return self._matches(rows)

    def attendee_by_ticket(self, ticket_id: int) -> AttendeeMatch | None:
        """The ticket with this id, as a search hit (name, type, confirmation code)."""
        with self._held as conn:
            row = attendees.by_id(conn, ticket_id)
        return None if row is None else self._matches([row])[0]

    def attendee_by_confirmation(self, code: str) -> AttendeeMatch | None:
        """The ticket with this confirmation code (spaces, dashes and case ignored)."""
        cleaned = re.sub(r"[\s-]", "", code).upper()
        if not cleaned:
            return None
        with self._held as conn:
            rows = attendees.by_confirmation(conn, cleaned)
        return self._matches(rows)[0] if rows else None

    def attendees_by_email(self, email: str) -> list[AttendeeMatch]:
        """Tickets whose holder's e-mail hashes (with this event's contact key) to `email`'s;
        none when the station holds no contact key."""
        key = self.contact_key()
        if not key:
            return []
        with self._held as conn:
            rows = attendees.by_email_hash(conn, email_hash(key, email))
        return self._matches(rows)

    def _matches(self, rows: list[tuple[Any, ...]]) -> list[AttendeeMatch]:
        return [AttendeeMatch(self._record(row), str(row[7])) for row in rows]

    def badge_fields(self, ticket_id: int) -> BadgeFields | None:
        with self._held as conn:
            return attendees.badge_fields(conn, ticket_id)

    def commonest_type_badge_fields(self) -> BadgeFields | None:
        """Badge fields of the commonest ticket type, without an attendee (test prints)."""
        with self._held as conn:
            return attendees.commonest_type_badge_fields(conn)

    def some_ticket_code(self) -> str | None:
        """Any one ticket code held (a readiness test scan), None without tickets."""
        with self._held as conn:
            return attendees.some_code(conn)

    def first_flagged_ticket(self) -> int | None:
        """The lowest id of a ticket flagged for the door's attention, None when none is."""
        with self._held as conn:
            return attendees.first_flagged(conn)

    def search_index_intact(self) -> bool:
        with self._held as conn:
            return attendees.search_index_intact(conn)

    # -- the station's own log --------------------------------------------------------------

    def append_own_entry(
        self, station_id: str, make_entry: Callable[[LogHead], LogEntry | None]
    ) -> LogEntry | None:
        """The durable half of a scan, in ONE IMMEDIATE transaction: read the head of
        `station_id`'s chain, call `make_entry(head)` (it decides and seals the next entry, and
        may read through this store: same connection, same lock), insert what it returns, and
        commit with fsync before returning it. A read-decide-write cannot interleave with
        another writer scanning the same ticket. `make_entry` returning None writes nothing.

        Raises `StorageFull` when the entry cannot be committed (disk full, read-only)."""
        try:
            with self._writing() as conn:
                entry = make_entry(checkin_log.head(conn, station_id))
                if entry is not None:
                    checkin_log.insert_own(conn, entry)
        except UnicodeDecodeError as error:
            raise StationDamaged(self.path, "its text cannot be read") from error
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                log.error("the station's database is damaged: %s", error)
                raise StationDamaged(self.path, str(error)) from error
            if not isinstance(error, sqlite3.OperationalError):
                raise
            log.exception("could not record a log entry")
            raise StorageFull(
                "this scan could not be saved: the station's disk is full or not writable"
            ) from error
        return entry

    def damage(self, thorough: bool = False) -> list[str]:
        """What is wrong with this file, [] when it is sound: `PRAGMA quick_check` (every page
        and row readable; ~1 s per 100 MB), or with `thorough` `integrity_check` plus the log
        rows that cannot be read (which rows: `doorline station verify-log`)."""
        with self._held as conn:
            if not thorough:
                return quick_problems(conn)
            found = full_problems(conn)
            return [*unreadable_log_rows(conn), *found] if found else []

    def ingest_entries(self, entries: Iterable[LogEntry]) -> list[LogEntry]:
        """Add entries from elsewhere (other stations via the server). Idempotent by entry id;
        returns the entries that were new here."""
        by_id = {entry.id: entry for entry in entries}
        with self._writing() as conn:
            fresh = checkin_log.insert_remote(
                conn, [checkin_log.entry_row(e) for e in by_id.values()]
            )
        return [by_id[row[0]] for row in fresh]

    def append_own_entries(self, entries: Iterable[LogEntry]) -> None:
        """Many sealed entries of this station at once (one transaction), e.g. a simulation."""
        with self._writing() as conn:
            checkin_log.insert_own_many(conn, entries)

    def own_entry(self, station_id: str, entry_id: str) -> LogEntry | None:
        with self._held as conn:
            return checkin_log.own_entry(conn, station_id, entry_id)

    def station_entries(self, station_id: str, last: int | None = None) -> list[LogEntry]:
        """One station's entries in sequence order; only the `last` N when given."""
        with self._held as conn:
            return checkin_log.station_entries(conn, station_id, last)

    def last_undoable(self, station_id: str) -> LogEntry | None:
        """The station's latest entry or exit that no undo of its own has cancelled."""
        with self._held as conn:
            return checkin_log.last_undoable(conn, station_id)

    def verdict_counts(self, station_id: str) -> dict[str, int]:
        """The station's scans (entries, exits, refusals) per verdict value."""
        with self._held as conn:
            return checkin_log.verdict_counts(conn, station_id)

    def door_counts(self, station_id: str, start_ms: int, end_ms: int) -> DoorCounts:
        """The station's admissions and refusals with wall time in [start_ms, end_ms)."""
        with self._held as conn:
            return checkin_log.door_counts(conn, station_id, start_ms, end_ms)

    def inside_count(self) -> int:
        """People inside now, from every station's entries this station holds."""
        with self._held as conn:
            return checkin_log.inside_count(conn)

    def max_hlc(self) -> int:
        with self._held as conn:
            return checkin_log.max_hlc(conn)

    def all_entry_ids(self) -> set[str]:
        """The id of every entry held, this station's and the others'."""
        with self._held as conn:
            return {str(r[0]) for r in conn.execute("SELECT id FROM checkin_log")}

    def logged_ticket_ids(self) -> set[int]:
        """Every ticket some held entry is about."""
        return set(self.tickets_logged_since(0).ticket_ids)

    def tickets_logged_since(self, after_rowid: int) -> LoggedTickets:
        """Tickets of entries stored after storage position `after_rowid`, and the newest
        position (the mark for next time)."""
        with self._held as conn:
            return checkin_log.tickets_logged_since(conn, after_rowid)

    # -- upload queue -----------------------------------------------------------------------

    def chain_head(self, station_id: str) -> tuple[int, str]:
        """(sequence number, hash) of `station_id`'s last own entry; (0, "") when none."""
        with self._held as conn:
            head = checkin_log.head(conn, station_id)
        return (head.seq, head.hash) if head.seq else (0, "")

    def compare_with_anchor(self, station_id: str, last_seq: int) -> tuple[int, str | None, int]:
        """For `station verify-log --online`: this log's last sequence number, the hash of its
        entry `last_seq` (None when it has none), and how many of its entries up to `last_seq`
        are marked as not uploaded."""
        with self._held as conn:
            top = conn.execute(
                "SELECT coalesce(max(seq), 0) FROM checkin_log WHERE station_id = ?", (station_id,)
            ).fetchone()[0]
            row = conn.execute(
                "SELECT hash FROM checkin_log WHERE station_id = ? AND seq = ?",
                (station_id, last_seq),
            ).fetchone()
            unpushed = conn.execute(
                "SELECT count(*) FROM checkin_log WHERE station_id = ? AND seq <= ? AND pushed = 0",
                (station_id, last_seq),
            ).fetchone()[0]
        return int(top), None if row is None else str(row[0]), int(unpushed)

    def chain_keyed_from(self, station_id: str) -> int | None:
        """The sequence number from which `station_id`'s own entries are sealed under the keyed
        chain rule (`kiosk.domain.log_entry`), None while they are not."""
        with self._held as conn:
            row = conn.execute(
                "SELECT value FROM sync_state WHERE key = ?", (_keyed_from_key(station_id),)
            ).fetchone()
        return None if row is None else int(row[0])

    def start_keyed_chain(self, station_id: str) -> int:
        """From the next own entry on, `station_id`'s log is keyed (its server checks keyed
        chains). Written once, in the same kind of transaction as a scan, so no entry can slip
        between the mark and the first keyed entry; returns the mark (the first keyed seq)."""
        with self._writing() as conn:
            key = _keyed_from_key(station_id)
            row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return int(row[0])
            first = checkin_log.head(conn, station_id).seq + 1
            _put_state(conn, key, str(first))
        return first

    def unpushed_count(self, station_id: str) -> int:
        with self._held as conn:
            return checkin_log.unpushed_count(conn, station_id)

    def last_scan_ms(self, station_id: str) -> int | None:
        """When `station_id` last scanned a code (entry, exit or refusal; Unix ms), None if
        it never did: the heartbeat tells operators a door has gone quiet."""
        with self._held as conn:
            return checkin_log.last_scan_ms(conn, station_id)

    def unpushed_batch(self, station_id: str, after_seq: int, limit: int) -> PushBatch | None:
        """Up to `limit` entries of `station_id` waiting for upload, after `after_seq`, as a
        push body; None when none wait."""
        with self._held as conn:
            return checkin_log.unpushed_batch(conn, station_id, after_seq, limit)

    def mark_pushed(self, entry_ids: Iterable[str]) -> None:
        with self._writing() as conn:
            checkin_log.set_pushed(conn, entry_ids, 1)

    def mark_rejected(self, refusals: Iterable[tuple[str, str]]) -> None:
        """Entries (id, the server's reason) the server refused (altered, unsigned, a clashing
        id) leave the upload queue so they cannot block it; they stay in the log, with the
        reason, and are reported (`refused_entries`)."""
        pairs = list(refusals)
        if pairs:
            with self._writing() as conn:
                checkin_log.set_refused(conn, pairs, checkin_log.REFUSED)

    def mark_stranded(self, refusals: Iterable[tuple[str, str]]) -> None:
        """Entries the server did not store because another entry holds their sequence number:
        this station's identity is used by another copy of its data folder. They are NOT on
        the server; they leave the upload queue (resending cannot help) and wait for a
        re-provisioning to carry them over (`reissue_under`)."""
        pairs = list(refusals)
        if pairs:
            with self._writing() as conn:
                checkin_log.set_refused(conn, pairs, checkin_log.STRANDED)

    def stranded_count(self, station_id: str) -> tuple[int, int]:
        """(entries, check-ins among them) of `station_id` stranded by an identity clash."""
        with self._held as conn:
            return checkin_log.not_stored(conn, station_id, checkin_log.STRANDED)

    def refused_count(self, station_id: str) -> int:
        with self._held as conn:
            return checkin_log.not_stored(conn, station_id, checkin_log.REFUSED)[0]

    def refused_entries(self, station_id: str, limit: int = 50) -> list[tuple[LogEntry, str]]:
        """`station_id`'s entries the server refused, newest first, with its reason."""
        with self._held as conn:
            found = checkin_log.refused_entries(conn, station_id, limit)
            return [(e, checkin_log.refusal_of(conn, e.id) or "") for e in found]

    def refusal(self, entry_id: str) -> str | None:
        """What the server said when it refused this entry; None when it did not."""
        with self._held as conn:
            return checkin_log.refusal_of(conn, entry_id)

    def reissue_under(
        self,
        identity: StationIdentity,
        reissue: Callable[[list[LogEntry], LogHead], list[LogEntry]],
        now_ms: int,
        keyed: bool = False,
    ) -> int:
        """Re-provisioning after an identity clash, in ONE transaction: the current identity's
        entries the server does not hold (waiting or stranded) are handed to `reissue` with
        the new identity's chain head; what it returns (the same actions, same ids, sealed
        into the new identity's chain) replaces them in the log, the old rows move to
        `superseded_log`, and `identity` becomes the station's (with `keyed`, its log is keyed
        from its first entry: `reissue` must seal them so). Returns how many were carried.
        Nothing is lost or doubled: a crash leaves either all of it or none."""
        with self._writing() as conn:
            row = conn.execute("SELECT station_id FROM station_identity WHERE id = 1").fetchone()
            old = checkin_log.not_on_server(conn, str(row[0])) if row else []
            new = reissue(old, checkin_log.head(conn, identity.station_id))
            if len(new) != len(old) or [e.id for e in new] != [e.id for e in old]:
                raise ValueError("a re-issue must keep every entry and its id")
            if old:
                checkin_log.supersede(conn, old, new, now_ms)
            _write_identity(conn, identity)
            if keyed:
                _put_state(conn, _keyed_from_key(identity.station_id), "1")
        self._forget_cached_reads()
        return len(old)

    # -- conflicts --------------------------------------------------------------------------

    def refresh_conflicts(self, event_id: int, ticket_ids: Iterable[int]) -> int:
        """Bring the conflicts of `ticket_ids` up to date in one pass, as the server does after
        a push: read their entries and recorded conflicts, let
        `kiosk.domain.merge.reconcile_conflicts` decide, write only its difference. Reading and
        folding happen outside the write transaction (the door's scans never wait on the file's
        write lock for a fold), under the store's lock, so no other thread of this store changes
        the table in between. Returns how many conflicts those tickets now have."""
        tickets = sorted(set(ticket_ids))
        if not tickets:
            return 0
        with self._lock:
            with self._held as conn:
                shared = conflicts.entries_of_shared_tickets(conn, tickets)
                recorded = conflicts.recorded(conn, sorted(shared))
            changes = reconcile_conflicts(shared, recorded, self._gate_rules_or_none())
            if not changes.empty:
                with self._writing() as conn:
                    conflicts.write(conn, event_id, changes)
        return changes.held

    def _gate_rules_or_none(self) -> Callable[[str | None], GateRules | None]:
        """`gate_rules` for the merge, remembered for one reconciliation (gate id None: no
        gate's rules, judged as single entry)."""

        @lru_cache(maxsize=64)
        def rules_of(gate_id: str | None) -> GateRules | None:
            return None if gate_id is None else self.gate_rules(gate_id)

        return rules_of

    def refresh_acknowledgements(self) -> None:
        """Attach acknowledgements that arrived after their conflict."""
        with self._lock:
            with self._held as conn:
                updates = conflicts.unattached_acknowledgements(conn)
            if updates:
                with self._writing() as conn:
                    conflicts.attach_acknowledgements(conn, updates)

    def conflicts(self) -> list[StoredConflict]:
        """Every conflict held, oldest second admission first."""
        with self._held as conn:
            return conflicts.listed(conn)

    # -- totals -----------------------------------------------------------------------------

    def counts(self) -> ReplicaCounts:
        """Rows held per kind, counted by sqlite-utils."""
        with self._held:
            return ReplicaCounts(**{k: self._db().table(t).count for k, t in _COUNTED.items()})


def _keyed_from_key(station_id: str) -> str:
    """The sync_state key of the first keyed sequence number of `station_id`'s own log."""
    return f"log_keyed_from:{station_id}"


def _write_identity(conn: sqlite3.Connection, identity: StationIdentity) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO station_identity (id, station_id, name, event_id, "
        "gate_id, server_url, credential, provisioned_ms) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
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


def _put_state(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (key, value))


_ENTRY_TICKET = ENTRY_FIELDS.index("ticket_id")
_ENTRY_HLC = ENTRY_FIELDS.index("hlc")


class _Held:
    """`with store._held as conn`: the connection, for statements whose rows are fetched before
    the lock is let go. A plain object (reused, re-entrant like the lock), not a generator
    context manager: the scan path takes it several times and each use costs ~0.2 µs."""

    __slots__ = ("_conn", "_lock")

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        return self._conn

    def __exit__(self, *_exc: object) -> None:
        self._lock.release()


class _Checkpointer(threading.Thread):
    """The background checkpointer's own connection: it runs PRAGMA wal_checkpoint only."""

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
                    log.debug("checkpoint skipped: %s", error)
        finally:
            conn.close()

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=5)
