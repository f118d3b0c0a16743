"""What the operators' live dashboard reads of an event (`DoorView`): who is checked in and
inside now, admissions per quarter hour and gate, and attendee search.

The rules are the log's own (`kiosk.domain.merge.fold` in SQL, as the station's
`kiosk.station_store.checkin_log` says them): an admission is an entry or override with the
verdict admitted; an entry an undo points at does not count; a ticket is inside when its latest
admission-or-exit in HLC order (ties: station id, then sequence) is an admission. Portable SQL
(window functions, `FILTER`), the same on every engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server_stub.storage.database import Database, rows_as_dicts
from server_stub.storage.reports import ADMITTED, QUARTER_MS

SEARCH_LIMIT = 50
# Not correlated: SQLite and PostgreSQL read the (few) undo references once, instead of once
# per log row (a correlated NOT EXISTS made the dashboard's counts quadratic in the log).
_NOT_UNDONE = "l.id NOT IN (SELECT u.ref FROM log u WHERE u.action = 'undo' AND u.ref IS NOT NULL)"
_ADMITTED_L = ADMITTED.replace("action", "l.action").replace("verdict", "l.verdict")


@dataclass(frozen=True)
class Presence:
    """registered: tickets of the event; checked_in: tickets admitted at least once (undone
    admissions left out); inside: tickets whose latest admission or exit is an admission."""

    registered: int
    checked_in: int
    inside: int


class DoorView:
    """`DoorView` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def presence(self, event_id: int) -> Presence:
        with self.db.reading() as tx:
            registered = tx.execute(
                "SELECT count(*) FROM tickets WHERE event_id = ?", (event_id,)
            ).fetchone()[0]
            checked_in = tx.execute(
                "SELECT count(DISTINCT l.ticket_id) FROM log l WHERE l.event_id = ? "
                f"AND l.ticket_id IS NOT NULL AND {_ADMITTED_L} AND {_NOT_UNDONE}",
                (event_id,),
            ).fetchone()[0]
            inside = tx.execute(
                "SELECT count(*) FROM (SELECT l.action, row_number() OVER (PARTITION BY "
                "l.ticket_id ORDER BY l.hlc DESC, l.station_id DESC, l.seq DESC) AS nth "
                "FROM log l WHERE l.event_id = ? AND l.ticket_id IS NOT NULL "
                f"AND (({_ADMITTED_L}) OR l.action = 'exit') AND {_NOT_UNDONE}) AS standing "
                "WHERE nth = 1 AND action <> 'exit'",
                (event_id,),
            ).fetchone()[0]
        return Presence(int(registered), int(checked_in), int(inside))

    def admissions_per_quarter_and_gate(self, event_id: int) -> list[tuple[int, str, int]]:
        """(quarter hours since the epoch, gate id or '-', admissions), in time order: the
        dashboard's arrivals chart (every time zone's offset is a multiple of 15 minutes)."""
        with self.db.reading() as tx:
            rows = tx.execute(
                f"SELECT l.wall_ms / {QUARTER_MS} AS q, coalesce(l.gate_id, '-') AS gate, "
                f"count(*) FROM log l WHERE l.event_id = ? AND {_ADMITTED_L} AND {_NOT_UNDONE} "
                "GROUP BY q, gate ORDER BY q, gate",
                (event_id,),
            ).fetchall()
        return [(int(q), str(gate), int(n)) for q, gate, n in rows]

    def search_attendees(self, event_id: int, text: str) -> list[dict[str, Any]]:
        """Tickets whose name contains `text` (case-insensitive), or whose confirmation code,
        e-mail or ticket id is `text`: ticket_id, first_name, last_name, organisation, email,
        confirmation, ticket_type, revoked (0/1), revoke_reason, admissions. At most
        `SEARCH_LIMIT`, by last name."""
        words = text.strip().lower()
        if not words:
            return []
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        ticket_id = int(words) if words.isdigit() and len(words) < 16 else -1
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT t.id AS ticket_id, t.first_name, t.last_name, "
                    "coalesce(t.organisation, '') AS organisation, "
                    "coalesce(t.email, '') AS email, t.confirmation, "
                    "coalesce(tt.name, '') AS ticket_type, "
                    "coalesce(r.revoked, 0) AS revoked, coalesce(r.reason, '') AS revoke_reason, "
                    "(SELECT count(*) FROM log l WHERE l.event_id = t.event_id "
                    f"AND l.ticket_id = t.id AND {_ADMITTED_L} AND {_NOT_UNDONE}) AS admissions "
                    "FROM tickets t LEFT JOIN ticket_types tt ON tt.event_id = t.event_id "
                    "AND tt.id = t.type_id LEFT JOIN revocations r ON r.event_id = t.event_id "
                    "AND r.ticket_id = t.id WHERE t.event_id = ? AND ("
                    "lower(t.first_name || ' ' || t.last_name) LIKE ? ESCAPE '\\' "
                    "OR lower(t.last_name || ' ' || t.first_name) LIKE ? ESCAPE '\\' "
                    "OR lower(t.confirmation) = ? OR lower(coalesce(t.email, '')) = ? "
                    "OR t.id = ?) ORDER BY t.last_name, t.first_name, t.id "
                    f"LIMIT {SEARCH_LIMIT}",
                    (event_id, pattern, pattern, words, words, ticket_id),
                )
            )
