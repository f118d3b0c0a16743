"""The station's print jobs from the command line: list them, confirm, retry or cancel one.

A badge sent to a printer that never confirmed it waits for a person; the CLI can settle it
like the operator screen's Printers tab, logging `badge_printed` exactly once on confirm and
never resending a badge that may have printed without the operator's word (`--yes`)."""

from __future__ import annotations

import argparse
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import print_cmds, print_job_cmds
from kiosk.cli.errors import CliError
from kiosk.cli.main import CliGroups
from kiosk.core.station import Station
from kiosk.domain.verdicts import Action
from printing.printer_emulator import EscposPrinterEmulator, PrinterMode


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
    print_job_cmds.register(groups)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            args = parser.parse_args(argv)
            status = int(args.func(args))
        except CliError as error:
            print(f"doorline: {error}", file=err)
            status = error.exit_code
        except SystemExit as exit_:  # argparse's usage errors
            status = int(exit_.code or 0)
    return status, out.getvalue(), err.getvalue()


def _printed_entries(station: Station, ticket_id: int) -> list[Any]:
    return [
        e
        for e in station.replica.entries_for_ticket(ticket_id)
        if e.action in (Action.BADGE_PRINTED, Action.BADGE_REPRINTED)
    ]


def _unconfirmed_job(station: Station, ticket: int) -> tuple[str, str, int]:
    """Print to a printer that dies mid-job: the job is "sent, unconfirmed".
    Returns the job id, the station's folder and the printer's port."""
    data_dir = str(station.replica.path.parent)
    argv = ["station", "print-badge", "--data-dir", data_dir, str(ticket), "--json"]
    with EscposPrinterEmulator(PrinterMode.DIES_MID_JOB) as printer:
        status, out, _ = _cli([*argv, "--printer", printer.spec])
    assert status == 2
    job = json.loads(out)
    assert job["state"] == "unconfirmed"
    return job["job_id"], data_dir, printer.port


@pytest.fixture
def station(provisioned_station: tuple[Station, list[dict[str, Any]]]) -> Station:
    return provisioned_station[0]


@pytest.fixture
def ticket(provisioned_station: tuple[Station, list[dict[str, Any]]]) -> int:
    return int(provisioned_station[1][2]["ticket_id"])


def test_print_jobs_lists_state_reason_template_and_how_to_settle(
    station: Station, ticket: int
) -> None:
    job_id, data_dir, _port = _unconfirmed_job(station, ticket)
    status, out, _ = _cli(["station", "print-jobs", "--data-dir", data_dir])
    assert status == 0
    assert job_id[:8] in out and "unconfirmed" in out and f"ticket {ticket}" in out
    assert "reason:" in out and "thermal-80" in out and "print-job confirm" in out
    status, out, _ = _cli(["station", "print-jobs", "--data-dir", data_dir, "--json"])
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["job_id"] == job_id and row["state"] == "unconfirmed"
    assert row["template"] == "thermal-80" and row["reason"]
    status, out, _ = _cli(["station", "print-jobs", "--data-dir", data_dir, "--state", "done"])
    assert status == 0 and "no print jobs" in out


def test_confirm_logs_the_badge_printed_exactly_once(station: Station, ticket: int) -> None:
    job_id, data_dir, _port = _unconfirmed_job(station, ticket)
    assert _printed_entries(station, ticket) == []
    confirm = ["station", "print-job", "confirm", job_id[:8], "--data-dir", data_dir]
    status, out, err = _cli([*confirm, "--json"])
    assert status == 0, err
    assert json.loads(out)["state"] == "done"
    assert [e.action for e in _printed_entries(station, ticket)] == [Action.BADGE_PRINTED]
    status, _, err = _cli(confirm)
    assert status == 1 and "done already" in err
    assert len(_printed_entries(station, ticket)) == 1
    assert station.badge_printed(ticket)


