"""A provisioned station: validates scans and records them, durably, before answering.

`scan()` reads the replica, applies the admission rules and appends the log entry inside one
IMMEDIATE transaction, committed with fsync, and only then returns the outcome. Whatever shows
a verdict (CLI, UI) therefore shows one that a crash cannot take back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from kiosk.domain.admission import Decision, decide, decide_for_claims
from kiosk.domain.gate_rules import OPEN_GATE, GateRules
from kiosk.domain.hlc import HybridClock, wall_ms_now
from kiosk.domain.log_entry import ChainReport, LogEntry, chain_key, seal, verify_chain
from kiosk.domain.merge import Admission
from kiosk.domain.pin_signature import (
    PRIVILEGED_ACTIONS,
    PinFormatError,
    PinVerifier,
    sign_entry,
)
from kiosk.domain.pin_signature import unlock as unlock_pin
from kiosk.domain.reasons import OWN_HEADLINES, Reason, Said, said
from kiosk.domain.scanned_text import ScannedText, log_text, read_scanned
from kiosk.domain.station_directory import StationLabel
from kiosk.domain.ticket_codec import MAX_CODE_LENGTH, TicketClaims
from kiosk.domain.verdicts import Action, Direction, Verdict
from kiosk.station_store import (
    DB_FILENAME,
    HandedOverPrintJob,
    LogHead,
    ReplicaError,
    StationDamaged,
    StationIdentity,
    StationStore,
    StorageFull,
)

SCAN_ACTIONS = frozenset({Action.ENTRY, Action.EXIT, Action.REFUSED, Action.OVERRIDE})
# A print job's badge_printed entry has an id derived from the job's id (its idempotency key):
# recording it twice writes one entry, and after a crash the queue can ask whether it exists.
BADGE_ENTRY_NAMESPACE = uuid.UUID("6f1c3d2e-8a4b-5c7d-9e0f-1a2b3c4d5e6f")


def badge_entry_id(job_id: str) -> str:
    """The log entry id of the badge printed by print job `job_id` (a UUIDv5 of the job id)."""
    return str(uuid.uuid5(BADGE_ENTRY_NAMESPACE, job_id))


class StationNotProvisioned(ReplicaError):
    """The data directory has no provisioned station yet."""


@dataclass(frozen=True)
class ScanOutcome:
    """What the door shows, after the log entry behind it has been committed."""

    verdict: Verdict
    detail: str
    entry_id: str
    ticket_id: int | None = None
    offline: bool = False
    attendee_name: str | None = None
    ticket_type: str | None = None
    previous: Admission | None = None
    previous_gate: str | None = None
    hlc: int = 0
    previous_station: StationLabel | None = None  # who admitted the ticket first
    said: Said | None = None  # why, as a code a window puts into its own language

    @property
    def headline(self) -> str:
        """The large words in English: the reason's own where it has one (`OWN_HEADLINES`)."""
        if self.said is not None and self.said.reason in OWN_HEADLINES:
            return OWN_HEADLINES[self.said.reason]
        return self.verdict.headline

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "verdict": str(self.verdict),
            "ticket_id": self.ticket_id,
            "offline": self.offline,
            "detail": self.detail,
            "headline": self.headline,
            "attendee": self.attendee_name,
            "ticket_type": self.ticket_type,
            "entry_id": self.entry_id,
        }
        if self.said is not None:
            data["reason"] = str(self.said.reason)
        if self.previous is not None:
            data["first_checkin_ms"] = self.previous.wall_ms
            data["first_checkin_gate"] = self.previous_gate
        if self.previous_station is not None:
            data["first_checkin_station"] = self.previous_station.english()
        return data


@dataclass(frozen=True)
class Counters:
    inside: int
    admitted_today: int
    refused_today: int


# sync_state keys: the first pull's state ("pending" until it is stored whole), and the
# operator's choice to admit genuine unlisted tickets before that ("yes").
INITIAL_PULL_KEY = "initial_pull"
ADMIT_UNLISTED_KEY = "admit_unlisted_before_first_download"


