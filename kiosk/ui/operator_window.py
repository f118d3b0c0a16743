"""Operator screens, behind the PIN: readiness, sync, printers and queue, conflicts, the
station's identity, and settings.

Every action runs on a worker and reports back; nothing here blocks the door behind it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.gate_rules import EntryMode, GateRules
from kiosk.domain.hlc import wall_of
from kiosk.domain.station_directory import StationLabel
from kiosk.scanning.decoder import DECODER_NAMES
from kiosk.station_store import StoredConflict
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.languages import LANGUAGES, QT_TRANSLATE_NOOP, translate
from kiosk.ui.operator_pin import hash_pin
from kiosk.ui.print_port import BadgeRefused, JobState, JobView, PrinterHealth
from kiosk.ui.readiness import Check, run_checks
from kiosk.ui.screen_fit import fit_on_screen
from kiosk.ui.settings_store import Mode
from kiosk.ui.station_names import station_words
from kiosk.ui.station_services import StationServices
from kiosk.ui.status_strip import age_words
from kiosk.ui.sync_port import SyncStatus
from kiosk.ui.sync_words import sync_error_words
from kiosk.ui.workers import TaskRunner

log = logging.getLogger(__name__)

OPERATOR_CSS = (
    "QWidget { font-size: 18px; } QPushButton { min-height: 60px; padding: 0 20px; }"
    " QLineEdit, QComboBox { min-height: 48px; padding: 0 8px; }"
    " QTabBar::tab { min-height: 48px; padding: 0 18px; }"
    " QTableWidget { font-size: 17px; } QHeaderView::section { font-weight: 700; padding: 4px; }"
    " QCheckBox { min-height: 48px; } QCheckBox::indicator { width: 28px; height: 28px; }"
    " QLabel#formLabel { min-height: 48px; }"
    " QLabel#note { color: #37474F; }"
)
GREEN, RED, AMBER = "#C8E6C9", "#FFCDD2", "#FFE0B2"

TAB_READY, TAB_SYNC, TAB_PRINTERS, TAB_CONFLICTS, TAB_STATION, TAB_SETTINGS = range(6)

ENTRY_MODE_WORDS = {
    EntryMode.SINGLE: QT_TRANSLATE_NOOP("OperatorWindow", "single entry"),
    EntryMode.REENTRY: QT_TRANSLATE_NOOP("OperatorWindow", "re-entry after an exit"),
    EntryMode.MULTI: QT_TRANSLATE_NOOP("OperatorWindow", "any number of entries"),
    EntryMode.DAILY: QT_TRANSLATE_NOOP("OperatorWindow", "once per day"),
}


def _words(text: str) -> str:
    return translate("OperatorWindow", text)


def _table(headers: list[str], stretch: tuple[int, ...] = ()) -> QTableWidget:
    """Columns fit their contents; the `stretch` ones (default: the last) share the rest."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch or (len(headers) - 1,):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    # Rows grow with their wrapped words whenever a column narrows (a 1024 px screen, a
    # longer language): a cell is never cut to "…".
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    return table


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab whose form may be taller than a 768 px screen scrolls instead of being cut."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    return area


def form_label(text: str) -> QLabel:
    """A form row's label, as tall as the row's field so the words sit level with it."""
    label = QLabel(text)
    label.setObjectName("formLabel")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _fill(
    table: QTableWidget,
    rows: list[list[str]],
    colours: list[str] | None = None,
    keys: list[str] | None = None,
) -> None:
    """Replace the rows, keeping the selected row (by key) selected."""
    selected = selected_key(table)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if colours and colours[r]:
                item.setBackground(QBrush(QColor(colours[r])))
                item.setForeground(QBrush(QColor("#111111")))
            if keys is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)
    if keys is not None and selected in keys:
        table.selectRow(keys.index(selected))
    table.resizeRowsToContents()


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def clock_words(ms: int | None) -> str:
    if not ms:
        return ""
    stamp = datetime.fromtimestamp(ms / 1000)
    today = datetime.now().date()
    return stamp.strftime("%H:%M:%S" if stamp.date() == today else "%d %b %H:%M")


