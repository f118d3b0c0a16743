"""The persistent print queue: badges survive restarts, jams and crashes, and print only once.

Jobs live in the queue's own file, `print_queue.sqlite3` beside the station's database (see
`printing.queue_store`, the only code running SQL on it), and move queued → printing → done
once a printer confirmed the badge; → failed with the error in words when the printer never got
it (safe to send again: retried with exponential backoff up to `RetryPolicy.max_attempts`, then
waiting for an operator's `retry()`); or → unconfirmed when it was sent but no printer confirmed
it (it may have printed: never resent by itself, an operator confirms or reprints).

A job found in `printing` when the queue starts (the station crashed or lost power mid-print) is
done if the station's log holds its `badge_printed` entry (whose id derives from the job id),
else unconfirmed: it is never silently done, and never silently printed twice.

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
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from printing.badge_data import BadgeData
from printing.badge_delivery import Delivery, deliver_badge, probe_printer
from printing.badge_station import BadgeStation
from printing.badge_template import TemplateLibrary, load_library
from printing.errors import (
    BadgeAlreadyPrinted,
    BadgeRefused,
    NoSuchJob,
    PrintingError,
    PrintTrouble,
    PrintUnconfirmed,
    UnknownTicket,
)
from printing.printer_spec import PrinterSpec, parse_printer_spec
from printing.queue_store import DB_FILENAME, JobState, PrintJob, QueueStore

__all__ = [
    "DB_FILENAME",
    "JobState",
    "PrintJob",
    "PrintQueue",
    "PrinterHealth",
    "RetryPolicy",
    "printer_history",
]

log = logging.getLogger(__name__)


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
    status: str | None = None  # the printer's own words at the last probe (CUPS, ESC/POS bits)
    last_trouble: PrintTrouble | None = None  # `last_error` as a code, for a window to say


def wall_ms() -> int:
    return int(time.time() * 1000)


def printer_history(store: QueueStore) -> dict[str, PrinterHealth]:
    """Per printer: last success, last error and waiting badges as the job table remembers
    them; what a process that did not print itself (the CLI) can tell about health."""
    found: dict[str, PrinterHealth] = {}
    for record in store.printer_records():
        try:
            description = parse_printer_spec(record.printer).describe()
        except PrintingError:
            description = record.printer
        found[record.printer] = PrinterHealth(
            record.printer,
            description,
            last_error=record.last_error,
            last_error_ms=record.last_error_ms,
            last_trouble=PrintTrouble.decode(record.last_problem),
            last_success_ms=record.last_success_ms,
            waiting_jobs=record.waiting_jobs,
        )
    return found


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

    `db_path` is the queue's own file (`for_data_dir` puts it in the station's data directory).
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
        self._adopt_handed_over()

    @classmethod
    def for_data_dir(cls, data_dir: Path, station: BadgeStation, **kwargs: Any) -> PrintQueue:
        return cls(Path(data_dir) / DB_FILENAME, station, **kwargs)

    # -- connections ------------------------------------------------------------------------

    def _store(self) -> QueueStore:
        """This thread's connection to the queue file (see `queue_store`'s policy)."""
        store: QueueStore | None = getattr(self._local, "store", None)
        if store is None:
            store = QueueStore(self.db_path)
            self._local.store = store
        return store

    def _close_thread_store(self) -> None:
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None

    def _adopt_handed_over(self) -> None:
        """Jobs an older station file held come here once; the station forgets them only
        after they are committed here (a crash in between adopts them again, harmlessly)."""
        handed_over = self.station.handed_over_print_jobs()
        if not handed_over:
            return
        added = self._store().adopt(handed_over)
        self.station.forget_handed_over_print_jobs()
        log.info("print queue took over %s waiting job(s) from the station file", added)

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
            raise UnknownTicket(f"ticket {ticket_id} is not on this station's list") from None
        job = self._store().add(
            str(uuid.uuid4()), ticket_id, spec.text, template, reprint=reprint, now_ms=self._clock()
        )
        self._notify(job)
        self._wake(spec)
        return job

    def retry(self, job_id: str) -> PrintJob:
        """An operator's retry of a failed or unconfirmed job: a fresh set of attempts, now.
        For an unconfirmed job this is the operator's word that no badge came out."""
        if not self._store().requeue(
            job_id, self._clock(), from_states=(JobState.FAILED, JobState.UNCONFIRMED)
        ):
            job = self.job(job_id)
            raise BadgeRefused(
                f"job {job_id[:8]} is {job.state.value}, not failed: nothing to retry"
            )
        job = self.job(job_id)
        self._notify(job)
        lane = self._lanes.get(job.printer)
        if lane:
            lane.paused_until_ms = 0
        self._wake(parse_printer_spec(job.printer))
        return job

    def confirm_printed(self, job_id: str) -> PrintJob:
        """An operator saw the badge of an unconfirmed job come out: log it printed, done."""
        job = self.job(job_id)
        if job.state is not JobState.UNCONFIRMED:
            raise BadgeRefused(
                f"job {job_id[:8]} is {job.state.value}: only an unconfirmed badge is confirmed"
            )
        entry_id = self.station.record_badge_printed(
            job.ticket_id, reprint=job.reprint, job_id=job.id
        )
        done = self._store().mark_done(job.id, entry_id, self._clock())
        self._notify(done)
        return done

    def cancel(self, job_id: str) -> PrintJob:
        """An operator's cancel of a job that has not printed (queued, failed, or unconfirmed:
        the operator's word that no badge is wanted from it): it ends failed, never retried,
        so the ticket may be printed again later. BadgeRefused for a job printing or done."""
        job = self.job(job_id)
        reason = f" (it was: {job.last_error})" if job.last_error else ""
        note = f"cancelled by an operator{reason}"
        cancellable = (JobState.QUEUED, JobState.FAILED, JobState.UNCONFIRMED)
        if not self._store().cancel(job_id, note, self._clock(), from_states=cancellable):
            job = self.job(job_id)
            raise BadgeRefused(
                f"job {job_id[:8]} is {job.state.value}: only a waiting, failed or unconfirmed"
                " job can be cancelled"
            )
        job = self.job(job_id)
        self._notify(job)
        return job

    def job(self, job_id: str) -> PrintJob:
        return self._store().job(job_id)

    def find_job(self, id_or_prefix: str) -> PrintJob:
        """The job whose id is, or starts with, `id_or_prefix` (lists show 8 characters);
        NoSuchJob when no job or more than one matches."""
        text = id_or_prefix.strip().lower()
        if len(text) < 4 or any(c not in "0123456789abcdef-" for c in text):
            raise NoSuchJob(
                f"'{id_or_prefix}' is not a print job id (8 or more characters of 0-9, a-f,"
                " as doorline station print-jobs shows)"
            )
        found = self._store().jobs_starting(text)
        if not found:
            raise NoSuchJob(f"no print job {id_or_prefix} in {self.db_path}")
        if len(found) > 1:
            raise NoSuchJob(f"more than one print job starts with {id_or_prefix}: give more of it")
        return found[0]

    def jobs(self, states: tuple[JobState, ...] = (), limit: int = 200) -> list[PrintJob]:
        """Newest first, optionally only in `states`."""
        return self._store().jobs(states, limit)

    def waiting_count(self, printer: str | None = None) -> int:
        return self._store().waiting_count(printer)

    def history(self) -> dict[str, PrinterHealth]:
        """Health as the job table remembers it (see `printer_history`)."""
        return printer_history(self._store())

    def give_up(self, job_id: str) -> PrintJob:
        """Stop automatic retries of a failed job; it stays failed until an operator retries."""
        job = self._store().stop_retrying(job_id, self._clock())
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
            words = probe_printer(spec)
        except PrintingError as error:
            self._record_health(
                lane, ok=False, error=str(error), status=str(error), trouble=error.trouble
            )
        else:
            self._record_health(lane, ok=True, error=None, success=False, status=words)
        return self.health()[spec.text]

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Settle jobs a crash left mid-print, then start a lane for every printer with work."""
        if self._started:
            return
        self._started = True
        self._stopping.clear()
        self.recover_interrupted()
        for printer in self._store().printers_with_work():
            try:
                self._lane(parse_printer_spec(printer), start=True).wake.set()
            except PrintingError as error:
                log.error("queued jobs for %r cannot print: %s", printer, error)

    def recover_interrupted(self) -> list[PrintJob]:
        """Jobs left in `printing`: done if the station logged their badge (the crash came
        between the two files), else unconfirmed (they may have printed: an operator decides)."""
        settled = []
        for job in self._store().in_flight():
            entry_id = self.station.badge_printed_by_job(job.id)
            outcome = "unknown" if entry_id else self._ask_the_printer(job)
            if outcome == "completed":  # the printer confirmed it: log it now (idempotent)
                entry_id = self.station.record_badge_printed(
                    job.ticket_id, reprint=job.reprint, job_id=job.id
                )
            if entry_id is not None:
                log.warning("job %s printed before a restart: done", job.id)
                settled.append(self._store().mark_done(job.id, entry_id, self._clock()))
            elif outcome == "withdrawn":
                log.warning("job %s had not reached the printer before a restart", job.id)
                self._store().requeue(job.id, self._clock(), from_states=(JobState.PRINTING,))
                settled.append(self.job(job.id))
            else:
                log.warning("job %s (ticket %s) was cut off mid-print", job.id, job.ticket_id)
                settled.append(
                    self._store().mark_unconfirmed(
                        job.id,
                        "interrupted mid-print by a station restart: check the printer, then"
                        " confirm or reprint",
                        self._clock(),
                    )
                )
        for job in settled:
            self._notify(job)
        return settled

    @staticmethod
    def _ask_the_printer(job: PrintJob) -> str:
        """For a job cut off mid-print, what its printer can still tell: a CUPS job by its id
        ('completed', 'withdrawn' or 'unknown'); other printers cannot say ('unknown')."""
        if not job.backend_ref or not job.printer.startswith("cups:"):
            return "unknown"
        from printing import cups_printer

        return cups_printer.settle_job(int(job.backend_ref))

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
        self._close_thread_store()

    def __enter__(self) -> PrintQueue:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def wait_idle(self, timeout_s: float, printer: str | None = None) -> bool:
        """True once no job is queued or printing (failed ones waiting to retry don't count)."""
        deadline = time.monotonic() + timeout_s
        name = parse_printer_spec(printer).text if printer else None
        while time.monotonic() < deadline:
            if self._store().busy_count(name) == 0:
                return True
            time.sleep(0.01)
        return False

    # -- one attempt, usable without threads (the CLI) ----------------------------------------

    def print_now(self, job_id: str) -> PrintJob:
        """Attempt one queued or failed job on the calling thread and return it afterwards."""
        job = self._store().claim(job_id, None, self._clock())
        if job is None:
            return self.job(job_id)
        self._notify(job)
        spec = parse_printer_spec(job.printer)
        self._attempt(self._store(), job, self._lane(spec, start=False))
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
            store = self._store()
            while not self._stopping.is_set():
                wait_s = self._lane_step(store, lane)
                if wait_s > 0:
                    lane.wake.wait(wait_s)
                    lane.wake.clear()
        except Exception:  # a lane must never die silently: the UI would show a stuck queue
            log.exception("print worker for %s stopped", lane.spec.text)
        finally:
            self._close_thread_store()

    def _lane_step(self, store: QueueStore, lane: _Lane) -> float:
        """Print the next due job, or return how long to sleep (seconds) until one is due."""
        now = self._clock()
        if lane.paused_until_ms > now:
            return (lane.paused_until_ms - now) / 1000
        job = store.claim(None, lane.spec.text, now)
        if job is not None:
            self._notify(job)
            self._attempt(store, job, lane)
            return 0.0
        next_due = store.next_retry_ms(lane.spec.text)
        return 60.0 if next_due is None else max(0.001, min(60.0, (next_due - now) / 1000))

    def _attempt(self, store: QueueStore, job: PrintJob, lane: _Lane) -> None:
        try:
            delivery = self._print(job, lane.spec)
        except PrintUnconfirmed as error:
            self._unconfirmed(
                store, job, lane, str(error), template=error.template, trouble=error.trouble
            )
            return
        except PrintingError as error:
            self._fail(
                store,
                job,
                lane,
                str(error),
                retryable=error.retryable,
                template=error.template,
                trouble=error.trouble,
            )
            return
        except Exception as error:  # a bug or a station error: keep the worker alive, retry
            log.exception("printing job %s failed unexpectedly", job.id)
            self._fail(store, job, lane, f"unexpected error: {error}", retryable=True)
            return
        try:
            entry_id = self.station.record_badge_printed(
                job.ticket_id, reprint=job.reprint, job_id=job.id
            )
        except Exception as error:
            log.exception("badge for ticket %s printed but not logged", job.ticket_id)
            note = f"printed, but the print log failed: {error}"
            self._unconfirmed(store, job, lane, note, template=delivery.template)
            return
        self._done(store, job, lane, entry_id, delivery)

    def _print(self, job: PrintJob, spec: PrinterSpec) -> Delivery:
        if not job.reprint and self.station.badge_printed(job.ticket_id):
            raise BadgeAlreadyPrinted(
                f"the badge for ticket {job.ticket_id} was printed meanwhile (here or at another"
                " station); ask for a reprint if another is needed"
            )
        badge = BadgeData.from_source(self.station.badge_source(job.ticket_id))
        return deliver_badge(
            badge,
            spec,
            template=job.template,
            library=self.library,
            label=job.id[:8],
            on_submitted=lambda ref: self._store().set_backend_ref(job.id, ref),
        )

    def _done(
        self, store: QueueStore, job: PrintJob, lane: _Lane, entry_id: str, delivery: Delivery
    ) -> None:
        now = self._clock()
        done = store.mark_done(
            job.id, entry_id, now, template=delivery.template, note=delivery.note
        )
        log.info("badge for ticket %s printed: %s", job.ticket_id, delivery.detail)
        lane.paused_until_ms = 0
        self._record_health(lane, ok=True, error=None, paper_low=delivery.paper_low, at_ms=now)
        self._notify(done)

    def _unconfirmed(
        self,
        store: QueueStore,
        job: PrintJob,
        lane: _Lane,
        note: str,
        template: str | None,
        trouble: PrintTrouble | None = None,
    ) -> None:
        now = self._clock()
        waiting = store.mark_unconfirmed(job.id, note, now, template, trouble)
        log.warning("badge job %s (ticket %s) unconfirmed: %s", job.id, job.ticket_id, note)
        self._record_health(lane, ok=False, error=note, at_ms=now, trouble=trouble)
        self._notify(waiting)

    def _fail(
        self,
        store: QueueStore,
        job: PrintJob,
        lane: _Lane,
        error: str,
        *,
        retryable: bool,
        template: str | None = None,
        trouble: PrintTrouble | None = None,
    ) -> None:
        now = self._clock()
        again = retryable and job.attempts < self.policy.max_attempts
        next_ms = now + self.policy.delay_ms(job.attempts) if again else 0
        failed = store.mark_failed(job.id, error, next_ms, now, template, trouble)
        log.warning(
            "badge job %s (ticket %s) failed, attempt %s: %s",
            job.id,
            job.ticket_id,
            job.attempts,
            error,
        )
        if retryable:
            lane.paused_until_ms = next_ms if again else now + self.policy.first_delay_ms
            self._record_health(lane, ok=False, error=error, at_ms=now, trouble=trouble)
        self._notify(failed)

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
        status: str | None = None,
        trouble: PrintTrouble | None = None,
    ) -> None:
        now = self._clock() if at_ms is None else at_ms
        old = lane.health or PrinterHealth(lane.spec.text, lane.spec.describe())
        old = replace(old, status=status or old.status)
        if ok:
            lane.health = replace(
                old,
                reachable=True,
                last_success_ms=now if success else old.last_success_ms,
                paper_low=paper_low,
            )
        else:
            lane.health = replace(
                old, reachable=False, last_error=error, last_error_ms=now, last_trouble=trouble
            )

    def _notify(self, job: PrintJob) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(job)
        except Exception:
            log.exception("print job listener failed")
