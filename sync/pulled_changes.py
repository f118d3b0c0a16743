"""Writing one pulled page into the station replica, atomically with the pull cursor.

The page's rows and the new cursor commit in one transaction, so a pull interrupted anywhere
(network, power, kill -9) resumes at the last page that was fully stored; re-applying a page is
harmless because every write is an upsert or an insert-if-absent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from kiosk.core.replica import Replica
from kiosk.core.verdicts import Action, Verdict
from sync.errors import ServerFailed
from sync.wire_format import ENTRY_FIELDS

CURSOR_KEY = "pull_cursor"
INITIAL_PULL_KEY = "initial_pull"

_TICKET_COLUMNS = (
    "event_id", "id", "type_id", "code", "confirmation", "first_name", "last_name",
    "organisation", "email_hash", "phone_hash", "flagged", "note",
)  # fmt: skip
_TYPE_COLUMNS = ("event_id", "id", "name", "colour", "template", "valid_from_ms", "valid_until_ms")
_GATE_COLUMNS = (
    "id", "event_id", "name", "allowed_types", "entry_mode", "valid_from_ms", "valid_until_ms",
    "unknown_policy", "timezone",
)  # fmt: skip
_KEY_COLUMNS = ("event_id", "kid", "algorithm", "material", "status")


@dataclass(frozen=True)
class AppliedPage:
    rows: int
    fresh: int  # log entries that were new here
    fresh_tickets: frozenset[int]  # tickets those entries are about
    max_hlc: int  # the highest HLC among them (0 if none)
    cursor: int


def pull_cursor(replica: Replica) -> int:
    return int(replica.get_state(CURSOR_KEY) or 0)


def _upsert_sql(table: str, columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    """INSERT ... ON CONFLICT DO UPDATE, not INSERT OR REPLACE: REPLACE deletes the old row
    without firing the FTS delete trigger, which would leave stale search entries."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )


_TYPE_SQL = _upsert_sql("ticket_types", _TYPE_COLUMNS, ("event_id", "id"))
_GATE_SQL = _upsert_sql("gates", _GATE_COLUMNS, ("id",))
_KEY_SQL = _upsert_sql("keys", _KEY_COLUMNS, ("event_id", "kid"))


def _values(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], event_id: int
) -> list[tuple[Any, ...]]:
    return [tuple(event_id if c == "event_id" else r.get(c) for c in columns) for r in rows]


_STAGED_COLUMNS = tuple(c for c in _TICKET_COLUMNS if c != "event_id")
_STAGE_TABLE = "temp.doorline_pulled_tickets"
_pick_ticket = itemgetter(*_STAGED_COLUMNS)
_STAGE_CREATE = (
    f"CREATE TEMP TABLE IF NOT EXISTS doorline_pulled_tickets ({', '.join(_STAGED_COLUMNS)})"
)
_STAGE_INSERT = (
    f"INSERT INTO {_STAGE_TABLE} ({', '.join(_STAGED_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_STAGED_COLUMNS))})"
)
_STAGED_UPSERT = (
    f"INSERT INTO tickets ({', '.join(_TICKET_COLUMNS)}) "
    f"SELECT ?, {', '.join(_STAGED_COLUMNS)} FROM {_STAGE_TABLE} WHERE true ORDER BY rowid "
    "ON CONFLICT (event_id, id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _STAGED_COLUMNS if c != "id")
)


