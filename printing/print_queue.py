"""The persistent print queue: badges survive restarts, jams and crashes, and print only once.

Jobs live in the station's SQLite database (table `print_jobs`, created by the station's schema
migration) and move queued → printing → done, or → failed with the error in words. A failed job
is retried with exponential backoff up to `RetryPolicy.max_attempts`, then waits for an
operator's `retry()`. A job found in `printing` when the queue starts (the station crashed or
lost power mid-print) goes back to queued: it may print twice, but it is never silently done.

Each printer has its own worker thread ("lane") with its own SQLite connection, so a jammed
printer delays only its own badges, and nothing here ever runs on the caller's thread beyond
one short insert: scanning never waits for a printer. While a printer is failing, its lane
pauses as a whole until the retry time, instead of burning a timeout on every queued badge.

When a badge has printed, the station writes a `badge_printed` log entry (it syncs like every
entry) and the job keeps its id. The queue refuses a second badge for a ticket that has one,
or that is already waiting, unless an operator asks for a reprint (logged as such).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from printing.badge_data import BadgeData
from printing.badge_delivery import Delivery, deliver_badge, probe_printer
from printing.badge_station import BadgeStation
from printing.badge_template import TemplateLibrary, load_library
from printing.errors import (
    BadgeAlreadyPrinted,
    BadgeAlreadyQueued,
    BadgeRefused,
    PrintingError,
)
from printing.printer_spec import PrinterSpec, parse_printer_spec

log = logging.getLogger(__name__)

DB_FILENAME = "station.sqlite3"
_COLUMNS = (
    "id, ticket_id, printer, template, state, attempts, last_error, reprint, created_ms,"
    " updated_ms, next_attempt_ms, printed_entry_id"
)
_DUE = (
    "printer = ? AND ((state = 'queued' AND next_attempt_ms <= ?)"
    " OR (state = 'failed' AND next_attempt_ms > 0 AND next_attempt_ms <= ?))"
)
_WAITING = "(state IN ('queued', 'printing') OR (state = 'failed' AND next_attempt_ms > 0))"


class JobState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class PrintJob:
    """One badge for one printer, as stored; `next_attempt_ms` 0 on a failed job = gave up."""

    id: str
    ticket_id: int
    printer: str
    template: str | None
    state: JobState
    attempts: int
    last_error: str | None
    reprint: bool
    created_ms: int
    updated_ms: int
    next_attempt_ms: int
    printed_entry_id: str | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> PrintJob:
        values = list(row)
        values[4] = JobState(values[4])
        values[7] = bool(values[7])
        return cls(*values)

    @property
    def will_retry(self) -> bool:
        """A failed job the queue will try again by itself (else an operator must retry it)."""
        return self.state is JobState.FAILED and self.next_attempt_ms > 0


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: 2 s, 4 s, 8 s… capped at 5 min, at most `max_attempts` tries."""

    max_attempts: int = 5
    first_delay_ms: int = 2_000
    factor: float = 2.0
    max_delay_ms: int = 300_000

    def delay_ms(self, attempts: int) -> int:
        return int(
            min(self.max_delay_ms, self.first_delay_ms * self.factor ** max(0, attempts - 1))
        )


@dataclass(frozen=True)
class PrinterHealth:
    """What the UI shows per printer: reachable (None = not tried yet), last error, last success."""

    printer: str
    description: str
    reachable: bool | None = None
    last_error: str | None = None
    last_error_ms: int | None = None
    last_success_ms: int | None = None
    paper_low: bool = False
    waiting_jobs: int = 0


def wall_ms() -> int:
    return int(time.time() * 1000)


