"""Operator screens, behind the PIN: readiness, sync, printers and queue, conflicts, settings.

Every action runs on a worker and reports back; nothing here blocks the door behind it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.scanning.decoder import DECODER_NAMES
from kiosk.ui.operator_pin import hash_pin
from kiosk.ui.readiness import Check, run_checks
from kiosk.ui.settings_store import Mode
from kiosk.ui.station_services import StationServices
from kiosk.ui.status_strip import age_words
from kiosk.ui.sync_port import SyncStatus
from kiosk.ui.workers import TaskRunner

OPERATOR_CSS = (
    "QWidget { font-size: 18px; } QPushButton { min-height: 60px; padding: 0 20px; }"
    " QLineEdit, QComboBox { min-height: 48px; }"
    " QTabBar::tab { min-height: 48px; padding: 0 18px; }"
)
GREEN, RED = "#C8E6C9", "#FFCDD2"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], colours: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if colours:
                item.setBackground(Qt.GlobalColor.white)
                item.setData(Qt.ItemDataRole.BackgroundRole, _brush(colours[r]))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def _brush(colour: str):
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(colour))


class OperatorWindow(QDialog):
    mode_requested = Signal(str)
    quit_requested = Signal()

    def __init__(self, services: StationServices, camera_probe, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self._camera_probe = camera_probe
        self.runner = TaskRunner(threads=2, parent=self)
        self.setWindowTitle(self.tr("Doorline — operator"))
        self.setStyleSheet(OPERATOR_CSS)
        self.resize(1100, 720)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._ready_tab(), self.tr("Ready for doors"))
        self.tabs.addTab(self._sync_tab(), self.tr("Sync"))
        self.tabs.addTab(self._printer_tab(), self.tr("Printers"))
        self.tabs.addTab(self._conflicts_tab(), self.tr("Conflicts"))
        self.tabs.addTab(self._settings_tab(), self.tr("Station settings"))
        close = QPushButton(self.tr("Back to the door"))
        close.clicked.connect(self.accept)
        quit_button = QPushButton(self.tr("Quit Doorline"))
        quit_button.clicked.connect(self.quit_requested.emit)
        bottom = QHBoxLayout()
        bottom.addWidget(quit_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._poll = QTimer(self)
        self._poll.timeout.connect(self.refresh)
        self._poll.start(1000)
        self.refresh()

    # -- ready for doors ----------------------------------------------------------------------

    def _ready_tab(self) -> QWidget:
        page = QWidget()
        self.checks = _table(
            [self.tr("Check"), self.tr("Result"), self.tr("Found"), self.tr("Fix")]
        )
        run = QPushButton(self.tr("Run all checks (includes a test scan and a test print)"))
        run.clicked.connect(self.run_checks)
        layout = QVBoxLayout(page)
        layout.addWidget(run)
        layout.addWidget(self.checks, 1)
        return page

    def run_checks(self) -> None:
        s = self.services
        self.runner.run(
            lambda: run_checks(s.station, s.printing, self._camera_probe, s.settings.decoder),
            self.show_checks,
        )

    def show_checks(self, checks: list[Check]) -> None:
        rows = [[c.name, "✔ OK" if c.ok else "✖ FIX", c.words, c.fix] for c in checks]
        _fill(self.checks, rows, [GREEN if c.ok else RED for c in checks])

    # -- sync ---------------------------------------------------------------------------------

    def _sync_tab(self) -> QWidget:
        page = QWidget()
        self.sync_words = QLabel()
        self.sync_words.setWordWrap(True)
        self.sync_progress = QProgressBar()
        self.sync_progress.setRange(0, 100)
        sync_now = QPushButton(self.tr("Sync now"))
        sync_now.clicked.connect(lambda: self.runner.run(self.services.sync.request_sync, print))
        layout = QVBoxLayout(page)
        layout.addWidget(self.sync_words)
        layout.addWidget(self.sync_progress)
        layout.addWidget(sync_now)
        layout.addStretch(1)
        return page

    def show_sync(self, status: SyncStatus) -> None:
        state = "online" if status.online else "offline"
        if not status.has_server:
            state = "offline station (provisioned from a bundle, no server)"
        error = f"\nLast error: {status.last_error}" if status.last_error else ""
        self.sync_words.setText(
            f"Connection: {state}\nLast sync: {age_words(status.last_sync_ms)}\n"
            f"Entries waiting to upload: {status.queue_depth}{error}"
        )
        self.sync_progress.setValue(int((status.progress or (0 if status.syncing else 1)) * 100))

    # -- printers -----------------------------------------------------------------------------

    def _printer_tab(self) -> QWidget:
        page = QWidget()
        self.printer_words = QLabel()
        self.printer_words.setWordWrap(True)
        self.jobs = _table([self.tr("Job"), self.tr("Ticket"), self.tr("State"), self.tr("Error")])
        retry = QPushButton(self.tr("Retry failed badges"))
        retry.clicked.connect(self.retry_failed)
        self.reprint_ticket = QLineEdit()
        self.reprint_ticket.setPlaceholderText(self.tr("Ticket number to reprint"))
        reprint = QPushButton(self.tr("Reprint badge"))
        reprint.clicked.connect(self.reprint)
        row = QHBoxLayout()
        for widget in (retry, self.reprint_ticket, reprint):
            row.addWidget(widget)
        layout = QVBoxLayout(page)
        layout.addWidget(self.printer_words)
        layout.addWidget(self.jobs, 1)
        layout.addLayout(row)
        return page

    def retry_failed(self) -> None:
        printing = self.services.printing
        for job in printing.jobs():
            if job.state == "failed":
                printing.retry(job.job_id)

    def reprint(self) -> None:
        text = self.reprint_ticket.text().strip()
        if text.isdigit():
            ticket_id = int(text)
            self.runner.run(lambda: self.services.printing.submit(ticket_id, reprint=True), print)

    # -- conflicts ----------------------------------------------------------------------------

    def _conflicts_tab(self) -> QWidget:
        page = QWidget()
        self.conflicts = _table(
            [self.tr("Ticket"), self.tr("First gate"), self.tr("Second gate"), self.tr("Status")]
        )
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(self.tr("Double admissions found by the server (pulled with sync):"))
        )
        layout.addWidget(self.conflicts, 1)
        return page

    # -- settings -----------------------------------------------------------------------------

    def _settings_tab(self) -> QWidget:
        page = QWidget()
        s = self.services.settings
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Door station (staff)"), Mode.DOOR)
        self.mode.addItem(self.tr("Self check-in kiosk"), Mode.SELF)
        self.mode.setCurrentIndex(0 if s.mode is Mode.DOOR else 1)
        self.gate = QComboBox()
        for gate in self.services.station.replica.gates():
            self.gate.addItem(gate.name, gate.gate_id)
        current = s.gate or self.services.station.identity.gate_id
        self.gate.setCurrentIndex(max(0, self.gate.findData(current)))
        self.camera = QLineEdit(s.camera)
        self.decoder = QComboBox()
        self.decoder.addItems(list(DECODER_NAMES))
        self.decoder.setCurrentText(s.decoder)
        self.printer = QLineEdit(s.printer)
        self.printer.setPlaceholderText("pdf:/path  escpos-net:HOST:9100  cups:NAME")
        self.sounds = QCheckBox(self.tr("Play verdict sounds"))
        self.sounds.setChecked(s.sounds)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(self.tr("leave empty to keep the PIN"))
        save = QPushButton(self.tr("Save (camera, printer and gate apply after restart)"))
        save.clicked.connect(self.save_settings)
        form = QFormLayout(page)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("Gate / check-in list"), self.gate)
        form.addRow(self.tr("Camera (index, video file or folder)"), self.camera)
        form.addRow(self.tr("Code reader"), self.decoder)
        form.addRow(self.tr("Badge printer"), self.printer)
        form.addRow("", self.sounds)
        form.addRow(self.tr("New operator PIN"), self.new_pin)
        form.addRow("", save)
        return page

    def save_settings(self) -> None:
        old = self.services.settings
        pin = self.new_pin.text().strip()
        settings = replace(
            old,
            mode=Mode(self.mode.currentData()),
            gate=self.gate.currentData(),
            camera=self.camera.text().strip() or old.camera,
            decoder=self.decoder.currentText(),
            printer=self.printer.text().strip(),
            sounds=self.sounds.isChecked(),
            pin_hash=hash_pin(pin) if pin else old.pin_hash,
        )
        self.services.save_settings(settings)
        self.new_pin.clear()
        if settings.mode is not old.mode:
            self.mode_requested.emit(str(settings.mode))

    def done(self, result: int) -> None:
        self._poll.stop()
        self.runner.wait()
        super().done(result)

    # -- polling ------------------------------------------------------------------------------

    def refresh(self) -> None:
        s = self.services
        self.runner.run(
            lambda: (
                s.sync.status(),
                s.printing.health(),
                s.printing.jobs(),
                s.station.replica.conflicts(),
            ),
            self._show_refresh,
        )

    def _show_refresh(self, result) -> None:
        status, health, jobs, conflicts = result
        self.show_sync(status)
        self.printer_words.setText(("✔ " if health.ok else "✖ ") + health.words)
        _fill(self.jobs, [[j.job_id, str(j.ticket_id), str(j.state), j.error or ""] for j in jobs])
        _fill(
            self.conflicts,
            [
                [
                    str(c.get("ticket_id")),
                    str(c.get("first_gate")),
                    str(c.get("second_gate")),
                    "acknowledged" if c.get("acknowledged_entry_id") else "open",
                ]
                for c in conflicts
            ],
        )
