"""The part of the station the printing code talks to, as a Protocol.

Printing depends on these calls only, so it can be built and tested against a small test
double and run against `kiosk.core.station.Station` unchanged. The print worker calls them from
its own thread, so the station must allow that (the real one serialises with a lock).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from printing.queue_store import HandedOverJob


class BadgeStation(Protocol):
    """What the print queue needs from the station: badge data and the badge print log."""

    def badge_source(self, ticket_id: int) -> dict[str, Any]:
        """Return the badge fields of a ticket (see `BadgeData.from_source`)."""
        ...

    def badge_printed(self, ticket_id: int) -> bool:
        """True when a `badge_printed` log entry exists for this ticket (from any station)."""
        ...

    def record_badge_printed(self, ticket_id: int, *, reprint: bool, job_id: str) -> str:
        """Write a `badge_printed` log entry (it syncs like any other); return its id.

        Idempotent by `job_id`: the entry id derives from it, so calling again after a crash
        returns the entry already written."""
        ...

    def badge_printed_by_job(self, job_id: str) -> str | None:
        """The `badge_printed` entry id that print job `job_id` wrote, or None."""
        ...

    def handed_over_print_jobs(self) -> Sequence[HandedOverJob]:
        """Print jobs an older station file held, waiting to be adopted by the queue."""
        ...

    def forget_handed_over_print_jobs(self) -> None:
        """The queue has committed the handed-over jobs to its own file."""
        ...
