"""The operators' live dashboard: server-rendered pages (Jinja2), a live stream (server-sent
events) and the dashboard's own actions.

Login: an operator pastes the login token `doorline server operator add` printed; the server
checks it (`Operators.authenticate`) and keeps it in an HttpOnly, SameSite=Strict cookie
scoped to /dashboard, so page scripts never see it and no other site can send it. Roles as
everywhere (docs/sync-protocol.md): a viewer looks, an operator also acknowledges conflicts and
revokes tickets. Every action is recorded (`Operators.record`, via "dashboard"). Actions are
JSON POSTs that must carry the `X-Doorline-Dashboard` header: a form on another site cannot
set it, so a cross-site request is refused even by a browser that ignores SameSite.

Live: `/dashboard/events/{id}/stream` checks twice a second whether the server's change
counter or the event's newest heartbeat moved, and sends the whole picture
(`live_state`) when they did, and every `REFRESH_S` anyway (a station going stale changes
nothing in the database). A stream ends after `STREAM_S`; the browser's EventSource
reconnects by itself, so a server can always shut down.
"""

from __future__ import annotations

import asyncio
import csv
import io
import threading
import time
from collections.abc import AsyncIterator
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import parse_qs

import orjson
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from kiosk.domain.spreadsheet_cell import safe_cell
from server_stub.api_limits import JSON_INT_MAX, Int64, NoteText
from server_stub.dashboard.live_state import LiveMark, live_mark, live_state
from server_stub.report import SECTION_COLUMNS, build_report
from server_stub.storage.interface import (
    AuthError,
    OperatorPrincipal,
    Role,
    ServerStorage,
    StoreError,
)

COOKIE = "doorline_operator"
ACTION_HEADER = "X-Doorline-Dashboard"
POLL_S = 0.5
REFRESH_S = 10.0
STREAM_S = 60.0
_PACKAGE = files("server_stub.dashboard")
templates = Jinja2Templates(directory=str(_PACKAGE / "templates"))
EventId = Annotated[int, PathParam(ge=0, le=JSON_INT_MAX, description="the event id")]


class AckBody(BaseModel):
    note: NoteText = Field("", description="why the conflict is acknowledged")


class RevokeBody(BaseModel):
    ticket_id: Int64
    reason: NoteText = Field(description="shown to door staff when the ticket is scanned")


def _storage(request: Request) -> ServerStorage:
    storage: ServerStorage = request.app.state.storage
    return storage


def _signed_in(request: Request) -> OperatorPrincipal | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    try:
        return _storage(request).operators.authenticate(token)
    except AuthError:
        return None


def _viewer(request: Request) -> OperatorPrincipal:
    operator = _signed_in(request)
    if operator is None:
        raise HTTPException(401, "sign in to the dashboard first")
    return operator


def _actor(request: Request) -> OperatorPrincipal:
    operator = _viewer(request)
    if request.headers.get(ACTION_HEADER) != "1":
        raise HTTPException(403, f"dashboard actions need the {ACTION_HEADER} header")
    if not operator.role.allows(Role.OPERATOR):
        raise HTTPException(403, f"this needs the role operator; {operator.name} is a viewer")
    return operator


Viewer = Annotated[OperatorPrincipal, Depends(_viewer)]
Actor = Annotated[OperatorPrincipal, Depends(_actor)]


def mount_dashboard(api: FastAPI) -> None:
    """Add the dashboard's pages, stream, actions and static files to `api`."""
    api.mount(
        "/dashboard/static", StaticFiles(directory=str(_PACKAGE / "static")), name="dashboard"
    )
    api.include_router(_router())


