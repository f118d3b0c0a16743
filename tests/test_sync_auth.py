"""Every request is authenticated; a station reads only its event and writes only its entries."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sync_support import InProcessServer, seed

from server_stub.storage import open_storage
from sync.engine import Connectivity
from sync.errors import AccessRefused

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(module_server_db: str) -> Iterator[InProcessServer]:
    """The real app in this process (authentication is the app's, not the socket's)."""
    db = module_server_db
    seed(db, tickets=5)
    server = InProcessServer(db)
    yield server
    server.close()


@pytest.fixture(scope="module")
def http(server: InProcessServer) -> Iterator[httpx.Client]:
    with server.http() as client:
        yield client


def test_health_and_openapi_need_no_credential(http: httpx.Client) -> None:
    assert http.get("/health").json()["ok"] is True
    spec = http.get("/openapi.json").json()
    assert "/v1/events/{event_id}/changes" in spec["paths"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/events/1"),
        ("GET", "/v1/events/1/changes"),
        ("POST", "/v1/events/1/entries"),
        ("GET", "/v1/events/1/conflicts"),
        ("POST", "/v1/events/1/revocations"),
    ],
)
def test_unauthenticated_is_401(http: httpx.Client, method: str, path: str) -> None:
    body = {"entries": []} if method == "POST" else None
    missing = http.request(method, path, json=body)
    assert missing.status_code == 401
    wrong = http.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_token_is_one_time_but_a_lost_answer_can_be_retried(
    server: InProcessServer, http: httpx.Client
) -> None:
    event = seed(server.db, tickets=2, name="token")
    token = server.token(event.event_id, "door")
    first = http.post("/v1/provision", json={"token": token, "nonce": "x"}).json()
    again = http.post("/v1/provision", json={"token": token, "nonce": "x"}).json()
    assert again["station_id"] == first["station_id"]
    other = http.post("/v1/provision", json={"token": token, "nonce": "y"})
    assert other.status_code == 401
    headers = {"Authorization": f"Bearer {again['credential']}"}
    assert http.get(f"/v1/events/{event.event_id}", headers=headers).status_code == 200
    # Once the credential was used, even the same nonce cannot mint another one.
    late = http.post("/v1/provision", json={"token": token, "nonce": "x"})
    assert late.status_code == 401
    stale = {"Authorization": f"Bearer {first['credential']}"}
    assert http.get(f"/v1/events/{event.event_id}", headers=stale).status_code == 401


def test_cross_event_and_cross_station_are_403(
    server: InProcessServer, http: httpx.Client, tmp_path: Path
) -> None:
    mine = seed(server.db, tickets=3, name="mine")
    theirs = seed(server.db, tickets=3, name="theirs")
    station = server.provision(mine.event_id, tmp_path / "a", "A")
    other = server.provision(mine.event_id, tmp_path / "b", "B")
    station.scan(mine.tickets[0].code)
    entry = station.replica.station_entries(station.station_id)[0].to_json()
    headers = {"Authorization": f"Bearer {station.identity.credential}"}
    url = "/v1/events"
    assert http.get(f"{url}/{theirs.event_id}/changes", headers=headers).status_code == 403
    assert http.get(f"{url}/{theirs.event_id}", headers=headers).status_code == 403
    pushed_elsewhere = http.post(
        f"{url}/{theirs.event_id}/entries", json={"entries": [entry]}, headers=headers
    )
    assert pushed_elsewhere.status_code == 403
    other_headers = {"Authorization": f"Bearer {other.identity.credential}"}
    as_other = http.post(
        f"{url}/{mine.event_id}/entries", json={"entries": [entry]}, headers=other_headers
    )
    assert as_other.status_code == 403
    forged = {**entry, "event_id": theirs.event_id, "id": str(uuid.uuid4())}
    wrong_event = http.post(
        f"{url}/{mine.event_id}/entries", json={"entries": [forged]}, headers=headers
    )
    assert wrong_event.status_code == 403
    ok = http.post(f"{url}/{mine.event_id}/entries", json={"entries": [entry]}, headers=headers)
    assert ok.json()["accepted"] == 1


def test_revoked_station_is_403_and_status_says_refused(
    server: InProcessServer, tmp_path: Path
) -> None:
    event = seed(server.db, tickets=3, name="revoked")
    station = server.provision(event.event_id, tmp_path / "a", "A")
    store = open_storage(server.db)
    store.credentials.revoke_station(station.station_id)
    store.close()
    engine = server.engine(tmp_path / "a")
    with pytest.raises(AccessRefused) as refused:
        engine.sync_once()
    assert refused.value.status_code == 403
    assert engine.status().connectivity is Connectivity.REFUSED
    assert "revoked" in (engine.status().last_error or "")
    engine.close()
