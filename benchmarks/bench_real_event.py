"""A real event's paperwork at size: importing a ticket shop's export, and writing tickets.

Target (PRODUCT §9): an attendee import of 100,000 rows in ≤ 10 s, measured end to end as the
CLI does it (read the CSV, recognise the preset, check every row, write in one transaction).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.table import Result
from server_stub.attendee_columns import column_map
from server_stub.attendee_rows import attendee_rows
from server_stub.attendee_sheet import read_sheet
from server_stub.storage import open_storage
from tests.event_support import small_event  # the tests' small event

EVENT = small_event("Benchmark Summit")
HEADER = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
    "Order Type,Total Paid,Attendee Status,Company,Barcode #"
)
FIRST = ["Ada", "Grace", "Émile", "Jürgen", "Zofia", "Chidi", "Анна", "伟", "José", "Søren"]
LAST = ["Lovelace", "Hopper", "Zola", "Müller", "Wiśniewska", "Anagonye", "Иванова", "王"]


def eventbrite_csv(path: Path, rows: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        for n in range(1, rows + 1):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            kind = "VIP" if n % 10 == 0 else "General admission"
            status = "Refunded" if n % 97 == 0 else "Attending"
            out.write(
                f"{4_500_000_000 + n // 2},2027-03-01 10:00:00,{first},{last},"
                f"user{n}@example.org,1,{kind},{6_600_000_000 + n},Eventbrite Completed,"
                f"120.00,{status},Company {n % 300},{45_000_000_000_000 + n * 7919}\n"
            )


def _import(rows: int) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "attendees.csv"
        eventbrite_csv(csv_path, rows)
        store = open_storage(Path(tmp) / "server.sqlite3")
        event_id = store.event_files.apply_event(EVENT).event_id
        t0 = time.perf_counter()
        sheet = read_sheet(csv_path)
        summary = store.attendees.import_attendees(
            event_id, attendee_rows(sheet, column_map(sheet.header))
        )
        elapsed = time.perf_counter() - t0
        t1 = time.perf_counter()
        again = store.attendees.import_attendees(
            event_id, attendee_rows(sheet, column_map(sheet.header))
        )
        reimport = time.perf_counter() - t1
        store.close()
    assert summary.added + summary.unpaid + summary.revoked == rows and again.unchanged == rows
    return Result(
        f"attendee import, {rows:,} rows (Eventbrite CSV)",
        elapsed,
        "s",
        "≤ 10 s" if rows >= 100_000 else "",
        elapsed <= 10 if rows >= 100_000 else None,
        f"re-import of the same file {reimport:.1f} s",
    )


def _tickets(attendees: int) -> Result:
    from kiosk.cli.tickets_cmd import write_tickets

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "attendees.csv"
        eventbrite_csv(csv_path, attendees)
        store = open_storage(Path(tmp) / "server.sqlite3")
        event_id = store.event_files.apply_event(EVENT).event_id
        sheet = read_sheet(csv_path)
        store.attendees.import_attendees(event_id, attendee_rows(sheet, column_map(sheet.header)))
        event, tickets = store.roster.roster_event(event_id), store.roster.roster(event_id)
        store.close()
        out = Path(tmp) / "tickets"
        out.mkdir()
        t0 = time.perf_counter()
        first = write_tickets(out, event, tickets)
        elapsed = time.perf_counter() - t0
        t1 = time.perf_counter()
        write_tickets(out, event, tickets)
        rerun = time.perf_counter() - t1
    written = int(str(first["written"]))
    return Result(
        f"ticket PDFs + tickets.csv, {attendees:,} attendees",
        elapsed,
        "s",
        "",
        None,
        f"{elapsed / max(1, written) * 1000:.1f} ms per ticket; re-run with nothing changed "
        f"{rerun:.2f} s",
    )


def run(quick: bool) -> list[Result]:
    return [_import(10_000 if quick else 100_000), _tickets(100 if quick else 1_000)]
