"""The self-check-in kiosk's steps, as plain logic the Qt screens follow.

attract → (scan | find by confirmation | find by surname + e-mail) → (pick among the tickets
of one booking) → confirm → check-in → printing → take badge(s) → attract. Anything a person
cannot fix alone ends at "see the desk". A lookup yields the tickets of one confirmation
code, or of one surname + e-mail (a family or group booking), never anyone else's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.station import ScanOutcome
from kiosk.domain.reasons import Reason, Said
from kiosk.domain.verdicts import Verdict
from kiosk.station_store import StorageFull
from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate


class Step(StrEnum):
    ATTRACT = "attract"
    FIND = "find"
    PICK = "pick"
    CONFIRM = "confirm"
    PRINTING = "printing"
    TAKE_BADGE = "take_badge"
    SEE_DESK = "see_desk"


_CONTEXT = "KioskWindow"  # these words sit in the kiosk window's part of the catalogues


SEE_DESK_WORDS = QT_TRANSLATE_NOOP("KioskWindow", "Please see the desk")

_DESK_REASONS: dict[Verdict, str] = {
    Verdict.ALREADY_CHECKED_IN: QT_TRANSLATE_NOOP(
        "KioskWindow", "This ticket has already been used to check in."
    ),
    Verdict.NEEDS_SUPERVISOR: QT_TRANSLATE_NOOP(
        "KioskWindow", "A member of staff needs to help you with this ticket."
    ),
    Verdict.WRONG_GATE: QT_TRANSLATE_NOOP(
        "KioskWindow", "This ticket is checked in at another entrance."
    ),
    Verdict.REVOKED: QT_TRANSLATE_NOOP("KioskWindow", "This ticket has been cancelled."),
    Verdict.EXPIRED: QT_TRANSLATE_NOOP("KioskWindow", "This ticket is no longer valid."),
    Verdict.NOT_YET_VALID: QT_TRANSLATE_NOOP("KioskWindow", "This ticket is not valid yet."),
}
_NOT_READ = QT_TRANSLATE_NOOP("KioskWindow", "We could not read this ticket.")
# A refusal whose reason the desk can settle: an unpaid order is not a cancelled ticket.
_DESK_REASONS_BY_REASON: dict[Reason, str] = {
    Reason.NOT_PAID: QT_TRANSLATE_NOOP(
        "KioskWindow", "This ticket is not paid yet. The box office can help you."
    ),
}


def desk_reason(verdict: Verdict, why: Said | None = None) -> str:
    """Plain words for an attendee (in English): never technical, never blaming. `why` (the
    core's reason) picks words of its own where the verdict's would mislead."""
    if why is not None and why.reason in _DESK_REASONS_BY_REASON:
        return _DESK_REASONS_BY_REASON[why.reason]
    return _DESK_REASONS.get(verdict, _NOT_READ)


_STORAGE_FULL = QT_TRANSLATE_NOOP(
    "KioskWindow", "This kiosk cannot save check-ins right now, so you are not checked in yet."
)
_KIOSK_FAILED = QT_TRANSLATE_NOOP("KioskWindow", "Something went wrong at this kiosk.")


def failure_words(error: Exception) -> str:
    """Plain words, in the kiosk's language, when the kiosk itself failed (a worker call
    raised): a full disk says the attendee is not checked in; anything else stays vague."""
    return translate(_CONTEXT, _STORAGE_FULL if isinstance(error, StorageFull) else _KIOSK_FAILED)


def desk_reason_words(verdict: Verdict, why: Said | None = None) -> str:
    """`desk_reason` in the kiosk's current language."""
    return translate(_CONTEXT, desk_reason(verdict, why))


def see_desk_words() -> str:
    return translate(_CONTEXT, SEE_DESK_WORDS)


@dataclass(frozen=True)
class UsedBefore:
    """When and where a ticket already checked in (said before "Is this you?")."""

    wall_ms: int
    gate: str | None


@dataclass(frozen=True)
class Candidate:
    """One ticket a kiosk lookup found, waiting for "yes, that's me"."""

    ticket_id: int
    name: str  # as the badge writes it (family name first for CJK names)
    ticket_type: str
    first_name: str = ""
    scanned: ScanOutcome | None = None  # set when found by scanning (checked in already)
    used: UsedBefore | None = None  # already checked in: said at once, never offered

    @classmethod
    def from_scan(cls, outcome: ScanOutcome) -> Candidate | None:
        if not outcome.verdict.lets_through or outcome.ticket_id is None:
            return None
        return cls(
            outcome.ticket_id,
            outcome.attendee_name or "",
            outcome.ticket_type or "",
            scanned=outcome,
        )


def after_checkin(outcome: ScanOutcome) -> Step:
    """Once confirmed and checked in: print, or send to the desk."""
    return Step.PRINTING if outcome.verdict.lets_through else Step.SEE_DESK
