"""An ESC/POS network printer emulated on a local TCP port, for rehearsals, tests and benchmarks.

It speaks the part of the protocol Doorline uses: it answers the real-time status requests
(DLE EOT 1, 2, 4) the way an Epson-compatible printer does, before the job and after it (a
request ending what has arrived so far), and collects the job's bytes until the sender closes.
Its mode makes it misbehave like real printers do: out of paper, cover open, silent (accepts
the connection and never reads: a hung printer), dies mid-job (answers the status request,
reads part of the job, resets the connection), its cover opened mid-job (ready before the
badge, offline after it), or mute after the job (never answers the status after the badge).
A port with nothing listening (`closed_port()`) stands in for a printer that refuses
connections.
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from enum import StrEnum

STATUS_QUERY = b"\x10\x04"


class PrinterMode(StrEnum):
    READY = "ready"
    PAPER_LOW = "paper-low"
    OUT_OF_PAPER = "out-of-paper"
    COVER_OPEN = "cover-open"
    SILENT = "silent"
    DIES_MID_JOB = "dies-mid-job"
    COVER_OPENED_MID_JOB = "cover-opened-mid-job"
    MUTE_AFTER_JOB = "mute-after-job"


#: Status bytes per mode for DLE EOT 1 (printer), 2 (offline cause) and 4 (paper sensor).
_REPLIES: dict[PrinterMode, dict[int, int]] = {
    PrinterMode.READY: {1: 0x12, 2: 0x12, 4: 0x12},
    PrinterMode.PAPER_LOW: {1: 0x12, 2: 0x12, 4: 0x1E},
    PrinterMode.OUT_OF_PAPER: {1: 0x1A, 2: 0x32, 4: 0x72},
    PrinterMode.COVER_OPEN: {1: 0x1A, 2: 0x16, 4: 0x12},
}


#: How many bytes of a job a printer in DIES_MID_JOB mode takes before it resets.
DIES_AFTER_BYTES = 64


@dataclass
class _Connection:
    received: bytearray = field(default_factory=bytearray)
    in_job: bool = False


class EscposPrinterEmulator:
    """A listener on 127.0.0.1 (a free port unless given); `jobs` holds each job's bytes."""

    def __init__(
        self, mode: PrinterMode = PrinterMode.READY, host: str = "127.0.0.1", port: int = 0
    ):
        self.mode = mode
        self._server = socket.create_server((host, port), backlog=64)
        self._server.setblocking(False)
        self.host, self.port = self._server.getsockname()[:2]
        self.jobs: list[bytes] = []
        self.cut_off_jobs: list[bytes] = []  # what a printer that died mid-job had received
        self.connections = 0
        self._silent: list[socket.socket] = []
        self._changed = threading.Condition()
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="escpos-emulator", daemon=True)

    @property
    def spec(self) -> str:
        return f"escpos-net:{self.host}:{self.port}"

    def __enter__(self) -> EscposPrinterEmulator:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        self._selector.register(self._server, selectors.EVENT_READ, None)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for key in list(self._selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        for conn in self._silent:
            conn.close()
        self._selector.close()

    def wait_for_jobs(self, count: int, timeout_s: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while len(self.jobs) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
        return True

    # -- the event loop -----------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(timeout=0.05):
                if key.data is None:
                    self._accept()
                else:
                    self._read(key.fileobj, key.data)  # type: ignore[arg-type]

    def _accept(self) -> None:
        try:
            conn, _ = self._server.accept()
        except BlockingIOError:
            return
        conn.setblocking(False)
        self.connections += 1
        if self.mode is PrinterMode.SILENT:
            self._silent.append(conn)  # held open, never read: the sender's timeout must act
        else:
            self._selector.register(conn, selectors.EVENT_READ, _Connection())

    def _read(self, conn: socket.socket, state: _Connection) -> None:
        try:
            chunk = conn.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._finish(conn, state)
            return
        state.received += chunk
        if not state.in_job:
            self._answer_queries(conn, state)
            if not state.in_job:
                return
        if self.mode is PrinterMode.DIES_MID_JOB and len(state.received) >= DIES_AFTER_BYTES:
            self._die(conn, state)
        else:  # the job and the request after it may arrive in one read
            self._answer_after_job(conn, state)

    def _answer_queries(self, conn: socket.socket, state: _Connection) -> None:
        """Status requests come before the job; the first other byte starts the job."""
        while state.received[:2] == STATUS_QUERY and len(state.received) >= 3:
            kind = state.received[2]
            del state.received[:3]
            reply = _REPLIES.get(self.mode, _REPLIES[PrinterMode.READY]).get(kind, 0x12)
            conn.sendall(bytes((reply,)))
        if state.received and state.received[:2] != STATUS_QUERY[: len(state.received[:2])]:
            state.in_job = True

    def _answer_after_job(self, conn: socket.socket, state: _Connection) -> None:
        """A status request that ends what arrived is asked after the badge (real-time
        commands are answered wherever they come in the stream)."""
        while len(state.received) >= 3 and state.received[-3:-1] == STATUS_QUERY:
            kind = state.received[-1]
            if kind not in (1, 2, 4):
                return
            del state.received[-3:]
            if self.mode is PrinterMode.MUTE_AFTER_JOB:
                continue
            replies = _REPLIES.get(self.mode, _REPLIES[PrinterMode.READY])
            if self.mode is PrinterMode.COVER_OPENED_MID_JOB:
                replies = _REPLIES[PrinterMode.COVER_OPEN]
            conn.sendall(bytes((replies.get(kind, 0x12),)))

    def _die(self, conn: socket.socket, state: _Connection) -> None:
        """Reset the connection (RST, not a polite close), keeping what arrived."""
        with self._changed:  # recorded first: the sender sees the reset at once
            self.cut_off_jobs.append(bytes(state.received))
            self._changed.notify_all()
        self._selector.unregister(conn)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    def _finish(self, conn: socket.socket, state: _Connection) -> None:
        self._selector.unregister(conn)
        conn.close()
        if state.received:
            with self._changed:
                self.jobs.append(bytes(state.received))
                self._changed.notify_all()


def closed_port(host: str = "127.0.0.1") -> int:
    """A local port with nothing listening: connecting to it is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
