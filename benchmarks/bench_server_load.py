"""The central server under a fleet: N stations each pushing a few entries and pulling every 2 s.

    .venv/bin/python -m benchmarks.bench_server_load                 # the sizes of issue 15
    .venv/bin/python -m benchmarks.bench_server_load --quick         # seconds: a smoke run
    .venv/bin/python -m benchmarks.bench_server_load --stations 100 200 --seconds 20

Each configuration starts a real server (`doorline server run`, uvicorn; SQLite × 1 process,
PostgreSQL × 1, 2 and 4 processes), provisions N stations through its API, then load
generators in processes of their own (so their CPU is not the server's Python) run N simulated
stations for the given time. Each does what a real station does: every 2 s it pushes the 1–3
entries it scanned since, sealed on its keyed chain, then pulls the changes after its cursor
with its chain head and heartbeat, over a keep-alive connection of its own. The entries are
sealed before the window and each station's requests go through a lean keep-alive connection
(`benchmarks.station_connection`, httptools parsing the answers) on uvloop, so the generators
take ~0.4 ms of CPU a request instead of httpx's ~3.8 from the cores the server is measured on.

Reported per configuration and fleet size: requests/s, push and pull p50/p99, late rounds (a
round that ends after the next one was due, or never ran because the station was that far
behind when the time was up), requests with no answer (timeouts, connection failures) apart
from HTTP error statuses, the server's RSS (all its processes), the CPU each request cost (the
server's processes plus the PostgreSQL backends serving its database, from /proc, over the
whole window), the load generators' own CPU and the machine's load average; then how many
stations one 8-core server would hold at that cost. Empty pulls (nothing new) are timed on
their own afterwards, with their CPU; and each configuration's start (`doorline server run`:
first answer, every worker serving).

PostgreSQL comes from DOORLINE_BENCH_POSTGRES (default postgresql://root@127.0.0.1:5432/postgres);
each configuration gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson

from benchmarks.station_connection import ConnectionBroken, StationConnection
from benchmarks.table import Result, percentile
from kiosk.cli.counts import at_least_one
from kiosk.domain.heartbeat import HEADER as HEARTBEAT_HEADER
from kiosk.domain.heartbeat import Heartbeat
from kiosk.domain.log_entry import GENESIS_HASH, chain_key, seal
from kiosk.domain.wire_format import entry_json
from server_stub.local_server import free_port
from sync.engine import PULL_PAGE
from sync.version import app_version

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("DOORLINE_BENCH_POSTGRES", "postgresql://root@127.0.0.1:5432/postgres")
INTERVAL_S = 2.0
GENERATORS = 2  # load generator processes
TICKETS = 5_000  # the smallest event a run seeds (a larger fleet gets `tickets_for(...)`)
# A real door admits each ticket once; a double admission (one ticket at two doors) is the
# exception the server must flag. This share of scans admits a ticket a neighbouring station
# admits too, so every run still merges conflicts; the rest are tickets of the station's own.
DOUBLE_ADMISSIONS = 0.01
GATE = "main"  # every station stands at the seeded event's main entrance
MAX_PAGES = 50  # a round's pull stops here (the station's page budget is larger; never reached)


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
    """What one load generator saw over its window. A request that got no HTTP answer is a
    timeout or a connection failure (the generator's side, or the server never answered); one
    that got an answer other than 200 is an HTTP error, counted by status."""

    push_ms: list[float] = field(default_factory=list)
    pull_ms: list[float] = field(default_factory=list)
    rounds: int = 0
    late: int = 0
    requests: int = 0  # answered, whatever the status
    timeouts: int = 0  # no answer within the station's timeouts (connect 3 s, each read 15 s)
    connection_failures: int = 0  # refused, reset or a broken answer: no status at all
    http_errors: dict[int, int] = field(default_factory=dict)  # status (not 200) -> requests
    refused_entries: int = 0  # a 200 push whose answer refused entries: a generator bug
    cpu_s: float = 0.0  # the generator's own CPU over its window (sealing beforehand excluded)
    seal_cpu_s: float = 0.0  # its CPU sealing the stations' entries before the window


@dataclass(frozen=True)
class StationKey:
    station_id: str
    credential: str
    gate_id: str = GATE


@dataclass(frozen=True)
class Round:
    """One sync round of a simulated station, made before the window: the entries it pushes
    (each the station's wire JSON, sealed), and the headers of the pull that follows."""

    due_s: float  # when the round is due, in s after the window opens
    entries: tuple[bytes, ...]
    pull_headers: str  # header lines, "Name: value\r\n" each


def tickets_for(stations: int, seconds: float) -> int:
    """Tickets an event needs so that `stations` stations scanning for `seconds` (at most 3
    scans a round) each admit tickets of their own: at least TICKETS."""
    return max(TICKETS, stations * (int(seconds / INTERVAL_S) + 1) * 3)


def _ticket(rng: random.Random, index: int, scan: int, tickets: int, fleet: int) -> int:
    """The ticket of station `index`'s `scan`-th scan (from 1): the next of its own share of
    1..`tickets` (the event's tickets split among the `fleet`), or, for DOUBLE_ADMISSIONS of
    the scans, one of the first tickets the next station admits (a double admission)."""
    share = max(1, tickets // fleet)
    if rng.random() < DOUBLE_ADMISSIONS:
        return ((index + 1) % fleet) * share % tickets + rng.randint(1, min(3, share))
    return (index * share + (scan - 1) % share) % tickets + 1


def station_rounds(
    key: StationKey,
    event_id: int,
    index: int,
    seconds: float,
    opens_ms: int,
    tickets: int,
    fleet: int = 1,
) -> list[Round]:
    """Every round station number `index` (of a `fleet`) makes in a window of `seconds`
    opening at Unix ms `opens_ms`: due every INTERVAL_S from a phase of its own (stations are
    not in lockstep), each pushing 1–3 admissions scanned in the 2 s before it, of tickets
    1..`tickets`: its own share, and DOUBLE_ADMISSIONS of them another door's (`_ticket`).

    Made as the real station makes them: sealed with `seal` on the station's keyed chain
    (rule 2, the key derived from its credential: the server says `log_chain: k2` when it
    provisions a station), written with `entry_json`, and the pull after the push carries the
    station's chain head and heartbeat (`sync.engine.SyncEngine.pull_all`). Sealing here, before
    the window, keeps a station's own crypto off the two cores the server is measured on."""
    rng = random.Random(index)
    secret = chain_key(key.credential)
    clock_offset_ms = rng.randint(-40, 40)  # as this station last measured it
    seq, prev, hlc = 0, GENESIS_HASH, 0
    rounds = []
    due = rng.random() * INTERVAL_S
    while due < seconds:
        round_ms = opens_ms + int(due * 1000)
        scans = sorted(round_ms - rng.randint(1, 1999) for _ in range(rng.randint(1, 3)))
        entries = []
        for wall in scans:
            seq += 1
            hlc = max(hlc + 1, wall << 16)
            entry = seal(
                {
                    "id": f"{key.station_id}-{seq}", "station_id": key.station_id, "seq": seq,
                    "hlc": hlc, "wall_ms": wall, "event_id": event_id, "gate_id": key.gate_id,
                    "ticket_id": _ticket(rng, index, seq, tickets, fleet), "action": "entry",
                    "verdict": "admitted", "offline": False, "method": "camera", "ref": None,
                    "detail": "", "prev_hash": prev,
                },
                secret,
            )  # fmt: skip
            prev = entry.hash
            entries.append(orjson.dumps(entry_json(entry)))
        beat = Heartbeat(
            app_version=app_version(), unpushed=0, last_scan_ms=scans[-1], mode="door",
            gate_id=key.gate_id, printer="none", badges_waiting=None, camera="ready",
            clock_offset_ms=clock_offset_ms, disk_free_mb=40_000 - seq,
        )  # fmt: skip
        headers = f"X-Doorline-Head: {seq}:{prev}\r\n{HEARTBEAT_HEADER}: {beat.to_header()}\r\n"
        rounds.append(Round(due, tuple(entries), headers))
        due += INTERVAL_S
    return rounds


# -- the load generator (runs in its own process) -----------------------------------------------


def _generator(
    url: str,
    event_id: int,
    cursor: int,
    stations: list[tuple[int, StationKey]],
    seconds: float,
    tickets: int,
    fleet: int,
    ready: Any,
    out: Any,
) -> None:
    # Ctrl-C reaches the whole process group: the benchmark's own process cleans up and
    # ends its generators (SIGTERM), so a generator ignores SIGINT rather than print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out.put(drive(url, event_id, cursor, stations, seconds, tickets, ready=ready, fleet=fleet))


def drive(
    url: str,
    event_id: int,
    cursor: int,
    stations: list[tuple[int, StationKey]],
    seconds: float,
    tickets: int = TICKETS,
    ready: Any = None,
    fleet: int | None = None,
) -> dict[str, Any]:
    """Seal the rounds of `stations` (index in the fleet of `fleet`, default their number; key)
    at `tickets` tickets, wait at the barrier `ready`
    (the other generators' sealing done: every window opens together), then run them against
    the server at `url` for `seconds`, pulling after `cursor`; returns the `Sample` as a dict.
    uvloop when installed (uvicorn's own choice too), asyncio's loop otherwise."""
    sealing = time.process_time()
    opens_ms = int(time.time() * 1000)
    plans = [
        (
            key,
            station_rounds(
                key, event_id, index, seconds, opens_ms, tickets, fleet or len(stations)
            ),
        )
        for index, key in stations
    ]
    seal_cpu_s = time.process_time() - sealing
    if ready is not None:
        ready.wait(120)
    try:
        import uvloop

        sample = uvloop.run(_drive(url, event_id, cursor, plans, seconds))
    except ImportError:
        sample = asyncio.run(_drive(url, event_id, cursor, plans, seconds))
    sample.seal_cpu_s = seal_cpu_s
    return vars(sample)


async def _drive(
    url: str,
    event_id: int,
    cursor: int,
    plans: list[tuple[StationKey, list[Round]]],
    seconds: float,
) -> Sample:
    sample = Sample()
    host, port = url.removeprefix("http://").rsplit(":", 1)
    # One keep-alive HTTP/1.1 connection per station, as every real station has.
    connections = [StationConnection(host, int(port), key.credential) for key, _rounds in plans]
    try:
        start = time.monotonic() + 0.2
        cpu0 = time.process_time()
        await asyncio.gather(
            *(
                _station(connection, event_id, cursor, rounds, start, seconds, sample)
                for connection, (_key, rounds) in zip(connections, plans, strict=True)
            )
        )
        sample.cpu_s = time.process_time() - cpu0
    finally:
        for connection in connections:
            connection.close()
    return sample


async def _station(
    connection: StationConnection,
    event_id: int,
    cursor: int,
    rounds: list[Round],
    start: float,
    seconds: float,
    sample: Sample,
) -> None:
    """One station's window: each round pushes what waits (this round's entries and any a
    failed push left), then pulls after its cursor until the server has no more; a failed
    push ends the round there, as on a real station."""
    end = start + seconds
    push_path = f"/v1/events/{event_id}/entries"
    pull_path = f"/v1/events/{event_id}/changes?after="
    waiting: list[bytes] = []
    for i, round_ in enumerate(rounds):
        now = time.monotonic()
        if now >= end:
            # Behind so far that the window closed: the rounds still due never ran.
            sample.rounds += len(rounds) - i
            sample.late += len(rounds) - i
            break
        due = start + round_.due_s
        if due > now:
            await asyncio.sleep(due - now)
        waiting.extend(round_.entries)
        body = b'{"entries":[' + b",".join(waiting) + b"]}"
        pushed = await _request(connection, "POST", push_path, sample, sample.push_ms, body)
        if pushed is not None:
            sample.refused_entries += int(orjson.loads(pushed)["rejected"])
            waiting.clear()
            cursor = await _pull(connection, pull_path, cursor, round_.pull_headers, sample)
        sample.rounds += 1
        if time.monotonic() > due + INTERVAL_S:
            sample.late += 1


async def _pull(
    connection: StationConnection, path: str, cursor: int, headers: str, sample: Sample
) -> int:
    """Pull pages after `cursor` until the server has no more (the first page carries the
    station's head and heartbeat); returns the cursor reached."""
    for _page in range(MAX_PAGES):
        target = f"{path}{cursor}&limit={PULL_PAGE}"
        page = await _request(connection, "GET", target, sample, sample.pull_ms, None, headers)
        if page is None:
            break
        cursor, more = _cursor_of(page)
        if not more:
            break
        headers = ""
    return cursor


async def _request(
    connection: StationConnection,
    method: str,
    target: str,
    sample: Sample,
    times: list[float],
    body: bytes | None = None,
    headers: str = "",
) -> bytes | None:
    """One request, timed to the last byte of its answer; the answer's body when it is a 200,
    else None (the failure counted by kind)."""
    try:
        t0 = time.perf_counter()
        status, content = await connection.request(method, target, body, headers)
        times.append((time.perf_counter() - t0) * 1000)
    except TimeoutError:
        sample.timeouts += 1
        return None
    except (ConnectionBroken, OSError):
        sample.connection_failures += 1
        return None
    sample.requests += 1
    if status != 200:
        sample.http_errors[status] = sample.http_errors.get(status, 0) + 1
        return None
    return content


_CURSOR = re.compile(rb'\{"cursor":(\d+),"top":\d+,"more":(true|false)')


def _cursor_of(page: bytes) -> tuple[int, bool]:
    """The page's cursor and whether more waits. A real station parses and applies every
    entry on its own machine; here that would make the load generators, on the server's two
    cores, spend more CPU than the server (a 400-station page holds ~800 entries). The server
    writes `cursor`, `top` and `more` first."""
    found = _CURSOR.match(page)
    if found:
        return int(found.group(1)), found.group(2) == b"true"
    decoded = orjson.loads(page)
    return int(decoded["cursor"]), bool(decoded["more"])


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
        try:
            self._wait_ready(started, backends)
        except BaseException:  # did not start, or interrupted while starting: no server left
            self.stop()
            raise

    def _wait_ready(self, started: float, backends: Any) -> None:
        deadline = time.monotonic() + 60
        self.first_answer_s = self.all_workers_s = float("nan")
        # One client for every try: `httpx.get` makes a client (and its TLS context) each
        # time, ~30 ms of CPU taken from the starting server on a 2-core machine, 8 times a s.
        with httpx.Client(timeout=0.5) as client:
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    if client.get(self.url + "/health").status_code == 200:
                        self.first_answer_s = time.perf_counter() - started
                        break
                except httpx.HTTPError:
                    time.sleep(0.05)
            else:
                raise RuntimeError("the server did not start")
        # Each worker opens its database pool before it accepts: N pooled connections to the
        # database mean N workers serving (one process: the first answer says it).
        while backends is not None and time.monotonic() < deadline:
            if len(backends()) >= self.workers:
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
    # Imported here: each load generator's process imports this module and needs neither
    # (~0.1 s of CPU apiece, spent on the cores the server is measured on, before the window).
    from server_stub.seeding import seed_event
    from server_stub.storage import open_storage

    db = _database(config, folder)
    try:
        storage = open_storage(db.url)
        tickets = tickets_for(stations, seconds)
        event_id = seed_event(storage, "Load", tickets).event_id
        tokens = [
            storage.credentials.create_station_token(event_id, f"s{i}") for i in range(stations)
        ]
        cursor = storage.catalog.current_change()
        storage.close()
        server = Server(db.url, config.workers, db.backends if db.admin else None)
        procs: list[Any] = []
        try:
            keys = _provision(server.url, tokens)
            context = multiprocessing.get_context("spawn")
            out = context.Queue()
            fleet = list(enumerate(keys))
            shares = [share for i in range(GENERATORS) if (share := fleet[i::GENERATORS])]
            ready = context.Barrier(len(shares))
            procs = [
                context.Process(
                    target=_generator,
                    args=(
                        server.url,
                        event_id,
                        cursor,
                        share,
                        seconds,
                        tickets,
                        stations,
                        ready,
                        out,
                    ),
                )
                for share in shares
            ]
            load_before = os.getloadavg()[0]
            server_cpu, pg_cpu = _cpu_now(server, db)
            for proc in procs:
                proc.start()
            rss = 0.0
            parts: list[dict[str, Any]] = []
            deadline = time.monotonic() + seconds + 180
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
            for proc in procs:  # still running only when interrupted
                if proc.is_alive():
                    proc.terminate()
                    proc.join(5)
            server.stop()
    finally:
        db.drop()
    merged = merge(parts)
    server_s = cpu_spent(server_cpu, server_after)
    pg_s = cpu_spent(pg_cpu, pg_after)
    empty_s = cpu_spent(empty_cpu[0], empty_after[0]) + cpu_spent(empty_cpu[1], empty_after[1])
    return {
        "config": config.name,
        "engine": config.engine,
        "stations": stations,
        "seconds": seconds,
        "req_s": merged.requests / seconds,
        "push_p50": percentile(merged.push_ms, 50),
        "push_p99": percentile(merged.push_ms, 99),
        "pull_p50": percentile(merged.pull_ms, 50),
        "pull_p99": percentile(merged.pull_ms, 99),
        "rounds": merged.rounds,
        "late": merged.late,
        "requests": merged.requests,
        "timeouts": merged.timeouts,
        "connection_failures": merged.connection_failures,
        "http_errors": merged.http_errors,
        "refused_entries": merged.refused_entries,
        "generators_lost": len(procs) - len(parts),
        "rss_mb": rss,
        "server_cpu_s": server_s,
        "pg_cpu_s": pg_s,
        "generator_cpu_s": merged.cpu_s,
        "generator_seal_cpu_s": merged.seal_cpu_s,
        "cpu_ms_per_request": (server_s + pg_s) * 1000 / max(1, merged.requests),
        "empty_pull_p50": percentile(empty, 50),
        "empty_pull_p99": percentile(empty, 99),
        "empty_pull_cpu_ms": empty_s * 1000 / max(1, len(empty)),
        "load": (load_before + load_after) / 2,
        "startup_s": server.first_answer_s,
        "all_workers_s": server.all_workers_s,
    }


def merge(parts: list[dict[str, Any]]) -> Sample:
    """The generators' samples (`drive`'s dicts) as one."""
    merged = Sample()
    for part in parts:
        merged.push_ms.extend(part["push_ms"])
        merged.pull_ms.extend(part["pull_ms"])
        for name in ("rounds", "late", "requests", "timeouts", "connection_failures"):
            setattr(merged, name, getattr(merged, name) + part[name])
        merged.refused_entries += part["refused_entries"]
        merged.cpu_s += part["cpu_s"]
        merged.seal_cpu_s += part["seal_cpu_s"]
        for status, count in part["http_errors"].items():
            merged.http_errors[status] = merged.http_errors.get(status, 0) + count
    return merged


def failures(row: dict[str, Any]) -> int:
    """Everything in `row` that went wrong: requests without an answer or with an error
    status, entries the server refused, generators that never reported."""
    return (
        row["timeouts"]
        + row["connection_failures"]
        + sum(row["http_errors"].values())
        + row["refused_entries"]
        + row["generators_lost"]
    )


def _provision(url: str, tokens: list[str]) -> list[StationKey]:
    keys = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for i, token in enumerate(tokens):
            asked = {"token": token, "nonce": f"n{i}", "name": f"Door {i}", "gate": GATE}
            made = client.post("/v1/provision", json=asked).json()
            keys.append(StationKey(made["station_id"], made["credential"], GATE))
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
    """The fleet table: one line per configuration and fleet size. *no answer* is requests
    that timed out / failed to connect or broke off (the generator's side of the wire: no HTTP
    status); *HTTP errors* is answers other than 200, by status (and entries a 200 push
    refused). CPU per request is the server's processes plus the PostgreSQL backends serving
    them, over the window; the load generators' CPU is in % of one core and in ms per request
    answered; load is the 1-minute load average during the row."""
    head = (
        "| server | stations | requests/s | push p50 / p99 ms | pull p50 / p99 ms | late rounds "
        "| no answer: timeouts / connection | HTTP errors | server RSS MB "
        "| CPU ms per request (server + PostgreSQL) | generators' CPU | load avg |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|"
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
        generators = (
            f"{100 * r['generator_cpu_s'] / r['seconds']:.0f} % "
            f"({r['generator_cpu_s'] * 1000 / max(1, r['requests']):.2f} ms/request)"
        )
        lines.append(
            f"| {r['config']} | {r['stations']} | {r['req_s']:.0f} | {r['push_p50']:.1f} / "
            f"{r['push_p99']:.1f} | {r['pull_p50']:.1f} / {r['pull_p99']:.1f} | "
            f"{r['late']} of {r['rounds']} | {_no_answer(r)} | {_http_errors(r)} | "
            f"{r['rss_mb']:.0f} | {r['cpu_ms_per_request']:.2f} ({split}) | {generators} | "
            f"{r['load']:.1f} |"
        )
    return "\n".join(lines)


def _no_answer(row: dict[str, Any]) -> str:
    words = f"{row['timeouts']} / {row['connection_failures']}"
    if row["generators_lost"]:
        words += f"; {row['generators_lost']} generator(s) never reported"
    return words


def _http_errors(row: dict[str, Any]) -> str:
    statuses = row["http_errors"]
    words = str(sum(statuses.values()))
    if statuses:
        words += " (" + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())) + ")"
    if row["refused_entries"]:
        words += f"; {row['refused_entries']} entries refused"
    return words


# One 8-core server: CPU kept at 70 % (headroom for bursts, the dashboard and the door rush).
CORES, CPU_KEPT = 8, 0.7


def capacity(rows: list[dict[str, Any]]) -> str:
    """Per configuration, how many stations one 8-core server would hold at the CPU per
    request measured (server + PostgreSQL, on the same cores): a station makes one request a
    second (a push and a pull every 2 s), so stations = cores x 1000 ms/s x 70 % / c, c in
    ms. c is taken from the largest fleet that kept up (no late round), and from the largest
    measured, whose pages are the longest (a pull carries every other station's entries).
    PostgreSQL only: a SQLite server is one process, so one core whatever the machine."""
    lines = []
    for config in dict.fromkeys(r["config"] for r in rows if r.get("engine") != "sqlite"):
        mine = [r for r in rows if r["config"] == config and r["requests"]]
        if not mine:
            continue
        kept_up = [r for r in mine if r["late"] == 0]
        picks = [max(kept_up, key=lambda r: r["stations"])] if kept_up else []
        if mine[-1] not in picks:
            picks.append(mine[-1])
        words = []
        for row in picks:
            c = row["cpu_ms_per_request"]
            held = CORES * 1000 * CPU_KEPT / c
            words.append(f"c = {c:.2f} ms at {row['stations']} stations: ≈ {held:,.0f} stations")
        lines.append(f"- {config}: " + "; ".join(words))
    head = (
        f"One {CORES}-core server (PostgreSQL on the same cores, CPU kept at "
        f"{CPU_KEPT:.0%}): stations ≈ {CORES} x 1000 ms x {CPU_KEPT} / c, "
        "c = CPU ms per request (one request per station per second)"
    )
    return "\n".join([head, *lines])


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
                print(
                    f"skipped {config.name}: no PostgreSQL answers at {PG_ADMIN} "
                    "(set DOORLINE_BENCH_POSTGRES to measure it)",
                    file=sys.stderr,
                )
                continue
            for n in stations:
                row = measure(config, n, seconds, Path(tmp))
                print(table([row]).splitlines()[-1], file=sys.stderr, flush=True)
                print(side_table([row]).splitlines()[-1], file=sys.stderr, flush=True)
                print(json.dumps(row), file=sys.stderr, flush=True)
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
                f"no answer {_no_answer(r)}, HTTP errors {_http_errors(r)}",
            )
        )
    return results


