"""The application's one top-level window: the door or kiosk screen in use, the camera, the
hand-scanner filter, the crash guard and the PIN-guarded way to the operator screens."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.crash_guard import CrashGuard
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.languages import translate
from kiosk.ui.operator_window import OperatorWindow
from kiosk.ui.pin_dialog import PinDialog
from kiosk.ui.settings_store import Mode
from kiosk.ui.station_conditions import ShellConditions
from kiosk.ui.station_services import StationServices
from kiosk.ui.wedge_filter import WedgeFilter

log = logging.getLogger(__name__)


def probe_camera_words(spec: str) -> str:
    """For the readiness check: does the configured camera (or stand-in) give a picture?"""
    from kiosk.scanning.frame_sources import source_for

    source = source_for(spec)
    source.open()
    try:
        frame = source.read()
    finally:
        source.close()
    if frame is None:
        raise RuntimeError(
            translate("StationShell", "{0} gave no picture").format(source_words(source))
        )
    height, width = frame.image.shape[:2]
    return f"{source_words(source)}: {width}×{height}"


def source_words(source: Any) -> str:
    """The camera or its stand-in, in the window's language ("camera 0", "video demo.mp4")."""
    from kiosk.scanning.frame_sources import (
        CameraSource,
        ImageFolderSource,
        RealtimeSource,
        VideoFileSource,
    )

    if isinstance(source, RealtimeSource):
        return source_words(source._inner)
    if isinstance(source, CameraSource):
        return translate("StationShell", "camera {0}").format(source.settings.index)
    if isinstance(source, VideoFileSource):
        return translate("StationShell", "video {0}").format(source.path.name)
    if isinstance(source, ImageFolderSource):
        return translate("StationShell", "pictures in {0}").format(source.folder.name)
    return str(source.description)


class StationShell(QWidget):
    mode_changed = Signal(str)

    def __init__(
        self,
        services: StationServices,
        feed: CameraFeed | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.feed = feed
        self.door: DoorWindow | None = None
        self.kiosk: KioskWindow | None = None
        self.operator: OperatorWindow | None = None
        self.pin_dialog: PinDialog | None = None
        self.allow_close = False
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.wedge = WedgeFilter(parent=self)
        self.wedge.code_scanned.connect(lambda code: self.submit_code(code, "wedge"))
        self.guard = CrashGuard(self.recover)
        self.conditions = ShellConditions(services, has_camera=feed is not None)
        services.sync.set_conditions_provider(self.conditions)
        if feed is not None:
            feed.code_seen.connect(self._camera_code)
            feed.state_changed.connect(self._camera_state)
            feed.state_changed.connect(self.conditions.camera_state)
        self.set_mode(services.settings.mode)

    @property
    def mode(self) -> Mode:
        return self.services.settings.mode

    def install(self, app: QApplication) -> None:
        self.wedge.install(app)
        self.guard.install()

    def set_mode(self, mode: Mode | str) -> None:
        mode = Mode(mode)
        settings = self.services.settings
        if settings.mode is not mode:
            self.services.save_settings(replace(settings, mode=mode))
        current = self._door_page() if mode is Mode.DOOR else self._kiosk_page()
        self.stack.setCurrentWidget(current)
        self.setWindowTitle(current.windowTitle())
        self.mode_changed.emit(str(mode))

    def _door_page(self) -> DoorWindow:
        if self.door is None:
            self.door = DoorWindow(
                self.services, self.feed, self.ask_operator, take_camera_codes=False
            )
            self.stack.addWidget(self.door)
        return self.door

    def _kiosk_page(self) -> KioskWindow:
        if self.kiosk is None:
            self.kiosk = KioskWindow(self.services, self._operator_from_kiosk)
            self.kiosk.allow_close = True  # the shell guards closing
            self.kiosk.set_camera_ready(self.feed is not None)
            self.stack.addWidget(self.kiosk)
        return self.kiosk

    # -- input ---------------------------------------------------------------------------------

    def _camera_code(self, code: str) -> None:
        """Every camera read goes to the screen showing now, and only there."""
        if self.mode is Mode.DOOR and self.door is not None:
            self.door.camera_code(code)
        elif self.kiosk is not None:
            self.kiosk.submit_code(code, "camera")

    def _camera_state(self, state: str) -> None:
        """A kiosk whose camera is gone stops asking people to scan (and asks again when
        the camera is back)."""
        if self.kiosk is not None and state in ("running", "reconnecting", "failed"):
            self.kiosk.set_camera_ready(state == "running")

    def submit_code(self, code: str, method: str) -> None:
        if self.mode is Mode.DOOR and self.door is not None:
            self.door.submit_code(code, method)
        elif self.kiosk is not None:
            self.kiosk.submit_code(code, method)

    # -- operator ------------------------------------------------------------------------------

    def ask_operator(self) -> None:
        self.pin_dialog = PinDialog(
            self.services.check_operator_pin,
            self.tr("Enter the operator PIN."),
            self,
            guard=self.services.pin_guard,
        )
        self.pin_dialog.granted.connect(self.open_operator)
        self.pin_dialog.open()

    def _operator_from_kiosk(self) -> None:
        self.open_operator()

    def open_operator(self) -> None:
        probe_spec = self.services.settings.camera
        self.operator = OperatorWindow(self.services, lambda: probe_camera_words(probe_spec), self)
        self.operator.finished.connect(self.services.lock_operator)
        self.operator.mode_requested.connect(self.set_mode)
        self.operator.quit_requested.connect(self.quit)
        self.operator.open()

    def quit(self) -> None:
        self.allow_close = True
        if self.operator is not None:
            self.operator.close()
        self.close()
        QApplication.quit()

    # -- robustness ----------------------------------------------------------------------------

    def recover(self, words: str) -> None:
        """After an uncaught exception: back to the scan (or attract) screen, with a note."""
        if self.door is not None:
            self.door.show_scanner()
            self.door.banner.post("error", words)
        if self.kiosk is not None:
            self.kiosk.reset()

    def shutdown(self) -> None:
        self.guard.uninstall()
        if self.feed is not None:
            self.feed.stop()
        self.services.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            self.wedge.uninstall()
            for window in (self.door, self.kiosk, self.operator):
                if window is not None:
                    window.close()
            event.accept()
            return
        event.ignore()
        self.ask_operator()
