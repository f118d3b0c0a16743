"""Printing with the real station: the badge log, the CLI commands, scanning during a jam."""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import make_station
from cups_server import cups_or_skip, running_cups
from printing_support import pdf_text, squeeze

from kiosk.cli import print_cmds
from kiosk.cli.errors import CliError
from kiosk.cli.main import CliGroups
from kiosk.core.station import Station
from kiosk.domain.verdicts import Action, Verdict
from kiosk.sqlite_file import migrate
from kiosk.station_store.schema import MIGRATIONS
from printing.badge_data import BadgeData
from printing.badge_delivery import choose_template
from printing.errors import BadgeAlreadyPrinted
from printing.print_queue import JobState, PrintQueue, RetryPolicy
from printing.printer_emulator import EscposPrinterEmulator, PrinterMode, closed_port

FAST = RetryPolicy(max_attempts=3, first_delay_ms=100, max_delay_ms=500)


def _data_dir(station: Station) -> Path:
    return station.replica.path.parent


def _entries(station: Station, ticket_id: int) -> list[Any]:
    return [e for e in station.replica.entries_for_ticket(ticket_id) if "badge" in str(e.action)]


@pytest.fixture
def station_and_codes(
    provisioned_station: tuple[Station, list[dict[str, Any]]],
) -> Iterator[tuple[Station, list[dict[str, Any]]]]:
    yield provisioned_station


def test_a_printed_badge_is_a_log_entry_and_a_reprint_is_logged_too(
    station_and_codes: tuple[Station, list[dict[str, Any]]], tmp_path: Path
) -> None:
    station, codes = station_and_codes
    ticket = int(codes[0]["ticket_id"])
    with PrintQueue.for_data_dir(_data_dir(station), station, policy=FAST) as queue:
        job = queue.enqueue(ticket, f"pdf:{tmp_path}/")
        assert queue.wait_idle(10)
        done = queue.job(job.id)
        assert done.state is JobState.DONE
        assert station.badge_printed(ticket)
        with pytest.raises(BadgeAlreadyPrinted):
            queue.enqueue(ticket, f"pdf:{tmp_path}/")
        again = queue.enqueue(ticket, f"pdf:{tmp_path}/", reprint=True)
        assert queue.wait_idle(10)
    entries = _entries(station, ticket)
    assert [(e.id, e.action) for e in entries] == [
        (done.printed_entry_id, Action.BADGE_PRINTED),
        (queue.job(again.id).printed_entry_id, Action.BADGE_REPRINTED),
    ]
    pdf = (tmp_path / f"badge-{ticket}-{job.id[:8]}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")


def test_scanning_goes_on_while_the_printer_hangs(
    station_and_codes: tuple[Station, list[dict[str, Any]]],
) -> None:
    station, codes = station_and_codes
    with (
        EscposPrinterEmulator(PrinterMode.SILENT) as stuck,
        PrintQueue.for_data_dir(_data_dir(station), station, policy=FAST) as queue,
    ):
        # The printer takes the job and never answers: 1.5 s until the queue gives up on it,
        # ~100 times what a scan takes even on a loaded machine.
        job = queue.enqueue(int(codes[1]["ticket_id"]), stuck.spec + "?timeout=1.5")
        deadline = time.monotonic() + 10
        while queue.job(job.id).state is not JobState.PRINTING and time.monotonic() < deadline:
            time.sleep(0.01)
        outcome = station.scan(codes[2]["code"])
        # The scan's verdict came while the printer still holds the job: it did not wait for the
        # printer's timeout (no wall-clock bound here; speed lives in the benchmarks).
        assert queue.job(job.id).state is JobState.PRINTING
        assert outcome.verdict is Verdict.ADMITTED
        deadline = time.monotonic() + 15
        while queue.job(job.id).state is not JobState.FAILED and time.monotonic() < deadline:
            time.sleep(0.02)
        failed = queue.job(job.id)
    assert failed.state is JobState.FAILED and failed.will_retry
    assert "did not answer" in (failed.last_error or "")
    assert not station.badge_printed(int(codes[1]["ticket_id"]))