# argparse type for --stations: a fleet size, a whole number of at least 1.
_stations = at_least_one(
    "{text!r} is not a number of stations", "{value} stations: a fleet needs at least 1"
)


def _seconds(text: str) -> float:
    """argparse type for --seconds: a window length in s, finite and above 0."""
    try:
        s = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(s) or s <= 0:
        raise argparse.ArgumentTypeError(f"{text} s: the window must be a finite time above 0")
    return s


def _config_key(name: str) -> str:
    """A configuration name as --only compares it: case-blind, `x` for `×`, spaces squeezed."""
    return " ".join(name.casefold().replace("×", "x").split())


def chosen_configs(only: list[str]) -> tuple[Config, ...]:
    """The configurations `--only` names (each a part of a name, compared by `_config_key`);
    all of them when `only` is empty. Raises ValueError, in words naming the configurations,
    when a pattern matches none."""
    if not only:
        return CONFIGS
    unmatched = [o for o in only if not any(_config_key(o) in _config_key(c.name) for c in CONFIGS)]
    if unmatched:
        names = ", ".join(repr(c.name) for c in CONFIGS)
        raise ValueError(
            f"--only {', '.join(map(repr, unmatched))} matches no configuration; "
            f"the configurations are {names} (case does not matter, x stands for ×)"
        )
    keys = [_config_key(o) for o in only]
    return tuple(c for c in CONFIGS if any(k in _config_key(c.name) for k in keys))


