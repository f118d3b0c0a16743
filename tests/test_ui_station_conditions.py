"""What a running kiosk tells each sync round's heartbeat (issue 15 §3): its mode, its
printer (none, ready or failing, and badges waiting) and its camera, handed to the sync engine
by the window; the engine never imports the UI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.domain.heartbeat import DeviceState, StationConditions
from kiosk.ui.print_port import NoPrinter
from kiosk.ui.settings_store import KioskSettings, Mode
from kiosk.ui.station_conditions import ShellConditions
from tests.ui_support import make_services, queue_printing


def test_a_station_without_printer_or_camera_says_so(
    provisioned_station: tuple[Any, Any], tmp_path: Path
) -> None:
    station, _tickets = provisioned_station
    services = make_services(station, tmp_path, settings=KioskSettings(mode=Mode.SELF))
    conditions = ShellConditions(services, has_camera=False)
    assert conditions() == StationConditions("self", DeviceState.NONE, None, DeviceState.NONE)


def test_the_camera_state_follows_the_feed_and_a_bad_printer_setting_is_failed(
    provisioned_station: tuple[Any, Any], tmp_path: Path
) -> None:
    station, _tickets = provisioned_station
    broken = NoPrinter("the printer setting cannot be read", configured=True)
    services = make_services(station, tmp_path, printing=broken)
    conditions = ShellConditions(services, has_camera=True)
    assert conditions().camera is DeviceState.UNKNOWN
    conditions.camera_state("running")
    assert conditions().camera is DeviceState.READY
    conditions.camera_state("reconnecting")
    assert conditions().camera is DeviceState.BUSY
    conditions.camera_state("failed")
    now = conditions()
    assert now.camera is DeviceState.FAILED
    assert now.mode == "door" and now.printer is DeviceState.FAILED


def test_a_real_print_queue_reports_ready_and_badges_waiting(
    provisioned_station: tuple[Any, Any], tmp_path: Path
) -> None:
    station, _tickets = provisioned_station
    printing = queue_printing(station, f"pdf:{tmp_path / 'badges'}")
    try:
        services = make_services(station, tmp_path, printing=printing)
        now = ShellConditions(services, has_camera=False)()
    finally:
        printing.stop()
    assert now.printer is DeviceState.READY and now.badges_waiting == 0
