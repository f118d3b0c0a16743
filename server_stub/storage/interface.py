"""What the server's callers need from its database, as a few small Protocols.

The HTTP layer (`server_stub.app`), the CLI and the report talk only to `ServerStorage`: one
object per database whose parts each answer for one area: `catalog` (events, keys, ticket
types, gates, tickets, revocations), `event_files` (an event as a TOML file), `attendees`
(imports from a ticket shop), `roster` (tickets to send out), `credentials` (provisioning
tokens, station credentials), `pulls` (pages of changes), `pushes` (uploads and their merge),
`conflicts` (the operators' list and acknowledgements), `reports` (totals, gaps, the whole
log) and `bundles` (USB-stick stations). The parts in `server_stub.storage` are written once
against `server_stub.storage.database.Database`; a database engine is one module implementing
that (SQLite: `sqlite_database`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kiosk.domain.heartbeat import Heartbeat
    from kiosk.domain.log_entry import LogEntry
    from kiosk.domain.pin_signature import PinVerifier
    from kiosk.domain.station_log_file import StationLogFile
    from kiosk.domain.ticket_codec import KeyAlgorithm, SigningKey
    from server_stub.attendee_rows import AttendeeRow, BadRow
    from server_stub.event_file import EventSpec
    from server_stub.storage.attendee_records import ImportSummary
    from server_stub.storage.bundle_stations import LogImportResult, UnreturnedBundle
    from server_stub.storage.door_view import Presence
    from server_stub.storage.event_records import ApplyResult
    from server_stub.storage.ticket_roster import RosterEvent, RosterTicket


class AuthProblem(StrEnum):
    """Why a request was refused: 401 for who-are-you, 403 for not-allowed."""

    MISSING = "missing"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    WRONG_EVENT = "wrong_event"
    WRONG_STATION = "wrong_station"
    EXPIRED = "expired"  # an operator's login token past its time
    WRONG_ROLE = "wrong_role"  # a station, or an operator whose role does not allow it
    STATION_ONLY = "station_only"  # an operator's token on a station's endpoint (pull, push)


class SyncStorageError(Exception):
    """A request the storage cannot serve; the words are shown to operators."""


class AuthError(SyncStorageError):
    def __init__(self, problem: AuthProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem

    @property
    def status_code(self) -> int:
        who_are_you = (AuthProblem.MISSING, AuthProblem.UNKNOWN, AuthProblem.EXPIRED)
        return 401 if self.problem in who_are_you else 403


class StoreError(SyncStorageError):
    """A server data problem an operator can act on (unknown event, newer schema...)."""


class NotFound(StoreError):
    """An event, ticket, station or conflict that does not exist (HTTP 404)."""


@dataclass(frozen=True)
class IssuedTicket:
    ticket_id: int
    code: str
    confirmation: str
    first_name: str
    last_name: str
    email: str
    ticket_type: str


@dataclass(frozen=True)
class StationPrincipal:
    """The station a credential belongs to: everything a request may touch follows from it."""

    station_id: str
    event_id: int
    name: str
    # The station's chain key (kiosk.domain.log_entry.chain_key of the credential it called
    # with): keyed log entries are checked with it. None for a station known only from a log
    # file (a USB-stick station never holds a credential).
    chain_key: bytes | None = field(default=None, repr=False)


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


class AckProblem(StrEnum):
    """Why an entry was rejected, for the station to act on (the `reason` is for people)."""

    SEQUENCE_USED = "sequence_used"  # another entry holds this station's sequence number
    # unkeyed after the station's log became keyed: an older copy of the folder, or a rewrite
    NOT_KEYED = "not_keyed"
    NOT_PIN_UNLOCKED = "not_pin_unlocked"  # a privileged entry without a valid PIN signature


@dataclass(frozen=True)
class EntryAck:
    id: str
    status: AckStatus
    reason: str = ""
    problem: AckProblem | None = None


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


class Catalog(Protocol):
    """Events and what stations pull about them. Every write gives the changed rows the next
    server cursor values (see `server_stub.storage.change_counter`)."""

    def create_event(
        self,
        name: str,
        timezone: str = "UTC",
        algorithm: KeyAlgorithm = ...,
        starts_ms: int | None = None,
        ends_ms: int | None = None,
    ) -> int: ...

    def event(self, event_id: int) -> dict[str, Any]: ...

    def events(self) -> list[dict[str, Any]]: ...

    def add_key(self, event_id: int, algorithm: KeyAlgorithm) -> SigningKey: ...

    def retire_key(self, event_id: int, kid: int) -> None: ...

    def signing_key(self, event_id: int) -> SigningKey: ...

    def verify_keys(self, event_id: int) -> list[dict[str, Any]]: ...

    def add_ticket_type(
        self, event_id: int, type_id: int, name: str, colour: str, template: str | None = None
    ) -> None: ...

    def add_gate(self, event_id: int, gate: dict[str, Any]) -> None: ...

    def ticket_types(self, event_id: int) -> list[dict[str, Any]]: ...

    def gates(self, event_id: int) -> list[dict[str, Any]]: ...

    def issue_tickets(
        self, event_id: int, people: Iterable[dict[str, Any]]
    ) -> list[IssuedTicket]: ...

    def revoke(self, event_id: int, ticket_id: int, reason: str, revoked: bool = True) -> None: ...

    def revocations(self, event_id: int, after_change: int = 0) -> list[dict[str, Any]]: ...

    def snapshot(self, event_id: int) -> dict[str, Any]: ...

    def current_change(self) -> int:
        """The server cursor now: the value of the latest committed change."""
        ...


class EventFiles(Protocol):
    """An event file (docs/event-file.md) applied to the database, and read back."""

    def apply_event(self, spec: EventSpec) -> ApplyResult: ...

    def event_spec(self, event_id: int) -> EventSpec: ...


class AttendeeImport(Protocol):
    """Attendees from a ticket shop's export: all or nothing, re-importable (issue 12)."""

    def import_attendees(
        self,
        event_id: int,
        rows: Iterable[AttendeeRow | BadRow],
        skip_bad_rows: bool = False,
        create_types: bool = False,
        dry_run: bool = False,
    ) -> ImportSummary: ...


