"""Each sync round tells the server how the station is doing (issue 15 §3): the server keeps the
latest heartbeat per station and a thinned history, and a heartbeat it cannot read, or none at
all (an older station), changes nothing else about the round."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from sync_support import InProcessServer, running_server, seed, seed_on

from kiosk.domain.heartbeat import HEADER, DeviceState, Heartbeat, StationConditions
from server_stub.storage import ServerStorage, open_storage
from server_stub.storage.fleet import HISTORY_EVERY_MS, SAME_KEPT_MS
from server_stub.storage.interface import Role, StationPrincipal
from sync.version import app_version


def test_a_sync_round_leaves_the_stations_heartbeat_on_the_server(
    tmp_path: Path, module_server_db: str
) -> None:
    db = module_server_db
    event = seed(db, tickets=5)
    with running_server(db) as server:  # uvicorn: its Date header gives the server's clock
        station = server.provision(event.event_id, tmp_path / "door", "North door", gate="main")
        station.scan(event.tickets[0].code)
        engine = server.engine(tmp_path / "door")
        engine.set_conditions_provider(
            lambda: StationConditions("door", DeviceState.FAILED, 3, DeviceState.READY)
        )
        try:
            engine.sync_once()  # measures the clock; the next round reports the offset
            station.scan(event.tickets[1].code)
            engine.sync_once()
        finally:
            engine.close()
    storage = open_storage(db)
    try:
        [row] = storage.fleet.fleet(event.event_id)
        history = storage.fleet.history(row["id"])
    finally:
        storage.close()
    assert row["name"] == "North door"
    assert row["app_version"] == app_version()
    assert row["mode"] == "door" and row["gate_id"] == "main"
    assert row["printer"] == "failed" and row["badges_waiting"] == 3
    assert row["camera"] == "ready"
    assert row["unpushed"] == 0  # counted after the round pushed: what still waits
    assert row["last_scan_ms"] is not None and row["clock_offset_ms"] is not None
    assert abs(row["clock_offset_ms"]) < 5_000
    assert row["disk_free_mb"] > 0
    assert row["heartbeat_ms"] >= row["last_scan_ms"] - 5_000
    assert len(history) == 1  # two rounds within a minute: one history row


def test_a_provider_that_fails_costs_only_its_own_fields(
    tmp_path: Path, module_server_db: str, module_app_server: InProcessServer
) -> None:
    db = module_server_db
    event = seed_on(module_app_server.storage(), tickets=2)

    def broken() -> StationConditions:
        raise RuntimeError("printer driver crashed")

    with module_app_server.another() as server:
        server.provision(event.event_id, tmp_path / "door", "Side door")
        engine = server.engine(tmp_path / "door")
        engine.set_conditions_provider(broken)
        try:
            engine.sync_once()
        finally:
            engine.close()
    storage = open_storage(db)
    try:
        [row] = storage.fleet.fleet(event.event_id)
    finally:
        storage.close()
    assert row["mode"] is None and row["printer"] == "unknown"
    assert row["unpushed"] == 0 and row["heartbeat_ms"] is not None


def test_an_unreadable_or_missing_heartbeat_is_ignored_and_the_pull_still_served(
    tmp_path: Path, module_server_db: str, module_app_server: InProcessServer
) -> None:
    db = module_server_db
    event = seed_on(module_app_server.storage(), tickets=2)
    with module_app_server.another() as server:
        server.provision(event.event_id, tmp_path / "door", "Old door")
        engine = server.engine(tmp_path / "door")
        token = engine.identity.credential
        engine.close()
        before = _fleet(db, event.event_id)
        url = f"{server.url}/v1/events/{event.event_id}/changes"
        with httpx.Client(transport=server.transport) as http:
            # Nested deeper than the JSON parser recurses (RecursionError, under the length
            # cap): once a 500 and a traceback, before the credential was even checked.
            for value in ("{not json", "[1,2]", "x" * 5000, "[" * 1100, '{"a":' * 1000, None):
                headers = {"Authorization": f"Bearer {token}"}
                if value is not None:
                    headers[HEADER] = value
                assert http.get(url, headers=headers).status_code == 200
    assert before[0]["heartbeat_ms"] is not None  # provisioning's first pull sent one
    assert _fleet(db, event.event_id) == before


def _fleet(db: str, event_id: int) -> list[dict[str, object]]:
    storage = open_storage(db)
    try:
        return storage.fleet.fleet(event_id)
    finally:
        storage.close()


def test_heartbeat_fields_of_the_wrong_type_or_size_are_dropped() -> None:
    beat = Heartbeat.from_header(
        '{"app_version":"0.1.0","unpushed":"7","last_scan_ms":true,"mode":"door",'
        '"gate_id":"' + "g" * 500 + '","camera":"ready\\u0000","disk_free_mb":12,"extra":1}'
    )
    assert beat == Heartbeat(app_version="0.1.0", mode="door", disk_free_mb=12)
    text = Heartbeat(gate_id="Eingang Süd", unpushed=4).to_header()
    assert text.isascii() and Heartbeat.from_header(text) == Heartbeat(
        gate_id="Eingang Süd", unpushed=4
    )


def _station(storage: ServerStorage, event_id: int, name: str) -> StationPrincipal:
    """A station of the event, provisioned with a token of its own."""
    token = storage.credentials.create_station_token(event_id, name)
    made = storage.credentials.exchange_token(token, f"n-{name}", name)
    return StationPrincipal(made.station_id, made.event_id, made.name)


def test_the_history_keeps_one_heartbeat_a_minute(module_server_db: str) -> None:
    db = module_server_db
    event = seed(db, tickets=1)
    storage = open_storage(db)
    try:
        who = _station(storage, event.event_id, "Gate A")
        start = 1_800_000_000_000
        for second in range(0, 300, 2):  # five minutes of a station syncing every 2 s
            beat = Heartbeat(unpushed=second)
            storage.fleet.record_heartbeat(who, beat, start + second * 1000)
        history = storage.fleet.history(who.station_id)
        [latest] = storage.fleet.fleet(event.event_id)
    finally:
        storage.close()
    assert [h["received_ms"] - start for h in history] == [n * HISTORY_EVERY_MS for n in range(5)]
    assert latest["unpushed"] == 298


def test_operators_read_the_fleet_and_a_stations_history_over_http(
    tmp_path: Path, module_server_db: str, module_app_server: InProcessServer
) -> None:
    db = module_server_db
    event = seed_on(module_app_server.storage(), tickets=2)
    storage = open_storage(db)
    viewer = storage.operators.add("Vera", Role.VIEWER).token
    storage.close()
    with module_app_server.another() as server:
        server.provision(event.event_id, tmp_path / "door", "East door")
        engine = server.engine(tmp_path / "door")
        station_credential = engine.identity.credential
        engine.close()
        base = f"{server.url}/v1/events/{event.event_id}"
        with httpx.Client(transport=server.transport) as http:
            as_viewer = {"Authorization": f"Bearer {viewer}"}
            [station] = http.get(f"{base}/stations", headers=as_viewer).json()
            assert station["name"] == "East door" and station["heartbeat_ms"] is not None
            history = http.get(f"{base}/stations/{station['id']}/heartbeats", headers=as_viewer)
            assert [h["received_ms"] for h in history.json()] == [station["heartbeat_ms"]]
            assert (
                http.get(f"{base}/stations/nobody/heartbeats", headers=as_viewer).status_code == 404
            )
            as_station = {"Authorization": f"Bearer {station_credential}"}
            assert http.get(f"{base}/stations", headers=as_station).status_code == 403


def test_an_unchanged_heartbeat_is_rewritten_only_every_few_seconds(module_server_db: str) -> None:
    """400 idle stations syncing every 2 s must not cost the server 200 commits a second."""
    event = seed(module_server_db, tickets=1)
    storage = open_storage(module_server_db)
    try:
        who = _station(storage, event.event_id, "Gate C")
        start = 1_800_000_000_000
        idle = Heartbeat(unpushed=0, printer="ready")
        storage.fleet.record_heartbeat(who, idle, start)
        storage.fleet.record_heartbeat(who, idle, start + 2_000)
        assert storage.fleet.fleet(event.event_id)[0]["heartbeat_ms"] == start
        storage.fleet.record_heartbeat(who, Heartbeat(unpushed=3, printer="ready"), start + 4_000)
        assert storage.fleet.fleet(event.event_id)[0]["unpushed"] == 3  # a change: at once
        storage.fleet.record_heartbeat(who, idle, start + 6_000)
        storage.fleet.record_heartbeat(who, idle, start + 6_000 + SAME_KEPT_MS)
        assert (
            storage.fleet.fleet(event.event_id)[0]["heartbeat_ms"] == start + 6_000 + SAME_KEPT_MS
        )
    finally:
        storage.close()


def test_a_busy_doors_moving_numbers_are_kept_every_few_seconds_a_new_state_at_once(
    module_server_db: str,
) -> None:
    """A busy door reports a new last scan, free disk and clock offset every round: those
    alone are kept at most every `SAME_KEPT_MS`; a printer that fails is kept at once."""
    event = seed(module_server_db, tickets=1)
    storage = open_storage(module_server_db)
    try:
        who = _station(storage, event.event_id, "Gate D")
        start = 1_800_000_000_000

        def beat(round_: int, printer: str = "ready") -> Heartbeat:
            return Heartbeat(
                last_scan_ms=start + round_ * 2_000 - 300,
                disk_free_mb=40_000 - round_,
                clock_offset_ms=round_ % 3,
                printer=printer,
            )

        def kept() -> dict[str, Any]:
            return dict(storage.fleet.fleet(event.event_id)[0])

        storage.fleet.record_heartbeat(who, beat(0), start)
        storage.fleet.record_heartbeat(who, beat(1), start + 2_000)
        assert kept()["heartbeat_ms"] == start and kept()["disk_free_mb"] == 40_000
        storage.fleet.record_heartbeat(who, beat(2, printer="failed"), start + 4_000)
        assert kept()["printer"] == "failed" and kept()["heartbeat_ms"] == start + 4_000
        later = start + 4_000 + SAME_KEPT_MS
        storage.fleet.record_heartbeat(who, beat(3, printer="failed"), later)
        assert kept()["heartbeat_ms"] == later and kept()["disk_free_mb"] == 40_000 - 3
    finally:
        storage.close()
