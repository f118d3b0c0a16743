"""The server database in PostgreSQL: one database, several server processes (a festival).

Connection policy: per process, ONE `psycopg_pool.ConnectionPool` for transactions (`POOL_MAX`
connections at most, in psycopg's default transaction mode: every block is one transaction,
each statement planned for its values: `_plan_each_statement`) and ONE for `statements()`
(`STATEMENTS_POOL_MAX`, autocommit, each statement's plan made once per connection:
`_plan_once`):

- `transaction()` borrows a connection for one READ COMMITTED transaction, committed when the
  block ends and rolled back if it raises. Writers of pullable rows take their server cursor
  values with an UPDATE of the one `change_counter` row, whose lock they keep until COMMIT, so
  writers from every process are ordered from that point to their commit
  (`server_stub.storage.change_counter` explains why that keeps pulls gap-free). Log writers
  (pushes, acknowledgements) take advisory locks on their station and tickets first and the
  counter last, just before COMMIT: per-ticket locking, measured against the global counter
  lock and SERIALIZABLE retries (`server_stub.storage.write_order`, docs/benchmarks.md), which
  this module also offers (`ordering`) for that benchmark only;
- `pipelined()` is `transaction()` in psycopg's pipeline mode (PostgreSQL manual §34.5):
  statements go out without waiting for each other until a result is read, COMMIT with the
  last of them (a push: 4 round trips instead of 16);
- `reading()` borrows a connection for one REPEATABLE READ, READ ONLY transaction: a pull page
  and the cursor it reports come from one snapshot;
- `statements()` borrows a connection of the second pool: each statement is its own READ
  COMMITTED transaction, one round trip with no BEGIN or COMMIT (a pull is one statement);
- a block opened inside another on the same thread joins it (no second transaction).

Schema versions live in the table `doorline_schema`; the migrations (the same numbered list as
SQLite's, with 64-bit integers) run in one transaction under an advisory lock, so N workers
starting at once migrate once. Flags are 0/1 integers as in SQLite, so Python bools are never
sent as parameters.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from server_stub.storage.database import Cursor, Tx
from server_stub.storage.interface import StoreError
from server_stub.storage.schema import MIGRATIONS, after_migration
from server_stub.storage.write_order import DEFAULT_ORDERING, PushOrdering

POOL_MAX = 8
STATEMENTS_POOL_MAX = 4
CONNECT_TIMEOUT_S = 10
# pg_advisory_xact_lock key for migrations: "doorline" in ASCII, as a 64-bit integer.
_MIGRATION_LOCK = 0x646F6F726C696E65


def _not_a_pipeline_aftermath(record: logging.LogRecord) -> bool:
    """False for psycopg's warning that a pipeline could not close because it was aborted
    (psycopg/_pipeline.py, "error ignored terminating"), logged when a statement of a
    pipelined block failed on a connection whose previous pipelined block had failed too: the
    statement's own error (a serialization failure the write-order benchmark retries by the
    hundred, a broken push) is raised to the caller, who handles or reports it; the warning
    only repeats it as a stray line on stderr."""
    args = record.args if isinstance(record.args, tuple) else ()
    return not (
        record.msg == "error ignored terminating %r: %s"
        and len(args) == 2
        and isinstance(args[1], psycopg.errors.PipelineAborted)
    )


logging.getLogger("psycopg").addFilter(_not_a_pipeline_aftermath)


def _plan_each_statement(conn: psycopg.Connection[Any]) -> None:
    """Each new pool connection plans every statement with its values and the tables' size as
    they are now (`plan_cache_mode = force_custom_plan`, PostgreSQL manual §20.7.2). psycopg
    prepares a statement run 5 times; PostgreSQL may then keep one generic plan for it, made
    while the log was empty and never analysed: measured on a fresh database under 50
    stations, the conflict merge's look-up kept nested sequential scans of the log and took
    1–5 s a push (26 ms of PostgreSQL CPU a request) until an ANALYZE, which autovacuum runs
    a minute or more later. Planning each time costs a fraction of a millisecond."""
    conn.execute("SET plan_cache_mode = force_custom_plan")
    conn.commit()


def _plan_once(conn: psycopg.Connection[Any]) -> None:
    """Each connection of the `statements()` pool keeps one plan per statement (`plan_cache_mode
    = force_generic_plan`): the pull page, nearly every second request of a fleet, took 0.7–2.4
    ms to plan each time against 0.2–0.9 ms to run (EXPLAIN ANALYZE, 100 stations). Its plan
    does not depend on the tables' size: every part is an index look-up (`(event_id,
    change_seq)` in cursor order under a LIMIT, the credential's unique index), the same plan
    PostgreSQL makes for it on a fresh, never analysed database. Measured in process at 200
    stations from an empty log: PostgreSQL's CPU per pull 2.42 -> 1.22 ms. (The same mode for
    the pushes' transactions cost 24.7 ms a push instead of 1.9: see `_plan_each_statement`.)"""
    conn.execute("SET plan_cache_mode = force_generic_plan")
    conn.commit()


class PostgresDialect:
    name = "postgresql"

    def in_list(self, expr: str, kind: str) -> str:
        return f"{expr} = ANY(?::{'bigint' if kind == 'int' else 'text'}[])"

    def list_param(self, values: Sequence[Any]) -> Any:
        return list(values)

    def json_row(self, fields: dict[str, str]) -> str:
        pairs = ", ".join(f"'{k}', {v}" for k, v in fields.items())
        return f"convert_to(json_build_object({pairs})::text, 'UTF8')"

    def json_bool(self, expr: str) -> str:
        return f"({expr} <> 0)"

    def hour_utc(self, ms_expr: str) -> str:
        return f"to_char(to_timestamp({ms_expr} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:00')"

    def number_rows_sql(self) -> str | None:
        # The counter's UPDATE in a data-modifying WITH (PostgreSQL manual §7.8.4): the row
        # lock it takes is kept to COMMIT as before, one round trip instead of two.
        return (
            "WITH counter AS (UPDATE change_counter SET value = value + ? RETURNING value) "
            "UPDATE log SET change_seq = counter.value - ? + numbered.n FROM counter, "
            "unnest(?::text[]) WITH ORDINALITY AS numbered(id, n) "
            "WHERE log.id = numbered.id AND log.change_seq = 0"
        )

    def advisory_locks_sql(self) -> str | None:
        # One row per key in the order given (WITH ORDINALITY), each lock taken as its row is
        # produced: one round trip for all of them.
        return (
            "SELECT count(CASE WHEN l.shared THEN pg_advisory_xact_lock_shared(l.key) "
            "ELSE pg_advisory_xact_lock(l.key) END) FROM unnest(?::bigint[], ?::boolean[]) "
            "WITH ORDINALITY AS l(key, shared, n)"
        )


@lru_cache(maxsize=1024)
def pg_sql(sql: str) -> str:
    """A `?`-placeholder statement in psycopg's `%s` style (a literal `%` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _PgTx:
    """`Tx` on one psycopg connection."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        # Results in binary: BYTEA comes as the bytes themselves, not hex text to decode (a
        # pull of 800 stored entries: 7.5 -> 3.1 ms), integers without parsing; the Python
        # values are the same.
        return self.conn.execute(pg_sql(sql), tuple(params) or None, binary=True)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(pg_sql(sql), rows)


def public_location(url: str) -> str:
    """The URL as operators may see it: no password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return re.sub(r"//([^:/@]*):[^@]*@", r"//\1@", url)
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


class _CounterFirstDialect(PostgresDialect):
    """`PushOrdering.COUNTER_FIRST`, for bench_admission_locks: where a log writer would take
    its advisory locks (its first step), it locks the counter row instead, until COMMIT, so
    log writers run one at a time for their whole transaction (the order before per-ticket
    locks). The two parameters (keys, shared) are bound and not used."""

    def advisory_locks_sql(self) -> str | None:
        return (
            "SELECT value FROM change_counter, (SELECT ?::bigint[], ?::boolean[]) AS unused "
            "FOR UPDATE OF change_counter"
        )


class _SerializableDialect(PostgresDialect):
    """`PushOrdering.SERIALIZABLE`, for bench_admission_locks: no locks of our own; the
    database's write transactions run SERIALIZABLE and a caller runs an aborted one again."""

    def advisory_locks_sql(self) -> str | None:
        return None


_DIALECTS = {
    PushOrdering.TICKET_LOCKS: PostgresDialect(),
    PushOrdering.COUNTER_FIRST: _CounterFirstDialect(),
    PushOrdering.SERIALIZABLE: _SerializableDialect(),
}


class PostgresDatabase:
    """`Database` on a PostgreSQL server (libpq URL), migrated on open."""

    dialect: PostgresDialect = _DIALECTS[DEFAULT_ORDERING]

    def __init__(
        self, url: str, pool_max: int = POOL_MAX, ordering: PushOrdering = DEFAULT_ORDERING
    ) -> None:
        self.dialect = _DIALECTS[ordering]
        self._write_isolation = (
            psycopg.IsolationLevel.SERIALIZABLE if ordering is PushOrdering.SERIALIZABLE else None
        )
        self.url = url
        self.location = public_location(url)
        self._local = threading.local()
        _check_reachable(url, self.location)
        self._pool = _pool(url, 1, pool_max, _plan_each_statement, "doorline-server")
        # Connected on first use: a process that never serves a pull holds none of these.
        self._statements_pool = _pool(
            url, 0, min(pool_max, STATEMENTS_POOL_MAX), _plan_once, "doorline-statements"
        )
        try:
            for pool in (self._pool, self._statements_pool):
                pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as error:
            self.close()
            raise StoreError(
                f"cannot reach PostgreSQL at {self.location} (is it running, and may this "
                "user connect?)"
            ) from error
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def _migrate(self) -> None:
        with self.transaction() as tx:
            tx.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            tx.execute("CREATE TABLE IF NOT EXISTS doorline_schema (version BIGINT NOT NULL)")
            row = tx.execute("SELECT version FROM doorline_schema").fetchone()
            if row is None:
                tx.execute("INSERT INTO doorline_schema (version) VALUES (0)")
            version = 0 if row is None else int(row[0])
            if version > len(MIGRATIONS):
                raise StoreError(f"server database schema {version} is newer than this Doorline")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script:
                    tx.execute(postgres_ddl(statement))
                after_migration(tx, number)
                tx.execute("UPDATE doorline_schema SET version = ?", (number,))

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        # The server's defaults (READ COMMITTED, read-write; SERIALIZABLE only for the
        # benchmark's ordering).
        with self._borrowed(self._write_isolation, read_only=None, autocommit=False) as tx:
            yield tx

    @contextmanager
    def pipelined(self) -> Iterator[Tx]:
        if getattr(self._local, "tx", None) is not None:
            with self.transaction() as joined:  # one is open on this thread: join it
                yield joined
            return
        borrowed = self._borrowed(self._write_isolation, read_only=None, autocommit=False)
        with borrowed as tx, tx.conn.pipeline():
            yield tx
            # COMMIT queued behind the last statements: one round trip for all of them.
            tx.conn.commit()

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        # psycopg opens the transaction with "BEGIN ISOLATION LEVEL REPEATABLE READ READ
        # ONLY": one round trip, where a SET TRANSACTION after BEGIN took two.
        with self._borrowed(
            psycopg.IsolationLevel.REPEATABLE_READ, read_only=True, autocommit=False
        ) as tx:
            yield tx

    @contextmanager
    def statements(self) -> Iterator[Tx]:
        # Autocommit: a statement is its own transaction, sent without BEGIN or COMMIT; from
        # the pool whose connections keep each statement's plan (`_plan_once`).
        with self._borrowed(None, None, autocommit=True, pool=self._statements_pool) as tx:
            yield tx

    @contextmanager
    def _borrowed(
        self,
        isolation: psycopg.IsolationLevel | None,
        read_only: bool | None,
        autocommit: bool,
        pool: ConnectionPool | None = None,
    ) -> Iterator[_PgTx]:
        """A pooled connection set up for one block (a block opened inside another on the
        same thread joins it). A pooled connection may come back from any kind of block; the
        settings are made while it is idle, which sends nothing."""
        joined = getattr(self._local, "tx", None)
        if joined is not None:
            yield joined
            return
        with (pool or self._pool).connection() as conn:
            if conn.autocommit != autocommit:
                conn.autocommit = autocommit
            if conn.isolation_level != isolation:
                conn.isolation_level = isolation
            if conn.read_only != read_only:
                conn.read_only = read_only
            tx = _PgTx(conn)
            self._local.tx = tx
            try:
                yield tx
            finally:
                self._local.tx = None

    def schema_version(self) -> int:
        with self.reading() as tx:
            return int(tx.execute("SELECT version FROM doorline_schema").fetchone()[0])

    def close(self) -> None:
        self._pool.close()
        self._statements_pool.close()


def _pool(
    url: str,
    least: int,
    most: int,
    configure: Callable[[psycopg.Connection[Any]], None],
    name: str,
) -> ConnectionPool:
    """A connection pool of `least` to `most` connections to `url`, each set up by
    `configure` when it connects; not open yet."""
    return ConnectionPool(
        url,
        min_size=least,
        max_size=most,
        kwargs={"connect_timeout": CONNECT_TIMEOUT_S},
        configure=configure,
        open=False,
        name=name,
    )


def _check_reachable(url: str, location: str) -> None:
    """One plain connection first, so an unreachable server or a refused login is told in
    libpq's words at once rather than after the pool's retries."""
    try:
        psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S).close()
    except psycopg.Error as error:
        lines = [line.strip() for line in str(error).splitlines() if line.strip()]
        words = " ".join(lines) or type(error).__name__
        raise StoreError(f"cannot reach PostgreSQL at {location}: {words}") from error


def postgres_ddl(statement: str) -> str:
    """A migration statement for PostgreSQL: SQLite's INTEGER is 64-bit, PostgreSQL's is 32;
    SQLite's BLOB is PostgreSQL's BYTEA."""
    return re.sub(r"\bBLOB\b", "BYTEA", re.sub(r"\bINTEGER\b", "BIGINT", statement))
