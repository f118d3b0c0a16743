"""What PostgreSQL must keep under concurrency that SQLite's single writer gives for free:
a pull never passes a row committed late, two server processes pushing the two halves of a
double admission at the same moment still flag it, and N workers starting at once migrate once.

(Each `open_storage` below has its own connection pool, as a server process has.) The first
two promises are checked for the server's ordering of log writers (per-ticket locks) and for
the global counter lock bench_admission_locks measures it against (`write_order`; the third,
SERIALIZABLE, needs the caller to retry and is checked by the benchmark).
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psycopg
import pytest

from kiosk.domain.log_entry import GENESIS_HASH, seal
from kiosk.domain.wire_format import entry_json
from server_stub.seeding import seed_event
from server_stub.storage import ServerStorage, open_storage
from server_stub.storage.change_counter import _key as lock_key  # the key a writer locks
from server_stub.storage.interface import AckStatus, StationPrincipal
from server_stub.storage.postgres_database import PostgresDatabase
from server_stub.storage.pull import page_sql
from server_stub.storage.schema import MIGRATIONS
from server_stub.storage.write_order import PushOrdering


@pytest.fixture
def pg_db(request: pytest.FixtureRequest) -> str:
    base = request.getfixturevalue("postgres_database")
    schema = f"c_{time.time_ns()}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=[PushOrdering.TICKET_LOCKS, PushOrdering.COUNTER_FIRST])
def ordering(request: pytest.FixtureRequest) -> PushOrdering:
    return PushOrdering(request.param)


@pytest.fixture
def storage(pg_db: str) -> Iterator[ServerStorage]:
    opened = open_storage(pg_db)
    yield opened
    opened.close()


@pytest.fixture
def ordered_storage(pg_db: str, ordering: PushOrdering) -> Iterator[ServerStorage]:
    opened = open_storage(pg_db, ordering)
    yield opened
    opened.close()


def _station(storage: ServerStorage, event_id: int, name: str) -> StationPrincipal:
    token = storage.credentials.create_station_token(event_id, name)
    made = storage.credentials.exchange_token(token, "nonce", name)
    return StationPrincipal(made.station_id, event_id, name)


def _admissions(principal: StationPrincipal, tickets: list[int], hlc0: int) -> list[dict[str, Any]]:
    entries, prev = [], GENESIS_HASH
    for seq, ticket in enumerate(tickets, start=1):
        entry = seal(
            {
                "id": f"{principal.station_id}-{seq}", "station_id": principal.station_id,
                "seq": seq, "hlc": hlc0 + seq, "wall_ms": 1_700_000_000_000 + seq,
                "event_id": principal.event_id, "gate_id": "workshop", "ticket_id": ticket,
                "action": "entry", "verdict": "admitted", "offline": True, "method": "camera",
                "ref": None, "detail": "", "prev_hash": prev,
            }
        )  # fmt: skip
        prev = entry.hash
        entries.append(entry_json(entry))
    return entries


def test_a_pull_never_passes_a_row_that_commits_late(
    pg_db: str, ordered_storage: ServerStorage, ordering: PushOrdering
) -> None:
    """A writer that took its cursor value and has not committed yet holds the counter: a
    second writer waits for it before taking its own, and a pull in between stops below it,
    so nothing numbered below a page's cursor can appear after the page was read."""
    storage = ordered_storage
    event_id = seed_event(storage, "late commit", 5).event_id
    reader = _station(storage, event_id, "reader")
    slow, fast = _station(storage, event_id, "slow"), _station(storage, event_id, "fast")
    start = storage.pulls.changes(reader, 0, 20_000)["cursor"]
    # The slow writer: its own connection, a push's first step (take cursor values), then
    # it stalls before COMMIT.
    slow_conn = psycopg.connect(pg_db)
    late = slow_conn.execute(
        "UPDATE change_counter SET value = value + 1 RETURNING value"
    ).fetchone()[0]
    [slow_entry] = _admissions(slow, [1], 10)
    slow_conn.execute(
        "INSERT INTO log (id, station_id, seq, hlc, wall_ms, event_id, gate_id, ticket_id, "
        "action, verdict, offline, method, ref, detail, prev_hash, hash, received_ms, "
        "change_seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s, %s, %s, %s, %s, 0, %s)",
        (
            *(slow_entry[k] for k in ("id", "station_id", "seq", "hlc", "wall_ms", "event_id")),
            *(slow_entry[k] for k in ("gate_id", "ticket_id", "action", "verdict", "method")),
            *(slow_entry[k] for k in ("ref", "detail", "prev_hash", "hash")),
            late,
        ),
    )
    other = open_storage(pg_db, ordering)  # a second server process
    pushed: list[Any] = []
    fast_push = threading.Thread(
        target=lambda: pushed.append(other.pushes.push(fast, _admissions(fast, [2, 3], 20)))
    )
    fast_push.start()
    assert blocked_by(pg_db, slow_conn, fast_push), "a second writer must wait for the first"
    page = storage.pulls.changes(reader, start, 20_000)
    assert page["cursor"] < late and page["entries"] == []
    slow_conn.commit()
    slow_conn.close()
    fast_push.join(10)
    assert pushed and pushed[0].count(AckStatus.ACCEPTED) == 2
    rest = storage.pulls.changes(reader, page["cursor"], 20_000)
    assert {e["id"] for e in rest["entries"]} == {
        slow_entry["id"],
        f"{fast.station_id}-1",
        f"{fast.station_id}-2",
    }
    other.close()


