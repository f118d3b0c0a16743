"""A fleet's pushes and pulls take the station lane, past FastAPI's per-request machinery, and
are answered exactly as the API answers them; any request the lane does not take in its usual
shape reaches the API unchanged (server_stub/station_lane.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sync_support import AppTransport, seed

from kiosk.core.station import Station
from kiosk.domain.verdicts import Direction, Verdict
from server_stub.api_limits import MAX_BODY_BYTES
from server_stub.app import AnnouncedBodyLimit, create_app
from server_stub.station_lane import StationLane
from server_stub.storage import open_storage
from server_stub.storage.interface import Role, ServerStorage
from sync.engine import SyncEngine
from sync.provisioning import provision_from_server

URL = "http://doorline-server.test"


class CountingApi:
    """The real API, noting the path of every request that reaches it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.paths: list[str] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


@dataclass
class Fronts:
    """One server database behind two front doors: the lane in front of the API as uvicorn
    serves it, and the API alone."""

    storage: ServerStorage
    event_id: int
    codes: list[str]
    api: CountingApi
    lane: httpx.Client
    direct: httpx.Client
    lane_transport: AppTransport

    def credential(self, name: str) -> str:
        token = self.storage.credentials.create_station_token(self.event_id, name)
        return self.storage.credentials.exchange_token(token, f"n-{name}", name).credential


@pytest.fixture
def fronts(tmp_path: Path) -> Iterator[Fronts]:
    db = tmp_path / "server.sqlite3"
    event = seed(db, tickets=12)
    storage = open_storage(db)
    api = CountingApi(create_app(storage))
    lane_transport = AppTransport(AnnouncedBodyLimit(StationLane(api, storage), MAX_BODY_BYTES))
    direct_transport = AppTransport(api)
    with (
        httpx.Client(base_url=URL, transport=lane_transport) as lane,
        httpx.Client(base_url=URL, transport=direct_transport) as direct,
    ):
        yield Fronts(
            storage,
            event.event_id,
            [t.code for t in event.tickets],
            api,
            lane,
            direct,
            lane_transport,
        )
    lane_transport.shutdown()
    direct_transport.shutdown()
    storage.close()


def _station(fronts: Fronts, folder: Path, name: str) -> Station:
    token = fronts.storage.credentials.create_station_token(fronts.event_id, name)
    return provision_from_server(
        folder, URL, token, "workshop", name, transport=fronts.lane_transport
    )


def test_stations_syncing_as_usual_never_reach_the_api(fronts: Fronts, tmp_path: Path) -> None:
    """Two doors scan and sync through the lane: every push and pull is served by the lane,
    the server holds every entry once, and each door learns the other's admissions."""
    doors = [_station(fronts, tmp_path / name, name) for name in ("door A", "door B")]
    engines = [
        SyncEngine.for_data_dir(tmp_path / name, transport=fronts.lane_transport)
        for name in ("door A", "door B")
    ]
    fronts.api.paths.clear()
    for i, (door, engine) in enumerate(zip(doors, engines, strict=True)):
        for code in fronts.codes[i * 3 : i * 3 + 3]:
            door.scan(code, Direction.ENTRY)
        report = engine.sync_once()
        assert report.accepted == 3, report
    engines[0].sync_once()  # door A pulls door B's admissions

    assert not [p for p in fronts.api.paths if p.endswith(("/entries", "/changes"))]
    held = fronts.storage.reports.log_entries(fronts.event_id)
    assert len(held) == len({e.id for e in held}) == 6
    assert doors[0].scan(fronts.codes[4], Direction.ENTRY).verdict == Verdict.ALREADY_CHECKED_IN
    for engine in engines:
        engine.close()


