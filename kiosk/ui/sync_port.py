"""What the UI needs from background sync, and a stand-in for a station without a server.

The UI polls `status()` (cheap, thread-safe) on a timer and calls `request_sync()` for
"Sync now"; it never waits for the network. `sync_service_for` wraps the sync package's engine
when the station has a server, else `LocalOnlySync`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.core.station import Station
from kiosk.domain.heartbeat import StationConditions
from sync.errors import SyncProblem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    last_sync_ms: int | None
    queue_depth: int  # own log entries not yet pushed
    last_error: str | None = None  # English, for the log
    syncing: bool = False
    progress: float | None = None  # 0..1 while a sync runs
    has_server: bool = True
    clock_offset_ms: int | None = None  # this laptop's clock minus the server's, last sync
    last_problem: SyncProblem | None = None  # why the last round failed (`last_params` values)
    last_params: tuple[str, ...] = ()


class SyncService(Protocol):
    def status(self) -> SyncStatus: ...

    def request_sync(self) -> None: ...

    def set_conditions_provider(self, provider: Callable[[], StationConditions]) -> None:
        """Who tells each sync round's heartbeat the window's mode, printer and camera."""
        ...

    def stop(self) -> None: ...


def _last_sync(station: Station) -> int | None:
    value = station.replica.get_state("last_sync_ms")
    return int(value) if value else None


def _offset_ms(station: Station) -> int | None:
    offset = station.replica.clock_offset()
    return None if offset is None else offset.offset_ms


class LocalOnlySync:
    """A station provisioned from a bundle: offline by design, queue depth still counted."""

    def __init__(self, station: Station) -> None:
        self._station = station

    def status(self) -> SyncStatus:
        return SyncStatus(
            online=False,
            last_sync_ms=_last_sync(self._station),
            queue_depth=self._station.replica.unpushed_count(self._station.station_id),
            last_error=None,
            has_server=False,
            clock_offset_ms=_offset_ms(self._station),
        )

    def request_sync(self) -> None:
        log.info("this station has no server to sync with")

    def set_conditions_provider(self, provider: Callable[[], StationConditions]) -> None:
        return None  # no server hears a heartbeat

    def stop(self) -> None:
        return None


class EngineSync:
    """Adapter over `sync.engine.SyncEngine`: its background thread does the network work."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._progress: float | None = None
        engine.progress = self._on_progress

    def _on_progress(self, _phase: str, done: int, total: int | None) -> None:
        self._progress = min(1.0, done / total) if total else None

    def status(self) -> SyncStatus:
        raw = self._engine.status()
        return SyncStatus(
            online=bool(raw.online),
            last_sync_ms=raw.last_success_ms,
            queue_depth=int(raw.queue_depth),
            last_error=raw.last_error,
            syncing=bool(raw.syncing),
            progress=self._progress if raw.syncing else None,
            clock_offset_ms=raw.clock_offset_ms,
            last_problem=raw.last_problem,
            last_params=tuple(raw.last_params),
        )

    def request_sync(self) -> None:
        self._engine.request_sync()

    def set_conditions_provider(self, provider: Callable[[], StationConditions]) -> None:
        self._engine.set_conditions_provider(provider)

    def stop(self) -> None:
        self._engine.stop(timeout=2.0)
        self._engine.close()


def sync_service_for(station: Station, interval_s: float = 5.0) -> SyncService:
    identity = station.identity
    if not identity.server_url or not identity.credential:
        return LocalOnlySync(station)
    try:
        from sync.engine import SyncEngine
    except ImportError:
        log.warning("sync engine not installed; running offline")
        return LocalOnlySync(station)
    engine = SyncEngine(station.replica.path, interval_s=interval_s)
    engine.start()
    return EngineSync(engine)
