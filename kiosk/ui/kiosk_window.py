"""The self-check-in kiosk: attract → scan or find → confirm → badge → attract.

Full screen, touch-sized (every target ≥ 60 px), large type, high contrast. A lookup shows one
person or nothing, never a list. Leaving needs the operator PIN; so does closing the window.
The steps follow `kiosk_flow`; the station does the checking-in on a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.attendee_search import find_by_confirmation, find_by_surname_and_email
from kiosk.core.station import ScanOutcome
from kiosk.domain.scanned_text import read_scanned
from kiosk.domain.verdicts import Direction
from kiosk.station_store import AttendeeMatch
from kiosk.ui.fit_label import FitLabel
from kiosk.ui.kiosk_flow import SEE_DESK_WORDS, Candidate, Step, after_checkin, desk_reason
from kiosk.ui.pin_dialog import PinDialog
from kiosk.ui.print_port import JobState
from kiosk.ui.sounds import cue_for
from kiosk.ui.station_services import StationServices
from kiosk.ui.verdict_icon import VerdictIcon
from kiosk.ui.verdict_style import Icon
from kiosk.ui.workers import TaskRunner
from printing.errors import BadgeAlreadyPrinted

KIOSK_CSS = """
KioskWindow, QStackedWidget > QWidget { background: #0B1A2A; }
QLabel { color: #FFFFFF; font-size: 30px; }
QLabel#big { font-size: 64px; font-weight: 800; }
QLabel#hint { color: #FFE082; font-size: 28px; font-weight: 700; }
QLineEdit { font-size: 34px; min-height: 80px; padding: 0 16px; background: #FFFFFF;
            color: #000000; border-radius: 10px; }
QPushButton { font-size: 32px; font-weight: 700; min-height: 96px; min-width: 200px;
              padding: 0 36px; border-radius: 14px; background: #FFD54F; color: #000000; }
QPushButton#secondary { background: #CFD8DC; }
QPushButton#staff { font-size: 20px; min-height: 60px; min-width: 120px; background: #37474F;
                    color: #FFFFFF; }
QProgressBar { min-height: 40px; font-size: 24px; color: #000; background: #FFFFFF; }
"""


# (largest, smallest px, lines): words step down to fit a long name on a small screen
_LABEL_SIZES = {"big": (64, 36, 2), "hint": (28, 22, 3), "": (30, 22, 3)}


def _label(text: str = "", name: str = "") -> FitLabel:
    largest, smallest, lines = _LABEL_SIZES[name]
    label = FitLabel(
        text, largest_px=largest, smallest_px=smallest, max_lines=lines, bold=name != ""
    )
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if name:
        label.setObjectName(name)
    return label


def _button(text: str, action: Callable[[], None], name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(action)
    if name:
        button.setObjectName(name)
    return button


class KioskWindow(QWidget):
    step_changed = Signal(str)

    def __init__(
        self,
        services: StationServices,
        open_operator: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._open_operator = open_operator or (lambda: None)
        self.runner = TaskRunner(threads=1, parent=self)
        self.step = Step.ATTRACT
        self.candidate: Candidate | None = None
        self.job_id: str | None = None
        self._print_started = 0.0
        self.allow_close = False
        self.pin_dialog: PinDialog | None = None
        self.setWindowTitle(self.tr("Doorline — self check-in"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # no light frame
        self.setStyleSheet(KIOSK_CSS)
        self.pages: dict[Step, QWidget] = {}
        self.stack = QStackedWidget()
        self._build_pages()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        self._idle = _timer(self, self.reset)
        self._done = _timer(self, self.reset)
        self._job_poll = QTimer(self)
        self._job_poll.timeout.connect(self._poll_job)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.go(Step.ATTRACT)

    # -- pages --------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        self.pages[Step.ATTRACT] = self._attract_page()
        self.pages[Step.FIND] = self._find_page()
        self.pages[Step.CONFIRM] = self._confirm_page()
        self.pages[Step.PRINTING] = self._printing_page()
        self.pages[Step.TAKE_BADGE] = self._take_badge_page()
        self.pages[Step.SEE_DESK] = self._desk_page()
        for page in self.pages.values():
            self.stack.addWidget(page)

    def _page(self, *widgets: QWidget, staff: bool = False) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 30, 60, 40)
        if staff:
            top = QHBoxLayout()
            top.addStretch(1)
            top.addWidget(_button(self.tr("Staff"), self.ask_pin, "staff"))
            layout.addLayout(top)
        layout.addStretch(1)
        for widget in widgets:
            if isinstance(widget, QLabel):
                layout.addWidget(widget)  # full width, so long words wrap instead of clipping
            else:
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addSpacing(24)
        layout.addStretch(1)
        return page

    def _attract_page(self) -> QWidget:
        event = self.services.station.replica.event_name()
        title = _label(event or self.tr("Welcome"), "big")
        self.attract_words = _label(self.tr("Scan your ticket or tap to find it"), "hint")
        self.find_button = _button(self.tr("Find my ticket"), lambda: self.go(Step.FIND))
        return self._page(title, self.attract_words, self.find_button, staff=True)

    def _find_page(self) -> QWidget:
        """Two ways side by side (code | surname + e-mail), each with its own Find button, so
        every target keeps its full touch size on a 1280×800 screen."""
        self.confirmation = QLineEdit()
        # confirmation codes use ABCDEFGHJKLMNPRSTUVWX23456789: no O/0, I/1, Q, Y or Z
        self.confirmation.setPlaceholderText(self.tr("e.g. K7M2P9XA"))
        self.confirmation.returnPressed.connect(self.find_by_code)
        self.surname = QLineEdit()
        self.surname.setPlaceholderText(self.tr("Surname"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("E-mail address"))
        self.email.returnPressed.connect(self.find_by_contact)
        self.find_message = _label("", "hint")
        self.find_code_button = _button(self.tr("Find by code"), self.find_by_code)
        self.find_contact_button = _button(self.tr("Find by name"), self.find_by_contact)
        by_code = self._find_column(
            self.tr("Your confirmation code"), [self.confirmation], self.find_code_button
        )
        by_contact = self._find_column(
            self.tr("Or your surname and e-mail"),
            [self.surname, self.email],
            self.find_contact_button,
        )
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(48)
        row.addWidget(by_code, 1, Qt.AlignmentFlag.AlignTop)
        row.addWidget(by_contact, 1, Qt.AlignmentFlag.AlignTop)
        back = _button(self.tr("Back"), self.reset, "secondary")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.addWidget(_label(self.tr("Find your ticket"), "big"))
        layout.addSpacing(16)
        layout.addWidget(columns)
        layout.addStretch(1)
        layout.addWidget(self.find_message)
        layout.addStretch(1)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignHCenter)
        return page

    @staticmethod
    def _find_column(title: str, fields: list[QLineEdit], button: QPushButton) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        heading = _label(title)
        heading.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(heading)
        for field in fields:
            layout.addWidget(field)
        layout.addWidget(button)
        return column

    def _confirm_page(self) -> QWidget:
        self.confirm_name = _label("", "big")
        self.confirm_type = _label("")
        yes = _button(self.tr("Yes, print my badge"), self.confirm)
        no = _button(self.tr("No, that's not me"), self.not_me, "secondary")
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.addWidget(no)
        buttons.addWidget(yes)
        return self._page(
            _label(self.tr("Is this you?")), self.confirm_name, self.confirm_type, row
        )

    def _printing_page(self) -> QWidget:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMinimumWidth(700)
        self.printing_words = _label(self.tr("Printing your badge…"), "big")
        return self._page(self.printing_words, self.progress)

    def _take_badge_page(self) -> QWidget:
        icon = VerdictIcon()
        icon.set_icon(Icon.CHECK, "#69F0AE")
        icon.setFixedSize(220, 220)
        self.take_words = _label(self.tr("Take your badge"), "big")
        self.welcome_words = _label("")
        return self._page(icon, self.take_words, self.welcome_words)

    def _desk_page(self) -> QWidget:
        self.desk_icon = VerdictIcon()
        self.desk_icon.set_icon(Icon.HAND, "#FFD54F")
        self.desk_icon.setFixedSize(220, 220)
        self.desk_words = _label(self.tr(SEE_DESK_WORDS), "big")
        self.desk_reason = _label("")
        done = _button(self.tr("OK"), self.reset)
        return self._page(self.desk_icon, self.desk_words, self.desk_reason, done)

    # -- steps --------------------------------------------------------------------------------

    def go(self, step: Step) -> None:
        self.step = step
        self.stack.setCurrentWidget(self.pages[step])
        self._done.stop()
        if step in (Step.TAKE_BADGE, Step.SEE_DESK):
            self._done.start(int(self.services.settings.take_badge_s * 1000))
        self.touch()
        self.step_changed.emit(str(step))

    def reset(self) -> None:
        """Back to the attract screen, forgetting everything the last person entered."""
        self.candidate = None
        self.job_id = None
        self._job_poll.stop()
        for field in (self.confirmation, self.surname, self.email):
            field.clear()
        self.find_message.clear()
        self.go(Step.ATTRACT)

    def touch(self) -> None:
        """Someone is using the kiosk: restart the idle countdown."""
        if self.step in (Step.ATTRACT, Step.PRINTING):
            self._idle.stop()
        else:
            self._idle.start(int(self.services.settings.idle_reset_s * 1000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            self.touch()
        return False

    # -- finding ------------------------------------------------------------------------------

    def submit_code(self, code: str, method: str = "kiosk") -> None:
        """A ticket scanned at the kiosk (camera or hand scanner)."""
        if self.step not in (Step.ATTRACT, Step.FIND):
            return
        station = self.services.station
        self.runner.run(lambda: station.scan(code, Direction.ENTRY, method=method), self._scanned)

    def _scanned(self, outcome: ScanOutcome) -> None:
        candidate = Candidate.from_scan(outcome)
        if candidate is None:
            self._see_desk(outcome)
            return
        self._offer(candidate)

    def find_by_code(self) -> None:
        """The code field takes a confirmation code, or a whole ticket code (typed, pasted or
        scanned into it), which is checked in like a scan."""
        replica, code = self.services.station.replica, self.confirmation.text()
        if read_scanned(code).ticket_shaped() is not None:
            self.confirmation.clear()
            self.submit_code(code, "kiosk")
            return
        self.runner.run(lambda: find_by_confirmation(replica, code), self._found)

    def find_by_contact(self) -> None:
        replica = self.services.station.replica
        surname, email = self.surname.text(), self.email.text()
        self.runner.run(lambda: find_by_surname_and_email(replica, surname, email), self._found)

    def _found(self, match: AttendeeMatch | None) -> None:
        if match is None:
            self.find_message.setText(
                self.tr(
                    "We could not find a ticket with those details. Check them, or see the desk."
                )
            )
            return
        self._offer(Candidate.from_match(match))

    def _offer(self, candidate: Candidate) -> None:
        self.candidate = candidate
        self.confirm_name.setText(candidate.name)
        self.confirm_type.setText(candidate.ticket_type)
        self.go(Step.CONFIRM)

    # -- checking in and printing -------------------------------------------------------------

    def confirm(self) -> None:
        candidate = self.candidate
        if candidate is None:
            return
        if candidate.scanned is not None:
            self._checked_in(candidate.scanned)
            return
        station = self.services.station
        self.runner.run(lambda: station.manual_checkin(candidate.ticket_id), self._checked_in)

    def not_me(self) -> None:
        candidate = self.candidate
        if candidate is not None and candidate.scanned is not None:
            station, entry_id = self.services.station, candidate.scanned.entry_id
            self.runner.run(lambda: station.undo(entry_id, "kiosk: not me"), lambda _o: None)
        self.go(Step.SEE_DESK)
        self.desk_reason.setText(self.tr("A member of staff will help you find your ticket."))

    def _checked_in(self, outcome: ScanOutcome) -> None:
        self.services.sounds.play(cue_for(outcome.verdict))
        ticket_id = outcome.ticket_id
        if after_checkin(outcome) is Step.SEE_DESK or ticket_id is None:
            self._see_desk(outcome)
            return
        printing = self.services.printing
        self.welcome_words.setText(self.tr("Welcome, {0}!").format(outcome.attendee_name or ""))
        self.printing_words.setText(self.tr("Printing your badge…"))
        self.go(Step.PRINTING)
        self._print_started = time.monotonic()
        self.runner.run(lambda: printing.submit(ticket_id), self._printing, self._not_queued)

    def _printing(self, job_id: str) -> None:
        if self.step is not Step.PRINTING:
            return
        self.job_id = job_id
        self._job_poll.start(200)
        self._poll_job()

    def _not_queued(self, error: Exception) -> None:
        """The queue refused the badge (printed before, or waiting) or the printer setting is
        unusable: the attendee is checked in; the desk prints a badge if one is needed."""
        if self.step is not Step.PRINTING:
            return
        if isinstance(error, BadgeAlreadyPrinted):
            reason = self.tr(
                "You are checked in. Your badge was printed earlier; the desk can"
                " print another one."
            )
        else:
            reason = self.tr("You are checked in, but your badge could not be printed.")
        self._badge_trouble(reason)

    def _poll_job(self) -> None:
        job = self.services.printing.job(self.job_id) if self.job_id else None
        waited = time.monotonic() - self._print_started
        if job is not None and job.state is JobState.DONE:
            self._job_poll.stop()
            self.go(Step.TAKE_BADGE)
        elif job is not None and job.state is JobState.FAILED:
            self._stop_retrying(job.job_id)
            self._badge_trouble(self.tr("You are checked in, but your badge could not be printed."))
        elif job is not None and job.state is JobState.UNCONFIRMED:
            self._badge_trouble(
                self.tr("You are checked in. The printer did not confirm your badge.")
            )
        elif waited > self.services.settings.print_wait_s:
            self._badge_trouble(
                self.tr("You are checked in. Your badge is still waiting for the printer.")
            )
        elif job is not None:
            self.printing_words.setText(
                self.tr("Printing your badge…")
                if job.state is JobState.PRINTING
                else self.tr("Your badge is next in line…")
            )

    def _stop_retrying(self, job_id: str) -> None:
        """Nobody waits at the kiosk for a later retry: the job stays failed for an operator
        to retry or reprint, instead of a badge appearing later for no one."""
        printing = self.services.printing
        self.runner.run(lambda: printing.give_up(job_id), lambda _r: None)

    def _badge_trouble(self, reason: str) -> None:
        self._job_poll.stop()
        self.go(Step.SEE_DESK)
        self.desk_reason.setText(reason)

    def _see_desk(self, outcome: ScanOutcome) -> None:
        self.services.sounds.play(cue_for(outcome.verdict))
        self.go(Step.SEE_DESK)
        self.desk_reason.setText(self.tr(desk_reason(outcome.verdict)))

    # -- leaving ------------------------------------------------------------------------------

    def ask_pin(self) -> None:
        self.pin_dialog = PinDialog(
            self.services.settings.pin(),
            self.tr("Staff only: enter the operator PIN."),
            self,
            guard=self.services.pin_guard,
        )
        self.pin_dialog.granted.connect(self._open_operator)
        self.pin_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            for timer in (self._idle, self._done, self._job_poll):
                timer.stop()
            self.runner.wait()
            event.accept()
            return
        event.ignore()
        self.ask_pin()


def _timer(parent: QObject, action: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.timeout.connect(action)
    return timer
