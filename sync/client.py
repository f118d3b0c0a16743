"""The station's HTTP client for the sync protocol: one reused httpx.Client, short timeouts.

Creating an httpx.Client costs ~28 ms (certificate bundle), so a station keeps one for its
lifetime. Every failure becomes a typed `SyncError` whose words can be shown at the door.

The transport is a seam (httpx's own): by default httpx's HTTP transport over the network; any
`httpx.BaseTransport` can stand in, e.g. one that runs the server's app in this process (tests)
or one that injects faults. Transport errors it raises are handled like network errors.

Nothing the server sends is trusted to be small or quick: an answer is read as a stream and
refused once it passes `max_answer_bytes` (a 1.5 GB answer took 3.1 GB of memory before), and
`deadline` (see `sync.deadline`) bounds a whole round, not only each read.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import orjson

from kiosk.domain.heartbeat import HEADER as HEARTBEAT_HEADER
from sync.deadline import Deadline, DeadlineTransport
from sync.errors import (
    AccessRefused,
    RequestRefused,
    ServerFailed,
    ServerUnreachable,
    SyncProblem,
)

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=3.0)
# A full pull page of 20,000 tickets is ~6 MB of JSON; anything beyond this is not an answer.
MAX_ANSWER_BYTES = 64 * 1024 * 1024
_JSON_HEADERS = {"Content-Type": "application/json"}


_SANE_FROM = datetime(2020, 1, 1, tzinfo=UTC)
_SANE_UNTIL = datetime(2100, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ServerTime:
    """The server's clock as read from an answer: Unix ms, and when (monotonic s) it came."""

    server_ms: int
    read_at: float

    def now_ms(self) -> int:
        """The server's time now, by this reading and the time passed since."""
        return self.server_ms + int((time.monotonic() - self.read_at) * 1000)


