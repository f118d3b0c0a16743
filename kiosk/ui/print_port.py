"""What the UI needs from badge printing, on top of the printing package's persistent queue.

Every printer spec (`pdf:DIR`, `escpos-net:H:P`, `cups:NAME`, ...) goes through
`printing.print_queue.PrintQueue`: jobs live in the queue's own file and move queued →
printing → done / failed across restarts, each printed badge is a `badge_printed` (or, for an
operator's reprint, `badge_reprinted`) log entry, and a second badge is refused unless an
operator reprints.

`QueuePrinting` adapts the queue to the UI: job changes are mirrored into a thread-safe cache
the UI polls on its own thread (`job()`), and every call that touches the queue's SQLite runs on
one private thread, so the queue keeps exactly one connection for the UI's side and closes it
on `stop()`. The UI calls the other methods from worker threads, never from the UI thread:
a printer probe can take seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate
from kiosk.ui.print_words import print_trouble_words
from printing.errors import BadgeRefused, PrintingError, PrintTrouble, PrintUnconfirmed
from printing.print_queue import JobState, PrintJob, PrintQueue, RetryPolicy
from printing.print_queue import PrinterHealth as QueueHealth
from printing.printer_spec import PrinterKind, PrinterSpec, parse_printer_spec

log = logging.getLogger(__name__)

__all__ = [
    "BadgePrinting",
    "BadgeRefused",
    "JobState",
    "JobView",
    "NoPrinter",
    "PrinterHealth",
    "QueuePrinting",
    "badge_printing_for",
]

T = TypeVar("T")
_STOP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class JobView:
    """One badge job as the UI shows it."""

    job_id: str
    ticket_id: int
    state: JobState
    error: str | None = None
    reprint: bool = False
    printer: str = ""
    attempts: int = 0
    will_retry: bool = False  # failed, and the queue tries again by itself
    created_ms: int = 0
    updated_ms: int = 0
    note: str | None = None  # a printed badge that differs from the data (a fallback name)
    trouble: PrintTrouble | None = None  # `error` as a code with values

    @property
    def error_words(self) -> str | None:
        """Why the last attempt failed, in the window's language (None: it did not)."""
        return print_trouble_words(self.trouble, self.error) if self.error else None

    @classmethod
    def from_job(cls, job: PrintJob) -> JobView:
        return cls(
            job_id=job.id,
            ticket_id=job.ticket_id,
            state=job.state,
            error=job.last_error,
            reprint=job.reprint,
            printer=job.printer,
            attempts=job.attempts,
            will_retry=job.will_retry,
            created_ms=job.created_ms,
            updated_ms=job.updated_ms,
            note=job.note,
            trouble=job.trouble,
        )


@dataclass(frozen=True)
class PrinterHealth:
    ok: bool
    words: str  # "network printer 10.0.0.7:9100 ready", "... is not answering: ..."
    waiting: int = 0  # badges queued or waiting for a retry (not part of `words`)
    paper_low: bool = False


class BadgePrinting(Protocol):
    configured: bool  # False: this station has no badge printer (nothing to warn about)

    def submit(self, ticket_id: int, *, reprint: bool = False) -> str:
        """Queue a badge; raises `BadgeRefused` if printed or waiting already (no reprint)."""
        ...

    def job(self, job_id: str) -> JobView | None: ...

    def jobs(self, states: tuple[JobState, ...] = ()) -> list[JobView]: ...

    def retry(self, job_id: str) -> None: ...

    def retry_failed(self) -> int: ...

    def confirm_printed(self, job_id: str) -> None:
        """An operator saw an unconfirmed badge come out: log it printed (no reprint)."""
        ...

    def give_up(self, job_id: str) -> None: ...

    def health(self) -> PrinterHealth:
        """Cheap: what the queue knows (never contacts a network printer)."""
        ...

    def check(self) -> PrinterHealth:
        """Contact the printer now (can take its timeout, a few seconds)."""
        ...

    def test_print(self) -> PrinterHealth: ...

    def stop(self) -> None: ...


