"""A full disk reaches the person in words, at the door and at the kiosk, and nothing is
shown as done that was not saved (issue 9 §5)."""

from __future__ import annotations

from typing import Any

from conftest import fill_station_disk
from PySide6.QtCore import Qt

from kiosk.core.station import Station
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.kiosk_flow import Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.settings_store import KioskSettings, Mode
from tests.ui_support import UiHarness
from tests.ui_support import ui_fixture as ui_fixture


def _main_gate(codes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in codes if c["ticket_type"] in ("General admission", "VIP", "Speaker")]


def test_a_full_disk_at_the_door_says_the_scan_was_not_recorded(
    provisioned_station: tuple[Station, list[dict[str, Any]]], qtbot: Any, ui: UiHarness
) -> None:
    station, codes = provisioned_station
    door = ui.window(DoorWindow(ui.services()))
    door.show()
    fill_station_disk(station)
    shown: list[object] = []
    door.outcome_shown.connect(shown.append)
    door.submit_code(_main_gate(codes)[0]["code"], "wedge")
    qtbot.waitUntil(lambda: "scan" in door.banner.messages(), timeout=10_000)
    words = door.banner.messages()["scan"]
    assert "not recorded" in words and "disk is full" in words
    assert shown == []  # no verdict card for a scan that was not saved


def test_a_full_disk_at_the_kiosk_sends_the_attendee_to_the_desk_in_words(
    provisioned_station: tuple[Station, list[dict[str, Any]]], qtbot: Any, ui: UiHarness
) -> None:
    station, codes = provisioned_station
    first, second = _main_gate(codes)[:2]
    kiosk = ui.window(KioskWindow(ui.services(settings=KioskSettings(mode=Mode.SELF))))
    kiosk.allow_close = True
    kiosk.show()
    fill_station_disk(station)
    kiosk.submit_code(first["code"], "camera")  # scanned at the kiosk
    qtbot.waitUntil(lambda: kiosk.step is Step.SEE_DESK, timeout=10_000)
    assert "cannot save check-ins" in kiosk.desk_reason.text()
    assert "not checked in" in kiosk.desk_reason.text()
    kiosk.reset()
    # Found by confirmation code, confirmed: the check-in cannot be saved either.
    qtbot.mouseClick(kiosk.find_button, Qt.MouseButton.LeftButton)
    kiosk.confirmation.setText(second["confirmation"])
    qtbot.mouseClick(kiosk.find_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.step is Step.CONFIRM, timeout=10_000)
    kiosk.confirm()
    qtbot.waitUntil(lambda: kiosk.step is Step.SEE_DESK, timeout=10_000)
    assert "cannot save check-ins" in kiosk.desk_reason.text()
