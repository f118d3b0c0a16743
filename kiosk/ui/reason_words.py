"""A verdict's reason in the window's language (the core says why as a code, not a sentence).

`kiosk.domain.reasons` gives a `Said`: a reason and its parameters (times, a gate's name, the
organiser's note). The log and the CLI keep its English; here each reason has its own words in
the catalogues, so a German door reads German all the way down to "signed with key 7".
Parameters are values (times, names, numbers) and stay as they are.
"""

from __future__ import annotations

from kiosk.domain.reasons import Reason, Said
from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate

_WORDS: dict[Reason, str] = {
    Reason.VERIFIED_OFFLINE: QT_TRANSLATE_NOOP(
        "Reasons", "Genuine ticket, not on this station's list yet (verified offline)"
    ),
    Reason.CANCELLED: QT_TRANSLATE_NOOP("Reasons", "Cancelled: {0}"),
    Reason.NOT_PAID: QT_TRANSLATE_NOOP("Reasons", "Send them to the box office to pay"),
    Reason.VALID_FROM: QT_TRANSLATE_NOOP("Reasons", "Valid from {0}"),
    Reason.VALID_UNTIL: QT_TRANSLATE_NOOP("Reasons", "Was valid until {0}"),
    Reason.NOT_AT_GATE: QT_TRANSLATE_NOOP("Reasons", "Not valid at {0}"),
    Reason.FLAGGED: QT_TRANSLATE_NOOP("Reasons", "Flagged by the organiser: {0}"),
    Reason.NOT_ON_LIST: QT_TRANSLATE_NOOP(
        "Reasons", "Genuine ticket, but not on this station's list"
    ),
    Reason.DOWNLOAD_PENDING: QT_TRANSLATE_NOOP(
        "Reasons", "Genuine ticket, not on the list yet: the first download is not complete"
    ),
    Reason.UNEXPECTED_CHARACTERS: QT_TRANSLATE_NOOP("Reasons", "Unexpected characters"),
    Reason.WRONG_FORMAT: QT_TRANSLATE_NOOP("Reasons", "Wrong format or version"),
    Reason.DAMAGED: QT_TRANSLATE_NOOP("Reasons", "Damaged or incomplete"),
    Reason.WRONG_LENGTH: QT_TRANSLATE_NOOP("Reasons", "Wrong length"),
    Reason.OTHER_EVENT: QT_TRANSLATE_NOOP("Reasons", "This ticket is for event {0}"),
    Reason.UNKNOWN_KEY: QT_TRANSLATE_NOOP(
        "Reasons", "Signed with key {0}, which this station does not hold"
    ),
    Reason.SIGNATURE_MISMATCH: QT_TRANSLATE_NOOP("Reasons", "The signature does not match"),
    Reason.OVERRIDE: QT_TRANSLATE_NOOP("Reasons", "Supervisor override: {0}"),
    Reason.UNDONE: QT_TRANSLATE_NOOP("Reasons", "Undone: {0}"),
}
# Said by the headline or the card's "First checked in at …" line already.
_SILENT = frozenset(
    {Reason.ADMITTED, Reason.EXIT_RECORDED, Reason.FIRST_CHECKED_IN, Reason.BADGE_PRINTED}
)
_FLAGGED_NO_NOTE = QT_TRANSLATE_NOOP("Reasons", "Flagged by the organiser")


def reason_words(said: Said) -> str:
    """What the card adds under the headline, in the window's language ("" when the headline
    says it all). An acknowledgement's words are the operator's own note."""
    reason = said.reason
    if reason in _SILENT:
        return ""
    if reason is Reason.ACKNOWLEDGED:
        return said.params[0] if said.params else ""
    if reason is Reason.FLAGGED and not (said.params and said.params[0]):
        return translate("Reasons", _FLAGGED_NO_NOTE)
    return translate("Reasons", _WORDS[reason]).format(*said.params)