class NoPrinter:
    """No usable badge printer: none configured, or a setting the printing package refuses.

    Every job fails at once with words for the operator; `configured` tells the door whether
    that is worth a banner (a bad setting is, a station without a printer is not).
    """

    def __init__(self, words: str | None = None, *, configured: bool = False) -> None:
        self.words = words or translate(
            "PrintPort", "No badge printer configured: choose one in Station settings."
        )
        self.configured = configured
        self._jobs: dict[str, JobView] = {}
        self._lock = threading.Lock()

    def submit(self, ticket_id: int, *, reprint: bool = False) -> str:
        with self._lock:
            job_id = f"no-printer-{len(self._jobs) + 1}"
            now = int(time.time() * 1000)
            self._jobs[job_id] = JobView(
                job_id,
                ticket_id,
                JobState.FAILED,
                self.words,
                reprint,
                created_ms=now,
                updated_ms=now,
            )
        return job_id

    def job(self, job_id: str) -> JobView | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self, states: tuple[JobState, ...] = ()) -> list[JobView]:
        with self._lock:
            found = [j for j in self._jobs.values() if not states or j.state in states]
        return sorted(found, key=lambda j: j.created_ms, reverse=True)

    def retry(self, job_id: str) -> None:
        return None

    def retry_failed(self) -> int:
        return 0

    def confirm_printed(self, job_id: str) -> None:
        return None

    def give_up(self, job_id: str) -> None:
        return None

    def health(self) -> PrinterHealth:
        return PrinterHealth(False, self.words)

    def check(self) -> PrinterHealth:
        return self.health()

    def test_print(self) -> PrinterHealth:
        return self.health()

    def stop(self) -> None:
        return None


