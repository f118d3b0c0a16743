"""The printing failures an operator can act on, each told in plain words.

Technical detail (socket errors, subprocess output) goes to the log; the message of these
exceptions is what the UI and the CLI show. `retryable` tells the print queue whether trying
again later can help (a printer switched off) or not (a template that does not exist).
"""

from __future__ import annotations


class PrintingError(Exception):
    """Base of every printing failure; the message is meant for an operator."""

    retryable: bool = False


class TemplateError(PrintingError):
    """A badge template is missing, malformed, or does not suit the chosen printer."""


class PrinterSpecError(PrintingError):
    """A printer spec string (``escpos-net:HOST:PORT``, ``pdf:PATH``…) cannot be understood."""


class PrinterUnavailable(PrintingError):
    """The printer could not be reached or did not take the job; trying later may work."""

    retryable = True


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
