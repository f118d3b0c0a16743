"""Random schedules of stations, partitions, scans and syncs against one server (its real app,
in process): after a final sync round every replica agrees with the server, nothing is lost,
and every double admission is flagged as a conflict."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import InProcessServer, double_admissions, seed_on

from kiosk.domain.log_entry import LogEntry
from kiosk.domain.merge import fold
from kiosk.domain.verdicts import Direction
from server_stub.storage import ServerStorage, open_storage

pytestmark = pytest.mark.slow

STATIONS = 3
TICKETS = 4

scan = st.tuples(
    st.just("scan"),
    st.integers(0, STATIONS - 1),
    st.integers(0, TICKETS - 1),
    st.booleans(),
)
sync = st.tuples(st.just("sync"), st.integers(0, STATIONS - 1), st.just(0), st.just(False))
partition = st.tuples(st.just("toggle"), st.integers(0, STATIONS - 1), st.just(0), st.just(False))
schedules = st.lists(st.one_of(scan, scan, sync, partition), min_size=1, max_size=25)


@pytest.fixture(scope="module")
def server(module_server_db: str) -> Iterator[InProcessServer]:
    db = module_server_db
    open_storage(db).close()
    in_process = InProcessServer(db)
    yield in_process
    in_process.close()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(schedule=schedules)
def test_random_schedules_converge(server: InProcessServer, schedule: list) -> None:  # type: ignore[type-arg]
    event = seed_on(server.storage(), tickets=TICKETS, name="prop")
    with tempfile.TemporaryDirectory() as tmp:
        stations = [
            server.provision(event.event_id, Path(tmp) / f"s{i}", f"s{i}") for i in range(STATIONS)
        ]
        engines = [server.engine(Path(tmp) / f"s{i}") for i in range(STATIONS)]
        cut_off: set[int] = set()
        try:
            for op, who, ticket, is_exit in schedule:
                if op == "scan":
                    direction = Direction.EXIT if is_exit else Direction.ENTRY
                    stations[who].scan(event.tickets[ticket].code, direction)
                elif op == "sync" and who not in cut_off:
                    engines[who].sync_once()
                elif op == "toggle":
                    cut_off ^= {who}
            for _round in range(2):
                for engine in engines:
                    engine.sync_once()
            _check(server.storage(), event.event_id, stations)
        finally:
            for engine in engines:
                engine.close()
            for station in stations:
                station.replica.close()


def _check(store: ServerStorage, event_id: int, stations: list) -> None:  # type: ignore[type-arg]
    server_log = store.reports.log_entries(event_id)
    server_conflicts = store.conflicts.conflicts(event_id)
    union = {e.id for s in stations for e in s.replica.station_entries(s.station_id)}
    assert len(server_log) == len({e.id for e in server_log})
    assert {e.id for e in server_log} == union
    by_ticket: dict[int, list[LogEntry]] = {}
    for entry in server_log:
        if entry.ticket_id is not None:
            by_ticket.setdefault(entry.ticket_id, []).append(entry)
    for ticket_id, entries in by_ticket.items():
        state = fold(entries)
        for station in stations:
            assert station.replica.ticket_state(ticket_id) == state
    expected = set()
    for entries in by_ticket.values():
        expected |= double_admissions(entries)
    got = {(c["first_entry_id"], c["second_entry_id"]) for c in server_conflicts}
    assert got == expected
    for station in stations:
        assert {c.id for c in station.replica.conflicts()} == {c["id"] for c in server_conflicts}
