"""A station-made override or conflict acknowledgement reaches the server's log only when an
operator unlocked the station with the event's operator PIN: the station signs it with a key
derived from the PIN (held in memory while unlocked), and the server, which knows the PIN,
checks the signature entry by entry. Everything else is refused with words the station keeps
and shows: "refused by the server: not unlocked by PIN". Before, the server took any station's
override or acknowledgement (a stolen kiosk could acknowledge every conflict)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import InProcessServer, SeededEvent, in_process_server, seed

from kiosk.cli.main import main as doorline
from kiosk.core.station import Station, open_station
from kiosk.domain.pin_signature import unlock
from kiosk.station_store import DB_FILENAME
from server_stub.storage import open_storage

NOT_UNLOCKED = "refused by the server: not unlocked by PIN"


def _sync(server: InProcessServer, data_dir: Path) -> None:
    engine = server.engine(data_dir)
    try:
        engine.sync_once()
    finally:
        engine.close()


def _server_has(db: str, event_id: int, entry_id: str) -> bool:
    storage = open_storage(db)
    try:
        return any(e.id == entry_id for e in storage.reports.log_entries(event_id))
    finally:
        storage.close()


@pytest.fixture(scope="module")
def server(module_server_db: str) -> Iterator[InProcessServer]:
    """The server (the real app in process) of the module's tests, each on an event of its own."""
    with in_process_server(module_server_db) as server:
        yield server


def _setup(server: InProcessServer, tmp_path: Path) -> tuple[SeededEvent, Path]:
    event = seed(server.db, tickets=4)  # a seeded event's operator PIN is 1234
    data_dir = tmp_path / "door"
    server.provision(event.event_id, data_dir, "Door 1").replica.close()
    return event, data_dir


def _override(data_dir: Path, event: SeededEvent, pin: str | None) -> tuple[str, bool]:
    station = open_station(data_dir)
    try:
        unlocked = station.unlock_operator(pin) if pin is not None else False
        outcome = station.override(event.tickets[0].ticket_id, "lost wristband, ID checked")
        return outcome.entry_id, unlocked
    finally:
        station.replica.close()


def _refusal(data_dir: Path, entry_id: str) -> str | None:
    station = open_station(data_dir)
    try:
        assert station.replica.own_entry(station.station_id, entry_id) is not None  # kept
        return station.replica.refusal(entry_id)
    finally:
        station.replica.close()


def test_unlocked_with_the_right_pin_the_override_is_stored(
    server: InProcessServer, tmp_path: Path
) -> None:
    event, data_dir = _setup(server, tmp_path)
    entry_id, unlocked = _override(data_dir, event, "1234")
    assert unlocked
    _sync(server, data_dir)
    assert _server_has(server.db, event.event_id, entry_id)
    assert _refusal(data_dir, entry_id) is None


