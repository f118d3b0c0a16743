"""The server refuses what cannot be true: out-of-range numbers, broken text, oversized bodies,
entries for tickets the event does not have. Each answer is a 4xx with words, never a 500."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sync_support import SeededEvent, ServerProcess, seed

from kiosk.core.station import Station
from kiosk.domain.log_entry import seal

pytestmark = pytest.mark.slow

HUGE = 2**63
LONE_SURROGATE_JSON = b'"\\ud800"'


@pytest.fixture(scope="module")
def server(module_server_db: str) -> Iterator[ServerProcess]:
    db = module_server_db
    seed(db, tickets=3)
    proc = ServerProcess(db).start()
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def http(server: ServerProcess) -> Iterator[httpx.Client]:
    """One HTTP client for the module's requests (a new one costs ~30 ms of CPU)."""
    with server.http() as client:
        yield client


@pytest.fixture(scope="module")
def event(server: ServerProcess) -> SeededEvent:
    return seed(server.db, tickets=5, name="hostile")


@pytest.fixture(scope="module")
def station(
    server: ServerProcess, event: SeededEvent, tmp_path_factory: pytest.TempPathFactory
) -> Station:
    return server.provision(event.event_id, tmp_path_factory.mktemp("st"), "S")


def _headers(station: Station) -> dict[str, str]:
    return {"Authorization": f"Bearer {station.identity.credential}"}


def _entry(station: Station, number: int, **changes: Any) -> dict[str, Any]:
    fields = {
        "id": str(uuid.uuid4()),
        "station_id": station.station_id,
        "seq": number,
        "hlc": 1 << 20,
        "wall_ms": 1_700_000_000_000,
        "event_id": station.identity.event_id,
        "gate_id": "workshop",
        "ticket_id": None,
        "action": "entry",
        "verdict": "admitted",
        "offline": False,
        "method": "scan",
        "ref": None,
        "detail": "admitted",
        "prev_hash": "0" * 64,
        **changes,
    }
    return seal(fields).to_json()


def _push(http: httpx.Client, station: Station, entries: list[dict[str, Any]]) -> httpx.Response:
    url = f"/v1/events/{station.identity.event_id}/entries"
    return http.post(url, json={"entries": entries}, headers=_headers(station))


def _assert_words(answer: httpx.Response, status: int) -> None:
    assert answer.status_code == status, answer.text
    detail = answer.json()["detail"]
    assert detail, answer.text


@pytest.mark.parametrize("after", [HUGE, 2**64, -1])
def test_cursor_beyond_64_bits_is_422(http: httpx.Client, station: Station, after: int) -> None:
    answer = http.get(
        f"/v1/events/{station.identity.event_id}/changes",
        params={"after": after},
        headers=_headers(station),
    )
    _assert_words(answer, 422)


@pytest.mark.parametrize("event_id", [HUGE, -5])
def test_event_id_beyond_64_bits_is_4xx(
    http: httpx.Client, station: Station, event_id: int
) -> None:
    answer = http.get(f"/v1/events/{event_id}/changes", headers=_headers(station))
    assert answer.status_code in (403, 422), answer.text


@pytest.mark.parametrize("ticket_id", [HUGE, 2**70])
def test_revoke_ticket_beyond_64_bits_is_4xx(
    http: httpx.Client, station: Station, ticket_id: int
) -> None:
    answer = http.post(
        f"/v1/events/{station.identity.event_id}/revocations",
        json={"ticket_id": ticket_id, "reason": "x"},
        headers=_headers(station),
    )
    assert 400 <= answer.status_code < 500, answer.text


@pytest.mark.parametrize("field", ["seq", "hlc", "wall_ms", "ticket_id"])
def test_pushed_integer_beyond_64_bits_is_rejected_entry_by_entry(
    http: httpx.Client, station: Station, field: str
) -> None:
    bad = _entry(station, 1_000_001, **{field: HUGE})
    answer = _push(http, station, [bad])
    assert answer.status_code == 200, answer.text
    ack = answer.json()["acks"][0]
    assert ack["status"] == "rejected"
    assert field in ack["reason"]


def test_lone_surrogate_in_provisioning_is_422(http: httpx.Client) -> None:
    body = b'{"token": ' + LONE_SURROGATE_JSON + b', "nonce": "n"}'
    answer = http.post("/v1/provision", content=body, headers={"Content-Type": "application/json"})
    _assert_words(answer, 422)


def test_lone_surrogate_in_a_text_field_is_4xx(http: httpx.Client, station: Station) -> None:
    event_id = station.identity.event_id
    body = b'{"ticket_id": 1, "reason": ' + LONE_SURROGATE_JSON + b"}"
    answer = http.post(
        f"/v1/events/{event_id}/revocations",
        content=body,
        headers={**_headers(station), "Content-Type": "application/json"},
    )
    assert 400 <= answer.status_code < 500, answer.text


def test_lone_surrogate_in_a_pushed_entry_is_refused_with_words(
    http: httpx.Client, station: Station
) -> None:
    entry = _entry(station, 1_000_002)
    raw = httpx.Request("POST", "/", json={"entries": [entry]}).content
    raw = raw.replace(b'"admitted"', LONE_SURROGATE_JSON, 1)
    answer = http.post(
        f"/v1/events/{station.identity.event_id}/entries",
        content=raw,
        headers={**_headers(station), "Content-Type": "application/json"},
    )
    assert 400 <= answer.status_code < 500, answer.text