class SyncClient:
    """The sync protocol's calls, each returning the server's decoded JSON answer.

    Takes the server's base URL, the station's credential (None before provisioning), the
    timeouts, and optionally the httpx transport to send requests through (None: the network).
    Raises `ServerUnreachable` (timeouts, transport errors), `AccessRefused` (401/403) and
    `ServerFailed` (other 4xx/5xx, answers that are not the expected JSON).
    """

    def __init__(
        self,
        server_url: str,
        credential: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.max_answer_bytes = max_answer_bytes
        self.deadline = Deadline()
        self.server_time: ServerTime | None = None  # from the last answer's Date header
        headers = {"Authorization": f"Bearer {credential}"} if credential else {}
        try:
            self._http = httpx.Client(
                base_url=self.server_url,
                timeout=timeout,
                headers=headers,
                # The network transport enforces the deadline at every socket operation; a
                # stand-in transport (tests) is only checked before each request.
                transport=transport or DeadlineTransport(self.deadline),
            )
        except (httpx.InvalidURL, ValueError) as error:
            raise ServerUnreachable(
                f"{server_url!r} is not a server address: {error}",
                SyncProblem.NOT_AN_ADDRESS,
                server_url,
            ) from error

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def set_credential(self, credential: str) -> None:
        self._http.headers["Authorization"] = f"Bearer {credential}"

    # -- endpoints ------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/health")

    def provision(
        self, token: str, nonce: str, name: str | None, gate: str | None = None
    ) -> dict[str, Any]:
        """Exchange a one-time token; with `gate`, the server refuses an unknown gate before
        the token is spent."""
        body = {"token": token, "nonce": nonce, "name": name}
        if gate:
            body["gate"] = gate
        return self._call("POST", "/v1/provision", json=body)

    def event_info(self, event_id: int) -> dict[str, Any]:
        return self._call("GET", f"/v1/events/{event_id}")

    def changes(
        self,
        event_id: int,
        after: int,
        limit: int,
        head: tuple[int, str] | None = None,
        heartbeat: str | None = None,
    ) -> dict[str, Any]:
        """One pull page; `head` (sequence number, hash of the station's last own entry) goes
        along so the server can compare it with its copy (tamper evidence), and `heartbeat`
        (`Heartbeat.to_header`) tells the server how the station is doing."""
        headers = {"X-Doorline-Head": f"{head[0]}:{head[1]}"} if head and head[0] else {}
        if heartbeat:
            headers[HEARTBEAT_HEADER] = heartbeat
        return self._call(
            "GET",
            f"/v1/events/{event_id}/changes",
            params={"after": after, "limit": limit},
            headers=headers,
        )

    def anchor(self, event_id: int) -> dict[str, Any]:
        """What the server holds of this station's log: last_seq, last_hash, entries."""
        return self._call("GET", f"/v1/events/{event_id}/anchor")

    def push(self, event_id: int, entries: list[dict[str, Any]]) -> dict[str, Any]:
        return self._call("POST", f"/v1/events/{event_id}/entries", json={"entries": entries})

    def push_body(self, event_id: int, body: bytes) -> dict[str, Any]:
        """`push` with the JSON body `{"entries": [...]}` already encoded."""
        return self._call(
            "POST", f"/v1/events/{event_id}/entries", content=body, headers=_JSON_HEADERS
        )

    def conflicts(self, event_id: int) -> list[dict[str, Any]]:
        result = self._request("GET", f"/v1/events/{event_id}/conflicts")
        return list(result)

    def acknowledge_conflict(self, event_id: int, conflict_id: str, note: str) -> dict[str, Any]:
        return self._call(
            "POST", f"/v1/events/{event_id}/conflicts/{conflict_id}/ack", json={"note": note}
        )

    def revoke_ticket(
        self, event_id: int, ticket_id: int, reason: str, revoked: bool = True
    ) -> dict[str, Any]:
        body = {"ticket_id": ticket_id, "reason": reason, "revoked": revoked}
        return self._call("POST", f"/v1/events/{event_id}/revocations", json=body)

    # -- transport ------------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        answer = self._request(method, path, **kwargs)
        if not isinstance(answer, dict):
            raise ServerFailed(
                f"the server's answer is not valid (the answer to {path.split('?')[0]} must be "
                "an object); nothing was stored",
                SyncProblem.BAD_ANSWER,
            )
        return answer

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        if self.deadline.left() == 0:
            raise ServerUnreachable(
                f"the server at {self.server_url} took too long; this sync round stopped",
                SyncProblem.ROUND_TOO_LONG,
                self.server_url,
            )
        try:
            with self._http.stream(method, path, **kwargs) as response:
                self._note_server_time(response)
                content = self._read_capped(response, path)
        except httpx.TimeoutException as error:
            words, problem = "did not answer in time", SyncProblem.NO_ANSWER_IN_TIME
            if self.deadline.left() == 0:
                words = "took too long; this sync round stopped"
                problem = SyncProblem.ROUND_TOO_LONG
            raise ServerUnreachable(
                f"the server at {self.server_url} {words}", problem, self.server_url
            ) from error
        except httpx.TransportError as error:
            log.debug("transport error on %s %s: %r", method, path, error)
            raise ServerUnreachable(
                f"cannot reach the server at {self.server_url}",
                SyncProblem.UNREACHABLE,
                self.server_url,
            ) from error
        except httpx.InvalidURL as error:
            raise ServerUnreachable(
                f"{self.server_url!r} is not a server address",
                SyncProblem.NOT_AN_ADDRESS,
                self.server_url,
            ) from error
        if response.status_code in (401, 403):
            raise AccessRefused(_detail(content, response), response.status_code)
        if 400 <= response.status_code < 500:
            raise RequestRefused(
                f"the server answered {response.status_code}: {_detail(content, response)}",
                SyncProblem.REQUEST_REFUSED,
                response.status_code,
            )
        if response.status_code >= 400:
            raise ServerFailed(
                f"the server answered {response.status_code}: {_detail(content, response)}",
                SyncProblem.SERVER_ERROR,
                response.status_code,
            )
        try:
            return orjson.loads(content)  # ~2× json.loads on a 20,000-ticket page
        except orjson.JSONDecodeError as error:
            raise ServerFailed(
                "the server sent an answer that is not JSON", SyncProblem.BAD_ANSWER
            ) from error

    def _note_server_time(self, response: httpx.Response) -> None:
        """Keep the server's clock as its Date header gives it (RFC 9110 §6.6.1, every HTTP
        server sends one; an answer without one, or with a date no laptop could be at, leaves
        the last reading). Second resolution: the middle of that second is taken."""
        try:
            when = parsedate_to_datetime(response.headers.get("date", ""))
        except (TypeError, ValueError, IndexError):
            return
        if when.tzinfo is None or not _SANE_FROM <= when <= _SANE_UNTIL:
            return
        self.server_time = ServerTime(int(when.timestamp() * 1000) + 500, time.monotonic())

    def _read_capped(self, response: httpx.Response, path: str) -> bytes:
        """The answer's body, refused (without reading on) once it passes the cap."""
        limit = self.max_answer_bytes
        announced = response.headers.get("content-length", "")
        too_big = ServerFailed(
            f"the server's answer to {path} is larger than {limit // (1024 * 1024)} MB; "
            "it was not read",
            SyncProblem.ANSWER_TOO_LARGE,
            limit // (1024 * 1024),
        )
        if announced.isdigit() and int(announced) > limit:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks)


def _detail(content: bytes, response: httpx.Response) -> str:
    try:
        detail = orjson.loads(content).get("detail")
    except (orjson.JSONDecodeError, AttributeError):
        detail = None
    return str(detail or response.reason_phrase or "error")[:500]