def job_state_words(job: JobView) -> str:
    words = {
        JobState.QUEUED: translate("OperatorWindow", "waiting"),
        JobState.PRINTING: translate("OperatorWindow", "printing…"),
        JobState.DONE: translate("OperatorWindow", "✔ printed"),
        JobState.FAILED: translate("OperatorWindow", "✖ failed, retrying")
        if job.will_retry
        else translate("OperatorWindow", "✖ failed"),
        JobState.UNCONFIRMED: translate("OperatorWindow", "? sent, unconfirmed: check the printer"),
    }[job.state]
    return translate("OperatorWindow", "{0} (reprint)").format(words) if job.reprint else words


def job_colour(job: JobView) -> str:
    if job.state is JobState.UNCONFIRMED:
        return AMBER
    if job.state is JobState.FAILED:
        return AMBER if job.will_retry else RED
    return GREEN if job.state is JobState.DONE else ""


def gate_rules_words(gate: GateRules, type_name: Callable[[int], str]) -> str:
    types = (
        translate("OperatorWindow", "every ticket type")
        if gate.allowed_types is None
        else ", ".join(sorted(type_name(t) for t in gate.allowed_types))
        or translate("OperatorWindow", "no ticket types")
    )
    unknown = (
        translate("OperatorWindow", "new tickets not yet synced: admitted (verified offline)")
        if str(gate.unknown_ticket_policy) == "admit"
        else translate("OperatorWindow", "new tickets not yet synced: refused")
    )
    mode = ENTRY_MODE_WORDS.get(gate.entry_mode)
    return f"{_words(mode) if mode else str(gate.entry_mode)} · {types} · {unknown}"


@dataclass(frozen=True)
class Snapshot:
    """What one refresh read on a worker: everything the tabs show."""

    sync: SyncStatus
    printer: PrinterHealth
    jobs: list[JobView]
    names: dict[int, str]
    conflicts: list[StoredConflict]
    # (station id, gate id) of each conflict's two admissions -> who that station is
    stations: dict[tuple[str, str | None], StationLabel] = field(default_factory=dict)


