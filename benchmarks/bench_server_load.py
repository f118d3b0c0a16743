"""The central server under a fleet: N stations each pushing a few entries and pulling every 2 s.

    .venv/bin/python -m benchmarks.bench_server_load                 # the sizes of issue 15
    .venv/bin/python -m benchmarks.bench_server_load --quick         # seconds: a smoke run
    .venv/bin/python -m benchmarks.bench_server_load --stations 100 200 --seconds 20

Each configuration starts a real server (`python -m server_stub.app`, uvicorn; SQLite × 1
process, PostgreSQL × 1, 2 and 4 processes), provisions N stations through its API, then load
generators in processes of their own (so their CPU is not the server's Python) run N simulated
stations for the given time: every 2 s a station pushes 1–3 sealed log entries and pulls the
changes after its cursor. Reported per configuration and fleet size: requests/s, push and pull
p50/p99, late rounds (a round that ends after the next one was due, or never ran because the
station was that far behind when the time was up), errors, the server's RSS (all its
processes), the CPU each request cost (the server's processes plus the PostgreSQL backends
serving its database, from /proc, over the whole window), the load generators' own CPU and the
machine's load average. Empty pulls (nothing new) are timed on their own afterwards, with their
CPU; and each configuration's start (`doorline server run`: first answer, every worker serving).

PostgreSQL comes from DOORLINE_BENCH_POSTGRES (default postgresql://root@127.0.0.1:5432/postgres);
each configuration gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import secrets
import ssl
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
    cpu_s: float = 0.0  # the generator process's own CPU time


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
    cpu0 = time.process_time()
    # One client per station, each with its own keep-alive HTTP/1.1 connection, as every real
    # station has. (One client with a pool of hundreds of connections spent most of the
    # generators' CPU in httpcore scanning that pool for each request.)
    tls = ssl.create_default_context()  # built once: http:// never uses it
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [
        httpx.AsyncClient(base_url=url, limits=limits, timeout=30, verify=tls) for _ in stations
    ]
    try:
        start = time.monotonic() + 0.5
        await asyncio.gather(
            *(
                _station(client, event_id, cursor, key, start, seconds, sample, i)
                for i, (client, key) in enumerate(zip(clients, stations, strict=True))
            )
        )
    finally:
        for client in clients:
            await client.aclose()
    sample.cpu_s = time.process_time() - cpu0
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
    end = start + seconds
    while due < end:
        if time.monotonic() >= end:
            # Behind so far that the window closed: the rounds still due never ran.
            missed = int((end - due) // INTERVAL_S) + 1
            sample.rounds += missed
            sample.late += missed
            break
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
                cursor = _cursor_of(pulled.content)
        except httpx.HTTPError:
            sample.errors += 1
        sample.rounds += 1
        due += INTERVAL_S
        if time.monotonic() > due:
            sample.late += 1


_CURSOR = re.compile(rb'\{"cursor":(\d+),')


def _cursor_of(page: bytes) -> int:
    """The page's cursor. A real station parses and applies every entry on its own machine;
    here that would make the load generators, on the server's two cores, spend more CPU than
    the server (a 400-station page holds ~800 entries). The server writes `cursor` first."""
    found = _CURSOR.match(page)
    return int(found.group(1)) if found else int(json.loads(page)["cursor"])


# -- one configuration -------------------------------------------------------------------------


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU time (user + system, in s) of each live process in `pids`, from /proc/PID/stat."""
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return out


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two `cpu_seconds` readings (a process born in between
    counts from zero)."""
    return sum(t - before.get(pid, 0.0) for pid, t in after.items())


class Server:
    """`doorline server run --workers N` (the operator's command) on a free port."""

    def __init__(self, db: str, workers: int, backends: Any = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        cmd = [sys.executable, "-m", "kiosk.cli.main", "server", "run", "--db", db]
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [*cmd, "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        self.first_answer_s = self.all_workers_s = float("nan")
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if httpx.get(self.url + "/health", timeout=0.5).status_code == 200:
                    self.first_answer_s = time.perf_counter() - started
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError("the server did not start")
        # Each worker opens its database pool before it accepts: N pooled connections to the
        # database mean N workers serving (one process: the first answer says it).
        while backends is not None and time.monotonic() < deadline:
            if len(backends()) >= workers:
                break
            time.sleep(0.05)
        self.all_workers_s = time.perf_counter() - started

    def pids(self) -> list[int]:
        """The server's processes: the supervisor and its workers."""
        pids = [self.proc.pid]
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        return pids

    def rss_mb(self) -> float:
        """Resident memory of the server and all its worker processes, in MB."""
        total = 0
        for pid in self.pids():
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


@dataclass
class Database:
    """The benchmark's database: a SQLite file, or a PostgreSQL database of its own."""

    url: str
    admin: Any = None  # psycopg connection to PG_ADMIN (PostgreSQL only)
    name: str = ""

    def backends(self) -> list[int]:
        """PostgreSQL server processes serving this database (none for SQLite)."""
        if self.admin is None:
            return []
        # By process title ("postgres: 15/main: root DBNAME 127.0.0.1(port) idle"): SQL
        # lives with the storage (tests/test_architecture.py), and this is all it would ask.
        pids = []
        for proc in Path("/proc").iterdir():
            try:
                title = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, UnicodeDecodeError):
                continue
            if title.startswith("postgres:") and f" {self.name} " in title:
                pids.append(int(proc.name))
        return pids

    def drop(self) -> None:
        if self.admin is not None:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.admin.close()


def _database(config: Config, folder: Path) -> Database:
    if config.engine == "sqlite":
        return Database(str(folder / f"load-{secrets.token_hex(3)}.sqlite3"))
    import psycopg

    name = f"doorline_load_{secrets.token_hex(4)}"
    admin = psycopg.connect(PG_ADMIN, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    return Database(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", admin, name)


def _cpu_now(server: Server, db: Database) -> tuple[dict[int, float], dict[int, float]]:
    return cpu_seconds(server.pids()), cpu_seconds(db.backends())


def measure(config: Config, stations: int, seconds: float, folder: Path) -> dict[str, Any]:
    """One configuration under `stations` simulated stations for `seconds`."""
    db = _database(config, folder)
    try:
        storage = open_storage(db.url)
        event_id = seed_event(storage, "Load", TICKETS).event_id
        tokens = [
            storage.credentials.create_station_token(event_id, f"s{i}") for i in range(stations)
        ]
        cursor = storage.catalog.current_change()
        storage.close()
        server = Server(db.url, config.workers, db.backends if db.admin else None)
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
            load_before = os.getloadavg()[0]
            server_cpu, pg_cpu = _cpu_now(server, db)
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
            server_after, pg_after = _cpu_now(server, db)
            load_after = os.getloadavg()[0]
            for proc in procs:
                proc.join(10)
            empty_cpu = _cpu_now(server, db)
            empty = _empty_pulls(server.url, event_id, keys[0])
            empty_after = _cpu_now(server, db)
        finally:
            server.stop()
    finally:
        db.drop()
    merged = Sample()
    for part in parts:
        for name in ("push_ms", "pull_ms"):
            getattr(merged, name).extend(part[name])
        for name in ("rounds", "late", "errors", "requests", "cpu_s"):
            setattr(merged, name, getattr(merged, name) + part[name])
    if len(parts) < len(procs):
        merged.errors += 1  # a generator that never answered is a failed measurement
    server_s = cpu_spent(server_cpu, server_after)
    pg_s = cpu_spent(pg_cpu, pg_after)
    empty_s = cpu_spent(empty_cpu[0], empty_after[0]) + cpu_spent(empty_cpu[1], empty_after[1])
    return {
        "config": config.name,
        "stations": stations,
        "seconds": seconds,
        "req_s": merged.requests / seconds,
        "push_p50": percentile(merged.push_ms, 50),
        "push_p99": percentile(merged.push_ms, 99),
        "pull_p50": percentile(merged.pull_ms, 50),
        "pull_p99": percentile(merged.pull_ms, 99),
        "rounds": merged.rounds,
        "late": merged.late,
        "errors": merged.errors,
        "rss_mb": rss,
        "server_cpu_s": server_s,
        "pg_cpu_s": pg_s,
        "generator_cpu_s": merged.cpu_s,
        "cpu_ms_per_request": (server_s + pg_s) * 1000 / max(1, merged.requests),
        "empty_pull_p50": percentile(empty, 50),
        "empty_pull_p99": percentile(empty, 99),
        "empty_pull_cpu_ms": empty_s * 1000 / max(1, len(empty)),
        "load": (load_before + load_after) / 2,
        "startup_s": server.first_answer_s,
        "all_workers_s": server.all_workers_s,
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
    """The fleet table: one line per configuration and fleet size. CPU per request is the
    server's processes plus the PostgreSQL backends serving them, over the window; the load
    generators' CPU is in % of one core; load is the 1-minute load average during the row."""
    head = (
        "| server | stations | requests/s | push p50 / p99 ms | pull p50 / p99 ms | late rounds "
        "| errors | server RSS MB | CPU ms per request (server + PostgreSQL) "
        "| generators' CPU | load avg |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for r in rows:
        both = r["server_cpu_s"] + r["pg_cpu_s"]
        per = r["cpu_ms_per_request"]
        split = (
            f"{per * r['server_cpu_s'] / both:.2f} + {per * r['pg_cpu_s'] / both:.2f}"
            if both
            else "n/a"
        )
        lines.append(
            f"| {r['config']} | {r['stations']} | {r['req_s']:.0f} | {r['push_p50']:.1f} / "
            f"{r['push_p99']:.1f} | {r['pull_p50']:.1f} / {r['pull_p99']:.1f} | "
            f"{r['late']} of {r['rounds']} | {r['errors']} | {r['rss_mb']:.0f} | "
            f"{r['cpu_ms_per_request']:.2f} ({split}) | "
            f"{100 * r['generator_cpu_s'] / r['seconds']:.0f} % | {r['load']:.1f} |"
        )
    return "\n".join(lines)


def side_table(rows: list[dict[str, Any]]) -> str:
    """Per configuration: the empty pull (a station up to date asks again, 200 times after
    the fleet stopped) and the server's start."""
    head = (
        "| server | after stations | empty pull p50 / p99 ms | CPU ms per empty pull "
        "| start: first answer s | start: every worker serving s |\n|---|---|---|---|---|---|"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['config']} | {r['stations']} | {r['empty_pull_p50']:.2f} / "
            f"{r['empty_pull_p99']:.2f} | {r['empty_pull_cpu_ms']:.2f} | {r['startup_s']:.2f} "
            f"| {r['all_workers_s']:.2f} |"
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
                print(side_table([row]).splitlines()[-1], file=sys.stderr, flush=True)
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
    from benchmarks.__main__ import machine_line

    print(f"machine: {machine_line()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    rows = sweep(stations, seconds, configs)
    print(table(rows))
    print()
    print(side_table(rows))
    return 0 if all(r["errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
