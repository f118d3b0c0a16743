"""What an unprovisioned station shows instead of failing: set it up, behind the operator PIN.

`doorline kiosk --data-dir EMPTY_DIR` opens this window. After the PIN, the operator pastes or
scans a one-time token (camera or hand scanner), or loads a bundle file; when the station is
ready, `provisioned` fires and the application opens the door or kiosk screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.camera_view import CameraView
from kiosk.ui.operator_pin import PinGuard
from kiosk.ui.operator_window import OPERATOR_CSS
from kiosk.ui.pin_dialog import PinDialog
from kiosk.ui.provision_panel import ProvisionPanel
from kiosk.ui.settings_store import KioskSettings

SETUP_CSS = (
    OPERATOR_CSS
    + " SetupWindow { background: #ECEFF1; } QLabel#title { font-size: 34px; font-weight: 800; }"
    " QGroupBox { font-weight: 700; padding-top: 28px; margin-top: 8px; }"
    " QPushButton#primary { font-size: 24px; font-weight: 700; min-height: 80px;"
    " padding: 0 40px; border-radius: 12px; background: #00897B; color: white; }"
)


class SetupWindow(QWidget):
    provisioned = Signal(object)  # the data folder (Path)

    def __init__(
        self, data_dir: Path, settings: KioskSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.feed: CameraFeed | None = None
        self.pin_dialog: PinDialog | None = None
        self.pin_guard = PinGuard()
        self.setWindowTitle(self.tr("Doorline — set up this station"))
        self.setStyleSheet(SETUP_CSS)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        title = QLabel(self.tr("Set up this station"))
        title.setObjectName("title")
        intro = QLabel(
            self.tr(
                "This laptop is not set up for an event yet (no station in {0}). An operator"
                " sets it up with a one-time token from the server, or with a bundle file."
            ).format(self.data_dir)
        )
        intro.setWordWrap(True)
        self.panel = ProvisionPanel(self.data_dir)
        self.panel.provisioned.connect(self._provisioned)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._locked_page())
        self.pages.addWidget(self._form_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.pages, 1)

    def _locked_page(self) -> QWidget:
        page = QWidget()
        self.unlock_button = QPushButton(self.tr("Set up this station"))
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self.ask_pin)
        staff = QLabel(self.tr("Staff only: setting up needs the operator PIN."))
        staff.setAlignment(Qt.AlignmentFlag.AlignCenter)
        staff.setObjectName("note")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(staff)
        layout.addStretch(2)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget()
        self.camera = CameraView()
        self.camera.message = self.tr("Hold the token's QR code up to the camera")
        self.camera.setFixedHeight(200)
        self.camera.hide()
        self.scan_button = QPushButton(self.tr("Scan the token's QR code with the camera"))
        self.scan_button.clicked.connect(self.start_scan)
        hint = QLabel(self.tr("A USB hand scanner types the token straight into the Token field."))
        hint.setWordWrap(True)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_button)
        scan_row.addWidget(hint, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(scan_row)
        layout.addWidget(self.camera)
        layout.addWidget(self.panel, 1)
        return page

    # -- PIN ----------------------------------------------------------------------------------

    def ask_pin(self) -> None:
        self.pin_dialog = PinDialog(
            self.settings.pin(),
            self.tr("Enter the operator PIN to set up this station."),
            self,
            guard=self.pin_guard,
        )
        self.pin_dialog.granted.connect(self.unlock)
        self.pin_dialog.open()

    def unlock(self) -> None:
        self.pages.setCurrentIndex(1)
        self.panel.token.setFocus()

    @property
    def unlocked(self) -> bool:
        return self.pages.currentIndex() == 1

    # -- scanning the token -------------------------------------------------------------------

    def start_scan(self) -> None:
        if not self.unlocked or self.feed is not None:
            return
        self.feed = CameraFeed(self.settings.camera, self.settings.decoder, parent=self)
        self.feed.code_seen.connect(self._scanned)
        self.feed.problem.connect(lambda words: self.panel._say(words, error=True))
        self.camera.set_feed(self.feed)
        self.camera.show()
        self.scan_button.setEnabled(False)
        self.feed.start()

    def _scanned(self, text: str) -> None:
        self.stop_scan()
        self.panel.accept_scanned(text)

    def stop_scan(self) -> None:
        if self.feed is not None:
            self.feed.stop()
            self.camera.set_feed(None)
            self.feed = None
        self.camera.hide()
        self.scan_button.setEnabled(True)

    # -- done ---------------------------------------------------------------------------------

    def _provisioned(self, data_dir: Path) -> None:
        self.stop_scan()
        self.provisioned.emit(data_dir)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_scan()
        self.panel.wait()
        event.accept()
