"""The self-check-in kiosk's steps, as plain logic the Qt screens follow.

attract → (scan | find by confirmation | find by surname + e-mail) → confirm name → check-in →
printing → take badge → attract. Anything a person cannot fix alone ends at "see the desk".
A lookup yields one attendee or nothing, never a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.station import ScanOutcome
from kiosk.domain.verdicts import Verdict
from kiosk.station_store import AttendeeMatch


class Step(StrEnum):
    ATTRACT = "attract"
    FIND = "find"
    CONFIRM = "confirm"
    PRINTING = "printing"
    TAKE_BADGE = "take_badge"
    SEE_DESK = "see_desk"


SEE_DESK_WORDS = "Please see the desk"

_DESK_REASONS: dict[Verdict, str] = {
    Verdict.ALREADY_CHECKED_IN: "This ticket has already been used to check in.",
    Verdict.NEEDS_SUPERVISOR: "A member of staff needs to help you with this ticket.",
    Verdict.WRONG_GATE: "This ticket is checked in at another entrance.",
    Verdict.REVOKED: "This ticket has been cancelled.",
    Verdict.EXPIRED: "This ticket is no longer valid.",
    Verdict.NOT_YET_VALID: "This ticket is not valid yet.",
}
_NOT_READ = "We could not read this ticket."


def desk_reason(verdict: Verdict) -> str:
    """Plain words for an attendee: never technical, never blaming."""
    return _DESK_REASONS.get(verdict, _NOT_READ)


@dataclass(frozen=True)
class Candidate:
    """The one person a kiosk lookup found, waiting for "yes, that's me"."""

    ticket_id: int
    name: str
    ticket_type: str
    scanned: ScanOutcome | None = None  # set when found by scanning (already checked in)

    @classmethod
    def from_match(cls, match: AttendeeMatch) -> Candidate:
        t = match.ticket
        return cls(t.ticket_id, t.display_name, t.type_name)

    @classmethod
    def from_scan(cls, outcome: ScanOutcome) -> Candidate | None:
        if not outcome.verdict.lets_through or outcome.ticket_id is None:
            return None
        return cls(
            outcome.ticket_id, outcome.attendee_name or "", outcome.ticket_type or "", outcome
        )


def after_checkin(outcome: ScanOutcome) -> Step:
    """Once confirmed and checked in: print, or send to the desk."""
    return Step.PRINTING if outcome.verdict.lets_through else Step.SEE_DESK