def open_queue_db(path: Path) -> sqlite3.Connection:
    """A connection of our own on the station database (one per thread that uses it)."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=10, check_same_thread=True)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # a queued badge survives a power cut
    conn.execute("PRAGMA wal_autocheckpoint=0")  # checkpoints are the station's business
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'print_jobs'"
    ).fetchone()
    if not has_table:
        conn.close()
        raise PrintingError(
            f"{path} has no print queue: open the station once with this Doorline version to"
            " upgrade its data"
        )
    return conn


def printer_history(conn: sqlite3.Connection) -> dict[str, PrinterHealth]:
    """Per printer: last success, last error and waiting badges as the job table remembers
    them; what a process that did not print itself (the CLI) can tell about health."""
    found: dict[str, PrinterHealth] = {}
    rows = conn.execute(
        "SELECT printer, max(CASE WHEN state = 'done' THEN updated_ms END),"
        f" sum(CASE WHEN {_WAITING} THEN 1 ELSE 0 END) FROM print_jobs GROUP BY printer"
    ).fetchall()
    for printer, last_success, waiting in rows:
        error = conn.execute(
            "SELECT last_error, updated_ms FROM print_jobs WHERE printer = ? AND state = 'failed'"
            " ORDER BY updated_ms DESC LIMIT 1",
            (printer,),
        ).fetchone()
        last_error, error_ms = error if error else (None, None)
        if last_success and error_ms and last_success > error_ms:
            last_error, error_ms = None, None  # a later success answers the old failure
        try:
            description = parse_printer_spec(printer).describe()
        except PrintingError:
            description = printer
        found[printer] = PrinterHealth(
            printer,
            description,
            last_error=last_error,
            last_error_ms=error_ms,
            last_success_ms=last_success,
            waiting_jobs=int(waiting or 0),
        )
    return found


@contextmanager
def _write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@dataclass
class _Lane:
    """One printer's worker thread, its wake-up signal, and its live health."""

    spec: PrinterSpec
    wake: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    paused_until_ms: int = 0
    health: PrinterHealth | None = None


