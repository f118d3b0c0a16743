"""Tamper evidence that covers the tail: what the hash chain alone cannot show (a deleted last
entry or last fifty, an edited entry with the chain computed again, reset upload flags), the
server's copy of each station's log shows, in `station verify-log --online` and in
`server report`."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import SeededEvent, ServerProcess, provision, seed

from kiosk.cli.main import main as doorline
from kiosk.domain.log_entry import entry_hash
from kiosk.station_store import DB_FILENAME
from sync.engine import SyncEngine

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(module_server_db: str) -> Iterator[ServerProcess]:
    db = module_server_db
    seed(db, tickets=3)
    proc = ServerProcess(db).start()
    yield proc
    proc.stop()


def _synced_station(server: ServerProcess, tmp_path: Path, scans: int) -> tuple[Path, SeededEvent]:
    event = seed(server.db, tickets=scans, name=f"tamper {tmp_path.name}")
    station = provision(server.db, server.url, event.event_id, tmp_path / "st", "S")
    for ticket in event.tickets:
        station.scan(ticket.code)
    station.replica.close()
    _sync(tmp_path / "st")
    return tmp_path / "st", event


def _sync(data_dir: Path) -> None:
    engine = SyncEngine.for_data_dir(data_dir)
    try:
        engine.sync_once()
    finally:
        engine.close()


@contextlib.contextmanager
def _raw(data_dir: Path) -> Iterator[sqlite3.Connection]:
    """The attacker's view: the station file opened directly, as anyone with the disk can."""
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _own_station_id(data_dir: Path) -> str:
    with _raw(data_dir) as conn:
        return str(conn.execute("SELECT station_id FROM station_identity").fetchone()[0])


def _verify(data_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = doorline(["station", "verify-log", "--data-dir", str(data_dir), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def _report(server: ServerProcess, event: SeededEvent, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    assert doorline(
        ["server", "report", "--db", str(server.db), "--event", str(event.event_id), "--json"]
    ) == 0  # fmt: skip
    return dict(json.loads(capsys.readouterr().out))


@pytest.mark.parametrize("deleted", [1, 50])
def test_a_deleted_tail_is_caught_by_the_server_copy(
    deleted: int, server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, event = _synced_station(server, tmp_path, scans=60)
    station_id = _own_station_id(data_dir)
    with _raw(data_dir) as conn:
        conn.execute(
            "DELETE FROM checkin_log WHERE station_id = ? AND seq > "
            "(SELECT max(seq) FROM checkin_log WHERE station_id = ?) - ?",
            (station_id, station_id, deleted),
        )
    code, words = _verify(data_dir, capsys)
    assert code == 0, words  # the chain alone cannot see a missing tail
    code, words = _verify(data_dir, capsys, "--online")
    assert code == 1 and f"{deleted} entries were deleted here" in words, words
    _sync(data_dir)  # the next round reports the station's head to the server
    anchors = {a["station_id"]: a for a in _report(server, event, capsys)["log_anchors"]}
    assert "deleted" in anchors[station_id]["problem"]


def test_an_edited_entry_with_the_chain_recomputed_is_caught(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, event = _synced_station(server, tmp_path, scans=10)
    station_id = _own_station_id(data_dir)
    columns = [
        "id", "station_id", "seq", "hlc", "wall_ms", "event_id", "gate_id", "ticket_id",
        "action", "verdict", "offline", "method", "ref", "detail", "prev_hash", "hash",
    ]  # fmt: skip
    with _raw(data_dir) as conn:
        rows = conn.execute(
            f"SELECT {', '.join(columns)} FROM checkin_log WHERE station_id = ? ORDER BY seq",
            (station_id,),
        ).fetchall()
        previous = rows[0][columns.index("prev_hash")]
        for index, row in enumerate(rows):  # turn an admission into a refusal, re-hash all
            fields = dict(zip(columns, row, strict=True))
            fields["offline"] = bool(fields["offline"])
            if index == 3:
                fields["detail"] = "edited by someone with the disk"
            fields["prev_hash"] = previous
            fields.pop("hash")
            new_hash = entry_hash(fields)
            conn.execute(
                "UPDATE checkin_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
                (fields["detail"], previous, new_hash, fields["id"]),
            )
            previous = new_hash
    code, words = _verify(data_dir, capsys)
    assert code == 0, words  # re-hashed: the chain is consistent again
    code, words = _verify(data_dir, capsys, "--online")
    assert code == 1 and "differs from the server's copy" in words, words
    _sync(data_dir)
    anchors = {a["station_id"]: a for a in _report(server, event, capsys)["log_anchors"]}
    assert "differs" in anchors[station_id]["problem"]


def test_reset_upload_flags_are_noted_and_resent_as_duplicates(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _event = _synced_station(server, tmp_path, scans=5)
    with _raw(data_dir) as conn:
        conn.execute("UPDATE checkin_log SET pushed = 0")
    code, words = _verify(data_dir, capsys, "--online")
    assert code == 0 and "marked as not uploaded" in words, words
    engine = SyncEngine.for_data_dir(data_dir)
    try:
        report = engine.sync_once()
    finally:
        engine.close()
    assert (report.accepted, report.duplicate) == (0, 5)


def test_an_untouched_station_verifies_online(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, event = _synced_station(server, tmp_path, scans=5)
    code, words = _verify(data_dir, capsys, "--online")
    assert code == 0, words
    _sync(data_dir)
    assert all(not a["problem"] for a in _report(server, event, capsys)["log_anchors"])
