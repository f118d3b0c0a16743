"""Ordering concurrent pushes on PostgreSQL: the global counter lock, per-ticket advisory locks,
or SERIALIZABLE with retries (`server_stub.storage.write_order`) — which is correct and fastest.

    .venv/bin/python -m benchmarks.bench_admission_locks                 # 2 and 4 processes, 20 s
    .venv/bin/python -m benchmarks.bench_admission_locks --seconds 5 --processes 2
    .venv/bin/python -m benchmarks --only admission_locks --quick

For each ordering and each number of server processes (2, 4), on a database of its own: every
process opens the server storage (its own connection pool, as a uvicorn worker does) and runs
`THREADS` stations in threads (the requests a worker has in flight), each pushing batches of
1–3 entries (70 % admissions, 30 % exits at a single-entry gate) as fast as it is answered,
all on a small set of hot tickets, so the two halves of a double admission keep arriving at
two processes at the same moment. Meanwhile a station that never pushes pulls pages of 50
changes as fast as it can: a row committed late with a smaller cursor value than one it has
passed would never reach it.

Reported per run: pushes/s and entries/s (answered pushes), push p50/p99 (ms from a batch's
first attempt to its answer, retries included, in the process that pushed),
double admissions flagged against an independent count of the server's log (the same reading
the sync tests use), rows the concurrent puller never received (must be 0), and retries.
PostgreSQL comes from DOORLINE_BENCH_POSTGRES (default postgresql://root@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bench_partition_postgres import postgres_missing, scratch_database
from benchmarks.table import Result, format_table, percentile
from kiosk.domain.log_entry import GENESIS_HASH, seal
from kiosk.domain.wire_format import entry_json
from server_stub.seeding import seed_event
from server_stub.storage import open_storage
from server_stub.storage.interface import AckStatus, StationPrincipal
from server_stub.storage.write_order import PushOrdering

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sync_support import double_admissions

THREADS = 4  # pushes in flight per server process
MAX_ATTEMPTS = 50  # a push aborted by PostgreSQL is sent again at once, up to this many times
HOT_TICKETS = 40
PULL_PAGE = 50


@dataclass(frozen=True)
class Run:
    ordering: PushOrdering
    processes: int


def _worker(
    url: str,
    ordering: str,
    principals: list[StationPrincipal],
    tickets: list[int],
    ready: Any,
    seconds: float,
    out: Any,
) -> None:
    """One server process: its own storage (pool), one thread per station; all processes
    start pushing together once every one of them is ready. A push PostgreSQL aborts
    (serialisation failure, deadlock: nothing was written) is sent again after a short random
    pause, as the HTTP layer's 500 would make the station do, only sooner."""
    import psycopg

    aborted = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)
    store = open_storage(url, PushOrdering(ordering))
    ready.wait()
    start_at = time.time()
    times: list[float] = []
    counts = {"pushes": 0, "entries": 0, "refused": 0, "failed": 0, "retries": 0}
    lock = threading.Lock()

    def station(principal: StationPrincipal, seed: int) -> None:
        rng = random.Random(seed)
        seq, prev, hlc = 0, GENESIS_HASH, 0
        mine: list[float] = []
        pushes = entries = refused = failed = retries = attempt = 0
        first_try: float | None = None  # when the batch being sent was first sent
        batch: list[dict[str, Any]] = []
        while time.time() < start_at + seconds:
            for _ in range(0 if batch else rng.randint(1, 3)):
                seq += 1
                wall = int(time.time() * 1000)
                hlc = max(hlc + 1, wall << 16)
                is_exit = rng.random() < 0.3
                entry = seal(
                    {
                        "id": f"{principal.station_id}-{seq}", "station_id": principal.station_id,
                        "seq": seq, "hlc": hlc, "wall_ms": wall, "event_id": principal.event_id,
                        "gate_id": "workshop", "ticket_id": rng.choice(tickets),
                        "action": "exit" if is_exit else "entry",
                        "verdict": "exit_recorded" if is_exit else "admitted",
                        "offline": False, "method": "bench", "ref": None, "detail": "",
                        "prev_hash": prev,
                    }
                )  # fmt: skip
                prev = entry.hash
                batch.append(entry_json(entry))
            if first_try is None:
                first_try = time.perf_counter()  # its latency runs until it is answered
            try:
                result = store.pushes.push(principal, batch)
            except aborted:
                retries += 1
                attempt += 1
                if attempt == MAX_ATTEMPTS:  # given up; counted, and the batch stays queued
                    failed += 1
                    attempt = 0
                time.sleep(rng.uniform(0, min(0.05, 0.001 * 2**attempt)))
                continue
            mine.append((time.perf_counter() - first_try) * 1000)
            first_try = None
            attempt = 0
            pushes += 1
            entries += len(batch)
            refused += sum(1 for a in result.acks if a.status is not AckStatus.ACCEPTED)
            batch = []
        with lock:
            times.extend(mine)
            counts["pushes"] += pushes
            counts["entries"] += entries
            counts["refused"] += refused
            counts["failed"] += failed
            counts["retries"] += retries

    threads = [threading.Thread(target=station, args=(p, i)) for i, p in enumerate(principals)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put({"times": times, **counts})
    store.close()


def _pull_everything(
    store: Any, principal: StationPrincipal, stop: threading.Event, seen: set[str]
) -> None:
    """Page after page from cursor 0, as fast as answered, until told to stop and caught up."""
    cursor = 0
    while True:
        page = store.pulls.changes(principal, cursor, PULL_PAGE)
        seen.update(e["id"] for e in page["entries"])
        cursor = page["cursor"]
        if stop.is_set() and not page["more"] and cursor >= page["top"]:
            return


def measure(run: Run, seconds: float, hot: int) -> dict[str, Any]:
    with scratch_database("doorline_locks") as url:
        store = open_storage(url, run.ordering)
        event = seed_event(store, "Contention", hot)
        tickets = [t.ticket_id for t in event.tickets]
        made = []
        for i in range(run.processes * THREADS + 1):
            token = store.credentials.create_station_token(event.event_id, f"s{i}")
            made.append(store.credentials.exchange_token(token, f"n{i}", f"s{i}", "workshop"))
        principals = [StationPrincipal(m.station_id, m.event_id, m.name) for m in made]
        puller, pushers = principals[0], principals[1:]
        context = multiprocessing.get_context("spawn")
        out = context.Queue()
        ready = context.Barrier(run.processes + 1)
        procs = [
            context.Process(
                target=_worker,
                args=(
                    url,
                    str(run.ordering),
                    pushers[i :: run.processes],
                    tickets,
                    ready,
                    seconds,
                    out,
                ),
            )
            for i in range(run.processes)
        ]
        for proc in procs:
            proc.start()
        seen: set[str] = set()
        stop = threading.Event()
        ready.wait()  # every process up, its pool open
        pulling = threading.Thread(target=_pull_everything, args=(store, puller, stop, seen))
        pulling.start()
        parts = [out.get(timeout=seconds + 600) for _ in procs]
        for proc in procs:
            proc.join(30)
        stop.set()
        pulling.join()
        log = store.reports.log_entries(event.event_id)
        flagged = {
            (c["first_entry_id"], c["second_entry_id"])
            for c in store.conflicts.conflicts(event.event_id)
        }
        store.close()
    times = [t for p in parts for t in p["times"]]
    expected = double_admissions(log)
    return {
        "pushes_s": sum(p["pushes"] for p in parts) / seconds,
        "entries_s": sum(p["entries"] for p in parts) / seconds,
        "p50": percentile(times, 50),
        "p99": percentile(times, 99),
        "expected": len(expected),
        "flagged": len(flagged & expected),
        "wrong": len(flagged ^ expected),
        "skipped": len({e.id for e in log} - seen),
        "refused": sum(p["refused"] for p in parts),
        "retries": sum(p["retries"] for p in parts),
        "failed": sum(p["failed"] for p in parts),
        "entries": len(log),
    }


def results(runs: list[Run], seconds: float, hot: int) -> list[Result]:
    missing = postgres_missing()
    if missing is not None:
        return [Result("ordering concurrent pushes on PostgreSQL", float("nan"), "", "", None,
                       missing)]  # fmt: skip
    rows = []
    for run in runs:
        m = measure(run, seconds, hot)
        correct = m["wrong"] == 0 and m["skipped"] == 0 and m["refused"] == 0
        rows.append(
            Result(
                f"pushes, {run.ordering} · PostgreSQL × {run.processes} processes",
                m["pushes_s"], "pushes/s", "all flagged, 0 skipped", correct,
                f"push p50 {m['p50']:.1f} / p99 {m['p99']:.1f} ms; {m['entries_s']:.0f} "
                f"entries/s ({m['entries']:,} in {seconds:g} s); double admissions flagged "
                f"{m['flagged']:,} of {m['expected']:,} (wrong {m['wrong']}); rows the "
                f"concurrent puller skipped {m['skipped']}; retries {m['retries']:,}, pushes "
                f"that failed after {MAX_ATTEMPTS} attempts (sent again) {m['failed']:,}",
            )
        )  # fmt: skip
    return rows


def run(quick: bool) -> list[Result]:
    processes = (2,) if quick else (2, 4)
    runs = [Run(o, p) for p in processes for o in PushOrdering]
    return results(runs, 4.0 if quick else 20.0, HOT_TICKETS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_admission_locks")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--processes", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--hot-tickets", type=int, default=HOT_TICKETS)
    parser.add_argument("--ordering", choices=[str(o) for o in PushOrdering], action="append")
    args = parser.parse_args(argv)
    orderings = [PushOrdering(o) for o in args.ordering] if args.ordering else list(PushOrdering)
    runs = [Run(o, p) for p in args.processes for o in orderings]
    rows = results(runs, args.seconds, args.hot_tickets)
    print(format_table(rows))
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
