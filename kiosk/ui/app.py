"""Starting the kiosk application: settings, station, services, camera, the shell window.

`run_kiosk` is what `doorline kiosk` and `doorline demo` call. The mode, camera and printer
given on the command line are saved, so a restarted station comes back as it was. A data
folder without a station opens the set-up screen (token or bundle, behind the PIN) instead of
failing; once provisioned, the door or kiosk screen opens in its place.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QObject, QSize, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.station import Station, StationNotProvisioned, open_station
from kiosk.station_store import ReplicaError
from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.gui_thread_collector import collect_on_gui_thread
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
INTERRUPTED = 130  # the shell's status for a run ended by Ctrl-C (128 + SIGINT)
SIGNAL_TICK_MS = 200  # how often Python code runs while Qt waits, so a Ctrl-C is seen


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
    # Called once Qt's loop runs with the window open and Ctrl-C routed to a clean quit (the
    # demo says so on its console).
    on_running: Callable[[], None] | None = None


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
        if len(self.done) >= self.target:
            self.reached.emit()


class KioskApp(QObject):
    """One run of the window: set-up screen or station shell, and everything they use."""

    def __init__(self, options: LaunchOptions, app: QApplication) -> None:
        super().__init__()
        self.options = options
        self.app = app
        # Qt objects are freed on the GUI thread, never a worker's (until `shutdown`)
        self.collector = collect_on_gui_thread(app)
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
        self.capped = False  # the --quit-after timer ended the run
        self.interrupted = False  # Ctrl-C (SIGINT) ended the run

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

    def quit_at_cap(self) -> None:
        """The --quit-after timer: ends the run, remembering it was the cap that ended it."""
        self.capped = True
        self.quit()

    def interrupt(self) -> None:
        """Ctrl-C: ends the run as the window's own quit does (workers stopped, nothing lost)."""
        self.interrupted = True
        self.quit()

    def shutdown(self) -> None:
        """Windows closed and workers done first, then services, then the database; then the
        garbage left is collected on this thread and automatic collection is back on."""
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
        self.collector.stop()


@dataclass(frozen=True)
class KioskOutcome:
    """How one run of the window ended: Qt's exit status, whether the --quit-after cap or a
    Ctrl-C ended it, and the ids of the badge jobs printed during it (when they were counted,
    i.e. with `quit_after_badges`)."""

    status: int
    capped: bool
    interrupted: bool
    badges: tuple[str, ...]


@contextmanager
def quit_on_interrupt(kiosk: KioskApp) -> Iterator[None]:
    """Route Ctrl-C (SIGINT) to the kiosk's quit while Qt's loop runs.

    Python's default handler raises KeyboardInterrupt inside whatever slot or event filter
    runs next, where Qt only prints it and carries on. Here the handler asks the kiosk to quit
    through the event loop instead, and a timer lets Python run every SIGNAL_TICK_MS so the
    signal is seen while Qt waits. Only the main thread may set handlers; elsewhere this does
    nothing. The previous handler is restored on exit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_sigint(_signum: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, kiosk.interrupt)

    tick = QTimer()
    tick.timeout.connect(lambda: None)
    tick.start(SIGNAL_TICK_MS)
    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        tick.stop()


def run_kiosk_outcome(options: LaunchOptions) -> KioskOutcome:
    """Open the window (`KioskApp.start`), run Qt's loop until it closes, shut down in order.

    Takes the launch options (`quit_after_s` in seconds, finite and > 0, checked by the CLI);
    returns how the run ended (`KioskOutcome`); a Ctrl-C quits cleanly (status 130)."""
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Doorline")
    kiosk = KioskApp(options, app)
    kiosk.start()
    if options.quit_after_s is not None:
        QTimer.singleShot(round(options.quit_after_s * 1000), kiosk.quit_at_cap)
    try:
        with quit_on_interrupt(kiosk):
            if options.on_running is not None:
                QTimer.singleShot(0, options.on_running)  # first thing the loop runs
            status = int(app.exec())
    finally:
        kiosk.shutdown()
    badges = tuple(sorted(kiosk.badges.done)) if kiosk.badges is not None else ()
    if kiosk.interrupted:
        status = INTERRUPTED
    return KioskOutcome(status, kiosk.capped, kiosk.interrupted, badges)


def run_kiosk(options: LaunchOptions) -> int:
    """`run_kiosk_outcome`, returning only the exit status (0, or 130 after a Ctrl-C)."""
    return run_kiosk_outcome(options).status
