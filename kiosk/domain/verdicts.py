"""The one vocabulary of scan verdicts and log actions (PRODUCT §3, §4).

The same strings appear in the station, the server, the log, the CLI and the UI, so they are
defined once here and never spelled by hand elsewhere.
"""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    ADMITTED = "admitted"
    EXIT_RECORDED = "exit_recorded"
    ALREADY_CHECKED_IN = "already_checked_in"
    MALFORMED = "malformed"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_KEY = "unknown_key"
    WRONG_EVENT = "wrong_event"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    WRONG_GATE = "wrong_gate"
    UNKNOWN_TICKET = "unknown_ticket"
    NEEDS_SUPERVISOR = "needs_supervisor"

    @property
    def lets_through(self) -> bool:
        """True when the person may pass the door (the CLI's exit status 0)."""
        return self in (Verdict.ADMITTED, Verdict.EXIT_RECORDED)

    @property
    def headline(self) -> str:
        """The large words on the verdict card: a steward reads them across the door."""
        return _HEADLINES[self]


_HEADLINES: dict[Verdict, str] = {
    Verdict.ADMITTED: "Welcome — admitted",
    Verdict.EXIT_RECORDED: "Exit recorded",
    Verdict.ALREADY_CHECKED_IN: "Already checked in",
    Verdict.MALFORMED: "Not a ticket code",
    Verdict.BAD_SIGNATURE: "Forged or damaged ticket",
    Verdict.UNKNOWN_KEY: "Ticket signed with an unknown key",
    Verdict.WRONG_EVENT: "Ticket for another event",
    Verdict.NOT_YET_VALID: "Ticket not valid yet",
    Verdict.EXPIRED: "Ticket expired",
    Verdict.REVOKED: "Ticket cancelled",
    Verdict.WRONG_GATE: "Wrong entrance for this ticket",
    Verdict.UNKNOWN_TICKET: "Ticket not on the guest list",
    Verdict.NEEDS_SUPERVISOR: "Please call a supervisor",
}


class Action(StrEnum):
    """What a log entry records. Refused scans are logged too, as `refused`."""

    ENTRY = "entry"
    EXIT = "exit"
    REFUSED = "refused"
    UNDO = "undo"
    BADGE_PRINTED = "badge_printed"
    BADGE_REPRINTED = "badge_reprinted"
    OVERRIDE = "override"
    CONFLICT_ACK = "conflict_ack"


class Direction(StrEnum):
    """Which way the door is scanning: a station switches between the two."""

    ENTRY = "entry"
    EXIT = "exit"
