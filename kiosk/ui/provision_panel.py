"""The provisioning form: a one-time token (pasted, typed or scanned) or a bundle file.

The work (token exchange and first download, or decrypting a bundle) runs on a worker thread;
the form shows progress and, when it fails, the reason in words and keeps what was typed so
the operator can correct it and try again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate
from kiosk.ui.operator_window import form_label
from kiosk.ui.provisioning import (
    ProvisionFailed,
    SetupProblem,
    default_station_name,
    parse_token_text,
    provision_with_bundle,
    provision_with_token,
)
from kiosk.ui.setup_words import setup_words
from kiosk.ui.workers import TaskRunner

log = logging.getLogger(__name__)

PHASES = {
    "pull": QT_TRANSLATE_NOOP("ProvisionPanel", "Downloading the guest list"),
    "push": QT_TRANSLATE_NOOP("ProvisionPanel", "Uploading"),
}


class _ProgressRelay(QObject):
    """Carries the worker's progress calls to the UI thread (queued signal)."""

    moved = Signal(str, int, object)


class ProvisionPanel(QWidget):
    provisioned = Signal(object)  # the data folder (Path) of the new station
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.runner = TaskRunner(threads=1, parent=self)
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._show_progress)
        self.name = QLineEdit(default_station_name())
        self.gate = QLineEdit()
        self.gate.setPlaceholderText(self.tr("optional, e.g. main (default: the main entrance)"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setObjectName("provisionStatus")
        common = QFormLayout()
        common.addRow(form_label(self.tr("Station name")), self.name)
        common.addRow(form_label(self.tr("Gate / check-in list")), self.gate)
        columns = QHBoxLayout()
        columns.addWidget(self._server_box(), 1)
        columns.addWidget(self._bundle_box(), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(common)
        layout.addLayout(columns)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)

    # -- the two ways -------------------------------------------------------------------------

    def _server_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("From the server: one-time token"))
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText("http://192.168.1.10:8765")
        self.token = QLineEdit()
        self.token.setPlaceholderText(self.tr("paste, type or scan the token"))
        self.token.textChanged.connect(self._token_edited)
        self.token.returnPressed.connect(self.connect_server)
        self.connect_button = QPushButton(self.tr("Connect and download"))
        self.connect_button.clicked.connect(self.connect_server)
        form = QFormLayout(box)
        form.addRow(form_label(self.tr("Server address")), self.server_url)
        form.addRow(form_label(self.tr("Token")), self.token)
        form.addRow("", self.connect_button)
        return box

    def _bundle_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Offline: bundle file (USB stick)"))
        self.bundle_path = QLineEdit()
        self.bundle_path.setPlaceholderText(self.tr("event.dlbundle"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setStyleSheet("min-height: 48px;")
        browse.clicked.connect(self.choose_bundle)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("only for an encrypted bundle"))
        self.passphrase.returnPressed.connect(self.load_bundle)
        self.load_button = QPushButton(self.tr("Load bundle"))
        self.load_button.clicked.connect(self.load_bundle)
        path_row = QHBoxLayout()
        path_row.addWidget(self.bundle_path, 1)
        path_row.addWidget(browse)
        form = QFormLayout(box)
        form.addRow(form_label(self.tr("Bundle file")), path_row)
        form.addRow(form_label(self.tr("Passphrase")), self.passphrase)
        form.addRow("", self.load_button)
        return box

    def choose_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Provisioning bundle"))
        if path:
            self.bundle_path.setText(path)

    # -- input --------------------------------------------------------------------------------

    def _token_edited(self, text: str) -> None:
        """A pasted "SERVER TOKEN" (or a token URL) fills both fields."""
        parsed = parse_token_text(text)
        if parsed.server_url:
            self.server_url.setText(parsed.server_url)
            self._set_token_quietly(parsed.token)

    def _set_token_quietly(self, token: str) -> None:
        """Fill the token field without re-triggering the paste parser on our own edit."""
        self.token.blockSignals(True)
        self.token.setText(token)
        self.token.blockSignals(False)

    def accept_scanned(self, text: str) -> None:
        """A QR read by the camera or a hand scanner: a token, with its server if it has one."""
        parsed = parse_token_text(text)
        if parsed.server_url:
            self.server_url.setText(parsed.server_url)
        self._set_token_quietly(parsed.token)
        self._say(self.tr("Token scanned. Check the server address, then Connect."))

    # -- work ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def connect_server(self) -> None:
        if self.busy:
            return
        data_dir, url, token = self.data_dir, self.server_url.text(), self.token.text()
        gate, name, relay = self.gate.text().strip(), self.name.text().strip(), self._relay
        self._start(self.tr("Connecting to {0}…").format(url.strip() or "?"))
        self.runner.run(
            lambda: provision_with_token(
                data_dir, url, token, gate, name, progress=relay.moved.emit
            ),
            self._done,
            self._failed,
        )

    def load_bundle(self) -> None:
        if self.busy:
            return
        path = self.bundle_path.text().strip()
        if not path:
            self._failed(
                ProvisionFailed("Choose the bundle file first.", SetupProblem.BUNDLE_MISSING)
            )
            return
        data_dir, secret = self.data_dir, self.passphrase.text()
        gate, name = self.gate.text().strip(), self.name.text().strip()
        self._start(self.tr("Reading {0}…").format(Path(path).name))
        self.runner.run(
            lambda: provision_with_bundle(data_dir, Path(path), secret, gate, name),
            self._done,
            self._failed,
        )

    def _start(self, words: str) -> None:
        for button in (self.connect_button, self.load_button):
            button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._say(words)

    def _show_progress(self, phase: str, done: int, total: object) -> None:
        what = translate("ProvisionPanel", PHASES[phase]) if phase in PHASES else phase
        if isinstance(total, int) and total > 0:
            self.progress.setRange(0, 100)
            self.progress.setValue(min(100, done * 100 // total))
            self._say(self.tr("{0}: {1} of {2}…").format(what, done, total))
        else:
            self._say(self.tr("{0}: {1}…").format(what, done))

    def _done(self, data_dir: Path) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(100)
        self._say(self.tr("Station ready."), ok=True)
        self.provisioned.emit(data_dir)

    def _failed(self, error: Exception) -> None:
        for button in (self.connect_button, self.load_button):
            button.setEnabled(True)
        self.progress.hide()
        if isinstance(error, ProvisionFailed):
            log.info("provisioning failed: %s", error)  # the English words, for support
            words = setup_words(error)
        else:
            log.error("provisioning failed: %r", error)
            words = self.tr("Provisioning failed: {0}").format(error)
        self._say(words, error=True)
        self.failed.emit(words)

    def show_error(self, words: str) -> None:
        self._failed(ProvisionFailed(words))

    def _say(self, words: str, *, ok: bool = False, error: bool = False) -> None:
        colour = "#B3191F" if error else "#1B7F3B" if ok else "#263238"
        self.status.setStyleSheet(f"color: {colour}; font-weight: 700;")
        self.status.setText(("✖ " if error else "✔ " if ok else "") + words)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.runner.wait(msecs)
