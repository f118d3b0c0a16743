"""Test fixtures for sync: the real server app in this process (most tests), a real uvicorn
server in a killable subprocess (end-to-end tests), fault injection for both (an httpx
transport in process, an HTTP proxy over sockets), and helpers that seed events and provision
stations.

Both kinds of server offer the same `url`, `db`, `transport`, `provision()`, `engine()`,
`client()` and `http()`, so a test says which server it needs once and the rest reads the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.client
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.process
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import httpx

from kiosk.core.station import Station
from kiosk.domain import pin_signature
from kiosk.domain.log_entry import LogEntry
from kiosk.domain.verdicts import Action, Verdict
from server_stub.app import app_for_db
from server_stub.local_server import free_port, station_token
from server_stub.seeding import seed_event
from server_stub.storage import ServerStorage, open_storage, operator_pins
from server_stub.storage.interface import IssuedTicket
from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.provisioning import provision_from_server
from tests import server_fork

ROOT = Path(__file__).resolve().parent.parent


class _Stations:
    """What a test does with a server, whichever kind it is."""

    db: str | Path  # a SQLite file or a PostgreSQL URL
    url: str
    transport: httpx.BaseTransport | None
    _tokens: ServerStorage | None = None  # the test's own opening of `db` (`storage()`)
    _shares_storage_of: _Stations | None = None

    def provision(
        self, event_id: int, data_dir: Path, name: str, gate: str = "workshop", **kw: Any
    ) -> Station:
        """A station provisioned with a fresh one-time token, its first pull done."""
        return provision_from_server(
            data_dir,
            self.url,
            self.token(event_id, name),
            gate,
            name,
            transport=self.transport,
            **kw,
        )

    def token(self, event_id: int, name: str) -> str:
        """A one-time provisioning token, as `station_token` makes one, from the test's
        opening of the database (`storage()`)."""
        return self.storage().credentials.create_station_token(event_id, name)

    def storage(self) -> ServerStorage:
        """The test's own opening of the database, kept while the server runs (on PostgreSQL,
        each opening is a connection pool and a schema check), shared with the server this
        one was made from (`another()`): for tokens, seeding (`seed_on`) and checks."""
        if self._shares_storage_of is not None:
            return self._shares_storage_of.storage()
        if self._tokens is None:
            self._tokens = open_storage(self.db)
        return self._tokens

    def _close_tokens(self) -> None:
        if self._tokens is not None:
            self._tokens.close()
            self._tokens = None

    def engine(self, data_dir: Path, **kwargs: Any) -> SyncEngine:
        return SyncEngine.for_data_dir(data_dir, transport=self.transport, **kwargs)

    def client(self, credential: str | None = None) -> SyncClient:
        return SyncClient(self.url, credential, transport=self.transport)

    def http(self) -> httpx.Client:
        """A plain HTTP client for this server (paths relative to it), for tests that send
        requests by hand. One per test or module: each new network client costs ~30 ms of CPU
        (its certificate bundle); over the in-process transport, nothing."""
        return httpx.Client(base_url=self.url, transport=self.transport)


class AppTransport(httpx.BaseTransport):
    """Runs each request on an ASGI app with httpx's own `ASGITransport`, on an event loop in a
    thread of its own, so the synchronous sync client (from any thread, several at once) talks
    to the app as it would to uvicorn, without a socket. Bodies are read whole both ways; the
    client's read timeout applies. An exception in the app propagates to the caller (with its
    traceback) instead of becoming a bare 500, so a server bug fails the test that met it."""

    def __init__(self, app: Any) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        inner = httpx.Request(request.method, request.url, headers=request.headers, content=body)
        future = asyncio.run_coroutine_threadsafe(self._send(inner), self._loop)
        timeout = request.extensions.get("timeout", {}).get("read")
        try:
            status, headers, content = future.result(timeout)
        except TimeoutError as error:
            future.cancel()
            raise httpx.ReadTimeout("the in-process app did not answer", request=request) from error
        return httpx.Response(status, headers=headers, content=content, request=request)

    async def _send(self, request: httpx.Request) -> tuple[int, httpx.Headers, bytes]:
        response = await self._asgi.handle_async_request(request)
        content = b"".join([chunk async for chunk in response.aiter_raw()])
        return response.status_code, response.headers, content

    def close(self) -> None:
        """Called by every httpx.Client closing over this transport: the app stays up for the
        next client; `shutdown()` ends it."""

    def shutdown(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
            self._loop.close()


class FaultTransport(httpx.BaseTransport):
    """In front of another transport: lets `pass_first` requests through untouched, then
    answers `fail_500` requests with a 500 itself, and for `drop_after_processing` requests
    lets the server do the work and loses the answer (a connection dropped mid-response).
    `down` makes every request fail as a refused connection, as a stopped server does."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.pass_first = 0
        self.fail_500 = 0
        self.drop_after_processing = 0
        self.down = False
        self.requests = 0
        self._lock = threading.Lock()

    def _take(self, name: str) -> bool:
        with self._lock:
            left = getattr(self, name)
            if left > 0:
                setattr(self, name, left - 1)
                return True
            return False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused (server stopped)", request=request)
        with self._lock:
            self.requests += 1
            armed = self.requests > self.pass_first
        if armed and self._take("fail_500"):
            return httpx.Response(500, request=request)
        response = self.inner.handle_request(request)
        if armed and self._take("drop_after_processing"):
            response.read()
            raise httpx.RemoteProtocolError("peer closed connection mid-response", request=request)
        return response


