"""Helpers for the UI tests: offscreen Qt, services around a provisioned station, videos, and
the `ui` fixture that tears a test's windows and services down in the safe order.

The order matters: windows close first (their close waits for their worker threads), then
services stop (print-queue lanes, sync), and only then does the station's database close (the
`provisioned_station` fixture). `ui` depends on `provisioned_station` and `qtbot`, so its
teardown runs before theirs, whatever order a test lists its fixtures in.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.station import Station
from kiosk.ui.languages import current_language, use_language
from kiosk.ui.print_port import BadgePrinting, NoPrinter, QueuePrinting
from kiosk.ui.settings_store import KioskSettings, SettingsStore
from kiosk.ui.sounds import SilentPlayer
from kiosk.ui.station_services import StationServices
from kiosk.ui.sync_port import LocalOnlySync, SyncService
from printing.print_queue import RetryPolicy
from printing.printer_spec import parse_printer_spec


def make_services(
    station: Station,
    tmp_path: Path,
    *,
    settings: KioskSettings | None = None,
    sync: SyncService | None = None,
    printing: BadgePrinting | None = None,
) -> StationServices:
    return StationServices(
        station=station,
        settings=settings or KioskSettings(verdict_hold_s=30.0),
        store=SettingsStore(tmp_path / "config" / "settings.json"),
        sync=sync or LocalOnlySync(station),
        printing=printing or NoPrinter(),
        sounds=SilentPlayer(),
    )


def queue_printing(
    station: Station, spec: str, *, first_retry_s: float = 2.0, attempts: int = 5
) -> QueuePrinting:
    """The real persistent print queue on the station's database, for one printer spec."""
    policy = RetryPolicy(max_attempts=attempts, first_delay_ms=int(first_retry_s * 1000))
    return QueuePrinting(station, parse_printer_spec(spec), policy=policy)


class UiHarness:
    """Builds services and windows for one test and closes them in the safe order."""

    def __init__(self, station: Station, tmp_path: Path, qtbot: Any) -> None:
        self.station = station
        self.tmp_path = tmp_path
        self.qtbot = qtbot
        self._windows: list[QWidget] = []
        self._services: list[StationServices] = []

    def services(
        self,
        *,
        settings: KioskSettings | None = None,
        sync: SyncService | None = None,
        printer: str | None = None,
        first_retry_s: float = 2.0,
    ) -> StationServices:
        """Services for the station; `printer` (a spec) goes through the real print queue."""
        settings = settings or KioskSettings(verdict_hold_s=30.0)
        printing: BadgePrinting | None = None
        if printer:
            printing = queue_printing(self.station, printer, first_retry_s=first_retry_s)
        services = make_services(
            self.station, self.tmp_path, settings=settings, sync=sync, printing=printing
        )
        self._services.append(services)
        return services

    def window(self, widget: QWidget) -> Any:
        self.qtbot.addWidget(widget)
        self._windows.append(widget)
        return widget

    def stop(self, services: StationServices) -> None:
        """Stop one set of services now (a station restart in the middle of a test)."""
        for widget in list(self._windows):
            if getattr(widget, "services", None) is services:
                self.close_window(widget)
        services.stop()
        if services in self._services:
            self._services.remove(services)

    def close_window(self, widget: QWidget) -> None:
        if hasattr(widget, "allow_close"):
            widget.allow_close = True
        widget.close()
        poll = getattr(widget, "_poll", None)
        if poll is not None:
            poll.stop()
        found = (getattr(widget, name, None) for name in ("runner", "scans", "io"))
        runners = [runner for runner in found if runner is not None]
        for _ in range(5):  # workers finish before services stop
            for runner in runners:
                runner.wait(20_000)
            # A finished task's result is a queued call to the window: delivered now, while
            # the station is open, not by pytest-qt's last processEvents after the database
            # closed (seen once: an operator window's refresh reading a closed station).
            QApplication.processEvents()
            if not any(getattr(runner, "busy", False) for runner in runners):
                break  # no callback started more work
        if widget in self._windows:
            self._windows.remove(widget)

    def close(self) -> None:
        for widget in reversed(list(self._windows)):
            self.close_window(widget)
        for services in self._services:
            services.stop()
        self._services.clear()
        if current_language() not in (None, "en"):
            use_language("en")  # a kiosk switched languages: the next test starts in English


@pytest.fixture(name="ui")
def ui_fixture(provisioned_station: Any, qtbot: Any, tmp_path: Path) -> Iterator[UiHarness]:
    harness = UiHarness(provisioned_station[0], tmp_path, qtbot)
    yield harness
    harness.close()


def small_ticket_video(path: Path, codes: list[str]) -> Path:
    """A short, small video of `codes` held up in turn (the demo's camera, scaled down)."""
    from kiosk.scanning.frame_generator import ticket_video

    ticket_video(path, codes, size=(640, 360), hold_frames=6, gap_frames=3, fps=15.0)
    return path