class Station:
    def __init__(
        self,
        replica: StationStore,
        wall: Callable[[], int] = wall_ms_now,
        gate: GateRules | None = None,
    ) -> None:
        identity = replica.identity()
        if identity is None:
            raise StationNotProvisioned(f"{replica.path.parent} holds no provisioned station")
        self.replica = replica
        self.identity = identity
        # The chain key lives only in memory (derived from the credential on each start).
        self._chain_key = chain_key(identity.credential) if identity.credential else None
        # (PIN version, signing key) while an operator has this station unlocked: memory only.
        self._pin_key: tuple[int, bytes] | None = None
        self._raw_wall = wall
        self.clock = HybridClock(self._wall, replica.max_hlc())
        self._fixed_gate = gate
        self.gate = gate or replica.gate_rules(identity.gate_id) or OPEN_GATE

    def _wall(self) -> int:
        """Now (Unix ms): this laptop's clock corrected by the offset the last sync measured
        against the server's, so a station whose clock is wrong stamps true times once it
        has synced, and keeps doing so offline. Calendar rules read this time."""
        offset = self.replica.clock_offset()
        return self._raw_wall() - (offset.offset_ms if offset else 0)

    def now_ms(self) -> int:
        """The station's time (Unix ms): its clock corrected by the last sync's measurement."""
        return self._wall()

    def _refresh(self) -> None:
        """Pick up what a sync pulled: keys, types, and this gate's (possibly edited) rules."""
        if self.replica.refresh_if_changed() and self._fixed_gate is None:
            self.gate = self.replica.gate_rules(self.identity.gate_id) or self.gate

    @property
    def station_id(self) -> str:
        return self.identity.station_id

    # -- scanning ---------------------------------------------------------------------------

    def scan(
        self, raw: str, direction: Direction = Direction.ENTRY, method: str = "scan"
    ) -> ScanOutcome:
        scanned = read_scanned(raw)
        return self._record(
            lambda now: self._unless_download_pending(
                decide(scanned, self.replica, self.gate, now, direction)
            ),
            method,
            scanned=scanned,
        )

    def first_download_complete(self) -> bool:
        """False while the first pull from the server has not finished (`station init` was
        interrupted): the list of tickets is then known to be incomplete."""
        return self.replica.get_state(INITIAL_PULL_KEY) != "pending"

    def _unless_download_pending(self, decision: Decision) -> Decision:
        """A genuine ticket that is not on the list is admitted offline only once the list is
        complete, or when the operator chose to at `station init` (`--admit-unlisted`): before
        that, "not on the list" mostly means "not downloaded yet"."""
        if (
            decision.ticket is None
            and decision.offline
            and decision.verdict is Verdict.ADMITTED
            and not self.first_download_complete()
            and self.replica.get_state(ADMIT_UNLISTED_KEY) != "yes"
        ):
            return Decision(
                Verdict.UNKNOWN_TICKET,
                Action.REFUSED,
                Said(Reason.DOWNLOAD_PENDING),
                decision.ticket_id,
            )
        return decision

    def manual_checkin(self, ticket_id: int, direction: Direction = Direction.ENTRY) -> ScanOutcome:
        """A steward found the attendee by search; the same rules apply, logged as manual."""
        record = self.replica.ticket(ticket_id)
        if record is None:
            raise KeyError(f"ticket {ticket_id} is not on this station's list")
        claims = TicketClaims(self.identity.event_id, ticket_id, record.ticket_type)
        return self._record(
            lambda now: decide_for_claims(claims, self.replica, self.gate, now, direction),
            "manual",
        )

    def entry_preview(self, ticket_id: int) -> Decision:
        """What checking `ticket_id` in would decide now, recording nothing: the kiosk says a
        ticket was already used before it asks "Is this you?". Raises KeyError for a ticket
        not on this station's list."""
        record = self.replica.ticket(ticket_id)
        if record is None:
            raise KeyError(f"ticket {ticket_id} is not on this station's list")
        self._refresh()
        claims = TicketClaims(self.identity.event_id, ticket_id, record.ticket_type)
        return decide_for_claims(claims, self.replica, self.gate, self._wall(), Direction.ENTRY)

    def override(self, ticket_id: int, reason: str) -> ScanOutcome:
        """A supervisor lets someone in despite the verdict; logged, never a conflict. The
        server stores it only when the station is unlocked with the operator PIN
        (`unlock_operator`): otherwise it is refused there, kept here, and said so."""
        record = self.replica.ticket(ticket_id)
        decision = Decision(
            Verdict.ADMITTED, Action.OVERRIDE, said(Reason.OVERRIDE, reason), ticket_id, record
        )
        return self._record(lambda _now: decision, "override")

    def undo(self, entry_id: str, reason: str = "mistaken scan") -> ScanOutcome:
        """Cancel an earlier scan of this station by appending an undo entry."""
        target = self.replica.own_entry(self.station_id, entry_id)
        if target is None:
            raise KeyError("only this station's own scans can be undone")
        decision = Decision(
            target.verdict or Verdict.ADMITTED,
            Action.UNDO,
            said(Reason.UNDONE, reason),
            target.ticket_id,
        )
        return self._record(lambda _now: decision, "undo", ref=entry_id)

    def last_undoable(self, within_ms: int | None = None) -> LogEntry | None:
        """The latest entry or exit of this station that has not been undone yet; with
        `within_ms`, only if it was made at most that long ago (by this station's clock)."""
        entry = self.replica.last_undoable(self.station_id)
        if entry is not None and within_ms is not None and self._wall() - entry.wall_ms > within_ms:
            return None
        return entry

    def acknowledge_conflict(self, conflict_id: str, note: str) -> ScanOutcome:
        """An operator acknowledges a conflict at this station (signed when unlocked with the
        operator PIN, as `override`)."""
        decision = Decision(
            Verdict.ADMITTED, Action.CONFLICT_ACK, said(Reason.ACKNOWLEDGED, note or "acknowledged")
        )
        return self._record(lambda _now: decision, "operator", ref=conflict_id)

    # -- badges -----------------------------------------------------------------------------

    def record_badge_printed(self, ticket_id: int, *, reprint: bool, job_id: str) -> str:
        """Log that print job `job_id` printed this ticket's badge (`badge_reprinted` for an
        operator's reprint); returns the entry id. Idempotent by job: the entry's id is
        `badge_entry_id(job_id)`, so a second call (a queue recovering from a crash between its
        file and this one) returns the entry already written instead of writing another.
        Raises `StorageFull` when the entry cannot be committed."""
        entry_id = badge_entry_id(job_id)
        action = Action.BADGE_REPRINTED if reprint else Action.BADGE_PRINTED
        decision = Decision(Verdict.ADMITTED, action, Said(Reason.BADGE_PRINTED), ticket_id)
        try:
            self._record(lambda _now: decision, "printer", entry_id=entry_id)
        except StorageFull as error:
            raise StorageFull(
                "the printed badge could not be logged: the station's disk is full or not writable"
            ) from error
        return entry_id

    def badge_printed_by_job(self, job_id: str) -> str | None:
        """The badge_printed entry id of print job `job_id`, or None if it was never logged."""
        entry = self.replica.own_entry(self.station_id, badge_entry_id(job_id))
        return None if entry is None else entry.id

    def handed_over_print_jobs(self) -> list[HandedOverPrintJob]:
        """Print jobs an older station file held (schema 3 moved the queue to its own file)."""
        return self.replica.print_jobs_handover()

    def forget_handed_over_print_jobs(self) -> None:
        """Called by the print queue once the handed-over jobs are safe in its own file."""
        self.replica.clear_print_jobs_handover()

    def badge_printed(self, ticket_id: int) -> bool:
        return self.replica.ticket_state(ticket_id).badge_printed

    def badge_source(self, ticket_id: int) -> dict[str, Any]:
        """The badge fields of a ticket (see `printing.badge_data.BadgeData.from_source`);
        KeyError when the ticket is not on this station's list."""
        fields = self.replica.badge_fields(ticket_id)
        if fields is None:
            raise KeyError(f"ticket {ticket_id} is not on this station's list")
        source = asdict(fields)
        source["organisation"] = fields.organisation or ""
        source["type_colour"] = fields.type_colour or "#455A64"
        return source

    def sample_badge_source(self) -> dict[str, Any] | None:
        """Badge fields for a test print: a made-up attendee ("Ada Lovelace-Byron") on this
        station's commonest ticket type, so it prints on that type's template, colour and
        event like a real badge; None when the station holds no tickets."""
        fields = self.replica.commonest_type_badge_fields()
        if fields is None:
            return None
        return {
            "ticket_id": 0,
            "first_name": "Ada",
            "last_name": "Lovelace-Byron",
            "organisation": "Analytical Engines Ltd",
            "ticket_type": fields.ticket_type or "",
            "type_colour": fields.type_colour or "#455A64",
            "code": "DL1.TEST-PRINT.NOT-A-TICKET",
            "event_name": fields.event_name or "",
            "template": fields.template,
        }

    # -- the durable write ------------------------------------------------------------------

    def _record(
        self,
        rule: Callable[[int], Decision],
        method: str,
        ref: str | None = None,
        scanned: ScannedText | None = None,
        entry_id: str | None = None,
    ) -> ScanOutcome:
        """Decide and append in one transaction of the store (committed, fsync'd, before the
        outcome exists). With `entry_id` given and already in the log, nothing is written
        and the outcome describes the entry held. Raises `StorageFull`."""
        decided: list[Decision] = []
        held: list[LogEntry] = []

        def next_entry(head: LogHead) -> LogEntry | None:
            self._refresh()
            if entry_id is not None:
                earlier = self.replica.own_entry(self.station_id, entry_id)
                if earlier is not None:
                    held.append(earlier)
                    decided.append(rule(earlier.wall_ms))
                    return None
            now = self._wall()
            decided.append(rule(now))
            return self._seal(head, decided[0], now, method, ref, scanned, entry_id)

        entry = self.replica.append_own_entry(self.station_id, next_entry)
        return self._outcome(decided[0], entry if entry is not None else held[0])

    def _seal(
        self,
        head: LogHead,
        decision: Decision,
        now: int,
        method: str,
        ref: str | None,
        scanned: ScannedText | None,
        entry_id: str | None,
    ) -> LogEntry:
        # Never stamp below anything already in the log, pulled entries of other stations included.
        if head.newest_hlc:
            self.clock.observe(head.newest_hlc)
        detail = self._log_detail(decision, scanned)
        reading = decision.reading
        if (
            ref is None
            and decision.ticket is None
            and decision.ticket_id is not None
            and decision.action is not Action.REFUSED
            and reading is not None
            and reading.text
        ):
            # A genuine ticket not on the list yet (sold after the last pull): the signed code,
            # as read, goes with the entry so the server can check it (docs/sync-protocol.md).
            ref = reading.text[:MAX_CODE_LENGTH]
        keyed = self._chain_key is not None and self.replica.chain_keyed_from(self.station_id)
        fields: dict[str, Any] = {
            "id": entry_id or str(uuid.uuid4()),
            "station_id": self.station_id,
            "seq": head.seq + 1,
            "hlc": self.clock.now(),
            "wall_ms": now,
            "event_id": self.identity.event_id,
            "gate_id": self.gate.gate_id,
            "ticket_id": decision.ticket_id,
            "action": str(decision.action),
            # Only scans carry a verdict; a badge, an undo or an acknowledgement does not.
            "verdict": str(decision.verdict) if decision.action in SCAN_ACTIONS else None,
            "offline": decision.offline,
            "method": method,
            "ref": ref,
            "detail": detail,
            "prev_hash": head.hash,
        }
        if decision.action in PRIVILEGED_ACTIONS and self._pin_key is not None:
            # unlocked by an operator's PIN: the server accepts the entry with this signature
            fields["pin_signature"] = sign_entry(self._pin_key[1], self._pin_key[0], fields)
        return seal(fields, self._chain_key if keyed else None)

    def _log_detail(self, decision: Decision, scanned: ScannedText | None) -> str:
        """The words shown, plus technical detail for support: how the text was read (keyboard
        layout, link, AIM identifier) and, for a refused text that names no ticket, what was
        scanned — a code as read, anything else (an e-mail, a name) only as length + keyed hash.
        """
        notes = []
        reading = decision.reading
        if decision.ticket_id is not None and reading is not None and reading.describe():
            notes.append(f"read: {reading.describe()}")
        if scanned is not None and decision.action is Action.REFUSED and decision.ticket_id is None:
            notes.append(f"scanned: {log_text(scanned, self._redaction_key())}")
        return " ".join([decision.detail, *(f"[{note}]" for note in notes)])

    def _redaction_key(self) -> bytes:
        """The key of the hash that stands for a refused non-ticket text: the event's contact
        key where the station has one (the same text gives the same ref at every station of
        the event), else the station's own id."""
        return self.replica.contact_key() or self.station_id.encode()

    def _outcome(self, decision: Decision, entry: LogEntry) -> ScanOutcome:
        ticket = decision.ticket
        previous = decision.previous
        return ScanOutcome(
            verdict=decision.verdict,
            detail=decision.detail,
            entry_id=entry.id,
            said=decision.said,
            ticket_id=decision.ticket_id,
            offline=decision.offline,
            attendee_name=ticket.display_name if ticket else None,
            ticket_type=ticket.type_name if ticket else None,
            previous=previous,
            previous_gate=self.replica.gate_name(previous.gate_id) if previous else None,
            hlc=entry.hlc,
            previous_station=(
                self.replica.station_label(previous.station_id, previous.gate_id)
                if previous
                else None
            ),
        )

    # -- the operator PIN --------------------------------------------------------------------

    def pin_verifier(self) -> PinVerifier | None:
        """The event's operator PIN verifier this station received from its server or bundle;
        None when it holds none (an older server, or no PIN set there)."""
        stored = self.replica.pin_verifier()
        try:
            return None if stored is None else PinVerifier.from_json(stored)
        except PinFormatError:
            return None

    def unlock_operator(self, pin: str) -> bool:
        """True when `pin` is the event's operator PIN: the station then signs overrides and
        conflict acknowledgements (the server refuses them unsigned) until `lock_operator`.
        The signing key stays in memory only. Costs one scrypt (~50 ms). False for a wrong
        PIN (which also locks a station left unlocked), or when the station holds no verifier
        (it cannot sign then)."""
        verifier = self.pin_verifier()
        key = None if verifier is None else unlock_pin(pin, verifier)
        if verifier is None or key is None:
            self._pin_key = None
            return False
        self._pin_key = (verifier.version, key)
        return True

    def lock_operator(self) -> None:
        """The operator left: forget the signing key."""
        self._pin_key = None

    @property
    def operator_unlocked(self) -> bool:
        return self._pin_key is not None

    # -- one identity, two data folders ------------------------------------------------------

    def identity_clash(self) -> str | None:
        """Words for the operator when the server refused this station's entries because
        another copy of its identity (a copied data folder, an old backup restored) had used
        their sequence numbers: those entries are not on the server. None when none are."""
        entries, checkins = self.replica.stranded_count(self.station_id)
        if not entries:
            return None
        missing = f"{checkins} check-ins are not on the server"
        if entries != checkins:
            missing = f"{checkins} check-ins ({entries} log entries in all) are not on the server"
        return (
            f"this station's identity is also used by another copy; {missing} — ask an "
            "operator to re-provision this folder (a new token: doorline station init "
            "--data-dir DIR --server URL --token TOKEN carries them over)"
        )

    def refused_by_server(self, limit: int = 50) -> list[tuple[LogEntry, str]]:
        """This station's entries the server refused (newest first) and what it said."""
        return self.replica.refused_entries(self.station_id, limit)

    # -- reporting --------------------------------------------------------------------------

    def verify_chain(self) -> ChainReport:
        """This station's own log checked link by link, keyed entries with its chain key, and
        against its own record of when the log became keyed."""
        return verify_chain(
            self.replica.station_entries(self.station_id),
            self._chain_key,
            self.replica.chain_keyed_from(self.station_id),
        )

    def counters(self) -> Counters:
        """Inside now (all stations' entries this station knows), admitted and refused today
        (the local day of the gate's time zone). The door asks after every scan, so both are
        answered from indexes, not by walking the log."""
        start, end = self.gate.day_bounds_ms(self._wall())
        today = self.replica.door_counts(self.station_id, start, end)
        return Counters(self.inside_count(), today.admitted, today.refused)

    def inside_count(self) -> int:
        """People inside now: tickets whose latest standing admission/exit is an admission
        (the same answer as folding each ticket's log)."""
        return self.replica.inside_count()

    def with_gate(self, gate: GateRules) -> Station:
        """The same station scanning for another gate (operators switch lists)."""
        station = Station(self.replica, self._raw_wall, gate)
        station.identity = replace(self.identity, gate_id=gate.gate_id)
        return station


