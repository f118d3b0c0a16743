"""The station lane: a fleet's pushes and pulls served without FastAPI's per-request machinery.

Every station makes a push and a pull every 2 s, so at a festival these two requests are
nearly all of the server's work. Through FastAPI each paid ~1 ms of CPU on top of its own
work (dependency solving, seven middleware layers, validation models) — measured with py-spy
under `bench_server_load`, a fifth of the server's CPU. The lane is an ASGI app in front of
the API: a request in exactly the shape a station sends — `POST /v1/events/{id}/entries` with
a `Content-Length`, or `GET /v1/events/{id}/changes` with at most `after` and `limit` as plain
numbers in bounds and a well-formed `X-Doorline-Head` — is answered here by the same functions
the API's routes call (`server_stub.station_exchange`), with the same refusals
(`server_stub.api_errors`). Anything else (another path or method, a parameter FastAPI would
parse more leniently or refuse with its 422, a header given twice, a chunked body) goes to the
API unchanged, which answers it as before. The OpenAPI description still documents both
routes.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from functools import partial
from typing import Any

import anyio.to_thread
from starlette.exceptions import HTTPException

from kiosk.domain.heartbeat import HEADER as HEARTBEAT_HEADER
from server_stub.api_errors import Refusal, auth_refusal, http_refusal, not_found_refusal
from server_stub.api_limits import JSON_INT_MAX
from server_stub.station_exchange import (
    DEFAULT_PAGE,
    HEAD_PATTERN,
    MAX_PAGE,
    answer_pull,
    answer_push,
)
from server_stub.storage.interface import AuthError, NotFound, ServerStorage

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_ROUTE = re.compile(r"/v1/events/(0|[1-9][0-9]{0,15})/(entries|changes)")
_HEAD = re.compile(HEAD_PATTERN)
_NUMBER = re.compile(rb"0|[1-9][0-9]{0,15}")
_HEARTBEAT = HEARTBEAT_HEADER.lower().encode("latin-1")
# The request headers the lane reads; one of them twice sends the request to the API.
_READ = (b"authorization", b"x-doorline-head", _HEARTBEAT, b"content-length")


class StationLane:
    """ASGI: stations' pushes and pulls in their usual shape served here, everything else by
    `api` (the FastAPI app over the same `storage`)."""

    def __init__(self, api: ASGIApp, storage: ServerStorage) -> None:
        self.api = api
        self.storage = storage

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        work = self._work(scope) if scope["type"] == "http" else None
        if work is None:
            await self.api(scope, receive, send)
            return
        if scope["method"] == "POST":
            body = await _body(receive)
            if body is None:
                return  # the station hung up before its body arrived: nobody to answer
            work = partial(work, body)
        status, answer, headers = await anyio.to_thread.run_sync(_answered, work)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(answer)).encode()),
                    *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers),
                ],
            }
        )
        await send({"type": "http.response.body", "body": answer})

    def _work(self, scope: Scope) -> Callable[..., bytes] | None:
        """What answers this request here (for a push, still to be given the body), or None
        when it is not in a station's usual shape (the API answers it)."""
        route = _ROUTE.fullmatch(scope["path"])
        if route is None:
            return None
        event_id = int(route[1])
        headers = _headers(scope)
        if event_id > JSON_INT_MAX or headers is None:
            return None
        credential = _bearer(headers.get(b"authorization"))
        if route[2] == "entries":
            if scope["method"] != "POST" or b"content-length" not in headers:
                return None
            return partial(answer_push, self.storage, event_id, credential)
        if scope["method"] != "GET":
            return None
        page = _page_query(scope["query_string"])
        head = headers.get(b"x-doorline-head", "")
        if page is None or not _HEAD.fullmatch(head):
            return None
        beat = headers.get(_HEARTBEAT)
        return partial(answer_pull, self.storage, event_id, credential, *page, head, beat)


def _answered(work: Callable[[], bytes]) -> tuple[int, bytes, tuple[tuple[str, str], ...]]:
    """`work` run (on a worker thread): (200, its answer, no headers), or a refusal's status,
    body and headers for what the API's exception handlers turn into one."""
    refusal: Refusal
    try:
        return 200, work(), ()
    except AuthError as error:
        refusal = auth_refusal(error)
    except NotFound as error:
        refusal = not_found_refusal(error)
    except HTTPException as error:
        refusal = http_refusal(error)
    return refusal.status, refusal.body, refusal.headers


def _headers(scope: Scope) -> dict[bytes, str] | None:
    """The headers the lane reads, decoded as Latin-1 (as Starlette does); None when one of
    them comes twice."""
    found: dict[bytes, str] = {}
    for name, value in scope["headers"]:
        if name in _READ:
            if name in found:
                return None
            found[name] = value.decode("latin-1")
    return found


def _bearer(authorization: str | None) -> str | None:
    """The credential of `Authorization: Bearer <credential>` exactly as FastAPI's
    `HTTPBearer(auto_error=False)` reads it (RFC 6750 §2.1), None without one."""
    scheme, _, credential = (authorization or "").partition(" ")
    credential = credential.strip()
    return credential if scheme.lower() == "bearer" and credential else None


def _page_query(query: bytes) -> tuple[int, int] | None:
    """(after, limit) from a query of at most `after=N` and `limit=N` once each, plain
    decimal numbers in the API's bounds; None for any other query (the API parses it)."""
    values = {"after": 0, "limit": DEFAULT_PAGE}
    seen = set()
    for pair in query.split(b"&") if query else ():
        name, equals, number = pair.partition(b"=")
        key = name.decode("latin-1")
        if not equals or key not in values or key in seen or not _NUMBER.fullmatch(number):
            return None
        seen.add(key)
        values[key] = int(number)
    after, limit = values["after"], values["limit"]
    return (after, limit) if after <= JSON_INT_MAX and 1 <= limit <= MAX_PAGE else None


async def _body(receive: Receive) -> bytes | None:
    """The request body, or None when the client disconnected first."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)
