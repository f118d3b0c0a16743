"""Storing event data and other stations' entries in a replica, inside the caller's transaction.

One set of statements serves every way data arrives: a snapshot (bundle file, first pull) goes
through `Replica.upsert_*`, which wrap these in a transaction of their own, and a pulled page
calls them directly so that its rows and its cursor commit together.

Every write is an upsert or an insert-if-absent, so storing the same rows twice is harmless.
Upserts use INSERT ... ON CONFLICT DO UPDATE, never INSERT OR REPLACE: REPLACE deletes the old
row without firing the FTS delete trigger and would leave stale search entries.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from kiosk.domain.log_entry import ENTRY_FIELDS

TICKET_COLUMNS = (
    "event_id", "id", "type_id", "code", "confirmation", "first_name", "last_name",
    "organisation", "email_hash", "phone_hash", "flagged", "note",
)  # fmt: skip
TYPE_COLUMNS = ("event_id", "id", "name", "colour", "template", "valid_from_ms", "valid_until_ms")
GATE_COLUMNS = (
    "id", "event_id", "name", "allowed_types", "entry_mode", "valid_from_ms", "valid_until_ms",
    "unknown_policy", "timezone",
)  # fmt: skip
KEY_COLUMNS = ("event_id", "kid", "algorithm", "material", "status")


def _upsert_sql(table: str, columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )


_TYPE_SQL = _upsert_sql("ticket_types", TYPE_COLUMNS, ("event_id", "id"))
_GATE_SQL = _upsert_sql("gates", GATE_COLUMNS, ("id",))
_KEY_SQL = _upsert_sql("keys", KEY_COLUMNS, ("event_id", "kid"))


def _values(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], event_id: int
) -> list[tuple[Any, ...]]:
    return [tuple(event_id if c == "event_id" else r.get(c) for c in columns) for r in rows]


def write_ticket_types(
    conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]
) -> None:
    conn.executemany(_TYPE_SQL, _values(rows, TYPE_COLUMNS, event_id))


def write_gates(conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
    """Gates arrive with `allowed_types` as a list (or None: every type); stored as JSON."""
    encoded = [
        {**g, "allowed_types": None if g.get("allowed_types") is None
         else json.dumps(sorted(g["allowed_types"]))}
        for g in rows
    ]  # fmt: skip
    conn.executemany(_GATE_SQL, _values(encoded, GATE_COLUMNS, event_id))


def write_keys(conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
    conn.executemany(_KEY_SQL, _values(rows, KEY_COLUMNS, event_id))


_STAGED_COLUMNS = tuple(c for c in TICKET_COLUMNS if c != "event_id")
_STAGE_TABLE = "temp.doorline_ticket_stage"
_pick_ticket = itemgetter(*_STAGED_COLUMNS)
_STAGE_CREATE = (
    f"CREATE TEMP TABLE IF NOT EXISTS doorline_ticket_stage ({', '.join(_STAGED_COLUMNS)})"
)
_STAGE_INSERT = (
    f"INSERT INTO {_STAGE_TABLE} ({', '.join(_STAGED_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_STAGED_COLUMNS))})"
)
_STAGED_UPSERT = (
    f"INSERT INTO tickets ({', '.join(TICKET_COLUMNS)}) "
    f"SELECT ?, {', '.join(_STAGED_COLUMNS)} FROM {_STAGE_TABLE} WHERE true ORDER BY rowid "
    "ON CONFLICT (event_id, id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _STAGED_COLUMNS if c != "id")
)


def write_tickets(conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]) -> int:
    """Upsert tickets as ONE statement; returns how many rows were given.

    The FTS5 index is kept by triggers on `tickets`. Row-by-row statements make FTS5 flush its
    pending terms at every statement boundary, so each ticket became a tiny index segment to
    merge later (~45 µs a ticket). Staging the rows in a temp table and upserting them with one
    INSERT ... SELECT fires the same triggers inside one statement: the index stays exactly
    right (including the delete+insert of an updated row) at a fraction of the cost.
    """
    given = list(rows)
    if not given:
        return 0
    try:
        values: list[Any] = [_pick_ticket(r) for r in given]
    except KeyError:  # a sparse row (an older server): missing fields are NULL
        values = [tuple(r.get(c) for c in _STAGED_COLUMNS) for r in given]
    conn.execute(_STAGE_CREATE)
    conn.execute(f"DELETE FROM {_STAGE_TABLE}")
    conn.executemany(_STAGE_INSERT, values)
    conn.execute(_STAGED_UPSERT, (event_id,))
    conn.execute(f"DELETE FROM {_STAGE_TABLE}")
    return len(given)


def write_revocations(
    conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]
) -> None:
    """Revocations arrive with `revoked` true, or false when the server lifted one."""
    for row in rows:
        if row.get("revoked", True):
            conn.execute(
                "INSERT OR REPLACE INTO revocations (event_id, ticket_id, reason, revoked_ms) "
                "VALUES (?, ?, ?, ?)",
                (event_id, row["ticket_id"], row.get("reason") or "", row["revoked_ms"]),
            )
        else:
            conn.execute(
                "DELETE FROM revocations WHERE event_id = ? AND ticket_id = ?",
                (event_id, row["ticket_id"]),
            )


_INSERT_ENTRY = (
    f"INSERT OR IGNORE INTO checkin_log ({', '.join(ENTRY_FIELDS)}, pushed) "
    f"VALUES ({', '.join('?' * len(ENTRY_FIELDS))}, 1)"
)
_IDS_PRESENT = "SELECT id FROM checkin_log WHERE id IN (SELECT value FROM json_each(?))"


def write_remote_entries(
    conn: sqlite3.Connection, rows: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Insert other stations' entries (rows in `ENTRY_FIELDS` order), idempotent by id, in one
    `executemany`; returns the rows that were new here. One lookup finds the ids already held,
    instead of a statement per entry."""
    if not rows:
        return []
    present = {r[0] for r in conn.execute(_IDS_PRESENT, (json.dumps([r[0] for r in rows]),))}
    fresh: list[tuple[Any, ...]] = []
    for row in rows:
        if row[0] not in present:
            present.add(row[0])
            fresh.append(row)
    before = conn.total_changes
    conn.executemany(_INSERT_ENTRY, fresh)
    if conn.total_changes - before != len(fresh):
        # Some were ignored for another reason (a clashing station/seq): an id that is there
        # now and was not before was stored by this statement.
        stored = {r[0] for r in conn.execute(_IDS_PRESENT, (json.dumps([r[0] for r in fresh]),))}
        fresh = [r for r in fresh if r[0] in stored]
    return fresh
