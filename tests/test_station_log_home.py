"""USB-stick stations' logs come home (issue 12 §4): export, import as a push, tamper-evident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_support import seed

from kiosk.cli.main import main
from kiosk.core.station import open_station
from kiosk.domain.verdicts import Verdict
from server_stub.storage import open_storage


@pytest.fixture
def bundle_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], module_server_db: str
) -> tuple[Path, int, Path]:
    """An event of the test's own on the module's server database (on each engine), exported
    as a bundle. A station's log belongs to its event, so other tests' events there change
    nothing; one schema per module is migrated instead of one per test."""
    db = module_server_db
    event_id = seed(db, tickets=10, name="USB Fest").event_id
    bundle = tmp_path / "event.doorline"
    assert main(["server", "export", "--db", str(db), "--event", str(event_id),
                 "--out", str(bundle)]) == 0  # fmt: skip
    capsys.readouterr()
    return db, event_id, bundle


def bundle_station(tmp_path: Path, bundle: Path, name: str, gate: str = "workshop") -> Path:
    data = tmp_path / name
    assert main(["station", "init", "--data-dir", str(data), "--bundle", str(bundle),
                 "--name", name, "--gate", gate]) == 0  # fmt: skip
    return data


@pytest.fixture(autouse=True)
def _quiet(capsys: pytest.CaptureFixture[str]) -> None:
    """Each helper below reads only its own command's output."""


def codes(db: Path, event_id: int) -> list[str]:
    store = open_storage(db)
    rows = [t["code"] for t in store.catalog.ticket_rows_for_station(event_id)]
    store.close()
    return rows


def export(data: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["station", "export-log", "--data-dir", str(data), "--out", str(out),
                 "--json"]) == 0  # fmt: skip
    return json.loads(capsys.readouterr().out)


