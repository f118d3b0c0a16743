"""Conflicts on the server: recomputed by the shared merge after every push, listed for
operators, acknowledged by a log entry of the server's own pseudo-station.

The rule itself (what makes two admissions a conflict, and which recorded conflicts must go)
is `kiosk.domain.merge.reconcile_conflicts`, the same code every station runs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from kiosk.domain.gate_rules import EntryMode, GateRules, UnknownTicketPolicy
from kiosk.domain.hlc import pack
from kiosk.domain.log_entry import GENESIS_HASH, LogEntry, seal
from kiosk.domain.merge import CONFLICT_FIELDS, Conflict, conflict_record, reconcile_conflicts
from kiosk.domain.verdicts import Action, Verdict
from kiosk.domain.wire_format import entry_from_row, entry_json
from server_stub.storage.catalog import GATES_SQL, EventCatalog, decoded_gates, now_ms
from server_stub.storage.change_counter import lock_for_log_write, number_log_rows
from server_stub.storage.database import Database, Dialect, Tx, rows_as_dicts
from server_stub.storage.interface import NotFound
from server_stub.storage.log_rows import INSERT_LOG_SQL, LOG_SELECT, entry_values, wire_json

_TICKET = LOG_SELECT.split(", ").index("ticket_id")


def server_station_id(event_id: int) -> str:
    """The pseudo-station that authors the server's own log entries (operator acknowledgements)."""
    return f"server-{event_id}"


def gate_rules_from_row(row: dict[str, Any]) -> GateRules:
    allowed = row["allowed_types"]
    if isinstance(allowed, str):
        allowed = json.loads(allowed)
    return GateRules(
        gate_id=row["id"],
        name=row["name"],
        allowed_types=None if allowed is None else frozenset(allowed),
        entry_mode=EntryMode(row["entry_mode"]),
        valid_from_ms=row["valid_from_ms"],
        valid_until_ms=row["valid_until_ms"],
        unknown_ticket_policy=UnknownTicketPolicy(row["unknown_policy"]),
        timezone=row["timezone"] or "UTC",
    )


def refresh_conflicts(tx: Tx, dialect: Dialect, event_id: int, ticket_ids: set[int]) -> int:
    """Recompute the conflicts of tickets that now have entries from more than one station
    (only those can hold one), inside the push's transaction; returns how many tickets were
    re-merged. The entries of such tickets come first; only when there are any (a push
    rarely names a ticket another door scanned too) are the conflicts recorded for them and
    the event's gates asked for, together (one round trip in a pipelined transaction)."""
    if not ticket_ids:
        return 0
    tickets = dialect.list_param(sorted(ticket_ids))
    entry_rows = tx.execute(
        f"SELECT {LOG_SELECT} FROM log WHERE event_id = ? AND ticket_id IN (SELECT ticket_id "
        "FROM log WHERE event_id = ? AND "
        + dialect.in_list("ticket_id", "int")
        + " GROUP BY ticket_id HAVING count(DISTINCT station_id) > 1)",
        (event_id, event_id, tickets),
    )
    shared: dict[int, list[LogEntry]] = {}
    for row in entry_rows.fetchall():
        shared.setdefault(row[_TICKET], []).append(entry_from_row(row))
    if not shared:
        return 0
    # A ticket with a recorded conflict has entries of two stations: it is among the shared.
    recorded_rows = tx.execute(
        "SELECT ticket_id, id FROM conflicts WHERE event_id = ? AND "
        + dialect.in_list("ticket_id", "int"),
        (event_id, dialect.list_param(sorted(shared))),
    )
    gate_rows = tx.execute(GATES_SQL, (event_id,))
    recorded: dict[int, list[str]] = {}
    for ticket_id, conflict_id in recorded_rows.fetchall():
        recorded.setdefault(ticket_id, []).append(conflict_id)
    gates = {g["id"]: gate_rules_from_row(g) for g in decoded_gates(gate_rows)}
    changes = reconcile_conflicts(
        shared, recorded, lambda gate_id: None if gate_id is None else gates.get(gate_id)
    )
    tx.executemany("DELETE FROM conflicts WHERE id = ?", [(i,) for i in sorted(changes.stale)])
    _store_conflicts(tx, dialect, event_id, changes.new)
    return len(shared)


_UPSERT_CONFLICT_SQL = (
    f"INSERT INTO conflicts ({', '.join(CONFLICT_FIELDS)}, detected_ms) "
    f"VALUES ({', '.join('?' * len(CONFLICT_FIELDS))}, ?) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*CONFLICT_FIELDS[1:], "detected_ms"))
)


