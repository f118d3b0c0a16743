"""The API's refusals as bytes on the wire: one shape for every route and for the station lane.

`{"detail": words}` with, for 401/403/413, a machine-readable `problem`
(docs/sync-protocol.md, "Errors"). The FastAPI exception handlers (`server_stub.app`) and the
station lane (`server_stub.station_lane`) both answer from here, so a refusal reads the same
whichever of the two served the request.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson
from starlette.exceptions import HTTPException

from server_stub.api_limits import MAX_BODY_BYTES
from server_stub.storage.interface import AuthError, NotFound


@dataclass(frozen=True)
class Refusal:
    """One error answer: the HTTP status, the JSON body (UTF-8), extra response headers."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def auth_refusal(error: AuthError) -> Refusal:
    """401 (with `WWW-Authenticate: Bearer`, RFC 6750 §3) or 403, with the problem's name."""
    body = orjson.dumps({"detail": str(error), "problem": str(error.problem)})
    headers = (("WWW-Authenticate", "Bearer"),) if error.status_code == 401 else ()
    return Refusal(error.status_code, body, headers)


def not_found_refusal(error: NotFound) -> Refusal:
    """404: no such event, ticket, station or conflict, in words."""
    return Refusal(404, orjson.dumps({"detail": str(error)}))


def body_too_large(limit: int = MAX_BODY_BYTES) -> Refusal:
    """413 for a request body over `limit` bytes, announced or not, with `problem`
    `body_too_large`."""
    words = f"the request body is over the limit of {limit} bytes"
    return Refusal(413, orjson.dumps({"detail": words, "problem": "body_too_large"}))


def http_refusal(error: HTTPException) -> Refusal:
    """An `HTTPException`'s status and detail; Starlette's plain 'Content Too Large' (a body
    without a length over the limit) as `body_too_large`."""
    if error.status_code == 413 and error.detail == "Content Too Large":
        return body_too_large()
    headers = tuple((error.headers or {}).items())
    return Refusal(error.status_code, orjson.dumps({"detail": error.detail}), headers)
