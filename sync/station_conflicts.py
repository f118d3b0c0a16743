"""The station's conflicts table, recomputed with the same merge module the server uses.

A station holding the same entries as the server finds the same conflicts with the same ids
(`kiosk.domain.merge.find_conflicts`), so operators see one list wherever they look.

Batched: the replica has no index on `checkin_log.ref`, so looking up an acknowledgement per
conflict scanned the whole log each time (20 stations × 100,000 actions spent most of their
time there). Each refresh reads the acknowledgements once, and the entries of all touched
tickets in one query.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from kiosk.core.replica import Replica
from kiosk.domain.gate_rules import GateRules
from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.merge import Conflict, find_conflicts
from kiosk.domain.wire_format import entry_from_row

_CONFLICT_COLUMNS = (
    "id", "event_id", "ticket_id", "first_entry_id", "second_entry_id", "first_station",
    "second_station", "first_gate", "second_gate", "first_hlc", "second_hlc",
    "acknowledged_entry_id",
)  # fmt: skip
_TICKET = ENTRY_FIELDS.index("ticket_id")
_STATION = ENTRY_FIELDS.index("station_id")
_IN_JSON = "(SELECT value FROM json_each(?))"


def refresh_conflicts(replica: Replica, event_id: int, ticket_ids: Iterable[int]) -> int:
    """Recompute the conflicts of `ticket_ids`; returns how many conflicts they now have.

    Conflict ids are deterministic (the two entries), so only the difference is written: the
    conflicts that went away are deleted, the new ones inserted, and the ones still there are
    left alone (their acknowledgement included), as the server does."""
    tickets = sorted(set(ticket_ids))
    if not tickets:
        return 0

    @lru_cache(maxsize=64)
    def rules_of(gate_id: str | None) -> GateRules | None:
        return None if gate_id is None else replica.gate_rules(gate_id)

    found: dict[str, tuple[int, Conflict]] = {}
    for ticket_id, entries in _entries_of_shared_tickets(replica, tickets):
        for conflict in find_conflicts(ticket_id, entries, rules_of):
            found[conflict.id] = (ticket_id, conflict)
    tickets_json = json.dumps(tickets)
    with replica.transaction() as conn:
        existing = {
            r[0]
            for r in conn.execute(
                f"SELECT id FROM conflicts WHERE ticket_id IN {_IN_JSON}", (tickets_json,)
            )
        }
        stale = existing - found.keys()
        new = [found[i] for i in found.keys() - existing]
        acks = first_acknowledgements(replica) if new else {}
        if stale:
            conn.execute(
                f"DELETE FROM conflicts WHERE id IN {_IN_JSON}", (json.dumps(sorted(stale)),)
            )
        conn.executemany(
            f"INSERT OR REPLACE INTO conflicts ({', '.join(_CONFLICT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_CONFLICT_COLUMNS))})",
            [
                (
                    c.id, event_id, ticket_id, c.first.entry_id, c.second.entry_id,
                    c.first.station_id, c.second.station_id, c.first.gate_id, c.second.gate_id,
                    c.first.hlc, c.second.hlc, acks.get(c.id),
                )
                for ticket_id, c in new
            ],
        )  # fmt: skip
    return len(found)


def _entries_of_shared_tickets(
    replica: Replica, tickets: list[int]
) -> Iterator[tuple[int, list[LogEntry]]]:
    """The entries of each of `tickets` that has entries from more than one station (only
    those can hold a conflict), read in one pass over the log's ticket index."""
    rows = replica.conn.execute(
        f"SELECT {', '.join(ENTRY_FIELDS)} FROM checkin_log WHERE ticket_id IN {_IN_JSON} "
        "ORDER BY ticket_id",
        (json.dumps(tickets),),
    ).fetchall()
    for ticket_id, group in groupby(rows, key=itemgetter(_TICKET)):
        of_ticket = list(group)
        if len({r[_STATION] for r in of_ticket}) > 1:
            yield ticket_id, [entry_from_row(r) for r in of_ticket]


def first_acknowledgements(replica: Replica) -> dict[str, str]:
    """conflict id → the id of its first `conflict_ack` entry (HLC order), in one pass."""
    acks: dict[str, str] = {}
    for ref, entry_id in replica.conn.execute(
        "SELECT ref, id FROM checkin_log WHERE action = 'conflict_ack' AND ref IS NOT NULL "
        "ORDER BY hlc DESC"
    ):
        acks[ref] = entry_id  # descending: the earliest acknowledgement is the one kept
    return acks


def refresh_acknowledgements(replica: Replica) -> None:
    """Acknowledgements can arrive after the conflict: attach any that are not attached yet."""
    with replica.lock:
        open_ids = [
            r[0]
            for r in replica.conn.execute(
                "SELECT id FROM conflicts WHERE acknowledged_entry_id IS NULL"
            )
        ]
        acks = first_acknowledgements(replica) if open_ids else {}
        updates = [(acks[c], c) for c in open_ids if c in acks]
        if not updates:
            return
        with replica.transaction() as conn:
            conn.executemany(
                "UPDATE conflicts SET acknowledged_entry_id = ? WHERE id = ? "
                "AND acknowledged_entry_id IS NULL",
                updates,
            )