def test_an_older_station_file_hands_its_waiting_print_jobs_to_the_queue_once(
    tmp_path: Path, seeded_event: Any
) -> None:
    """Schema 3 moves the print queue out of the station file: waiting jobs come along."""
    data_dir = tmp_path / "old-station"
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    migrate(conn, threading.RLock(), MIGRATIONS[:2], RuntimeError)  # a schema-2 station file
    rows = [
        ("job-queued", 1, "pdf:/tmp/x/", None, "queued", 0, None, 0, 1, 1, 0, None),
        ("job-failed", 2, "cups:lobby", "badge-a6", "failed", 5, "no paper", 1, 2, 3, 0, None),
        ("job-cut-off", 3, "escpos-net:10.0.0.5", None, "printing", 1, None, 0, 4, 4, 0, None),
        ("job-done", 4, "pdf:/tmp/x/", None, "done", 1, None, 0, 5, 6, 0, "entry-4"),
    ]
    conn.executemany(f"INSERT INTO print_jobs VALUES ({', '.join('?' * 12)})", rows)
    conn.close()
    station = make_station(data_dir, seeded_event.snapshot)  # opens, migrates to schema 3
    try:
        look = sqlite3.connect(data_dir / "station.sqlite3")
        tables = {
            row[0] for row in look.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        look.close()
        assert "print_jobs" not in tables
        queue = PrintQueue.for_data_dir(data_dir, station)
        jobs = {job.id: job for job in queue.jobs()}
        assert set(jobs) == {"job-queued", "job-failed", "job-cut-off"}
        assert jobs["job-queued"].state is JobState.QUEUED
        failed = jobs["job-failed"]
        assert (failed.state, failed.last_error, failed.reprint) == (
            JobState.FAILED,
            "no paper",
            True,
        )
        assert jobs["job-cut-off"].state is JobState.UNCONFIRMED  # may have printed: ask
        assert station.handed_over_print_jobs() == []
        queue.stop()
        assert len(PrintQueue.for_data_dir(data_dir, station).jobs()) == 3  # adopted once
    finally:
        station.replica.close()


def test_the_ready_check_test_print_is_a_real_badge_on_the_stations_template(
    station_and_codes: tuple[Station, list[dict[str, Any]]], tmp_path: Path
) -> None:
    from kiosk.ui.print_port import QueuePrinting
    from printing.printer_spec import parse_printer_spec

    station, codes = station_and_codes
    printing = QueuePrinting(station, parse_printer_spec(f"pdf:{tmp_path}/test-prints/"))
    try:
        health = printing.test_print()
    finally:
        printing.stop()
    assert health.ok, health.words
    (pdf,) = (tmp_path / "test-prints").glob("badge-0-test.pdf")
    text = pdf_text(pdf.read_bytes())
    commonest = max({c["ticket_type"] for c in codes}, key=[c["ticket_type"] for c in codes].count)
    real = BadgeData.from_source(station.badge_source(int(codes[0]["ticket_id"])))
    assert "Ada Lovelace-Byron" in text and real.event_name in text
    assert commonest in text  # the colour band of the station's commonest ticket type
    sample = BadgeData.from_source(station.sample_badge_source() or {})
    chosen = choose_template(sample, parse_printer_spec("pdf:x/"))
    assert sample.ticket_type == commonest and f"template '{chosen.name}'" in health.words
    assert _entries(station, 0) == []  # a test print is not a printed badge


# -- the CLI ----------------------------------------------------------------------------------


def _cli(argv: list[str]) -> tuple[int, str, str]:
    """Run a printing command the way `doorline` does; (exit status, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="doorline")
    top = parser.add_subparsers(dest="command", required=True)
    station = top.add_parser("station")
    server = top.add_parser("server")
    groups = CliGroups(
        top=top,
        server=server.add_subparsers(dest="server_command"),
        station=station.add_subparsers(dest="station_command", required=True),
    )
    print_cmds.register(groups)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        args = parser.parse_args(argv)
        try:
            status = int(args.func(args))
        except CliError as error:
            print(f"doorline: {error}", file=err)
            status = error.exit_code
    return status, out.getvalue(), err.getvalue()


def test_cli_print_badge_prints_once_then_refuses_then_reprints(
    station_and_codes: tuple[Station, list[dict[str, Any]]], tmp_path: Path
) -> None:
    station, codes = station_and_codes
    ticket = str(codes[3]["ticket_id"])
    target = tmp_path / "badge.pdf"
    base = ["station", "print-badge", "--data-dir", str(_data_dir(station)), ticket]
    status, out, _ = _cli([*base, "--printer", f"pdf:{target}", "--json"])
    assert status == 0
    job = json.loads(out)
    assert job["state"] == "done" and job["printed_entry_id"]
    assert job["template"] == "badge-4x3"  # the template that printed, not the one asked for
    assert squeeze(codes[3]["name"]) in squeeze(pdf_text(target.read_bytes()))
    status, _, err = _cli([*base, "--printer", f"pdf:{target}"])
    assert status == 1 and "printed already" in err
    status, out, _ = _cli([*base, "--printer", f"pdf:{target}", "--reprint"])
    assert status == 0 and "reprinted" in out


def test_cli_print_badge_reports_environment_problems_with_status_2(
    station_and_codes: tuple[Station, list[dict[str, Any]]], tmp_path: Path
) -> None:
    station, codes = station_and_codes
    base = ["station", "print-badge", "--data-dir", str(_data_dir(station))]
    ticket = str(codes[4]["ticket_id"])
    status, _, err = _cli([*base, ticket, "--printer", "laser:office"])
    assert status == 2 and "unknown kind 'laser'" in err
    status, _, err = _cli([*base, ticket, "--printer", f"pdf:{tmp_path}/", "--template", "nope"])
    assert status == 2 and "no badge template named 'nope'" in err
    status, _, err = _cli([*base, ticket, "--printer", f"escpos-net:127.0.0.1:{closed_port()}"])
    assert status == 2 and "refused the connection" in err and "stays in the print queue" in err
    status, _, err = _cli([*base, ticket, "--printer", f"pdf:{tmp_path}/"])
    assert status == 0, err  # the failed job does not block a new attempt
    missing = ["station", "print-badge", "--data-dir", str(tmp_path / "none"), "1"]
    status, _, err = _cli([*missing, "--printer", f"pdf:{tmp_path}/"])
    assert status == 2 and "no station" in err


def test_cli_print_badge_failure_is_one_line_of_words_on_stderr(
    station_and_codes: tuple[Station, list[dict[str, Any]]],
) -> None:
    # A real `doorline` process: importing python-escpos used to install a root log handler
    # (logging.basicConfig at its import), so the queue's warning came out as a second raw line.
    station, codes = station_and_codes
    ticket = str(codes[5]["ticket_id"])
    spec = f"escpos-net:127.0.0.1:{closed_port()}"
    station.replica.close()
    command = "from kiosk.cli.main import main; raise SystemExit(main())"
    argv = ["station", "print-badge", "--data-dir", str(_data_dir(station)), ticket]
    done = subprocess.run(
        [sys.executable, "-c", command, *argv, "--printer", spec],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert (
        lines[0].startswith("doorline: badge for ticket") and "refused the connection" in lines[0]
    )


def test_cli_print_badge_says_when_the_printer_reports_paper_low(
    station_and_codes: tuple[Station, list[dict[str, Any]]],
) -> None:
    station, codes = station_and_codes
    base = ["station", "print-badge", "--data-dir", str(_data_dir(station))]
    with EscposPrinterEmulator(PrinterMode.PAPER_LOW) as printer:
        status, out, _ = _cli([*base, str(codes[6]["ticket_id"]), "--printer", printer.spec])
    assert status == 0 and "printed" in out and "paper low" in out
    with EscposPrinterEmulator() as printer:
        status, out, _ = _cli([*base, str(codes[7]["ticket_id"]), "--printer", printer.spec])
    assert status == 0 and "paper low" not in out


def test_cli_print_badge_to_a_stopped_cups_queue_is_not_printed_and_can_be_retried(
    station_and_codes: tuple[Station, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cups_or_skip()
    station, codes = station_and_codes
    ticket = int(codes[5]["ticket_id"])
    base = ["station", "print-badge", "--data-dir", str(_data_dir(station)), str(ticket)]
    with running_cups(monkeypatch) as cupsd:
        cupsd.connection().disablePrinter("badges", reason="Paused")  # type: ignore[attr-defined]
        status, _, err = _cli([*base, "--printer", "cups:badges"])
        assert status == 2 and "stopped" in err and "not printed" in err
        assert not station.badge_printed(ticket) and _entries(station, ticket) == []
        cupsd.connection().enablePrinter("badges")  # type: ignore[attr-defined]
        status, out, err = _cli([*base, "--printer", "cups:badges"])
    assert status == 0, err  # not refused as "printed already"
    assert "printed on cups:badges" in out
    assert [e.action for e in _entries(station, ticket)] == [Action.BADGE_PRINTED]


def test_cli_print_badge_to_a_printer_that_dies_mid_job_says_unconfirmed(
    station_and_codes: tuple[Station, list[dict[str, Any]]],
) -> None:
    station, codes = station_and_codes
    ticket = int(codes[6]["ticket_id"])
    base = ["station", "print-badge", "--data-dir", str(_data_dir(station)), str(ticket)]
    with EscposPrinterEmulator(PrinterMode.DIES_MID_JOB) as printer:
        status, out, err = _cli([*base, "--printer", printer.spec, "--json"])
    assert status == 2 and "sent, unconfirmed" in err and "confirm or reprint" in err
    assert json.loads(out)["state"] == "unconfirmed"
    assert not station.badge_printed(ticket)
    status, _, err = _cli([*base, "--printer", printer.spec])
    assert status == 1 and "never confirmed" in err  # an operator decides, not a blind resend


def test_cli_printers_with_a_mistyped_data_dir_says_so(tmp_path: Path) -> None:
    status, out, err = _cli(["printers", "--data-dir", str(tmp_path / "no-such-station")])
    assert status == 2 and "no station folder" in err and "no-such-station" in err
    assert out == "" and not (tmp_path / "no-such-station").exists()


def test_cli_printers_lists_cups_and_station_printers_with_health(
    station_and_codes: tuple[Station, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cups_or_skip()
    station, _codes = station_and_codes
    data_dir = _data_dir(station)
    with (
        running_cups(monkeypatch) as cupsd,
        EscposPrinterEmulator(PrinterMode.PAPER_LOW) as printer,
    ):
        cupsd.connection().disablePrinter("badges", reason="Jammed")  # type: ignore[attr-defined]
        (data_dir / "printers.toml").write_text(
            f'[[printer]]\nname = "Door thermal"\nspec = "{printer.spec}"\ndefault = true\n'
        )
        status, out, _ = _cli(["printers", "--data-dir", str(data_dir), "--json"])
        assert status == 0
        rows = {row["printer"]: row for row in map(json.loads, out.splitlines())}
        queue = rows["cups:badges"]
        assert queue["reachable"] is False and queue["enabled"] is False
        assert queue["accepting"] is True and "Jammed" in queue["state"]
        thermal = rows[printer.spec]
        assert thermal["reachable"] is True and thermal["name"] == "Door thermal"
        assert "paper low" in thermal["state"]
        status, out, _ = _cli(["printers", "--data-dir", str(data_dir), "--no-probe"])
        assert status == 0 and "cups:badges" in out and "stopped" in out
        cupsd.stop()  # the CUPS service goes down: a service problem, not "no printer"
        status, out, _ = _cli(["printers", "--data-dir", str(data_dir), "--no-probe"])
    assert status == 0 and "CUPS service problem" in out and "not running" in out
