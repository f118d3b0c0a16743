"""The door with a damaged station database: a banner in words, and no one admitted."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from kiosk.core.station import Station
from kiosk.station_store import StationStore
from kiosk.ui.door_window import DoorWindow
from tests.ui_support import UiHarness

PAGE = 4096


def _zero_the_last_log_page(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [
            p
            for (p,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'checkin_log' AND pagetype = 'leaf'"
            )
        ]
    data = bytearray(path.read_bytes())
    page = max(pages)
    data[(page - 1) * PAGE : page * PAGE] = bytes(PAGE)
    path.write_bytes(bytes(data))


def test_the_door_shows_a_banner_and_admits_no_one_on_a_damaged_database(
    provisioned_station: Any, qtbot: Any, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    for row in codes[:40]:
        station.scan(row["code"])
    path = station.replica.path
    station.replica.close()
    _zero_the_last_log_page(path)
    damaged = Station(StationStore(path))  # opened without the check the door runs at start
    ui = UiHarness(damaged, tmp_path, qtbot)
    try:
        door = ui.window(DoorWindow(ui.services()))
        door.show()
        fresh = next(r for r in codes[40:] if r["ticket_type"] in ("General admission", "VIP"))
        door.submit_code(fresh["code"], "wedge")
        qtbot.waitUntil(lambda: "scan" in door.banner.messages(), timeout=10_000)
        words = " ".join(door.banner.messages().values())
        assert "the station's database is damaged" in words
        assert door.pages.currentWidget() is not door.card  # no verdict shown
    finally:
        ui.close()
        damaged.replica.close()
