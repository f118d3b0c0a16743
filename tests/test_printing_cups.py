"""CUPS against a real scheduler: a badge is printed only when CUPS says its job completed.

Each test starts its own `cupsd` (tests/cups_server.py) with a cups-pdf queue on a free port;
the code under test reaches it through CUPS_SERVER, as it would reach the machine's CUPS.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cups_server import CupsServer, cups_or_skip, free_port, printed_pdfs, running_cups
from printing_support import MemoryBadgeStation, pdf_text, squeeze

from printing import cups_printer
from printing.badge_data import sample_badge
from printing.badge_delivery import deliver_badge, probe_printer
from printing.badge_pdf import render_pdf
from printing.badge_template import load_library
from printing.errors import CupsUnavailable, PrinterSetupError, PrinterUnavailable
from printing.print_queue import JobState, PrintQueue, RetryPolicy
from printing.printer_spec import parse_printer_spec
from printing.queue_store import DB_FILENAME

QUEUE_SPEC = "cups:badges?wait=20"
FAST = RetryPolicy(max_attempts=100, first_delay_ms=100, factor=1.0, max_delay_ms=100)


@pytest.fixture
def cupsd(monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsServer]:
    cups_or_skip()
    with running_cups(monkeypatch) as server:
        yield server


def _until(condition, timeout_s: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def test_a_badge_is_done_when_cups_reports_its_job_completed(cupsd: CupsServer) -> None:
    started = time.time()
    delivery = deliver_badge(sample_badge(), parse_printer_spec(QUEUE_SPEC))
    assert delivery.detail.startswith("CUPS job ") and "completed" in delivery.detail
    conn = cupsd.connection()
    job = conn.getJobAttributes(int(delivery.backend_ref or 0))  # type: ignore[attr-defined]
    assert job["job-state"] == cups_printer.JOB_COMPLETED
    # cups-pdf really wrote the badge: the same PDF, with the attendee's name in it.
    (pdf,) = [
        p
        for p in printed_pdfs(f"Badge {sample_badge().ticket_id}")
        if p.stat().st_mtime >= started - 1
    ]
    try:
        assert "AdaLovelace-Byron" in squeeze(pdf_text(pdf.read_bytes()))
    finally:
        pdf.unlink()


def test_a_stopped_queue_never_counts_as_printed_and_a_retry_prints_once_enabled(
    cupsd: CupsServer, tmp_path: Path
) -> None:
    conn = cupsd.connection()
    conn.disablePrinter("badges", reason="Paused for a paper change")  # type: ignore[attr-defined]
    station = MemoryBadgeStation()
    with PrintQueue(tmp_path / DB_FILENAME, station, policy=FAST) as queue:
        job = queue.enqueue(3, QUEUE_SPEC)
        assert _until(lambda: queue.job(job.id).state is JobState.FAILED)
        failed = queue.job(job.id)
        assert "stopped" in (failed.last_error or "") and "Paused for a paper change" in (
            failed.last_error or ""
        )
        assert failed.will_retry and not failed.may_have_printed  # never got it: safe to resend
        assert station.printed == {}
        assert conn.getJobs(which_jobs="not-completed") == {}  # type: ignore[attr-defined]
        conn.enablePrinter("badges")  # type: ignore[attr-defined]
        assert _until(lambda: queue.job(job.id).state is JobState.DONE)
    assert len(station.printed[3]) == 1


def test_a_held_job_is_withdrawn_and_reported_as_not_printed(
    cupsd: CupsServer, tmp_path: Path
) -> None:
    import cups

    pdf = tmp_path / "held.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with cups_printer.connection() as conn:
        job_id = conn.printFile("badges", str(pdf), "held badge", {"job-hold-until": "indefinite"})
        with pytest.raises(PrinterUnavailable, match="held the badge"):
            cups_printer._follow(cups, conn, "badges", job_id, 10)
        assert conn.getJobAttributes(job_id)["job-state"] == cups_printer.JOB_CANCELED


def test_a_rejecting_queue_is_told_as_such_everywhere(cupsd: CupsServer) -> None:
    conn = cupsd.connection()
    conn.rejectJobs("badges", reason="Out of badge stock")  # type: ignore[attr-defined]
    (printer,) = cups_printer.list_printers()
    assert printer.accepting is False and printer.enabled is True and not printer.ready
    assert "not accepting jobs" in printer.words() and "Out of badge stock" in printer.words()
    with pytest.raises(PrinterUnavailable, match="not accepting jobs"):
        probe_printer(parse_printer_spec(QUEUE_SPEC))
    with pytest.raises(PrinterUnavailable, match="not accepting jobs") as caught:
        deliver_badge(sample_badge(), parse_printer_spec(QUEUE_SPEC))
    assert caught.value.retryable


def test_an_unknown_queue_is_a_setup_problem_not_a_retry(cupsd: CupsServer) -> None:
    with pytest.raises(PrinterSetupError, match="no printer named 'lobby'") as caught:
        deliver_badge(sample_badge(), parse_printer_spec("cups:lobby"))
    assert not caught.value.retryable


def test_cups_down_is_a_service_problem_retried_until_cups_is_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cups_or_skip()
    port = free_port()
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{port}")
    with pytest.raises(CupsUnavailable, match="not running") as caught:
        cups_printer.list_printers()
    assert caught.value.retryable
    station = MemoryBadgeStation()
    with PrintQueue(tmp_path / DB_FILENAME, station, policy=FAST) as queue:
        job = queue.enqueue(4, QUEUE_SPEC)
        assert _until(lambda: queue.job(job.id).state is JobState.FAILED)
        failed = queue.job(job.id)
        assert "not running" in (failed.last_error or "") and failed.will_retry
        with running_cups(monkeypatch, port=port):  # CUPS comes back
            assert _until(lambda: queue.job(job.id).state is JobState.DONE)
    assert len(station.printed[4]) == 1


def test_a_restart_asks_cups_what_became_of_a_badge_cut_off_mid_print(
    cupsd: CupsServer, tmp_path: Path
) -> None:
    """The station died after submitting: a completed CUPS job is done (and logged once), a
    job still pending on a stopped queue is withdrawn and queued again (never got it)."""
    from printing.queue_store import QueueStore

    station = MemoryBadgeStation()
    db = tmp_path / DB_FILENAME
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(render_pdf(sample_badge(), load_library().get("badge-4x3")))
    with cups_printer.connection() as conn:
        printed = conn.printFile("badges", str(pdf), "printed before the crash", {})
        assert _until(
            lambda: conn.getJobAttributes(printed)["job-state"] == cups_printer.JOB_COMPLETED
        )
        conn.disablePrinter("badges", reason="Paused")
        pending = conn.printFile("badges", str(pdf), "pending at the crash", {})
    store = QueueStore(db)
    for ticket, ref in ((5, printed), (6, pending)):
        job = store.add(f"job-{ticket}", ticket, QUEUE_SPEC, None, reprint=False, now_ms=1)
        store.claim(job.id, None, 2)
        store.set_backend_ref(job.id, str(ref))
    store.close()
    queue = PrintQueue(db, station, policy=FAST)
    settled = {job.id: job for job in queue.recover_interrupted()}
    assert settled["job-5"].state is JobState.DONE and len(station.printed[5]) == 1
    assert settled["job-6"].state is JobState.QUEUED and 6 not in station.printed
    with cups_printer.connection() as conn:
        assert conn.getJobAttributes(pending)["job-state"] == cups_printer.JOB_CANCELED
    queue.stop()