class InProcessServer(_Stations):
    """The server app of `db` (the same `app_for_db` uvicorn serves), reached through
    `transport`; `faults` injects failures and `stop()`/`start()` take it offline and back."""

    url = "http://doorline-server.test"

    def __init__(self, db: str | Path, app: AppTransport | None = None) -> None:
        self.db = db
        self._owns_app = app is None
        self._app = AppTransport(app_for_db(db)) if app is None else app
        self.faults = FaultTransport(self._app)
        self.transport: httpx.BaseTransport = self.faults

    def another(self) -> InProcessServer:
        """The same app (one opening of `db`, as one server process has) behind fault
        injection of its own, for a test of a module that shares one server: FastAPI builds
        an app in ~0.1 s of CPU, and PostgreSQL starts two connections for each opening.
        Closing it leaves the app running for the module's next test."""
        sharing = InProcessServer(self.db, self._app)
        sharing._shares_storage_of = self
        return sharing

    def __enter__(self) -> InProcessServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def stop(self) -> None:
        self.faults.down = True

    def start(self) -> InProcessServer:
        self.faults.down = False
        return self

    def close(self) -> None:
        self._close_tokens()
        if self._owns_app:
            self._app.shutdown()


@contextlib.contextmanager
def in_process_server(db: str | Path) -> Iterator[InProcessServer]:
    server = InProcessServer(db)
    try:
        yield server
    finally:
        server.close()


# Server processes fork from one process per test worker that has already imported the server
# (multiprocessing's fork server): a fresh `python -m server_stub.app` spends ~1 s of CPU
# importing FastAPI and the app before it listens, ~25 times in a run on a 2-core machine. The
# fork server itself starts once, as a fresh interpreter that imports the app as any
# `python -m server_stub.app` does.
_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(server_fork.PRELOAD)


def start_fork_server() -> None:
    """Start this process's fork server now and return at once: it imports the server (~1 s
    of CPU) while the worker goes on with other tests, where the first `ServerProcess` would
    otherwise wait for it. For sessions that will start server processes."""
    multiprocessing.forkserver.ensure_running()


