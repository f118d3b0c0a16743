"""The station's conflicts table: it stores what `kiosk.domain.merge.reconcile_conflicts`
decided, the same rule the server's storage runs after each push.

A station holding the same entries as the server therefore records the same conflicts with
the same ids, so operators see one list wherever they look. This module decides nothing: it
reads the inputs of the rule (the entries of tickets that more than one station touched, and
the conflict ids recorded for them) and writes its answer (delete the stale ones, insert the
new ones with their first acknowledgement); conflicts still there are left alone, their
acknowledgement included.

Batched: one query reads the entries of all touched tickets, one their recorded conflicts,
and the acknowledgements are read once per write (20 stations × 100,000 actions spent most of
their time in per-conflict lookups). Every function runs on the connection and inside the
lock or transaction `StationStore` gives it.
"""

from __future__ import annotations

import json
import sqlite3
from itertools import groupby
from operator import itemgetter

from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.merge import CONFLICT_FIELDS, ConflictChanges, conflict_record
from kiosk.domain.wire_format import entry_from_row
from kiosk.station_store import checkin_log
from kiosk.station_store.values import StoredConflict

_IN_JSON = "(SELECT value FROM json_each(?))"
_TICKET = ENTRY_FIELDS.index("ticket_id")
_STATION = ENTRY_FIELDS.index("station_id")


def entries_of_shared_tickets(
    conn: sqlite3.Connection, tickets: list[int]
) -> dict[int, list[LogEntry]]:
    """Ticket id → its entries, for each of `tickets` (sorted, distinct) that has entries from
    more than one station: only those can hold a conflict (the server asks the same)."""
    rows = checkin_log.rows_for_tickets(conn, tickets)
    shared: dict[int, list[LogEntry]] = {}
    for ticket_id, group in groupby(rows, key=itemgetter(_TICKET)):
        of_ticket = list(group)
        if len({r[_STATION] for r in of_ticket}) > 1:
            shared[ticket_id] = [entry_from_row(r) for r in of_ticket]
    return shared


def recorded(conn: sqlite3.Connection, tickets: list[int]) -> dict[int, list[str]]:
    """Ticket id → the ids of the conflicts the table holds for it, for `tickets`."""
    held: dict[int, list[str]] = {}
    for ticket_id, conflict_id in conn.execute(
        f"SELECT ticket_id, id FROM conflicts WHERE ticket_id IN {_IN_JSON}",
        (json.dumps(tickets),),
    ):
        held.setdefault(ticket_id, []).append(conflict_id)
    return held


def write(conn: sqlite3.Connection, event_id: int, changes: ConflictChanges) -> None:
    """Write the domain's decision inside the caller's transaction: delete `changes.stale`,
    insert `changes.new` (each with its first acknowledgement, if one arrived before it)."""
    if changes.stale:
        conn.execute(
            f"DELETE FROM conflicts WHERE id IN {_IN_JSON}", (json.dumps(sorted(changes.stale)),)
        )
    if not changes.new:
        return
    acks = checkin_log.first_acknowledgements(conn)
    conn.executemany(
        f"INSERT OR REPLACE INTO conflicts ({', '.join(CONFLICT_FIELDS)}) "
        f"VALUES ({', '.join('?' * len(CONFLICT_FIELDS))})",
        [conflict_record(event_id, c, acks.get(c.id)) for c in changes.new],
    )


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
