"""The sync server's HTTP API (FastAPI): provisioning, pull, push, conflicts, revocations.

Every endpoint except `/health` and the token exchange needs a credential (Bearer): a station's
pulls its own event and pushes its own entries (the event id in a path must be the station's,
an uploaded entry must carry the caller's station id and event id: 403 otherwise); everything
else needs an operator's login token with a role that allows it (`server_stub.api_auth`).
The protocol is described in docs/sync-protocol.md; the machine-readable form is served at
/openapi.json.

Run: `doorline server run --db FILE` or `python -m server_stub.app --db FILE --port 8765`.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import uvicorn
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.domain.heartbeat import HEADER as HEARTBEAT_HEADER
from kiosk.domain.hlc import wall_ms_now
from kiosk.domain.log_entry import KEYED_RULE as LOG_CHAIN_RULE
from server_stub.api_auth import Operator, Station, StationCredential, Viewer
from server_stub.api_errors import (
    Refusal,
    auth_refusal,
    body_too_large,
    http_refusal,
    not_found_refusal,
)
from server_stub.api_limits import (
    JSON_INT_MAX,
    MAX_BODY_BYTES,
    IdText,
    Int64,
    NameText,
    NoteText,
)
from server_stub.dashboard.routes import end_live_streams, mount_dashboard
from server_stub.operator_api import operator_router
from server_stub.report import build_report
from server_stub.station_exchange import (
    DEFAULT_PAGE,
    HEAD_PATTERN,
    MAX_PAGE,
    answer_pull,
    answer_push,
)
from server_stub.station_lane import StationLane
from server_stub.storage import is_postgres_url, open_storage
from server_stub.storage.interface import (
    AuthError,
    AuthProblem,
    NotFound,
    ServerStorage,
    StationPrincipal,
)

log = logging.getLogger(__name__)

API_VERSION = "1"


class ErrorModel(BaseModel):
    """Every refusal: `detail` in words (a list of field problems for a 422 from the schema
    check), and for 401/403/413 a machine-readable `problem`."""

    detail: str | list[dict[str, Any]]
    problem: str | None = None


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        400: "the request cannot be served as asked",
        401: "no credential, or one the server does not know",
        403: "the credential may not do this (revoked, another event or station)",
        404: "no such event, ticket or conflict",
        409: "the request conflicts with what the server holds",
        413: f"the body is over {MAX_BODY_BYTES} bytes, or the batch over its entry limit",
        422: "a field is missing, of the wrong type or out of bounds",
    }
    return {code: {"model": ErrorModel, "description": words[code]} for code in codes}


_AUTH_ERRORS = (401, 403, 413, 422)
EventId = Annotated[int, PathParam(ge=0, le=JSON_INT_MAX, description="the event id")]


class ProvisionRequest(BaseModel):
    token: NameText = Field(description="the one-time provisioning token from the operator")
    nonce: NameText = Field(description="random per attempt; resending the same nonce is safe")
    name: NameText | None = Field(None, description="station name shown to operators")
    gate: NameText | None = Field(
        None,
        description="the gate the station will use; an unknown gate is refused (404)"
        " before the token is spent",
    )


class ProvisionResponse(BaseModel):
    station_id: str
    event_id: int
    name: str
    credential: str
    log_chain: str = Field(
        LOG_CHAIN_RULE,
        description="the log chain rule this server checks: `k2`, entries keyed by HMAC-SHA256 "
        "with a key derived from the credential (docs/sync-protocol.md, 'Tamper evidence')",
    )


class PushRequest(BaseModel):
    entries: list[dict[str, Any]] = Field(description="LogEntry objects, any order, max 5000")


class AckModel(BaseModel):
    id: str
    status: str = Field(description="accepted | duplicate | rejected")
    reason: str = ""
    problem: str | None = Field(
        None,
        description="with `rejected`, why, for the station to act on: `sequence_used` (this "
        "station's identity is used by another copy of its data folder), `not_keyed` (an "
        "unkeyed entry after the station's log became keyed), `not_pin_unlocked` "
        "(an override or acknowledgement not signed by an operator's PIN)",
    )


class GapModel(BaseModel):
    station_id: str
    first: int
    last: int


class PushResponse(BaseModel):
    acks: list[AckModel]
    accepted: int
    duplicate: int
    rejected: int
    gaps: list[GapModel]


class ChangesResponse(BaseModel):
    cursor: int = Field(description="pass as `after` for the next page")
    top: int = Field(description="the server cursor when this page was read")
    more: bool = Field(description="true while more pages are waiting")
    log_chain: str = Field(LOG_CHAIN_RULE, description="the log chain rule the server checks")
    operator_pin: dict[str, Any] | None = Field(
        None,
        description="the event's operator PIN verifier (scrypt salt and cost, check value, "
        "version), null when no PIN is set: stations check the PIN with it and sign "
        "overrides and acknowledgements with a key only the right PIN gives",
    )
    ticket_types: list[dict[str, Any]]
    gates: list[dict[str, Any]]
    keys: list[dict[str, Any]]
    tickets: list[dict[str, Any]]
    revocations: list[dict[str, Any]]
    stations: list[dict[str, Any]] = Field(
        default_factory=list, description="the event's stations: id, name, gate (their names)"
    )
    entries: list[dict[str, Any]] = Field(description="other stations' log entries")


class AckConflictRequest(BaseModel):
    note: NoteText = Field("", description="why the conflict is acknowledged")


class RevokeRequest(BaseModel):
    ticket_id: Int64
    reason: NoteText = Field("", description="shown to door staff when the ticket is scanned")
    revoked: bool = Field(True, description="false lifts an earlier revocation")


def _answer(refusal: Refusal) -> Response:
    return Response(
        refusal.body,
        status_code=refusal.status,
        headers=dict(refusal.headers),
        media_type="application/json",
    )


async def _raw_body(request: Request) -> bytes:
    return await request.body()


_PUSH_BODY_DOC = {
    "required": True,
    "content": {"application/json": {"schema": PushRequest.model_json_schema()}},
}


def create_app(storage: ServerStorage) -> FastAPI:
    api = FastAPI(
        title="Doorline sync server",
        version=API_VERSION,
        description="Provisioning, pull and push for Doorline stations (docs/sync-protocol.md).",
        max_body_size=MAX_BODY_BYTES,  # refused with 413 before the body is read
    )
    api.state.storage = storage

    @api.exception_handler(AuthError)
    def _auth_error(_request: Any, error: AuthError) -> Response:
        return _answer(auth_refusal(error))

    @api.exception_handler(NotFound)
    def _not_found(_request: Any, error: NotFound) -> Response:
        return _answer(not_found_refusal(error))

    @api.exception_handler(RequestValidationError)
    def _invalid(_request: Any, error: RequestValidationError) -> JSONResponse:
        """FastAPI's 422, with each problem's `input` left out: it echoes what was sent, and
        text that is not valid Unicode (a lone surrogate) cannot be sent back."""
        problems = [
            {k: v for k, v in problem.items() if k in ("loc", "msg", "type")}
            for problem in error.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=422)

    @api.exception_handler(StarletteHTTPException)
    def _http_error(_request: Request, error: StarletteHTTPException) -> Response:
        return _answer(http_refusal(error))

    def own_event(event_id: int, caller: StationPrincipal) -> None:
        if event_id != caller.event_id:
            raise AuthError(AuthProblem.WRONG_EVENT, "this station belongs to another event")

    @api.get("/health", tags=["health"])
    def health() -> dict[str, Any]:
        return {"ok": True, "api": API_VERSION, "time_ms": wall_ms_now()}

    @api.post(
        "/v1/provision",
        response_model=ProvisionResponse,
        tags=["provisioning"],
        responses=_errors(401, 404, 413, 422),
    )
    def provision(body: ProvisionRequest) -> ProvisionResponse:
        made = storage.credentials.exchange_token(body.token, body.nonce, body.name, body.gate)
        return ProvisionResponse(
            station_id=made.station_id,
            event_id=made.event_id,
            name=made.name,
            credential=made.credential,
            log_chain=LOG_CHAIN_RULE,
        )

    @api.get("/v1/events/{event_id}", tags=["pull"], responses=_errors(*_AUTH_ERRORS, 404))
    def event_info(event_id: EventId, caller: Station) -> dict[str, Any]:
        own_event(event_id, caller)
        return storage.pulls.event_info(caller)

    @api.get(
        "/v1/events/{event_id}/changes",
        response_model=ChangesResponse,
        tags=["pull"],
        responses=_errors(*_AUTH_ERRORS, 404),
    )
    def changes(
        event_id: EventId,
        credential: StationCredential,
        after: Annotated[int, Query(ge=0, le=JSON_INT_MAX)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        head: Annotated[
            str,
            Header(
                alias="X-Doorline-Head",
                pattern=HEAD_PATTERN,
                description="SEQ:HASH, the last entry of the station's own log (tamper "
                "evidence: compared with the server's copy)",
            ),
        ] = "",
        heartbeat: Annotated[
            str | None,
            Header(
                alias=HEARTBEAT_HEADER,
                description="the station's heartbeat (docs/sync-protocol.md); optional",
            ),
        ] = None,
    ) -> Response:
        # The credential is checked in the statement that reads the page, which the storage
        # renders itself (no dict per row); the station's head and heartbeat are recorded
        # with it (one transaction after).
        page = answer_pull(storage, event_id, credential, after, limit, head, heartbeat)
        return Response(page, media_type="application/json")

    @api.get("/v1/events/{event_id}/anchor", tags=["push"], responses=_errors(*_AUTH_ERRORS))
    def anchor(event_id: EventId, caller: Station) -> dict[str, Any]:
        """What the server holds of the calling station's own log: its last sequence number,
        that entry's hash, how many entries (`station verify-log --online` compares)."""
        own_event(event_id, caller)
        return vars(storage.anchors.anchor(caller.station_id))

    @api.post(
        "/v1/events/{event_id}/entries",
        response_model=PushResponse,
        tags=["push"],
        openapi_extra={"requestBody": _PUSH_BODY_DOC},
        responses=_errors(*_AUTH_ERRORS),
    )
    def push(
        event_id: EventId,
        credential: StationCredential,
        raw: Annotated[bytes, Depends(_raw_body)],
    ) -> Response:
        # The credential is checked by the push's own transaction.
        answer = answer_push(storage, event_id, credential, raw)
        return Response(answer, media_type="application/json")

    @api.get(
        "/v1/events/{event_id}/conflicts",
        tags=["conflicts"],
        responses=_errors(*_AUTH_ERRORS, 404),
    )
    def conflicts(event_id: EventId, caller: Viewer, all: bool = True) -> list[dict[str, Any]]:
        storage.catalog.event(event_id)  # NotFound: 404
        return storage.conflicts.conflicts(event_id, all)

    @api.post(
        "/v1/events/{event_id}/conflicts/{conflict_id}/ack",
        tags=["conflicts"],
        responses=_errors(*_AUTH_ERRORS, 404),
    )
    def ack_conflict(
        event_id: EventId,
        conflict_id: Annotated[IdText, PathParam(description="the conflict id")],
        body: AckConflictRequest,
        caller: Operator,
    ) -> dict[str, Any]:
        entry = storage.conflicts.acknowledge_conflict(
            event_id, conflict_id, body.note, f"operator {caller.name}"
        )
        storage.operators.record(
            caller.who, "http", "conflict ack", event_id, f"{conflict_id}: {body.note}"
        )
        return entry

    @api.post(
        "/v1/events/{event_id}/revocations",
        tags=["operators"],
        responses=_errors(*_AUTH_ERRORS, 404),
    )
    def revoke(event_id: EventId, body: RevokeRequest, caller: Operator) -> dict[str, Any]:
        storage.catalog.revoke(event_id, body.ticket_id, body.reason, body.revoked)
        what = "revoke" if body.revoked else "lift revocation"
        storage.operators.record(
            caller.who, "http", what, event_id, f"ticket {body.ticket_id}: {body.reason}"
        )
        return {"ticket_id": body.ticket_id, "revoked": body.revoked}

    @api.get(
        "/v1/events/{event_id}/stations", tags=["fleet"], responses=_errors(*_AUTH_ERRORS, 404)
    )
    def stations(event_id: EventId, caller: Viewer) -> list[dict[str, Any]]:
        """Every station of the event with its latest heartbeat (docs/sync-protocol.md,
        "Heartbeat"): the fleet view the dashboard shows."""
        storage.catalog.event(event_id)  # NotFound: 404
        return storage.fleet.fleet(event_id)

    @api.get(
        "/v1/events/{event_id}/stations/{station_id}/heartbeats",
        tags=["fleet"],
        responses=_errors(*_AUTH_ERRORS, 404),
    )
    def heartbeats(
        event_id: EventId,
        station_id: Annotated[IdText, PathParam(description="the station id")],
        caller: Viewer,
    ) -> list[dict[str, Any]]:
        """The station's kept heartbeats, about one a minute for six hours, oldest first."""
        if station_id not in {s["id"] for s in storage.fleet.fleet(event_id)}:
            raise NotFound(f"no station {station_id} in event {event_id}")
        return storage.fleet.history(station_id)

    @api.get(
        "/v1/events/{event_id}/gaps",
        response_model=list[GapModel],
        tags=["push"],
        responses=_errors(*_AUTH_ERRORS),
    )
    def gaps(event_id: EventId, caller: Viewer) -> list[dict[str, Any]]:
        storage.catalog.event(event_id)  # NotFound: 404
        return [vars(g) for g in storage.reports.sequence_gaps(event_id)]

    @api.get(
        "/v1/events/{event_id}/report", tags=["operators"], responses=_errors(*_AUTH_ERRORS, 404)
    )
    def report(event_id: EventId, caller: Viewer) -> dict[str, Any]:
        """The organiser's report, as `doorline server report --json` gives it."""
        return build_report(storage, event_id).to_json()

    api.include_router(operator_router(_errors))
    mount_dashboard(api)
    return api


