"""The admission rules: a pure function from (code, replica view, gate rules, clock) to a decision.

No I/O happens here: the station reads the view inside its write transaction, calls `decide`,
and writes the resulting log entry in that same transaction, so the verdict a steward sees is the
one that was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import islice
from typing import Protocol
from zoneinfo import ZoneInfo

from kiosk.domain.external_code import normalise_external_code
from kiosk.domain.gate_rules import EntryMode, GateRules, UnknownTicketPolicy
from kiosk.domain.merge import Admission, TicketState, TicketStatus
from kiosk.domain.person_name import display_name
from kiosk.domain.reasons import UNPAID_REVOCATION, Reason, Said, said
from kiosk.domain.scanned_text import Reading, ScannedText, read_scanned, verify_scanned
from kiosk.domain.station_directory import StationLabel
from kiosk.domain.ticket_codec import CodeRefusal, Keyring, TicketClaims
from kiosk.domain.verdicts import Action, Direction, Verdict


@dataclass(frozen=True)
class TicketRecord:
    """What the replica knows of one ticket: no e-mail or phone, only what the door shows."""

    ticket_id: int
    ticket_type: int
    type_name: str
    first_name: str
    last_name: str
    organisation: str = ""
    flagged: bool = False
    note: str = ""

    @property
    def display_name(self) -> str:
        """The name as the badge prints it (family name first for CJK names)."""
        return display_name(self.first_name, self.last_name)


@dataclass(frozen=True)
class TypeWindow:
    valid_from_ms: int | None = None
    valid_until_ms: int | None = None


class ReplicaView(Protocol):
    """The read side of the replica that the rules need; the station's replica implements it."""

    @property
    def event_id(self) -> int: ...

    def keyring(self) -> Keyring: ...

    def ticket(self, ticket_id: int) -> TicketRecord | None: ...

    def ticket_state(self, ticket_id: int) -> TicketState: ...

    def revocation(self, ticket_id: int) -> str | None: ...

    def type_window(self, ticket_type: int) -> TypeWindow: ...

    def gate_name(self, gate_id: str | None) -> str: ...

    def station_label(self, station_id: str, gate_id: str | None = None) -> StationLabel: ...

    def ticket_by_external_code(self, code: str) -> TicketRecord | None: ...


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    action: Action
    said: Said  # why, as a reason code and its values (`detail` is its English)
    ticket_id: int | None = None
    ticket: TicketRecord | None = None
    offline: bool = False
    previous: Admission | None = None
    reading: Reading | None = None  # how a scanned text was read (layout, link, AIM id…)

    @property
    def detail(self) -> str:
        """The log's and the command line's words for why (`said` in English)."""
        return self.said.english()


def decide(
    raw: str | ScannedText, view: ReplicaView, gate: GateRules, now_ms: int, direction: Direction
) -> Decision:
    """The verdict for a scanned text at this gate, now.

    The text is read once (`kiosk.domain.scanned_text`): the first reading whose signature
    verifies is the ticket; the decision carries that reading for the log's technical detail.
    """
    scanned = raw if isinstance(raw, ScannedText) else read_scanned(raw)
    found = verify_scanned(scanned, view.keyring(), view.event_id)
    checked = found.checked
    reading = found.reading
    if isinstance(checked, CodeRefusal):
        shop = _shop_barcode(scanned, view)
        if shop is None:
            return replace(_refusal(checked.verdict, checked.said), reading=reading)
        # A ticket shop's own barcode: unsigned, so it counts only because the replica holds
        # it (an exact match); from here on the same rules as a signed code.
        reading, record = shop
        checked = TicketClaims(view.event_id, record.ticket_id, record.ticket_type)
    decision = decide_for_claims(checked, view, gate, now_ms, direction)
    return replace(decision, reading=reading)


_SHOP_READINGS = 8  # the plain reading, a prefix or AIM id taken off, a few keyboard layouts


def _shop_barcode(scanned: ScannedText, view: ReplicaView) -> tuple[Reading, TicketRecord] | None:
    """The imported ticket whose shop barcode one of the first readings of the scan is."""
    for reading in islice(scanned.readings(), _SHOP_READINGS):
        record = view.ticket_by_external_code(normalise_external_code(reading.text))
        if record is not None:
            return reading, record
    return None


