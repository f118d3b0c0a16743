"""System printers through CUPS's own API: pycups, OpenPrinting's binding of libcups.

Why pycups: it is CUPS's own client library (libcups: IPP, authentication, the server named by
`CUPS_SERVER` or client.conf, domain sockets) maintained by the OpenPrinting project that
maintains CUPS, so Doorline asks CUPS questions in IPP instead of parsing `lp`/`lpstat` text,
whose words change with the version and locale and which cannot follow a job. It builds from
source (`libcups2-dev` and a C compiler, both in `.ci/apt-packages.txt`).

A badge sent to CUPS counts as printed only when CUPS reports its job `completed`
(job-state 9, RFC 8011 §5.3.7): the job is submitted, its id handed to the caller at once
(so a restart can find it), then followed. What can happen, and what the queue makes of it:

- CUPS not running: `CupsUnavailable`, a service problem the queue retries (never "no printer").
- No such queue: `PrinterSetupError` (an operator fixes the spec; retrying cannot help).
- Queue not accepting jobs (`cupsreject`) or stopped (`cupsdisable`): `PrinterUnavailable`
  with CUPS's reason, before anything is sent; a job that finds its queue stopped or held while
  still pending is cancelled (withdrawn) so it cannot come out later, and reported the same way:
  the printer never got it, safe to send again.
- Job stopped or aborted once processing had begun, lost contact with CUPS after submitting,
  or still printing at the deadline: `PrintUnconfirmed` (it may have printed: ask a person).
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from printing.errors import (
    CupsUnavailable,
    PrinterSetupError,
    PrinterUnavailable,
    PrintProblem,
    PrintUnconfirmed,
)
from printing.printer_spec import DEFAULT_WAIT_S

log = logging.getLogger(__name__)

_POLL_S = (0.02, 0.05, 0.1, 0.2, 0.25)

# IPP enums (RFC 8011 §5.4.11 printer-state, §5.3.7 job-state; RFC 8011 status codes).
PRINTER_STOPPED = 5
JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED = 3, 4, 5, 6
JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = 7, 8, 9
IPP_NOT_FOUND = 0x0406
IPP_NOT_ACCEPTING = 0x0506
_PRINTER_STATES = {3: "idle", 4: "printing", 5: "stopped"}
_JOB_ATTRIBUTES = [
    "job-state",
    "job-state-reasons",
    "job-printer-state-message",
    "time-at-processing",
]
_PRINTER_ATTRIBUTES = [
    "printer-name",
    "printer-state",
    "printer-state-reasons",
    "printer-state-message",
    "printer-is-accepting-jobs",
]


@dataclass(frozen=True)
class CupsPrinter:
    """One CUPS queue: accepting jobs or not, enabled (not stopped) or not, and why."""

    name: str
    state: str  # idle, printing or stopped
    accepting: bool
    enabled: bool
    reasons: tuple[str, ...]
    message: str
    is_default: bool = False

    @property
    def ready(self) -> bool:
        return self.accepting and self.enabled

    def words(self) -> str:
        """'idle', 'stopped (paused): message', 'not accepting jobs (reason)'… for people."""
        parts = [self.state]
        if not self.accepting:
            parts.append("not accepting jobs")
        reasons = [r for r in self.reasons if r and r != "none"]
        why = ", ".join(reasons)
        if self.message:
            why = f"{why}: {self.message}" if why else self.message
        text = ", ".join(parts)
        return f"{text} ({why})" if why else text

    def problem(self) -> tuple[PrintProblem, str, str]:
        """Why this queue cannot print, for a window to translate: (paused or not accepting,
        the queue's name, CUPS's own reasons and message as it gave them)."""
        why = ", ".join(r for r in self.reasons if r and r != "none")
        if self.message:
            why = f"{why}: {self.message}" if why else self.message
        if not self.enabled:
            return PrintProblem.CUPS_PRINTER_PAUSED, self.name, why
        return PrintProblem.CUPS_NOT_ACCEPTING, self.name, why

    @classmethod
    def from_attributes(cls, name: str, attrs: dict[str, Any], default: str) -> CupsPrinter:
        state = int(attrs.get("printer-state", 3))
        reasons = attrs.get("printer-state-reasons", [])
        if isinstance(reasons, str):
            reasons = [reasons]
        return cls(
            name=name,
            state=_PRINTER_STATES.get(state, "unknown"),
            accepting=bool(attrs.get("printer-is-accepting-jobs", True)),
            enabled=state != PRINTER_STOPPED,
            reasons=tuple(str(r) for r in reasons),
            message=str(attrs.get("printer-state-message") or ""),
            is_default=name == default,
        )


@dataclass(frozen=True)
class CupsJob:
    """A badge CUPS reported completed: its CUPS job id."""

    job_id: int
    printer: str


def _pycups() -> Any:
    try:
        import cups
    except ImportError:
        raise CupsUnavailable(
            "CUPS support is not installed (the pycups package); print to a file with"
            " --printer pdf:PATH meanwhile",
            PrintProblem.CUPS_MISSING,
        ) from None
    return cups


def _server() -> tuple[str | None, int | None]:
    """The CUPS server from `CUPS_SERVER` (host, host:port or a socket path), else libcups's
    default (client.conf, the local socket)."""
    text = os.environ.get("CUPS_SERVER", "").strip()
    if not text:
        return None, None
    if text.startswith("/"):
        return text, None
    host, _, port = text.rpartition(":") if text.count(":") == 1 else (text, "", "")
    return (host, int(port)) if port.isdigit() else (text, None)


@contextmanager
def connection() -> Iterator[Any]:
    """A connection to the CUPS server; CupsUnavailable (retryable) when it is not running."""
    cups = _pycups()
    host, port = _server()
    if host:
        # libcups names the job's printer-uri after its own (per-thread) server setting, not
        # after the connection: both must name the same scheduler.
        cups.setServer(os.environ["CUPS_SERVER"].strip())
    if os.environ.get("CUPS_USER"):
        cups.setUser(os.environ["CUPS_USER"])  # libcups reads it once per thread otherwise
    kwargs: dict[str, Any] = {}
    if host:
        kwargs["host"] = host
    if port:
        kwargs["port"] = port
    try:
        conn = cups.Connection(**kwargs)
    except RuntimeError as error:
        log.info("CUPS connection failed: %s", error)
        raise CupsUnavailable(
            "the CUPS print service is not running on this computer (start it, or print to a"
            " file with --printer pdf:PATH)",
            PrintProblem.CUPS_STOPPED,
        ) from None
    yield conn


def _ipp_error(error: Exception) -> tuple[int, str]:
    args: tuple[Any, ...] = tuple(getattr(error, "args", ()))
    if len(args) >= 2 and isinstance(args[0], int):
        return int(args[0]), str(args[1])
    return 0, str(error)


def _lost(error: Exception) -> bool:
    """pycups reports a dropped connection as IPPError with an HTTP/transport status."""
    status, _ = _ipp_error(error)
    return status in (0, 0x0500, 0x0502, 0x1000) or status >= 0x1000


def list_printers() -> list[CupsPrinter]:
    """Every CUPS queue with its accepting/enabled state and reasons; [] when there are none."""
    cups = _pycups()
    with connection() as conn:
        try:
            names = sorted(conn.getPrinters())  # its answer lacks printer-is-accepting-jobs
            default = conn.getDefault() or ""
            found = [
                conn.getPrinterAttributes(name, requested_attributes=_PRINTER_ATTRIBUTES)
                for name in names
            ]
        except (cups.IPPError, RuntimeError) as error:
            message = _ipp_error(error)[1]
            raise CupsUnavailable(
                f"CUPS did not answer: {message}", PrintProblem.CUPS_NO_ANSWER, message
            ) from None
    return [
        CupsPrinter.from_attributes(name, attrs, default)
        for name, attrs in zip(names, found, strict=True)
    ]


def printer_status(name: str) -> CupsPrinter:
    """One queue's state; PrinterSetupError when CUPS has no such queue."""
    cups = _pycups()
    with connection() as conn:
        return _status(cups, conn, name)


