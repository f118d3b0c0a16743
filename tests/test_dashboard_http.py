"""The dashboard's doors without a browser (issue 15 §4): who may sign in, look and act,
that every action is recorded, and that the report downloads as CSV."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sync_support import health_answers, seed

from kiosk.cli.main import main
from kiosk.domain.heartbeat import Heartbeat
from kiosk.domain.hlc import wall_ms_now
from server_stub.app import SHUTDOWN_S, create_app
from server_stub.dashboard.live_state import STALE_AFTER_MS, live_state
from server_stub.dashboard.routes import ACTION_HEADER, COOKIE
from server_stub.local_server import free_port
from server_stub.report import SECTION_COLUMNS
from server_stub.storage import open_storage
from server_stub.storage.interface import Role, StationPrincipal


@pytest.fixture
def dashboard(server_db: str) -> Any:
    db = server_db
    event = seed(db, tickets=6, name="Quay <script>alert(1)</script> Fest")
    storage = open_storage(db)
    tokens = {
        role: storage.operators.add(f"{role} person", role).token
        for role in (Role.VIEWER, Role.OPERATOR)
    }
    app = create_app(storage)
    yield storage, event, tokens, app
    storage.close()


def _call(app: Any, method: str, path: str, token: str | None = None, **kw: Any) -> Any:
    """One request to the app in this process, signed in with `token` (the dashboard cookie)."""

    async def go() -> httpx.Response:
        cookies = {COOKIE: token} if token else None
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test", cookies=cookies
        ) as client:
            return await client.request(method, path, **kw)

    return asyncio.run(go())


def test_signing_in_sets_an_httponly_strict_cookie_and_a_wrong_token_gets_words(
    dashboard: Any,
) -> None:
    storage, _event, tokens, app = dashboard
    assert _call(app, "GET", "/dashboard").status_code == 303
    wrong = _call(app, "POST", "/dashboard/login", data={"token": "dlo_nope"})
    assert wrong.status_code == 401 and "not an operator login token" in wrong.text
    right = _call(app, "POST", "/dashboard/login", data={"token": tokens[Role.VIEWER]})
    assert right.status_code == 303 and right.headers["location"] == "/dashboard"
    cookie = right.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/dashboard" in cookie
    assert [a.action for a in storage.operators.actions()][-1] == "sign in"


def test_a_viewer_looks_but_cannot_act_and_actions_need_the_dashboard_header(
    dashboard: Any,
) -> None:
    storage, event, tokens, app = dashboard
    viewer, operator = tokens[Role.VIEWER], tokens[Role.OPERATOR]
    base = f"/dashboard/events/{event.event_id}"
    page = _call(app, "GET", "/dashboard", viewer)
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text  # the event's name is text, everywhere
    state = _call(app, "GET", f"{base}/state", viewer).json()
    assert state["presence"] == {"registered": 6, "checked_in": 0, "inside": 0}
    body = {"ticket_id": event.tickets[0].ticket_id, "reason": "refunded"}
    header = {ACTION_HEADER: "1"}

    def revoke(token: str | None, sent: dict[str, Any], headers: dict[str, str]) -> int:
        path = f"{base}/revocations"
        return int(_call(app, "POST", path, token, json=sent, headers=headers).status_code)

    assert revoke(viewer, body, header) == 403  # a viewer looks only
    assert revoke(operator, body, {}) == 403  # no dashboard header: not from the page
    assert revoke(None, body, header) == 401
    assert revoke(operator, {**body, "reason": "  "}, header) == 422  # a reason is needed
    done = _call(app, "POST", f"{base}/revocations", operator, json=body, headers=header)
    assert done.status_code == 200
    assert storage.catalog.revocations(event.event_id)[0]["reason"] == "refunded"
    [recorded] = [a for a in storage.operators.actions(event.event_id) if a.action == "revoke"]
    assert recorded.via == "dashboard" and "operator person" in recorded.who


def test_search_finds_people_by_name_and_code_and_the_report_downloads_as_csv(
    dashboard: Any,
) -> None:
    storage, event, tokens, app = dashboard
    viewer = tokens[Role.VIEWER]
    base = f"/dashboard/events/{event.event_id}"
    person = storage.roster.roster(event.event_id)[2]
    found = _call(app, "GET", f"{base}/search", viewer, params={"q": person.last_name[:4].upper()})
    assert person.ticket_id in [p["ticket_id"] for p in found.json()]
    by_code = _call(app, "GET", f"{base}/search", viewer, params={"q": person.confirmation})
    assert [p["ticket_id"] for p in by_code.json()] == [person.ticket_id]
    assert _call(app, "GET", f"{base}/search", viewer, params={"q": "%_"}).json() == []
    csv = _call(app, "GET", f"{base}/report/tickets_never_scanned.csv", viewer)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0] == "ticket_id,first_name,last_name,ticket_type"
    assert len(csv.text.splitlines()) == 7
    assert _call(app, "GET", f"{base}/report/nothing.csv", viewer).status_code == 404
    quiet = _call(app, "GET", f"{base}/report/conflicts.csv", viewer)  # no conflicts yet
    assert quiet.text.splitlines() == [",".join(SECTION_COLUMNS["conflicts"])]
    assert _call(app, "GET", f"{base}/report/events.csv").status_code == 401


def test_a_station_not_heard_from_for_a_minute_is_stale(dashboard: Any) -> None:
    storage, event, _tokens, _app = dashboard
    token = storage.credentials.create_station_token(event.event_id, "Gate B")
    made = storage.credentials.exchange_token(token, "nonce-1", "Gate B")
    station = StationPrincipal(made.station_id, made.event_id, made.name)
    storage.fleet.record_heartbeat(station, Heartbeat(clock_offset_ms=-300_000, printer="failed"))
    now = wall_ms_now()
    [fresh] = live_state(storage, event.event_id, now)["fleet"]
    [later] = live_state(storage, event.event_id, now + STALE_AFTER_MS + 5_000)["fleet"]
    assert not fresh["stale"] and later["stale"]
    assert fresh["clock_off"] and fresh["printer"] == "failed"


def test_ctrl_c_with_a_live_stream_open_shuts_the_server_down_calmly(tmp_path: Path) -> None:
    """The open stream used to run into the graceful-shutdown cut: an ERROR line and ~80
    lines of CancelledError traceback on the operator's terminal. Now the stream ends itself
    when the server is told to stop, and the server exits within the cut."""
    db = str(tmp_path / "server.db")
    event = seed(db, tickets=3)
    storage = open_storage(db)
    token = storage.operators.add("viewer person", Role.VIEWER).token
    storage.close()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli.main", "server", "run", "--db", db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        # A bare socket each try: a new httpx client costs ~30 ms of CPU (its certificate
        # bundle) while the server process is starting on the same cores.
        while not health_answers(port) and time.monotonic() < deadline:
            time.sleep(0.02)
        path = f"/dashboard/events/{event.event_id}/stream"
        with httpx.stream("GET", url + path, cookies={COOKIE: token}, timeout=30) as stream:
            lines = stream.iter_lines()
            assert next(lines) == "retry: 1000"
            assert next(lines) == ""
            assert next(lines) == "event: state"  # streaming: the server is inside the stream
            proc.send_signal(signal.SIGINT)
            for _line in lines:  # the stream ends by itself, well before its minute
                pass
        _out, err = proc.communicate(timeout=SHUTDOWN_S + 10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "ERROR" not in err and "Cancel" not in err, err


def test_the_banner_writes_an_ipv6_host_in_brackets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`http://::1:18765` is no URL (RFC 3986 §3.2.2: an IPv6 literal goes in brackets)."""
    import server_stub.app

    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    served: list[str] = []
    monkeypatch.setattr(
        server_stub.app, "serve", lambda db, host, port, workers: served.append(host)
    )
    with socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))
        port = probe.getsockname()[1]
    db = str(tmp_path / "s.db")
    status = main(["server", "run", "--db", db, "--host", "::1", "--port", str(port)])
    assert status == 0 and served == ["::1"]
    assert f"doorline server on http://[::1]:{port} " in capsys.readouterr().err
