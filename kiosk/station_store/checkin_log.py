"""Every statement on the check-in log (`checkin_log`), on a connection the store lends.

The log's rules exist here once, as SQL fragments the queries share:
- `ADMITTED`: a scan that let someone in (an entry or a supervisor override, verdict admitted);
- `STANDING`: the entries that decide whether a ticket is inside (admissions and exits);
- `NOT_UNDONE`: an entry no undo points at.
They say in SQL what `kiosk.domain.merge.fold` says in Python; `tests/test_station_log.py`
holds the two to the same answer. Migration 2 (`schema.py`) indexes `STANDING` and undo refs,
so the door's counters are answered from indexes (a test checks the query plan).

Every function takes the connection it runs on; the caller (`StationStore`) holds the store's
lock around it, and opens the transaction where one is needed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from kiosk.domain.log_entry import ENTRY_FIELDS, GENESIS_HASH, LogEntry
from kiosk.domain.wire_format import entry_from_row
from kiosk.station_store.values import DoorCounts, LoggedTickets, LogHead, PushBatch

ADMITTED = "action IN ('entry', 'override') AND verdict = 'admitted'"
STANDING = f"ticket_id IS NOT NULL AND (({ADMITTED}) OR action = 'exit')"
NOT_UNDONE = "id NOT IN (SELECT ref FROM checkin_log WHERE action = 'undo' AND ref IS NOT NULL)"
# Inside now: tickets whose latest standing entry (HLC order, undone ones left out) is an
# admission. SQLite returns the row holding max(hlc) for the bare `action` column.
INSIDE_NOW = (
    "SELECT count(*) FROM (SELECT action, max(hlc) FROM checkin_log "
    f"WHERE {STANDING} AND {NOT_UNDONE} GROUP BY ticket_id) WHERE action != 'exit'"
)
DOOR_COUNTS = (
    f"SELECT count(*) FILTER (WHERE {ADMITTED}), count(*) FILTER (WHERE action = 'refused') "
    "FROM checkin_log WHERE station_id = ? AND wall_ms >= ? AND wall_ms < ?"
)

_COLUMNS = ", ".join(ENTRY_FIELDS)
_SELECT = f"SELECT {_COLUMNS} FROM checkin_log"
_INSERT_OWN = (
    f"INSERT INTO checkin_log ({_COLUMNS}, pushed) VALUES ({', '.join('?' * len(ENTRY_FIELDS))}, 0)"
)
_INSERT_REMOTE = (
    f"INSERT OR IGNORE INTO checkin_log ({_COLUMNS}, pushed) "
    f"VALUES ({', '.join('?' * len(ENTRY_FIELDS))}, 1)"
)
_IN_JSON = "(SELECT value FROM json_each(?))"
_IDS_PRESENT = f"SELECT id FROM checkin_log WHERE id IN {_IN_JSON}"
_OFFLINE_JSON = "json(CASE WHEN offline THEN 'true' ELSE 'false' END)"
# The station's unpushed entries rendered by SQLite as the wire's JSON objects (the same keys
# and values as `kiosk.domain.wire_format.entry_json`), lowest sequence number first, from a
# sequence number on.
_UNPUSHED = (
    "SELECT seq, ticket_id, json_object("
    + ", ".join(f"'{f}', {_OFFLINE_JSON if f == 'offline' else f}" for f in ENTRY_FIELDS)
    + ") FROM checkin_log WHERE pushed = 0 AND station_id = ? AND seq > ? ORDER BY seq LIMIT ?"
)


def entry_row(entry: LogEntry) -> tuple[Any, ...]:
    """A LogEntry as a log row, columns in `ENTRY_FIELDS` order."""
    return (
        entry.id, entry.station_id, entry.seq, entry.hlc, entry.wall_ms, entry.event_id,
        entry.gate_id, entry.ticket_id, str(entry.action),
        None if entry.verdict is None else str(entry.verdict), int(entry.offline), entry.method,
        entry.ref, entry.detail, entry.prev_hash, entry.hash, entry.pin_signature,
    )  # fmt: skip


def _entries(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[LogEntry]:
    return [entry_from_row(r) for r in conn.execute(sql, params).fetchall()]


# -- this station's own entries -------------------------------------------------------------


def head(conn: sqlite3.Connection, station_id: str) -> LogHead:
    last = conn.execute(
        "SELECT seq, hash FROM checkin_log WHERE station_id = ? ORDER BY seq DESC LIMIT 1",
        (station_id,),
    ).fetchone()
    newest = conn.execute("SELECT max(hlc) FROM checkin_log").fetchone()[0]
    seq, prev_hash = (int(last[0]), str(last[1])) if last else (0, GENESIS_HASH)
    return LogHead(seq, prev_hash, int(newest or 0))


def insert_own(conn: sqlite3.Connection, entry: LogEntry) -> None:
    """The station's own new entry, not yet pushed (a clashing id or seq raises)."""
    conn.execute(_INSERT_OWN, entry_row(entry))


