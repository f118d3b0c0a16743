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
from typing import Any

from kiosk.core.log_entry import LogEntry
from kiosk.core.replica import Replica, entry_row

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
_LOG_COLUMNS = (
    "id, station_id, seq, hlc, wall_ms, event_id, gate_id, ticket_id, action, verdict, "
    "offline, method, ref, detail, prev_hash, hash"
)


@dataclass(frozen=True)
class AppliedPage:
    rows: int
    fresh_entries: list[LogEntry]
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


_TICKET_SQL = _upsert_sql("tickets", _TICKET_COLUMNS, ("event_id", "id"))
_TYPE_SQL = _upsert_sql("ticket_types", _TYPE_COLUMNS, ("event_id", "id"))
_GATE_SQL = _upsert_sql("gates", _GATE_COLUMNS, ("id",))
_KEY_SQL = _upsert_sql("keys", _KEY_COLUMNS, ("event_id", "kid"))


def _values(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], event_id: int
) -> list[tuple[Any, ...]]:
    return [tuple(event_id if c == "event_id" else r.get(c) for c in columns) for r in rows]


def apply_page(replica: Replica, event_id: int, page: dict[str, Any]) -> AppliedPage:
    """Store one `changes` page and advance the cursor, in one transaction."""
    entries = [LogEntry.from_json(e) for e in page.get("entries", [])]
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
        conn.executemany(_TICKET_SQL, _values(page.get("tickets", []), _TICKET_COLUMNS, event_id))
        _apply_revocations(conn, event_id, page.get("revocations", []))
        fresh = _insert_entries(conn, entries)
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
            (CURSOR_KEY, str(page["cursor"])),
        )
    rows = sum(len(page.get(k, [])) for k in ("ticket_types", "gates", "keys", "tickets"))
    rows += len(page.get("revocations", [])) + len(entries)
    return AppliedPage(rows, fresh, int(page["cursor"]))


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


def _insert_entries(conn: sqlite3.Connection, entries: list[LogEntry]) -> list[LogEntry]:
    fresh = []
    for entry in entries:
        cursor = conn.execute(
            f"INSERT OR IGNORE INTO checkin_log ({_LOG_COLUMNS}, pushed) "
            f"VALUES ({', '.join('?' * 17)})",
            (*entry_row(entry), 1),
        )
        if cursor.rowcount:
            fresh.append(entry)
    return fresh


def set_rejected(replica: Replica, entry_ids: Iterable[str]) -> None:
    """Entries the server refused (altered or clashing) leave the upload queue (pushed = -1)
    so they cannot block it; they stay in the log and are reported."""
    with replica.transaction() as conn:
        conn.executemany(
            "UPDATE checkin_log SET pushed = -1 WHERE id = ?", [(i,) for i in entry_ids]
        )
