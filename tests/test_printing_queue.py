"""The persistent print queue: states, the print log, refusals, retries, crashes, health."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from printing_support import MemoryBadgeStation

from printing.errors import BadgeAlreadyPrinted, BadgeAlreadyQueued, BadgeRefused
from printing.print_queue import JobState, PrintJob, PrintQueue, RetryPolicy
from printing.printer_emulator import EscposPrinterEmulator, PrinterMode, closed_port
from printing.queue_store import DB_FILENAME

FAST = RetryPolicy(max_attempts=3, first_delay_ms=100, factor=2.0, max_delay_ms=1_000)
TESTS = Path(__file__).parent


def _until(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "station" / DB_FILENAME


@pytest.fixture
def station() -> MemoryBadgeStation:
    return MemoryBadgeStation(tickets=30)


@pytest.fixture
def printer() -> Iterator[EscposPrinterEmulator]:
    with EscposPrinterEmulator() as emulator:
        yield emulator


@pytest.fixture
def queue(db_path: Path, station: MemoryBadgeStation) -> Iterator[PrintQueue]:
    with PrintQueue(db_path, station, policy=FAST) as print_queue:
        yield print_queue


def test_badges_print_and_each_writes_a_badge_printed_entry(
    db_path: Path, station: MemoryBadgeStation, printer: EscposPrinterEmulator
) -> None:
    seen: list[tuple[str, JobState]] = []
    with PrintQueue(db_path, station, on_change=lambda j: seen.append((j.id, j.state))) as queue:
        jobs = [queue.enqueue(ticket, printer.spec) for ticket in (1, 2, 3)]
        assert queue.wait_idle(10)
    assert printer.wait_for_jobs(3)
    for job in jobs:
        done = queue.job(job.id)
        assert done.state is JobState.DONE and done.attempts == 1
        assert station.printed[job.ticket_id] == [(done.printed_entry_id, False)]
    states = [state for job_id, state in seen if job_id == jobs[0].id]
    assert states == [JobState.QUEUED, JobState.PRINTING, JobState.DONE]


def test_a_second_badge_is_refused_unless_an_operator_reprints(
    queue: PrintQueue, station: MemoryBadgeStation, printer: EscposPrinterEmulator
) -> None:
    queue.enqueue(4, printer.spec)
    with pytest.raises(BadgeAlreadyQueued):
        queue.enqueue(4, printer.spec)
    assert queue.wait_idle(10)
    with pytest.raises(BadgeAlreadyPrinted, match="reprint"):
        queue.enqueue(4, printer.spec)
    reprint = queue.enqueue(4, printer.spec, reprint=True)
    assert queue.wait_idle(10)
    assert queue.job(reprint.id).state is JobState.DONE
    assert [kind for _, kind in station.printed[4]] == [False, True]
    with pytest.raises(BadgeRefused, match="not on this station"):
        queue.enqueue(999, printer.spec)


def test_queued_jobs_survive_reopening_the_database(
    db_path: Path, station: MemoryBadgeStation, printer: EscposPrinterEmulator
) -> None:
    first = PrintQueue(db_path, station, policy=FAST)  # never started: the station "stops"
    ids = [first.enqueue(ticket, printer.spec).id for ticket in (5, 6)]
    first.stop()
    reopened = PrintQueue(db_path, station, policy=FAST)
    try:  # read before its worker starts, which may already be printing the first job
        assert {j.id for j in reopened.jobs((JobState.QUEUED,))} == set(ids)
        reopened.start()
        assert reopened.wait_idle(10)
        assert all(reopened.job(i).state is JobState.DONE for i in ids)
    finally:
        reopened.stop()
    assert printer.wait_for_jobs(2)


CRASHING_STATION = """
import sys, time
sys.path.insert(0, {tests!r})
from printing_support import MemoryBadgeStation
from printing.print_queue import PrintQueue
queue = PrintQueue({db!r}, MemoryBadgeStation(tickets=10))
queue.enqueue(7, {spec!r})
queue.start()
time.sleep(60)  # killed while the printer keeps the job hanging
"""


def _kill_mid_print(db_path: Path, printer: EscposPrinterEmulator) -> None:
    printer.mode = PrinterMode.SILENT
    script = CRASHING_STATION.format(
        tests=str(TESTS), db=str(db_path), spec=printer.spec + "?timeout=30"
    )
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], cwd=TESTS.parent)

    def printing() -> bool:
        if not db_path.exists():
            return False
        conn = sqlite3.connect(db_path)
        try:
            return conn.execute("SELECT state FROM print_jobs").fetchone() == ("printing",)
        except sqlite3.OperationalError:  # the child has not created the table yet
            return False
        finally:
            conn.close()

    try:
        assert _until(printing, 20)
        os.kill(child.pid, signal.SIGKILL)  # power cut in the middle of the print
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    printer.mode = PrinterMode.READY


def test_a_crash_mid_print_leaves_the_job_to_an_operator_never_silently_done_or_resent(
    db_path: Path, station: MemoryBadgeStation, printer: EscposPrinterEmulator
) -> None:
    _kill_mid_print(db_path, printer)
    with PrintQueue(db_path, station, policy=FAST) as restarted:
        assert restarted.wait_idle(10)
        (job,) = restarted.jobs()
        assert job.state is JobState.UNCONFIRMED and job.may_have_printed
        assert "interrupted mid-print" in (job.last_error or "")
        assert 7 not in station.printed  # never logged as printed on a guess
        with pytest.raises(BadgeAlreadyQueued, match="confirm or reprint"):
            restarted.enqueue(7, printer.spec)
        time.sleep(0.2)
        assert printer.jobs == []  # and never resent by itself
        # The operator looked: nothing came out, so print it again.
        restarted.retry(job.id)
        assert restarted.wait_idle(10)
        assert restarted.job(job.id).state is JobState.DONE
    assert printer.wait_for_jobs(1)
    assert station.printed[7] == [(restarted.job(job.id).printed_entry_id, False)]


def test_an_operator_confirms_an_unconfirmed_badge_and_it_is_logged_once(
    db_path: Path, station: MemoryBadgeStation, printer: EscposPrinterEmulator
) -> None:
    _kill_mid_print(db_path, printer)
    with PrintQueue(db_path, station, policy=FAST) as restarted:
        (job,) = restarted.jobs()
        done = restarted.confirm_printed(job.id)
        assert done.state is JobState.DONE
        with pytest.raises(BadgeRefused, match="only an unconfirmed badge"):
            restarted.confirm_printed(job.id)
    assert station.printed[7] == [(done.printed_entry_id, False)]
    assert printer.jobs == []


def test_a_crash_between_the_print_log_and_the_queue_file_recovers_as_done(
    db_path: Path, station: MemoryBadgeStation, printer: EscposPrinterEmulator
) -> None:
    _kill_mid_print(db_path, printer)
    with PrintQueue(db_path, station, policy=FAST) as peek:
        pass
    # Replay the crash window: the station logged the badge, the queue file still says printing.
    conn = sqlite3.connect(db_path)
    (job_id,) = conn.execute("SELECT id FROM print_jobs").fetchone()
    conn.execute("UPDATE print_jobs SET state = 'printing'")
    conn.commit()
    conn.close()
    entry_id = station.record_badge_printed(7, reprint=False, job_id=job_id)
    assert station.record_badge_printed(7, reprint=False, job_id=job_id) == entry_id  # idempotent
    with PrintQueue(db_path, station, policy=FAST) as restarted:
        job = restarted.job(job_id)
    assert peek.db_path == db_path
    assert job.state is JobState.DONE and job.printed_entry_id == entry_id
    assert station.printed[7] == [(entry_id, False)]
    assert printer.jobs == []


def test_a_refusing_printer_gives_a_failed_job_with_the_error_then_a_retry(
    db_path: Path, station: MemoryBadgeStation
) -> None:
    # Enough attempts that a slow machine cannot use them all before the printer comes on.
    patient = RetryPolicy(max_attempts=100, first_delay_ms=100, factor=1.0, max_delay_ms=100)
    with PrintQueue(db_path, station, policy=patient) as queue:
        _refusing_printer_then_switched_on(queue)


def _refusing_printer_then_switched_on(queue: PrintQueue) -> None:
    port = closed_port()
    spec = f"escpos-net:127.0.0.1:{port}"
    job = queue.enqueue(8, spec)
    assert _until(lambda: queue.job(job.id).state is JobState.FAILED)
    failed = queue.job(job.id)
    assert "refused the connection" in (failed.last_error or "")
    assert failed.will_retry
    assert queue.health()[spec].reachable is False
    with EscposPrinterEmulator(port=port) as printer:  # someone switches the printer on
        assert _until(lambda: queue.job(job.id).state is JobState.DONE)
        assert printer.wait_for_jobs(1)
    assert queue.job(job.id).attempts >= 2
    assert queue.health()[spec].reachable is True


def test_a_hanging_printer_fails_its_own_jobs_while_other_work_goes_on(
    queue: PrintQueue, printer: EscposPrinterEmulator
) -> None:
    with EscposPrinterEmulator(PrinterMode.SILENT) as stuck:
        stuck_spec = stuck.spec + "?timeout=0.5"
        hung = queue.enqueue(9, stuck_spec)
        assert _until(lambda: queue.job(hung.id).state is JobState.PRINTING)
        started = time.monotonic()
        other = queue.enqueue(10, printer.spec)  # the door carries on meanwhile
        assert time.monotonic() - started < 0.2
        assert _until(lambda: queue.job(other.id).state is JobState.DONE, 5)
        assert _until(lambda: queue.job(hung.id).state is JobState.FAILED, 5)
    failed = queue.job(hung.id)
    assert "did not answer" in (failed.last_error or "") and failed.will_retry


def test_after_the_last_attempt_a_job_waits_for_an_operator(
    db_path: Path, station: MemoryBadgeStation
) -> None:
    policy = RetryPolicy(max_attempts=2, first_delay_ms=50, factor=1.0, max_delay_ms=50)
    port = closed_port()
    spec = f"escpos-net:127.0.0.1:{port}"
    with PrintQueue(db_path, station, policy=policy) as queue:
        job = queue.enqueue(11, spec)

        def gave_up() -> bool:
            current = queue.job(job.id)
            return current.state is JobState.FAILED and not current.will_retry

        assert _until(gave_up)
        assert queue.job(job.id).attempts == 2
        time.sleep(0.3)
        assert queue.job(job.id).attempts == 2  # no more tries on its own
        with EscposPrinterEmulator(port=port) as printer:
            queue.retry(job.id)
            assert _until(lambda: queue.job(job.id).state is JobState.DONE)
            assert printer.wait_for_jobs(1)
        with pytest.raises(BadgeRefused, match="nothing to retry"):
            queue.retry(job.id)


def test_a_job_for_a_badge_printed_elsewhere_meanwhile_is_not_printed_again(
    db_path: Path, station: MemoryBadgeStation, printer: EscposPrinterEmulator
) -> None:
    waiting = PrintQueue(db_path, station, policy=FAST)
    job = waiting.enqueue(12, printer.spec)
    station.record_badge_printed(12, reprint=False, job_id="elsewhere")  # synced from afar
    with PrintQueue(db_path, station, policy=FAST) as queue:
        assert queue.wait_idle(10)
        failed = queue.job(job.id)
    assert failed.state is JobState.FAILED and not failed.will_retry
    assert "printed meanwhile" in (failed.last_error or "")
    assert printer.jobs == []


def test_health_and_history_tell_the_ui_about_each_printer(
    queue: PrintQueue, printer: EscposPrinterEmulator
) -> None:
    queue.enqueue(13, printer.spec)
    assert queue.wait_idle(10)
    health = queue.health()[printer.spec]
    assert health.reachable is True and health.last_success_ms and health.waiting_jobs == 0
    assert queue.history()[printer.spec].last_success_ms == health.last_success_ms
    checked = queue.check_printer(f"escpos-net:127.0.0.1:{closed_port()}")
    assert checked.reachable is False and "refused" in (checked.last_error or "")


def test_job_values_come_back_typed(queue: PrintQueue, tmp_path: Path) -> None:
    job = queue.enqueue(14, f"pdf:{tmp_path}/", template="badge-a6")
    assert isinstance(job, PrintJob) and job.template == "badge-a6" and job.reprint is False
    assert queue.wait_idle(10)
    assert (tmp_path / f"badge-14-{job.id[:8]}.pdf").exists()