def _requests(fronts: Fronts) -> list[tuple[str, str, dict[str, str], bytes | None]]:
    """(method, path, headers, body) of pushes and pulls, well-formed and not."""
    event = fronts.event_id
    mine = {"Authorization": f"Bearer {fronts.credential('door C')}"}
    operator = fronts.storage.operators.add("Olga", Role.ADMIN).token
    push, pull = f"/v1/events/{event}/entries", f"/v1/events/{event}/changes"
    entry = {"id": "x-1", "station_id": "someone-else", "event_id": event, "seq": 1}
    return [
        ("POST", push, {}, b'{"entries": []}'),
        ("POST", push, {"Authorization": "Basic abc"}, b'{"entries": []}'),
        ("POST", push, {"Authorization": "Bearer unknown"}, b'{"entries": []}'),
        ("POST", push, {"Authorization": f"Bearer {operator}"}, b'{"entries": []}'),
        ("POST", push, mine, b""),
        ("POST", push, mine, b"not json"),
        ("POST", push, mine, b"[]"),
        ("POST", push, mine, b'{"entries": [1, 2]}'),
        ("POST", push, mine, b'{"entries": [' + b",".join([b"{}"] * 5001) + b"]}"),
        ("POST", push, mine, b'{"entries": []}'),
        (
            "POST",
            push,
            mine,
            b'{"entries": [' + httpx.Request("GET", "/", json=entry).content + b"]}",
        ),
        ("POST", f"/v1/events/{event + 1}/entries", mine, b'{"entries": []}'),
        ("POST", f"/v1/events/0{event}/entries", mine, b'{"entries": []}'),
        ("GET", push, mine, None),
        ("GET", pull, mine, None),
        ("GET", f"{pull}?after=0&limit=3", mine, None),
        ("GET", f"{pull}?limit=3&after=2", {**mine, "X-Doorline-Head": ""}, None),
        ("GET", f"{pull}?after=-1", mine, None),
        ("GET", f"{pull}?after=abc", mine, None),
        ("GET", f"{pull}?after=%31", mine, None),
        ("GET", f"{pull}?after=1&after=2", mine, None),
        ("GET", f"{pull}?limit=0", mine, None),
        ("GET", f"{pull}?limit=20001", mine, None),
        ("GET", f"{pull}?after=9007199254740992", mine, None),
        ("GET", f"{pull}?after=1&page=2", mine, None),
        ("GET", pull, {**mine, "X-Doorline-Head": "12:nothex"}, None),
        ("GET", pull, {**mine, "X-Doorline-Heartbeat": "not a heartbeat"}, None),
        ("GET", pull, {}, None),
        ("GET", pull, {"Authorization": "Bearer unknown"}, None),
        ("GET", pull, {"Authorization": f"Bearer {operator}"}, None),
        ("GET", f"/v1/events/{event + 1}/changes", mine, None),
        ("GET", "/v1/events/9007199254740992/changes", mine, None),
    ]


def test_every_answer_reads_the_same_through_the_lane_as_through_the_api(fronts: Fronts) -> None:
    """Refusals (401, 403, 404, 413, 422) and answers alike: the same status, body and
    headers that matter, whichever front door took the request."""
    for method, path, headers, body in _requests(fronts):
        through_lane = fronts.lane.request(method, path, headers=headers, content=body)
        direct = fronts.direct.request(method, path, headers=headers, content=body)
        said = f"{method} {path} {headers}"
        assert through_lane.status_code == direct.status_code, said
        assert through_lane.json() == direct.json(), said
        for name in ("content-type", "www-authenticate"):
            assert through_lane.headers.get(name) == direct.headers.get(name), said


def test_only_a_stations_usual_requests_take_the_lane(fronts: Fronts) -> None:
    """Well-formed pushes and pulls are the lane's; an odd query, a path with a leading zero,
    another method or a header given twice go to the API, which parses them its own way."""
    mine = f"Bearer {fronts.credential('door D')}"
    pull = f"/v1/events/{fronts.event_id}/changes"
    usual = [f"{pull}?after=0&limit=10", pull, f"{pull}?limit=5"]
    odd = [f"{pull}?after=%30", f"{pull}?after=0&after=0", f"{pull}?x=1"]
    for path in usual:
        fronts.api.paths.clear()
        assert fronts.lane.get(path, headers={"Authorization": mine}).status_code == 200
        assert fronts.api.paths == [], path
    for path in odd:
        fronts.api.paths.clear()
        fronts.lane.get(path, headers={"Authorization": mine})
        assert fronts.api.paths == [pull], path
    fronts.api.paths.clear()
    twice = [("Authorization", mine), ("Authorization", mine)]
    fronts.lane.get(pull, headers=twice)
    assert fronts.api.paths == [pull]
