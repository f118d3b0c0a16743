"""The station's conflicts table, recomputed with the same merge module the server uses.

A station holding the same entries as the server finds the same conflicts with the same ids
(`kiosk.core.merge.find_conflicts`), so operators see one list wherever they look.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from kiosk.core.gate_rules import GateRules
from kiosk.core.merge import find_conflicts
from kiosk.core.replica import Replica

_CONFLICT_COLUMNS = (
    "id", "event_id", "ticket_id", "first_entry_id", "second_entry_id", "first_station",
    "second_station", "first_gate", "second_gate", "first_hlc", "second_hlc",
    "acknowledged_entry_id",
)  # fmt: skip


def refresh_conflicts(replica: Replica, event_id: int, ticket_ids: Iterable[int]) -> int:
    """Recompute the conflicts of `ticket_ids`; returns how many conflicts they now have."""
    tickets = sorted(set(ticket_ids))
    if not tickets:
        return 0

    @lru_cache(maxsize=64)
    def rules_of(gate_id: str | None) -> GateRules | None:
        return None if gate_id is None else replica.gate_rules(gate_id)

    rows = []
    for ticket_id in _shared_tickets(replica, tickets):
        for conflict in find_conflicts(ticket_id, replica.entries_for_ticket(ticket_id), rules_of):
            ack = replica.conn.execute(
                "SELECT id FROM checkin_log WHERE action = 'conflict_ack' AND ref = ? "
                "ORDER BY hlc LIMIT 1",
                (conflict.id,),
            ).fetchone()
            rows.append(
                (
                    conflict.id, event_id, ticket_id, conflict.first.entry_id,
                    conflict.second.entry_id, conflict.first.station_id,
                    conflict.second.station_id, conflict.first.gate_id, conflict.second.gate_id,
                    conflict.first.hlc, conflict.second.hlc, ack[0] if ack else None,
                )
            )  # fmt: skip
    with replica.transaction() as conn:
        for start in range(0, len(tickets), 500):
            chunk = tickets[start : start + 500]
            conn.execute(
                f"DELETE FROM conflicts WHERE ticket_id IN ({', '.join('?' * len(chunk))})", chunk
            )
        conn.executemany(
            f"INSERT OR REPLACE INTO conflicts ({', '.join(_CONFLICT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_CONFLICT_COLUMNS))})",
            rows,
        )
    return len(rows)


def _shared_tickets(replica: Replica, tickets: list[int]) -> list[int]:
    """Only tickets with entries from more than one station can hold a conflict."""
    shared: list[int] = []
    for start in range(0, len(tickets), 500):
        chunk = tickets[start : start + 500]
        shared += [
            int(r[0])
            for r in replica.conn.execute(
                f"SELECT ticket_id FROM checkin_log WHERE ticket_id IN "
                f"({', '.join('?' * len(chunk))}) GROUP BY ticket_id "
                "HAVING count(DISTINCT station_id) > 1",
                chunk,
            )
        ]
    return shared


def refresh_acknowledgements(replica: Replica) -> None:
    """Acknowledgements can arrive after the conflict: attach any that are not attached yet."""
    with replica.transaction() as conn:
        conn.execute(
            "UPDATE conflicts SET acknowledged_entry_id = (SELECT l.id FROM checkin_log l "
            "WHERE l.action = 'conflict_ack' AND l.ref = conflicts.id ORDER BY l.hlc LIMIT 1) "
            "WHERE acknowledged_entry_id IS NULL"
        )