class Roster(Protocol):
    """The event's tickets as an organiser sends them out (`doorline server tickets`)."""

    def roster_event(self, event_id: int) -> RosterEvent: ...

    def roster(self, event_id: int) -> list[RosterTicket]: ...


class Credentials(Protocol):
    """Provisioning tokens and station credentials (PRODUCT §5: one-time token → a station
    credential scoped to one event, revocable)."""

    def create_station_token(
        self, event_id: int, name: str, ttl_ms: int | None = None, created_by: str | None = None
    ) -> str: ...

    def exchange_token(
        self, token: str, nonce: str, name: str | None, gate: str | None = None
    ) -> ProvisionedStation: ...

    def authenticate(self, credential: str | None) -> StationPrincipal: ...

    def revoke_station(self, station_id: str) -> None: ...

    def stations(self, event_id: int) -> list[dict[str, Any]]: ...


class Pulls(Protocol):
    """What a station pulls: its event's settings, then pages of changes by server cursor."""

    def event_info(self, principal: StationPrincipal) -> dict[str, Any]: ...

    def changes(self, principal: StationPrincipal, after: int, limit: int) -> dict[str, Any]: ...

    def changes_json(self, principal: StationPrincipal, after: int, limit: int) -> bytes: ...

    def changes_json_for(
        self,
        credential: str | None,
        event_id: int,
        after: int,
        limit: int,
        head: tuple[int, str] | None = None,
        heartbeat: Heartbeat | None = None,
    ) -> tuple[StationPrincipal, bytes]: ...


class Pushes(Protocol):
    """A station's upload: idempotent, answered entry by entry, merged into conflicts."""

    def push(self, principal: StationPrincipal, entries: list[dict[str, Any]]) -> PushResult: ...

    def push_for(
        self, credential: str | None, event_id: int, entries: list[dict[str, Any]]
    ) -> tuple[StationPrincipal, PushResult]: ...


class ConflictDesk(Protocol):
    """Conflicts as operators see them, and their acknowledgements (log entries themselves)."""

    def conflicts(
        self, event_id: int, include_acknowledged: bool = True
    ) -> list[dict[str, Any]]: ...

    def all_conflicts(self, include_acknowledged: bool = True) -> list[dict[str, Any]]: ...

    def acknowledge_conflict(
        self, event_id: int, conflict_id: str, note: str, by: str
    ) -> dict[str, Any]: ...


class Reports(Protocol):
    """Read-only views for the operators' report and for checks (tests, benchmarks)."""

    def sequence_gaps(self, event_id: int, station_id: str | None = None) -> list[SeqGap]: ...

    def log_entries(self, event_id: int) -> list[LogEntry]: ...

    def event_totals(self, event_id: int) -> dict[str, Any]: ...

    def counts_per_gate(self, event_id: int) -> list[tuple[str, dict[str, int]]]: ...

    def counts_per_quarter_hour(self, event_id: int) -> list[tuple[int, dict[str, int]]]: ...

    def per_station_counts(self, event_id: int) -> list[dict[str, Any]]: ...

    def unprinted_badges(self, event_id: int) -> list[dict[str, Any]]: ...

    def revoked_admissions(self, event_id: int) -> list[dict[str, Any]]: ...

    def tickets_never_scanned(self, event_id: int) -> list[dict[str, Any]]: ...


class Bundles(Protocol):
    """USB-stick stations: the bundles that provision them and their logs coming home."""

    def record_bundle_export(self, event_id: int, bundle_id: str, file: str) -> None: ...

    def bundles_never_imported(self, event_id: int) -> list[UnreturnedBundle]: ...

    def import_station_log(self, log: StationLogFile) -> LogImportResult: ...


