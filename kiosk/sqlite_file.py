"""How Doorline writes a SQLite file: one transaction shape and numbered schema migrations.

Shared by the station replica and the server store so both take the write lock the same way
(IMMEDIATE, so a read-decide-write sequence cannot interleave with another writer) and both
refuse a file written by a newer Doorline instead of guessing at its schema.

A storage toolkit, not a layer: it imports nothing of the project, so each database owner (the
station store, the server storage) may use it without reaching into the other's package.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager


@contextmanager
def write_transaction(
    conn: sqlite3.Connection, lock: threading.RLock, immediate: bool = True
) -> Iterator[sqlite3.Connection]:
    """One explicit transaction on a connection opened with isolation_level=None."""
    with lock:
        conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        try:
            yield conn
        except BaseException:
            # SQLite has already rolled back after some errors (SQLITE_FULL, SQLITE_IOERR): a
            # second ROLLBACK would fail and hide the error that says what went wrong.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def migrate(
    conn: sqlite3.Connection,
    lock: threading.RLock,
    migrations: Sequence[Sequence[str]],
    too_new: Callable[[int], Exception],
    after_step: Callable[[sqlite3.Connection, int], None] | None = None,
) -> None:
    """Bring the file to the newest schema, each migration in its own transaction, its number
    recorded in PRAGMA user_version; `after_step` fills data a migration needs (version n)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(migrations):
        raise too_new(version)
    for number, script in enumerate(migrations[version:], start=version + 1):
        with write_transaction(conn, lock) as tx:
            for statement in script:
                tx.execute(statement)
            if after_step is not None:
                after_step(tx, number)
            tx.execute(f"PRAGMA user_version={number}")
