"""The 20-station partition simulation (`bench_sync.simulate`) against PostgreSQL served by
several uvicorn worker processes: the issue 15 acceptance run at full size.

    .venv/bin/python -m benchmarks.bench_partition_postgres      # 20 stations × 100,000, 2 workers
    .venv/bin/python -m benchmarks.bench_partition_postgres --workers 4 --actions 10000
    .venv/bin/python -m benchmarks --only partition_postgres --quick   # 4 × 2,000

Real stations (SQLite replicas, the sync engine over loopback HTTP) push and pull through
`python -m server_stub.app --workers N` on a database of its own (dropped afterwards): ten
rounds in which 40 % of the stations are cut off, then two rounds for everyone. Reported: the
time of both phases, lost entries (station logs vs the server log, must be 0), duplicated
entries on the server (must be 0) and double admissions flagged against an independent count.
PostgreSQL comes from DOORLINE_BENCH_POSTGRES (default postgresql://root@127.0.0.1:5432/postgres);
without one the rows say so instead of failing.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.bench_server_load import Server
from benchmarks.bench_sync import simulate
from benchmarks.table import Result, format_table
from server_stub.storage import open_storage

PG_ADMIN = "postgresql://root@127.0.0.1:5432/postgres"


def admin_url() -> str:
    import os

    return os.environ.get("DOORLINE_BENCH_POSTGRES", PG_ADMIN)


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """A PostgreSQL database of its own for one run (URL), dropped afterwards."""
    import psycopg

    admin = psycopg.connect(admin_url(), autocommit=True, connect_timeout=3)
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url().rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def postgres_missing() -> str | None:
    """Why PostgreSQL cannot be used (None when it answers)."""
    try:
        import psycopg

        psycopg.connect(admin_url(), connect_timeout=3).close()
    except Exception as error:  # any reason at all: the rows say it
        return f"no PostgreSQL at {admin_url()}: {str(error).strip() or type(error).__name__}"
    return None


def measure(stations: int, actions: int, tickets: int, workers: int) -> list[Result]:
    missing = postgres_missing()
    if missing is not None:
        return [Result("partition simulation on PostgreSQL", float("nan"), "", "", None, missing)]
    with scratch_database("doorline_partition") as url, tempfile.TemporaryDirectory() as tmp:
        open_storage(url).close()  # migrated once, before the workers start
        server = Server(url, workers)
        try:
            rows = simulate(Path(tmp), url, server, stations, actions, tickets)  # type: ignore[arg-type]
        finally:
            server.stop()
        store = open_storage(url)
        try:
            events = [event["id"] for event in store.catalog.events()]
            logged = [e for event_id in events for e in store.reports.log_entries(event_id)]
        finally:
            store.close()
    duplicated = len(logged) - len({(e.station_id, e.seq, e.hash) for e in logged})
    label = f"PostgreSQL × {workers} processes: "
    return [
        *(Result(label + r.what, r.value, r.unit, r.target, r.met, r.note) for r in rows),
        Result(label + "… duplicated entries on the server", duplicated, "", "0",
               duplicated == 0, "server log rows vs distinct (station, seq, hash)"),
    ]  # fmt: skip


def run(quick: bool) -> list[Result]:
    if quick:
        return measure(4, 2_000, 500, 2)
    return measure(20, 100_000, 5_000, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_partition_postgres")
    parser.add_argument("--stations", type=int, default=20)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--tickets", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    rows = measure(args.stations, args.actions, args.tickets, args.workers)
    print(format_table(rows))
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
