"""What one gate (check-in list) lets in, and how often (PRODUCT §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class EntryMode(StrEnum):
    SINGLE = "single"  # one admission, ever
    REENTRY = "reentry"  # again after an exit was recorded
    MULTI = "multi"  # any number of admissions, no exit needed
    DAILY = "daily"  # once per calendar day in the event's time zone


class UnknownTicketPolicy(StrEnum):
    """A validly signed ticket that is not in the replica (sold after the last sync)."""

    ADMIT = "admit"  # admit and mark as verified offline
    REFUSE = "refuse"


@dataclass(frozen=True)
class GateRules:
    gate_id: str
    name: str
    allowed_types: frozenset[int] | None = None  # None: every ticket type
    entry_mode: EntryMode = EntryMode.SINGLE
    valid_from_ms: int | None = None
    valid_until_ms: int | None = None
    unknown_ticket_policy: UnknownTicketPolicy = UnknownTicketPolicy.ADMIT
    timezone: str = "UTC"

    def allows_type(self, ticket_type: int) -> bool:
        return self.allowed_types is None or ticket_type in self.allowed_types

    def day_of(self, wall_ms: int) -> int:
        """The local calendar day of a moment, as a proleptic ordinal (for once-per-day)."""
        return self._local(wall_ms).date().toordinal()

    def day_bounds_ms(self, wall_ms: int) -> tuple[int, int]:
        """[start, end) in Unix ms of the local calendar day holding `wall_ms` (DST-aware)."""
        zone = ZoneInfo(self.timezone)
        day = self._local(wall_ms).date()
        start = datetime.combine(day, time(0), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        return int(start.timestamp() * 1000), int(end.timestamp() * 1000)

    def _local(self, wall_ms: int) -> datetime:
        return datetime.fromtimestamp(wall_ms / 1000, tz=UTC).astimezone(ZoneInfo(self.timezone))


OPEN_GATE = GateRules(gate_id="main", name="Main entrance")
