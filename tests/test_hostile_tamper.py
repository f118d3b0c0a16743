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
from kiosk.core.station import open_station
from kiosk.domain.log_entry import chain_key, entry_hash
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


_COLUMNS = [
    "id", "station_id", "seq", "hlc", "wall_ms", "event_id", "gate_id", "ticket_id", "action",
    "verdict", "offline", "method", "ref", "detail", "prev_hash", "hash", "pin_signature",
]  # fmt: skip


def _edit_and_rehash(data_dir: Path, edit_seq: int, key: bytes | None) -> None:
    """The attacker turns entry `edit_seq`'s words and computes the chain again after it:
    with plain SHA-256 (`key` None: all a person without the station's key can do), or with
    the station's chain key (someone who also derived it from the credential on the disk)."""
    station_id = _own_station_id(data_dir)
    with _raw(data_dir) as conn:
        rows = conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM checkin_log WHERE station_id = ? ORDER BY seq",
            (station_id,),
        ).fetchall()
        previous = rows[0][_COLUMNS.index("prev_hash")]
        for row in rows:
            fields = dict(zip(_COLUMNS, row, strict=True))
            fields["offline"] = bool(fields["offline"])
            if fields["seq"] == edit_seq:
                fields["detail"] = "edited by someone with the disk"
            fields["prev_hash"] = previous
            fields.pop("hash")
            new_hash = entry_hash(fields, key)
            conn.execute(
                "UPDATE checkin_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
                (fields["detail"], previous, new_hash, fields["id"]),
            )
            previous = new_hash


def _credential(data_dir: Path) -> str:
    with _raw(data_dir) as conn:
        return str(conn.execute("SELECT credential FROM station_identity").fetchone()[0])


def test_an_edited_entry_rehashed_without_the_key_is_caught_offline(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before the chain was keyed, re-hashing with plain SHA-256 made verify-log say "ok"."""
    data_dir, event = _synced_station(server, tmp_path, scans=10)
    station_id = _own_station_id(data_dir)
    _edit_and_rehash(data_dir, 4, key=None)
    code, words = _verify(data_dir, capsys)
    assert code == 1 and "rewritten without the station's key" in words, words
    code, words = _verify(data_dir, capsys, "--online")
    assert code == 1 and "differs from the server's copy" in words, words
    _sync(data_dir)
    anchors = {a["station_id"]: a for a in _report(server, event, capsys)["log_anchors"]}
    assert "differs" in anchors[station_id]["problem"]


def test_with_the_key_a_pushed_edit_is_still_caught_by_the_server_copy(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone holding the whole disk can derive the key from the credential and re-hash:
    the chain alone is then consistent (documented), but every entry the server holds is
    anchored there."""
    data_dir, event = _synced_station(server, tmp_path, scans=6)
    station_id = _own_station_id(data_dir)
    _edit_and_rehash(data_dir, 2, key=chain_key(_credential(data_dir)))
    code, words = _verify(data_dir, capsys)
    assert code == 0, words  # consistent again: the key was on the disk
    code, words = _verify(data_dir, capsys, "--online")
    assert code == 1 and "differs from the server's copy" in words, words
    _sync(data_dir)
    anchors = {a["station_id"]: a for a in _report(server, event, capsys)["log_anchors"]}
    assert "differs" in anchors[station_id]["problem"]


def test_an_old_plain_log_keeps_verifying_and_shows_where_keying_began(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A station provisioned before keyed chains (its entries plain, no mark) keeps its
    entries; its first sync with this server starts keying at the next entry; an unkeyed
    entry after that point is a rewrite, refused offline and by the server."""
    event = seed(server.db, tickets=6, name=f"old log {tmp_path.name}")
    station = provision(server.db, server.url, event.event_id, tmp_path / "st", "S")
    station.replica.close()
    data_dir = tmp_path / "st"
    with _raw(data_dir) as conn:  # what an older station's file looks like: no switch yet
        conn.execute("DELETE FROM sync_state WHERE key LIKE 'log_keyed_from:%'")
    station = open_station(data_dir)
    for ticket in event.tickets[:3]:
        station.scan(ticket.code)
    station.replica.close()
    _sync(data_dir)  # the server offers keyed chains: from #4 on
    station = open_station(data_dir)
    for ticket in event.tickets[3:5]:
        station.scan(ticket.code)
    entries = station.replica.station_entries(station.station_id)
    station.replica.close()
    assert [e.keyed for e in entries] == [False, False, False, True, True]
    code, words = _verify(data_dir, capsys)
    assert code == 0 and "plain SHA-256 up to #3, keyed (HMAC-SHA256) from #4" in words, words
    _sync(data_dir)
    code, words = _verify(data_dir, capsys, "--online")
    assert code == 0, words

    station = open_station(data_dir)
    station.scan(event.tickets[5].code)  # #6, keyed, not yet uploaded
    station.replica.close()
    _edit_and_rehash(data_dir, 6, key=None)  # rewritten as plain SHA-256
    code, words = _verify(data_dir, capsys)
    assert code == 1 and "though this log is keyed from #4" in words, words
    engine = SyncEngine.for_data_dir(data_dir)
    try:
        report = engine.sync_once()
    finally:
        engine.close()
    assert report.rejected == 1


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
