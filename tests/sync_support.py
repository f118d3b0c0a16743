"""Test fixtures for sync: a real uvicorn server in a killable subprocess, a fault-injecting
HTTP proxy in front of it, and helpers that seed events and provision stations."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from kiosk.core.station import Station
from kiosk.domain.log_entry import LogEntry
from kiosk.domain.verdicts import Action, Verdict
from server_stub.local_server import free_port, station_token
from server_stub.seeding import seed_event
from server_stub.store import IssuedTicket, ServerStore
from sync.provisioning import provision_from_server

ROOT = Path(__file__).resolve().parent.parent


class ServerProcess:
    """`python -m server_stub.app` on 127.0.0.1: kill() is a real SIGKILL mid-anything."""

    def __init__(self, db: Path, port: int | None = None) -> None:
        self.db = db
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        cmd = [
            sys.executable,
            "-m",
            "server_stub.app",
            "--db",
            str(self.db),
            "--port",
            str(self.port),
        ]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"server exited: {err}")
            try:
                if httpx.get(self.url + "/health", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None


@contextlib.contextmanager
def running_server(db: Path) -> Iterator[ServerProcess]:
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


def seed(db: Path, tickets: int = 20, name: str = "Sync test") -> SeededEvent:
    store = ServerStore(db)
    try:
        result = seed_event(store, name, tickets)
    finally:
        store.close()
    return SeededEvent(result.event_id, result.tickets)


def provision(
    db: Path, url: str, event_id: int, data_dir: Path, name: str, gate: str = "workshop"
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
