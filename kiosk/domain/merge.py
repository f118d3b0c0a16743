"""Last writer plus log: a ticket's state is the fold of its log entries in HLC order.

Used unchanged by the server and by every station, so two parties that hold the same entries
compute the same states and the same conflicts. The log itself is never edited: an undo, an
override or a conflict acknowledgement is a new entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from kiosk.domain.gate_rules import EntryMode, GateRules
from kiosk.domain.log_entry import LogEntry
from kiosk.domain.verdicts import Action, Verdict

ADMITTING_ACTIONS = frozenset({Action.ENTRY, Action.OVERRIDE})


class TicketStatus(StrEnum):
    OUTSIDE = "outside"
    INSIDE = "inside"


@dataclass(frozen=True)
class Admission:
    """One admission of a ticket: `hlc` orders it among all entries; `wall_ms` is the scan's
    own wall-clock time (Unix ms), which every calendar rule reads (once per day, "admitted
    today", the conflict check of a daily gate). The HLC cannot serve there: one entry from a
    station whose clock ran ahead pushes every later HLC forward, days even (issue 9 §4)."""

    entry_id: str
    station_id: str
    gate_id: str | None
    hlc: int
    wall_ms: int

    @classmethod
    def of(cls, entry: LogEntry) -> Admission:
        return cls(entry.id, entry.station_id, entry.gate_id, entry.hlc, entry.wall_ms)


@dataclass(frozen=True)
class TicketState:
    status: TicketStatus = TicketStatus.OUTSIDE
    admissions: tuple[Admission, ...] = ()
    last_hlc: int = 0
    badge_printed: bool = False
    inside_since: Admission | None = None  # the admission that began the current stay

    @property
    def first_admission(self) -> Admission | None:
        return self.admissions[0] if self.admissions else None

    @property
    def last_admission(self) -> Admission | None:
        return self.admissions[-1] if self.admissions else None


@dataclass(frozen=True)
class Conflict:
    """Two admissions of one ticket with no exit between them, from different stations."""

    id: str
    ticket_id: int
    first: Admission
    second: Admission


def order_key(entry: LogEntry) -> tuple[int, str, int]:
    """HLC order, ties broken by station id then sequence: total and the same everywhere."""
    return (entry.hlc, entry.station_id, entry.seq)


def _undone_ids(entries: Iterable[LogEntry]) -> set[str]:
    return {e.ref for e in entries if e.action is Action.UNDO and e.ref}


def _is_admission(entry: LogEntry) -> bool:
    return entry.action in ADMITTING_ACTIONS and entry.verdict is Verdict.ADMITTED


def fold(entries: Iterable[LogEntry]) -> TicketState:
    """A ticket's current state from all its entries (any order in, HLC order applied)."""
    ordered = sorted(entries, key=order_key)
    undone = _undone_ids(ordered)
    status = TicketStatus.OUTSIDE
    admissions: list[Admission] = []
    since: Admission | None = None
    badge = False
    for entry in ordered:
        if entry.id in undone:
            continue
        if _is_admission(entry):
            admission = Admission.of(entry)
            since = since if status is TicketStatus.INSIDE else admission
            status = TicketStatus.INSIDE
            admissions.append(admission)
        elif entry.action is Action.EXIT:
            status, since = TicketStatus.OUTSIDE, None
        elif entry.action in (Action.BADGE_PRINTED, Action.BADGE_REPRINTED):
            badge = True
    last = ordered[-1].hlc if ordered else 0
    return TicketState(status, tuple(admissions), last, badge, since)


def conflict_id(first: Admission, second: Admission) -> str:
    return hashlib.sha256(f"{first.entry_id}|{second.entry_id}".encode()).hexdigest()[:32]


def find_conflicts(
    ticket_id: int,
    entries: Iterable[LogEntry],
    rules_of: Callable[[str | None], GateRules | None] = lambda _gate: None,
) -> list[Conflict]:
    """Double admissions a single door would have refused: kept, flagged, never dropped.

    An operator override is deliberate and never a conflict; a multi-entry gate admits anyone
    already inside, so it cannot conflict either; a once-per-day gate starts afresh each day.
    """
    ordered = sorted(entries, key=order_key)
    undone = _undone_ids(ordered)
    inside_since: Admission | None = None
    found: list[Conflict] = []
    for entry in ordered:
        if entry.id in undone:
            continue
        if entry.action is Action.EXIT:
            inside_since = None
        elif _is_admission(entry):
            admission = Admission.of(entry)
            previous = inside_since
            if (
                previous is not None
                and entry.action is Action.ENTRY
                and previous.station_id != admission.station_id
                and _would_refuse(rules_of(entry.gate_id), previous, admission)
            ):
                found.append(
                    Conflict(conflict_id(previous, admission), ticket_id, previous, admission)
                )
            inside_since = admission
    return found


def _would_refuse(rules: GateRules | None, previous: Admission, current: Admission) -> bool:
    if rules is None:
        return True
    if rules.entry_mode is EntryMode.MULTI:
        return False
    if rules.entry_mode is EntryMode.DAILY:
        return rules.day_of(previous.wall_ms) == rules.day_of(current.wall_ms)
    return True


@dataclass(frozen=True)
class ConflictChanges:
    """What a conflicts table must change after new entries: conflicts that no longer hold
    (an undo arrived) and conflicts not recorded yet. Conflicts still there are left alone,
    their acknowledgement included. `held` is how many conflicts the reconciled tickets hold
    once the change is written (recorded − stale + new)."""

    stale: frozenset[str]
    new: tuple[Conflict, ...]
    held: int

    @property
    def empty(self) -> bool:
        """Nothing to write: the table already says what the log says."""
        return not (self.stale or self.new)


def reconcile_conflicts(
    entries_by_ticket: Mapping[int, Iterable[LogEntry]],
    recorded: Mapping[int, Iterable[str]],
    rules_of: Callable[[str | None], GateRules | None] = lambda _gate: None,
) -> ConflictChanges:
    """The one conflict bookkeeping rule, run by the server after each push and by each
    station after each sync round; their stores only write the answer.

    Takes `entries_by_ticket` (ticket id → all its entries, any order), `recorded` (ticket id →
    the conflict ids its table holds now; tickets absent from `entries_by_ticket` are left
    alone) and `rules_of` (gate id → its rules, None when unknown: judged as a single-entry
    gate). Re-runs `find_conflicts` per ticket and returns the difference to write. Conflict
    ids are deterministic (the two entries), so station and server holding the same entries
    record the same conflicts."""
    stale: set[str] = set()
    new: list[Conflict] = []
    held = 0
    for ticket_id, entries in entries_by_ticket.items():
        found = find_conflicts(ticket_id, entries, rules_of)
        known = set(recorded.get(ticket_id, ()))
        stale |= known - {c.id for c in found}
        new += [c for c in found if c.id not in known]
        held += len(found)
    return ConflictChanges(frozenset(stale), tuple(new), held)


CONFLICT_FIELDS = (
    "id", "event_id", "ticket_id", "first_entry_id", "second_entry_id", "first_station",
    "second_station", "first_gate", "second_gate", "first_hlc", "second_hlc",
    "acknowledged_entry_id",
)  # fmt: skip


def conflict_record(
    event_id: int, conflict: Conflict, acknowledged_entry_id: str | None
) -> tuple[object, ...]:
    """A conflict as a flat record in `CONFLICT_FIELDS` order (the conflicts tables of station
    and server, and the operators' lists)."""
    first, second = conflict.first, conflict.second
    return (
        conflict.id, event_id, conflict.ticket_id, first.entry_id, second.entry_id,
        first.station_id, second.station_id, first.gate_id, second.gate_id, first.hlc,
        second.hlc, acknowledged_entry_id,
    )  # fmt: skip
