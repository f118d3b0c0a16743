"""A door under load while it syncs: sustained scans per minute, and no upload backlog.

A real server on 127.0.0.1, a station provisioned by token, its sync engine pushing and pulling
on a short timer, and the door scanning as fast as it can meanwhile (PRODUCT §9: ≥ 1,200 a
minute per station, no backlog).
"""

from __future__ import annotations

import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.table import Result, percentile
from kiosk.core.station import Station, open_station
from server_stub.local_server import LocalServer, station_token
from server_stub.seeding import seed_event
from server_stub.storage import open_storage
from sync.engine import SyncEngine
from sync.provisioning import provision_from_server

SYNC_EVERY_S = 2.0


def _sample_backlog(engine: SyncEngine, stop: threading.Event, peaks: list[int]) -> None:
    while not stop.wait(0.25):
        peaks.append(engine.status().queue_depth)


PACED_PER_MINUTE = 2_400  # twice the target: a busy door with two scanners


@dataclass(frozen=True)
class Phase:
    latencies_ms: list[float]
    elapsed_s: float
    peak_queue: int
    left: int
    drain_s: float

    @property
    def per_minute(self) -> float:
        return len(self.latencies_ms) / self.elapsed_s * 60


def _scan_for(
    station: Station, codes: list[str], seconds: float, pace_s: float
) -> tuple[list[float], float]:
    """Scan for `seconds`, one scan every `pace_s` (0: as fast as the station goes)."""
    latencies: list[float] = []
    started = time.perf_counter()
    while (now := time.perf_counter()) - started < seconds:
        due = started + len(latencies) * pace_s
        if due > now:
            time.sleep(due - now)
        t0 = time.perf_counter()
        station.scan(codes[len(latencies) % len(codes)])
        latencies.append((time.perf_counter() - t0) * 1000)
    return latencies, time.perf_counter() - started


def _drain(engine: SyncEngine, station: Station) -> tuple[int, float]:
    started = time.perf_counter()
    engine.request_sync()
    while engine.status().queue_depth and time.perf_counter() - started < 30:
        time.sleep(0.05)
    return station.replica.unpushed_count(station.station_id), time.perf_counter() - started


def _phase(
    engine: SyncEngine, station: Station, codes: list[str], seconds: float, pace_s: float
) -> Phase:
    peaks: list[int] = []
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_backlog, args=(engine, stop, peaks))
    sampler.start()
    latencies, elapsed = _scan_for(station, codes, seconds, pace_s)
    stop.set()
    sampler.join()
    left, drain_s = _drain(engine, station)
    return Phase(latencies, elapsed, max(peaks, default=0), left, drain_s)


def run(quick: bool) -> list[Result]:
    seconds = 6.0 if quick else 30.0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = open_storage(root / "server.sqlite3")
        seeded = seed_event(store, "Load", 2_000 if quick else 10_000)
        store.close()
        server = LocalServer(root / "server.sqlite3")
        server.start()
        try:
            token = station_token(server.db, seeded.event_id, "Door under load")
            provision_from_server(root / "door", server.url, token, "workshop").replica.close()
            station = open_station(root / "door", long_running=True)
            engine = SyncEngine(station.replica.path, interval_s=SYNC_EVERY_S)
            engine.start()
            codes = [t.code for t in seeded.tickets]
            flat_out = _phase(engine, station, codes, seconds, 0.0)
            paced = _phase(engine, station, codes, seconds, 60 / PACED_PER_MINUTE)
            engine.close()
            station.replica.close()
        finally:
            server.stop()
    return _rows(flat_out, paced)


def _rows(flat_out: Phase, paced: Phase) -> list[Result]:
    bound = int(PACED_PER_MINUTE / 60 * SYNC_EVERY_S * 2)
    return [
        Result(
            f"sustained scans, one station, flat out, sync every {SYNC_EVERY_S:g} s",
            flat_out.per_minute,
            "scans/min",
            "≥ 1,200/min",
            flat_out.per_minute >= 1200,
            f"{len(flat_out.latencies_ms):,} scans in {flat_out.elapsed_s:.0f} s, "
            "each fsync'd before its verdict",
        ),
        Result(
            "… scan → verdict durable while syncing, p99",
            percentile(flat_out.latencies_ms, 99),
            "ms",
        ),
        Result(
            f"paced at {PACED_PER_MINUTE:,}/min with sync running: rate held",
            paced.per_minute,
            "scans/min",
            f"{PACED_PER_MINUTE:,}/min",
            paced.per_minute >= PACED_PER_MINUTE * 0.98,
            f"{len(paced.latencies_ms):,} scans in {paced.elapsed_s:.0f} s",
        ),
        Result(
            "… largest upload queue during the paced run",
            paced.peak_queue,
            "entries",
            f"≤ {bound} (2 sync intervals)",
            paced.peak_queue <= bound,
            "sampled every 0.25 s",
        ),
        Result(
            "… upload queue after one more sync (backlog)",
            paced.left,
            "entries",
            "0",
            paced.left == 0,
            f"drained in {paced.drain_s:.1f} s",
        ),
    ]