def insert_own_many(conn: sqlite3.Connection, entries: Iterable[LogEntry]) -> None:
    conn.executemany(_INSERT_OWN, [entry_row(e) for e in entries])


def station_entries(conn: sqlite3.Connection, station_id: str, last: int | None) -> list[LogEntry]:
    if last is None:
        return _entries(conn, f"{_SELECT} WHERE station_id = ? ORDER BY seq", (station_id,))
    newest = _entries(
        conn, f"{_SELECT} WHERE station_id = ? ORDER BY seq DESC LIMIT ?", (station_id, last)
    )
    return newest[::-1]


def own_entry(conn: sqlite3.Connection, station_id: str, entry_id: str) -> LogEntry | None:
    found = _entries(conn, f"{_SELECT} WHERE id = ? AND station_id = ?", (entry_id, station_id))
    return found[0] if found else None


def last_undoable(conn: sqlite3.Connection, station_id: str) -> LogEntry | None:
    """The station's latest entry or exit that no undo of its own has cancelled."""
    found = _entries(
        conn,
        f"{_SELECT} WHERE station_id = ? AND action IN ('entry', 'exit') AND id NOT IN "
        "(SELECT ref FROM checkin_log WHERE station_id = ? AND action = 'undo' "
        "AND ref IS NOT NULL) ORDER BY seq DESC LIMIT 1",
        (station_id, station_id),
    )
    return found[0] if found else None


def verdict_counts(conn: sqlite3.Connection, station_id: str) -> dict[str, int]:
    """This station's scans (entries, exits, refusals) per verdict."""
    rows = conn.execute(
        "SELECT verdict, count(*) FROM checkin_log WHERE station_id = ? AND action IN "
        "('entry', 'exit', 'refused') GROUP BY verdict",
        (station_id,),
    ).fetchall()
    return {str(verdict): int(count) for verdict, count in rows}


def door_counts(
    conn: sqlite3.Connection, station_id: str, start_ms: int, end_ms: int
) -> DoorCounts:
    admitted, refused = conn.execute(DOOR_COUNTS, (station_id, start_ms, end_ms)).fetchone()
    return DoorCounts(int(admitted), int(refused))


def last_scan_ms(conn: sqlite3.Connection, station_id: str) -> int | None:
    """When this station last scanned (an entry, exit or refusal; Unix ms), None if never."""
    row = conn.execute(
        "SELECT max(wall_ms) FROM checkin_log WHERE station_id = ? AND action IN "
        "('entry', 'exit', 'refused')",
        (station_id,),
    ).fetchone()
    return None if row[0] is None else int(row[0])


def inside_count(conn: sqlite3.Connection) -> int:
    """People inside now (`INSIDE_NOW`), one grouped query: the same answer as `fold`."""
    return int(conn.execute(INSIDE_NOW).fetchone()[0])


# -- every station's entries ----------------------------------------------------------------


def entries_for_ticket(conn: sqlite3.Connection, ticket_id: int) -> list[LogEntry]:
    return _entries(conn, f"{_SELECT} WHERE ticket_id = ? ORDER BY hlc", (ticket_id,))


def rows_for_tickets(conn: sqlite3.Connection, ticket_ids: list[int]) -> list[tuple[Any, ...]]:
    """The log rows (`ENTRY_FIELDS` order) of all `ticket_ids`, grouped by ticket, in one pass
    over the ticket index; `entry_from_row` turns the ones a caller needs into entries."""
    return conn.execute(
        f"{_SELECT} WHERE ticket_id IN {_IN_JSON} ORDER BY ticket_id", (json.dumps(ticket_ids),)
    ).fetchall()


