"""The operators' HTTP endpoints: operator accounts (admin), the report and the record of
operator actions (viewer). Revocations and conflict acknowledgements live with the event's
other endpoints in `server_stub.app`; every role check is in `server_stub.api_auth`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from kiosk.domain.hlc import wall_ms_now
from server_stub.api_auth import Admin, Viewer
from server_stub.api_limits import JSON_INT_MAX, IdText, NameText
from server_stub.storage.interface import OperatorError, Role, ServerStorage

DAY_MS = 24 * 3600 * 1000


class NewOperator(BaseModel):
    name: NameText = Field(description="the person's name, unique among active accounts")
    role: Role = Field(description="viewer (read) < operator (revoke, acknowledge) < admin")
    ttl_days: float = Field(30.0, gt=0, le=3660, description="the login token expires after")


def _storage(request: Request) -> ServerStorage:
    storage: ServerStorage = request.app.state.storage
    return storage


def operator_router(errors: Any) -> APIRouter:
    """The router; `errors(*codes)` gives the documented error responses."""
    router = APIRouter(tags=["operators"])
    auth = (401, 403, 413, 422)

    @router.get("/v1/operators", responses=errors(*auth))
    def list_operators(request: Request, caller: Admin) -> list[dict[str, Any]]:
        now = wall_ms_now()
        return [a.to_json(now) for a in _storage(request).operators.accounts()]

    @router.post("/v1/operators", responses=errors(*auth, 409))
    def add_operator(request: Request, body: NewOperator, caller: Admin) -> dict[str, Any]:
        """A new account; the answer carries its login token, shown this once."""
        storage = _storage(request)
        try:
            issued = storage.operators.add(body.name, body.role, int(body.ttl_days * DAY_MS))
        except OperatorError as error:
            raise HTTPException(409, str(error)) from error
        storage.operators.record(
            caller.who, "http", "operator add", None, f"{issued.account.name} ({body.role})"
        )
        return {**issued.account.to_json(wall_ms_now()), "token": issued.token}

    @router.post("/v1/operators/{name}/revoke", responses=errors(*auth, 404))
    def revoke_operator(
        request: Request,
        name: Annotated[IdText, PathParam(description="the account's name or id")],
        caller: Admin,
    ) -> dict[str, Any]:
        storage = _storage(request)
        account = storage.operators.revoke(name)
        storage.operators.record(caller.who, "http", "operator revoke", None, account.name)
        return account.to_json(wall_ms_now())

    @router.get("/v1/operator-actions", responses=errors(*auth))
    def operator_actions(
        request: Request,
        caller: Viewer,
        event_id: Annotated[int | None, Query(ge=0, le=JSON_INT_MAX)] = None,
    ) -> list[dict[str, Any]]:
        """Who did what when, oldest first; with `event_id`, that event's and server-wide."""
        return [a.to_json() for a in _storage(request).operators.actions(event_id)]

    return router
