"""The part of the station the printing code talks to, as a Protocol.

Printing depends on these three calls only, so it can be built and tested against a small test
double and run against `kiosk.core.station.Station` unchanged. The print worker calls them from
its own thread, so the station must allow that (the real one serialises with a lock).
"""

from __future__ import annotations

from typing import Any, Protocol


class BadgeStation(Protocol):
    """What the print queue needs from the station: badge data and the badge print log."""

    def badge_source(self, ticket_id: int) -> dict[str, Any]:
        """Return the badge fields of a ticket (see `BadgeData.from_source`)."""
        ...

    def badge_printed(self, ticket_id: int) -> bool:
        """True when a `badge_printed` log entry exists for this ticket (from any station)."""
        ...

    def record_badge_printed(self, ticket_id: int, *, reprint: bool) -> str:
        """Write a `badge_printed` log entry (it syncs like any other); return its id."""
        ...
