"""Helpers for the UI tests: offscreen Qt, services around a provisioned station, videos."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.core.station import Station
from kiosk.ui.print_port import BadgePrinting, NoPrinter
from kiosk.ui.settings_store import KioskSettings, SettingsStore
from kiosk.ui.sounds import SilentPlayer
from kiosk.ui.station_services import StationServices
from kiosk.ui.sync_port import LocalOnlySync, SyncService


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


def small_ticket_video(path: Path, codes: list[str]) -> Path:
    """A short, small video of `codes` held up in turn (the demo's camera, scaled down)."""
    from benchmarks.frame_generator import ticket_video

    ticket_video(path, codes, size=(640, 360), hold_frames=6, gap_frames=3, fps=15.0)
    return path
