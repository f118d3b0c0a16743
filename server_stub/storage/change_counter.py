"""The server cursor: one global counter that numbers every change stations pull.

Every pullable row (event, key, ticket type, gate, ticket, revocation, log entry) carries
`change_seq`, the counter value of its last change, and a pull asks for "everything after N".
The promise: a pull never passes a row that commits later with a smaller number.

How it holds: the counter is one row (`change_counter.value`), advanced by an UPDATE inside the
writing transaction. The UPDATE takes that row's write lock and keeps it until COMMIT, so the
next writer cannot take numbers until this one has committed: numbers are handed out in commit
order, and every number at or below the counter's committed value belongs to a committed row.
A pull reads the counter (`top`) and its rows in one snapshot (`Database.reading`), so it sees
every row numbered up to `top` and none beyond it. On SQLite the file's single writer gives the
same order by itself. docs/sync-protocol.md tells the whole argument.

Writers of the log (pushes, operators' acknowledgements) take their numbers LAST, just before
COMMIT (`number_log_rows`), so the counter's lock is held for two statements and the commit,
not for a whole merge: with several server processes every push queued on it (400 stations,
p99 of 12 s). What the counter no longer orders for them, `lock_for_log_write` does: a push
first takes transaction-level advisory locks (PostgreSQL; SQLite's single writer needs none)
on its station and on each ticket it names, so two pushes naming one ticket run one after the
other and the second one's merge reads the first one's entries (READ COMMITTED reads what
committed before each statement). A push naming more than `MAX_TICKET_LOCKS` tickets (a
station back from hours offline) takes its event's lock exclusively instead, which every push
of the event holds shared. Every writer takes its advisory locks in one statement, the event's
first and the rest in key order, so they never wait on each other in a circle; and since no
writer holding the counter waits for a log writer's rows, the counter closes no circle either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from server_stub.storage.database import Dialect, Tx

MAX_TICKET_LOCKS = 64


def next_changes(tx: Tx, count: int) -> int:
    """Reserve `count` cursor values in this transaction; returns the first. Every pullable
    row gets a value of its own, so a page boundary can fall between any two rows."""
    row = tx.execute(
        "UPDATE change_counter SET value = value + ? RETURNING value", (count,)
    ).fetchone()
    return int(row[0]) - count + 1


def next_change(tx: Tx) -> int:
    """One cursor value for one changed row."""
    return next_changes(tx, 1)


def current_change(tx: Tx) -> int:
    """The highest value handed out and committed (as this transaction sees it)."""
    return int(tx.execute("SELECT value FROM change_counter").fetchone()[0])


def number_log_rows(tx: Tx, dialect: Dialect, entry_ids: list[str]) -> None:
    """Give the log rows `entry_ids`, inserted earlier in this transaction with change_seq 0,
    their cursor values in that order: the transaction's last writes before COMMIT (one
    statement where the engine can advance the counter and number the rows at once)."""
    if not entry_ids:
        return
    at_once = dialect.number_rows_sql()
    if at_once is not None:
        tx.execute(at_once, (len(entry_ids), len(entry_ids), dialect.list_param(entry_ids)))
        return
    first = next_changes(tx, len(entry_ids))
    tx.executemany(
        "UPDATE log SET change_seq = ? WHERE id = ? AND change_seq = 0",
        [(first + offset, entry_id) for offset, entry_id in enumerate(entry_ids)],
    )


def lock_for_log_write(
    tx: Tx,
    dialect: Dialect,
    event_id: int,
    station_id: str,
    ticket_ids: Iterable[int],
    whole_event: bool = False,
) -> None:
    """Before a log writer reads the log: wait for every other writer of this station or of
    these tickets (with `whole_event`, of the event) to commit, and keep them out until this
    transaction ends (see above)."""
    sql = dialect.advisory_locks_sql()
    if sql is None:
        return
    tickets = sorted(set(ticket_ids))
    whole_event = whole_event or len(tickets) > MAX_TICKET_LOCKS
    others = {_key("station", station_id)}
    if not whole_event:
        others |= {_key("ticket", event_id, t) for t in tickets}
    keys = [_key("event", event_id), *sorted(others)]
    shared = [not whole_event] + [False] * len(others)
    tx.execute(sql, (keys, shared))


def _key(*parts: object) -> int:
    """A 64-bit advisory lock key for a name (the same in every process; a collision only
    makes two writers wait for each other)."""
    digest = hashlib.blake2b(":".join(map(str, ("doorline", *parts))).encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)
