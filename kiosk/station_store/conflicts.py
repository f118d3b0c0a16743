"""The station's conflicts table, recomputed with the same merge module the server uses.

A station holding the same entries as the server finds the same conflicts with the same ids
(`kiosk.domain.merge.find_conflicts`), so operators see one list wherever they look. This is
the station's only conflict bookkeeping: which conflicts exist (written as a difference, so an
acknowledgement stays attached) and which acknowledgement belongs to each.

Batched: each refresh reads the acknowledgements once, and the entries of all touched tickets
in one query (20 stations × 100,000 actions spent most of their time in per-conflict lookups).
Every function runs on the connection and inside the transaction `StationStore` gives it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from kiosk.domain.gate_rules import GateRules
from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.merge import CONFLICT_FIELDS, Conflict, conflict_record, find_conflicts
from kiosk.domain.wire_format import entry_from_row
from kiosk.station_store import checkin_log
from kiosk.station_store.values import StoredConflict

_IN_JSON = "(SELECT value FROM json_each(?))"
_TICKET = ENTRY_FIELDS.index("ticket_id")
_STATION = ENTRY_FIELDS.index("station_id")


def find(
    conn: sqlite3.Connection, tickets: list[int], gate_rules: Callable[[str], GateRules | None]
) -> dict[str, tuple[int, Conflict]]:
    """The conflicts `tickets` (sorted, distinct) hold now: conflict id → (ticket, conflict).
    A read: the caller runs it outside its write transaction, so folding many tickets never
    holds the file's write lock."""

    @lru_cache(maxsize=64)
    def rules_of(gate_id: str | None) -> GateRules | None:
        return None if gate_id is None else gate_rules(gate_id)

    found: dict[str, tuple[int, Conflict]] = {}
    for ticket_id, entries in _entries_of_shared_tickets(conn, tickets):
        for conflict in find_conflicts(ticket_id, entries, rules_of):
            found[conflict.id] = (ticket_id, conflict)
    return found


def store(
    conn: sqlite3.Connection,
    event_id: int,
    tickets: list[int],
    found: dict[str, tuple[int, Conflict]],
) -> None:
    """Make the conflicts table hold exactly `found` for `tickets`, inside the caller's
    transaction. Conflict ids are deterministic (the two entries), so only the difference is
    written: the conflicts that went away are deleted, the new ones inserted, and the ones
    still there are left alone (their acknowledgement included), as the server does."""
    existing = {
        r[0]
        for r in conn.execute(
            f"SELECT id FROM conflicts WHERE ticket_id IN {_IN_JSON}", (json.dumps(tickets),)
        )
    }
    stale = existing - found.keys()
    new = [found[i] for i in found.keys() - existing]
    acks = checkin_log.first_acknowledgements(conn) if new else {}
    if stale:
        conn.execute(f"DELETE FROM conflicts WHERE id IN {_IN_JSON}", (json.dumps(sorted(stale)),))
    conn.executemany(
        f"INSERT OR REPLACE INTO conflicts ({', '.join(CONFLICT_FIELDS)}) "
        f"VALUES ({', '.join('?' * len(CONFLICT_FIELDS))})",
        [conflict_record(event_id, c, acks.get(c.id)) for _ticket, c in new],
    )


def _entries_of_shared_tickets(
    conn: sqlite3.Connection, tickets: list[int]
) -> Iterator[tuple[int, list[LogEntry]]]:
    """The entries of each of `tickets` that has entries from more than one station (only
    those can hold a conflict)."""
    rows = checkin_log.rows_for_tickets(conn, tickets)
    for ticket_id, group in groupby(rows, key=itemgetter(_TICKET)):
        of_ticket = list(group)
        if len({r[_STATION] for r in of_ticket}) > 1:
            yield ticket_id, [entry_from_row(r) for r in of_ticket]


def unattached_acknowledgements(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(acknowledging entry id, conflict id) for each conflict whose acknowledgement arrived
    after it and is not attached yet."""
    open_ids = [
        r[0] for r in conn.execute("SELECT id FROM conflicts WHERE acknowledged_entry_id IS NULL")
    ]
    acks = checkin_log.first_acknowledgements(conn) if open_ids else {}
    return [(acks[c], c) for c in open_ids if c in acks]


def attach_acknowledgements(conn: sqlite3.Connection, updates: list[tuple[str, str]]) -> None:
    conn.executemany(
        "UPDATE conflicts SET acknowledged_entry_id = ? WHERE id = ? "
        "AND acknowledged_entry_id IS NULL",
        updates,
    )


def listed(conn: sqlite3.Connection) -> list[StoredConflict]:
    rows = conn.execute(f"SELECT {', '.join(CONFLICT_FIELDS)} FROM conflicts ORDER BY second_hlc")
    return [StoredConflict(*row) for row in rows.fetchall()]
