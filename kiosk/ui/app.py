"""Starting the kiosk application: settings, station, services, camera, the shell window.

`run_kiosk` is what `doorline kiosk` and `doorline demo` call. The mode, camera and printer
given on the command line are saved, so a restarted station comes back as it was. A data
folder without a station opens the set-up screen (token or bundle, behind the PIN) instead of
failing; once provisioned, the door or kiosk screen opens in its place.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.station import Station, StationNotProvisioned, open_station
from kiosk.station_store import ReplicaError
from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.languages import translate, use_language
from kiosk.ui.print_port import JobView, QueuePrinting
from kiosk.ui.screen_fit import fit_on_screen, show_full_screen
from kiosk.ui.settings_store import KioskSettings, Mode, SettingsStore
from kiosk.ui.setup_window import SetupWindow
from kiosk.ui.station_services import StationServices, build_services
from kiosk.ui.station_shell import StationShell
from printing.print_queue import JobState

log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(1280, 800)  # a window (--windowed, demo, set-up), if the screen has room


@dataclass(frozen=True)
class LaunchOptions:
    data_dir: Path
    mode: Mode | None = None
    camera: str | None = None
    printer: str | None = None
    config: Path | None = None
    quit_after_s: float | None = None
    loop_camera: bool = False
    fullscreen: bool | None = None  # None or True: full screen (door and kiosk); False: a window
    verdict_hold_s: float | None = None
    quit_after_badges: int | None = None  # quit once this many badges have printed


def effective_settings(stored: KioskSettings, options: LaunchOptions) -> KioskSettings:
    settings = replace(stored, data_dir=str(options.data_dir))
    if options.mode is not None:
        settings = replace(settings, mode=options.mode)
    if options.camera is not None:
        settings = replace(settings, camera=options.camera)
    if options.printer is not None:
        settings = replace(settings, printer=options.printer)
    if options.verdict_hold_s is not None:
        settings = replace(settings, verdict_hold_s=options.verdict_hold_s)
    return settings


class BadgeCounter(QObject):
    """Counts the badges the print queue finishes and says when `target` of them are done.

    The queue reports from its own threads; `_job_changed` re-emits on the thread this object
    lives on (a queued signal), so `reached` always fires on the UI thread."""

    reached = Signal()
    _changed = Signal(str, str)  # job id, state

    def __init__(self, printing: QueuePrinting, target: int) -> None:
        super().__init__()
        self.target = target
        self.done: set[str] = set()
        self._changed.connect(self._count)
        printing.watch(self._job_changed)

    def _job_changed(self, job: JobView) -> None:
        self._changed.emit(job.job_id, str(job.state))

    @Slot(str, str)
    def _count(self, job_id: str, state: str) -> None:
        if state != JobState.DONE or job_id in self.done:
            return
        self.done.add(job_id)
        if len(self.done) == self.target:
            self.reached.emit()


class KioskApp(QObject):
    """One run of the window: set-up screen or station shell, and everything they use."""

    def __init__(self, options: LaunchOptions, app: QApplication) -> None:
        super().__init__()
        self.options = options
        self.app = app
        self.store = SettingsStore(options.config)
        self.settings = effective_settings(self.store.load(), options)
        self.store.save(self.settings)
        use_language(self.settings.language)
        self.station: Station | None = None
        self.services: StationServices | None = None
        self.feed: CameraFeed | None = None
        self.shell: StationShell | None = None
        self.setup: SetupWindow | None = None
        self.badges: BadgeCounter | None = None

    def start(self) -> QWidget:
        """Open the station's window, or the set-up screen if the folder holds no station."""
        try:
            station = open_station(self.options.data_dir, long_running=True)
        except StationNotProvisioned:
            log.info("no station in %s: showing the set-up screen", self.options.data_dir)
            self.setup = SetupWindow(self.options.data_dir, self.settings)
            self.setup.provisioned.connect(self._provisioned)
            fit_on_screen(self.setup, WINDOW_SIZE)
            self.setup.show()
            return self.setup
        return self._open_shell(station)

    def _provisioned(self, data_dir: Path) -> None:
        try:
            station = open_station(data_dir, long_running=True)
        except ReplicaError as error:  # damaged or half-written: say so, keep the form
            log.exception("the new station in %s cannot be opened", data_dir)
            if self.setup is not None:
                words = translate("App", "The new station cannot be opened: {0}")
                self.setup.panel.show_error(words.format(error))
            return
        shell = self._open_shell(station)
        if self.setup is not None:
            self.setup.close()
            self.setup.deleteLater()
            self.setup = None
        shell.raise_()

    def _open_shell(self, station: Station) -> StationShell:
        self.station = station
        self.services = build_services(station, self.store, self.settings)
        settings = self.services.settings
        self.feed = CameraFeed(
            settings.camera, settings.decoder, realtime=True, loop=self.options.loop_camera
        )
        target = self.options.quit_after_badges
        if target is not None and isinstance(self.services.printing, QueuePrinting):
            self.badges = BadgeCounter(self.services.printing, target)
            self.badges.reached.connect(self.quit)
        self.shell = StationShell(self.services, self.feed)
        self.shell.install(self.app)
        if self.options.fullscreen is False:
            fit_on_screen(self.shell, WINDOW_SIZE)
            self.shell.show()
        else:
            show_full_screen(self.shell)
        self.feed.start()
        return self.shell

    def quit(self) -> None:
        if self.shell is not None:
            self.shell.quit()
        else:
            if self.setup is not None:
                self.setup.close()
            self.app.quit()

    def shutdown(self) -> None:
        """Windows closed and workers done first, then services, then the database."""
        if self.setup is not None:
            self.setup.close()
        if self.shell is not None:
            self.shell.allow_close = True
            self.shell.close()
            self.shell.shutdown()
        elif self.services is not None:
            self.services.stop()
        if self.station is not None:
            self.station.replica.close()
            self.station = None


def run_kiosk(options: LaunchOptions) -> int:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Doorline")
    kiosk = KioskApp(options, app)
    kiosk.start()
    if options.quit_after_s is not None:
        QTimer.singleShot(int(options.quit_after_s * 1000), kiosk.quit)
    try:
        return int(app.exec())
    finally:
        kiosk.shutdown()