def test_the_nul_character_is_refused_with_words_on_every_engine(
    http: httpx.Client, station: Station
) -> None:
    """PostgreSQL text cannot hold U+0000 (SQLite can): the API refuses it on both engines
    alike, with words, instead of a server error on one of them."""
    answer = http.post("/v1/provision", json={"token": "t\x00", "nonce": "n"})
    _assert_words(answer, 422)
    assert "NUL" in answer.text
    bad = _entry(station, 1_000_004, detail="before\x00after")
    pushed = _push(http, station, [bad])
    assert pushed.status_code == 200, pushed.text
    ack = pushed.json()["acks"][0]
    assert ack["status"] == "rejected" and "NUL" in ack["reason"], ack


def test_overlong_text_is_refused(http: httpx.Client, station: Station) -> None:
    bad = _entry(station, 1_000_003, detail="x" * 100_000)
    answer = _push(http, station, [bad])
    assert answer.status_code == 200
    assert answer.json()["acks"][0]["status"] == "rejected"
    assert "detail" in answer.json()["acks"][0]["reason"]


@pytest.mark.parametrize("body", [b"", b"null", b"[]", b'{"entries": 5}'])
def test_push_without_a_body_gets_the_documented_error(
    http: httpx.Client, station: Station, body: bytes
) -> None:
    answer = http.post(
        f"/v1/events/{station.identity.event_id}/entries",
        content=body,
        headers={**_headers(station), "Content-Type": "application/json"},
    )
    _assert_words(answer, 422)
    assert isinstance(answer.json()["detail"], str)


def test_a_body_over_the_limit_is_refused_before_it_is_read(server: ServerProcess) -> None:
    """An unauthenticated client announces 200 MB: the server answers 413 at once, without
    waiting for (or buffering) the body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/provision HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 200000000\r\n\r\n" + b"{" * 1000
        )
        answer = b""
        while chunk := sock.recv(4096):  # the server closes the connection after its answer
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"detail" in answer


def test_a_chunked_body_over_the_limit_is_refused(http: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(200):
            yield b" " * 1_000_000

    answer = http.post("/v1/provision", content=chunks())
    assert answer.status_code == 413
    assert "limit" in answer.json()["detail"]


def test_entries_for_tickets_not_in_the_event_are_rejected(
    http: httpx.Client, station: Station, event: SeededEvent
) -> None:
    known = event.tickets[0].ticket_id
    entries = [
        _entry(station, 2_000_000 + i, ticket_id=tid)
        for i, tid in enumerate([99_999_999, 2**32 - 1, -5, known])
    ]
    answer = _push(http, station, entries)
    assert answer.status_code == 200, answer.text
    statuses = [a["status"] for a in answer.json()["acks"]]
    assert statuses == ["rejected", "rejected", "rejected", "accepted"]
    assert "not in this event" in answer.json()["acks"][0]["reason"]


def test_a_validly_signed_ticket_sold_after_the_pull_is_kept(
    server: ServerProcess, http: httpx.Client, tmp_path: Path
) -> None:
    """A station that admitted a genuine ticket it did not have yet (policy `admit`) names the
    code in `ref`; the server checks the signature and keeps the entry."""
    from kiosk.domain.ticket_codec import TicketClaims, encode
    from server_stub.storage import open_storage

    event = seed(server.db, tickets=2, name="late sale")
    station = server.provision(event.event_id, tmp_path / "s", "S")
    store = open_storage(server.db)
    try:
        key = store.catalog.signing_key(event.event_id)
    finally:
        store.close()
    code = encode(TicketClaims(event.event_id, 7_777_777, 0), key)
    genuine = _entry(station, 3_000_001, ticket_id=7_777_777, offline=True, ref=code)
    forged_ref = _entry(station, 3_000_002, ticket_id=7_777_778, offline=True, ref=code)
    answer = _push(http, station, [genuine, forged_ref])
    assert [a["status"] for a in answer.json()["acks"]] == ["accepted", "rejected"]


def test_a_station_that_admitted_a_late_sale_gets_it_accepted(
    server: ServerProcess, tmp_path: Path
) -> None:
    """End to end: the door admits a genuine code it does not have (policy `admit`), the sync
    pushes it with its code, and the server keeps it instead of rejecting it."""
    from kiosk.domain.ticket_codec import TicketClaims, encode
    from server_stub.storage import open_storage

    event = seed(server.db, tickets=2, name="late sale e2e")
    station = server.provision(event.event_id, tmp_path / "s", "S")
    store = open_storage(server.db)
    try:
        code = encode(
            TicketClaims(event.event_id, 8_888_888, 0), store.catalog.signing_key(event.event_id)
        )
    finally:
        store.close()
    outcome = station.scan(code)
    assert outcome.offline and str(outcome.verdict) == "admitted"
    engine = server.engine(tmp_path / "s")
    try:
        report = engine.sync_once()
    finally:
        engine.close()
    assert (report.accepted, report.rejected) == (1, 0)
