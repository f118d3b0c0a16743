"""A sync server stub on a free local port, in a background thread (the demo and tests)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    def __init__(self, db: str | Path, port: int | None = None) -> None:
        self.db = db
        self.port = port or free_port()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> None:
        import uvicorn

        from server_stub.app import app_for_db

        config = uvicorn.Config(
            app_for_db(self.db),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=2,  # an open dashboard stream does not hold the stop
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="demo-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"the local server did not start on port {self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(5)
        self._server = self._thread = None


def station_token(db: str | Path, event_id: int, name: str) -> str:
    """A one-time provisioning token straight from a server database (demo, tests)."""
    from server_stub.storage import open_storage

    storage = open_storage(db)
    try:
        return storage.credentials.create_station_token(event_id, name)
    finally:
        storage.close()