def upsert_tickets(conn: sqlite3.Connection, event_id: int, rows: list[dict[str, Any]]) -> None:
    """Upsert a page of tickets inside the caller's transaction, as ONE statement.

    The FTS5 index is kept by triggers on `tickets`. Row-by-row statements (`executemany`) make
    FTS5 flush its pending terms at every statement boundary, so each ticket became a tiny index
    segment to merge later (~45 µs a ticket). Staging the page in a temp table and upserting it
    with one INSERT ... SELECT fires the same triggers inside one statement: the FTS index stays
    exactly right (including the delete+insert of an updated row) at a fraction of the cost.
    ON CONFLICT DO UPDATE, never INSERT OR REPLACE (its implicit delete skips the FTS trigger).
    """
    if not rows:
        return
    try:
        values: list[Any] = [_pick_ticket(r) for r in rows]
    except KeyError:  # a sparse row (older server): missing fields are NULL
        values = [tuple(r.get(c) for c in _STAGED_COLUMNS) for r in rows]
    conn.execute(_STAGE_CREATE)
    conn.execute(f"DELETE FROM {_STAGE_TABLE}")
    conn.executemany(_STAGE_INSERT, values)
    conn.execute(_STAGED_UPSERT, (event_id,))
    conn.execute(f"DELETE FROM {_STAGE_TABLE}")


def apply_page(replica: Replica, event_id: int, page: dict[str, Any]) -> AppliedPage:
    """Store one `changes` page and advance the cursor, in one transaction."""
    entries = entry_rows(page.get("entries", []))
    gates = [
        {
            **g,
            "allowed_types": None
            if g.get("allowed_types") is None
            else json.dumps(sorted(g["allowed_types"])),
        }
        for g in page.get("gates", [])
    ]
    with replica.transaction() as conn:
        conn.executemany(_TYPE_SQL, _values(page.get("ticket_types", []), _TYPE_COLUMNS, event_id))
        conn.executemany(_GATE_SQL, _values(gates, _GATE_COLUMNS, event_id))
        conn.executemany(_KEY_SQL, _values(page.get("keys", []), _KEY_COLUMNS, event_id))
        upsert_tickets(conn, event_id, page.get("tickets", []))
        _apply_revocations(conn, event_id, page.get("revocations", []))
        fresh = insert_entries(conn, entries)
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
            (CURSOR_KEY, str(page["cursor"])),
        )
    rows = sum(len(page.get(k, [])) for k in ("ticket_types", "gates", "keys", "tickets"))
    rows += len(page.get("revocations", [])) + len(entries)
    return AppliedPage(
        rows,
        len(fresh),
        frozenset(r[_TICKET] for r in fresh if r[_TICKET] is not None),
        max((r[_HLC] for r in fresh), default=0),
        int(page["cursor"]),
    )


def _apply_revocations(conn: sqlite3.Connection, event_id: int, rows: list[dict[str, Any]]) -> None:
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
_entry_values = itemgetter(*ENTRY_FIELDS)
_ACTION, _VERDICT = ENTRY_FIELDS.index("action"), ENTRY_FIELDS.index("verdict")
_TICKET, _HLC = ENTRY_FIELDS.index("ticket_id"), ENTRY_FIELDS.index("hlc")
_ACTIONS = frozenset(str(a) for a in Action)
_VERDICTS = frozenset(str(v) for v in Verdict)


def entry_rows(raws: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Pulled entries as log rows (`ENTRY_FIELDS` order), checked like `LogEntry.from_json`
    checks them (every field present, a known action and verdict) without building one."""
    try:
        rows: list[tuple[Any, ...]] = [_entry_values(raw) for raw in raws]
    except (KeyError, TypeError) as error:
        raise ServerFailed(f"the server sent a log entry without {error}") from error
    for row in rows:
        verdict = row[_VERDICT]
        if row[_ACTION] not in _ACTIONS or (verdict is not None and verdict not in _VERDICTS):
            raise ServerFailed(f"the server sent a log entry this station cannot read: {row[0]}")
    return rows


def insert_entries(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Insert other stations' entries (idempotent by id) in one `executemany`; returns the ones
    that were new here. One lookup finds the ids already held, instead of a statement per entry."""
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


def set_rejected(replica: Replica, entry_ids: Iterable[str]) -> None:
    """Entries the server refused (altered or clashing) leave the upload queue (pushed = -1)
    so they cannot block it; they stay in the log and are reported."""
    ids = [(i,) for i in entry_ids]
    if not ids:
        return
    with replica.transaction() as conn:
        conn.executemany("UPDATE checkin_log SET pushed = -1 WHERE id = ?", ids)
