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
"""

from __future__ import annotations

from server_stub.storage.database import Tx


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
