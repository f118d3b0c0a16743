"""What the HTTP layer needs from a database, as one small interface.

The API in `server_stub.app` talks only to `SyncStorage`; the stub's implementation is SQLite
(`server_stub.sqlite_sync_store`). Another SQL database can be added by implementing this
Protocol without touching the endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class AuthProblem(StrEnum):
    """Why a request was refused: 401 for who-are-you, 403 for not-allowed."""

    MISSING = "missing"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    WRONG_EVENT = "wrong_event"
    WRONG_STATION = "wrong_station"


class SyncStorageError(Exception):
    """A request the storage cannot serve; the words are shown to operators."""


class AuthError(SyncStorageError):
    def __init__(self, problem: AuthProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem

    @property
    def status_code(self) -> int:
        return 401 if self.problem in (AuthProblem.MISSING, AuthProblem.UNKNOWN) else 403


class NotFound(SyncStorageError):
    """An event, ticket or conflict that does not exist."""


@dataclass(frozen=True)
class StationPrincipal:
    """The station a credential belongs to: everything a request may touch follows from it."""

    station_id: str
    event_id: int
    name: str


@dataclass(frozen=True)
class ProvisionedStation:
    station_id: str
    event_id: int
    name: str
    credential: str


class AckStatus(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True)
class EntryAck:
    id: str
    status: AckStatus
    reason: str = ""


@dataclass(frozen=True)
class SeqGap:
    """Sequence numbers `first`..`last` of one station that the server has never received."""

    station_id: str
    first: int
    last: int


@dataclass(frozen=True)
class PushResult:
    acks: list[EntryAck]
    gaps: list[SeqGap] = field(default_factory=list)
    conflicts_touched: int = 0

    def count(self, status: AckStatus) -> int:
        return sum(1 for a in self.acks if a.status is status)


class SyncStorage(Protocol):
    def create_station_token(self, event_id: int, name: str, ttl_ms: int | None = None) -> str: ...

    def exchange_token(self, token: str, nonce: str, name: str | None) -> ProvisionedStation: ...

    def authenticate(self, credential: str | None) -> StationPrincipal: ...

    def revoke_station(self, station_id: str) -> None: ...

    def event_info(self, principal: StationPrincipal) -> dict[str, Any]: ...

    def changes(self, principal: StationPrincipal, after: int, limit: int) -> dict[str, Any]: ...

    def push(self, principal: StationPrincipal, entries: list[dict[str, Any]]) -> PushResult: ...

    def conflicts(self, event_id: int, include_acknowledged: bool) -> list[dict[str, Any]]: ...

    def acknowledge_conflict(
        self, event_id: int, conflict_id: str, note: str, by: str
    ) -> dict[str, Any]: ...

    def revoke_ticket(self, event_id: int, ticket_id: int, reason: str, revoked: bool) -> None: ...

    def sequence_gaps(self, event_id: int, station_id: str | None = None) -> list[SeqGap]: ...
