"""The server database in one SQLite file: the embedded default (a laptop at the door desk).

Connection policy: ONE connection per `SqliteDatabase`, opened in autocommit mode
(`isolation_level=None`, so every transaction is an explicit BEGIN…COMMIT) and shared by the
server's worker threads (`check_same_thread=False`) under ONE re-entrant lock:

- `transaction()` takes the lock, then `BEGIN IMMEDIATE` (the file's write lock at once, so a
  read-decide-write sequence cannot interleave with another process's writer), COMMIT at the
  end, ROLLBACK if the block raises;
- `reading()` takes the lock, then a deferred `BEGIN` so a multi-statement read (a pull page
  and the cursor it reports) sees one snapshot of the file;
- `statements()` takes the lock and runs each statement as SQLite's own implicit transaction
  (autocommit: one statement, one snapshot);
- a block opened inside another on the same thread joins it (the lock is re-entrant).

WAL journal with `synchronous=FULL`: a push that was acknowledged survives a power cut. One
process only: `doorline server run --workers N` needs PostgreSQL.
Schema versions live in `PRAGMA user_version` (`kiosk.sqlite_file.migrate`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.sqlite_file import migrate, write_transaction
from server_stub.storage.database import Tx
from server_stub.storage.interface import StoreError
from server_stub.storage.schema import MIGRATIONS, after_migration

CACHE_KIB = 64 * 1024


class SqliteDialect:
    name = "sqlite"

    def in_list(self, expr: str, kind: str) -> str:
        return f"{expr} IN (SELECT value FROM json_each(?))"

    def list_param(self, values: Sequence[Any]) -> Any:
        return json.dumps(list(values))

    def json_row(self, fields: dict[str, str]) -> str:
        # CAST AS BLOB hands Python the UTF-8 bytes as they are (no str round trip).
        pairs = ", ".join(f"'{k}', {v}" for k, v in fields.items())
        return f"CAST(json_object({pairs}) AS BLOB)"

    def json_bool(self, expr: str) -> str:
        return f"json(CASE WHEN {expr} THEN 'true' ELSE 'false' END)"

    def hour_utc(self, ms_expr: str) -> str:
        return f"strftime('%Y-%m-%d %H:00', {ms_expr} / 1000, 'unixepoch')"

    def number_rows_sql(self) -> str | None:
        return None  # no data-modifying WITH

    def advisory_locks_sql(self) -> str | None:
        return None  # BEGIN IMMEDIATE: one writer at a time already


class SqliteDatabase:
    """`Database` on one SQLite file (created and migrated on open)."""

    dialect = SqliteDialect()

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._conn = sqlite3.connect(
            str(self.path), isolation_level=None, check_same_thread=False, timeout=30
        )
        self._lock = threading.RLock()
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            # The log's indexes (entry id, ticket) take random inserts from every push: keep
            # them in memory rather than re-reading pages (the default cache is 2 MB).
            self._conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            migrate(self._conn, self._lock, MIGRATIONS, _too_new, after_migration)
        except BaseException:
            self._conn.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            with write_transaction(self._conn, self._lock) as conn:
                yield conn

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    @contextmanager
    def statements(self) -> Iterator[Tx]:
        with self._lock:
            yield self._conn

    def schema_version(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _too_new(version: int) -> StoreError:
    return StoreError(f"server database schema {version} is newer than this Doorline")
