"""The staffed door station: camera, verdict card, entry/exit, search, undo, status.

A thin layer: every decision is the station's (`scan`, `manual_checkin`, `undo`), run on a
worker; this window only shows outcomes and forwards input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.station import Counters, ScanOutcome
from kiosk.domain.verdicts import Direction, Verdict
from kiosk.ui.banner import Banner
from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.camera_view import CameraView
from kiosk.ui.clock_words import clock_banner
from kiosk.ui.fit_label import FitLabel
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.languages import translate
from kiosk.ui.print_port import BadgePrinting, BadgeRefused, JobState
from kiosk.ui.search_panel import SearchPanel
from kiosk.ui.sounds import cue_for
from kiosk.ui.station_services import StationServices
from kiosk.ui.status_strip import StatusStrip
from kiosk.ui.sync_port import SyncStatus
from kiosk.ui.verdict_card import VerdictCard, when_words
from kiosk.ui.verdict_style import headline_words, style_for
from kiosk.ui.workers import TaskRunner

log = logging.getLogger(__name__)

UNDO_WINDOW_S = 300  # undo offers only this station's own last entry of these last seconds


@dataclass(frozen=True)
class UndoOffer:
    """The one entry Undo would cancel, named for the question staff confirm."""

    entry_id: str
    action: str
    who: str
    wall_ms: int


TOOLBAR_CSS = (
    "QPushButton { font-size: 20px; min-height: 64px; padding: 0 16px; border-radius: 10px;"
    " background: #37474F; color: white; }"
    " QPushButton:checked { background: #00897B; }"
    " QPushButton:disabled { background: #90A4AE; }"
    " QLabel#title { font-size: 24px; font-weight: 800; color: white; }"
)


class DoorWindow(QWidget):
    outcome_shown = Signal(object)  # ScanOutcome, after the card is up (tests, screenshots)
    status_polled = Signal()  # after a sync/printer status poll reached the screen

    def __init__(
        self,
        services: StationServices,
        feed: CameraFeed | None = None,
        open_operator: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        *,
        take_camera_codes: bool = True,
    ) -> None:
        """`take_camera_codes=False` when a host (the station shell) routes the camera's codes
        itself: the door must not scan what the camera sees while the kiosk is showing."""
        super().__init__(parent)
        self.services = services
        self.feed = feed
        self._open_operator = open_operator or (lambda: None)
        self.direction = Direction.ENTRY
        self._polling = False
        self.scans = TaskRunner(threads=1, parent=self)  # verdicts in scan order
        self.io = TaskRunner(threads=2, parent=self)  # searches, status polls
        self.setWindowTitle(self.tr("Doorline — door station"))
        # A QWidget subclass paints a style-sheet background only with WA_StyledBackground;
        # without it the header is white-on-light-grey on a real X display.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("DoorWindow { background: #1C252B; }")
        self._build()
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self.show_scanner)
        self._poll = QTimer(self)
        self._poll.timeout.connect(self.poll_status)
        self._poll.start(1000)
        self._back_to_search = False  # a scan interrupted a search: return to it afterwards
        self.undo_question: QMessageBox | None = None
        if feed is not None:
            if take_camera_codes:
                feed.code_seen.connect(self.camera_code)
            feed.problem.connect(self._camera_problem)
            feed.state_changed.connect(self._camera_state)
        self.refresh_counters()
        self.poll_status()

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        station = self.services.station
        self.banner = Banner()
        self.camera = CameraView(self.feed)
        self.card = VerdictCard()
        self.card.dismissed.connect(self.show_scanner)
        self.search = SearchPanel(station.replica, self.io)
        self.search.closed.connect(self._leave_search)
        self.search.check_in_requested.connect(self.manual_checkin)
        self.search.held_code_requested.connect(lambda code: self.submit_code(code, "camera"))
        self.last = QLabel(self.tr("Ready. Point a ticket at the camera."))
        self.last.setWordWrap(True)
        self.last.setStyleSheet("font-size: 20px; color: #ECEFF1; padding: 8px;")
        scan_page = QWidget()
        scan_layout = QVBoxLayout(scan_page)
        scan_layout.addWidget(self.camera, 1)
        scan_layout.addWidget(self.last)
        self.pages = QStackedWidget()
        for page in (scan_page, self.card, self.search):
            self.pages.addWidget(page)
        self.status = StatusStrip()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._toolbar(station.gate.name, station.identity.name))
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)

    def _toolbar(self, gate: str, name: str) -> QWidget:
        bar = QWidget()
        bar.setStyleSheet(TOOLBAR_CSS)
        title = FitLabel(f"{name} · {gate}", largest_px=24, smallest_px=18, max_lines=1, bold=True)
        title.setObjectName("title")
        title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        title.setMinimumWidth(160)
        title.setMinimumHeight(64)
        self.title = title
        self.entry_button = QPushButton(self.tr("Entry"))
        self.exit_button = QPushButton(self.tr("Exit"))
        group = QButtonGroup(bar)
        for button in (self.entry_button, self.exit_button):
            button.setCheckable(True)
            group.addButton(button)
        self.entry_button.setChecked(True)
        self.entry_button.clicked.connect(lambda: self.set_direction(Direction.ENTRY))
        self.exit_button.clicked.connect(lambda: self.set_direction(Direction.EXIT))
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(self.show_search)
        self.undo_button = QPushButton(self.tr("↶ Undo"))
        self.undo_button.clicked.connect(self.undo_last)
        self.settings_button = QPushButton(self.tr("⚙ Operator"))
        self.settings_button.clicked.connect(self._open_operator)
        # One line on a wide screen (title left, buttons right); on a narrow one the buttons
        # wrap under the title instead of pushing the window past the screen's edge.
        flow = FlowLayout(bar, align_right=True, lead_left=True)
        flow.setContentsMargins(QMargins(10, 8, 10, 8))
        flow.addWidget(title)
        for button in (
            self.entry_button,
            self.exit_button,
            self.search_button,
            self.undo_button,
            self.settings_button,
        ):
            flow.addWidget(button)
        return bar

    # -- pages --------------------------------------------------------------------------------

    def show_scanner(self) -> None:
        """After a verdict: back to the camera, or to the search a scan interrupted (with what
        was typed and found still there)."""
        self._hold.stop()
        if self._back_to_search:
            self._back_to_search = False
            self.pages.setCurrentWidget(self.search)
            self.search.query.setFocus()
            return
        self.pages.setCurrentIndex(0)

    def _leave_search(self) -> None:
        self._back_to_search = False
        self.show_scanner()

    def show_search(self) -> None:
        if self.pages.currentWidget() is not self.search:
            self.search.reset()
        self.pages.setCurrentWidget(self.search)
        self.search.query.setFocus()  # the tap focused the button: typing goes to the box

    def camera_code(self, code: str) -> None:
        """A camera read while staff search or type is held as a notice on the search page
        (staff check it when ready); it never replaces their search."""
        if self.pages.currentWidget() is self.search:
            self.search.hold_code(code)
            return
        self.submit_code(code, "camera")

    def set_direction(self, direction: Direction) -> None:
        self.direction = direction
        (self.entry_button if direction is Direction.ENTRY else self.exit_button).setChecked(True)

    # -- scanning -----------------------------------------------------------------------------

    def submit_code(self, code: str, method: str) -> None:
        station, direction = self.services.station, self.direction
        self.scans.run(
            lambda: (station.scan(code, direction, method=method), station.counters()),
            self._scanned,
            self._scan_failed,
        )

    def manual_checkin(self, ticket_id: int) -> None:
        station, direction = self.services.station, self.direction
        self.scans.run(
            lambda: (station.manual_checkin(ticket_id, direction), station.counters()),
            self._scanned,
            self._scan_failed,
        )

    def undo_last(self) -> None:
        """Offer to undo this station's own last entry or exit of the last few minutes: the
        question names the person and the time, and nothing is undone until staff confirm."""
        station = self.services.station
        window_ms = int(UNDO_WINDOW_S * 1000)

        def find() -> UndoOffer | None:
            entry = station.last_undoable(within_ms=window_ms)
            if entry is None:
                return None
            record = station.replica.ticket(entry.ticket_id) if entry.ticket_id else None
            who = record.display_name if record else f"#{entry.ticket_id}"
            return UndoOffer(entry.id, str(entry.action), who, entry.wall_ms)

        self.scans.run(find, self._offer_undo, self._scan_failed)

    def _offer_undo(self, offer: UndoOffer | None) -> None:
        if offer is None:
            self.last.setText(
                self.tr(
                    "Nothing to undo: only this station's own last scan of the last"
                    " %n minute(s) can be undone.",
                    "",
                    int(UNDO_WINDOW_S // 60),
                )
            )
            self.show_scanner()
            return
        when = when_words(offer.wall_ms)
        if offer.action == "exit":
            question = self.tr("Undo the exit of {0} {1}?").format(offer.who, when)
        else:
            question = self.tr("Undo the check-in of {0} {1}?").format(offer.who, when)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Undo"))
        box.setText(question)
        undo = box.addButton(self.tr("Undo it"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setStyleSheet(
            "QLabel { font-size: 22px; } QPushButton { font-size: 20px;"
            " min-height: 60px; min-width: 160px; }"
        )
        undo.clicked.connect(lambda: self._undo(offer))
        self.undo_question = box
        box.open()

    def _undo(self, offer: UndoOffer) -> None:
        station = self.services.station

        def undo() -> tuple[str, Counters]:
            station.undo(offer.entry_id)
            return self.tr("Undone: {0}, {1}.").format(offer.who, when_words(offer.wall_ms)), (
                station.counters()
            )

        self.scans.run(undo, self._undone, self._scan_failed)

    def _undone(self, result: tuple[str, Counters]) -> None:
        words, counters = result
        self.last.setText(words)
        self.status.show_counters(counters)
        self.show_scanner()

    def _scanned(self, result: tuple[ScanOutcome, Counters]) -> None:
        outcome, counters = result
        if self.undo_question is not None and self.undo_question.isVisible():
            self.undo_question.reject()  # it asked about the scan before: no longer the last
        if self.pages.currentWidget() is self.search:
            self._back_to_search = True
        self.status.show_counters(counters)
        self.card.show_outcome(outcome)
        self.pages.setCurrentWidget(self.card)
        self.services.sounds.play(cue_for(outcome.verdict))
        style = style_for(outcome.verdict)
        who = f" — {outcome.attendee_name}" if outcome.attendee_name else ""
        headline = headline_words(outcome.verdict, outcome.said)
        self.last.setText(f"{style.symbol} {headline}{who}")
        self._hold.start(int(self.services.settings.verdict_hold_s * 1000))
        self._maybe_print_badge(outcome)
        self.outcome_shown.emit(outcome)

    def _scan_failed(self, error: Exception) -> None:
        self.banner.post("scan", self.tr("Scan not recorded: {0}").format(error))

    def _maybe_print_badge(self, outcome: ScanOutcome) -> None:
        """An admitted attendee's first badge goes to the print queue; a badge printed (or
        waiting) already is not printed again, only an operator reprints."""
        printing = self.services.printing
        if not printing.configured or outcome.ticket_id is None:
            return
        if outcome.verdict is Verdict.ADMITTED:
            ticket_id = outcome.ticket_id
            self.io.run(
                lambda: _queue_badge(printing, ticket_id), lambda _job: None, self._badge_failed
            )

    def _badge_failed(self, error: Exception) -> None:
        words = self.tr("Printer: badge not queued ({0}). Scanning continues.").format(error)
        self.banner.post("badge", words)

    def _camera_problem(self, words: str) -> None:
        """Camera trouble: a banner, and the preview itself says there is no picture and why
        (not "Starting camera…" forever)."""
        self.banner.post("camera", words)
        self.camera.message = self.tr("No camera picture: {0}").format(words)
        self.camera.update()

    def _camera_state(self, state: str) -> None:
        if state == "running":
            self.banner.resolve("camera")
        elif state == "reconnecting" and self.camera.message == self.camera.starting_words:
            self.camera.message = self.tr("No camera picture. Looking for the camera again…")
            self.camera.update()
        elif state == "failed":
            self.camera.message = self.tr("No camera picture")
            self.camera.update()

    def shutdown(self) -> None:
        """Stop polling and let running work finish (before the station closes)."""
        self._poll.stop()
        self._hold.stop()
        self.scans.wait()
        self.io.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # -- status -------------------------------------------------------------------------------

    def refresh_counters(self) -> None:
        station = self.services.station
        self.io.run(station.counters, self.status.show_counters, self._counters_failed)

    def _counters_failed(self, error: Exception) -> None:
        self.banner.post("counters", self.tr("Counters not updated: {0}").format(error))

    def poll_status(self) -> None:
        """Sync and printer state, once a second; never two polls at once (a slow printer
        must not pile polls up in front of searches)."""
        if self._polling:
            return
        self._polling = True
        services = self.services
        self.io.run(
            lambda: (services.sync.status(), printer_problem(services.printing)),
            self._show_status,
            self._poll_failed,
        )

    def _poll_failed(self, error: Exception) -> None:
        self._polling = False
        self.banner.post("status", self.tr("Sync and printer status unknown: {0}").format(error))

    def _show_status(self, result: tuple[SyncStatus, tuple[str, str] | None]) -> None:
        self._polling = False
        self.banner.resolve("status")
        status, problem = result
        self.status.show_sync(status)
        skew = clock_banner(status.clock_offset_ms)
        if skew:
            self.banner.post("clock", skew)
        else:
            self.banner.resolve("clock")
        if problem:
            self.banner.post("printer", *problem)
        else:
            self.banner.resolve("printer")
        self.status_polled.emit()


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _queue_badge(printing: BadgePrinting, ticket_id: int) -> str | None:
    try:
        return printing.submit(ticket_id)
    except BadgeRefused as refusal:  # printed or waiting already: nothing to do at the door
        log.info("no new badge for ticket %s: %s", ticket_id, refusal)
        return None


def printer_problem(printing: BadgePrinting) -> tuple[str, str] | None:
    """Words for the banner when badges cannot print, and the problem's key (the words
    without the changing count of waiting badges), else None. Checked on a worker."""
    if not printing.configured:
        return None
    health = printing.health()
    if not health.ok:
        words = translate("DoorWindow", "Printer: {0} Scanning continues.").format(
            _sentence(health.words)
        )
        if health.waiting:
            waiting = translate(
                "DoorWindow", "%n badge(s) wait in the queue.", None, health.waiting
            )
            return f"{words} {waiting}", words
        return words, words
    unconfirmed = printing.jobs((JobState.UNCONFIRMED,))
    if unconfirmed:
        words = translate(
            "DoorWindow",
            "Printer: a badge was sent but not confirmed ({0}). Operator → Printers to confirm"
            " or reprint.",
        ).format(unconfirmed[0].error_words)
        return words, words
    failed = printing.jobs((JobState.FAILED,))
    if not failed:
        return None
    stuck = [j for j in failed if not j.will_retry]
    if stuck:
        words = translate(
            "DoorWindow", "Printer: badge not printed ({0}). Operator → Printers to retry."
        ).format(stuck[0].error_words)
        if len(stuck) > 1:
            return f"{words} " + translate("DoorWindow", "({0} in all)").format(len(stuck)), words
        return words, words
    words = translate("DoorWindow", "Printer: badge failed ({0}); retrying.").format(
        failed[0].error_words
    )
    return words, words
