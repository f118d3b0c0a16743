"""The station store's own promises: an older station file is upgraded without losing a log
entry, the door's counters are answered from indexes, and a printed badge is logged once per
print job however often it is recorded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.domain.log_entry import GENESIS_HASH, seal
from kiosk.domain.merge import TicketStatus
from kiosk.domain.verdicts import Action, Direction, Verdict
from kiosk.station_store import ReplicaError, StationStore
from kiosk.station_store.checkin_log import DOOR_COUNTS, INSIDE_NOW
from kiosk.station_store.schema import MIGRATIONS


def _entry_of_schema_1(seq: int) -> tuple[object, ...]:
    entry = seal(
        {
            "id": f"old-{seq}", "station_id": "door", "seq": seq, "hlc": seq << 16,
            "wall_ms": 1_700_000_000_000, "event_id": 1, "gate_id": "main", "ticket_id": seq,
            "action": "entry", "verdict": "admitted", "offline": False, "method": "scan",
            "ref": None, "detail": "", "prev_hash": GENESIS_HASH,
        }
    )  # fmt: skip
    return tuple(v for k, v in entry.to_json().items() if k != "pin_signature")  # not in schema 1


def test_a_station_file_of_schema_1_is_upgraded_and_keeps_every_entry(tmp_path: Path) -> None:
    path = tmp_path / "station.sqlite3"
    old = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        old.execute(statement)
    old.execute("PRAGMA user_version=1")
    rows = [_entry_of_schema_1(seq) for seq in (1, 2, 3)]
    old.executemany(f"INSERT INTO checkin_log VALUES ({', '.join('?' * 16)}, 0)", rows)
    old.commit()
    old.close()

    store = StationStore(path)
    try:
        assert store.schema_version == len(MIGRATIONS)
        assert [e.id for e in store.station_entries("door")] == ["old-1", "old-2", "old-3"]
        assert store.unpushed_count("door") == 3
        assert store.inside_count() == 3
    finally:
        store.close()


def test_a_station_file_from_a_newer_doorline_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "station.sqlite3"
    StationStore(path).close()
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    newer.close()
    with pytest.raises(ReplicaError, match="newer Doorline"):
        StationStore(path)


def test_the_doors_counters_are_answered_from_indexes(provisioned_station) -> None:  # type: ignore[no-untyped-def]
    station, _codes = provisioned_station
    look = sqlite3.connect(station.replica.path)
    try:
        inside = " ".join(r[3] for r in look.execute(f"EXPLAIN QUERY PLAN {INSIDE_NOW}"))
        today = " ".join(
            r[3] for r in look.execute(f"EXPLAIN QUERY PLAN {DOOR_COUNTS}", ("s", 0, 1))
        )
    finally:
        look.close()
    assert "idx_log_standing" in inside and "idx_log_undo" in inside
    assert "SCAN checkin_log" not in inside.replace("USING COVERING INDEX", "")
    assert "idx_log_station_wall" in today


def test_inside_now_agrees_with_folding_each_ticket(provisioned_station) -> None:  # type: ignore[no-untyped-def]
    station, codes = provisioned_station
    general = [c for c in codes if c["ticket_type"] != "Day pass"][:6]
    for row in general:
        station.scan(row["code"])
    station.scan(general[0]["code"], Direction.EXIT)
    undone = station.scan(general[1]["code"], Direction.EXIT)
    station.undo(undone.entry_id)
    station.undo(station.scan(general[2]["code"], Direction.EXIT).entry_id)
    folded = sum(
        station.replica.ticket_state(row["ticket_id"]).status is TicketStatus.INSIDE
        for row in general
    )
    assert station.counters().inside == folded == 5


def test_a_badge_recorded_again_for_the_same_print_job_is_logged_once(provisioned_station) -> None:  # type: ignore[no-untyped-def]
    station, codes = provisioned_station
    ticket = codes[0]["ticket_id"]
    first = station.record_badge_printed(ticket, reprint=False, job_id="job-1")
    again = station.record_badge_printed(ticket, reprint=False, job_id="job-1")
    other = station.record_badge_printed(ticket, reprint=True, job_id="job-2")
    assert first == again != other
    badges = [
        e
        for e in station.replica.station_entries(station.station_id)
        if e.action in (Action.BADGE_PRINTED, Action.BADGE_REPRINTED)
    ]
    assert [e.id for e in badges] == [first, other]
    assert badges[0].verdict is None and station.badge_printed(ticket)
    assert station.verify_chain().ok


def test_a_scan_is_committed_before_its_verdict_is_returned(provisioned_station) -> None:  # type: ignore[no-untyped-def]
    station, codes = provisioned_station
    outcome = station.scan(codes[0]["code"])
    assert outcome.verdict is Verdict.ADMITTED
    other = sqlite3.connect(station.replica.path)  # another process's view of the file
    try:
        held = other.execute("SELECT id FROM checkin_log WHERE id = ?", (outcome.entry_id,))
        assert held.fetchone() == (outcome.entry_id,)
    finally:
        other.close()


def test_a_snapshot_that_breaks_halfway_leaves_nothing_behind(tmp_path: Path) -> None:
    """One transaction for the whole snapshot, the event row (written through sqlite-utils,
    nested as a savepoint) included: a damaged snapshot stores nothing at all."""
    store = StationStore(tmp_path / "station.sqlite3")
    try:
        broken = {
            "format": 1,
            "event": {"id": 9, "name": "Half a bundle", "timezone": "UTC"},
            "ticket_types": [{"id": 0, "name": "General"}],
            "gates": [],
            "keys": [],
            # no "contact_key": the snapshot is cut off here
            "tickets": [],
        }
        with pytest.raises(KeyError):
            store.apply_snapshot(broken)
        assert store.event_name() == ""
        assert store.counts().ticket_types == 0
        store.upsert_event({"id": 9, "name": "Whole", "timezone": "UTC"})
        assert store.event_name() == "Whole"
    finally:
        store.close()
