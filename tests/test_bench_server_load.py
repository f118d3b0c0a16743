"""bench_server_load's simulated stations speak the station's protocol, so the server does for
them what it does for a real fleet: every pushed entry is taken on the station's keyed chain,
and each pull's chain head and heartbeat are kept (docs/benchmarks.md, `bench_server_load`).

A generator whose requests the server refused, or took without the work a real station causes,
would measure a different server. The load itself is a benchmark, never a timed test.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import orjson
import pytest
from conftest import SeededEvent

import benchmarks.bench_server_load as bench
from benchmarks.bench_server_load import (
    DOUBLE_ADMISSIONS,
    GATE,
    ROOT,
    StationKey,
    _provision,
    chosen_configs,
    drive,
    station_rounds,
    tickets_for,
)
from benchmarks.bench_server_load import main as bench_main
from benchmarks.station_connection import ConnectionBroken, StationConnection
from server_stub.local_server import LocalServer, station_token
from server_stub.storage import open_storage


def test_the_simulated_stations_push_and_pull_what_the_server_takes(
    local_server: LocalServer, seeded_event: SeededEvent
) -> None:
    event_id = seeded_event.event_id
    tokens = [station_token(local_server.db, event_id, f"Door {i}") for i in range(3)]
    keys = _provision(local_server.url, tokens)
    tickets = len(seeded_event.codes)

    sample = drive(local_server.url, event_id, 0, list(enumerate(keys)), 2.5, tickets)

    assert (sample["timeouts"], sample["connection_failures"]) == (0, 0)
    assert sample["http_errors"] == {} and sample["refused_entries"] == 0
    assert sample["rounds"] >= 3 and sample["requests"] == 2 * sample["rounds"]
    storage = open_storage(local_server.db)
    try:
        for key in keys:
            held = storage.anchors.anchor(key.station_id)
            assert held.entries == held.last_seq >= 1  # every entry, none missing
            assert held.last_hash.startswith("k2:")  # sealed with the station's chain key
        heads = {a["station_id"]: a for a in storage.anchors.anchors(event_id)}
        beats = {s["id"]: s for s in storage.fleet.fleet(event_id)}
    finally:
        storage.close()
    for key in keys:
        # The pulls carry the station's head (stored every few seconds: `HEAD_EVERY_MS`), and
        # it shows no problem.
        assert 1 <= heads[key.station_id]["head_seq"] <= heads[key.station_id]["server_seq"]
        assert heads[key.station_id]["head_problem"] is None
        beat = beats[key.station_id]
        assert beat["heartbeat_ms"] is not None and beat["gate_id"] == GATE
        assert beat["app_version"] and beat["unpushed"] == 0


def test_a_station_seals_the_same_rounds_for_the_same_place_in_the_fleet() -> None:
    """Each station is its own: a phase, tickets and chain of its own, the same on every run
    (so two runs of one configuration ask the server the same), each round due 2 s after the
    last, its entries numbered on from the last round's."""
    key = StationKey("st-1", "credential-1")
    first = station_rounds(key, 1, 7, 10.0, 1_800_000_000_000, 100)
    again = station_rounds(key, 1, 7, 10.0, 1_800_000_000_000, 100)
    other = station_rounds(key, 1, 8, 10.0, 1_800_000_000_000, 100)
    assert first == again and first != other
    assert [round(b.due_s - a.due_s, 6) for a, b in pairwise(first)] == [2.0] * 4
    heads = [int(r.pull_headers.split("X-Doorline-Head: ")[1].split(":")[0]) for r in first]
    assert heads == sorted(heads) and heads[0] == len(first[0].entries)


def test_a_fleet_admits_each_ticket_once_but_for_a_few_double_admissions() -> None:
    """A real door admits a ticket once; the fleet's scans are tickets of each station's own,
    and about DOUBLE_ADMISSIONS of them a ticket another door admits too (the conflicts the
    server must flag), not a storm where every scan after the first minute is a conflict."""
    fleet, seconds = 40, 60.0
    tickets = tickets_for(fleet, seconds)
    seen: dict[int, set[int]] = {}
    scans = 0
    for index in range(fleet):
        key = StationKey(f"st-{index}", f"credential-{index}")
        for plan in station_rounds(key, 1, index, seconds, 1_800_000_000_000, tickets, fleet):
            for raw in plan.entries:
                ticket = orjson.loads(raw)["ticket_id"]
                assert 1 <= ticket <= tickets
                seen.setdefault(ticket, set()).add(index)
                scans += 1
    doubled = sum(1 for doors in seen.values() if len(doors) > 1)
    assert 0 < doubled <= 3 * DOUBLE_ADMISSIONS * scans
    assert len(seen) >= (1 - 2 * DOUBLE_ADMISSIONS) * scans


