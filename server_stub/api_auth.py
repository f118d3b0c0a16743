"""Who is calling, and what they may do: the HTTP layer's credential and role checks.

One Bearer header carries either a station credential or an operator's login token
(docs/sync-protocol.md, "Credentials and roles"):

- a **station** pulls its own event and pushes its own entries, nothing else;
- an **operator** has a role: `viewer` reads (conflicts, gaps, the report, the action record),
  `operator` also revokes tickets and acknowledges conflicts, `admin` also manages operator
  accounts. Every operator action over HTTP is recorded (`Operators.record`).

Refusals: no or an unknown credential → 401; a station on an operators' endpoint, an operator
on a station's endpoint, or a role too low → 403 with `problem` `wrong_role` / `station_only`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server_stub.storage.interface import (
    AuthError,
    AuthProblem,
    OperatorPrincipal,
    Role,
    ServerStorage,
    StationPrincipal,
)
from server_stub.storage.operators import OPERATOR_TOKEN_PREFIX

bearer = HTTPBearer(
    auto_error=False,
    description="a station credential (from /v1/provision) or an operator's login token "
    "(from `doorline server operator add`)",
)
Principal = StationPrincipal | OperatorPrincipal


def principal(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller, from its Bearer credential (401 unknown or expired, 403 revoked)."""
    storage: ServerStorage = request.app.state.storage
    credential = None if creds is None else creds.credentials
    if credential and credential.startswith(OPERATOR_TOKEN_PREFIX):
        operator = storage.operators.authenticate(credential)
        if operator is not None:
            return operator
    return storage.credentials.authenticate(credential)


async def station_caller(caller: Annotated[Principal, Depends(principal)]) -> StationPrincipal:
    """Pull and push are a station's: an operator's token is refused (403). (`async`: it only
    looks at the principal, and FastAPI runs a plain `def` dependency on a worker thread, a
    hand-over that cost a station's every request ~0.3 ms of CPU.)"""
    if isinstance(caller, OperatorPrincipal):
        raise AuthError(
            AuthProblem.STATION_ONLY,
            "only a station credential pulls and pushes; operators use the operators' endpoints",
        )
    return caller


def needs(role: Role) -> Callable[[Principal], Awaitable[OperatorPrincipal]]:
    """A dependency: the caller must be an operator whose role allows `role`."""

    async def check(caller: Annotated[Principal, Depends(principal)]) -> OperatorPrincipal:
        if isinstance(caller, StationPrincipal):
            raise AuthError(
                AuthProblem.WRONG_ROLE,
                "a station credential may only pull its event and push its own entries; this "
                f"needs an operator credential with the role {role} or above",
            )
        if not caller.role.allows(role):
            raise AuthError(
                AuthProblem.WRONG_ROLE,
                f"this needs the role {role} or above; {caller.name} is {caller.role}",
            )
        return caller

    return check


async def station_credential(
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str | None:
    """The Bearer credential of a station's pull or push, unchecked: the storage checks it in
    the same statement or transaction as the request's own work (`Pulls.changes_json_for`,
    `Pushes.push_for`), one round trip and no thread hand-over instead of a transaction of
    its own. What a station may not be is refused there (401/403 as `principal` does); an
    operator's token is refused by `refuse_operator`."""
    return None if creds is None else creds.credentials


def refuse_operator(storage: ServerStorage, credential: str | None) -> None:
    """403 `station_only` for an operator's login token on a station's endpoint (as
    `station_caller`); anything else is left to the station credential check."""
    if (
        credential
        and credential.startswith(OPERATOR_TOKEN_PREFIX)
        and storage.operators.authenticate(credential) is not None
    ):
        raise AuthError(
            AuthProblem.STATION_ONLY,
            "only a station credential pulls and pushes; operators use the operators' endpoints",
        )


Station = Annotated[StationPrincipal, Depends(station_caller)]
StationCredential = Annotated[str | None, Depends(station_credential)]
Viewer = Annotated[OperatorPrincipal, Depends(needs(Role.VIEWER))]
Operator = Annotated[OperatorPrincipal, Depends(needs(Role.OPERATOR))]
Admin = Annotated[OperatorPrincipal, Depends(needs(Role.ADMIN))]
