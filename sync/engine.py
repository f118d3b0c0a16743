"""The station's sync engine: push then pull, once on demand or in a background thread.

Offline is a normal state: a failed attempt only changes the status and schedules the next try
with exponential backoff and jitter (so twenty stations coming back at once do not hit the
server in lockstep). The engine opens its own `StationStore` on the station file, never the
door's, so a long pull never holds the lock the door scans through.
"""

from __future__ import annotations

import logging
import random
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx

from kiosk.domain.heartbeat import Heartbeat, StationConditions
from kiosk.domain.hlc import HybridClock, wall_ms_now
from kiosk.domain.log_entry import KEYED_RULE
from kiosk.station_store import DB_FILENAME, ClockOffset, StationIdentity, StationStore
from sync.answers import check_changes_page, check_push_answer
from sync.client import SyncClient
from sync.errors import AccessRefused, ServerFailed, SyncError, SyncProblem
from sync.pulled_changes import apply_page, pull_cursor
from sync.version import app_version

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, "int | None"], None]
# What the running kiosk knows (mode, printer, camera); set by the UI, called on the sync thread.
ConditionsProvider = Callable[[], StationConditions]
LAST_SYNC_KEY = "last_sync_ms"
CONFLICTS_CHECKED_KEY = "conflicts_checked_rowid"
PUSH_BATCH = 1000
PULL_PAGE = 20_000
# Every round (push + pull) ends within this, whatever the server does (trickled headers or
# bodies, endless pages): a stalled round becomes "offline" and the next one resumes from the
# last stored page. Per-read timeouts alone let a trickling server hold a round for ever.
ROUND_DEADLINE_S = 60.0
# At most this many pull pages per round (4,000,000 rows at 20,000 a page); a server still
# saying `more` after that is stopped, and the next round continues from the stored cursor.
PAGE_BUDGET = 200
# While a multi-page pull runs, the engine's connection may cache this much of the database:
# the ticket indexes on e-mail hash and confirmation code take random inserts, and a small cache
# writes the same index pages out again and again.
PULL_CACHE_KIB = 64 * 1024
# The log chain rule a server says it checks (pull pages' and the token exchange's
# `log_chain`): from then on this station seals its own entries keyed (kiosk.domain.log_entry).
LOG_CHAIN_KEYED = KEYED_RULE


class Connectivity(StrEnum):
    UNKNOWN = "unknown"  # no attempt yet since start
    ONLINE = "online"
    OFFLINE = "offline"
    REFUSED = "refused"  # the server no longer accepts this station


@dataclass(frozen=True)
class SyncStatus:
    """What the door shows: online or not, when it last synced, how much waits to upload."""

    connectivity: Connectivity
    last_success_ms: int | None
    queue_depth: int
    last_error: str | None = None
    last_problem: SyncProblem | None = None  # why, for a window to say (`last_params` its values)
    last_params: tuple[str, ...] = ()
    syncing: bool = False
    failures: int = 0
    clock_offset_ms: int | None = None  # this laptop's clock minus the server's, last measured

    @property
    def online(self) -> bool:
        return self.connectivity is Connectivity.ONLINE


