"""Every request is authenticated; a station reads only its event and writes only its entries."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sync_support import ServerProcess, provision, seed, station_token

from server_stub.storage import open_storage
from sync.engine import Connectivity, SyncEngine
from sync.errors import AccessRefused

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(module_server_db: str) -> Iterator[ServerProcess]:
    db = module_server_db
    seed(db, tickets=5)
    proc = ServerProcess(db).start()
    yield proc
    proc.stop()


def _exchange(server: ServerProcess, event_id: int, nonce: str = "n1") -> dict:  # type: ignore[type-arg]
    token = station_token(server.db, event_id, "door")
    answer = httpx.post(server.url + "/v1/provision", json={"token": token, "nonce": nonce})
    assert answer.status_code == 200
    return dict(answer.json())


def test_health_and_openapi_need_no_credential(server: ServerProcess) -> None:
    assert httpx.get(server.url + "/health").json()["ok"] is True
    spec = httpx.get(server.url + "/openapi.json").json()
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
def test_unauthenticated_is_401(server: ServerProcess, method: str, path: str) -> None:
    body = {"entries": []} if method == "POST" else None
    missing = httpx.request(method, server.url + path, json=body)
    assert missing.status_code == 401
    wrong = httpx.request(
        method, server.url + path, json=body, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401


def test_token_is_one_time_but_a_lost_answer_can_be_retried(server: ServerProcess) -> None:
    event = seed(server.db, tickets=2, name="token")
    token = station_token(server.db, event.event_id, "door")
    first = httpx.post(server.url + "/v1/provision", json={"token": token, "nonce": "x"}).json()
    again = httpx.post(server.url + "/v1/provision", json={"token": token, "nonce": "x"}).json()
    assert again["station_id"] == first["station_id"]
    other = httpx.post(server.url + "/v1/provision", json={"token": token, "nonce": "y"})
    assert other.status_code == 401
    headers = {"Authorization": f"Bearer {again['credential']}"}
    assert httpx.get(f"{server.url}/v1/events/{event.event_id}", headers=headers).status_code == 200
    # Once the credential was used, even the same nonce cannot mint another one.
    late = httpx.post(server.url + "/v1/provision", json={"token": token, "nonce": "x"})
    assert late.status_code == 401
    stale = {"Authorization": f"Bearer {first['credential']}"}
    assert httpx.get(f"{server.url}/v1/events/{event.event_id}", headers=stale).status_code == 401


def test_cross_event_and_cross_station_are_403(server: ServerProcess, tmp_path: Path) -> None:
    mine = seed(server.db, tickets=3, name="mine")
    theirs = seed(server.db, tickets=3, name="theirs")
    station = provision(server.db, server.url, mine.event_id, tmp_path / "a", "A")
    other = provision(server.db, server.url, mine.event_id, tmp_path / "b", "B")
    station.scan(mine.tickets[0].code)
    entry = station.replica.station_entries(station.station_id)[0].to_json()
    headers = {"Authorization": f"Bearer {station.identity.credential}"}
    url = server.url + "/v1/events"
    assert httpx.get(f"{url}/{theirs.event_id}/changes", headers=headers).status_code == 403
    assert httpx.get(f"{url}/{theirs.event_id}", headers=headers).status_code == 403
    pushed_elsewhere = httpx.post(
        f"{url}/{theirs.event_id}/entries", json={"entries": [entry]}, headers=headers
    )
    assert pushed_elsewhere.status_code == 403
    other_headers = {"Authorization": f"Bearer {other.identity.credential}"}
    as_other = httpx.post(
        f"{url}/{mine.event_id}/entries", json={"entries": [entry]}, headers=other_headers
    )
    assert as_other.status_code == 403
    forged = {**entry, "event_id": theirs.event_id, "id": str(uuid.uuid4())}
    wrong_event = httpx.post(
        f"{url}/{mine.event_id}/entries", json={"entries": [forged]}, headers=headers
    )
    assert wrong_event.status_code == 403
    ok = httpx.post(f"{url}/{mine.event_id}/entries", json={"entries": [entry]}, headers=headers)
    assert ok.json()["accepted"] == 1


def test_revoked_station_is_403_and_status_says_refused(
    server: ServerProcess, tmp_path: Path
) -> None:
    event = seed(server.db, tickets=3, name="revoked")
    station = provision(server.db, server.url, event.event_id, tmp_path / "a", "A")
    store = open_storage(server.db)
    store.credentials.revoke_station(station.station_id)
    store.close()
    engine = SyncEngine.for_data_dir(tmp_path / "a")
    with pytest.raises(AccessRefused) as refused:
        engine.sync_once()
    assert refused.value.status_code == 403
    assert engine.status().connectivity is Connectivity.REFUSED
    assert "revoked" in (engine.status().last_error or "")
    engine.close()
