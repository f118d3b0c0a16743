"""The printing failures an operator can act on, each told in plain words.

Technical detail (socket errors, subprocess output) goes to the log; the message of these
exceptions is what the UI and the CLI show. `retryable` tells the print queue whether trying
again later can help (a printer switched off) or not (a template that does not exist).
"""

from __future__ import annotations


class PrintingError(Exception):
    """Base of every printing failure; the message is meant for an operator.

    `template` is the badge template the failed attempt used, when one was chosen before it
    failed (the job list and `print-badge --json` report it)."""

    retryable: bool = False
    template: str | None = None


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