class ServerProcess(_Stations):
    """The server of `python -m server_stub.app` (its `main`) in a process of its own on
    127.0.0.1, a real uvicorn on a real socket: kill() is a real SIGKILL mid-anything."""

    transport = None

    def __init__(self, db: str | Path, port: int | None = None) -> None:
        self.db = db
        self.port = port or free_port()
        self.proc: multiprocessing.process.BaseProcess | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        argv = ["--db", str(self.db), "--port", str(self.port)]
        fd, stderr_path = tempfile.mkstemp(prefix="doorline-server-", suffix=".log")
        os.close(fd)
        self.proc = _FORKS.Process(target=server_fork.serve, args=(argv, stderr_path), daemon=True)
        self.proc.start()
        try:
            deadline = time.monotonic() + 60  # a loaded CI machine starts Python slowly
            while time.monotonic() < deadline:
                if not self.proc.is_alive():
                    err = Path(stderr_path).read_text(errors="replace")
                    raise RuntimeError(f"server exited ({self.proc.exitcode}): {err}")
                # uvicorn listens only once the app has started: until then a connect is
                # refused at once. A bare socket, as each new httpx client would cost ~30 ms
                # of CPU (its certificate bundle) while the server itself is starting.
                if health_answers(self.port):
                    return self
                time.sleep(0.02)
            raise RuntimeError("server did not start")
        finally:
            os.unlink(stderr_path)  # the process keeps its open file; nothing is left behind

    def kill(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            os.kill(self.proc.pid, signal.SIGKILL)  # type: ignore[arg-type]
            self.proc.join(10)
        self.proc = None

    def stop(self) -> None:
        self._close_tokens()
        if self.proc is not None and self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(10)
            if self.proc.is_alive():
                self.kill()
        self.proc = None


def health_answers(port: int) -> bool:
    """Whether GET /health on 127.0.0.1:`port` answers 200 (False while nothing listens)."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/health")
            return conn.getresponse().status == 200
        finally:
            conn.close()
    except (OSError, http.client.HTTPException):
        return False


@contextlib.contextmanager
def running_server(db: str | Path) -> Iterator[ServerProcess]:
    server = ServerProcess(db).start()
    try:
        yield server
    finally:
        server.stop()


class FaultProxy:
    """An HTTP/1.1 forwarder that can answer 500 itself or drop the connection after the real
    server has processed the request (half of the response sent, then the socket closed)."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self.pass_first = 0  # requests forwarded untouched before any fault applies
        self.fail_500 = 0
        self.drop_after_processing = 0
        self.requests = 0
        self.lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closing = True
        self._listener.close()

    def _take(self, name: str) -> bool:
        with self.lock:
            left = getattr(self, name)
            if left > 0:
                setattr(self, name, left - 1)
                return True
            return False

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with client:
            while True:
                request = _read_message(client)
                if request is None:
                    return
                with self.lock:
                    self.requests += 1
                    armed = self.requests > self.pass_first
                if armed and self._take("fail_500"):
                    client.sendall(
                        b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n"
                    )
                    continue
                with socket.create_connection(("127.0.0.1", self.upstream_port)) as upstream:
                    upstream.sendall(request)
                    response = _read_message(upstream)
                if response is None:
                    return
                if armed and self._take("drop_after_processing"):
                    client.sendall(response[: len(response) // 2])
                    client.shutdown(socket.SHUT_RDWR)
                    return
                client.sendall(response)


def _read_message(sock: socket.socket) -> bytes | None:
    """One HTTP message with a content-length body (uvicorn's JSON answers always have one)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


@dataclass(frozen=True)
class SeededEvent:
    event_id: int
    tickets: list[IssuedTicket]


# The scrypt cost of a test event's operator PIN (N; the product's is 2**14, ~50 ms of CPU per
# PIN set and per unlock, paid for ~170 seeded events in the server tests). Scrypt still runs
# and the verifier carries its N as any event's does: what the tests prove of the PIN (the
# right one unlocks and signs, a wrong or old one is refused) does not depend on the cost.
# The product's own cost is proven where the PIN is set outside this helper (conftest's
# seeded_event, `doorline demo`, test_operator_pin_authority's PIN change, pin_signature).
TEST_PIN_SCRYPT_N = 2**10


def seed(db: str | Path, tickets: int = 20, name: str = "Sync test") -> SeededEvent:
    """`server_stub.seeding.seed_event` on `db`: an event of its own with `tickets` tickets
    and the demo operator PIN (at `TEST_PIN_SCRYPT_N`)."""
    store = open_storage(db)
    try:
        return seed_on(store, tickets, name)
    finally:
        store.close()


def seed_on(store: ServerStorage, tickets: int = 20, name: str = "Sync test") -> SeededEvent:
    """`seed` on an opening of the database the caller keeps (a server's `storage()`)."""
    cheaper_pin = functools.partial(pin_signature.new_pin_secrets, n=TEST_PIN_SCRYPT_N)
    with mock.patch.object(operator_pins, "new_pin_secrets", cheaper_pin):
        result = seed_event(store, name, tickets)
    return SeededEvent(result.event_id, result.tickets)


def provision(
    db: str | Path, url: str, event_id: int, data_dir: Path, name: str, gate: str = "workshop"
) -> Station:
    token = station_token(db, event_id, name)
    return provision_from_server(data_dir, url, token, gate, name)


def double_admissions(entries: list[LogEntry]) -> set[tuple[str, str]]:
    """An independent reading of PRODUCT §4 at single-entry gates, to check the merge against:
    an admission while the ticket is inside after another station's admission, with no exit
    between them (no undo or override in the schedules that use it)."""
    by_ticket: dict[int, list[LogEntry]] = {}
    for entry in entries:
        if entry.ticket_id is not None:
            by_ticket.setdefault(entry.ticket_id, []).append(entry)
    found: set[tuple[str, str]] = set()
    for of_ticket in by_ticket.values():
        inside: LogEntry | None = None
        for entry in sorted(of_ticket, key=lambda e: (e.hlc, e.station_id, e.seq)):
            if entry.action is Action.EXIT:
                inside = None
            elif entry.action is Action.ENTRY and entry.verdict is Verdict.ADMITTED:
                if inside is not None and inside.station_id != entry.station_id:
                    found.add((inside.id, entry.id))
                inside = entry
    return found