def _no_such_queue(name: str) -> PrinterSetupError:
    return PrinterSetupError(
        f"CUPS has no printer named '{name}' (see `doorline printers`)",
        PrintProblem.CUPS_NO_SUCH_PRINTER,
        name,
    )


def _status(cups: Any, conn: Any, name: str) -> CupsPrinter:
    try:
        attrs = conn.getPrinterAttributes(name, requested_attributes=_PRINTER_ATTRIBUTES)
    except cups.IPPError as error:
        status, message = _ipp_error(error)
        if status == IPP_NOT_FOUND:
            raise _no_such_queue(name) from None
        raise CupsUnavailable(
            f"CUPS did not answer about '{name}': {message}", PrintProblem.CUPS_NO_ANSWER, message
        ) from None
    return CupsPrinter.from_attributes(name, attrs, "")


def print_pdf(
    name: str,
    pdf: bytes,
    *,
    title: str,
    media: str = "",
    wait_s: float = DEFAULT_WAIT_S,
    on_submitted: Callable[[int], None] | None = None,
) -> CupsJob:
    """Print `pdf` on CUPS queue `name` and follow the job until CUPS says `completed`.

    `on_submitted(job_id)` is called as soon as CUPS has the job. Raises as the module
    docstring says: PrinterUnavailable/CupsUnavailable/PrinterSetupError when the printer never
    got the badge, PrintUnconfirmed when it may have printed it."""
    cups = _pycups()
    with connection() as conn:
        printer = _status(cups, conn, name)
        if not printer.ready:
            raise PrinterUnavailable(
                f"CUPS printer '{name}' is {printer.words()}", *printer.problem()
            )
        job_id = _submit(cups, conn, name, pdf, title, media)
        if on_submitted is not None:
            on_submitted(job_id)
        _follow(cups, conn, name, job_id, wait_s)
    return CupsJob(job_id, name)


