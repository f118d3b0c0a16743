"""The seam between the server's storage modules and a database engine.

Every module of `server_stub.storage` runs its SQL through a `Database`: `transaction()` for a
read-decide-write sequence, `reading()` for reads that must see one consistent state (a pull
page and the cursor it reports). Statements use `?` placeholders and SQL both engines speak
(upserts by `ON CONFLICT`, `RETURNING`, window functions, `count(*) FILTER (WHERE …)`); the few
places where engines differ are asked of the `Dialect`. An engine is one module implementing
this Protocol (`sqlite_database`); none of the storage modules changes with it.

`statements()` is for the hot paths that need no multi-statement transaction: each statement
is a transaction of its own (autocommit), so one statement reads one consistent state by itself
(a pull page, its cursor and the caller's credential in one), or makes one self-contained write,
without the BEGIN and COMMIT round trips of a transaction.

Nesting: a `transaction()`, `reading()` or `statements()` opened while the same thread already
holds one joins it (no second BEGIN), so a helper that takes a `Tx` and a public method that
opens one compose.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class Cursor(Protocol):
    """The part of a DB-API cursor the storage modules use."""

    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Tx(Protocol):
    """One open transaction: statements with `?` placeholders."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any: ...


class Dialect(Protocol):
    """The SQL that differs between engines, as fragments the storage modules splice in."""

    @property
    def name(self) -> str: ...

    def in_list(self, expr: str, kind: str) -> str:
        """`expr` is one of the values bound to a single `?` (see `list_param`); `kind` is
        "int" or "text"."""
        ...

    def list_param(self, values: Sequence[Any]) -> Any:
        """The one parameter `in_list` expects for these values."""
        ...

    def json_row(self, fields: dict[str, str]) -> str:
        """An expression rendering one row as a JSON object in UTF-8 bytes: {key: SQL expr}."""
        ...

    def json_bool(self, expr: str) -> str:
        """A JSON true/false for an integer column that holds 0/1 (for `json_row`)."""
        ...

    def hour_utc(self, ms_expr: str) -> str:
        """'YYYY-MM-DD HH:00' (UTC) of a time in ms since the epoch."""
        ...

    def number_rows_sql(self) -> str | None:
        """A statement that advances the change counter by a count and gives the log rows
        with the ids given (change_seq 0, this transaction's) the values reserved, in that
        order; parameters: the count, the count again, the ids (`list_param`). None where the
        engine cannot update two tables in one statement (`change_counter.number_log_rows`
        then takes two)."""
        ...

    def advisory_locks_sql(self) -> str | None:
        """A statement taking transaction-level locks on 64-bit keys in the order given, two
        parameters: the keys, and for each whether it is shared; None where the engine has
        one writer at a time anyway (SQLite)."""
        ...


class Database(Protocol):
    """One server database and its connection policy (stated in each engine's docstring)."""

    @property
    def dialect(self) -> Dialect: ...

    @property
    def location(self) -> str:
        """The database's name in messages (a path, or a URL without its password)."""
        ...

    def transaction(self) -> AbstractContextManager[Tx]:
        """A write transaction, committed when the block ends, rolled back if it raises."""
        ...

    def reading(self) -> AbstractContextManager[Tx]:
        """A read-only view of one consistent state of the database."""
        ...

    def statements(self) -> AbstractContextManager[Tx]:
        """A connection on which every statement is its own transaction (autocommit): one
        statement sees one consistent state and its writes commit when it ends."""
        ...

    def close(self) -> None: ...


def rows_as_dicts(cursor: Cursor) -> list[dict[str, Any]]:
    """A cursor's remaining rows as {column: value} dicts."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
