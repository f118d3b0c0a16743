"""Starting the kiosk application: settings, station, services, camera, the shell window.

`run_kiosk` is what `doorline kiosk` and `doorline demo` call. The mode, camera and printer
given on the command line are saved, so a restarted station comes back as it was.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.station import open_station
from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.settings_store import KioskSettings, Mode, SettingsStore
from kiosk.ui.station_services import build_services
from kiosk.ui.station_shell import StationShell

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LaunchOptions:
    data_dir: Path
    mode: Mode | None = None
    camera: str | None = None
    printer: str | None = None
    config: Path | None = None
    quit_after_s: float | None = None
    loop_camera: bool = False
    fullscreen: bool | None = None  # None: full screen in self-check-in mode
    verdict_hold_s: float | None = None


def effective_settings(stored: KioskSettings, options: LaunchOptions) -> KioskSettings:
    changes: dict[str, object] = {"data_dir": str(options.data_dir)}
    if options.mode is not None:
        changes["mode"] = options.mode
    if options.camera is not None:
        changes["camera"] = options.camera
    if options.printer is not None:
        changes["printer"] = options.printer
    if options.verdict_hold_s is not None:
        changes["verdict_hold_s"] = options.verdict_hold_s
    return replace(stored, **changes)


def run_kiosk(options: LaunchOptions) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Doorline")
    store = SettingsStore(options.config)
    settings = effective_settings(store.load(), options)
    store.save(settings)
    station = open_station(options.data_dir)
    services = build_services(station, store, settings)
    feed = CameraFeed(settings.camera, settings.decoder, realtime=True, loop=options.loop_camera)
    shell = StationShell(services, feed)
    shell.install(app)
    shell.resize(1280, 800)
    fullscreen = options.fullscreen
    if fullscreen is None:
        fullscreen = settings.mode is Mode.SELF
    shell.showFullScreen() if fullscreen else shell.show()
    feed.start()
    if options.quit_after_s is not None:
        QTimer.singleShot(int(options.quit_after_s * 1000), shell.quit)
    try:
        return int(app.exec())
    finally:
        shell.shutdown()
