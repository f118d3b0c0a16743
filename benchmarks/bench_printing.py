"""Printing speed: PDF badge render, ESC/POS bytes, and 1,000 badges drained to a loopback printer.

Every render uses a fresh ticket code, so the QR symbol is computed each time (nothing cached
but fonts and templates, as in a real print run). The drain uses the real station (badge log
entries fsync'd) and a real TCP listener on 127.0.0.1 that speaks ESC/POS status requests.
"""

from __future__ import annotations

import copy
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.table import Result, percentile
from printing.badge_data import BadgeData, sample_badge
from printing.badge_escpos import render_escpos
from printing.badge_pdf import render_pdf
from printing.badge_template import load_library
from printing.print_queue import JobState, PrintQueue
from printing.printer_emulator import EscposPrinterEmulator

PDF_TARGET_MS = 10.0
PDF_SHAPED_TARGET_MS = 15.0
ESCPOS_TARGET_MS = 5.0
NAMES = [
    ("Ada", "Lovelace"),
    ("Maximilian Alexander", "von Hohenzollern-Sigmaringen"),
    ("Дмитрий", "Шостакович"),
    ("Αλέξανδρος", "Παπαδόπουλος"),
    ("太郎", "山田"),
]
#: Names laid out right to left and shaped by HarfBuzz (text_layout), one per script.
SHAPED_NAMES = [
    ("محمد", "عبد الله"),
    ("דוד", "כהן"),
    ("अनुष्का", "शर्मा"),
    ("ปิ่นทิพย์", "ศรีสุข"),
    ("Layla", "حداد"),
]


def _badges(count: int, salt: str, names: list[tuple[str, str]] | None = None) -> list[BadgeData]:
    names = names or NAMES
    return [
        sample_badge(
            ticket_id=i,
            first_name=names[i % len(names)][0],
            last_name=names[i % len(names)][1],
            code=f"DL1.1.42.{i}.0.{salt}{uuid.uuid4().hex[:22]}",
        )
        for i in range(count)
    ]


def _timed_ms(render: object, badges: list[BadgeData]) -> list[float]:
    samples = []
    for badge in badges:
        started = time.perf_counter()
        render(badge)  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _latency_rows(label: str, samples: list[float], target_ms: float, note: str) -> list[Result]:
    p50, p95 = percentile(samples, 50), percentile(samples, 95)
    return [
        Result(f"{label} p50", p50, "ms", f"≤ {target_ms:g} ms", p50 <= target_ms, note),
        Result(f"{label} p95", p95, "ms", f"≤ {target_ms:g} ms", p95 <= target_ms, note),
    ]


def _render_rows(count: int) -> list[Result]:
    library = load_library()
    sheet, thermal80, thermal58 = (
        library.get(n) for n in ("badge-4x3", "thermal-80", "thermal-58")
    )
    render_pdf(sample_badge(), sheet)  # fonts and templates load once, before timing
    render_escpos(sample_badge(), thermal80)
    render_escpos(sample_badge(), thermal58)
    note = f"{count} badges, fresh QR each, 5 scripts"
    pdf = _timed_ms(lambda b: render_pdf(b, sheet), _badges(count, "p"))
    native = _timed_ms(lambda b: render_escpos(b, thermal80), _badges(count, "n"))
    raster = _timed_ms(lambda b: render_escpos(b, thermal58), _badges(count, "r"))
    for first, last in SHAPED_NAMES:  # the script faces load once, before timing
        render_pdf(sample_badge(first_name=first, last_name=last), sheet)
        render_escpos(sample_badge(first_name=first, last_name=last), thermal80)
    shaped_note = f"{count} badges, fresh QR each, Arabic/Hebrew/Devanagari/Thai/mixed names"
    shaped_pdf = _timed_ms(lambda b: render_pdf(b, sheet), _badges(count, "s", SHAPED_NAMES))
    shaped_escpos = _timed_ms(
        lambda b: render_escpos(b, thermal80), _badges(count, "t", SHAPED_NAMES)
    )
    return [
        *_latency_rows("PDF badge render (4×3 in)", pdf, PDF_TARGET_MS, note),
        *_latency_rows(
            "PDF badge render with shaping (4×3 in)", shaped_pdf, PDF_SHAPED_TARGET_MS, shaped_note
        ),
        *_latency_rows("ESC/POS bytes, native QR (80 mm)", native, ESCPOS_TARGET_MS, note),
        *_latency_rows("ESC/POS bytes, raster QR (58 mm)", raster, ESCPOS_TARGET_MS, note),
        *_latency_rows(
            "ESC/POS bytes, shaped name as raster (80 mm)",
            shaped_escpos,
            ESCPOS_TARGET_MS,
            shaped_note,
        ),
    ]


def _station(directory: Path, tickets: int) -> tuple[object, list[int]]:
    """A real provisioned station with `tickets` attendees (server seeding, then a snapshot)."""
    from kiosk.core.station import provision
    from kiosk.station_store import StationIdentity
    from server_stub.seeding import seed_event
    from server_stub.storage import open_storage

    store = open_storage(directory / "server.sqlite3")
    seeded = seed_event(store, "Bench Summit", tickets)
    snapshot = store.catalog.snapshot(seeded.event_id)
    store.close()
    identity = StationIdentity(
        str(uuid.uuid4()), "bench printer", seeded.event_id, "main", None, None, 0
    )
    station = provision(directory / "station", identity, copy.deepcopy(snapshot))
    return station, [t.ticket_id for t in seeded.tickets]


def _drain_rows(count: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="doorline-bench-print-") as folder:
        station, tickets = _station(Path(folder), count)
        data_dir = Path(folder) / "station"
        with EscposPrinterEmulator() as printer:
            queue = PrintQueue.for_data_dir(data_dir, station)  # type: ignore[arg-type]
            enqueue_ms = []
            started = time.perf_counter()
            queue.start()
            for ticket in tickets[:count]:
                t0 = time.perf_counter()
                queue.enqueue(ticket, printer.spec)
                enqueue_ms.append((time.perf_counter() - t0) * 1000)
            drained = queue.wait_idle(600)
            elapsed = time.perf_counter() - started
            received = printer.wait_for_jobs(count, 10)
            done = len(queue.jobs((JobState.DONE,), limit=count + 10))
            queue.stop()
        station.replica.close()  # type: ignore[attr-defined]
    ok = drained and received and done == count
    note = f"real station (fsync'd badge log), TCP 127.0.0.1, {len(printer.jobs)} jobs received"
    return [
        Result(
            f"{count:,} badges queued and drained to escpos-net (loopback)",
            elapsed,
            "s",
            "all printed, none lost",
            ok,
            f"{count / elapsed:,.0f} badges/s; {note}",
        ),
        Result(
            "enqueue a badge while the printer works, p95",
            percentile(enqueue_ms, 95),
            "ms",
            "",
            None,
            "what the door or kiosk thread pays per badge",
        ),
    ]


def run(quick: bool) -> list[Result]:
    return _render_rows(100 if quick else 500) + _drain_rows(200 if quick else 1000)
