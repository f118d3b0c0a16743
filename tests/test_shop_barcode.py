"""The shop's own barcode keeps working (issue 12 §2): a station accepts an imported ticket's
external code, looked up in its replica, as well as Doorline's signed code."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.core.station import open_station
from kiosk.domain.verdicts import Verdict
from server_stub.event_file import event_toml
from server_stub.local_server import LocalServer, station_token
from server_stub.storage import open_storage
from tests.event_support import small_event


@pytest.fixture
def server_db(module_server_db: str) -> str:
    """The module's server database (on each engine), in place of a fresh one per test: each
    test imports the shop's export into an event of its own (tickets and barcodes belong to one
    event), so other tests' events there change nothing.
    One schema per module is migrated instead of one per test (on PostgreSQL most of the
    time these tests took)."""
    return module_server_db


EVENT = event_toml(
    small_event(
        "Barcode Fest", starts=datetime(2026, 11, 29, 8, 0), ends=datetime(2026, 12, 2, 19, 0)
    )
)
EXPORT = (
    "Order #,First Name,Last Name,Email,Ticket Type,Attendee #,Attendee Status,Barcode #\n"
    "4521889901,Ada,Lovelace,ada@example.org,General admission,6610293301,Attending,"
    "452188990166102933011001\n"
    "4521889902,Alan,Turing,alan@example.org,VIP,6610293302,Attending,"
    "452188990266102933021001\n"
    "4521889903,Grace,Hopper,grace@example.org,VIP,6610293303,Refunded,"
    "452188990366102933031001\n"
)


@pytest.fixture
def imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str
) -> tuple[Path, int]:
    db = server_db
    (tmp_path / "event.toml").write_text(EVENT, encoding="utf-8")
    assert main(["server", "event", "apply", "--db", str(db), str(tmp_path / "event.toml"),
                 "--json"]) == 0  # fmt: skip
    event_id = json.loads(capsys.readouterr().out)["event_id"]
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8")
    assert main(["server", "import", "--db", str(db), "--event", str(event_id),
                 str(tmp_path / "export.csv")]) == 0  # fmt: skip
    capsys.readouterr()
    return db, event_id


def bundle_station(tmp_path: Path, db: Path, event_id: int) -> Path:
    bundle = tmp_path / "event.bundle"
    assert main(["server", "export", "--db", str(db), "--event", str(event_id),
                 "--out", str(bundle)]) == 0  # fmt: skip
    data = tmp_path / "door"
    assert main(["station", "init", "--data-dir", str(data), "--bundle", str(bundle)]) == 0
    return data


def test_a_station_admits_the_shops_barcode_once(
    tmp_path: Path, imported: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, event_id = imported
    station = open_station(bundle_station(tmp_path, db, event_id))
    ada = station.scan("452188990166102933011001")
    assert (ada.verdict, ada.attendee_name, ada.ticket_type) == (
        Verdict.ADMITTED, "Ada Lovelace", "General admission"
    )  # fmt: skip
    assert station.scan(" 452188990166102933011001\r\n").verdict is Verdict.ALREADY_CHECKED_IN
    store = open_storage(db)
    code = next(t.code for t in store.roster.roster(event_id) if t.external_id == "6610293301")
    store.close()
    assert station.scan(code).verdict is Verdict.ALREADY_CHECKED_IN  # same ticket, Doorline QR
    assert station.scan("452188990366102933031001").verdict is Verdict.REVOKED
    assert station.scan("452188990466102933041001").verdict is Verdict.MALFORMED
    station.replica.close()


def test_the_cli_scans_a_barcode(
    tmp_path: Path, imported: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, event_id = imported
    data = bundle_station(tmp_path, db, event_id)
    capsys.readouterr()
    assert main(["station", "scan", "--data-dir", str(data), "452188990266102933021001",
                 "--json"]) == 0  # fmt: skip
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["verdict"] == "admitted" and verdict["offline"] is False


def test_a_barcode_imported_later_works_after_the_next_sync(
    tmp_path: Path, imported: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, event_id = imported
    server = LocalServer(db)
    server.start()
    try:
        data = tmp_path / "door"
        token = station_token(db, event_id, "Door 1")
        assert main(["station", "init", "--data-dir", str(data), "--server", server.url,
                     "--token", token]) == 0  # fmt: skip
        late = EXPORT + (
            "4521889904,Late,Comer,late@example.org,VIP,6610293304,Attending,TT-LATE-0001\n"
        )
        (tmp_path / "export2.csv").write_text(late, encoding="utf-8")
        assert main(["server", "import", "--db", str(db), "--event", str(event_id),
                     str(tmp_path / "export2.csv")]) == 0  # fmt: skip
        station = open_station(data)
        assert station.scan("tt-late-0001").verdict is Verdict.MALFORMED  # not on its list yet
        station.replica.close()
        assert main(["station", "sync", "--data-dir", str(data)]) == 0
        station = open_station(data)
        assert station.scan("tt-late-0001").verdict is Verdict.ADMITTED
        station.replica.close()
    finally:
        server.stop()