def max_hlc(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT max(hlc) FROM checkin_log").fetchone()[0] or 0)


def insert_remote(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
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
    conn.executemany(_INSERT_REMOTE, fresh)
    if conn.total_changes - before != len(fresh):
        # Some were ignored for another reason (a clashing station/seq): an id that is there
        # now and was not before was stored by this statement.
        stored = {r[0] for r in conn.execute(_IDS_PRESENT, (json.dumps([r[0] for r in fresh]),))}
        fresh = [r for r in fresh if r[0] in stored]
    return fresh


def tickets_logged_since(conn: sqlite3.Connection, after_rowid: int) -> LoggedTickets:
    high = int(conn.execute("SELECT max(rowid) FROM checkin_log").fetchone()[0] or 0)
    rows = conn.execute(
        "SELECT DISTINCT ticket_id FROM checkin_log WHERE rowid > ? AND rowid <= ? "
        "AND ticket_id IS NOT NULL",
        (after_rowid, high),
    ).fetchall()
    return LoggedTickets(high, frozenset(int(r[0]) for r in rows))


def first_acknowledgements(conn: sqlite3.Connection) -> dict[str, str]:
    """conflict id → the id of its first `conflict_ack` entry (HLC order), in one pass."""
    acks: dict[str, str] = {}
    for ref, entry_id in conn.execute(
        "SELECT ref, id FROM checkin_log WHERE action = 'conflict_ack' AND ref IS NOT NULL "
        "ORDER BY hlc DESC"
    ):
        acks[ref] = entry_id  # descending: the earliest acknowledgement is the one kept
    return acks


# -- the upload queue -----------------------------------------------------------------------


def unpushed_count(conn: sqlite3.Connection, station_id: str) -> int:
    row = conn.execute(
        "SELECT count(*) FROM checkin_log WHERE pushed = 0 AND station_id = ?", (station_id,)
    ).fetchone()
    return int(row[0])


def unpushed_batch(
    conn: sqlite3.Connection, station_id: str, after_seq: int, limit: int
) -> PushBatch | None:
    """The next batch to upload, straight from the log table: SQLite writes each entry's JSON,
    so no LogEntry, dict or JSON encoding per entry on the station. The stored rows were
    sealed when they were written; the server checks every hash again."""
    rows = conn.execute(_UNPUSHED, (station_id, after_seq, limit)).fetchall()
    if not rows:
        return None
    body = '{"entries":[' + ",".join(r[2] for r in rows) + "]}"
    tickets = frozenset(r[1] for r in rows if r[1] is not None)
    return PushBatch(body.encode(), len(rows), int(rows[-1][0]), tickets)


PUSHED, WAITING, REFUSED, STRANDED = 1, 0, -1, -2
# The own entries a check-in count means: scans that let someone in or out, and overrides.
_CHECKIN = "action IN ('entry', 'exit', 'override') AND verdict IN ('admitted', 'exit_recorded')"


def set_pushed(conn: sqlite3.Connection, entry_ids: Iterable[str], state: int) -> None:
    """PUSHED: the server holds the entry (or the identical one). REFUSED: the server refused
    it (altered, unsigned, clashing id); STRANDED: another entry holds its sequence number
    (this identity is used by another copy of the folder). Either way it leaves the upload
    queue so it cannot block it, and stays in the log (`set_refused` keeps the reason)."""
    conn.execute(
        f"UPDATE checkin_log SET pushed = ? WHERE id IN {_IN_JSON}",
        (state, json.dumps(list(entry_ids))),
    )


def set_refused(conn: sqlite3.Connection, refusals: Iterable[tuple[str, str]], state: int) -> None:
    """Entries (id, the server's reason) the server did not store, in `state` (REFUSED or
    STRANDED), with the reason kept for the operator."""
    conn.executemany(
        "UPDATE checkin_log SET pushed = ?, refusal = ? WHERE id = ?",
        [(state, reason, entry_id) for entry_id, reason in refusals],
    )


def not_stored(conn: sqlite3.Connection, station_id: str, state: int) -> tuple[int, int]:
    """(entries, check-ins among them) of `station_id` in upload state `state`."""
    row = conn.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {_CHECKIN}) FROM checkin_log "
        "WHERE station_id = ? AND pushed = ?",
        (station_id, state),
    ).fetchone()
    return int(row[0]), int(row[1])


def refused_entries(conn: sqlite3.Connection, station_id: str, limit: int) -> list[LogEntry]:
    """`station_id`'s entries the server refused (not stranded ones), newest first."""
    return _entries(
        conn,
        f"{_SELECT} WHERE station_id = ? AND pushed = {REFUSED} ORDER BY seq DESC LIMIT ?",
        (station_id, limit),
    )


def refusal_of(conn: sqlite3.Connection, entry_id: str) -> str | None:
    row = conn.execute("SELECT refusal FROM checkin_log WHERE id = ?", (entry_id,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def not_on_server(conn: sqlite3.Connection, station_id: str) -> list[LogEntry]:
    """`station_id`'s entries the server does not hold: waiting or stranded, by sequence."""
    return _entries(
        conn,
        f"{_SELECT} WHERE station_id = ? AND pushed IN ({WAITING}, {STRANDED}) ORDER BY seq",
        (station_id,),
    )


def supersede(
    conn: sqlite3.Connection, old: Sequence[LogEntry], new: Sequence[LogEntry], now_ms: int
) -> None:
    """Move `old` (own entries of a retired identity) to `superseded_log`, each beside the
    sequence number of its re-issued twin in `new` (same order, same ids), and put `new` in
    the log as entries waiting for upload."""
    ids = json.dumps([e.id for e in old])
    conn.execute(
        f"INSERT INTO superseded_log ({_COLUMNS}, pushed, refusal, carried_to, carried_seq, "
        f"carried_ms) SELECT {_COLUMNS}, pushed, refusal, ?, "
        f"json_extract(?, '$.\"' || id || '\"'), ? FROM checkin_log WHERE id IN {_IN_JSON}",
        (
            new[0].station_id if new else "",
            json.dumps({e.id: e.seq for e in new}),
            now_ms,
            ids,
        ),
    )
    conn.execute(f"DELETE FROM checkin_log WHERE id IN {_IN_JSON}", (ids,))
    insert_own_many(conn, new)