class Role(StrEnum):
    """An operator's role; each includes the ones before it: viewer (read) < operator
    (revoke tickets, acknowledge conflicts) < admin (everything, operator accounts included)."""

    VIEWER = "viewer"
    OPERATOR = "operator"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        order = (Role.VIEWER, Role.OPERATOR, Role.ADMIN)
        return order.index(self) >= order.index(needed)


@dataclass(frozen=True)
class OperatorPrincipal:
    """The person behind an operator credential."""

    operator_id: str
    name: str
    role: Role

    @property
    def who(self) -> str:
        return f"{self.name} ({self.role})"


@dataclass(frozen=True)
class OperatorAccount:
    """An operator account as listed (never its credential). Times in ms since the epoch."""

    id: str
    name: str
    role: Role
    created_ms: int
    expires_ms: int | None
    revoked_ms: int | None
    last_seen_ms: int | None

    def state(self, now: int) -> str:
        if self.revoked_ms is not None:
            return "revoked"
        if self.expires_ms is not None and self.expires_ms <= now:
            return "expired"
        return "active"

    def to_json(self, now: int) -> dict[str, Any]:
        data: dict[str, Any] = dict(vars(self))
        data["role"] = str(self.role)
        data["state"] = self.state(now)
        return data


@dataclass(frozen=True)
class IssuedOperator:
    """A new account and its login token: the only time the token is seen in clear."""

    account: OperatorAccount
    token: str


@dataclass(frozen=True)
class OperatorAction:
    """One recorded operator action: when (ms since the epoch), who, through what ("http" or
    "cli"), what, for which event (None: server-wide)."""

    at_ms: int
    who: str
    via: str
    action: str
    event_id: int | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


class OperatorError(SyncStorageError):
    """An operator account request that cannot be carried out (words for the operator)."""


class Operators(Protocol):
    """Operator accounts (people with a role, separate from station credentials) and the record
    of every operator action, over HTTP or on the command line."""

    def add(self, name: str, role: Role, ttl_ms: int | None = ...) -> IssuedOperator: ...

    def accounts(self) -> list[OperatorAccount]: ...

    def revoke(self, name_or_id: str) -> OperatorAccount: ...

    def authenticate(self, credential: str) -> OperatorPrincipal | None: ...

    def record(
        self, who: str, via: str, action: str, event_id: int | None = None, detail: str = ""
    ) -> None: ...

    def actions(self, event_id: int | None = None) -> list[OperatorAction]: ...


@dataclass(frozen=True)
class LogAnchor:
    """What the server holds of one station's log: its highest sequence number, that
    entry's hash, and how many entries ("", 0 when none)."""

    last_seq: int
    last_hash: str
    entries: int


class Anchors(Protocol):
    """Each station's log anchored on the server (tamper evidence for the tail)."""

    def anchor(self, station_id: str) -> LogAnchor: ...

    def record_head(self, station_id: str, seq: int, hash_: str) -> str | None: ...

    def anchors(self, event_id: int) -> list[dict[str, Any]]: ...


class Fleet(Protocol):
    """The station fleet: heartbeats (`server_stub.storage.fleet`)."""

    def record_heartbeat(
        self, station: StationPrincipal, heartbeat: Heartbeat, received_ms: int | None = None
    ) -> None: ...

    def fleet(self, event_id: int) -> list[dict[str, Any]]: ...

    def history(self, station_id: str) -> list[dict[str, Any]]: ...

    def latest_heartbeat_ms(self, event_id: int) -> int: ...


class DoorViews(Protocol):
    """What the live dashboard reads of an event (`server_stub.storage.door_view`)."""

    def presence(self, event_id: int) -> Presence: ...

    def admissions_per_quarter_and_gate(self, event_id: int) -> list[tuple[int, str, int]]: ...

    def search_attendees(self, event_id: int, text: str) -> list[dict[str, Any]]: ...


class Pins(Protocol):
    def set_pin(self, event_id: int, pin: str) -> PinVerifier: ...

    def verifier(self, event_id: int) -> PinVerifier | None: ...


class ServerStorage(Protocol):
    """One server database, by area. `location` names it in messages (a path or a URL
    without its password)."""

    @property
    def location(self) -> str: ...

    @property
    def catalog(self) -> Catalog: ...

    @property
    def event_files(self) -> EventFiles: ...

    @property
    def attendees(self) -> AttendeeImport: ...

    @property
    def roster(self) -> Roster: ...

    @property
    def credentials(self) -> Credentials: ...

    @property
    def pulls(self) -> Pulls: ...

    @property
    def pushes(self) -> Pushes: ...

    @property
    def conflicts(self) -> ConflictDesk: ...

    @property
    def reports(self) -> Reports: ...

    @property
    def bundles(self) -> Bundles: ...

    @property
    def operators(self) -> Operators: ...

    @property
    def anchors(self) -> Anchors: ...

    @property
    def fleet(self) -> Fleet: ...

    @property
    def door_view(self) -> DoorViews: ...

    @property
    def pins(self) -> Pins: ...

    def close(self) -> None: ...