def test_two_processes_pushing_the_halves_of_double_admissions_at_once_flag_them_all(
    pg_db: str, ordered_storage: ServerStorage, ordering: PushOrdering
) -> None:
    """Door A's admissions reach one server process while door B's admissions of the same
    tickets reach another, batch against batch at the same moment: every ticket is a conflict."""
    storage = ordered_storage
    event_id = seed_event(storage, "two processes", 60).event_id
    door_a, door_b = _station(storage, event_id, "A"), _station(storage, event_id, "B")
    processes = [open_storage(pg_db, ordering), open_storage(pg_db, ordering)]
    tickets = list(range(1, 41))
    batches_a = [_admissions(door_a, tickets, 100)[i : i + 4] for i in range(0, 40, 4)]
    batches_b = [_admissions(door_b, tickets, 200)[i : i + 4] for i in range(0, 40, 4)]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for batch_a, batch_b in zip(batches_a, batches_b, strict=True):
                done = [
                    pool.submit(processes[0].pushes.push, door_a, batch_a),
                    pool.submit(processes[1].pushes.push, door_b, batch_b),
                ]
                assert all(f.result().count(AckStatus.ACCEPTED) == 4 for f in done)
    finally:
        for process in processes:
            process.close()
    conflicts = storage.conflicts.conflicts(event_id)
    assert sorted(c["ticket_id"] for c in conflicts) == tickets


def test_an_acknowledgement_waits_for_a_push_re_merging_its_ticket_without_deadlock(
    pg_db: str,
) -> None:
    """A push (per-ticket locks, `write_order`) holds its ticket's lock and the conflict row it
    re-merged, and takes the counter last. An operator's acknowledgement of that conflict,
    arriving at another process meanwhile, must queue behind the ticket's lock, not take the
    counter and then wait for the row: that would be a circle PostgreSQL breaks by aborting
    one of them (a failed push or a lost acknowledgement)."""
    storage = open_storage(pg_db)
    event_id = seed_event(storage, "ack order", 3).event_id
    door_a, door_b = _station(storage, event_id, "A"), _station(storage, event_id, "B")
    storage.pushes.push(door_a, _admissions(door_a, [1], 100))
    storage.pushes.push(door_b, _admissions(door_b, [1], 200))
    [conflict] = storage.conflicts.conflicts(event_id)
    push = psycopg.connect(pg_db)  # a push between its re-merge and its COMMIT
    push.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key("ticket", event_id, 1),)).fetchall()
    push.execute("UPDATE conflicts SET detected_ms = detected_ms WHERE id = %s", (conflict["id"],))
    acked: list[Any] = []
    operator = threading.Thread(
        target=lambda: acked.append(
            storage.conflicts.acknowledge_conflict(event_id, conflict["id"], "seen", "op")
        )
    )
    operator.start()
    assert blocked_by(pg_db, push, operator), "the acknowledgement waits for the ticket"
    assert not acked
    push.execute("UPDATE change_counter SET value = value + 1").close()  # the push's last step
    push.commit()
    push.close()
    operator.join(10)
    assert acked, "the acknowledgement went through after the push"
    [after] = storage.conflicts.conflicts(event_id)
    assert after["acknowledged_entry_id"] == acked[0]["id"]
    storage.close()


def test_workers_starting_at_once_migrate_the_database_once(pg_db: str) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        opened = list(pool.map(lambda _i: open_storage(pg_db), range(4)))
    for storage in opened:
        storage.close()
    with psycopg.connect(pg_db) as conn:
        assert conn.execute("SELECT version FROM doorline_schema").fetchall() == [
            (len(MIGRATIONS),)
        ]


def test_an_unreachable_server_is_named_in_words() -> None:
    from server_stub.storage import StoreError

    with pytest.raises(StoreError, match="cannot reach PostgreSQL at postgresql://nobody@") as got:
        open_storage("postgresql://nobody:secret@127.0.0.1:9/none")
    assert "secret" not in str(got.value)


def blocked_by(pg_db: str, holder: psycopg.Connection[Any], waiter: threading.Thread) -> bool:
    """True once a PostgreSQL session waits for a lock `holder`'s session holds (PostgreSQL's
    own `pg_blocking_pids`), with `waiter` still running; False if `waiter` ended first. A
    condition, where a fixed pause only showed the waiter had not finished yet."""
    holder_pid = holder.info.backend_pid
    deadline = time.monotonic() + 30
    with psycopg.connect(pg_db, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
                (holder_pid,),
            ).fetchone()
            if row and row[0]:
                return waiter.is_alive()
            if not waiter.is_alive():
                return False
            time.sleep(0.01)
    raise AssertionError("the waiter neither finished nor waited for the lock within 30 s")


