"""One simulated station's keep-alive HTTP/1.1 connection, for `bench_server_load`.

The load generator runs on the same two cores as the server it measures, so its CPU per
request is taken from the server. Measured in bench_server_load (PostgreSQL × 2, 50 and 200
stations, machine shared): httpx ~3.8 ms a request, aiohttp ~0.8 ms, this connection ~0.4 ms.
aiohttp spends the difference on what a general client must do (URL joining, header
multidicts, cookie and proxy handling, payload registries); a station's requests are fixed:
a handful of headers and a body the generator already holds as bytes.

So the request is written as the station's httpx writes it (the same header lines, in one
`write`), and the answer is parsed by httptools (MagicStack's binding of llhttp, Node.js's
HTTP parser; uvicorn's own parser, installed with the server): framing by Content-Length or
chunked, keep-alive or close, a malformed answer refused (RFC 9112). The connection opens on
the first request and again after the server closed it; a request that times out or breaks
off closes it, as httpx drops such a connection.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any, cast

import httptools
import httpx


@cache
def station_headers() -> str:
    """The header lines the station's httpx client (sync.client.SyncClient) sends with every
    request besides Host and its credential: httpx's defaults, as it names them."""
    with httpx.Client() as client:
        return "".join(f"{k.decode()}: {v.decode()}\r\n" for k, v in client.headers.raw)


class ConnectionBroken(Exception):
    """The server closed the connection or sent something that is not an HTTP answer."""


class StationConnection(asyncio.Protocol):
    """A station's connection to the server at `host`:`port`, sending `credential` as its
    bearer token. `request` is for one caller at a time, as a station makes its requests in
    turn. Raises TimeoutError (connect over `connect_s`, or a whole request over
    `request_s`) and `ConnectionBroken`; OSError when the server cannot be reached."""

    def __init__(
        self,
        host: str,
        port: int,
        credential: str,
        connect_s: float = 3.0,
        request_s: float = 15.0,
    ) -> None:
        self.host, self.port = host, port
        self.connect_s, self.request_s = connect_s, request_s
        self._head = (
            f"Host: {host}:{port}\r\n{station_headers()}Authorization: Bearer {credential}\r\n"
        )
        self._transport: asyncio.Transport | None = None
        self._parser: Any = None
        self._body: list[bytes] = []
        self._answer: asyncio.Future[tuple[int, bytes]] | None = None

    async def request(
        self, method: str, target: str, body: bytes | None = None, headers: str = ""
    ) -> tuple[int, bytes]:
        """Send `method` `target` (path and query) with `body` (JSON) and the extra header
        lines `headers` ("Name: value\\r\\n" each); returns the status and the whole body."""
        if self._transport is None:
            await self._connect()
        assert self._transport is not None
        lines = f"{method} {target} HTTP/1.1\r\n{self._head}{headers}"
        if body is not None:
            lines += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        data = (lines + "\r\n").encode("latin-1") + (body or b"")
        self._answer = asyncio.get_running_loop().create_future()
        self._transport.write(data)
        try:
            async with asyncio.timeout(self.request_s):
                return await self._answer
        except BaseException:
            self.close()  # an answer that comes after this must not be taken for the next one
            raise
        finally:
            self._answer = None

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(self.connect_s):
            await loop.create_connection(lambda: self, self.host, self.port)

    # -- asyncio.Protocol and httptools' callbacks ----------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        self._parser = httptools.HttpResponseParser(self)
        self._body = []

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None
        self._fail("the server closed the connection")

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._fail(f"not an HTTP answer: {error}")
            self.close()

    def on_body(self, chunk: bytes) -> None:
        self._body.append(chunk)

    def on_message_complete(self) -> None:
        body, self._body = b"".join(self._body), []
        keep = self._parser.should_keep_alive()
        if self._answer is not None and not self._answer.done():
            self._answer.set_result((self._parser.get_status_code(), body))
        if not keep:
            self.close()

    def _fail(self, words: str) -> None:
        if self._answer is not None and not self._answer.done():
            self._answer.set_exception(ConnectionBroken(words))