@dataclass(frozen=True)
class SyncReport:
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    pulled_rows: int = 0
    pulled_entries: int = 0
    conflicts: int = 0
    cursor: int = 0
    gaps: list[dict[str, int | str]] = field(default_factory=list)
    duration_ms: float = 0.0
    stranded: int = 0

    def to_json(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Backoff:
    """Delay before retry n (1-based): base·2^(n-1), capped, scaled down by up to `jitter`."""

    base_s: float = 1.0
    max_s: float = 60.0
    jitter: float = 0.5

    def delay(self, failures: int, rng: random.Random) -> float:
        raw = min(self.max_s, self.base_s * 2.0 ** max(0, failures - 1))
        return float(raw * (1.0 - self.jitter * rng.random()))


@dataclass(frozen=True)
class PushOutcome:
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    gaps: list[dict[str, int | str]] = field(default_factory=list)
    tickets: frozenset[int] = frozenset()
    stranded: int = 0  # of `rejected`: another copy of this identity used their numbers


@dataclass(frozen=True)
class PullOutcome:
    rows: int = 0
    entries: int = 0
    cursor: int = 0
    tickets: frozenset[int] = frozenset()


def is_identity_clash(ack: dict[str, Any]) -> bool:
    """A rejection because another copy of this station's data folder wrote under its
    identity: the server holds another entry at this sequence number, or the entry is unkeyed
    after the log became keyed (`problem` from this server on; older servers only said the
    first in words). Such entries are stranded, and re-provisioning carries them over."""
    if "problem" in ack:
        return ack["problem"] in ("sequence_used", "not_keyed")
    return str(ack.get("reason", "")).startswith("sequence number ")


def _offset_ms(offset: ClockOffset | None) -> int | None:
    return None if offset is None else offset.offset_ms


def _silent(_phase: str, _done: int, _total: int | None) -> None:
    return None


class SyncEngine:
    def __init__(
        self,
        replica_path: Path,
        *,
        client: SyncClient | None = None,
        transport: httpx.BaseTransport | None = None,
        interval_s: float = 15.0,
        backoff: Backoff | None = None,
        progress: ProgressCallback | None = None,
        clock: HybridClock | None = None,
        push_batch: int = PUSH_BATCH,
        pull_page: int = PULL_PAGE,
        round_deadline_s: float = ROUND_DEADLINE_S,
        page_budget: int = PAGE_BUDGET,
        wall: Callable[[], int] = wall_ms_now,
    ) -> None:
        # The engine's own store: its temp tables (the staging of pulled pages) stay in memory
        # instead of a temp file.
        self.replica = StationStore(replica_path, staging_in_memory=True)
        identity = self.replica.identity()
        if identity is None or not identity.server_url or not identity.credential:
            self.replica.close()
            raise SyncError(
                "this station was not provisioned from a server; nothing to sync",
                SyncProblem.NOT_FROM_SERVER,
            )
        self.identity: StationIdentity = identity
        self._own_client = client is None
        self.client = client or SyncClient(
            identity.server_url, identity.credential, transport=transport
        )
        self.interval_s = interval_s
        self.backoff = backoff or Backoff()
        self.progress: ProgressCallback = progress or _silent
        self.clock = clock
        self.push_batch = push_batch
        self.pull_page = pull_page
        self.round_deadline_s = round_deadline_s
        self.page_budget = page_budget
        self._wall = wall  # this laptop's own clock (Unix ms), uncorrected
        self._conditions: ConditionsProvider | None = None
        self._sync_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._rng = random.Random()
        self._server_keys_chains = False  # a pull page said the server checks keyed chains
        self._pin_verifier: dict[str, Any] | None = None  # the operator PIN's, as last pulled
        last = self.replica.get_state(LAST_SYNC_KEY)
        self._status = SyncStatus(
            Connectivity.UNKNOWN,
            int(last) if last else None,
            self.replica.unpushed_count(identity.station_id),
            clock_offset_ms=_offset_ms(self.replica.clock_offset()),
        )

    @classmethod
    def for_data_dir(cls, data_dir: Path, **kwargs: object) -> SyncEngine:
        return cls(Path(data_dir) / DB_FILENAME, **kwargs)  # type: ignore[arg-type]

    # -- status -------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        return replace(
            self._status, queue_depth=self.replica.unpushed_count(self.identity.station_id)
        )

    def _set_status(self, **changes: object) -> None:
        self._status = replace(self._status, **changes)  # type: ignore[arg-type]

    # -- heartbeat ----------------------------------------------------------------------------

    def set_conditions_provider(self, provider: ConditionsProvider | None) -> None:
        """Who tells the heartbeat the kiosk's mode, printer and camera (the UI sets one; the
        CLI has none). It runs on the sync thread, must be quick and must not raise; if it
        does, the heartbeat goes without those fields."""
        self._conditions = provider

    def heartbeat(self) -> Heartbeat:
        """This station's condition now, as the next sync round sends it."""
        conditions = StationConditions()
        if self._conditions is not None:
            try:
                conditions = self._conditions()
            except Exception:  # the door keeps syncing whatever the provider does
                log.exception("the station conditions provider failed")
        station_id = self.identity.station_id
        try:
            free_mb: int | None = shutil.disk_usage(self.replica.path.parent).free // 2**20
        except OSError:
            free_mb = None
        offset = self.replica.clock_offset()
        return Heartbeat(
            app_version=app_version(),
            unpushed=self.replica.unpushed_count(station_id),
            last_scan_ms=self.replica.last_scan_ms(station_id),
            mode=conditions.mode,
            gate_id=self.identity.gate_id or None,
            printer=str(conditions.printer),
            badges_waiting=conditions.badges_waiting,
            camera=str(conditions.camera),
            clock_offset_ms=None if offset is None else offset.offset_ms,
            disk_free_mb=free_mb,
        )

    # -- one round ----------------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Push every waiting entry, then pull every change; raises `SyncError` when offline
        (after recording it in the status)."""
        with self._sync_lock:
            self._set_status(syncing=True)
            started = time.perf_counter()
            try:
                with self.client.deadline.within(self.round_deadline_s):
                    report = self._round()
            except AccessRefused as error:
                self._fail(Connectivity.REFUSED, f"the server refused this station: {error}", error)
                raise
            except SyncError as error:
                self._fail(Connectivity.OFFLINE, str(error), error)
                raise
            offset = self._measure_clock()
            now = self._wall() - (offset.offset_ms if offset else 0)
            self.replica.set_state(LAST_SYNC_KEY, str(now))
            self._set_status(
                clock_offset_ms=_offset_ms(offset),
                connectivity=Connectivity.ONLINE,
                last_success_ms=now,
                last_error=None,
                last_problem=None,
                last_params=(),
                syncing=False,
                failures=0,
            )
            return replace(report, duration_ms=(time.perf_counter() - started) * 1000)

    def _measure_clock(self) -> ClockOffset | None:
        """This laptop's clock against the server's (its last answer's Date header), kept in
        the station's store: the station stamps its scans with the corrected time from then
        on, offline too. None (and the last measurement kept) when the server sent no date."""
        server = self.client.server_time
        if server is None:
            return self.replica.clock_offset()
        server_now = server.now_ms()
        offset = ClockOffset(self._wall() - server_now, server_now)
        self.replica.record_clock_offset(offset)
        return offset

    def _fail(self, connectivity: Connectivity, words: str, error: SyncError | None = None) -> None:
        self._set_status(
            connectivity=connectivity,
            last_error=words,
            last_problem=error.problem if error else SyncProblem.UNEXPECTED,
            last_params=error.params if error else (),
            syncing=False,
            failures=self._status.failures + 1,
        )

    def _round(self) -> SyncReport:
        pushed = self.push_all()
        pulled = self.pull_all()
        station_id = self.identity.station_id
        if self._server_keys_chains and self.replica.chain_keyed_from(station_id) is None:
            self.replica.start_keyed_chain(station_id)
        if self._pin_verifier is not None and self._pin_verifier != self.replica.pin_verifier():
            self.replica.set_pin_verifier(self._pin_verifier)  # the PIN was set or changed
        checked_up_to, pending = self._tickets_since_last_conflict_check()
        touched = pulled.tickets | pushed.tickets | pending
        conflicts = self.replica.refresh_conflicts(self.identity.event_id, touched)
        self.replica.refresh_acknowledgements()
        self.replica.set_state(CONFLICTS_CHECKED_KEY, str(checked_up_to))
        return SyncReport(
            accepted=pushed.accepted,
            duplicate=pushed.duplicate,
            rejected=pushed.rejected,
            pulled_rows=pulled.rows,
            pulled_entries=pulled.entries,
            conflicts=conflicts,
            cursor=pulled.cursor,
            gaps=pushed.gaps,
            stranded=pushed.stranded,
        )

    def _tickets_since_last_conflict_check(self) -> tuple[int, frozenset[int]]:
        """Tickets with log entries stored after the last completed conflict check.

        Pulled pages are committed before conflicts are recomputed; if the station stopped in
        between (crash, power cut), those tickets are checked on the next round instead of
        waiting until someone scans them again."""
        since = int(self.replica.get_state(CONFLICTS_CHECKED_KEY) or 0)
        logged = self.replica.tickets_logged_since(since)
        return logged.high_rowid, logged.ticket_ids

    def push_all(self) -> PushOutcome:
        """Upload the queue in batches, lowest sequence numbers first; each acknowledged entry
        is marked at once, so a batch that half-fails resends only the rest.

        Pipelined: while the server merges one batch, the station reads and renders the next,
        and sends it as soon as the answer is in, before its own bookkeeping. Each batch
        starts after the last sequence number of the one before, so an entry the server left
        unanswered waits for the next round instead of being resent in a loop."""
        station_id = self.identity.station_id
        event_id = self.identity.event_id
        total = self.replica.unpushed_count(station_id)
        counts = {"accepted": 0, "duplicate": 0, "rejected": 0, "stranded": 0}
        tickets: set[int] = set()
        gaps: list[dict[str, int | str]] = []
        done = 0
        self.progress("push", 0, total)
        batch = self.replica.unpushed_batch(station_id, -1, self.push_batch)
        if batch is None:
            return PushOutcome()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="doorline-push") as sender:
            answer_of = sender.submit(self.client.push_body, event_id, batch.body)
            while batch is not None:
                following = self.replica.unpushed_batch(station_id, batch.last_seq, self.push_batch)
                answer = answer_of.result()
                acks = check_push_answer(answer)
                if following is not None:
                    answer_of = sender.submit(self.client.push_body, event_id, following.body)
                stored: list[str] = []
                refused: list[tuple[str, str]] = []
                stranded: list[tuple[str, str]] = []
                for ack in acks:
                    status = ack["status"]
                    counts[status] = counts.get(status, 0) + 1
                    if status in ("accepted", "duplicate"):
                        stored.append(ack["id"])
                    elif status == "rejected":
                        reason = str(ack.get("reason", ""))
                        (stranded if is_identity_clash(ack) else refused).append(
                            (ack["id"], reason)
                        )
                        log.warning("server rejected entry %s: %s", ack["id"], reason)
                self.replica.mark_pushed(stored)
                self.replica.mark_rejected(refused)
                self.replica.mark_stranded(stranded)
                counts["stranded"] += len(stranded)
                tickets |= batch.ticket_ids
                gaps = answer.get("gaps", [])
                done += batch.count
                self.progress("push", done, max(total, done))
                if not stored and not refused and not stranded:
                    raise SyncError(
                        "the server acknowledged none of the uploaded entries",
                        SyncProblem.NOTHING_ACKNOWLEDGED,
                    )
                batch = following
        return PushOutcome(
            counts["accepted"],
            counts["duplicate"],
            counts["rejected"],
            gaps,
            frozenset(tickets),
            counts["stranded"],
        )

    def pull_all(self) -> PullOutcome:
        """Fetch pages from the stored cursor until the server has no more.

        While one page is written to SQLite, the next is already being fetched and decoded on a
        helper thread (SQLite releases the GIL while it works, and the server runs elsewhere), so
        a long pull costs about max(network + server, local writes) rather than their sum. The
        cursor still advances only with a stored page: an interrupted pull resumes at the last
        page that was committed, and a prefetched page that was never stored is simply asked for
        again."""
        cursor = start = pull_cursor(self.replica)
        rows = entries = pages = 0
        tickets: set[int] = set()
        event_id = self.identity.event_id
        self.progress("pull", 0, None)
        head = self.replica.chain_head(self.identity.station_id)
        page = self._fetch_checked(event_id, cursor, head, self.heartbeat().to_header())
        with (
            self.replica.bulk_cache(PULL_CACHE_KIB if page["more"] else 0),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="doorline-pull") as fetcher,
        ):
            while True:
                pages += 1
                ahead: Future[dict[str, Any]] | None = None
                if page["more"] and pages >= self.page_budget:
                    self._store_page(event_id, page)
                    raise ServerFailed(
                        f"the server still had more after {pages} pages; this round stopped "
                        "there and the next one continues",
                        SyncProblem.MORE_NEXT_ROUND,
                        pages,
                    )
                if page["more"]:
                    ahead = fetcher.submit(self._fetch_checked, event_id, int(page["cursor"]))
                try:
                    applied = apply_page(self.replica, event_id, page)
                except BaseException:
                    if ahead is not None:
                        ahead.cancel()
                    raise
                rows += applied.rows
                entries += applied.fresh
                tickets |= applied.fresh_tickets
                if self.clock is not None and applied.fresh:
                    self.clock.observe(applied.max_hlc)
                cursor = applied.cursor
                self.progress("pull", cursor - start, max(0, int(page["top"]) - start))
                if ahead is None:
                    break
                page = ahead.result()
        return PullOutcome(rows, entries, cursor, frozenset(tickets))

    def _fetch_checked(
        self,
        event_id: int,
        after: int,
        head: tuple[int, str] | None = None,
        heartbeat: str | None = None,
    ) -> dict[str, Any]:
        """One page, checked against the protocol (on the fetch thread, while the previous
        page is being written); the first carries the station's chain head and heartbeat."""
        page = self.client.changes(event_id, after, self.pull_page, head, heartbeat)
        check_changes_page(page, after)
        if page.get("log_chain") == LOG_CHAIN_KEYED:
            self._server_keys_chains = True
        if page.get("operator_pin"):
            self._pin_verifier = page["operator_pin"]
        return page

    def _store_page(self, event_id: int, page: dict[str, Any]) -> None:
        applied = apply_page(self.replica, event_id, page)
        if self.clock is not None and applied.fresh:
            self.clock.observe(applied.max_hlc)

    # -- background ---------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="doorline-sync", daemon=True)
        self._thread.start()

    def request_sync(self) -> None:
        """Sync now (e.g. the operator pressed "sync", or a scan was recorded)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def close(self) -> None:
        self.stop()
        if self._own_client:
            self.client.close()
        self.replica.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            delay = self.interval_s
            try:
                self.sync_once()
            except AccessRefused:
                delay = self.backoff.max_s
            except SyncError as error:
                log.info("sync attempt failed: %s", error)
                delay = self.backoff.delay(self._status.failures, self._rng)
            except Exception as error:  # a bug or a disk problem: keep the door running
                log.exception("sync round crashed")
                self._fail(Connectivity.OFFLINE, f"sync failed unexpectedly: {error}")
                delay = self.backoff.delay(self._status.failures, self._rng)
            self._wake.wait(delay)
            self._wake.clear()
