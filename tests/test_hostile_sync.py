"""Sync is bounded and trusts nothing it receives: a server that trickles, never stops saying
`more`, answers in the wrong shape or sends a giant answer cannot hold a station or damage its
replica; an interrupted provisioning finishes when the same command runs again."""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sync_support import (
    FaultProxy,
    InProcessServer,
    SeededEvent,
    ServerProcess,
    in_process_server,
    seed,
)

from kiosk.cli.main import main as doorline
from kiosk.station_store import DB_FILENAME, StationStore
from server_stub.local_server import free_port
from sync import provisioning
from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.errors import ServerFailed, SyncError
from sync.provisioning import ProvisioningError, provision_from_server
from sync.pulled_changes import pull_cursor

pytestmark = pytest.mark.slow

Behaviour = Callable[[str, socket.socket], None]
GIVE_UP_S = 30.0  # a hostile connection never lives longer than this, whatever the test does


class HostileServer:
    """HTTP on 127.0.0.1 that answers each request with `behaviour(path, socket)`."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.port = free_port()
        self.requests: list[str] = []
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(GIVE_UP_S)
        with conn:
            try:
                while True:
                    head = b""
                    while b"\r\n\r\n" not in head:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        head += chunk
                    line = head.split(b"\r\n", 1)[0].decode()
                    path = line.split(" ")[1]
                    self.requests.append(path)
                    self.behaviour(path, conn)
            except OSError:
                return


def _json_answer(conn: socket.socket, body: Any) -> None:
    data = json.dumps(body).encode()
    conn.sendall(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
        + f"content-length: {len(data)}\r\n\r\n".encode()
        + data
    )


def _trickle(conn: socket.socket, data: bytes, every_s: float = 0.2) -> None:
    started = time.monotonic()
    for byte in data:
        if time.monotonic() - started > GIVE_UP_S:
            return
        conn.sendall(bytes([byte]))
        time.sleep(every_s)


def trickled_headers(_path: str, conn: socket.socket) -> None:
    _trickle(conn, b"HTTP/1.1 200 OK\r\n" + b"x-slow: " + b"a" * 10_000)


def trickled_body(_path: str, conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 9999\r\n\r\n"
    )
    _trickle(conn, b"{" + b" " * 9998)


def _page(cursor: int, more: bool, **changes: Any) -> dict[str, Any]:
    page: dict[str, Any] = {"cursor": cursor, "top": cursor + 1, "more": more}
    for kind in ("ticket_types", "gates", "keys", "tickets", "revocations", "entries"):
        page[kind] = []
    return {**page, **changes}


def _after(path: str) -> int:
    return int(path.split("after=")[1].split("&")[0]) if "after=" in path else 0


def more_forever(path: str, conn: socket.socket) -> None:
    _json_answer(conn, _page(_after(path) + 1, True))


@pytest.fixture(scope="module")
def real(module_server_db: str) -> Iterator[tuple[ServerProcess, SeededEvent]]:
    db = module_server_db
    event = seed(db, tickets=30, name="hostile sync")
    server = ServerProcess(db).start()
    yield server, event
    server.stop()


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[InProcessServer, int]]:
    """Where the stations that then meet a hostile server come from: the real app in process
    on a SQLite file. What these tests prove is the station's (the hostile server answers, not
    this one), so they run once, not once per server engine."""
    db = tmp_path_factory.mktemp("provider") / "server.sqlite3"
    event = seed(db, tickets=30, name="hostile sync")
    with in_process_server(db) as server:
        yield server, event.event_id


@pytest.fixture
def station_dir(provider: tuple[InProcessServer, int], tmp_path: Path) -> Path:
    server, event_id = provider
    server.provision(event_id, tmp_path / "st", "S").replica.close()
    return tmp_path / "st"


def _engine_against(
    hostile: HostileServer, station_dir: Path, **options: Any
) -> tuple[SyncEngine, SyncClient]:
    replica = StationStore(station_dir / DB_FILENAME)
    credential = replica.identity().credential  # type: ignore[union-attr]
    replica.close()
    client = SyncClient(hostile.url, credential, max_answer_bytes=options.pop("cap", 1 << 20))
    return SyncEngine(station_dir / DB_FILENAME, client=client, **options), client


@pytest.mark.parametrize("behaviour", [trickled_headers, trickled_body], ids=["headers", "body"])
def test_a_trickling_server_cannot_hold_a_sync_round(
    station_dir: Path, behaviour: Behaviour
) -> None:
    hostile = HostileServer(behaviour)
    engine, client = _engine_against(hostile, station_dir, round_deadline_s=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(SyncError) as failed:
            engine.sync_once()
        assert not engine.status().online
    finally:
        engine.close()
        client.close()
        hostile.close()
    assert time.monotonic() - started < 6.0
    assert "too long" in str(failed.value)


def test_more_forever_stops_at_the_page_budget(station_dir: Path) -> None:
    hostile = HostileServer(more_forever)
    engine, client = _engine_against(hostile, station_dir, page_budget=25)
    try:
        with pytest.raises(ServerFailed) as failed:
            engine.sync_once()
        assert "25 pages" in str(failed.value)
        assert len([p for p in hostile.requests if "/changes" in p]) <= 26
    finally:
        engine.close()
        client.close()
        hostile.close()


def _without(row: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != key}


_KEY = {"kid": 9, "algorithm": "hmac-sha256", "material": "00" * 32, "status": "active"}
BAD_PAGES: dict[str, tuple[Callable[[int], Any], str]] = {
    "negative cursor": (lambda after: _page(-5, False), "cursor"),
    "cursor backwards": (lambda after: _page(after - 1, False), "cursor"),
    "cursor stands still": (lambda after: _page(after, True), "cursor"),
    "missing key": (lambda after: {"cursor": after + 1, "more": False}, "top"),
    "more is text": (lambda after: _page(after + 1, "yes"), "more"),  # type: ignore[arg-type]
    "ticket code a number": (
        lambda after: _page(after + 1, False, tickets=[{**_TICKET, "code": 5}]),
        "tickets[0].code",
    ),
    "ticket without id": (
        lambda after: _page(after + 1, False, tickets=[_without(_TICKET, "id")]),
        "tickets[0].id",
    ),
    "ticket id beyond 64 bits": (
        lambda after: _page(after + 1, False, tickets=[{**_TICKET, "id": 2**70}]),
        "tickets[0].id",
    ),
    "unknown key algorithm": (
        lambda after: _page(after + 1, False, keys=[{**_KEY, "algorithm": "rot13"}]),
        "keys[0].algorithm",
    ),
    "key not hex": (
        lambda after: _page(after + 1, False, keys=[{**_KEY, "material": "zz"}]),
        "keys[0].material",
    ),
    "not an object": (lambda after: [1, 2, 3], "must be an object"),
}  # fmt: skip
_TICKET = {
    "id": 424242, "type_id": 0, "code": "x", "confirmation": "C", "first_name": "A",
    "last_name": "B", "organisation": "", "email_hash": None, "phone_hash": None, "flagged": 0,
    "note": "",
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_PAGES))
def test_a_page_of_the_wrong_shape_stores_nothing_and_names_the_field(
    station_dir: Path, case: str
) -> None:
    make, field = BAD_PAGES[case]
    replica = StationStore(station_dir / DB_FILENAME)
    before_cursor = pull_cursor(replica)
    before_counts = replica.counts()
    replica.close()

    def answer(path: str, conn: socket.socket) -> None:
        if "/entries" in path:
            _json_answer(
                conn, {"acks": [], "accepted": 0, "duplicate": 0, "rejected": 0, "gaps": []}
            )
        else:
            _json_answer(conn, make(_after(path)))

    hostile = HostileServer(answer)
    engine, client = _engine_against(hostile, station_dir)
    try:
        with pytest.raises(ServerFailed) as failed:
            engine.sync_once()
    finally:
        engine.close()
        client.close()
        hostile.close()
    assert field in str(failed.value)
    assert "nothing was stored" in str(failed.value)
    replica = StationStore(station_dir / DB_FILENAME)
    try:
        assert pull_cursor(replica) == before_cursor
        assert replica.counts() == before_counts
    finally:
        replica.close()


def test_a_giant_answer_is_refused_without_reading_it(station_dir: Path) -> None:
    def announced(_path: str, conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 1500000000\r\n\r\n" + b" " * 65536)

    def chunked(_path: str, conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
        chunk = b" " * 65536
        for _ in range(200):  # 13 MB, far past the 1 MB cap of this client
            conn.sendall(b"10000\r\n" + chunk + b"\r\n")

    for behaviour in (announced, chunked):
        hostile = HostileServer(behaviour)
        engine, client = _engine_against(hostile, station_dir, cap=1 << 20)
        try:
            with pytest.raises(ServerFailed) as failed:
                engine.pull_all()
        finally:
            engine.close()
            client.close()
            hostile.close()
        assert "larger than 1 MB" in str(failed.value)


def test_init_against_a_trickling_server_ends_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(provisioning, "REGISTER_DEADLINE_S", 0.5)
    hostile = HostileServer(trickled_headers)
    started = time.monotonic()
    try:
        code = doorline(
            ["station", "init", "--data-dir", str(tmp_path / "d"), "--server", hostile.url,
             "--token", "t"]
        )  # fmt: skip
    finally:
        hostile.close()
    assert code == 2
    assert time.monotonic() - started < 8.0
    err = capsys.readouterr().err
    assert "too long" in err and "Traceback" not in err


def test_a_drop_right_after_the_token_exchange_does_not_burn_the_token(
    real: tuple[ServerProcess, SeededEvent], tmp_path: Path
) -> None:
    """The exchange answer arrives, then the network drops while the event is read (the server
    saw that request). Running the same command again finishes the provisioning."""
    server, event = real
    token = server.token(event.event_id, "dropped")
    proxy = FaultProxy(server.port)
    proxy.pass_first = 1  # the token exchange
    proxy.drop_after_processing = 1  # the event info: processed by the server, answer lost
    data_dir = tmp_path / "d"
    try:
        with pytest.raises(ProvisioningError) as first:
            provision_from_server(data_dir, proxy.url, token, "workshop")
        assert "same command again" in str(first.value)
        station = provision_from_server(data_dir, proxy.url, token, "workshop")
    finally:
        proxy.close()
    assert station.replica.counts().tickets == len(event.tickets)
    assert not (data_dir / provisioning.ATTEMPT_FILENAME).exists()
    station.replica.close()


def test_a_lost_exchange_answer_is_retried_with_the_same_nonce(
    real: tuple[ServerProcess, SeededEvent], tmp_path: Path
) -> None:
    server, event = real
    token = server.token(event.event_id, "lost answer")
    proxy = FaultProxy(server.port)
    proxy.drop_after_processing = provisioning.EXCHANGE_ATTEMPTS  # every attempt of this run
    data_dir = tmp_path / "d"
    try:
        with pytest.raises(ProvisioningError):
            provision_from_server(data_dir, proxy.url, token, "workshop")
        station = provision_from_server(data_dir, proxy.url, token, "workshop")
    finally:
        proxy.close()
    assert station.replica.counts().tickets == len(event.tickets)
    station.replica.close()


def test_init_resumes_a_half_pulled_station(
    real: tuple[ServerProcess, SeededEvent], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, event = real
    token = server.token(event.event_id, "half")
    proxy = FaultProxy(server.port)
    proxy.pass_first = 3  # exchange, event info, the first page
    proxy.fail_500 = 100
    data_dir = tmp_path / "d"
    try:
        with pytest.raises(ProvisioningError):
            provision_from_server(data_dir, proxy.url, token, "workshop", page_size=5)
        assert doorline(["station", "status", "--data-dir", str(data_dir)]) == 0
        assert "first download is not complete" in capsys.readouterr().out
        proxy.fail_500 = 0
        code = doorline(
            ["station", "init", "--data-dir", str(data_dir), "--server", proxy.url,
             "--token", token]
        )  # fmt: skip
    finally:
        proxy.close()
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"with {len(event.tickets)} tickets" in out


def test_until_the_first_download_completes_unlisted_tickets_are_not_admitted(
    real: tuple[ServerProcess, SeededEvent], tmp_path: Path
) -> None:
    from kiosk.domain.ticket_codec import TicketClaims, encode
    from server_stub.storage import open_storage

    server, event = real
    token = server.token(event.event_id, "early")
    proxy = FaultProxy(server.port)
    proxy.pass_first = 3
    proxy.fail_500 = 100
    data_dir = tmp_path / "d"
    try:
        with pytest.raises(ProvisioningError):
            provision_from_server(data_dir, proxy.url, token, "workshop", page_size=5)
    finally:
        proxy.close()
    store = open_storage(server.db)
    try:
        unlisted = encode(
            TicketClaims(event.event_id, 9_999_001, 0), store.catalog.signing_key(event.event_id)
        )
    finally:
        store.close()
    from kiosk.core.station import Station

    station = Station(StationStore(data_dir / DB_FILENAME))
    try:
        outcome = station.scan(unlisted)
        assert str(outcome.verdict) == "unknown_ticket"
        assert "first download" in outcome.detail
    finally:
        station.replica.close()


def test_every_sync_client_checks_certificates_with_one_shared_context() -> None:
    """Built once per process (it costs ~30 ms of CPU), the TLS context of every sync client
    still checks the server's certificate and name, as httpx's default does."""
    from sync.deadline import Deadline, DeadlineTransport, tls_context

    context = tls_context()
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 0  # a bundle of authorities was loaded
    transports = [DeadlineTransport(Deadline()) for _ in range(2)]
    try:
        assert all(t._pool._ssl_context is context for t in transports)
    finally:
        for transport in transports:
            transport.close()