async def _serving(answers: list[bytes]) -> tuple[asyncio.Server, int, list[bytes]]:
    """A server on a free port that reads one request per answer in `answers`, sends it (an
    empty answer: none at all) and keeps or drops the connection as the answer says."""
    seen: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while answers:
            seen.append(await reader.readuntil(b"\r\n\r\n"))
            answer = answers.pop(0)
            if not answer:
                await asyncio.sleep(5)
                break
            writer.write(answer)
            await writer.drain()
            if b"Connection: close" in answer:
                break
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], seen


def test_a_station_connection_opens_again_after_the_server_closed_it() -> None:
    async def run() -> tuple[list[tuple[int, bytes]], list[bytes]]:
        closing = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        chunked = b"HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
        answers = [closing, chunked + b"3\r\nbus\r\n1\r\ny\r\n0\r\n\r\n"]
        server, port, seen = await _serving(answers)
        connection = StationConnection("127.0.0.1", port, "secret")
        got = [await connection.request("GET", "/a"), await connection.request("GET", "/b")]
        connection.close()
        server.close()
        return got, seen

    got, seen = asyncio.run(run())
    assert got == [(200, b"hi"), (503, b"busy")]
    assert seen[1].startswith(b"GET /b HTTP/1.1\r\n")
    assert b"Authorization: Bearer secret\r\n" in seen[1]
    assert b"User-Agent: python-httpx/" in seen[1]  # what the station's httpx client sends


def test_a_request_without_an_answer_times_out_and_a_garbled_one_breaks_the_connection() -> None:
    async def run() -> None:
        server, port, _seen = await _serving([b"", b"HTTP/1.1 2OO OK\r\n\r\n"])
        slow = StationConnection("127.0.0.1", port, "secret", request_s=0.2)
        with pytest.raises(TimeoutError):
            await slow.request("POST", "/v1/events/1/entries", b"{}")
        with pytest.raises(ConnectionBroken):
            await slow.request("GET", "/")
        slow.close()
        server.close()

    asyncio.run(run())


def test_the_8_core_estimate_takes_the_measured_cost_and_leaves_sqlite_out() -> None:
    """stations = 8 cores x 1000 ms x 70 % / c (one request per station a second), from the
    largest fleet that kept up and the largest measured; SQLite serves from one process."""
    from benchmarks.bench_server_load import capacity

    def row(config: str, engine: str, stations: int, late: int, c: float) -> dict[str, object]:
        return {
            "config": config, "engine": engine, "stations": stations, "requests": 100,
            "late": late, "cpu_ms_per_request": c,
        }  # fmt: skip

    said = capacity(
        [
            row("SQLite × 1", "sqlite", 50, 0, 3.0),
            row("PostgreSQL × 2", "postgresql", 50, 0, 10.0),
            row("PostgreSQL × 2", "postgresql", 200, 0, 14.0),
            row("PostgreSQL × 2", "postgresql", 400, 900, 20.0),
        ]
    )
    assert "SQLite" not in said
    assert "c = 14.00 ms at 200 stations: ≈ 400 stations" in said  # 5,600 / 14
    assert "c = 20.00 ms at 400 stations: ≈ 280 stations" in said
    assert "10.00" not in said


# -- the command line: bad input gets exit 2 in words, never a traceback or an empty table ------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--stations", "-3"], "at least 1"),
        (["--stations", "0"], "at least 1"),
        (["--stations", "ten"], "not a number of stations"),
        (["--stations"], "expected at least one argument"),
        (["--seconds", "0"], "finite time above 0"),
        (["--seconds", "-1"], "finite time above 0"),
        (["--seconds", "nan"], "finite time above 0"),
        (["--seconds", "inf"], "finite time above 0"),
        (["--only", "nonsense"], "'SQLite × 1', 'PostgreSQL × 1', 'PostgreSQL × 2'"),
    ],
)
def test_bad_arguments_are_refused_in_words_before_anything_runs(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        bench_main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert words in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("only", "names"),
    [
        (["postgres"], ["PostgreSQL × 1", "PostgreSQL × 2", "PostgreSQL × 4"]),
        (["PostgreSQL x 2"], ["PostgreSQL × 2"]),
        (["sqlite", "postgresql  X 4"], ["SQLite × 1", "PostgreSQL × 4"]),
        ([], ["SQLite × 1", "PostgreSQL × 1", "PostgreSQL × 2", "PostgreSQL × 4"]),
    ],
)
def test_only_matches_configurations_whatever_the_case_and_x_for_times(
    only: list[str], names: list[str]
) -> None:
    assert [c.name for c in chosen_configs(only)] == names


