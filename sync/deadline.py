"""An overall deadline for a sync round, enforced at the socket.

httpx's timeouts bound each read, not a whole exchange: a server that trickles one byte of
its headers every few seconds never trips a 15 s read timeout and holds a sync round (and
`station init`) for as long as it likes. `Deadline` is a point in time shared by every request
of a round; `DeadlineTransport` gives each socket read and write at most the time left until
it, and refuses to start once it has passed, so a round ends within its deadline (plus at most
one connect timeout) whatever the server does.

httpx has no public hook for the network backend, so the transport puts a wrapper around the
backend of its connection pool (httpcore's `NetworkBackend` interface, which is public);
tests/test_hostile_sync.py holds the behaviour against a trickling server.
"""

from __future__ import annotations

import functools
import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx


class Deadline:
    """When the current round must be over (`time.monotonic()` seconds), or None."""

    def __init__(self) -> None:
        self.at: float | None = None

    def left(self) -> float | None:
        """Seconds left (never negative), or None without a deadline."""
        return None if self.at is None else max(0.0, self.at - time.monotonic())

    @contextmanager
    def within(self, seconds: float | None) -> Iterator[None]:
        """Everything inside must be done within `seconds` (nested: the earlier end wins)."""
        before = self.at
        if seconds is not None:
            end = time.monotonic() + seconds
            self.at = end if before is None else min(before, end)
        try:
            yield
        finally:
            self.at = before

    def bounded(self, timeout: float | None) -> float | None:
        """`timeout` cut to what is left; raises httpcore.ReadTimeout once nothing is."""
        left = self.left()
        if left is None:
            return timeout
        if left <= 0:
            raise httpcore.ReadTimeout("the sync round's deadline has passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(*args, **kwargs), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, self._deadline.bounded(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, self._deadline.bounded(timeout), socket_options
        )
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's default certificate check (certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR as
    set when first called), built once per process and shared by every sync client: building
    it parses the whole bundle, ~30 ms of CPU, and a station makes a client for provisioning,
    for its sync engine and for each CLI command. An SSLContext may serve many connections
    and threads at once (Python's `ssl` docs)."""
    return httpx.create_ssl_context()


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport whose every socket operation respects `deadline`; TLS with the
    process's shared `tls_context()` unless `verify` says otherwise."""

    def __init__(self, deadline: Deadline, **kwargs: Any) -> None:
        kwargs.setdefault("verify", tls_context())
        super().__init__(**kwargs)
        pool = self._pool
        pool._network_backend = _DeadlineBackend(pool._network_backend, deadline)
