"""The central server under a fleet: N stations each pushing a few entries and pulling every 2 s.

    .venv/bin/python -m benchmarks.bench_server_load                 # the sizes of issue 15
    .venv/bin/python -m benchmarks.bench_server_load --quick         # seconds: a smoke run
    .venv/bin/python -m benchmarks.bench_server_load --stations 100 200 --seconds 20

Each configuration starts a real server (`python -m server_stub.app`, uvicorn; SQLite × 1
process, PostgreSQL × 1, 2 and 4 processes), provisions N stations through its API, then load
generators in processes of their own (so their CPU is not the server's Python) run N simulated
stations for the given time: every 2 s a station pushes 1–3 sealed log entries and pulls the
changes after its cursor. Reported per configuration and fleet size: requests/s, push and pull
p50/p99, late rounds (a round that ends after the next one was due), errors, and the server's
RSS (all its processes). Empty pulls (nothing new) are timed on their own afterwards.

PostgreSQL comes from DOORLINE_BENCH_POSTGRES (default postgresql://root@127.0.0.1:5432/postgres);
each configuration gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.table import Result, percentile
from kiosk.domain.log_entry import GENESIS_HASH, seal
from kiosk.domain.wire_format import entry_json
from server_stub.local_server import free_port
from server_stub.seeding import seed_event
from server_stub.storage import open_storage

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("DOORLINE_BENCH_POSTGRES", "postgresql://root@127.0.0.1:5432/postgres")
INTERVAL_S = 2.0
GENERATORS = 2  # load generator processes
TICKETS = 5_000


@dataclass(frozen=True)
class Config:
    name: str
    engine: str  # "sqlite" | "postgresql"
    workers: int


CONFIGS = (
    Config("SQLite × 1", "sqlite", 1),
    Config("PostgreSQL × 1", "postgresql", 1),
    Config("PostgreSQL × 2", "postgresql", 2),
    Config("PostgreSQL × 4", "postgresql", 4),
)


@dataclass
class Sample:
    push_ms: list[float] = field(default_factory=list)
    pull_ms: list[float] = field(default_factory=list)
    rounds: int = 0
    late: int = 0
    errors: int = 0
    requests: int = 0


@dataclass(frozen=True)
class StationKey:
    station_id: str
    credential: str


# -- the load generator (runs in its own process) -----------------------------------------------


def _generator(
    url: str, event_id: int, cursor: int, stations: list[StationKey], seconds: float, out: Any
) -> None:
    out.put(asyncio.run(_drive(url, event_id, cursor, stations, seconds)))


async def _drive(
    url: str, event_id: int, cursor: int, stations: list[StationKey], seconds: float
) -> dict[str, Any]:
    sample = Sample()
    limits = httpx.Limits(max_connections=len(stations) + 4, max_keepalive_connections=None)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        start = time.monotonic() + 0.5
        await asyncio.gather(
            *(
                _station(client, event_id, cursor, key, start, seconds, sample, i)
                for i, key in enumerate(stations)
            )
        )
    return vars(sample)


async def _station(
    client: httpx.AsyncClient,
    event_id: int,
    cursor: int,
    key: StationKey,
    start: float,
    seconds: float,
    sample: Sample,
    index: int,
) -> None:
    rng = random.Random(index)
    headers = {"Authorization": f"Bearer {key.credential}"}
    seq, prev = 0, GENESIS_HASH
    due = start + rng.random() * INTERVAL_S  # stations are not in lockstep
    while due < start + seconds:
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        entries = []
        for _ in range(rng.randint(1, 3)):
            seq += 1
            wall = int(time.time() * 1000)
            entry = seal(
                {
                    "id": f"{key.station_id}-{seq}", "station_id": key.station_id, "seq": seq,
                    "hlc": wall << 16, "wall_ms": wall, "event_id": event_id,
                    "gate_id": "main", "ticket_id": rng.randint(1, TICKETS), "action": "entry",
                    "verdict": "admitted", "offline": False, "method": "camera", "ref": None,
                    "detail": "", "prev_hash": prev,
                }
            )  # fmt: skip
            prev = entry.hash
            entries.append(entry_json(entry))
        try:
            t0 = time.perf_counter()
            pushed = await client.post(
                f"/v1/events/{event_id}/entries", json={"entries": entries}, headers=headers
            )
            sample.push_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            pulled = await client.get(
                f"/v1/events/{event_id}/changes",
                params={"after": cursor, "limit": 5000},
                headers=headers,
            )
            sample.pull_ms.append((time.perf_counter() - t0) * 1000)
            sample.requests += 2
            if pushed.status_code != 200 or pulled.status_code != 200:
                sample.errors += 1
            else:
                cursor = int(pulled.json()["cursor"])
        except httpx.HTTPError:
            sample.errors += 1
        sample.rounds += 1
        due += INTERVAL_S
        if time.monotonic() > due:
            sample.late += 1


# -- one configuration -------------------------------------------------------------------------


class Server:
    """`python -m server_stub.app` with N uvicorn workers on a free port."""

    def __init__(self, db: str, workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "server_stub.app", "--db", db, "--port", str(self.port)]
        self.proc = subprocess.Popen(
            [*cmd, "--workers", str(workers)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/health", timeout=0.5).status_code == 200:
                    time.sleep(0.5 * workers)  # every worker up, not only the first
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start")

    def rss_mb(self) -> float:
        """Resident memory of the server and all its worker processes, in MB."""
        pids = [self.proc.pid]
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        total = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def _database(config: Config, folder: Path) -> tuple[str, Any]:
    if config.engine == "sqlite":
        return str(folder / f"load-{secrets.token_hex(3)}.sqlite3"), None
    import psycopg

    name = f"doorline_load_{secrets.token_hex(4)}"
    admin = psycopg.connect(PG_ADMIN, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", (admin, name)


def _drop(handle: Any) -> None:
    if handle is not None:
        admin, name = handle
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def measure(config: Config, stations: int, seconds: float, folder: Path) -> dict[str, Any]:
    """One configuration under `stations` simulated stations for `seconds`."""
    db, handle = _database(config, folder)
    try:
        storage = open_storage(db)
        event_id = seed_event(storage, "Load", TICKETS).event_id
        tokens = [
            storage.credentials.create_station_token(event_id, f"s{i}") for i in range(stations)
        ]
        cursor = storage.catalog.current_change()
        storage.close()
        server = Server(db, config.workers)
        try:
            keys = _provision(server.url, tokens)
            context = multiprocessing.get_context("spawn")
            out = context.Queue()
            shares = [keys[i::GENERATORS] for i in range(GENERATORS)]
            procs = [
                context.Process(
                    target=_generator, args=(server.url, event_id, cursor, share, seconds, out)
                )
                for share in shares
                if share
            ]
            for proc in procs:
                proc.start()
            rss = 0.0
            parts: list[dict[str, Any]] = []
            deadline = time.monotonic() + seconds + 120
            while len(parts) < len(procs) and time.monotonic() < deadline:
                rss = max(rss, server.rss_mb())
                try:
                    parts.append(out.get(timeout=1))
                except Exception:  # queue.Empty: keep sampling RSS
                    continue
            for proc in procs:
                proc.join(10)
            empty = _empty_pulls(server.url, event_id, keys[0])
        finally:
            server.stop()
    finally:
        _drop(handle)
    merged = Sample()
    for part in parts:
        for name in ("push_ms", "pull_ms"):
            getattr(merged, name).extend(part[name])
        for name in ("rounds", "late", "errors", "requests"):
            setattr(merged, name, getattr(merged, name) + part[name])
    return {
        "config": config.name,
        "stations": stations,
        "req_s": merged.requests / seconds,
        "push_p50": percentile(merged.push_ms, 50),
        "push_p99": percentile(merged.push_ms, 99),
        "pull_p50": percentile(merged.pull_ms, 50),
        "pull_p99": percentile(merged.pull_ms, 99),
        "rounds": merged.rounds,
        "late": merged.late,
        "errors": merged.errors,
        "rss_mb": rss,
        "empty_pull_p50": percentile(empty, 50),
    }


def _provision(url: str, tokens: list[str]) -> list[StationKey]:
    keys = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for i, token in enumerate(tokens):
            made = client.post("/v1/provision", json={"token": token, "nonce": f"n{i}"}).json()
            keys.append(StationKey(made["station_id"], made["credential"]))
    return keys


def _empty_pulls(url: str, event_id: int, key: StationKey, count: int = 200) -> list[float]:
    """A station that is up to date asks again: the answer is an empty page."""
    headers = {"Authorization": f"Bearer {key.credential}"}
    times = []
    with httpx.Client(base_url=url, timeout=30, headers=headers) as client:
        top = client.get(f"/v1/events/{event_id}/changes", params={"after": 0, "limit": 1})
        cursor = int(top.json()["top"])
        for _ in range(count):
            t0 = time.perf_counter()
            client.get(f"/v1/events/{event_id}/changes", params={"after": cursor, "limit": 5000})
            times.append((time.perf_counter() - t0) * 1000)
    return times


def _postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=2).close()
        return True
    except Exception:
        return False


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| server | stations | requests/s | push p50 / p99 ms | pull p50 / p99 ms | late rounds "
        "| errors | server RSS MB | empty pull p50 ms |\n|---|---|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['config']} | {r['stations']} | {r['req_s']:.0f} | {r['push_p50']:.1f} / "
            f"{r['push_p99']:.1f} | {r['pull_p50']:.1f} / {r['pull_p99']:.1f} | "
            f"{r['late']} of {r['rounds']} | {r['errors']} | {r['rss_mb']:.0f} | "
            f"{r['empty_pull_p50']:.2f} |"
        )
    return "\n".join(lines)


def sweep(stations: list[int], seconds: float, configs: tuple[Config, ...]) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for config in configs:
            if config.engine == "postgresql" and not _postgres_answers():
                print(f"skipped {config.name}: no PostgreSQL at {PG_ADMIN}", file=sys.stderr)
                continue
            for n in stations:
                row = measure(config, n, seconds, Path(tmp))
                print(table([row]).splitlines()[-1], file=sys.stderr, flush=True)
                rows.append(row)
    return rows


def run(quick: bool) -> list[Result]:
    """For `python -m benchmarks`: a short run of every configuration (the full sweep takes
    about half an hour and is run on its own, see the module docstring)."""
    rows = sweep([10], 4.0, CONFIGS)
    results = []
    for r in rows:
        results.append(
            Result(
                f"{r['config']}, {r['stations']} stations syncing every 2 s (quick)",
                r["push_p99"],
                "ms push p99",
                "",
                None,
                f"pull p99 {r['pull_p99']:.1f} ms, {r['req_s']:.0f} req/s, late {r['late']}, "
                f"errors {r['errors']}",
            )
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_server_load")
    parser.add_argument("--quick", action="store_true", help="20 stations for 6 s")
    parser.add_argument("--stations", type=int, nargs="*", default=[10, 50, 100, 200, 400, 800])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--only", action="append", default=[], help="config name substring")
    args = parser.parse_args(argv)
    stations, seconds = ([20], 6.0) if args.quick else (args.stations, args.seconds)
    configs = tuple(c for c in CONFIGS if not args.only or any(o in c.name for o in args.only))
    rows = sweep(stations, seconds, configs)
    print(table(rows))
    return 0 if all(r["errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
