"""PostgreSQL with several server processes: pushes of different tickets do not queue behind
each other's merge; pushes of one ticket (or one station) take turns, so the second one's
conflict merge reads the first one's entries (server_stub/storage/change_counter.py).

With every push holding the change counter from its first write to COMMIT, 400 stations on
two processes queued on that one row (p99 12 s, docs/benchmarks.md).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
from test_server_postgres import _admissions, _station, pg_db, storage  # noqa: F401

from server_stub.seeding import seed_event
from server_stub.storage import ServerStorage, open_storage
from server_stub.storage.change_counter import lock_for_log_write
from server_stub.storage.interface import AckStatus
from server_stub.storage.postgres_database import PostgresDialect, _PgTx


def _push_in_thread(process: ServerStorage, station: Any, entries: list[Any]) -> tuple[Any, list]:
    results: list[Any] = []
    thread = threading.Thread(target=lambda: results.append(process.pushes.push(station, entries)))
    thread.start()
    return thread, results


def test_a_push_of_other_tickets_does_not_wait_for_a_merge_in_progress(
    pg_db: str,  # noqa: F811
    storage: ServerStorage,  # noqa: F811
) -> None:
    event_id = seed_event(storage, "busy doors", 10).event_id
    door_a, door_b = _station(storage, event_id, "A"), _station(storage, event_id, "B")
    other = open_storage(pg_db)  # a second server process
    # Door A's push of ticket 1 is in the middle of its merge: it holds its locks.
    merging = psycopg.connect(pg_db)
    try:
        lock_for_log_write(_PgTx(merging), PostgresDialect(), event_id, door_a.station_id, [1])
        other_ticket, done = _push_in_thread(other, door_b, _admissions(door_b, [2], 10))
        other_ticket.join(30)
        assert not other_ticket.is_alive(), "a push of ticket 2 waited for ticket 1's merge"
        assert done[0].count(AckStatus.ACCEPTED) == 1
        same_ticket, waited = _push_in_thread(other, door_b, _admissions(door_b, [2, 1], 10)[1:])
        time.sleep(0.5)
        assert same_ticket.is_alive(), "a second push of ticket 1 must wait for the first"
    finally:
        merging.commit()
        merging.close()
    same_ticket.join(30)
    assert waited and waited[0].count(AckStatus.ACCEPTED) == 1
    page = storage.pulls.changes(_station(storage, event_id, "reader"), 0, 20_000)
    assert [e["ticket_id"] for e in page["entries"]] == [2, 1]  # numbered in commit order
    other.close()
