"""A small event for tests and benchmarks: one builder instead of an event-file text per module.

`small_event()` is the event most tests need — two ticket types, one single-entry gate, a
three-day window in Berlin — as the typed `EventSpec` the event file reads into; each test
overrides only what it is about. Tests that go through the command line write it with the
product's own `event_toml(spec)` (so the text always parses); `apply_event_spec()` stores it on
a server database (the `event_db` fixture of conftest.py does that on a fresh one).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from kiosk.domain.gate_rules import EntryMode, UnknownTicketPolicy
from server_stub.event_file import EventSpec, GateSpec, TicketTypeSpec
from server_stub.storage import open_storage

TYPES = ("General admission", "VIP")


def small_event(
    name: str = "Small Fest",
    *,
    timezone: str = "Europe/Berlin",
    starts: datetime = datetime(2027, 6, 10, 8, 0),
    ends: datetime = datetime(2027, 6, 12, 19, 0),
    types: Sequence[str | TicketTypeSpec] = TYPES,
    entry: EntryMode = EntryMode.SINGLE,
    unknown_tickets: UnknownTicketPolicy = UnknownTicketPolicy.ADMIT,
    event_id: int | None = None,
) -> EventSpec:
    """The event: `types` by name (or as full specs, for colours and windows), and one gate
    "main" ("Main entrance") open to every type with the `entry` rule. Times are venue-local.
    `event_id` makes it the file that updates that event."""
    specs = tuple(t if isinstance(t, TicketTypeSpec) else TicketTypeSpec(t) for t in types)
    return EventSpec(
        name=name,
        timezone=timezone,
        starts=starts,
        ends=ends,
        unknown_tickets=unknown_tickets,
        ticket_types=specs,
        gates=(GateSpec("main", "Main entrance", entry=entry),),
        id=event_id,
    )


def apply_event_spec(db: Path | str, spec: EventSpec) -> int:
    """Create (or update) the event `spec` on the server database `db`; its event id."""
    store = open_storage(db)
    try:
        return store.event_files.apply_event(spec).event_id
    finally:
        store.close()
