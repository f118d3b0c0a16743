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
from test_server_postgres import _admissions, _station, blocked_by, pg_db, storage  # noqa: F401

from kiosk.domain.log_entry import seal
from kiosk.domain.pin_signature import DEFAULT_PIN, sign_entry, unlock
from kiosk.domain.wire_format import entry_json
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
        assert blocked_by(pg_db, merging, same_ticket), "a second push of ticket 1 must wait"
    finally:
        merging.commit()
        merging.close()
    same_ticket.join(30)
    assert waited and waited[0].count(AckStatus.ACCEPTED) == 1
    page = storage.pulls.changes(_station(storage, event_id, "reader"), 0, 20_000)
    assert [e["ticket_id"] for e in page["entries"]] == [2, 1]  # numbered in commit order
    other.close()


def _acknowledgement(
    server: ServerStorage, door: Any, seq: int, prev: str, conflict_id: str
) -> dict[str, Any]:
    """Door `door`'s acknowledgement of `conflict_id`, signed with the event's operator PIN
    (seeded events have the default PIN), as a station unlocked by an operator makes it."""
    verifier = server.pins.verifier(door.event_id)
    assert verifier is not None
    key = unlock(DEFAULT_PIN, verifier)
    assert key is not None
    fields = {
        "id": f"{door.station_id}-{seq}", "station_id": door.station_id, "seq": seq,
        "hlc": 900 + seq, "wall_ms": 1_700_000_000_900 + seq, "event_id": door.event_id,
        "gate_id": None, "ticket_id": None, "action": "conflict_ack", "verdict": "admitted",
        "offline": True, "method": "operator", "ref": conflict_id, "detail": "seen it",
        "prev_hash": prev,
    }  # fmt: skip
    fields["pin_signature"] = sign_entry(key, verifier.version, fields)
    return entry_json(seal(fields))


def _waits_for_a_lock(db: str, pusher: threading.Thread) -> bool:
    """True once a transaction waits for an advisory lock; False if `pusher` ended first."""
    with psycopg.connect(db, autocommit=True) as watcher:
        for _ in range(600):
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).fetchone()
            if waiting and waiting[0]:
                return True
            if not pusher.is_alive():
                return False
            time.sleep(0.05)
    raise AssertionError("the push neither finished nor waited within 30 s")


def _accepted_after_waiting_for(
    db: str, merging_door: Any, tickets: list[int], door: Any, ack: dict[str, Any]
) -> None:
    """While `merging_door`'s push of `tickets` holds their locks (a transaction of its own),
    `door` pushes `ack` through a second server process: it must wait for a lock, then be
    accepted once that push commits."""
    other = open_storage(db)  # a second server process
    merging = psycopg.connect(db)
    try:
        lock_for_log_write(
            _PgTx(merging), PostgresDialect(), merging_door.event_id, merging_door.station_id,
            tickets,
        )  # fmt: skip
        acking, done = _push_in_thread(other, door, [ack])
        assert _waits_for_a_lock(db, acking), f"the acknowledgement did not wait for {tickets}"
    finally:
        merging.commit()
        merging.close()
    acking.join(30)
    assert done and done[0].count(AckStatus.ACCEPTED) == 1
    other.close()


def test_an_acknowledgement_waits_for_a_merge_of_its_conflicts_ticket(
    pg_db: str,  # noqa: F811
    storage: ServerStorage,  # noqa: F811
) -> None:
    """A push re-merging ticket 1 rewrites ticket 1's conflict rows; an acknowledgement of one
    of them, pushed at that moment to another process, must wait for it (it names no ticket
    itself, only the conflict). Run side by side, the merge stored the conflict again as
    unacknowledged over the acknowledgement committed beside it."""
    event_id = seed_event(storage, "double doors", 10).event_id
    door_a, door_b = _station(storage, event_id, "A"), _station(storage, event_id, "B")
    first = _admissions(door_a, [1], 100)
    storage.pushes.push(door_a, first)
    storage.pushes.push(door_b, _admissions(door_b, [1], 200))
    [conflict] = storage.conflicts.conflicts(event_id)
    ack = _acknowledgement(storage, door_a, 2, first[0]["hash"], conflict["id"])
    # Door B's next push of ticket 1 is in the middle of its merge: it holds ticket 1's lock.
    _accepted_after_waiting_for(pg_db, door_b, [1], door_a, ack)
    [acknowledged] = storage.conflicts.conflicts(event_id)
    assert acknowledged["acknowledged_entry_id"] == ack["id"]


def test_an_acknowledgement_of_a_conflict_not_recorded_yet_waits_for_the_event(
    pg_db: str,  # noqa: F811
    storage: ServerStorage,  # noqa: F811
) -> None:
    """An acknowledgement naming a conflict the server has no row for (yet) cannot know its
    ticket: it waits for every push of the event in progress, one of which may be recording
    that conflict."""
    event_id = seed_event(storage, "double doors", 10).event_id
    door_a, door_b = _station(storage, event_id, "A"), _station(storage, event_id, "B")
    first = _admissions(door_a, [1], 100)
    storage.pushes.push(door_a, first)
    ack = _acknowledgement(storage, door_a, 2, first[0]["hash"], "f" * 32)
    _accepted_after_waiting_for(pg_db, door_b, [5], door_a, ack)  # door B pushes ticket 5
