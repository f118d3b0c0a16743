"""Sync over real loopback HTTP (uvicorn in a subprocess): first full pull, push + merge,
incremental pull, and a many-station simulation with random partitions (PRODUCT §9).

Log entries for the push and the simulation are sealed directly into the replica in large
transactions, so the numbers measure sync, not the door's per-scan fsync.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.table import Result
from kiosk.core.station import Station
from kiosk.domain.log_entry import GENESIS_HASH, seal
from kiosk.domain.verdicts import Action, Verdict
from server_stub.local_server import station_token
from server_stub.seeding import seed_event
from server_stub.storage import open_storage
from sync.engine import SyncEngine
from sync.provisioning import provision_from_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sync_support import ServerProcess, double_admissions


def synthesize(station: Station, tickets: list[int], count: int, rng: random.Random) -> None:
    """Append `count` chained entries/exits of this station in one transaction."""
    replica = station.replica
    newest = replica.station_entries(station.station_id, last=1)
    seq, prev = (newest[0].seq, newest[0].hash) if newest else (0, GENESIS_HASH)
    entries = []
    for _ in range(count):
        seq += 1
        is_exit = rng.random() < 0.3
        entry = seal(
            {
                "id": str(uuid.uuid4()),
                "station_id": station.station_id,
                "seq": seq,
                "hlc": station.clock.now(),
                "wall_ms": int(time.time() * 1000),
                "event_id": station.identity.event_id,
                "gate_id": station.identity.gate_id,
                "ticket_id": rng.choice(tickets),
                "action": str(Action.EXIT if is_exit else Action.ENTRY),
                "verdict": str(Verdict.EXIT_RECORDED if is_exit else Verdict.ADMITTED),
                "offline": False,
                "method": "bench",
                "ref": None,
                "detail": "",
                "prev_hash": prev,
            }
        )
        entries.append(entry)
        prev = entry.hash
    replica.append_own_entries(entries)


def run(quick: bool) -> list[Result]:
    tickets = 5_000 if quick else 100_000
    pushes = 1_000 if quick else 10_000
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = root / "server.db"
        store = open_storage(db)
        event_id = seed_event(store, "bench", tickets).event_id
        store.close()
        server = ServerProcess(db).start()
        try:
            results += _pull_and_push(root, db, server, event_id, tickets, pushes, quick)
            results += _simulation(root, db, server, quick)
        finally:
            server.stop()
    return results


def _pull_and_push(
    root: Path,
    db: Path,
    server: ServerProcess,
    event_id: int,
    tickets: int,
    pushes: int,
    quick: bool,
) -> list[Result]:
    started = time.perf_counter()
    token_a, token_b = (station_token(db, event_id, name) for name in "ab")
    station = provision_from_server(root / "a", server.url, token_a, "workshop")
    pull_s = time.perf_counter() - started
    assert station.replica.counts().tickets == tickets
    other = provision_from_server(root / "b", server.url, token_b, "main", "b")
    ids = list(range(1, tickets + 1))
    rng = random.Random(1)
    # Another door has already uploaded: the merge finds tickets both stations scanned.
    synthesize(other, ids, 1_000, rng)
    other_engine = SyncEngine.for_data_dir(root / "b")
    other_engine.push_all()
    synthesize(station, ids, pushes, rng)
    engine = SyncEngine.for_data_dir(root / "a", push_batch=5_000)
    started = time.perf_counter()
    outcome = engine.push_all()
    push_s = time.perf_counter() - started
    assert outcome.accepted == pushes
    shared = len(_tickets(station) & _tickets(other))
    batches = -(-pushes // engine.push_batch)
    started = time.perf_counter()
    pulled = engine.pull_all()
    incr_s = time.perf_counter() - started
    engine.close()
    other_engine.close()
    station.replica.close()
    other.replica.close()
    label = "" if not quick else " (quick)"
    return [
        Result(f"first full pull, {tickets:,} tickets, loopback{label}", pull_s, "s", "≤ 3 s",
               pull_s <= 3.0 if not quick else None,
               "token exchange + event + all pages (20,000 rows each) into SQLite + FTS"),
        Result(f"push {pushes:,} log entries, merged on the server{label}", push_s, "s", "≤ 0.5 s",
               push_s <= 0.5 if not quick else None,
               f"{batches} batch(es); {len(outcome.tickets):,} tickets, {shared:,} of them "
               "also scanned at another door (re-merged)"),
        Result(f"incremental pull, {pulled.entries:,} changes", incr_s, "s", "", None,
               "the other door's entries; conflict refresh excluded"),
    ]  # fmt: skip


def _simulation(root: Path, db: Path, server: ServerProcess, quick: bool) -> list[Result]:
    stations_n, actions, tickets = (4, 2_000, 500) if quick else (20, 100_000, 5_000)
    return simulate(root, db, server, stations_n, actions, tickets)


def simulate(
    root: Path, db: Path, server: ServerProcess, stations_n: int, actions: int, tickets: int
) -> list[Result]:
    store = open_storage(db)
    event = seed_event(store, "sim", tickets)
    store.close()
    ids = [t.ticket_id for t in event.tickets]
    rng = random.Random(7)
    stations = [
        provision_from_server(
            root / f"sim{i}",
            server.url,
            station_token(db, event.event_id, f"s{i}"),
            "workshop",
            f"s{i}",
        )
        for i in range(stations_n)
    ]
    engines = [
        SyncEngine.for_data_dir(root / f"sim{i}", push_batch=2_000) for i in range(stations_n)
    ]
    rounds = 10
    per_round = actions // (stations_n * rounds)
    started = time.perf_counter()
    for _ in range(rounds):
        for station, engine in zip(stations, engines, strict=True):
            synthesize(station, ids, per_round, rng)
            if rng.random() < 0.6:  # the rest are partitioned this round
                engine.sync_once()
    rounds_s = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(2):
        for engine in engines:
            engine.sync_once()
    converge_s = time.perf_counter() - started
    store = open_storage(db)
    server_log = store.reports.log_entries(event.event_id)
    server_conflicts = {c["id"] for c in store.conflicts.conflicts(event.event_id)}
    flagged = {
        (c["first_entry_id"], c["second_entry_id"])
        for c in store.conflicts.conflicts(event.event_id)
    }
    store.close()
    server_ids = {e.id for e in server_log}
    union = {e.id for s in stations for e in s.replica.station_entries(s.station_id)}
    lost = len(union - server_ids)
    converged = all(
        _log_ids(s) == server_ids and _conflict_ids(s) == server_conflicts for s in stations
    )
    doubles = double_admissions(server_log)
    missed = len(doubles - flagged)
    for engine in engines:
        engine.close()
    for station in stations:
        station.replica.close()
    total = len(union)
    return [
        Result(f"{stations_n} stations × {total:,} actions, random partitions: all converge",
               converge_s, "s", "all converge", converged,
               "final 2 sync rounds; every replica holds the server's log and conflicts"),
        Result("… the 10 partitioned rounds before", rounds_s, "s", "", None,
               f"{per_round:,} actions per station per round, 60 % of stations sync"),
        Result("… lost entries", lost, "", "0", lost == 0, "union of station logs vs server log"),
        Result("… double admissions not flagged", missed, "", "0", missed == 0,
               f"{len(doubles):,} double admissions (independent check), "
               f"{len(server_conflicts):,} conflicts flagged"),
    ]  # fmt: skip


def _tickets(station: Station) -> set[int]:
    return station.replica.logged_ticket_ids()


def _log_ids(station: Station) -> set[str]:
    return station.replica.all_entry_ids()


def _conflict_ids(station: Station) -> set[str]:
    return {c.id for c in station.replica.conflicts()}
