"""Why a verdict came out as it did, as a code with parameters (PRODUCT §3).

The rules say *why* with a `Said`: a `Reason` and the values that go into its words (a time,
a gate's name, a key id). The log, the CLI and `--json` keep the English words (`english()`,
the text a verdict's `detail` has always had); a window puts the same reason into its own
language (`kiosk/ui/reason_words.py`), so no English sentence reaches a German door.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The revocation reason an attendee import gives a ticket whose order is not paid yet (the
# server writes it, the station reads it): such a ticket is refused as `revoked`, but in
# its own words, since the person at the door can still pay and come in.
UNPAID_REVOCATION = "not paid in the ticket shop yet"


class Reason(StrEnum):
    ADMITTED = "admitted"
    VERIFIED_OFFLINE = "verified_offline"  # genuine, not on the list yet, policy admits
    EXIT_RECORDED = "exit_recorded"
    FIRST_CHECKED_IN = "first_checked_in"  # (when, where)
    CANCELLED = "cancelled"  # (the server's reason, as the organiser wrote it)
    NOT_PAID = "not_paid"  # the ticket shop has not seen the money yet: the box office can help
    VALID_FROM = "valid_from"  # (when)
    VALID_UNTIL = "valid_until"  # (when)
    NOT_AT_GATE = "not_at_gate"  # (gate name)
    FLAGGED = "flagged"  # (the organiser's note, or "")
    NOT_ON_LIST = "not_on_list"
    DOWNLOAD_PENDING = "download_pending"
    UNEXPECTED_CHARACTERS = "unexpected_characters"
    WRONG_FORMAT = "wrong_format"
    DAMAGED = "damaged"
    WRONG_LENGTH = "wrong_length"
    OTHER_EVENT = "other_event"  # (event id)
    UNKNOWN_KEY = "unknown_key"  # (key id)
    SIGNATURE_MISMATCH = "signature_mismatch"
    OVERRIDE = "override"  # (the supervisor's reason)
    UNDONE = "undone"  # (why)
    ACKNOWLEDGED = "acknowledged"  # (the operator's note)
    BADGE_PRINTED = "badge_printed"


# The log's words: exactly what these verdicts' details said before reasons had codes.
_ENGLISH: dict[Reason, str] = {
    Reason.ADMITTED: "admitted",
    Reason.VERIFIED_OFFLINE: "genuine ticket, not yet on this station's list (verified offline)",
    Reason.EXIT_RECORDED: "exit recorded",
    Reason.FIRST_CHECKED_IN: "first checked in at {0} at {1}",
    Reason.CANCELLED: "ticket was cancelled ({0})",
    Reason.NOT_PAID: "not paid yet — send to the box office",
    Reason.VALID_FROM: "valid from {0}",
    Reason.VALID_UNTIL: "was valid until {0}",
    Reason.NOT_AT_GATE: "not valid at {0}",
    Reason.FLAGGED: "flagged{0}",
    Reason.NOT_ON_LIST: "genuine ticket, but not on this station's list",
    Reason.DOWNLOAD_PENDING: (
        "genuine ticket, not on the list yet: the first download is not complete"
    ),
    Reason.UNEXPECTED_CHARACTERS: "not a ticket code (unexpected characters)",
    Reason.WRONG_FORMAT: "not a ticket code (wrong format or version)",
    Reason.DAMAGED: "not a ticket code (damaged or incomplete)",
    Reason.WRONG_LENGTH: "not a ticket code (wrong length)",
    Reason.OTHER_EVENT: "ticket is for event {0}",
    Reason.UNKNOWN_KEY: "signed with key {0}",
    Reason.SIGNATURE_MISMATCH: "signature does not match",
    Reason.OVERRIDE: "supervisor override: {0}",
    Reason.UNDONE: "undone: {0}",
    Reason.ACKNOWLEDGED: "{0}",
    Reason.BADGE_PRINTED: "badge printed",
}


# Reasons whose refusal needs a headline of its own (the verdict's would mislead the person
# at the door: "Ticket cancelled" turns away someone who only has to pay).
OWN_HEADLINES: dict[Reason, str] = {Reason.NOT_PAID: "Not paid yet"}


@dataclass(frozen=True)
class Said:
    """A reason and its parameters (text, already formatted: times as "YYYY-MM-DD HH:MM" in
    the gate's zone, names as the organiser wrote them)."""

    reason: Reason
    params: tuple[str, ...] = ()

    def english(self) -> str:
        """The words of the log and the command line."""
        if self.reason is Reason.FLAGGED:
            note = self.params[0] if self.params else ""
            return f"flagged: {note}" if note else "flagged"
        return _ENGLISH[self.reason].format(*self.params)


def said(reason: Reason, *params: object) -> Said:
    return Said(reason, tuple(str(p) for p in params))
