"""One station identity in two data folders: a provisioned folder copied, or an old backup
restored and scanning. Both write entries with the same sequence numbers; the server keeps
the first and refuses the other ("sequence already used"). Those check-ins must never count
as uploaded: the station says in words that they are not on the server, the ready check
fails, the server report names the clash, and re-provisioning the folder carries them to the
server under a new identity, none lost and none doubled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sync_support import InProcessServer, SeededEvent, seed_on

from kiosk.cli.main import main as doorline
from kiosk.core.station import open_station
from kiosk.ui.readiness import identity_unique
from server_stub.local_server import station_token
from server_stub.storage import open_storage
from sync.provisioning import provision_from_server


def _scan(data_dir: Path, codes: list[str]) -> None:
    station = open_station(data_dir)
    try:
        for code in codes:
            assert station.scan(code).verdict.lets_through
    finally:
        station.replica.close()


def _sync(server: InProcessServer, data_dir: Path) -> None:
    engine = server.engine(data_dir)
    try:
        engine.sync_once()
    finally:
        engine.close()


def _server_log(db: str, event_id: int) -> list[tuple[str, int | None]]:
    storage = open_storage(db)
    try:
        return [(e.id, e.ticket_id) for e in storage.reports.log_entries(event_id)]
    finally:
        storage.close()


def _status(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[dict, str]:  # type: ignore[type-arg]
    assert doorline(["station", "status", "--data-dir", str(data_dir), "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert doorline(["station", "status", "--data-dir", str(data_dir)]) == 0
    return as_json, capsys.readouterr().out


def _copied_station(
    server: InProcessServer, event: SeededEvent, tmp_path: Path
) -> tuple[Path, Path]:
    original = tmp_path / "original"
    server.provision(event.event_id, original, "Door 1").replica.close()
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)  # someone copies the provisioned folder to a 2nd laptop
    return original, copy


def test_a_copied_folder_strands_its_checkins_and_says_so(
    module_server_db: str,
    module_app_server: InProcessServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    event = seed_on(module_app_server.storage(), tickets=8)
    codes = [t.code for t in event.tickets]
    with module_app_server.another() as server:
        original, copy = _copied_station(server, event, tmp_path)
        _scan(original, codes[:3])
        _scan(copy, codes[3:6])
        _sync(server, original)
        _sync(server, copy)  # the copy's #1..#3 are refused: the original used them first

        station = open_station(copy)
        try:
            assert station.replica.stranded_count(station.station_id) == (3, 3)
            check = identity_unique(station)
            assert (
                not check.ok and "3 check-ins (3 log entries) are not on the server" in check.words
            )
        finally:
            station.replica.close()
        status, words = _status(copy, capsys)
        assert status["identity_clash"].startswith(
            "this station's identity is also used by another copy; 3 check-ins are not on "
            "the server — ask an operator to re-provision this folder"
        )
        assert "NOT ON THE SERVER" in words

        assert doorline(
            ["server", "report", "--db", module_server_db, "--event", str(event.event_id), "--json"]
        ) == 0  # fmt: skip
        clashes = json.loads(capsys.readouterr().out)["identity_clashes"]
        assert [c["refused_entries"] for c in clashes] == [3]
        report = ["server", "report", "--db", module_server_db, "--event", str(event.event_id)]
        assert doorline(report) == 0
        assert "IDENTITY USED TWICE" in capsys.readouterr().out

        held = {ticket for _id, ticket in _server_log(module_server_db, event.event_id)}
        assert held == {t.ticket_id for t in event.tickets[:3]}  # the copy's are missing

        # The operator re-provisions the copy with a new token: its check-ins reach the server.
        token = station_token(module_server_db, event.event_id, "Door 1 (copy)")
        provision_from_server(copy, server.url, token, transport=server.transport).replica.close()
        _sync(server, copy)  # once more: nothing may be sent twice
        log = _server_log(module_server_db, event.event_id)
        assert sorted(t for _id, t in log) == sorted(t.ticket_id for t in event.tickets[:6])
        assert len({entry_id for entry_id, _t in log}) == len(log) == 6

        status, _words = _status(copy, capsys)
        assert status["identity_clash"] is None and status["unpushed"] == 0
        assert status["chain_ok"], status["chain_problem"]
        station = open_station(copy)
        try:
            assert identity_unique(station).ok
            assert station.inside_count() == 3  # carried, not doubled
        finally:
            station.replica.close()


def test_a_restored_backup_that_scans_again_is_caught_and_carried_over(
    module_server_db: str,
    module_app_server: InProcessServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    event = seed_on(module_app_server.storage(), tickets=8)
    codes = [t.code for t in event.tickets]
    with module_app_server.another() as server:
        door = tmp_path / "door"
        server.provision(event.event_id, door, "Door 2").replica.close()
        _scan(door, codes[:2])
        _sync(server, door)
        backup = tmp_path / "backup"
        shutil.copytree(door, backup)
        _scan(door, codes[2:4])
        _sync(server, door)
        shutil.rmtree(door)
        shutil.copytree(backup, door)  # the laptop's disk died; last night's backup restored
        _scan(door, codes[4:5])  # seq #3 again, another check-in
        _sync(server, door)
        status, _words = _status(door, capsys)
        assert "1 check-ins are not on the server" in status["identity_clash"]
        assert status["unpushed"] == 0  # not waiting: stranded, and said so

        token = station_token(module_server_db, event.event_id, "Door 2 (restored)")
        provision_from_server(door, server.url, token, transport=server.transport).replica.close()
        log = _server_log(module_server_db, event.event_id)
        assert sorted(t for _id, t in log) == sorted(t.ticket_id for t in event.tickets[:5])
        assert len({entry_id for entry_id, _t in log}) == len(log)


def test_a_carried_entry_the_server_already_holds_is_a_duplicate_not_a_second_checkin(
    module_server_db: str, module_app_server: InProcessServer, tmp_path: Path
) -> None:
    """An answer lost after the server stored an entry leaves it 'waiting' here; re-issued
    under the new identity, the server recognises the same action and stores nothing more."""
    event = seed_on(module_app_server.storage(), tickets=6)
    codes = [t.code for t in event.tickets]
    with module_app_server.another() as server:
        original, copy = _copied_station(server, event, tmp_path)
        _scan(original, codes[:1])
        _sync(server, original)
        _scan(copy, codes[1:3])
        server.faults.pass_first = server.faults.requests + 1  # the pull after the push...
        server.faults.drop_after_processing = 0
        engine = server.engine(copy)
        try:
            engine.sync_once()  # copy #1 stranded, copy #2 stored
            station_db = engine.replica
            # the answer for #2 is lost: it still waits here though the server holds it
            with station_db._writing() as conn:  # fault injection: the lost answer
                conn.execute("UPDATE checkin_log SET pushed = 0 WHERE seq = 2")
        finally:
            engine.close()
        token = station_token(module_server_db, event.event_id, "Door 1 (copy)")
        provision_from_server(copy, server.url, token, transport=server.transport).replica.close()
        log = _server_log(module_server_db, event.event_id)
        assert sorted(t for _id, t in log) == sorted(t.ticket_id for t in event.tickets[:3])
        status = open_station(copy)
        try:
            assert status.replica.unpushed_count(status.station_id) == 0
            assert status.identity_clash() is None
        finally:
            status.replica.close()