def _store_conflicts(tx: Tx, dialect: Dialect, event_id: int, found: Iterable[Conflict]) -> None:
    found = list(found)
    if not found:
        return
    first_ack: dict[str, str] = {}
    for ref, ack_id in tx.execute(
        "SELECT ref, id FROM log WHERE action = 'conflict_ack' AND "
        + dialect.in_list("ref", "text")
        + " ORDER BY hlc DESC",
        (dialect.list_param([c.id for c in found]),),
    ):
        first_ack[ref] = ack_id  # descending: the earliest acknowledgement is kept
    detected = now_ms()
    tx.executemany(
        _UPSERT_CONFLICT_SQL,
        [(*conflict_record(event_id, c, first_ack.get(c.id)), detected) for c in found],
    )


def apply_acknowledgements(tx: Tx, acks: list[tuple[str, str | None]]) -> None:
    """(ack entry id, conflict id) pairs: the first acknowledgement of a conflict sticks."""
    tx.executemany(
        "UPDATE conflicts SET acknowledged_entry_id = ? WHERE id = ? "
        "AND acknowledged_entry_id IS NULL",
        acks,
    )


class ConflictList:
    """`ConflictDesk` over a `Database`."""

    def __init__(self, db: Database, catalog: EventCatalog) -> None:
        self.db = db
        self.catalog = catalog

    def conflicts(self, event_id: int, include_acknowledged: bool = True) -> list[dict[str, Any]]:
        """The event's conflicts in HLC order of their second admission, each with the
        operator's note (`ack_note`) once acknowledged."""
        sql = "SELECT c.*, l.detail AS ack_note FROM conflicts c LEFT JOIN log l "
        sql += "ON l.id = c.acknowledged_entry_id WHERE c.event_id = ?"
        if not include_acknowledged:
            sql += " AND c.acknowledged_entry_id IS NULL"
        with self.db.reading() as tx:
            return rows_as_dicts(tx.execute(sql + " ORDER BY c.second_hlc, c.id", (event_id,)))

    def all_conflicts(self, include_acknowledged: bool = True) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for event in self.catalog.events():
            rows += self.conflicts(event["id"], include_acknowledged)
        return rows

    def acknowledge_conflict(
        self, event_id: int, conflict_id: str, note: str, by: str
    ) -> dict[str, Any]:
        """An operator's acknowledgement, written as a log entry of the server's own
        pseudo-station so stations pull it like any other entry; returns that entry (wire
        shape). NotFound if the event has no such conflict."""
        station_id = server_station_id(event_id)
        with self.db.transaction() as tx:
            row = tx.execute(
                "SELECT ticket_id FROM conflicts WHERE id = ? AND event_id = ?",
                (conflict_id, event_id),
            ).fetchone()
            if row is None:
                raise NotFound(f"no conflict {conflict_id} in event {event_id}")
            # The server's pseudo-station writes one entry at a time, after every push of the
            # conflict's ticket (change_counter: log writers take their number last).
            lock_for_log_write(tx, self.db.dialect, event_id, station_id, [row[0]])
            last = tx.execute(
                "SELECT seq, hash FROM log WHERE station_id = ? ORDER BY seq DESC LIMIT 1",
                (station_id,),
            ).fetchone()
            top_hlc = tx.execute(
                "SELECT coalesce(max(hlc), 0) FROM log WHERE event_id = ?", (event_id,)
            ).fetchone()[0]
            wall = now_ms()
            entry = seal(
                {
                    "id": str(uuid.uuid4()),
                    "station_id": station_id,
                    "seq": last[0] + 1 if last else 1,
                    "hlc": max(pack(wall, 0), top_hlc + 1),
                    "wall_ms": wall,
                    "event_id": event_id,
                    "gate_id": None,
                    "ticket_id": None,
                    "action": str(Action.CONFLICT_ACK),
                    "verdict": str(Verdict.ADMITTED),
                    "offline": False,
                    "method": "operator",
                    "ref": conflict_id,
                    "detail": f"{note or 'acknowledged'} (by {by})",
                    "prev_hash": last[1] if last else GENESIS_HASH,
                }
            )
            tx.execute(
                INSERT_LOG_SQL, (*entry_values(entry), wall, 0, wire_json(entry_json(entry)))
            )
            apply_acknowledgements(tx, [(entry.id, entry.ref)])
            number_log_rows(tx, self.db.dialect, [entry.id])
        return entry_json(entry)