def _interrupt(_signum: int, _frame: Any) -> None:
    """SIGTERM as Ctrl-C: unwinds through `measure`'s clean-up (server stopped, db dropped)."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_server_load")
    parser.add_argument("--quick", action="store_true", help="20 stations for 6 s")
    parser.add_argument(
        "--stations",
        type=_stations,
        nargs="+",
        default=[10, 50, 100, 200, 400, 800],
        metavar="N",
        help="fleet sizes to measure, each a whole number >= 1 (default: %(default)s)",
    )
    parser.add_argument(
        "--seconds",
        type=_seconds,
        default=60.0,
        metavar="S",
        help="how long each fleet syncs, in s, above 0 (default: %(default)s)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="only configurations whose name contains this, e.g. 'postgresql x 2' "
        "(case-blind, x for ×; repeatable; default: all)",
    )
    args = parser.parse_args(argv)
    stations, seconds = ([20], 6.0) if args.quick else (args.stations, args.seconds)
    try:
        configs = chosen_configs(args.only)
    except ValueError as error:
        parser.error(str(error))
    wants_postgres = bool(args.only) and any(c.engine == "postgresql" for c in configs)
    if wants_postgres and not _postgres_answers():
        print(
            f"error: --only asked for PostgreSQL, but no PostgreSQL answers at {PG_ADMIN} "
            "(start it, or set DOORLINE_BENCH_POSTGRES to its URL)",
            file=sys.stderr,
        )
        return 2
    from benchmarks.__main__ import machine_line

    print(f"machine: {machine_line()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        rows = sweep(stations, seconds, configs)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: `measure` stopped its server, dropped its db
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("interrupted; cleaned up", file=sys.stderr)
        return 130
    print(table(rows))
    print()
    print(side_table(rows))
    print()
    print(capacity(rows))
    return 0 if all(failures(r) == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
