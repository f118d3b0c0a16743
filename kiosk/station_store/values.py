"""What the station store hands out: frozen values, never a row, a cursor or a connection."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from kiosk.domain.admission import TicketRecord


@dataclass(frozen=True)
class StationIdentity:
    """Who this station is, written once at provisioning (times in ms since the epoch)."""

    station_id: str
    name: str
    event_id: int
    gate_id: str
    server_url: str | None
    credential: str | None
    provisioned_ms: int


@dataclass(frozen=True)
class ClockOffset:
    """How far this laptop's clock was from the server's at the last sync that could tell.

    `offset_ms` > 0: the laptop is ahead. `measured_ms`: the server's time then (Unix ms).
    """

    offset_ms: int
    measured_ms: int


@dataclass(frozen=True)
class HandedOverPrintJob:
    """A print job that waited in the station file before schema 3 moved the print queue out
    (queued, failed, or `printing` when the station stopped); the print queue adopts it once."""

    id: str
    ticket_id: int
    printer: str
    template: str | None
    state: str
    attempts: int
    last_error: str | None
    reprint: bool
    created_ms: int
    updated_ms: int


@dataclass(frozen=True)
class AttendeeMatch:
    """A search hit: enough to confirm who it is, never contact details."""

    ticket: TicketRecord
    confirmation: str


@dataclass(frozen=True)
class LogHead:
    """Where this station's own chain stands inside a write transaction: the next entry gets
    `seq + 1` and chains to `hash`; `newest_hlc` is the highest HLC of any entry held (other
    stations' included, 0 when the log is empty), so a new stamp never goes below it."""

    seq: int
    hash: str
    newest_hlc: int


@dataclass(frozen=True)
class DoorCounts:
    """This station's scans in a time window: admissions (entry or override) and refusals."""

    admitted: int
    refused: int


@dataclass(frozen=True)
class ReplicaCounts:
    """How many rows of each kind the station holds (status screens, `doorline station status`)."""

    tickets: int
    keys: int
    revocations: int
    log_entries: int
    ticket_types: int
    gates: int

    def to_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class BadgeFields:
    """A ticket's badge fields as stored (`colour`, `organisation`, `template` may be unset)."""

    ticket_id: int
    first_name: str
    last_name: str
    organisation: str | None
    ticket_type: str | None
    type_colour: str | None
    code: str | None
    event_name: str | None
    template: str | None


@dataclass(frozen=True)
class StoredConflict:
    """A double admission as the station holds it (same id as on the server)."""

    id: str
    event_id: int
    ticket_id: int
    first_entry_id: str
    second_entry_id: str
    first_station: str
    second_station: str
    first_gate: str | None
    second_gate: str | None
    first_hlc: int
    second_hlc: int
    acknowledged_entry_id: str | None


@dataclass(frozen=True)
class PushBatch:
    """Up to `limit` waiting entries of one station as a ready request body."""

    body: bytes  # {"entries": [...]}
    count: int
    last_seq: int  # the next batch starts after this sequence number
    ticket_ids: frozenset[int]


@dataclass(frozen=True)
class AppliedPage:
    """What storing one pulled page changed."""

    rows: int
    fresh: int  # log entries that were new here
    fresh_tickets: frozenset[int]  # tickets those entries are about
    max_hlc: int  # the highest HLC among them (0 if none)
    cursor: int


@dataclass(frozen=True)
class LoggedTickets:
    """Tickets with log entries stored up to `high_rowid` (the log's storage order) since a mark."""

    high_rowid: int
    ticket_ids: frozenset[int]
