"""Seed a demo or test event: ticket types, gates with different rules, and attendees."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain.pin_signature import DEFAULT_PIN
from kiosk.domain.spreadsheet_cell import safe_cell
from kiosk.domain.ticket_codec import KeyAlgorithm
from server_stub.people import attendees
from server_stub.storage.interface import IssuedTicket, ServerStorage

TICKET_TYPES = [
    (0, "General admission", "#1E88E5", "badge-4x3", 70),
    (1, "VIP", "#C9A227", "badge-4x3", 10),
    (2, "Speaker", "#8E24AA", "badge-4x3-speaker", 8),
    (3, "Staff", "#2E7D32", "badge-4x3-speaker", 7),
    (4, "Day pass", "#EF6C00", "badge-4x3", 5),
]
GATES: list[dict[str, Any]] = [
    {"id": "main", "name": "Main entrance", "allowed_types": [0, 1, 2, 3], "entry_mode": "reentry"},
    {"id": "vip", "name": "VIP lounge", "allowed_types": [1, 2, 3], "entry_mode": "reentry"},
    {"id": "backstage", "name": "Backstage", "allowed_types": [2, 3], "entry_mode": "multi"},
    {"id": "daypass", "name": "Day-pass desk", "allowed_types": [4], "entry_mode": "daily"},
    {"id": "workshop", "name": "Workshop room", "allowed_types": None, "entry_mode": "single"},
]
CSV_COLUMNS = ("ticket_id", "code", "name", "email", "ticket_type", "confirmation")


@dataclass(frozen=True)
class SeedResult:
    event_id: int
    tickets: list[IssuedTicket]


def seed_event(
    storage: ServerStorage,
    name: str,
    tickets: int,
    algorithm: KeyAlgorithm = KeyAlgorithm.HMAC_SHA256,
    timezone: str = "UTC",
    seed: int = 7,
) -> SeedResult:
    catalog = storage.catalog
    event_id = catalog.create_event(name, timezone=timezone, algorithm=algorithm)
    for type_id, type_name, colour, template, _weight in TICKET_TYPES:
        catalog.add_ticket_type(event_id, type_id, type_name, colour, template)
    for gate in GATES:
        catalog.add_gate(event_id, {**gate, "timezone": timezone})
    weights = {t[0]: t[4] for t in TICKET_TYPES}
    issued = catalog.issue_tickets(event_id, attendees(tickets, weights, seed))
    # A demo event's operator PIN is the one `doorline demo` prints; a real event gets its
    # own with `doorline server pin`.
    storage.pins.set_pin(event_id, DEFAULT_PIN)
    return SeedResult(event_id, issued)


def write_codes_csv(path: Path, tickets: list[IssuedTicket]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for t in tickets:
            name = f"{t.first_name} {t.last_name}"
            row = (t.ticket_id, t.code, name, t.email, t.ticket_type, t.confirmation)
            writer.writerow([safe_cell(v) for v in row])