def decide_for_claims(
    claims: TicketClaims, view: ReplicaView, gate: GateRules, now_ms: int, direction: Direction
) -> Decision:
    """The rules after the signature is known good (also used for manual check-in by search)."""
    ticket = view.ticket(claims.ticket_id)
    tid = claims.ticket_id
    if direction is Direction.EXIT:
        return Decision(Verdict.EXIT_RECORDED, Action.EXIT, Said(Reason.EXIT_RECORDED), tid, ticket)
    reason = view.revocation(tid)
    if reason is not None:
        why = (
            said(Reason.NOT_PAID) if reason == UNPAID_REVOCATION else said(Reason.CANCELLED, reason)
        )
        return _refusal(Verdict.REVOKED, why, tid, ticket)
    # The replica's type wins over the one signed into the code: a re-import may have changed
    # the ticket's type (a VIP downgraded), and the code printed before still carries the old.
    ticket_type = claims.ticket_type if ticket is None else ticket.ticket_type
    window = _window_problem(claims, view.type_window(ticket_type), gate, now_ms)
    if window is not None:
        return _refusal(window[0], window[1], tid, ticket)
    if not gate.allows_type(ticket_type):
        return _refusal(Verdict.WRONG_GATE, said(Reason.NOT_AT_GATE, gate.name), tid, ticket)
    if ticket is None:
        return _unknown_ticket(gate, tid)
    if ticket.flagged:
        return _refusal(Verdict.NEEDS_SUPERVISOR, said(Reason.FLAGGED, ticket.note), tid, ticket)
    return _entry(ticket, view, gate, now_ms)


def _refusal(
    verdict: Verdict, why: Said, ticket_id: int | None = None, ticket: TicketRecord | None = None
) -> Decision:
    return Decision(verdict, Action.REFUSED, why, ticket_id, ticket)


def _window_problem(
    claims: TicketClaims, type_window: TypeWindow, gate: GateRules, now_ms: int
) -> tuple[Verdict, Said] | None:
    starts = [
        claims.valid_from * 1000 if claims.valid_from is not None else None,
        type_window.valid_from_ms,
        gate.valid_from_ms,
    ]
    ends = [
        claims.valid_until * 1000 if claims.valid_until is not None else None,
        type_window.valid_until_ms,
        gate.valid_until_ms,
    ]
    start = max((s for s in starts if s is not None), default=None)
    end = min((e for e in ends if e is not None), default=None)
    if start is not None and now_ms < start:
        return Verdict.NOT_YET_VALID, said(Reason.VALID_FROM, _local_time(start, gate))
    if end is not None and now_ms >= end:
        return Verdict.EXPIRED, said(Reason.VALID_UNTIL, _local_time(end, gate))
    return None


def _unknown_ticket(gate: GateRules, ticket_id: int) -> Decision:
    if gate.unknown_ticket_policy is UnknownTicketPolicy.ADMIT:
        return Decision(
            Verdict.ADMITTED,
            Action.ENTRY,
            Said(Reason.VERIFIED_OFFLINE),
            ticket_id,
            None,
            offline=True,
        )
    return _refusal(Verdict.UNKNOWN_TICKET, Said(Reason.NOT_ON_LIST), ticket_id)


def _entry(ticket: TicketRecord, view: ReplicaView, gate: GateRules, now_ms: int) -> Decision:
    state = view.ticket_state(ticket.ticket_id)
    previous = _blocking_admission(state, gate, now_ms)
    if previous is None:
        return Decision(
            Verdict.ADMITTED, Action.ENTRY, Said(Reason.ADMITTED), ticket.ticket_id, ticket
        )
    where = view.station_label(previous.station_id, previous.gate_id).english()
    first = said(Reason.FIRST_CHECKED_IN, _local_time(previous.wall_ms, gate), where)
    return Decision(
        Verdict.ALREADY_CHECKED_IN,
        Action.REFUSED,
        first,
        ticket.ticket_id,
        ticket,
        False,
        previous,
    )


def _blocking_admission(state: TicketState, gate: GateRules, now_ms: int) -> Admission | None:
    """The earlier admission that makes this one a repeat, if the gate's mode forbids it."""
    mode = gate.entry_mode
    if mode is EntryMode.MULTI or not state.admissions:
        return None
    if mode is EntryMode.SINGLE:
        return state.first_admission
    if mode is EntryMode.REENTRY:
        return state.inside_since if state.status is TicketStatus.INSIDE else None
    today = gate.day_of(now_ms)
    return next((a for a in state.admissions if gate.day_of(a.wall_ms) == today), None)


def _local_time(ms: int, gate: GateRules) -> str:
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone(ZoneInfo(gate.timezone))
    return moment.strftime("%Y-%m-%d %H:%M")
