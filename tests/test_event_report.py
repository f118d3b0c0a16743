"""The report an organiser needs after the doors close (issue 12 §5): one event, its gates by
name, its hours in the venue's zone, unprinted badges, admissions of revoked tickets, bundles
whose stations never came home."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.core.station import open_station
from kiosk.domain.verdicts import Verdict
from server_stub.report import SECTION_COLUMNS
from server_stub.storage import open_storage
from tests.event_support import apply_event_spec, small_event

EVENT = small_event(
    "Report Fest",
    timezone="America/New_York",
    starts=datetime(2026, 11, 29, 8, 0),
    ends=datetime(2026, 12, 2, 19, 0),
)


@pytest.fixture(scope="module")
def quiet_night(module_server_db: str, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    """`night` once per module, for the tests that only read the report (each report reads
    the database and writes only where the test says): the night is the module's database's
    one event, as `server report` without --event needs."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return _night(module_server_db, tmp_path_factory.mktemp("night"))


@pytest.fixture
def night(tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str) -> dict:  # type: ignore[type-arg]
    """A night of its own, for the tests that add to it (an event, a bundle)."""
    made = _night(server_db, tmp_path)
    capsys.readouterr()
    return made


def _night(db: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    """A bundle station admits three attendees (one prints a badge, one was refunded after the
    bundle was made); a second bundle's station never brings its log home."""
    event_id = apply_event_spec(db, EVENT)
    store = open_storage(db)
    issued = store.catalog.issue_tickets(
        event_id,
        [
            {"first_name": f, "last_name": last, "email": "", "type_id": t}
            for f, last, t in (
                ("Ada", "Lovelace", 0),
                ("Alan", "Turing", 1),
                ("Grace", "Hopper", 0),
                ("=cmd", "Never", 1),
            )
        ],
    )
    store.close()
    for name in ("door.bundle", "lost.bundle"):
        assert main(["server", "export", "--db", str(db), "--event", str(event_id),
                     "--out", str(tmp_path / name)]) == 0  # fmt: skip
    data = tmp_path / "door"
    assert main(["station", "init", "--data-dir", str(data), "--bundle",
                 str(tmp_path / "door.bundle"), "--name", "Door 1"]) == 0  # fmt: skip
    store = open_storage(db)
    store.catalog.revoke(event_id, issued[2].ticket_id, "refunded")  # the station never hears of it
    store.close()
    station = open_station(data)
    for ticket in issued[:3]:
        assert station.scan(ticket.code).verdict is Verdict.ADMITTED
    station.record_badge_printed(issued[1].ticket_id, reprint=False, job_id="job-1")
    station.replica.close()
    assert main(["station", "export-log", "--data-dir", str(data),
                 "--out", str(tmp_path / "door.json")]) == 0  # fmt: skip
    assert main(["server", "import-log", "--db", str(db), str(tmp_path / "door.json")]) == 0
    return {"db": db, "event_id": event_id, "issued": issued}


def report(night: dict, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:  # type: ignore[type-arg]
    assert main(["server", "report", "--db", str(night["db"]), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_report_accounts_for_every_admission(
    quiet_night: dict,  # type: ignore[type-arg]
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = report(quiet_night, capsys)
    totals = data["events"][0]
    assert (totals["admissions"], totals["badges_unprinted"], totals["revoked_admissions"]) == (
        3, 2, 1
    )  # fmt: skip
    assert totals["timezone"] == "America/New_York"
    assert [(g["gate"], g["gate_name"], g["admissions"]) for g in data["per_gate"]] == [
        ("main", "Main entrance", 3)
    ]
    assert {b["name"] for b in data["badges_unprinted"]} == {"Ada Lovelace", "Grace Hopper"}
    revoked = data["revoked_admissions"][0]
    assert (revoked["name"], revoked["gate"], revoked["station"], revoked["reason"]) == (
        "Grace Hopper", "Main entrance", "Door 1", "refunded"
    )  # fmt: skip
    assert revoked["admitted"] >= revoked["revoked"]
    assert [b["file"] for b in data["bundles_never_imported"]] == ["lost.bundle"]
    assert data["stations_never_synced"] == []
    assert [s["provisioned_by"] for s in data["per_station"]] == ["bundle"]
    assert data["tickets_never_scanned"][0]["ticket_type"] == "VIP"


def test_hours_and_times_are_the_venues(
    quiet_night: dict,  # type: ignore[type-arg]
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = report(quiet_night, capsys)
    hour = data["per_hour"][0]["hour"]
    assert hour.endswith(("-05:00", "-04:00")) and hour[13:16] == ":00"
    assert data["badges_unprinted"][0]["first_admitted"].endswith(("-05:00", "-04:00"))


def test_csv_files_use_local_iso_times_and_escape_formulas(
    tmp_path: Path,
    quiet_night: dict,  # type: ignore[type-arg]
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "csv"
    report(quiet_night, capsys, "--csv", str(out))
    with (out / "tickets_never_scanned.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["first_name"] == "'=cmd"
    with (out / "revoked_admissions.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["admitted"][10] == "T" and row["admitted"].endswith(("-05:00", "-04:00"))


def test_one_event_at_a_time(
    night: dict,  # type: ignore[type-arg]
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = open_storage(night["db"])
    other = store.catalog.create_event("Another event")
    store.close()
    assert main(["server", "report", "--db", str(night["db"])]) == 2
    err = capsys.readouterr().err
    assert "holds 2 events; choose one with --event" in err and str(other) in err
    data = report(night, capsys, "--event", str(night["event_id"]))
    assert data["events"][0]["name"] == "Report Fest"
    assert main(["server", "report", "--db", str(night["db"]), "--event", "5"]) == 2
    assert "no event 5" in capsys.readouterr().err
    assert main(["server", "report", "--db", str(night["db"]), "--event", str(other)]) == 0
    assert "Another event" in capsys.readouterr().out


def test_a_bundle_that_failed_to_write_is_not_reported_missing(
    tmp_path: Path,
    night: dict,  # type: ignore[type-arg]
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    assert main(["server", "export", "--db", str(night["db"]), "--event",
                 str(night["event_id"]), "--out", str(blocker / "x.bundle")]) == 2  # fmt: skip
    nested = tmp_path / "new" / "dir" / "y.bundle"
    assert main(["server", "export", "--db", str(night["db"]), "--event",
                 str(night["event_id"]), "--out", str(nested)]) == 0  # fmt: skip
    capsys.readouterr()
    files = [b["file"] for b in report(night, capsys)["bundles_never_imported"]]
    assert files == ["lost.bundle", "y.bundle"]


def test_every_csv_has_its_real_header_even_with_no_rows(
    tmp_path: Path,
    quiet_night: dict,  # type: ignore[type-arg]
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A quiet night (no conflicts, no gaps) still gives conflicts.csv its columns, the same
    ones a busy night writes, so the organiser's spreadsheet or script reads both alike."""
    out = tmp_path / "csv"
    data = report(quiet_night, capsys, "--csv", str(out))
    assert set(data) == set(SECTION_COLUMNS)
    for name, rows in data.items():
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == list(SECTION_COLUMNS[name]), name
        for row in rows:
            assert list(row) == list(SECTION_COLUMNS[name]), name
    assert data["conflicts"] == [] and data["sequence_gaps"] == []