@pytest.mark.parametrize(
    ("pin", "because"),
    [
        (None, "the station was not unlocked with the operator PIN"),  # locked
        ("9999", "the station was not unlocked with the operator PIN"),  # wrong PIN
    ],
)
def test_locked_or_a_wrong_pin_is_refused_kept_and_said(
    pin: str | None,
    because: str,
    server: InProcessServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    event, data_dir = _setup(server, tmp_path)
    entry_id, unlocked = _override(data_dir, event, pin)
    assert not unlocked
    _sync(server, data_dir)
    assert not _server_has(server.db, event.event_id, entry_id)
    refusal = _refusal(data_dir, entry_id)
    assert refusal is not None and refusal.startswith(NOT_UNLOCKED) and because in refusal
    assert doorline(["station", "status", "--data-dir", str(data_dir)]) == 0
    assert f"refused by the server: {NOT_UNLOCKED}" in capsys.readouterr().out
    _sync(server, data_dir)  # not resent in a loop, not lost
    assert _refusal(data_dir, entry_id) == refusal


def test_a_forged_signature_is_refused(server: InProcessServer, tmp_path: Path) -> None:
    """Someone with the station's disk has the PIN's verifier, not its signing key: a key
    derived from what is on the disk (or any other) makes a signature the server refuses."""
    event, data_dir = _setup(server, tmp_path)
    station = open_station(data_dir)
    try:
        verifier = station.pin_verifier()
        assert verifier is not None
        station._pin_key = (verifier.version, verifier.check)  # a key from the disk
        forged = station.override(event.tickets[1].ticket_id, "forged").entry_id
        station._pin_key = (verifier.version, os.urandom(32))
        invented = station.acknowledge_conflict("c0ffee", "invented").entry_id
    finally:
        station.replica.close()
    _sync(server, data_dir)
    for entry_id in (forged, invented):
        assert not _server_has(server.db, event.event_id, entry_id)
        refusal = _refusal(data_dir, entry_id) or ""
        assert refusal.startswith(NOT_UNLOCKED) and "does not match" in refusal


def test_a_pin_changed_on_the_server_refuses_the_old_pins_signature(
    server: InProcessServer, tmp_path: Path
) -> None:
    event, data_dir = _setup(server, tmp_path)
    storage = open_storage(server.db)
    try:
        storage.pins.set_pin(event.event_id, "864209")  # the operators change the PIN
    finally:
        storage.close()
    entry_id, unlocked = _override(data_dir, event, "1234")  # the station's old verifier
    assert unlocked
    _sync(server, data_dir)
    refusal = _refusal(data_dir, entry_id) or ""
    assert refusal.startswith(NOT_UNLOCKED) and "since been changed" in refusal
    # The sync brought the new verifier: the old PIN no longer unlocks, the new one does.
    entry_id, unlocked = _override(data_dir, event, "1234")
    assert not unlocked
    entry_id, unlocked = _override(data_dir, event, "864209")
    assert unlocked
    _sync(server, data_dir)
    assert _server_has(server.db, event.event_id, entry_id)


def test_an_event_without_a_pin_on_the_server_refuses_station_overrides_in_words(
    server: InProcessServer, tmp_path: Path
) -> None:
    event = seed(server.db, tickets=4)
    storage = open_storage(server.db)
    try:
        with storage.db.transaction() as tx:  # an event set up before PINs reached the server
            tx.execute("DELETE FROM event_pins WHERE event_id = ?", (event.event_id,))
    finally:
        storage.close()
    data_dir = tmp_path / "door"
    server.provision(event.event_id, data_dir, "Door 1").replica.close()
    entry_id, unlocked = _override(data_dir, event, "1234")
    assert not unlocked  # nothing to check the PIN against: it cannot sign
    _sync(server, data_dir)
    refusal = _refusal(data_dir, entry_id) or ""
    assert refusal.startswith(NOT_UNLOCKED) and "doorline server pin" in refusal


def test_an_older_station_without_signatures_still_uploads_scans(
    server: InProcessServer, tmp_path: Path
) -> None:
    """An older station sends entries without the `pin_signature` field at all: its scans are
    stored as before, its override is refused with words."""
    event, data_dir = _setup(server, tmp_path)
    station = open_station(data_dir)
    try:
        scan = station.scan(event.tickets[2].code).entry_id
        override = station.override(event.tickets[3].ticket_id, "old station").entry_id
        entries = station.replica.station_entries(station.station_id)
        credential = station.identity.credential
    finally:
        station.replica.close()
    old_wire = []
    for entry in entries:
        data = entry.to_json()
        assert data.pop("pin_signature") is None
        old_wire.append(data)
    with server.client(credential) as client:
        answer = client.push(event.event_id, old_wire)
    status = {a["id"]: (a["status"], a.get("reason", "")) for a in answer["acks"]}
    assert status[scan][0] == "accepted"
    assert status[override][0] == "rejected" and status[override][1].startswith(NOT_UNLOCKED)


def test_a_bundle_station_checks_the_pin_and_its_signed_acknowledgement_comes_home(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "server.sqlite3")
    event = seed(db, tickets=4)
    bundle, log_file = tmp_path / "event.bundle", tmp_path / "door-log.json"
    assert (
        doorline(
            ["server", "export", "--db", db, "--event", str(event.event_id), "--out", str(bundle)]
        )
        == 0
    )
    assert (
        doorline(["station", "init", "--data-dir", str(tmp_path / "st"), "--bundle", str(bundle)])
        == 0
    )
    station = open_station(tmp_path / "st")
    try:
        assert not station.unlock_operator("0000")
        wrong_pin = station.acknowledge_conflict("c1", "checked").entry_id
        assert station.unlock_operator("1234")
        signed = station.acknowledge_conflict("c2", "checked").entry_id
        station.lock_operator()
        unsigned = station.acknowledge_conflict("c3", "after locking").entry_id
    finally:
        station.replica.close()
    assert (
        doorline(
            ["station", "export-log", "--data-dir", str(tmp_path / "st"), "--out", str(log_file)]
        )
        == 0
    )
    capsys.readouterr()
    doorline(["server", "import-log", "--db", db, str(log_file), "--json"])
    result = json.loads(capsys.readouterr().out)
    refused = {r["id"] if isinstance(r, dict) else r[0] for r in result["rejected"]}
    assert signed not in refused and {unsigned, wrong_pin} <= refused
    assert _server_has(db, event.event_id, signed)


def test_the_pin_key_is_never_written_to_the_station_disk(
    server: InProcessServer, tmp_path: Path
) -> None:
    event, data_dir = _setup(server, tmp_path)
    station: Station = open_station(data_dir)
    try:
        verifier = station.pin_verifier()
        assert verifier is not None and station.unlock_operator("1234")
        key = unlock("1234", verifier)
        assert key is not None
        station.override(event.tickets[0].ticket_id, "checked")
        station.replica.checkpoint()
    finally:
        station.replica.close()
    for path in data_dir.iterdir():
        assert key not in path.read_bytes() and key.hex().encode() not in path.read_bytes()
    assert (data_dir / DB_FILENAME).exists()


def test_server_pin_reads_the_pin_from_stdin_never_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    db = str(tmp_path / "server.sqlite3")
    event = seed(db, tickets=2)
    command = ["server", "pin", "--db", db, "--event", str(event.event_id)]
    for bad, words in (("12\n", "4 to 32 digits"), ("12ab56\n", "digits only"), ("", "no PIN")):
        monkeypatch.setattr("sys.stdin", io.StringIO(bad))
        assert doorline(command) == 2
        assert words in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("7305182\n"))
    assert doorline(command) == 0
    assert "operator PIN set" in capsys.readouterr().out
    storage = open_storage(db)
    try:
        verifier = storage.pins.verifier(event.event_id)
        assert verifier is not None and unlock("7305182", verifier) is not None
        recorded = [a for a in storage.operators.actions(event.event_id) if a.action == "pin"]
        assert recorded and "7305182" not in recorded[-1].detail
    finally:
        storage.close()
