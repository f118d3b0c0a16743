"""Staff search by name or confirmation code, with manual check-in of the chosen person.

The search runs on a worker; the list shows name, ticket type and confirmation code only.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.attendee_search import DoorSearch, door_search
from kiosk.domain.merge import TicketState, TicketStatus
from kiosk.station_store import StationStore
from kiosk.ui.workers import TaskRunner

SEARCH_CSS = (
    "QLineEdit { font-size: 26px; min-height: 60px; padding: 0 14px; border-radius: 8px;"
    " background: #FFFFFF; color: #111111; }"
    " QListWidget { font-size: 24px; background: #FFFFFF; color: #111111; border-radius: 8px; }"
    " QListWidget::item { min-height: 60px; padding: 0 12px; border-bottom: 1px solid #CFD8DC; }"
    " QListWidget::item:selected { background: #00897B; color: #FFFFFF; }"
    " QPushButton { font-size: 22px; min-height: 64px; padding: 0 24px; border-radius: 10px;"
    " background: #37474F; color: #FFFFFF; }"
    " QPushButton#checkIn { background: #00897B; }"
    " QPushButton:disabled { background: #546E7A; color: #B0BEC5; }"
    " QLabel { font-size: 20px; color: #ECEFF1; }"
    " #held { background: #FFB300; border-radius: 8px; }"
    " #held QLabel { color: #111111; font-weight: 700; }"
)


class SearchPanel(QWidget):
    check_in_requested = Signal(int)
    held_code_requested = Signal(str)  # staff chose to check the ticket the camera read
    closed = Signal()

    def __init__(self, replica: StationStore, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._replica = replica
        self._runner = runner
        self.setStyleSheet(SEARCH_CSS)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Name or confirmation code"))
        self.results = QListWidget()
        self.status = QLabel("")
        self.check_in = QPushButton(self.tr("Check in selected person"))
        self.check_in.setObjectName("checkIn")
        self.check_in.setEnabled(False)
        back = QPushButton(self.tr("Back to scanning"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.results.currentItemChanged.connect(
            lambda item, _old: self.check_in.setEnabled(item is not None)
        )
        self.check_in.clicked.connect(self._check_in)
        back.clicked.connect(self.closed.emit)
        self.held_code: str | None = None
        self.held = QWidget()
        self.held.setObjectName("held")
        self.held.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.held_words = QLabel(self.tr("The camera read a ticket while you were searching."))
        self.held_words.setWordWrap(True)
        check_held = QPushButton(self.tr("Check that ticket"))
        check_held.clicked.connect(self._check_held)
        ignore_held = QPushButton(self.tr("Ignore"))
        ignore_held.clicked.connect(self.drop_held)
        held_row = QHBoxLayout(self.held)
        held_row.setContentsMargins(12, 6, 6, 6)
        held_row.addWidget(self.held_words, 1)
        held_row.addWidget(check_held)
        held_row.addWidget(ignore_held)
        self.held.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.check_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.held)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)

    def hold_code(self, code: str) -> None:
        """A camera read during a search: kept as a notice, the search stays as it is."""
        self.held_code = code
        self.held.show()

    def drop_held(self) -> None:
        self.held_code = None
        self.held.hide()

    def _check_held(self) -> None:
        code = self.held_code
        self.drop_held()
        if code:
            self.held_code_requested.emit(code)

    def reset(self) -> None:
        self.drop_held()
        self.query.clear()
        self.results.clear()
        self.status.setText(self.tr("Type part of a name, or a confirmation code."))
        self.query.setFocus()

    def run_search(self) -> None:
        text = self.query.text()
        if len(text.strip()) < 2:
            self.results.clear()
            self.status.setText(self.tr("Type part of a name, or a confirmation code."))
            return
        replica = self._replica
        self._runner.run(
            lambda: door_search(replica, text), lambda r: self._show(text, r), self._failed
        )

    def _failed(self, error: Exception) -> None:
        self.status.setText(self.tr("Search failed: {0}").format(error))

    def _show(self, text: str, found: DoorSearch) -> None:
        if text != self.query.text():
            return  # an older search finished after a newer one started
        self.results.clear()
        for match, state in zip(found.matches, found.states, strict=True):
            t = match.ticket
            where = self._where(state)
            label = f"{t.display_name}  ·  {t.type_name}  ·  {match.confirmation}  ·  {where}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, t.ticket_id)
            self.results.addItem(item)
        shown = len(found.matches)
        if found.total > shown:
            total = f"{found.total}+" if found.more else str(found.total)
            words = self.tr("{0} of {1} shown — type more to narrow the list")
            self.status.setText(words.format(shown, total))
        else:
            self.status.setText(self.tr("%n found", "", shown))

    def _where(self, state: TicketState) -> str:
        """Whether the person is inside now, left, or not checked in yet."""
        if state.status is TicketStatus.INSIDE:
            since = state.inside_since
            clock = datetime.fromtimestamp(since.wall_ms / 1000).strftime("%H:%M") if since else ""
            return f"● {self.tr('inside')} {clock}".strip()
        if state.admissions:
            return f"↩ {self.tr('left')}"
        return f"○ {self.tr('not checked in')}"

    def _check_in(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.check_in_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