def _router() -> APIRouter:
    router = APIRouter(prefix="/dashboard", include_in_schema=False)

    @router.get("", response_class=HTMLResponse)
    def page(request: Request, event: int | None = None) -> Response:
        operator = _signed_in(request)
        if operator is None:
            return RedirectResponse("/dashboard/login", status_code=303)
        storage = _storage(request)
        events = storage.catalog.events()
        chosen = next((e for e in events if e["id"] == event), events[0] if events else None)
        state = None if chosen is None else live_state(storage, int(chosen["id"]))
        return templates.TemplateResponse(
            request,
            "dashboard.html",
            {
                "operator": operator,
                "can_act": operator.role.allows(Role.OPERATOR),
                "events": events,
                "state": state,
                "state_json": _script_json(state),
                "sections": _report_sections(),
            },
        )

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        return templates.TemplateResponse(request, "login.html", {"error": None})

    @router.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        # The one form field, read here: FastAPI's Form() needs python-multipart for it.
        fields = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (fields.get("token") or [""])[0][:200]
        return await run_in_threadpool(_sign_in, request, token)

    @router.post("/logout")
    def logout(request: Request) -> Response:
        answer = RedirectResponse("/dashboard/login", status_code=303)
        answer.delete_cookie(COOKIE, path="/dashboard")
        return answer

    @router.get("/events/{event_id}/state")
    def state(request: Request, event_id: EventId, caller: Viewer) -> Response:
        return Response(
            orjson.dumps(live_state(_storage(request), event_id)),
            media_type="application/json",
        )

    @router.get("/events/{event_id}/stream")
    async def stream(request: Request, event_id: EventId, caller: Viewer) -> Response:
        storage = _storage(request)
        await run_in_threadpool(storage.catalog.event, event_id)  # NotFound: 404
        return StreamingResponse(
            _live_events(request, storage, event_id),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    @router.get("/events/{event_id}/search")
    def search(request: Request, event_id: EventId, caller: Viewer, q: str = "") -> Any:
        return _storage(request).door_view.search_attendees(event_id, q[:200])

    @router.post("/events/{event_id}/conflicts/{conflict_id}/ack")
    def acknowledge(
        request: Request, event_id: EventId, conflict_id: str, body: AckBody, caller: Actor
    ) -> dict[str, Any]:
        storage = _storage(request)
        storage.conflicts.acknowledge_conflict(
            event_id, conflict_id[:100], body.note, f"operator {caller.name}"
        )
        storage.operators.record(
            caller.who, "dashboard", "conflict ack", event_id, f"{conflict_id}: {body.note}"
        )
        return {"conflict_id": conflict_id, "acknowledged": True}

    @router.post("/events/{event_id}/revocations")
    def revoke(
        request: Request, event_id: EventId, body: RevokeBody, caller: Actor
    ) -> dict[str, Any]:
        if not body.reason.strip():
            raise HTTPException(422, "say why the ticket is revoked; door staff are shown it")
        storage = _storage(request)
        storage.catalog.revoke(event_id, body.ticket_id, body.reason.strip(), True)
        storage.operators.record(
            caller.who, "dashboard", "revoke", event_id, f"ticket {body.ticket_id}: {body.reason}"
        )
        return {"ticket_id": body.ticket_id, "revoked": True}

    @router.get("/events/{event_id}/report/{section}.csv")
    def report_csv(request: Request, event_id: EventId, section: str, caller: Viewer) -> Response:
        try:
            report = build_report(_storage(request), event_id)
        except StoreError as error:
            raise HTTPException(404, str(error)) from error
        if section not in report.sections:
            raise HTTPException(404, f"the report has no section {section!r}")
        return Response(
            _csv(section, report.sections[section]),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="event-{event_id}-{section}.csv"'
            },
        )

    return router


def _sign_in(request: Request, token: str) -> Response:
    storage = _storage(request)
    try:
        operator = storage.operators.authenticate(token.strip()) if token.strip() else None
        error = None if operator else "That is not an operator login token of this server."
    except AuthError as refused:
        operator, error = None, f"That token cannot sign in: {refused}."
    if operator is None:
        return templates.TemplateResponse(request, "login.html", {"error": error}, status_code=401)
    storage.operators.record(operator.who, "dashboard", "sign in")
    answer = RedirectResponse("/dashboard", status_code=303)
    answer.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", path="/dashboard")
    return answer


def _script_json(state: dict[str, Any] | None) -> str:
    """JSON to put inside a <script> element: `<` escaped, so a name such as
    "</script><script>…" stays text (HTML §4.12.1.3, restrictions for contents)."""
    return orjson.dumps(state).decode().replace("<", "\\u003c")


def _report_sections() -> list[str]:
    """The report's sections, in the report's order (the CSV download links)."""
    return [
        "events",
        "per_gate",
        "per_station",
        "per_hour",
        "conflicts",
        "stations_never_synced",
        "bundles_never_imported",
        "sequence_gaps",
        "badges_unprinted",
        "revoked_admissions",
        "tickets_never_scanned",
        "operator_actions",
    ]


def _csv(section: str, rows: list[dict[str, Any]]) -> bytes:
    """As `doorline server report --csv` writes them: the section's own header even with no
    rows, text a spreadsheet would evaluate escaped (`safe_cell`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else SECTION_COLUMNS[section])
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue().encode("utf-8")


_server_stopping = threading.Event()


def end_live_streams() -> None:
    """Tell every open live stream of this process to end within `POLL_S`: the server is
    shutting down. Called from the server's signal handling (`server_stub.app`), so a stream
    finishes on its own (the browser reconnects) before the graceful-shutdown cut would
    cancel it mid-answer with an ERROR and a traceback."""
    _server_stopping.set()


async def _live_events(
    request: Request, storage: ServerStorage, event_id: int
) -> AsyncIterator[bytes]:
    """`state` events: the picture whenever it changed, and every `REFRESH_S`."""
    yield b"retry: 1000\n\n"
    started = sent_at = time.monotonic()
    last: LiveMark | None = None
    while time.monotonic() - started < STREAM_S and not _server_stopping.is_set():
        if await request.is_disconnected():
            return
        mark = await run_in_threadpool(live_mark, storage, event_id)
        if mark != last or time.monotonic() - sent_at >= REFRESH_S:
            state = await run_in_threadpool(live_state, storage, event_id)
            yield b"event: state\ndata: " + orjson.dumps(state) + b"\n\n"
            last, sent_at = mark, time.monotonic()
        await asyncio.sleep(POLL_S)
