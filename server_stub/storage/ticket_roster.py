"""The event's tickets as an organiser sends them out: one row per ticket, with its type.

Read-only; used to write ticket PDFs and the mail-merge CSV (`doorline server tickets`).
"""

from __future__ import annotations

from dataclasses import dataclass

from server_stub.storage.catalog import EventCatalog
from server_stub.storage.database import Database


@dataclass(frozen=True)
class RosterTicket:
    ticket_id: int
    code: str
    confirmation: str
    first_name: str
    last_name: str
    email: str
    organisation: str
    ticket_type: str
    type_colour: str
    external_id: str
    order_ref: str
    revoked: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class RosterEvent:
    event_id: int
    name: str
    timezone: str
    starts_ms: int | None
    ends_ms: int | None


class TicketRoster:
    """`Roster` over a `Database`."""

    def __init__(self, db: Database, catalog: EventCatalog) -> None:
        self.db = db
        self.catalog = catalog

    def roster_event(self, event_id: int) -> RosterEvent:
        """The event's name, zone and dates; NotFound when there is no such event."""
        event = self.catalog.event(event_id)
        return RosterEvent(
            event_id, event["name"], event["timezone"], event["starts_ms"], event["ends_ms"]
        )

    def roster(self, event_id: int) -> list[RosterTicket]:
        """Every ticket of the event in id order, revoked ones flagged."""
        with self.db.reading() as tx:
            rows = tx.execute(
                "SELECT t.id, t.code, t.confirmation, t.first_name, t.last_name, "
                "coalesce(t.email, ''), coalesce(t.organisation, ''), coalesce(tt.name, ''), "
                "coalesce(tt.colour, ''), coalesce(t.external_id, ''), coalesce(t.order_ref, ''), "
                "coalesce(r.revoked, 0) FROM tickets t "
                "LEFT JOIN ticket_types tt ON tt.event_id = t.event_id AND tt.id = t.type_id "
                "LEFT JOIN revocations r ON r.event_id = t.event_id AND r.ticket_id = t.id "
                "WHERE t.event_id = ? ORDER BY t.id",
                (event_id,),
            ).fetchall()
        return [
            RosterTicket(
                ticket_id=row[0],
                code=row[1],
                confirmation=row[2],
                first_name=row[3],
                last_name=row[4],
                email=row[5],
                organisation=row[6],
                ticket_type=row[7],
                type_colour=row[8],
                external_id=row[9],
                order_ref=row[10],
                revoked=bool(row[11]),
            )
            for row in rows
        ]