def _submit(cups: Any, conn: Any, name: str, pdf: bytes, title: str, media: str) -> int:
    options = {"media": media} if media else {}
    with tempfile.NamedTemporaryFile(prefix="doorline-badge-", suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        try:
            return int(conn.printFile(name, handle.name, title, options))
        except cups.IPPError as error:
            status, message = _ipp_error(error)
            if status == IPP_NOT_FOUND:
                raise _no_such_queue(name) from None
            if status == IPP_NOT_ACCEPTING:
                raise PrinterUnavailable(
                    f"CUPS printer '{name}' is not accepting jobs ({message})",
                    PrintProblem.CUPS_NOT_ACCEPTING,
                    name,
                    message,
                ) from None
            if _lost(error):
                raise CupsUnavailable(
                    f"CUPS did not take the badge: {message}", PrintProblem.CUPS_NO_ANSWER, message
                ) from None
            raise PrinterUnavailable(
                f"CUPS refused the badge: {message}", PrintProblem.CUPS_REFUSED, message
            ) from None


def _job_words(attrs: dict[str, Any]) -> str:
    reasons = attrs.get("job-state-reasons", [])
    if isinstance(reasons, str):
        reasons = [reasons]
    why = ", ".join(str(r) for r in reasons if r and r != "none")
    message = str(attrs.get("job-printer-state-message") or "")
    return "; ".join(part for part in (why, message) if part) or "no reason given"


def _follow(cups: Any, conn: Any, name: str, job_id: int, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    polls = iter(_POLL_S)
    started = False
    while True:
        try:
            attrs = conn.getJobAttributes(job_id, requested_attributes=_JOB_ATTRIBUTES)
        except (cups.IPPError, RuntimeError) as error:
            raise PrintUnconfirmed(
                f"lost contact with CUPS after it took the badge (job {job_id}):"
                f" {_ipp_error(error)[1]}; it may have printed",
                PrintProblem.MAY_HAVE_PRINTED,
            ) from None
        state = int(attrs.get("job-state", JOB_PENDING))
        started = started or state >= JOB_PROCESSING or bool(attrs.get("time-at-processing"))
        if state == JOB_COMPLETED:
            return
        if state in (JOB_PENDING, JOB_HELD):
            _withdraw_if_blocked(cups, conn, name, job_id, state, attrs)
        elif state == JOB_STOPPED:
            _cancel(conn, job_id)
            raise PrintUnconfirmed(
                f"CUPS stopped the badge while printing it (job {job_id}: {_job_words(attrs)});"
                " it was cancelled, but part of it may have printed",
                PrintProblem.CUT_SHORT,
            )
        elif state in (JOB_CANCELED, JOB_ABORTED):
            what = "cancelled" if state == JOB_CANCELED else "aborted"
            words = f"CUPS {what} the badge (job {job_id}: {_job_words(attrs)})"
            if started:
                raise PrintUnconfirmed(
                    f"{words} after it started printing; part may have printed",
                    PrintProblem.CUT_SHORT,
                )
            raise PrinterUnavailable(
                f"{words} before printing it",
                PrintProblem.CUPS_WITHDRAWN,
                job_id,
                _job_words(attrs),
            )
        if time.monotonic() >= deadline:
            if started:
                raise PrintUnconfirmed(
                    f"CUPS was still printing the badge after {wait_s:g} s (job {job_id})",
                    PrintProblem.MAY_HAVE_PRINTED,
                )
            _cancel(conn, job_id)
            raise PrinterUnavailable(
                f"CUPS did not start the badge within {wait_s:g} s (job {job_id} withdrawn)",
                PrintProblem.CUPS_NOT_STARTED,
                f"{wait_s:g}",
            )
        time.sleep(next(polls, _POLL_S[-1]))


def _withdraw_if_blocked(
    cups: Any, conn: Any, name: str, job_id: int, state: int, attrs: dict[str, Any]
) -> None:
    """A pending job on a stopped queue, or a held job, would come out at some unknown later
    time: cancel it and say why (the printer never got it)."""
    if state == JOB_HELD:
        _cancel(conn, job_id)
        raise PrinterUnavailable(
            f"CUPS held the badge (job {job_id}: {_job_words(attrs)}); withdrawn, not printed",
            PrintProblem.CUPS_WITHDRAWN,
            job_id,
            _job_words(attrs),
        )
    printer = _status(cups, conn, name)
    if not printer.enabled:
        _cancel(conn, job_id)
        raise PrinterUnavailable(
            f"CUPS printer '{name}' is {printer.words()}; the badge (job {job_id}) was"
            " withdrawn, not printed",
            *printer.problem(),
        )


def _cancel(conn: Any, job_id: int) -> None:
    try:
        conn.cancelJob(job_id, purge_job=False)
    except Exception as error:  # already finished, or CUPS went away: say so in the log
        log.warning("could not cancel CUPS job %s: %r", job_id, error)


def settle_job(job_id: int) -> str:
    """What became of CUPS job `job_id` that a station lost track of (it stopped mid-print):
    'completed' (it printed), 'withdrawn' (it had not started: cancelled now, so it cannot
    come out later) or 'unknown' (it started, failed mid-way, or CUPS cannot say)."""
    cups = _pycups()
    try:
        with connection() as conn:
            attrs = conn.getJobAttributes(job_id, requested_attributes=_JOB_ATTRIBUTES)
            state = int(attrs.get("job-state", 0))
            if state == JOB_COMPLETED:
                return "completed"
            started = state >= JOB_PROCESSING or bool(attrs.get("time-at-processing"))
            if state in (JOB_PENDING, JOB_HELD) and not started:
                _cancel(conn, job_id)
                return "withdrawn"
            if state in (JOB_CANCELED, JOB_ABORTED) and not started:
                return "withdrawn"
    except (CupsUnavailable, cups.IPPError, RuntimeError) as error:
        log.info("CUPS job %s could not be settled: %r", job_id, error)
    return "unknown"
