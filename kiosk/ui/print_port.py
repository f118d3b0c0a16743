"""What the UI needs from badge printing, and a PDF-folder printer until the queue lands.

The UI submits a ticket and polls the job (thread-safe) on a timer; it never waits for a
printer. `badge_printing_for` uses the printing package's persistent queue when it is installed,
else `PdfFolderPrinting`, a small worker thread that writes one PDF per badge.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from printing.badge_station import BadgeStation

log = logging.getLogger(__name__)


class JobState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class JobView:
    job_id: str
    ticket_id: int
    state: JobState
    error: str | None = None
    reprint: bool = False
    output: str | None = None  # where the badge went (a PDF path)


@dataclass(frozen=True)
class PrinterHealth:
    ok: bool
    words: str  # "Printer ready", "Printer folder not writable: ..."


class BadgePrinting(Protocol):
    def submit(self, ticket_id: int, *, reprint: bool = False) -> str: ...

    def job(self, job_id: str) -> JobView | None: ...

    def jobs(self) -> list[JobView]: ...

    def retry(self, job_id: str) -> None: ...

    def health(self) -> PrinterHealth: ...

    def test_print(self) -> PrinterHealth: ...

    def stop(self) -> None: ...


class NoPrinter:
    """A station without a printer: every job fails at once with words for the operator."""

    def __init__(self) -> None:
        self._jobs: dict[str, JobView] = {}
        self._ids = itertools.count(1)

    def submit(self, ticket_id: int, *, reprint: bool = False) -> str:
        job_id = f"job-{next(self._ids)}"
        error = "No badge printer is configured."
        self._jobs[job_id] = JobView(job_id, ticket_id, JobState.FAILED, error, reprint)
        return job_id

    def job(self, job_id: str) -> JobView | None:
        return self._jobs.get(job_id)

    def jobs(self) -> list[JobView]:
        return list(self._jobs.values())

    def retry(self, job_id: str) -> None:
        return None

    def health(self) -> PrinterHealth:
        return PrinterHealth(False, "No badge printer configured: choose one in Settings.")

    def test_print(self) -> PrinterHealth:
        return self.health()

    def stop(self) -> None:
        return None


class PdfFolderPrinting:
    """Badges as PDF files in a folder, rendered on a worker thread, logged on the station."""

    def __init__(self, station: BadgeStation, folder: Path) -> None:
        self._station = station
        self.folder = Path(folder)
        self._jobs: dict[str, JobView] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="doorline-print", daemon=True)
        self._thread.start()

    def submit(self, ticket_id: int, *, reprint: bool = False) -> str:
        job_id = f"job-{next(self._ids)}"
        with self._lock:
            self._jobs[job_id] = JobView(job_id, ticket_id, JobState.QUEUED, reprint=reprint)
        self._queue.put(job_id)
        return job_id

    def job(self, job_id: str) -> JobView | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[JobView]:
        with self._lock:
            return list(self._jobs.values())

    def retry(self, job_id: str) -> None:
        job = self.job(job_id)
        if job is not None and job.state is JobState.FAILED:
            self._set(job_id, state=JobState.QUEUED, error=None)
            self._queue.put(job_id)

    def health(self) -> PrinterHealth:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return PrinterHealth(False, f"Badge folder {self.folder} not writable: {error}")
        if not self.folder.is_dir():
            return PrinterHealth(False, f"Badge folder {self.folder} is not a folder.")
        return PrinterHealth(True, f"Printing badges to PDF files in {self.folder}")

    def test_print(self) -> PrinterHealth:
        health = self.health()
        if not health.ok:
            return health
        try:
            from printing.badge_data import sample_badge

            (self.folder / "test-badge.pdf").write_bytes(_render(sample_badge()))
        except Exception as error:
            log.exception("test print failed")
            return PrinterHealth(False, f"Test badge failed: {error}")
        return PrinterHealth(True, f"Test badge written to {self.folder / 'test-badge.pdf'}")

    def stop(self) -> None:
        self._queue.put(None)

    def _set(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _run(self) -> None:
        while (job_id := self._queue.get()) is not None:
            self._set(job_id, state=JobState.PRINTING)
            try:
                path = self._print(self._jobs[job_id])
            except Exception as error:
                log.exception("badge job %s failed", job_id)
                self._set(job_id, state=JobState.FAILED, error=str(error) or type(error).__name__)
                continue
            self._set(job_id, state=JobState.DONE, output=str(path))

    def _print(self, job: JobView) -> Path:
        from printing.badge_data import BadgeData

        if not job.reprint and self._station.badge_printed(job.ticket_id):
            raise RuntimeError("This badge was printed already; an operator can reprint it.")
        badge = BadgeData.from_source(self._station.badge_source(job.ticket_id))
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"badge-{job.ticket_id}{'-reprint' if job.reprint else ''}.pdf"
        path.write_bytes(_render(badge))
        self._station.record_badge_printed(job.ticket_id, reprint=job.reprint)
        return path


def _render(badge: Any) -> bytes:
    from printing.badge_pdf import render_pdf
    from printing.badge_template import TemplateKind, load_library

    template = load_library().choose(TemplateKind.SHEET, badge.ticket_type)
    return render_pdf(badge, template)


def badge_printing_for(station: BadgeStation, spec: str) -> BadgePrinting:
    """The printer a settings string names; `pdf:DIR` works without the print queue package."""
    if not spec:
        return NoPrinter()
    try:
        from printing.print_queue import open_print_queue  # type: ignore[import-not-found]
    except ImportError:
        open_print_queue = None
    if open_print_queue is None:
        if spec.startswith("pdf:"):
            return PdfFolderPrinting(station, Path(spec[4:]))
        log.warning("printer %s needs the print queue package; badges off", spec)
        return NoPrinter()
    return open_print_queue(station, spec)  # pragma: no cover - wired when printing lands
