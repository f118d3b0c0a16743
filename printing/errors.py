"""The printing failures an operator can act on, each told in plain words.

Technical detail (socket errors, subprocess output) goes to the log; the message of these
exceptions is what the UI and the CLI show. `retryable` tells the print queue whether trying
again later can help (a printer switched off) or not (a template that does not exist).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum


class PrintProblem(StrEnum):
    """Why printing failed, for a window to say in its own language; the exception's message
    keeps the English of the log, the command line and `--json`. Parameters, in order, in
    `PrintingError.params` (numbers, paths, a printer's or CUPS's own words: shown as given)."""

    REFUSED_CONNECTION = "refused_connection"  # (port)
    NO_ANSWER = "no_answer"  # (seconds)
    UNREACHABLE = "unreachable"  # (the system's reason)
    BUSY_OR_JAMMED = "busy_or_jammed"  # (seconds)
    CONNECTION_DROPPED = "connection_dropped"
    COVER_OPEN = "cover_open"
    PAPER_OUT = "paper_out"
    PRINTER_ERROR = "printer_error"
    OFFLINE = "offline"
    NOT_PLUGGED_IN = "not_plugged_in"
    NO_PERMISSION = "no_permission"  # (device path)
    CANNOT_WRITE = "cannot_write"  # (path, the system's reason)
    DISK_FULL = "disk_full"  # (path)
    NEEDS_PACKAGE = "needs_package"  # (package)
    WOULD_OVERWRITE = "would_overwrite"  # (path)
    NOT_ESCPOS = "not_escpos"
    CUPS_MISSING = "cups_missing"
    CUPS_STOPPED = "cups_stopped"
    CUPS_NO_ANSWER = "cups_no_answer"  # (CUPS's own words)
    CUPS_NO_SUCH_PRINTER = "cups_no_such_printer"  # (queue name)
    CUPS_PRINTER_PAUSED = "cups_printer_paused"  # (queue name, CUPS's reasons)
    CUPS_NOT_ACCEPTING = "cups_not_accepting"  # (queue name, CUPS's reasons)
    CUPS_REFUSED = "cups_refused"  # (CUPS's own words)
    CUPS_WITHDRAWN = "cups_withdrawn"  # (CUPS job id, CUPS's reasons)
    CUPS_NOT_STARTED = "cups_not_started"  # (seconds)
    CANCELLED = "cancelled"  # by an operator
    MAY_HAVE_PRINTED = "may_have_printed"
    CUT_SHORT = "cut_short"
    OTHER = "other"


@dataclass(frozen=True)
class PrintTrouble:
    """A `PrintProblem` with its parameters, as a print job or a printer's health keeps it
    (`encode` for the queue's file, `decode` back; None for text that is not one)."""

    problem: PrintProblem
    params: tuple[str, ...] = ()

    def encode(self) -> str:
        return json.dumps([self.problem.value, *self.params], ensure_ascii=False)

    @classmethod
    def decode(cls, text: str | None) -> PrintTrouble | None:
        try:
            code, *params = json.loads(text or "")
            return cls(PrintProblem(code), tuple(str(p) for p in params))
        except (ValueError, TypeError):
            return None


class PrintingError(Exception):
    """Base of every printing failure; the message is meant for the log and the command line,
    `problem` and `params` say the same for a window to translate.

    `template` is the badge template the failed attempt used, when one was chosen before it
    failed (the job list and `print-badge --json` report it)."""

    retryable: bool = False
    template: str | None = None

    def __init__(self, message: str, problem: PrintProblem = PrintProblem.OTHER, *params: object):
        super().__init__(message)
        self.problem = problem
        self.params = tuple(str(p) for p in params)

    @property
    def trouble(self) -> PrintTrouble:
        return PrintTrouble(self.problem, self.params)


class TemplateError(PrintingError):
    """A badge template is missing, malformed, or does not suit the chosen printer."""


class PrinterSpecError(PrintingError):
    """A printer spec string (``escpos-net:HOST:PORT``, ``pdf:PATH``…) cannot be understood."""


class PrinterUnavailable(PrintingError):
    """The printer could not be reached or did not take the job; trying later may work."""

    retryable = True

    @classmethod
    def cannot_write(cls, path: object, error: OSError) -> PrinterUnavailable:
        """A badge file (PDF or ESC/POS bytes to a regular file) could not be written: the
        system's reason in words, `PrintProblem.CANNOT_WRITE` with (path, reason)."""
        reason = error.strerror or error
        return cls(f"cannot write {path}: {reason}", PrintProblem.CANNOT_WRITE, path, reason)

    @classmethod
    def incomplete_file(cls, path: object) -> PrinterUnavailable:
        """A badge file was written but holds fewer bytes than the badge (a full disk):
        `PrintProblem.DISK_FULL` with (path)."""
        return cls(
            f"{path} is not complete on disk (the disk may be full)", PrintProblem.DISK_FULL, path
        )


class PrintUnconfirmed(PrintingError):
    """The badge was sent, but no printer confirmed that it came out: the job broke off midway,
    or the printer cannot say. It may have printed, so it is never resent by itself and never
    logged as printed: an operator looks at the printer and confirms or reprints."""


class PrinterSetupError(PrintingError):
    """This computer lacks what the printer needs (a driver package, a permission, a queue)."""


class CupsUnavailable(PrinterUnavailable):
    """CUPS (the system print service) is not installed or not running on this computer."""


class BadgeRefused(PrintingError):
    """The queue refuses a badge: already printed, already queued, or an unknown ticket."""


class BadgeAlreadyPrinted(BadgeRefused):
    """This ticket's badge was printed before; only an operator reprint prints it again."""


class BadgeAlreadyQueued(BadgeRefused):
    """A badge for this ticket is already waiting in the print queue."""


class UnknownTicket(BadgeRefused):
    """The ticket is not on this station's list: a wrong id, not a refusal of a real badge."""


class NoSuchJob(BadgeRefused):
    """No print job has this id (or id prefix) in the station's print queue."""


class NameTooLong(PrintingError):
    """The attendee's name cannot fit the badge's name field whole, even on every line the
    field allows at its smallest size; printing part of a name is never an option.

    `characters` is the name's length, `template` the badge template that could not hold it;
    `alternatives` the templates (for the same printer) that can, when the caller knows them."""

    def __init__(self, characters: int, template: str, alternatives: tuple[str, ...] = ()):
        self.characters = characters
        self.template = template
        self.alternatives = alternatives
        advice = (
            f"use template {' or '.join(alternatives)}"
            if alternatives
            else "no badge template holds it whole: shorten it in the attendee list"
        )
        super().__init__(
            f"name too long for this badge: {characters} characters do not fit template"
            f" {template} even at its smallest size; {advice}"
        )
