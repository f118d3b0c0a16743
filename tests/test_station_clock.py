"""Rules that read the calendar use each scan's wall time, and a station whose clock is wrong
learns the server's time at sync, says so, and stamps true times from then on (issue 9 §4).

The server is real (uvicorn on 127.0.0.1, its Date header is the server's clock); the
stations' clocks are injected: "real now" plus how far the test moved the calendar on, plus
the skew of a wrong laptop clock.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sync_support import ServerProcess, seed

from kiosk.core.station import Station
from kiosk.domain.gate_rules import EntryMode, GateRules
from kiosk.domain.verdicts import Verdict
from kiosk.station_store import ClockOffset
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.readiness import clock_sane
from sync.engine import SyncEngine
from tests.ui_support import UiHarness
from tests.ui_support import ui_fixture as ui_fixture

DAY_MS = 86_400_000
MINUTE_MS = 60_000


class Calendar:
    """The real time, moved on by the test (a whole day at a time)."""

    def __init__(self) -> None:
        self.moved_ms = 0

    def real_ms(self) -> int:
        return int(time.time() * 1000) + self.moved_ms


@pytest.fixture
def server(tmp_path: Path) -> Any:
    db = tmp_path / "server.sqlite3"
    event = seed(db, tickets=12)
    process = ServerProcess(db).start()
    yield process, event
    process.stop()


def _noon_now() -> str:
    """A fixed-offset zone where it is around noon now: "the same day" cannot straddle a
    midnight while the test runs."""
    hours = (12 - time.gmtime().tm_hour + 12) % 24 - 12  # local = UTC + hours, -12..11
    return f"Etc/GMT{-hours:+d}"  # the Etc zones' signs are inverted (POSIX)


def _station(server: Any, event: Any, tmp_path: Path, name: str, clock: Any) -> Station:
    provisioned = server.provision(event.event_id, tmp_path / name, name, gate="main")
    daily = GateRules("main", "Main", entry_mode=EntryMode.DAILY, timezone=_noon_now())
    station = Station(provisioned.replica, clock, daily)
    return station


def test_a_station_days_ahead_measures_its_offset_at_sync_and_stamps_true_times(
    server: Any, tmp_path: Path
) -> None:
    process, event = server
    calendar = Calendar()
    skewed = _station(process, event, tmp_path, "skewed", lambda: calendar.real_ms() + 2 * DAY_MS)
    engine = SyncEngine.for_data_dir(tmp_path / "skewed", wall=skewed._raw_wall)
    try:
        engine.sync_once()
        offset = engine.status().clock_offset_ms
    finally:
        engine.close()
    assert offset is not None and abs(offset - 2 * DAY_MS) < 5_000
    outcome = skewed.scan(event.tickets[0].code)
    (entry,) = skewed.replica.station_entries(skewed.station_id)
    assert outcome.entry_id == entry.id
    assert abs(entry.wall_ms - calendar.real_ms()) < 5_000  # stamped with the server's time
    check = clock_sane(calendar.real_ms(), skewed.replica.clock_offset())
    assert not check.ok and "2 days" in check.words and "ahead" in check.words
    skewed.replica.close()


def test_day_passes_follow_the_real_calendar_whatever_a_skewed_station_did(
    server: Any, tmp_path: Path
) -> None:
    """The issue's case: a station two days ahead scans once before its first sync (that entry
    keeps its wrong time and pushes every HLC ahead), syncs, admits a day pass; a correct
    station pulls it. The pass is not admitted twice on one real day, and is admitted again
    on each of the next real days."""
    process, event = server
    calendar = Calendar()
    skewed = _station(process, event, tmp_path, "skewed", lambda: calendar.real_ms() + 2 * DAY_MS)
    right = _station(process, event, tmp_path, "right", calendar.real_ms)
    early, ticket = event.tickets[0].code, event.tickets[1].code
    assert skewed.scan(early).verdict is Verdict.ADMITTED  # before any sync: two days ahead
    for name, station in (("skewed", skewed), ("right", right)):
        engine = SyncEngine.for_data_dir(tmp_path / name, wall=station._raw_wall)
        try:
            engine.sync_once()
        finally:
            engine.close()
    assert skewed.scan(ticket).verdict is Verdict.ADMITTED  # now stamped with true time
    engine = SyncEngine.for_data_dir(tmp_path / "skewed", wall=skewed._raw_wall)
    try:
        engine.sync_once()
    finally:
        engine.close()
    engine = SyncEngine.for_data_dir(tmp_path / "right", wall=right._raw_wall)
    try:
        engine.sync_once()
    finally:
        engine.close()
    again = right.scan(ticket)
    assert again.verdict is Verdict.ALREADY_CHECKED_IN, again.detail
    calendar.moved_ms = DAY_MS
    assert right.scan(ticket).verdict is Verdict.ADMITTED
    calendar.moved_ms = 2 * DAY_MS
    assert right.scan(ticket).verdict is Verdict.ADMITTED
    skewed.replica.close()
    right.replica.close()


def test_the_clock_check_passes_within_two_minutes_and_says_how_far_off_otherwise() -> None:
    now = int(time.time() * 1000)
    assert clock_sane(now, None).ok
    assert clock_sane(now, ClockOffset(90_000, now)).ok
    behind = clock_sane(now, ClockOffset(-5 * MINUTE_MS, now))
    assert not behind.ok and "5 min behind" in behind.words


def test_the_door_warns_while_the_last_sync_found_the_clock_more_than_two_minutes_off(
    provisioned_station: tuple[Station, list[dict[str, Any]]], qtbot: Any, ui: UiHarness
) -> None:
    station, _codes = provisioned_station
    now = int(time.time() * 1000)
    station.replica.record_clock_offset(ClockOffset(2 * DAY_MS + 3 * 3_600_000, now))
    door = ui.window(DoorWindow(ui.services()))
    door.show()
    with qtbot.waitSignal(door.status_polled, timeout=5000):
        door.poll_status()
    words = door.banner.messages()["clock"]
    assert "2 days 3 h ahead" in words and "server" in words
    station.replica.record_clock_offset(ClockOffset(40_000, now))  # set right, synced again
    with qtbot.waitSignal(door.status_polled, timeout=5000):
        door.poll_status()
    assert "clock" not in door.banner.messages()


def test_station_status_says_how_far_the_clock_was_off(
    provisioned_station: tuple[Station, list[dict[str, Any]]], capsys: Any
) -> None:
    from kiosk.cli.main import main

    station, _codes = provisioned_station
    now = int(time.time() * 1000)
    station.replica.record_clock_offset(ClockOffset(-7 * MINUTE_MS, now))
    data_dir = str(station.replica.path.parent)
    assert main(["station", "status", "--data-dir", data_dir]) == 0
    assert "clock: This laptop's clock is 7 min behind" in capsys.readouterr().out
    assert main(["station", "status", "--data-dir", data_dir, "--json"]) == 0
    assert '"clock_offset_ms": -420000' in capsys.readouterr().out
