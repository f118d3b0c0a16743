"""Failures during sync: a killed server, dropped answers, 500s, repeated and reordered batches.
Whatever happens, after recovery the server holds every entry exactly once.

Faults at the HTTP level (500s, answers lost after the server committed) are injected in
process in front of the real app; a SIGKILLed server and a stopped one are real uvicorn
processes on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import InProcessServer, ServerProcess, seed_on, station_token

from kiosk.core.station import Station
from kiosk.domain.verdicts import Direction
from server_stub.storage import open_storage
from sync.engine import Connectivity, SyncEngine
from sync.errors import ProvisioningError, ServerFailed, ServerUnreachable, SyncError
from sync.provisioning import provision_from_server

pytestmark = pytest.mark.slow


def _scan_many(station: Station, codes: list[str], count: int) -> None:
    for i in range(count):
        direction = Direction.EXIT if (i // len(codes)) % 2 else Direction.ENTRY
        station.scan(codes[i % len(codes)], direction)


def _server_ids(db: Path, event_id: int, station_id: str) -> list[str]:
    store = open_storage(db)
    try:
        return [e.id for e in store.reports.log_entries(event_id) if e.station_id == station_id]
    finally:
        store.close()


def _assert_exactly_once(db: Path, event_id: int, station: Station) -> None:
    server_ids = _server_ids(db, event_id, station.station_id)
    local_ids = [e.id for e in station.replica.station_entries(station.station_id)]
    assert len(server_ids) == len(set(server_ids)) == len(local_ids)
    assert set(server_ids) == set(local_ids)
    assert station.replica.unpushed_count(station.station_id) == 0


@pytest.fixture
def world(tmp_path: Path, module_app_server: InProcessServer):  # type: ignore[no-untyped-def]
    """A seeded event, the server app in this process (the module's, behind fault injection
    of the test's own) and a station provisioned from it."""
    db = module_app_server.db
    event = seed_on(module_app_server.storage(), tickets=30)
    server = module_app_server.another()
    station = server.provision(event.event_id, tmp_path / "a", "door A")
    yield db, event, server, station
    server.close()


@pytest.fixture
def real_world(tmp_path: Path, module_app_server: InProcessServer):  # type: ignore[no-untyped-def]
    """The same for a real uvicorn process, for faults only a real process has: the station
    knows the process's address (it was provisioned by the same app in this process, so no
    process starts only to hand out the event); the process is not started yet."""
    db = module_app_server.db
    event = seed_on(module_app_server.storage(), tickets=30)
    server = ServerProcess(db)
    with module_app_server.another() as provider:
        token = provider.token(event.event_id, "door A")
        station = provision_from_server(
            tmp_path / "a", server.url, token, "workshop", "door A", transport=provider.transport
        )
    yield db, event, server, station
    server.stop()


def test_server_killed_mid_push(real_world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event, server, station = real_world
    server.start()
    _scan_many(station, [t.code for t in event.tickets], 120)

    def progress(phase: str, done: int, _total: int | None) -> None:
        # The engine reports a batch done while it already sends the next one: SIGKILL now
        # lands on a request in flight (or just answered), and every later one is refused.
        if phase == "push" and done >= 40 and server.proc is not None:
            server.kill()

    engine = SyncEngine.for_data_dir(tmp_path / "a", progress=progress, push_batch=10)
    with pytest.raises(ServerUnreachable):
        engine.sync_once()
    left = engine.status().queue_depth
    assert 0 < left <= 120 - 40
    server.start()
    engine.progress = lambda *_args: None
    engine.sync_once()
    engine.close()
    _assert_exactly_once(db, event.event_id, station)


def test_connection_dropped_after_server_committed(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event, server, station = world
    _scan_many(station, [t.code for t in event.tickets], 40)
    server.faults.drop_after_processing = 1
    engine = server.engine(tmp_path / "a", push_batch=1000)
    with pytest.raises(ServerUnreachable):
        engine.sync_once()
    assert engine.status().connectivity is Connectivity.OFFLINE
    assert engine.status().queue_depth == 40
    report = engine.sync_once()
    assert (report.accepted, report.duplicate) == (0, 40)
    engine.close()
    _assert_exactly_once(db, event.event_id, station)


def test_server_answering_500(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event, server, station = world
    _scan_many(station, [t.code for t in event.tickets], 25)
    server.faults.pass_first = server.faults.requests + 1  # one batch goes through, then a 500
    server.faults.fail_500 = 1
    engine = server.engine(tmp_path / "a", push_batch=10)
    with pytest.raises(ServerFailed):
        engine.sync_once()
    assert engine.status().queue_depth == 15
    assert "500" in (engine.status().last_error or "")
    report = engine.sync_once()
    assert report.accepted == 15 and report.duplicate == 0
    engine.close()
    _assert_exactly_once(db, event.event_id, station)


def test_batches_twice_and_out_of_order(world) -> None:  # type: ignore[no-untyped-def]
    db, event, server, station = world
    _scan_many(station, [t.code for t in event.tickets], 30)
    entries = [e.to_json() for e in station.replica.station_entries(station.station_id)]
    with server.client(station.identity.credential) as client:
        late = client.push(event.event_id, entries[20:])
        assert late["accepted"] == 10
        assert late["gaps"] == [{"station_id": station.station_id, "first": 1, "last": 20}]
        early = client.push(event.event_id, entries[:20][::-1])
        assert early["accepted"] == 20 and early["gaps"] == []
        again = client.push(event.event_id, entries[5:25] + entries[:5])
        assert again["duplicate"] == 25 and again["accepted"] == 0
        tampered = {**entries[0], "detail": "edited"}
        clash = client.push(event.event_id, [tampered])
        assert clash["acks"][0]["status"] == "rejected"
    ids = _server_ids(db, event.event_id, station.station_id)
    assert sorted(ids) == sorted(e["id"] for e in entries)


def test_first_pull_resumes_after_interruption(
    tmp_path: Path, module_app_server: InProcessServer
) -> None:
    db = module_app_server.db
    event = seed_on(module_app_server.storage(), tickets=300)
    server = module_app_server.another()
    server.faults.pass_first = 3  # token exchange, event info, first page
    server.faults.fail_500 = 1
    url, transport = server.url, server.transport
    try:
        token = _token(db, event.event_id)
        with pytest.raises(ProvisioningError, match="first download failed"):
            provision_from_server(
                tmp_path / "s", url, token, "main", "door", page_size=100, transport=transport
            )
        engine = server.engine(tmp_path / "s")
        report = engine.sync_once()
        engine.close()
        station = provision_from_server(
            tmp_path / "s", url, token, "main", "door", transport=transport
        )
    finally:
        server.close()
    assert station.replica.counts().tickets == 300
    assert report.pulled_rows < 300 + 20  # the first page was not fetched again
    with pytest.raises(ProvisioningError, match="already holds"):
        provision_from_server(tmp_path / "s", url, token, "main", "door", transport=transport)


def _token(db: Path, event_id: int) -> str:
    return station_token(db, event_id, "door")


def test_offline_is_a_status_not_a_crash(real_world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event, server, station = real_world  # its server not started: nothing listens there
    station.scan(event.tickets[0].code)
    engine = SyncEngine.for_data_dir(tmp_path / "a", interval_s=0.05)
    engine.backoff = type(engine.backoff)(base_s=0.02, max_s=0.1)
    engine.start()
    try:
        _wait(lambda: engine.status().failures >= 2)
        assert engine.status().connectivity is Connectivity.OFFLINE
        assert engine.status().queue_depth == 1
        server.start()
        engine.request_sync()
        _wait(lambda: engine.status().online and engine.status().queue_depth == 0)
    finally:
        engine.close()
    _assert_exactly_once(db, event.event_id, station)


def _wait(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached")


def test_sync_error_words(world) -> None:  # type: ignore[no-untyped-def]
    _db, _event, server, _station = world
    client = server.client("nonsense")
    with pytest.raises(SyncError):
        client.changes(1, 0, 10)
    client.close()