class AnnouncedBodyLimit:
    """ASGI: a request whose `Content-Length` (RFC 9110 §8.6) is over the limit is answered
    413 in the documented error shape before anything is read. FastAPI's own `max_body_size`
    covers bodies without a length (chunked) but answers those in plain text."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.answer = body_too_large(limit).body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self._announced(scope) > self.limit:
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(self.answer)).encode()),
                (b"connection", b"close"),
            ]
            await send({"type": "http.response.start", "status": 413, "headers": headers})
            await send({"type": "http.response.body", "body": self.answer})
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _announced(scope: dict[str, Any]) -> int:
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                return int(value) if value.isdigit() else 0
        return 0


def served_app(storage: ServerStorage) -> AnnouncedBodyLimit:
    """What uvicorn serves: the API behind the station lane (a fleet's pushes and pulls
    without FastAPI's per-request cost, `server_stub.station_lane`), both behind the
    announced-length check (outermost, so it answers before FastAPI's own limit would in
    plain text)."""
    return AnnouncedBodyLimit(StationLane(create_app(storage), storage), MAX_BODY_BYTES)


def app_for_db(db: str | Path) -> AnnouncedBodyLimit:
    """The API over the database `db` names (a SQLite path or a PostgreSQL URL)."""
    return served_app(open_storage(db))


DB_ENV = "DOORLINE_SERVER_DB"
# On Ctrl-C, requests in flight get this long to finish; an open dashboard stream (which would
# otherwise run its full minute) is cut, and the browser reconnects once the server is back.
SHUTDOWN_S = 3


def app_from_environment() -> AnnouncedBodyLimit:
    """The app factory each worker process calls (`uvicorn --factory`): the database comes from
    the environment variable `DOORLINE_SERVER_DB`, set by `serve` before the workers start."""
    return app_for_db(os.environ[DB_ENV])


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    log_level: str = "warning",
    workers: int = 1,
) -> None:
    """Serve the API with uvicorn. `workers` > 1 runs uvicorn's multi-process supervisor (N
    processes sharing the port, restarted if one dies) on a listening socket that keeps
    TCP_NODELAY (`server_stub.server_processes`); only PostgreSQL takes writers from several
    processes, so a SQLite path with workers > 1 raises ValueError."""
    if workers > 1:
        if not is_postgres_url(db):
            raise ValueError(WORKERS_NEED_POSTGRES)
        from server_stub.server_processes import supervisor

        os.environ[DB_ENV] = str(db)
        config = uvicorn.Config(
            "server_stub.app:app_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level=log_level,
            access_log=False,
            timeout_graceful_shutdown=SHUTDOWN_S,
        )
        supervisor(config).run()  # not uvicorn.run: see server_stub.server_processes
        return
    config = uvicorn.Config(
        app_for_db(db),
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=SHUTDOWN_S,
    )
    server = _StreamEndingServer(config)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises a caught Ctrl-C
        server.run()
    if not server.started:
        sys.exit(3)  # uvicorn's STARTUP_FAILURE, as `uvicorn.run` exits


class _StreamEndingServer(uvicorn.Server):
    """uvicorn's server that, told to stop (Ctrl-C, SIGTERM), first tells the dashboard's live
    streams to end (`end_live_streams`): they finish within half a second, before the
    `SHUTDOWN_S` cut would cancel them with an ERROR and a traceback."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        end_live_streams()
        super().handle_exit(sig, frame)


WORKERS_NEED_POSTGRES = (
    "--workers above 1 needs PostgreSQL: a SQLite file takes one writing process, so several "
    "server processes would queue on its lock or fail with 'database is locked'; use "
    "--db postgresql://USER@HOST/NAME (README, 'PostgreSQL') or run one process"
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Doorline sync server")
    parser.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    serve(args.db, args.host, args.port, workers=args.workers)


if __name__ == "__main__":
    main()