class OperatorWindow(QDialog):
    mode_requested = Signal(str)
    quit_requested = Signal()
    refreshed = Signal()  # after the tabs show a new snapshot (tests, screenshots)
    acted = Signal(str)  # an action finished, with its words

    def __init__(
        self,
        services: StationServices,
        camera_probe: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._camera_probe = camera_probe
        self._refreshing = False
        self.runner = TaskRunner(threads=2, parent=self)
        self.setWindowTitle(self.tr("Doorline — operator"))
        self.setStyleSheet(OPERATOR_CSS)
        fit_on_screen(self, QSize(1180, 760), margin=8)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._ready_tab(), self.tr("Ready for doors"))
        self.tabs.addTab(self._sync_tab(), self.tr("Sync"))
        self.tabs.addTab(self._printer_tab(), self.tr("Printers && queue"))
        self.tabs.addTab(self._conflicts_tab(), self.tr("Conflicts"))
        self.tabs.addTab(self._station_tab(), self.tr("Station"))
        self.tabs.addTab(self._settings_tab(), self.tr("Settings"))
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

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """An operator action on a worker; failures are shown, never raised at the door."""
        self.runner.run(fn, done, lambda error: self._action_failed(error))

    def _action_failed(self, error: Exception) -> None:
        words = self.tr("That did not work: {0}").format(error)
        self.printer_action.setText(words)
        self.conflict_action.setText(words)
        self.acted.emit(words)

    # -- ready for doors ----------------------------------------------------------------------

    def _ready_tab(self) -> QWidget:
        page = QWidget()
        self.checks = _table(
            [self.tr("Check"), self.tr("Result"), self.tr("Found"), self.tr("Fix")],
            stretch=(2, 3),
        )
        self.run_checks_button = QPushButton(
            self.tr("Run all checks (includes a test scan and a test print)")
        )
        self.run_checks_button.clicked.connect(self.run_checks)
        layout = QVBoxLayout(page)
        layout.addWidget(self.run_checks_button)
        layout.addWidget(self.checks, 1)
        return page

    def run_checks(self) -> None:
        s = self.services
        self.run_checks_button.setEnabled(False)
        needs_printer = s.settings.mode is Mode.SELF
        self._run(
            lambda: run_checks(
                s.station,
                s.printing,
                self._camera_probe,
                s.settings.decoder,
                needs_printer=needs_printer,
                sounds=s.settings.sounds,
            ),
            self.show_checks,
        )

    def show_checks(self, checks: list[Check]) -> None:
        self.run_checks_button.setEnabled(True)
        ok, fix = self.tr("✔ OK"), self.tr("✖ FIX")
        rows = [[c.name, ok if c.ok else fix, c.words, c.fix] for c in checks]
        _fill(self.checks, rows, [GREEN if c.ok else RED for c in checks])
        self.acted.emit("checks")

    # -- sync ---------------------------------------------------------------------------------

    def _sync_tab(self) -> QWidget:
        page = QWidget()
        self.sync_state = QLabel()
        self.sync_state.setObjectName("syncState")
        # Its own height, whatever else the tab holds: Arabic glyphs stand taller.
        self.sync_state.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.sync_last = QLabel()
        self.sync_queue = QLabel()
        self.sync_server = QLabel(self.services.station.identity.server_url or "—")
        self.sync_error = QLabel()
        self.sync_error.setWordWrap(True)
        self.sync_refused = QLabel()
        self.sync_refused.setWordWrap(True)
        for label in (
            self.sync_last, self.sync_queue, self.sync_server, self.sync_error, self.sync_refused
        ):  # fmt: skip
            label.setObjectName("formLabel")
        self.sync_progress = QProgressBar()
        self.sync_progress.setRange(0, 100)
        self.sync_progress.hide()
        self.sync_now = QPushButton(self.tr("Sync now"))
        self.sync_now.clicked.connect(self.request_sync)
        self.sync_now.setMinimumWidth(220)
        self.sync_now.setMaximumWidth(320)
        self.sync_note = QLabel(
            self.tr(
                "The station syncs by itself every few seconds while the server answers;"
                " offline, it keeps scanning and uploads everything later. Sync now pushes this"
                " station's entries and pulls tickets, revocations and other doors' scans."
            )
        )
        self.sync_note.setObjectName("note")
        self.sync_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(form_label(self.tr("Server")), self.sync_server)
        form.addRow(form_label(self.tr("Last sync")), self.sync_last)
        form.addRow(form_label(self.tr("Waiting to upload")), self.sync_queue)
        form.addRow(form_label(self.tr("Last error")), self.sync_error)
        form.addRow(form_label(self.tr("Not on the server")), self.sync_refused)
        row = QHBoxLayout()
        row.addWidget(self.sync_now)
        row.addWidget(self.sync_progress, 1)
        row.addStretch(0)
        layout = QVBoxLayout(page)
        layout.addWidget(self.sync_state)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.sync_note)
        layout.addStretch(1)
        return page

    def not_on_server_words(self) -> str:
        """This station's entries the server did not store, in the server's words: an
        identity used by another copy of the folder, and each refused entry (for instance an
        acknowledgement made while the station was not unlocked with the operator PIN)."""
        station = self.services.station
        lines = [station.identity_clash() or ""]
        for entry, why in station.refused_by_server(limit=5):
            lines.append(self.tr("Entry #{0} ({1}): {2}").format(entry.seq, entry.action, why))
        return "\n".join(line for line in lines if line) or self.tr("none")

    def request_sync(self) -> None:
        self._run(self.services.sync.request_sync, lambda _r: None)

    def show_sync(self, status: SyncStatus) -> None:
        if not status.has_server:
            state, colour = self.tr("● Offline station (provisioned from a bundle)"), "#546E7A"
        elif status.syncing:
            state, colour = self.tr("⟳ Syncing…"), "#1565C0"
        elif status.online:
            state, colour = self.tr("● Online"), "#2E7D32"
        else:
            state, colour = self.tr("○ Offline — scanning still works"), "#B26A00"
        self.sync_state.setText(state)
        self.sync_state.setStyleSheet(
            f"font-size: 26px; font-weight: 800; color: white; background: {colour};"
            " padding: 8px 16px; border-radius: 8px;"
        )
        # QLabel's size hint reads the first font's line height; a fallback font's taller
        # glyphs (Arabic) need the words' real height, plus the 8 px padding above and below.
        self.sync_state.ensurePolished()
        words = QFontMetrics(self.sync_state.font()).boundingRect(state).height()
        self.sync_state.setMinimumHeight(words + 2 * 8 + 2)
        self.sync_last.setText(age_words(status.last_sync_ms))
        self.sync_queue.setText(self.tr("%n log entry(ies)", "", status.queue_depth))
        self.sync_error.setText(sync_error_words(status) or self.tr("none"))
        self.sync_refused.setText(self.not_on_server_words())
        self.sync_now.setEnabled(status.has_server and not status.syncing)
        self.sync_progress.setVisible(status.syncing)
        if status.syncing:
            if status.progress is None:
                self.sync_progress.setRange(0, 0)
            else:
                self.sync_progress.setRange(0, 100)
                self.sync_progress.setValue(int(status.progress * 100))

    # -- printers -----------------------------------------------------------------------------

    def _printer_tab(self) -> QWidget:
        page = QWidget()
        self.printer_words = QLabel()
        self.printer_words.setWordWrap(True)
        self.printer_words.setObjectName("printerWords")
        check = QPushButton(self.tr("Check printer now"))
        check.clicked.connect(self.check_printer)
        top = QHBoxLayout()
        top.addWidget(self.printer_words, 1)
        top.addWidget(check)
        self.jobs = _table(
            [
                self.tr("Queued at"),
                self.tr("Ticket"),
                self.tr("Name"),
                self.tr("State"),
                self.tr("Tries"),
                self.tr("Problem"),
            ]
        )
        self.retry_button = QPushButton(self.tr("Retry selected"))
        self.retry_button.clicked.connect(self.retry_selected)
        retry_all = QPushButton(self.tr("Retry all failed"))
        retry_all.clicked.connect(self.retry_failed)
        self.confirm_button = QPushButton(self.tr("It printed"))
        self.confirm_button.setToolTip(
            self.tr("For a badge sent but not confirmed by the printer: you saw it come out.")
        )
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.reprint_button = QPushButton(self.tr("Reprint selected badge"))
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.reprint_ticket = QLineEdit()
        self.reprint_ticket.setPlaceholderText(self.tr("or a ticket number"))
        self.reprint_ticket.setMaximumWidth(220)
        reprint_number = QPushButton(self.tr("Reprint"))
        reprint_number.clicked.connect(self.reprint)
        # Wraps onto a second line where the words run long (German at 1024 px).
        row = FlowLayout()
        for widget in (self.retry_button, retry_all, self.confirm_button, self.reprint_button):
            row.addWidget(widget)
        row.addWidget(self.reprint_ticket)
        row.addWidget(reprint_number)
        self.printer_action = QLabel(
            self.tr(
                "Each badge prints once. A reprint is an operator's choice and is logged on the"
                " station as a reprint."
            )
        )
        self.printer_action.setObjectName("note")
        self.printer_action.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.jobs, 1)
        layout.addLayout(row)
        layout.addWidget(self.printer_action)
        return page

    def show_printer(self, health: PrinterHealth) -> None:
        waiting = ""
        if health.waiting:
            waiting = " — " + self.tr("%n badge(s) waiting", "", health.waiting)
        self.printer_words.setText(("✔ " if health.ok else "✖ ") + health.words + waiting)
        colour = "#1B5E20" if health.ok else "#B3191F"
        self.printer_words.setStyleSheet(f"color: {colour}; font-weight: 700;")

    def check_printer(self) -> None:
        self.printer_action.setText(self.tr("Asking the printer…"))
        printing = self.services.printing
        self._run(printing.check, self._checked_printer)

    def _checked_printer(self, health: PrinterHealth) -> None:
        self.show_printer(health)
        self.printer_action.setText(health.words)
        self.acted.emit(health.words)

    def retry_selected(self) -> None:
        job_id = selected_key(self.jobs)
        if job_id is None:
            self.printer_action.setText(self.tr("Select a failed badge first."))
            return
        printing = self.services.printing
        self._run(
            lambda: printing.retry(job_id), lambda _r: self._did(self.tr("Retrying the badge."))
        )

    def confirm_selected(self) -> None:
        """A badge the printer never confirmed, which the operator saw come out: logged as
        printed, so it is not printed twice."""
        job_id = selected_key(self.jobs)
        job = self.services.printing.job(job_id) if job_id else None
        if job is None or job.state is not JobState.UNCONFIRMED:
            self.printer_action.setText(self.tr("Select a badge marked 'sent, unconfirmed' first."))
            return
        printing = self.services.printing
        self._run(
            lambda: printing.confirm_printed(job.job_id),
            lambda _r: self._did(self.tr("Badge confirmed as printed (logged).")),
        )

    def retry_failed(self) -> None:
        printing = self.services.printing
        self._run(
            printing.retry_failed,
            lambda count: self._did(self.tr("Retrying %n failed badge(s).", "", count)),
        )

    def reprint_selected(self) -> None:
        job_id = selected_key(self.jobs)
        job = self.services.printing.job(job_id) if job_id else None
        if job is None:
            self.printer_action.setText(self.tr("Select the badge to reprint first."))
            return
        self._reprint(job.ticket_id)

    def reprint(self) -> None:
        text = self.reprint_ticket.text().strip()
        if not text.isdigit():
            self.printer_action.setText(self.tr("Type the ticket number to reprint."))
            return
        self._reprint(int(text))

    def _reprint(self, ticket_id: int) -> None:
        """An operator's reprint: queued as a reprint, logged as `badge_reprinted`."""
        printing = self.services.printing

        def reprint() -> str:
            try:
                printing.submit(ticket_id, reprint=True)
            except BadgeRefused as refusal:
                return str(refusal)
            log.info("operator reprint of the badge for ticket %s", ticket_id)
            return self.tr("Reprint of ticket {0} queued (logged as a reprint).").format(ticket_id)

        self._run(reprint, self._did)

    def _did(self, words: str) -> None:
        self.printer_action.setText(words)
        self.acted.emit(words)
        self.refresh()

    # -- conflicts ----------------------------------------------------------------------------

    def _conflicts_tab(self) -> QWidget:
        page = QWidget()
        self.conflicts = _table(
            [
                self.tr("Ticket"),
                self.tr("Name"),
                self.tr("First admitted"),
                self.tr("Admitted again"),
                self.tr("Status"),
            ]
        )
        self.ack_note = QLineEdit()
        self.ack_note.setPlaceholderText(self.tr("Note, e.g. checked ID: same person"))
        self.ack_button = QPushButton(self.tr("Acknowledge selected"))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        row = QHBoxLayout()
        row.addWidget(self.ack_note, 1)
        row.addWidget(self.ack_button)
        self.conflict_action = QLabel(
            self.tr(
                "The same single-entry ticket admitted twice with no exit between. Acknowledging"
                " is logged on this station and reaches the server with the next sync."
            )
        )
        self.conflict_action.setObjectName("note")
        self.conflict_action.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.conflicts, 1)
        layout.addLayout(row)
        layout.addWidget(self.conflict_action)
        return page

    def acknowledge_selected(self) -> None:
        conflict_id = selected_key(self.conflicts)
        if conflict_id is None:
            self.conflict_action.setText(self.tr("Select a conflict first."))
            return
        note = self.ack_note.text().strip() or self.tr("acknowledged by an operator")
        station, sync = self.services.station, self.services.sync

        def acknowledge() -> str:
            station.acknowledge_conflict(conflict_id, note)
            station.replica.refresh_acknowledgements()
            sync.request_sync()
            return conflict_id

        self._run(acknowledge, self._acknowledged)

    def _acknowledged(self, conflict_id: str) -> None:
        self.ack_note.clear()
        words = self.tr("Conflict acknowledged; the note goes to the server with the next sync.")
        self.conflict_action.setText(words)
        self.acted.emit(conflict_id)
        self.refresh()

    def show_conflicts(
        self,
        conflicts: list[StoredConflict],
        names: dict[int, str],
        stations: dict[tuple[str, str | None], StationLabel],
    ) -> None:
        """Both admissions of each conflict: the station by name and gate, and when."""

        def where(station: str, gate: str | None, hlc: int | None) -> str:
            label = stations.get((station, gate)) or StationLabel(station, None, gate)
            when = clock_words(wall_of(int(hlc))) if hlc else ""
            who = station_words(label)
            return self.tr("{0}, {1}").format(who, when) if when else who

        rows, colours, keys = [], [], []
        for c in sorted(conflicts, key=lambda c: bool(c.acknowledged_entry_id)):
            done = bool(c.acknowledged_entry_id)
            ticket = c.ticket_id
            rows.append(
                [
                    str(ticket),
                    names.get(ticket, ""),
                    where(c.first_station, c.first_gate, c.first_hlc),
                    where(c.second_station, c.second_gate, c.second_hlc),
                    self.tr("✔ acknowledged") if done else self.tr("open"),
                ]
            )
            colours.append(GREEN if done else AMBER)
            keys.append(c.id)
        _fill(self.conflicts, rows, colours, keys)
        open_count = sum(1 for c in conflicts if not c.acknowledged_entry_id)
        label = (
            self.tr("Conflicts ({0})").format(open_count) if open_count else self.tr("Conflicts")
        )
        self.tabs.setTabText(TAB_CONFLICTS, label)

    # -- station ------------------------------------------------------------------------------

    def _station_tab(self) -> QWidget:
        page = QWidget()
        station = self.services.station
        ident = station.identity
        event = station.replica.event_name()
        counts = station.replica.counts()
        server = ident.server_url or self.tr("none: provisioned from a bundle file (offline)")
        provisioned = datetime.fromtimestamp(ident.provisioned_ms / 1000).strftime("%Y-%m-%d %H:%M")
        form = QFormLayout(page)
        for label, value in (
            (self.tr("Station"), ident.name),
            (self.tr("Event"), event or "?"),
            (self.tr("Gate"), station.replica.gate_name(ident.gate_id)),
            (self.tr("Server"), server),
            (self.tr("Provisioned"), provisioned),
            (self.tr("Guest list"), self.tr("%n ticket(s)", "", counts.tickets)),
            (self.tr("Data folder"), str(station.replica.path.parent)),
            (self.tr("Station id (for the command line)"), ident.station_id),
        ):
            shown = QLabel(value)
            shown.setObjectName("formLabel")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            form.addRow(form_label(label), shown)
        note = QLabel(
            self.tr(
                "This station is provisioned. To set this laptop up for another event or as"
                " another station, start Doorline with an empty data folder:\n"
                "    doorline kiosk --data-dir NEW_FOLDER\n"
                "It opens the set-up screen (one-time token or bundle file)."
            )
        )
        note.setObjectName("note")
        note.setWordWrap(True)
        form.addRow(note)
        return page

    # -- settings -----------------------------------------------------------------------------

    def _settings_tab(self) -> QWidget:
        page = QWidget()
        s = self.services.settings
        replica = self.services.station.replica
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Door station (staff)"), Mode.DOOR)
        self.mode.addItem(self.tr("Self check-in kiosk"), Mode.SELF)
        self.mode.setCurrentIndex(0 if s.mode is Mode.DOOR else 1)
        self._gates = {gate.gate_id: gate for gate in replica.gates()}
        self.gate = QComboBox()
        for gate in self._gates.values():
            self.gate.addItem(gate.name, gate.gate_id)
        current = s.gate or self.services.station.identity.gate_id
        self.gate.setCurrentIndex(max(0, self.gate.findData(current)))
        self.gate_rules = QLabel()
        self.gate_rules.setObjectName("note")
        self.gate_rules.setWordWrap(True)
        self.gate.currentIndexChanged.connect(self._show_gate_rules)
        self._show_gate_rules()
        self.camera = QLineEdit(s.camera)
        self.decoder = QComboBox()
        self.decoder.addItems(list(DECODER_NAMES))
        self.decoder.setCurrentText(s.decoder)
        self.printer = QLineEdit(s.printer)
        self.printer.setPlaceholderText("pdf:FOLDER  escpos-net:HOST:9100  cups:NAME")
        self.sounds = QCheckBox(self.tr("Play verdict sounds"))
        self.sounds.setChecked(s.sounds)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(self.tr("leave empty to keep the PIN"))
        self.repeat_pin = QLineEdit()
        self.repeat_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_pin.setPlaceholderText(self.tr("the new PIN again"))
        self.settings_words = QLabel("")
        self.settings_words.setObjectName("note")
        self.settings_words.setWordWrap(True)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        save = QPushButton(
            self.tr("Save (camera, printer, gate and language apply after a restart)")
        )
        save.clicked.connect(self.save_settings)
        form = QFormLayout(page)
        form.addRow(form_label(self.tr("Mode")), self.mode)
        form.addRow(form_label(self.tr("Gate / check-in list")), self.gate)
        form.addRow("", self.gate_rules)
        form.addRow(form_label(self.tr("Camera (index, video or folder)")), self.camera)
        form.addRow(form_label(self.tr("Code reader")), self.decoder)
        form.addRow(form_label(self.tr("Badge printer")), self.printer)
        form.addRow(form_label(self.tr("Sounds")), self.sounds)
        form.addRow(form_label(self.tr("Language")), self.language)
        if self.services.station.pin_verifier() is None:
            form.addRow(form_label(self.tr("New operator PIN")), self.new_pin)
            form.addRow(form_label(self.tr("Repeat the new PIN")), self.repeat_pin)
        else:  # the event's PIN, from the server: a local one would not sign anything
            self.new_pin.hide()
            self.repeat_pin.hide()
            server_pin = QLabel(
                self.tr(
                    "The operator PIN is the event's, set on the server; this station learns a "
                    "new one with its next sync."
                )
            )
            server_pin.setWordWrap(True)
            form.addRow(form_label(self.tr("Operator PIN")), server_pin)
        form.addRow("", save)
        form.addRow("", self.settings_words)
        return _scrolling(page)

    def _show_gate_rules(self) -> None:
        gate = self._gates.get(self.gate.currentData())
        replica = self.services.station.replica
        self.gate_rules.setText(gate_rules_words(gate, replica.type_name) if gate else "")

    def save_settings(self) -> None:
        old = self.services.settings
        pin = self.new_pin.text().strip()
        if pin != self.repeat_pin.text().strip():
            self.settings_words.setText(
                self.tr("The two new PINs differ: type the new PIN twice. Nothing was saved.")
            )
            self.repeat_pin.clear()
            self.repeat_pin.setFocus()
            return
        if pin and (len(pin) < 4 or not pin.isdigit()):
            self.settings_words.setText(
                self.tr(
                    "A PIN is at least 4 digits (the keypad has digits only). Nothing was saved."
                )
            )
            return
        settings = replace(
            old,
            mode=Mode(self.mode.currentData()),
            gate=self.gate.currentData(),
            camera=self.camera.text().strip() or old.camera,
            decoder=self.decoder.currentText(),
            printer=self.printer.text().strip(),
            sounds=self.sounds.isChecked(),
            language=str(self.language.currentData()),
            pin_hash=hash_pin(pin) if pin else old.pin_hash,
        )
        self.services.save_settings(settings)
        self.new_pin.clear()
        self.repeat_pin.clear()
        self.settings_words.setText(
            self.tr("Saved. The new PIN is in force.") if pin else self.tr("Saved.")
        )
        if settings.mode is not old.mode:
            self.mode_requested.emit(str(settings.mode))

    def done(self, result: int) -> None:
        self._poll.stop()
        self.runner.wait(20_000)
        super().done(result)

    # -- polling ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._refreshing:
            return
        self._refreshing = True
        s = self.services
        self.runner.run(lambda: _read_snapshot(s), self._show_refresh, self._refresh_failed)

    def _refresh_failed(self, _error: Exception) -> None:
        self._refreshing = False

    def _show_refresh(self, snapshot: Snapshot) -> None:
        self._refreshing = False
        self.show_sync(snapshot.sync)
        self.show_printer(snapshot.printer)
        _fill(
            self.jobs,
            [
                [
                    clock_words(j.created_ms),
                    str(j.ticket_id),
                    snapshot.names.get(j.ticket_id, ""),
                    job_state_words(j),
                    str(j.attempts),
                    j.error_words or j.note or "",
                ]
                for j in snapshot.jobs
            ],
            [job_colour(j) for j in snapshot.jobs],
            [j.job_id for j in snapshot.jobs],
        )
        self.show_conflicts(snapshot.conflicts, snapshot.names, snapshot.stations)
        self.refreshed.emit()


def _read_snapshot(services: StationServices) -> Snapshot:
    jobs = services.printing.jobs()
    conflicts = services.station.replica.conflicts()
    tickets = {j.ticket_id for j in jobs} | {c.ticket_id for c in conflicts}
    names: dict[int, str] = {}
    for ticket_id in tickets:
        record = services.station.replica.ticket(ticket_id)
        if record is not None:
            names[ticket_id] = record.display_name
    replica = services.station.replica
    stations = {
        (station, gate): replica.station_label(station, gate)
        for c in conflicts
        for station, gate in ((c.first_station, c.first_gate), (c.second_station, c.second_gate))
    }
    return Snapshot(
        services.sync.status(), services.printing.health(), jobs, names, conflicts, stations
    )