def test_retry_of_a_badge_that_may_have_printed_needs_the_operators_yes(
    station: Station, ticket: int
) -> None:
    job_id, data_dir, port = _unconfirmed_job(station, ticket)
    retry = ["station", "print-job", "retry", job_id, "--data-dir", data_dir]
    status, out, err = _cli(retry)
    assert status == 1 and "may have printed" in err and "--yes" in err and "confirm" in err
    assert out == "" and _printed_entries(station, ticket) == []
    with EscposPrinterEmulator(port=port) as printer:  # the printer is back, working
        status, out, err = _cli([*retry, "--yes"])
        assert status == 0 and "printed" in out, err
        assert printer.wait_for_jobs(1) and len(printer.jobs) == 1
    assert [e.action for e in _printed_entries(station, ticket)] == [Action.BADGE_PRINTED]


def test_retry_of_a_failed_job_prints_it_and_logs_it(
    station: Station, ticket: int, tmp_path: Path
) -> None:
    data_dir = str(station.replica.path.parent)
    folder = tmp_path / "badges"
    folder.write_text("not a folder")  # the printer cannot take it: the job fails
    argv = ["station", "print-badge", "--data-dir", data_dir, str(ticket), "--json"]
    status, out, _ = _cli([*argv, "--printer", f"pdf:{folder}/"])
    failed = json.loads(out)
    assert status == 2 and failed["state"] == "failed"
    assert failed["template"] == "badge-4x3"  # the template it used, not null
    folder.unlink()
    retry = ["station", "print-job", "retry", failed["job_id"][:8], "--data-dir", data_dir]
    status, out, err = _cli([*retry, "--json"])
    assert status == 0, err
    assert json.loads(out)["state"] == "done" and len(list(folder.glob("*.pdf"))) == 1
    assert [e.action for e in _printed_entries(station, ticket)] == [Action.BADGE_PRINTED]


def test_cancel_ends_a_job_without_logging_and_lets_the_ticket_print_later(
    station: Station, ticket: int, tmp_path: Path
) -> None:
    job_id, data_dir, _port = _unconfirmed_job(station, ticket)
    cancel = ["station", "print-job", "cancel", job_id[:8], "--data-dir", data_dir]
    status, out, err = _cli(cancel)
    assert status == 0 and "cancelled" in out, err
    assert _printed_entries(station, ticket) == []
    status, _, err = _cli(cancel)
    assert status == 0 or "cancel" in err  # cancelling a cancelled (failed) job again is fine
    argv = ["station", "print-badge", "--data-dir", data_dir, str(ticket)]
    status, out, err = _cli([*argv, "--printer", f"pdf:{tmp_path}/"])
    assert status == 0, err  # no longer "sent but never confirmed"


def test_bad_job_ids_and_actions_exit_2_with_words(station: Station, tmp_path: Path) -> None:
    data_dir = str(station.replica.path.parent)
    base = ["station", "print-job"]
    status, _, err = _cli([*base, "confirm", "zz-not-hex", "--data-dir", data_dir])
    assert status == 2 and "not a print job id" in err
    status, _, err = _cli([*base, "confirm", "0123abcd", "--data-dir", data_dir])
    assert status == 2 and "no print job 0123abcd" in err
    status, _, err = _cli([*base, "reprint", "0123abcd", "--data-dir", data_dir])
    assert status == 2 and "invalid choice" in err
    status, _, err = _cli([*base, "confirm", "0123abcd", "--data-dir", str(tmp_path / "x")])
    assert status == 2 and "no station" in err
    status, _, err = _cli(["station", "print-jobs", "--data-dir", data_dir, "--limit", "0"])
    assert status == 2 and "1 or more" in err


def test_print_badge_for_an_unknown_ticket_is_bad_input_exit_2(
    station: Station, tmp_path: Path
) -> None:
    data_dir = str(station.replica.path.parent)
    argv = ["station", "print-badge", "--data-dir", data_dir, "987654"]
    status, out, err = _cli([*argv, "--printer", f"pdf:{tmp_path}/"])
    assert status == 2 and "987654" in err and "not on this station's list" in err
    assert out == ""