def test_postgresql_asked_for_but_not_answering_is_said_in_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Skipping it would print an empty table and exit 0, as if it had been measured."""
    monkeypatch.setattr(bench, "PG_ADMIN", "postgresql://root@127.0.0.1:1/postgres")
    status = bench_main(["--only", "postgresql x 1", "--quick"])
    err = capsys.readouterr().err
    assert status == 2
    assert "no PostgreSQL answers at postgresql://root@127.0.0.1:1/postgres" in err


# `python -m benchmarks.bench_server_load`, its smallest event the fleet's own tickets: seeding
# the benchmark's 5,000 (TICKETS) took ~0.8 s of the stopped-benchmark tests' ~3, and what
# they prove (a stop mid-window cleans up) does not depend on the event's size.
BENCH = [
    sys.executable,
    "-c",
    "import sys, benchmarks.bench_server_load as b; b.TICKETS = 1; sys.exit(b.main())",
]


def _load_databases() -> set[str]:
    import psycopg

    with psycopg.connect(bench.PG_ADMIN, autocommit=True) as admin:
        rows = admin.execute("SELECT datname FROM pg_database WHERE datname LIKE 'doorline_load_%'")
        return {name for (name,) in rows}


def _name(db: str) -> str:
    return db.rsplit("/", 1)[1]


def _drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(bench.PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _descendants(pid: int) -> list[int]:
    """The processes `pid` started, and theirs, that are still there (Linux /proc)."""
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids = [int(kid) for kid in children.read_text().split()]
        except OSError:  # the thread ended meanwhile
            continue
        for kid in kids:
            found += [kid, *_descendants(kid)]
    return found


def _running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie no longer does)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _its_server_database(benchmark: subprocess.Popen[str]) -> str | None:
    """The database of the `doorline server run` the benchmark started (its `--db`): the one
    the benchmark made, whatever other benchmarks run meanwhile. None before the server runs
    (which is after the benchmark made, migrated and seeded it)."""
    for pid in _descendants(benchmark.pid):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_text().split("\0")
        except OSError:
            continue
        if "server" in argv and "run" in argv and "--db" in argv:
            return argv[argv.index("--db") + 1]
    return None


def _wait_until_the_stations_sync(benchmark: subprocess.Popen[str]) -> str:
    """Wait until the benchmark's server has taken entries from the simulated stations (its
    window open, the load generators syncing); returns its database's URL."""
    deadline = time.monotonic() + 90
    db = None
    while db is None:
        assert benchmark.poll() is None, benchmark.communicate()[1]
        assert time.monotonic() < deadline, "the benchmark never started its server"
        time.sleep(0.05)
        db = _its_server_database(benchmark)
    storage = open_storage(db)
    try:
        (event,) = storage.catalog.events()
        while not any(a["server_seq"] for a in storage.anchors.anchors(event["id"])):
            assert benchmark.poll() is None, benchmark.communicate()[1]
            assert time.monotonic() < deadline, "no simulated station ever pushed an entry"
            time.sleep(0.05)
    finally:
        storage.close()
    return db


@contextlib.contextmanager
def _ctrl_c_as_a_terminal_gives_it() -> Iterator[None]:
    """A terminal starts a program with Ctrl-C (SIGINT) at its default; one started by a
    script's background job (`runner &`, as CI's is) inherits it ignored, and Python keeps it
    ignored: Ctrl-C would never reach the benchmark. Handled in here while the benchmark
    starts, it starts at the default (exec resets a handled signal, never an ignored one)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# Ids without spaces: a failure's `FAILED <node id>` line reruns as it is.
@pytest.mark.parametrize(
    "how",
    [
        pytest.param("SIGTERM to the benchmark", id="SIGTERM"),
        pytest.param("Ctrl-C in its terminal", id="Ctrl-C"),
    ],
)
def test_a_stopped_benchmark_stops_its_server_and_drops_its_database_quietly(how: str) -> None:
    """SIGTERM left its `doorline_load_*` database behind; Ctrl-C cleaned up but printed the
    generator processes' tracebacks. Stopped either way mid-window (the server has taken
    entries from the generators): one line, exit 130, none of its processes left running.

    3 stations: the third's first round is due 0.18 s into the window (a fleet of 1 or 2 waits
    over a second), and with 2 load generators each has a station. The stop comes as soon as
    the first entry is in; the long window (sealed in milliseconds) only makes sure it comes
    mid-window on the most loaded machine."""
    if not bench._postgres_answers():
        pytest.skip(f"no PostgreSQL at {bench.PG_ADMIN}")
    with _ctrl_c_as_a_terminal_gives_it():
        proc = subprocess.Popen(
            [*BENCH, "--only", "postgresql x 1", "--stations", "3", "--seconds", "120"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a terminal gives it
        )
    db = ""
    try:
        db = _wait_until_the_stations_sync(proc)
        started = _descendants(proc.pid)  # the server (and its workers), the generators
        if how == "SIGTERM to the benchmark":
            proc.send_signal(signal.SIGTERM)
        else:
            os.killpg(proc.pid, signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "interrupted; cleaned up" in err
        assert "Traceback" not in err and "Error" not in err, err
        assert _name(db) not in _load_databases()
        deadline = time.monotonic() + 5  # a process it ended may take a moment to be gone
        while any(map(_running, started)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in started if _running(pid)]
    finally:  # whatever a failure left behind
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if db and _name(db) in _load_databases():
            _drop_database(_name(db))