def _waiting_on_a_lock(pg_db: str) -> bool:
    with psycopg.connect(pg_db, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        ).fetchone()
    return bool(row and row[0])


def test_two_processes_recording_operator_actions_at_once_keep_both(
    pg_db: str, storage: ServerStorage
) -> None:
    """Worker 1 has numbered its action and not yet committed while worker 2 numbers its own
    (`server run --workers 2`): both took max(seq) + 1. Worker 2 waits for worker 1, then must
    take the next number instead of failing on the primary key and losing its action."""
    first, second = open_storage(pg_db), open_storage(pg_db)
    try:
        first.operators.record("ada", "cli", "warm-up")
        second_done: list[BaseException | None] = []
        with first.db.transaction():  # worker 1's action, committed when this block ends
            first.operators.record("ada", "http", "revoke", None, "ticket 1")

            def record_second() -> None:
                try:
                    second.operators.record("otto", "http", "revoke", None, "ticket 2")
                    second_done.append(None)
                except BaseException as error:  # handed to the test thread
                    second_done.append(error)

            worker = threading.Thread(target=record_second)
            worker.start()
            deadline = time.monotonic() + 10
            while not _waiting_on_a_lock(pg_db) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert _waiting_on_a_lock(pg_db), "worker 2 never met worker 1's number"
        worker.join(10)
        assert second_done == [None], second_done
    finally:
        first.close()
        second.close()
    actions = storage.operators.actions()
    assert [a.detail for a in actions if a.action == "revoke"] == ["ticket 1", "ticket 2"]


def _plan_modes(storage: ServerStorage, block: str) -> set[str]:
    """`plan_cache_mode` on the connections that 8 blocks of the kind `block` (a `Database`
    method) get, from 4 threads at once (several pooled connections)."""

    def plan_mode(_: int) -> str:
        with getattr(storage.db, block)() as tx:
            return str(tx.execute("SHOW plan_cache_mode").fetchone()[0])

    with ThreadPoolExecutor(4) as pool:
        return set(pool.map(plan_mode, range(8)))


def test_transactions_plan_each_statement_with_the_tables_as_they_are_now(
    storage: ServerStorage,
) -> None:
    """A statement psycopg has prepared must not keep a plan made while the log was empty:
    on a fresh database the conflict merge's look-up then kept sequential scans of the log
    and took seconds a push under 50 stations (docs/benchmarks.md). Every connection a push's
    or an operator's transaction gets plans each statement with its values and the tables'
    size now."""
    for block in ("transaction", "pipelined", "reading"):
        assert _plan_modes(storage, block) == {"force_custom_plan"}, block


def test_the_pull_page_keeps_one_plan_of_index_look_ups_even_from_an_empty_log(
    storage: ServerStorage,
) -> None:
    """Pull pages (`statements()`) keep one plan per connection rather than plan each time
    (planning cost more than running): safe only because the page's plan reads every table
    through an index whatever it holds. Made on a fresh database (empty log, never
    analysed), the kept plan scans no table whole."""
    assert _plan_modes(storage, "statements") == {"force_generic_plan"}
    numbers = itertools.count(1)
    page = re.sub(r"\?", lambda _: f"${next(numbers)}", page_sql(storage.db.dialect, True))
    with storage.db.statements() as tx:
        tx.execute(f"PREPARE page AS {page}")
        values = ", ".join(["'x'", "1", "1", "0", *["0", "100"] * 7])
        plan = "\n".join(r[0] for r in tx.execute(f"EXPLAIN EXECUTE page({values})").fetchall())
        tx.execute("DEALLOCATE page")
    scanned_whole = {table for table in re.findall(r"Seq Scan on (\w+)", plan)}
    assert scanned_whole <= {"change_counter"}, plan  # one row, always


def test_failed_pipelined_blocks_raise_their_error_without_a_stray_warning(
    postgres_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Each failed block raises its statement's error, and the next block on the connection
    works; psycopg's warning that the aborted pipeline could not close (a second failed block
    on one connection: one stderr line each, by the hundred in the write-order benchmark's
    serialization retries) is not logged."""
    database = PostgresDatabase(postgres_database, pool_max=1)  # one connection for all
    try:
        with caplog.at_level(logging.WARNING):
            for _ in range(10):
                with pytest.raises(psycopg.errors.DivisionByZero), database.pipelined() as tx:
                    tx.execute("SELECT 1 / 0")
                    tx.execute("SELECT 1")
                with database.pipelined() as tx:
                    assert tx.execute("SELECT 2").fetchone() == (2,)
        assert [r.getMessage() for r in caplog.records if r.name.startswith("psycopg")] == []
    finally:
        database.close()