def import_log(db: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    capsys.readouterr()
    status = main(["server", "import-log", "--db", str(db), str(path), "--json"])
    out = capsys.readouterr()
    return status, (json.loads(out.out) if out.out.strip() else {}), out.err


def server_log(db: Path, event_id: int, station_id: str) -> list[tuple[int, str, str]]:
    store = open_storage(db)
    entries = [e for e in store.reports.log_entries(event_id) if e.station_id == station_id]
    store.close()
    ordered = sorted(entries, key=lambda e: e.seq)
    return [(e.seq, str(e.action), None if e.verdict is None else str(e.verdict)) for e in ordered]


def all_log_entries(db: Path) -> dict[int, list[object]]:
    """Every event's merged log on the server: what an import must leave alone when it fails."""
    store = open_storage(db)
    entries = {
        int(e["id"]): list(store.reports.log_entries(e["id"])) for e in store.catalog.events()
    }
    store.close()
    return entries


def test_a_bundle_stations_log_is_merged_exactly_once(
    tmp_path: Path, bundle_event: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, event_id, bundle = bundle_event
    data = bundle_station(tmp_path, bundle, "Side door")
    station = open_station(data)
    tickets = codes(db, event_id)
    assert station.scan(tickets[0]).verdict is Verdict.ADMITTED
    assert station.scan(tickets[0]).verdict is Verdict.ALREADY_CHECKED_IN
    assert station.scan("not a ticket").verdict is Verdict.MALFORMED
    station_id = station.identity.station_id
    station.replica.close()
    out = tmp_path / "usb" / "side-door.log.json"
    out.parent.mkdir()
    exported = export(data, out, capsys)
    assert exported["entries"] == 3
    document = json.loads(out.read_text())
    assert set(document) == {"format", "station", "exported_ms", "count", "head_hash", "entries"}
    assert "tickets" not in out.read_text()  # nothing of the replica travels with the log

    status, result, err = import_log(db, out, capsys)
    assert status == 0, err
    assert (result["new_station"], result["accepted"], result["duplicate"]) == (True, 3, 0)
    assert result["gaps"] == [] and result["rejected"] == []
    assert [r[2] for r in server_log(db, event_id, station_id)] == [
        "admitted", "already_checked_in", "malformed"
    ]  # fmt: skip
    status, again, _ = import_log(db, out, capsys)
    assert (status, again["accepted"], again["duplicate"]) == (0, 0, 3)


def test_two_offline_doors_admitting_one_ticket_are_flagged(
    tmp_path: Path, bundle_event: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, event_id, bundle = bundle_event
    ticket = codes(db, event_id)[3]
    for name in ("A", "B"):
        data = bundle_station(tmp_path, bundle, name)
        station = open_station(data)
        assert station.scan(ticket).verdict is Verdict.ADMITTED
        station.replica.close()
        export(data, tmp_path / f"{name}.json", capsys)
    assert import_log(db, tmp_path / "A.json", capsys)[1]["conflicts_touched"] == 0
    assert import_log(db, tmp_path / "B.json", capsys)[1]["conflicts_touched"] == 1
    store = open_storage(db)
    assert len(store.conflicts.conflicts(event_id, True)) == 1
    store.close()


def _entries_file(tmp_path: Path, bundle: Path, db: Path, event_id: int,
                  capsys: pytest.CaptureFixture[str]) -> Path:  # fmt: skip
    data = bundle_station(tmp_path, bundle, "Door")
    station = open_station(data)
    for code in codes(db, event_id)[:4]:
        station.scan(code)
    station.replica.close()
    out = tmp_path / "door.json"
    export(data, out, capsys)
    return out


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (lambda d: d["entries"][1].update(verdict="already_checked_in"),
         "entry 2 (id {id1}) was altered"),
        (lambda d: d["entries"].pop(1), "entry 2 (id {id2}) has sequence number 3"),
        (lambda d: d["entries"].pop(), "declares 4 entries but holds 3"),
        (lambda d: d["entries"].reverse(), "entry 1 (id {id3}) has sequence number 4"),
        (lambda d: d.update(format="something else"), "not a Doorline station log"),
    ],
)  # fmt: skip
def test_a_tampered_file_is_refused_naming_the_entry(
    tmp_path: Path,
    bundle_event: tuple[Path, int, Path],
    capsys: pytest.CaptureFixture[str],
    tamper: object,
    expected: str,
) -> None:
    db, event_id, bundle = bundle_event
    path = _entries_file(tmp_path, bundle, db, event_id, capsys)
    document = json.loads(path.read_text())
    ids = {f"id{i}": e["id"] for i, e in enumerate(document["entries"])}
    tamper(document)  # type: ignore[operator]
    path.write_text(json.dumps(document))
    before = all_log_entries(db)
    assert before[event_id] == []
    status, _, err = import_log(db, path, capsys)
    assert status == 2
    assert expected.format(**ids) in err, err
    assert "nothing was merged" in err and err.count("\n") == 1
    assert all_log_entries(db) == before  # no entry merged into any event


def test_bad_log_files_are_one_line(
    tmp_path: Path, bundle_event: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = bundle_event
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe not json")
    for path, expected in (
        (tmp_path / "missing.json", "no such file"),
        (garbage, "not UTF-8"),
        (tmp_path, "is a directory"),
    ):
        status, _, err = import_log(db, path, capsys)
        assert status == 2 and expected in err and err.count("\n") == 1, err
    assert main(["station", "export-log", "--data-dir", str(tmp_path / "nope"),
                 "--out", str(tmp_path / "x.json")]) == 2  # fmt: skip
    capsys.readouterr()


def test_a_bundle_station_cannot_be_reprovisioned_over_its_log(
    tmp_path: Path, bundle_event: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, bundle = bundle_event
    data = bundle_station(tmp_path, bundle, "Door")
    capsys.readouterr()
    assert main(["station", "init", "--data-dir", str(data), "--server", "http://127.0.0.1:9",
                 "--token", "abc"]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "export-log" in err and "import-log" in err