def reissued(
    entries: list[LogEntry], station_id: str, head: LogHead, key: bytes | None = None
) -> list[LogEntry]:
    """`entries` (in sequence order) re-issued under `station_id`, continuing its chain from
    `head`: every field kept (id, times, ticket, action, verdict, words), only the station,
    the sequence number and the chain hashes new. The id stays the entry's idempotency key,
    so the server stores each re-issued entry once, and answers `duplicate` for one it already
    holds under the old identity (docs/sync-protocol.md, "One identity, two data folders")."""
    out: list[LogEntry] = []
    seq, previous = head.seq, head.hash
    for entry in entries:
        seq += 1
        fields = {k: v for k, v in entry.to_json().items() if k != "hash"}
        fields.update(station_id=station_id, seq=seq, prev_hash=previous)
        sealed = seal(fields, key)
        out.append(sealed)
        previous = sealed.hash
    return out


def open_station(
    data_dir: Path,
    wall: Callable[[], int] = wall_ms_now,
    long_running: bool = False,
    check: bool = True,
) -> Station:
    """Open a provisioned station. A long-running one (kiosk window, video scanning)
    checkpoints its WAL in the background so no scan waits for a checkpoint. With `check`
    (the default) the file is checked first (`PRAGMA quick_check`): a damaged one raises
    `StationDamaged` with words, before anyone is admitted through it."""
    path = Path(data_dir) / DB_FILENAME
    if not path.exists():
        raise StationNotProvisioned(
            f"no station in {data_dir}: provision it first with 'doorline station init'"
        )
    replica = StationStore(path)
    if check:
        problems = replica.damage()
        if problems:
            replica.close()
            raise StationDamaged(path, problems[0], problems)
    if long_running:
        replica.start_background_checkpoints()
    return Station(replica, wall)


BUNDLE_STATE_KEY = "bundle_id"


def provision(data_dir: Path, identity: StationIdentity, snapshot: dict[str, Any]) -> Station:
    """Create a station's replica from a snapshot (bundle file or first pull)."""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    replica = StationStore(Path(data_dir) / DB_FILENAME)
    replica.apply_snapshot(snapshot)
    replica.set_identity(identity)
    bundle_id = snapshot.get("bundle_id")
    if isinstance(bundle_id, str) and bundle_id:
        # the station's exported log names its bundle, so the report knows which came home
        replica.set_state(BUNDLE_STATE_KEY, bundle_id)
    return Station(replica)
