"""Operator authority: a station credential pulls its event and pushes its own entries, nothing
else; operator accounts (viewer < operator < admin) do the rest, and every operator action is
recorded and shown by `server report`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from conftest import server_sql
from sync_support import InProcessServer, SeededEvent, seed

from kiosk.cli.main import main as doorline
from kiosk.core.station import Station
from server_stub.storage import open_storage
from server_stub.storage.interface import Role

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class World:
    server: InProcessServer  # the real app: authority is the app's, not the socket's
    http: httpx.Client  # one client for the module's requests, through the server's transport
    event: SeededEvent
    station: Station
    tokens: dict[str, str]  # caller -> bearer credential ("" for none)


def _add_operator(db: str | Path, name: str, role: Role, ttl_ms: int | None = None) -> str:
    storage = open_storage(db)
    try:
        accounts = storage.operators
        issued = accounts.add(name, role) if ttl_ms is None else accounts.add(name, role, ttl_ms)
        return issued.token
    finally:
        storage.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, module_server_db: str) -> Iterator[World]:
    db = module_server_db
    event = seed(db, tickets=6, name="authority")
    server = InProcessServer(db)
    station = server.provision(event.event_id, tmp_path_factory.mktemp("st"), "S")
    station.scan(event.tickets[0].code)
    tokens = {
        "none": "",
        "station": station.identity.credential or "",
        "viewer": _add_operator(db, "vera", Role.VIEWER),
        "operator": _add_operator(db, "otto", Role.OPERATOR),
        "admin": _add_operator(db, "ada", Role.ADMIN),
    }
    with httpx.Client(base_url=server.url, transport=server.transport) as http:
        yield World(server, http, event, station, tokens)
    station.replica.close()
    server.close()


CALLERS = ("none", "station", "viewer", "operator", "admin")
# endpoint -> the callers that may use it (everyone else: 401 without a credential, else 403)
ALLOWED: dict[str, set[str]] = {
    "GET /v1/events/{e}": {"station"},
    "GET /v1/events/{e}/changes": {"station"},
    "GET /v1/events/{e}/anchor": {"station"},
    "POST /v1/events/{e}/entries": {"station"},
    "GET /v1/events/{e}/conflicts": {"viewer", "operator", "admin"},
    "GET /v1/events/{e}/gaps": {"viewer", "operator", "admin"},
    "GET /v1/events/{e}/report": {"viewer", "operator", "admin"},
    "POST /v1/events/{e}/revocations": {"operator", "admin"},
    "POST /v1/events/{e}/conflicts/{c}/ack": {"operator", "admin"},
    "GET /v1/operators": {"admin"},
    "POST /v1/operators": {"admin"},
    "POST /v1/operators/{o}/revoke": {"admin"},
    "GET /v1/operator-actions": {"viewer", "operator", "admin"},
}


def _request(world: World, endpoint: str, caller: str) -> httpx.Response:
    method, path = endpoint.split(" ", 1)
    path = path.replace("{e}", str(world.event.event_id)).replace("{c}", "no-such-conflict")
    path = path.replace("{o}", "nobody")
    body: dict[str, object] | None = None
    if endpoint.endswith("/entries"):
        body = {"entries": []}
    elif endpoint.endswith("/revocations"):
        body = {"ticket_id": world.event.tickets[1].ticket_id, "reason": "matrix"}
    elif endpoint.endswith("/ack"):
        body = {"note": "matrix"}
    elif endpoint == "POST /v1/operators":
        body = {"name": f"new-{caller}", "role": "viewer"}
    token = world.tokens[caller]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return world.http.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize("endpoint", sorted(ALLOWED))
@pytest.mark.parametrize("caller", CALLERS)
def test_every_endpoint_for_every_role(world: World, endpoint: str, caller: str) -> None:
    answer = _request(world, endpoint, caller)
    if caller in ALLOWED[endpoint]:
        # allowed: success, or 404 for the made-up conflict / operator
        assert answer.status_code in (200, 404), answer.text
    elif caller == "none":
        assert answer.status_code == 401, answer.text
    else:
        assert answer.status_code == 403, answer.text
        assert answer.json()["problem"] in ("wrong_role", "station_only"), answer.text


def test_a_stolen_station_cannot_revoke_or_acknowledge(world: World) -> None:
    """The attack that worked before: a station credential revoking a ticket of its event."""
    url = f"/v1/events/{world.event.event_id}/revocations"
    headers = {"Authorization": f"Bearer {world.tokens['station']}"}
    body = {"ticket_id": world.event.tickets[2].ticket_id, "reason": "stolen kiosk"}
    assert world.http.post(url, json=body, headers=headers).status_code == 403
    lift = {**body, "revoked": False}
    assert world.http.post(url, json=lift, headers=headers).status_code == 403


def test_operator_actions_over_http_are_recorded_and_reported(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    ticket = world.event.tickets[3].ticket_id
    answer = world.http.post(
        f"/v1/events/{world.event.event_id}/revocations",
        json={"ticket_id": ticket, "reason": "chargeback"},
        headers={"Authorization": f"Bearer {world.tokens['operator']}"},
    )
    assert answer.status_code == 200
    assert doorline(
        ["server", "report", "--db", str(world.server.db), "--event", str(world.event.event_id),
         "--json"]
    ) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    actions = report["operator_actions"]
    mine = [a for a in actions if a["action"] == "revoke" and str(ticket) in a["detail"]]
    assert mine and mine[0]["who"].startswith("otto") and mine[0]["via"] == "http"
    assert mine[0]["at_ms"] > 0


def test_expired_and_revoked_operators_are_refused(world: World) -> None:
    db = world.server.db
    expired = _add_operator(db, "late", Role.ADMIN, ttl_ms=-1)
    gone = _add_operator(db, "gone", Role.ADMIN)
    storage = open_storage(db)
    try:
        storage.operators.revoke("gone")
    finally:
        storage.close()
    url = f"/v1/events/{world.event.event_id}/conflicts"
    late = world.http.get(url, headers={"Authorization": f"Bearer {expired}"})
    assert late.status_code == 401 and "expired" in late.json()["detail"]
    revoked = world.http.get(url, headers={"Authorization": f"Bearer {gone}"})
    assert revoked.status_code == 403 and "revoked" in revoked.json()["detail"]


def test_operator_cli_add_list_revoke(server_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = server_db
    seed(db, tickets=1)
    assert doorline(["server", "operator", "add", "--db", str(db), "--name", "Kim",
                     "--role", "operator", "--json"]) == 0  # fmt: skip
    added = json.loads(capsys.readouterr().out)
    assert added["token"].startswith("dlo_") and added["role"] == "operator"
    assert doorline(["server", "operator", "list", "--db", str(db), "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(o["name"], o["state"]) for o in listed] == [("Kim", "active")]
    assert "token" not in listed[0] and "credential_hash" not in listed[0]
    assert doorline(["server", "operator", "revoke", "--db", str(db), "--name", "Kim"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:  # argparse: usage error, exit 2
        doorline(["server", "operator", "add", "--db", str(db), "--name", "Kim", "--role", "boss"])
    assert refused.value.code == 2
    assert doorline(["server", "report", "--db", str(db), "--json"]) == 0
    actions = json.loads(capsys.readouterr().out)["operator_actions"]
    actions = [a for a in actions if a["action"].startswith("operator")]
    assert [a["action"] for a in actions] == ["operator add", "operator revoke"]
    assert all(a["via"] == "cli" for a in actions)
    stored = server_sql(db, "SELECT credential_hash FROM operators")[0]["credential_hash"]
    assert not stored.startswith("dlo_") and len(stored) == 64