class PrintQueue:
    """Queue badges, print them on worker threads, report job changes and printer health.

    `on_change(job)` is called from worker threads (and from `enqueue`/`retry` on the caller's
    thread) after each state change; a UI marshals it to its own thread.
    """

    def __init__(
        self,
        db_path: Path,
        station: BadgeStation,
        *,
        policy: RetryPolicy | None = None,
        library: TemplateLibrary | None = None,
        on_change: Callable[[PrintJob], None] | None = None,
        clock_ms: Callable[[], int] = wall_ms,
    ) -> None:
        self.db_path = Path(db_path)
        self.station = station
        self.policy = policy or RetryPolicy()
        self.library = library
        self.on_change = on_change
        self._clock = clock_ms
        self._lanes: dict[str, _Lane] = {}
        self._lanes_lock = threading.Lock()
        self._local = threading.local()
        self._stopping = threading.Event()
        self._started = False

    @classmethod
    def for_data_dir(cls, data_dir: Path, station: BadgeStation, **kwargs: Any) -> PrintQueue:
        return cls(Path(data_dir) / DB_FILENAME, station, **kwargs)

    # -- connections ------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_queue_db(self.db_path)
            self._local.conn = conn
        return conn

    def _close_thread_conn(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- the operator's side ----------------------------------------------------------------

    def enqueue(
        self, ticket_id: int, printer: str, *, template: str | None = None, reprint: bool = False
    ) -> PrintJob:
        """Queue a badge; BadgeRefused if printed or waiting already and this is no reprint."""
        spec = parse_printer_spec(printer)
        if template:
            (self.library or load_library()).get(template)  # a typo fails now, not at the printer
        if not reprint and self.station.badge_printed(ticket_id):
            raise BadgeAlreadyPrinted(
                f"the badge for ticket {ticket_id} was printed already;"
                " use reprint to print another"
            )
        try:
            self.station.badge_source(ticket_id)
        except KeyError:
            raise BadgeRefused(f"ticket {ticket_id} is not on this station's list") from None
        now = self._clock()
        job_id = str(uuid.uuid4())
        with _write(self._conn()) as conn:
            if not reprint:
                self._refuse_if_waiting(conn, ticket_id)
            conn.execute(
                f"INSERT INTO print_jobs ({_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, 0, NULL)",
                (job_id, ticket_id, spec.text, template, JobState.QUEUED, int(reprint), now, now),
            )
        job = self._load(self._conn(), job_id)
        self._notify(job)
        self._wake(spec)
        return job

    @staticmethod
    def _refuse_if_waiting(conn: sqlite3.Connection, ticket_id: int) -> None:
        row = conn.execute(
            f"SELECT id, printer FROM print_jobs WHERE ticket_id = ? AND {_WAITING} LIMIT 1",
            (ticket_id,),
        ).fetchone()
        if row:
            raise BadgeAlreadyQueued(
                f"a badge for ticket {ticket_id} is already waiting for {row[1]} (job {row[0][:8]})"
            )

    def retry(self, job_id: str) -> PrintJob:
        """An operator's retry of a failed job: a fresh set of attempts, starting now."""
        now = self._clock()
        with _write(self._conn()) as conn:
            updated = conn.execute(
                "UPDATE print_jobs SET state = 'queued', attempts = 0, next_attempt_ms = 0,"
                " updated_ms = ? WHERE id = ? AND state = 'failed'",
                (now, job_id),
            ).rowcount
        job = self._load(self._conn(), job_id)
        if not updated:
            raise BadgeRefused(
                f"job {job_id[:8]} is {job.state.value}, not failed: nothing to retry"
            )
        self._notify(job)
        lane = self._lanes.get(job.printer)
        if lane:
            lane.paused_until_ms = 0
        self._wake(parse_printer_spec(job.printer))
        return job

    def job(self, job_id: str) -> PrintJob:
        return self._load(self._conn(), job_id)

    def jobs(self, states: tuple[JobState, ...] = (), limit: int = 200) -> list[PrintJob]:
        """Newest first, optionally only in `states`."""
        where = f"WHERE state IN ({', '.join('?' * len(states))})" if states else ""
        rows = (
            self._conn()
            .execute(
                f"SELECT {_COLUMNS} FROM print_jobs {where} ORDER BY created_ms DESC LIMIT ?",
                (*[s.value for s in states], limit),
            )
            .fetchall()
        )
        return [PrintJob.from_row(r) for r in rows]

    def waiting_count(self, printer: str | None = None) -> int:
        sql = f"SELECT count(*) FROM print_jobs WHERE {_WAITING}"
        args: tuple[Any, ...] = ()
        if printer:
            sql, args = sql + " AND printer = ?", (printer,)
        return int(self._conn().execute(sql, args).fetchone()[0])

    def history(self) -> dict[str, PrinterHealth]:
        """Health as the job table remembers it (see `printer_history`)."""
        return printer_history(self._conn())

    def give_up(self, job_id: str) -> PrintJob:
        """Stop automatic retries of a failed job; it stays failed until an operator retries."""
        with _write(self._conn()) as conn:
            conn.execute(
                "UPDATE print_jobs SET next_attempt_ms = 0, updated_ms = ? WHERE id = ?"
                " AND state = 'failed'",
                (self._clock(), job_id),
            )
        job = self._load(self._conn(), job_id)
        self._notify(job)
        return job

    def health(self) -> dict[str, PrinterHealth]:
        """Live health of every printer this queue has used since it started."""
        with self._lanes_lock:
            lanes = list(self._lanes.values())
        return {
            lane.spec.text: replace(
                lane.health or PrinterHealth(lane.spec.text, lane.spec.describe()),
                waiting_jobs=self.waiting_count(lane.spec.text),
            )
            for lane in lanes
        }

    def check_printer(self, printer: str) -> PrinterHealth:
        """Probe a printer now (without printing) and record the answer in its health."""
        spec = parse_printer_spec(printer)
        lane = self._lane(spec, start=False)
        try:
            probe_printer(spec)
        except PrintingError as error:
            self._record_health(lane, ok=False, error=str(error))
        else:
            self._record_health(lane, ok=True, error=None, success=False)
        return self.health()[spec.text]

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Recover jobs a crash left mid-print, then start a lane for every printer with work."""
        if self._started:
            return
        self._started = True
        self._stopping.clear()
        for job in self.recover_interrupted():
            log.warning(
                "job %s for ticket %s was interrupted mid-print; queued again",
                job.id,
                job.ticket_id,
            )
        printers = [
            row[0]
            for row in self._conn().execute(
                f"SELECT DISTINCT printer FROM print_jobs WHERE {_WAITING}"
            )
        ]
        for printer in printers:
            try:
                self._lane(parse_printer_spec(printer), start=True).wake.set()
            except PrintingError as error:
                log.error("queued jobs for %r cannot print: %s", printer, error)

    def recover_interrupted(self) -> list[PrintJob]:
        """Jobs left in `printing` go back to `queued`, keeping the note that they were cut off."""
        now = self._clock()
        with _write(self._conn()) as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE state = 'printing'"
            ).fetchall()
            conn.execute(
                "UPDATE print_jobs SET state = 'queued', next_attempt_ms = 0, updated_ms = ?,"
                " last_error = 'interrupted mid-print (the station stopped); printing again'"
                " WHERE state = 'printing'",
                (now,),
            )
        jobs = [self._load(self._conn(), row[0]) for row in rows]
        for job in jobs:
            self._notify(job)
        return jobs

    def stop(self, timeout_s: float = 10.0) -> None:
        """Let each lane finish the job in hand, then end the threads."""
        self._stopping.set()
        with self._lanes_lock:
            lanes = list(self._lanes.values())
        for lane in lanes:
            lane.wake.set()
        deadline = time.monotonic() + timeout_s
        for lane in lanes:
            if lane.thread:
                lane.thread.join(max(0.0, deadline - time.monotonic()))
                lane.thread = None
        self._started = False
        self._close_thread_conn()

    def __enter__(self) -> PrintQueue:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def wait_idle(self, timeout_s: float, printer: str | None = None) -> bool:
        """True once no job is queued or printing (failed ones waiting to retry don't count)."""
        deadline = time.monotonic() + timeout_s
        sql = "SELECT count(*) FROM print_jobs WHERE state IN ('queued', 'printing')"
        args: tuple[Any, ...] = ()
        if printer:
            sql, args = sql + " AND printer = ?", (parse_printer_spec(printer).text,)
        while time.monotonic() < deadline:
            if self._conn().execute(sql, args).fetchone()[0] == 0:
                return True
            time.sleep(0.01)
        return False

    # -- one attempt, usable without threads (the CLI) ----------------------------------------

    def print_now(self, job_id: str) -> PrintJob:
        """Attempt one queued job on the calling thread and return it afterwards."""
        job = self._claim(self._conn(), "id = ? AND state IN ('queued', 'failed')", (job_id,))
        if job is None:
            return self.job(job_id)
        spec = parse_printer_spec(job.printer)
        self._attempt(self._conn(), job, self._lane(spec, start=False))
        return self.job(job_id)

    # -- lanes ------------------------------------------------------------------------------

    def _lane(self, spec: PrinterSpec, *, start: bool) -> _Lane:
        with self._lanes_lock:
            lane = self._lanes.get(spec.text)
            if lane is None:
                lane = self._lanes[spec.text] = _Lane(spec)
            if start and (lane.thread is None or not lane.thread.is_alive()):
                lane.thread = threading.Thread(
                    target=self._run_lane, args=(lane,), name=f"print:{spec.text}", daemon=True
                )
                lane.thread.start()
            return lane

    def _wake(self, spec: PrinterSpec) -> None:
        if self._started and not self._stopping.is_set():
            self._lane(spec, start=True).wake.set()

    def _run_lane(self, lane: _Lane) -> None:
        try:
            conn = self._conn()
            while not self._stopping.is_set():
                wait_s = self._lane_step(conn, lane)
                if wait_s > 0:
                    lane.wake.wait(wait_s)
                    lane.wake.clear()
        except Exception:  # a lane must never die silently: the UI would show a stuck queue
            log.exception("print worker for %s stopped", lane.spec.text)
        finally:
            self._close_thread_conn()

    def _lane_step(self, conn: sqlite3.Connection, lane: _Lane) -> float:
        """Print the next due job, or return how long to sleep (seconds) until one is due."""
        now = self._clock()
        if lane.paused_until_ms > now:
            return (lane.paused_until_ms - now) / 1000
        job = self._claim(conn, _DUE + " ORDER BY created_ms LIMIT 1", (lane.spec.text, now, now))
        if job is not None:
            self._attempt(conn, job, lane)
            return 0.0
        row = conn.execute(
            "SELECT min(next_attempt_ms) FROM print_jobs WHERE printer = ? AND state = 'failed'"
            " AND next_attempt_ms > 0",
            (lane.spec.text,),
        ).fetchone()
        next_due = row[0] if row and row[0] else None
        return 60.0 if next_due is None else max(0.001, min(60.0, (next_due - now) / 1000))

    def _claim(
        self, conn: sqlite3.Connection, where: str, args: tuple[Any, ...]
    ) -> PrintJob | None:
        """Atomically move one job to `printing` (another process may share the queue)."""
        now = self._clock()
        with _write(conn):
            row = conn.execute(f"SELECT id FROM print_jobs WHERE {where}", args).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE print_jobs SET state = 'printing', attempts = attempts + 1, updated_ms = ?"
                " WHERE id = ?",
                (now, row[0]),
            )
        job = self._load(conn, row[0])
        self._notify(job)
        return job

    def _attempt(self, conn: sqlite3.Connection, job: PrintJob, lane: _Lane) -> None:
        try:
            delivery = self._print(job, lane.spec)
        except PrintingError as error:
            self._fail(conn, job, lane, str(error), retryable=error.retryable)
            return
        except Exception as error:  # a bug or a station error: keep the worker alive, retry
            log.exception("printing job %s failed unexpectedly", job.id)
            self._fail(conn, job, lane, f"unexpected error: {error}", retryable=True)
            return
        try:
            entry_id = self.station.record_badge_printed(job.ticket_id, reprint=job.reprint)
        except Exception as error:
            log.exception("badge for ticket %s printed but not logged", job.ticket_id)
            self._fail(
                conn, job, lane, f"printed, but the print log failed: {error}", retryable=False
            )
            return
        self._done(conn, job, lane, entry_id, delivery)

    def _print(self, job: PrintJob, spec: PrinterSpec) -> Delivery:
        if not job.reprint and self.station.badge_printed(job.ticket_id):
            raise BadgeAlreadyPrinted(
                f"the badge for ticket {job.ticket_id} was printed meanwhile (here or at another"
                " station); ask for a reprint if another is needed"
            )
        badge = BadgeData.from_source(self.station.badge_source(job.ticket_id))
        return deliver_badge(
            badge, spec, template=job.template, library=self.library, label=job.id[:8]
        )

    def _done(
        self,
        conn: sqlite3.Connection,
        job: PrintJob,
        lane: _Lane,
        entry_id: str,
        delivery: Delivery,
    ) -> None:
        now = self._clock()
        with _write(conn):
            conn.execute(
                "UPDATE print_jobs SET state = 'done', last_error = NULL, next_attempt_ms = 0,"
                " printed_entry_id = ?, updated_ms = ? WHERE id = ?",
                (entry_id, now, job.id),
            )
        log.info("badge for ticket %s printed: %s", job.ticket_id, delivery.detail)
        lane.paused_until_ms = 0
        self._record_health(lane, ok=True, error=None, paper_low=delivery.paper_low, at_ms=now)
        self._notify(self._load(conn, job.id))

    def _fail(
        self, conn: sqlite3.Connection, job: PrintJob, lane: _Lane, error: str, *, retryable: bool
    ) -> None:
        now = self._clock()
        again = retryable and job.attempts < self.policy.max_attempts
        next_ms = now + self.policy.delay_ms(job.attempts) if again else 0
        with _write(conn):
            conn.execute(
                "UPDATE print_jobs SET state = 'failed', last_error = ?, next_attempt_ms = ?,"
                " updated_ms = ? WHERE id = ?",
                (error, next_ms, now, job.id),
            )
        log.warning(
            "badge job %s (ticket %s) failed, attempt %s: %s",
            job.id,
            job.ticket_id,
            job.attempts,
            error,
        )
        if retryable:
            lane.paused_until_ms = next_ms if again else now + self.policy.first_delay_ms
            self._record_health(lane, ok=False, error=error, at_ms=now)
        self._notify(self._load(conn, job.id))

    # -- bookkeeping ------------------------------------------------------------------------

    def _record_health(
        self,
        lane: _Lane,
        *,
        ok: bool,
        error: str | None,
        success: bool = True,
        paper_low: bool = False,
        at_ms: int | None = None,
    ) -> None:
        now = self._clock() if at_ms is None else at_ms
        old = lane.health or PrinterHealth(lane.spec.text, lane.spec.describe())
        if ok:
            lane.health = replace(
                old,
                reachable=True,
                last_success_ms=now if success else old.last_success_ms,
                paper_low=paper_low,
            )
        else:
            lane.health = replace(old, reachable=False, last_error=error, last_error_ms=now)

    @staticmethod
    def _load(conn: sqlite3.Connection, job_id: str) -> PrintJob:
        row = conn.execute(f"SELECT {_COLUMNS} FROM print_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise BadgeRefused(f"no print job {job_id}")
        return PrintJob.from_row(row)

    def _notify(self, job: PrintJob) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(job)
        except Exception:
            log.exception("print job listener failed")