def _ago(ms: int, now_ms: int) -> str:
    seconds = max(0, (now_ms - ms) // 1000)
    if seconds < 60:
        return translate("PrintPort", "{0} s ago").format(seconds)
    if seconds < 7200:
        return translate("PrintPort", "{0} min ago").format(seconds // 60)
    return translate("PrintPort", "{0} h ago").format(seconds // 3600)


def printer_words(spec: PrinterSpec) -> str:
    """The printer in the window's language ("network printer 10.0.0.7:9100")."""
    kind = spec.kind
    if kind is PrinterKind.ESCPOS_NET:
        host = f"[{spec.target}]" if ":" in spec.target else spec.target
        return translate("PrintPort", "network printer {0}").format(f"{host}:{spec.port}")
    if kind is PrinterKind.ESCPOS_USB and spec.usb_ids:
        ids = f"{spec.usb_ids[0]:04x}:{spec.usb_ids[1]:04x}"
        return translate("PrintPort", "USB printer {0}").format(ids)
    words = {
        PrinterKind.PDF: QT_TRANSLATE_NOOP("PrintPort", "PDF files in {0}"),
        PrinterKind.CUPS: QT_TRANSLATE_NOOP("PrintPort", "system printer “{0}”"),
        PrinterKind.ESCPOS_SERIAL: QT_TRANSLATE_NOOP("PrintPort", "serial printer {0}"),
        PrinterKind.ESCPOS_FILE: QT_TRANSLATE_NOOP("PrintPort", "printer device {0}"),
    }.get(kind)
    return translate("PrintPort", words).format(spec.target) if words else spec.text


def trouble_words(spec: PrinterSpec, error: str | None, trouble: PrintTrouble | None = None) -> str:
    """Which printer does not answer, and why: the printing package's code in the window's
    language, else its own words (without its English name of the printer, said here)."""
    english = spec.describe()
    why = error or ""
    if trouble is not None and why:
        why = print_trouble_words(trouble, why)
    if why.startswith(english):
        why = why[len(english) :].lstrip(" :")
    if not why:
        return translate("PrintPort", "{0} is not answering").format(printer_words(spec))
    return translate("PrintPort", "{0} is not answering: {1}").format(printer_words(spec), why)


def health_words(spec: PrinterSpec, live: QueueHealth | None, now_ms: int) -> PrinterHealth:
    """The queue's knowledge of one printer, in an operator's words."""
    name = printer_words(spec)
    waiting = live.waiting_jobs if live else 0
    if live is None or (
        live.reachable is None and not live.last_error and not live.last_success_ms
    ):
        return PrinterHealth(
            True, translate("PrintPort", "{0}: no badge printed yet").format(name), waiting
        )
    if live.reachable is False or (live.reachable is None and live.last_error):
        return PrinterHealth(
            False, trouble_words(spec, live.last_error, live.last_trouble), waiting
        )
    if live.last_success_ms:
        words = translate("PrintPort", "{0} ready, last badge {1}").format(
            name, _ago(live.last_success_ms, now_ms)
        )
    else:
        words = translate("PrintPort", "{0} ready").format(name)
    if live.paper_low:
        words = translate("PrintPort", "{0} — paper low, refill soon").format(words)
    return PrinterHealth(True, words, waiting, live.paper_low)


def prepare_pdf_folder(spec: PrinterSpec) -> None:
    """`pdf:DIR` means a folder (one file per badge) in the kiosk's settings, even before the
    folder exists (as `badge_delivery.pdf_is_folder` decides); it is made here at start so a
    missing or unwritable folder shows in the ready check. A `.pdf` target stays one file."""
    if spec.kind is not PrinterKind.PDF or spec.target.lower().endswith(".pdf"):
        return
    try:
        Path(spec.target).expanduser().mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("cannot create the badge folder %s: %s", spec.target, error)


class QueuePrinting:
    """The station's persistent print queue for one configured printer, as `BadgePrinting`."""

    configured = True

    def __init__(
        self,
        station: Any,
        spec: PrinterSpec,
        *,
        data_dir: Path | None = None,
        policy: RetryPolicy | None = None,
        event_name: str = "",
    ) -> None:
        self.spec = spec
        self._station = station
        self._event_name = event_name
        self._views: dict[str, JobView] = {}
        self._watchers: list[Callable[[JobView], None]] = []
        self._health = PrinterHealth(True, f"{spec.describe()}: starting")
        self._lock = threading.Lock()
        self._stopped = False
        self._calls = ThreadPoolExecutor(max_workers=1, thread_name_prefix="doorline-print-ui")
        prepare_pdf_folder(spec)
        folder = Path(data_dir) if data_dir else Path(station.replica.path).parent
        self.queue = PrintQueue.for_data_dir(folder, station, policy=policy, on_change=self._seen)
        try:
            self._call(self._start)
        except BaseException:
            self._calls.shutdown(wait=False)
            raise

    # -- plumbing ---------------------------------------------------------------------------

    def _call(self, fn: Callable[[], T]) -> T:
        if self._stopped:
            raise PrintingError("the print queue has stopped")
        return self._calls.submit(fn).result()

    def _start(self) -> None:
        for job in self.queue.jobs(limit=200):  # before any lane runs: nothing newer yet
            self._seen(job)
        self.queue.start()  # jobs a crash left mid-print go back to queued, lanes resume

    def _seen(self, job: PrintJob) -> None:
        """The queue's change callback (lane threads, and ours): mirror it for `job()`.

        Only the queue's own notifications (and the first load) write here, in the order
        the changes happened; a `jobs()` listing read earlier must never overwrite them."""
        view = JobView.from_job(job)
        with self._lock:
            self._views[job.id] = view
            watchers = list(self._watchers)
        for watcher in watchers:
            watcher(view)

    def watch(self, callback: Callable[[JobView], None]) -> None:
        """Call `callback(job)` with every change of a job from now on, on the queue's own
        threads (a Qt receiver gets it through a queued signal). Exists so whoever must react
        to a badge being done (the demo's --quit-after-badges) need not poll the queue."""
        with self._lock:
            self._watchers.append(callback)

    # -- BadgePrinting ----------------------------------------------------------------------

    def submit(self, ticket_id: int, *, reprint: bool = False) -> str:
        job = self._call(lambda: self.queue.enqueue(ticket_id, self.spec.text, reprint=reprint))
        if reprint:
            log.info(
                "operator reprint of the badge for ticket %s queued (job %s)", ticket_id, job.id
            )
        return job.id

    def job(self, job_id: str) -> JobView | None:
        with self._lock:
            return self._views.get(job_id)

    def jobs(self, states: tuple[JobState, ...] = ()) -> list[JobView]:
        if self._stopped:
            with self._lock:
                cached = list(self._views.values())
            found = [j for j in cached if not states or j.state in states]
            return sorted(found, key=lambda j: j.created_ms, reverse=True)
        rows = self._call(lambda: self.queue.jobs(states, limit=200))
        return [JobView.from_job(job) for job in rows]

    def retry(self, job_id: str) -> None:
        try:
            self._call(lambda: self.queue.retry(job_id))
        except BadgeRefused as refusal:
            log.info("retry of %s refused: %s", job_id, refusal)

    def confirm_printed(self, job_id: str) -> None:
        self._call(lambda: self.queue.confirm_printed(job_id))

    def retry_failed(self) -> int:
        failed = self.jobs((JobState.FAILED,))
        for job in failed:
            self.retry(job.job_id)
        return len(failed)

    def give_up(self, job_id: str) -> None:
        self._call(lambda: self.queue.give_up(job_id))

    def health(self) -> PrinterHealth:
        if self._stopped:
            return self._health
        live = self._call(lambda: self._live_health())
        self._health = health_words(self.spec, live, int(time.time() * 1000))
        return self._health

    def _live_health(self) -> QueueHealth | None:
        live = self.queue.health().get(self.spec.text)
        if live is None or (live.reachable is None and not live.last_error):
            remembered = self.queue.history().get(self.spec.text)  # from an earlier run
            if remembered is not None:
                return remembered
        return live

    def check(self) -> PrinterHealth:
        """Probe the printer (on the queue's thread: it records the answer in its health)."""
        try:
            live = self._call(lambda: self.queue.check_printer(self.spec.text))
        except PrintingError as error:
            return PrinterHealth(False, trouble_words(self.spec, str(error), error.trouble))
        if live.reachable:
            self._health = health_words(self.spec, live, int(time.time() * 1000))
            words = translate("PrintPort", "{0} answers").format(printer_words(self.spec))
            if live.paper_low:
                words = translate("PrintPort", "{0} — paper low, refill soon").format(words)
            return PrinterHealth(True, words, self._health.waiting, paper_low=live.paper_low)
        return PrinterHealth(False, trouble_words(self.spec, live.last_error, live.last_trouble))

    def test_print(self) -> PrinterHealth:
        """A made-up attendee's badge straight to the printer (not queued, not logged), on
        the station's template: the commonest ticket type's, as real badges print."""
        from printing.badge_data import BadgeData, sample_badge
        from printing.badge_delivery import deliver_badge

        source = self._station.sample_badge_source()
        if source is not None:
            badge = BadgeData.from_source(source)
        else:
            badge = sample_badge(**({"event_name": self._event_name} if self._event_name else {}))
        try:
            delivery = deliver_badge(badge, self.spec, label="test")
        except PrintUnconfirmed as error:
            unconfirmed = QT_TRANSLATE_NOOP(
                "PrintPort", "Test badge sent, but the printer did not confirm it: {0}"
            )
            why = print_trouble_words(error.trouble, str(error))
            return PrinterHealth(False, translate("PrintPort", unconfirmed).format(why))
        except Exception as error:
            if not isinstance(error, PrintingError):
                log.exception("test print failed")
            not_printed = translate("PrintPort", "Test badge not printed: {0}")
            why = str(error)
            if isinstance(error, PrintingError):
                why = print_trouble_words(error.trouble, why)
            return PrinterHealth(False, not_printed.format(why))
        log.info("test badge: %s", delivery.detail)
        return PrinterHealth(
            True,
            translate("PrintPort", "Test badge printed on template '{0}' ({1})").format(
                delivery.template, printer_words(self.spec)
            ),
        )

    def stop(self) -> None:
        """Let the lanes finish the badge in hand, close the queue's connections."""
        if self._stopped:
            return
        try:
            self._calls.submit(self.queue.stop).result(timeout=_STOP_TIMEOUT_S)
        except Exception:
            log.exception("stopping the print queue failed")
        self._stopped = True
        self._calls.shutdown(wait=True)


def _configured_default(data_dir: Path) -> str:
    """A station's default printer from `<data_dir>/printers.toml`, if it has one."""
    from printing.printer_config import default_printer

    found = default_printer(data_dir)
    return found.spec.text if found else ""


def badge_printing_for(station: Any, spec_text: str) -> BadgePrinting:
    """The printer the kiosk settings name (else the station's printers.toml default),
    always through the persistent print queue."""
    data_dir = Path(station.replica.path).parent
    try:
        text = spec_text.strip() or _configured_default(data_dir)
    except PrintingError as error:
        return NoPrinter(
            translate("PrintPort", "Printer settings: {0}").format(error), configured=True
        )
    if not text:
        return NoPrinter()
    try:
        spec = parse_printer_spec(text)
        event = station.replica.event_name()
        return QueuePrinting(station, spec, data_dir=data_dir, event_name=event)
    except PrintingError as error:
        log.warning("badge printer %r unusable: %s", text, error)
        words = translate("PrintPort", "Badge printer “{0}”: {1}").format(text, error)
        return NoPrinter(words, configured=True)
