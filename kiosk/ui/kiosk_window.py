"""The self-check-in kiosk: attract → scan or find → (pick) → confirm → badge(s) → attract.

Full screen, touch-sized (every target ≥ 60 px), large type, high contrast, touch events
alone are enough: the find screen has an on-screen keyboard in the kiosk's language, shown
unless a physical keyboard is being used. The attract screen offers the languages as large
buttons; idle, the kiosk returns to the station's language. A lookup shows one person, or the
tickets booked under one surname + e-mail (first name and ticket type only, "all of us"
prints them all), never anyone else; a ticket already used is said before "Is this you?".
Leaving needs the operator PIN; so does closing the window. The steps follow `kiosk_flow`;
the station does the checking-in on a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.station import ScanOutcome
from kiosk.domain.scanned_text import read_scanned
from kiosk.domain.verdicts import Direction
from kiosk.ui.fit_label import FitLabel
from kiosk.ui.kiosk_flow import (
    Candidate,
    Step,
    after_checkin,
    desk_reason_words,
    failure_words,
    see_desk_words,
)
from kiosk.ui.kiosk_lookup import Lookup, find_by_code, find_by_contact
from kiosk.ui.languages import LANGUAGES, current_language, use_language
from kiosk.ui.pin_dialog import PinDialog
from kiosk.ui.print_port import JobState
from kiosk.ui.sounds import cue_for
from kiosk.ui.station_services import StationServices
from kiosk.ui.touch_keyboard import TouchKeyboard
from kiosk.ui.verdict_card import when_words
from kiosk.ui.verdict_icon import VerdictIcon
from kiosk.ui.verdict_style import Icon
from kiosk.ui.workers import TaskRunner
from printing.errors import BadgeAlreadyPrinted

KIOSK_CSS = """
KioskWindow, QStackedWidget > QWidget, QScrollArea > QWidget > QWidget { background: #0B1A2A; }
QLabel { color: #FFFFFF; font-size: 30px; }
QLabel#big { font-size: 64px; font-weight: 800; }
QLabel#hint { color: #FFE082; font-size: 28px; font-weight: 700; }
QLineEdit { font-size: 34px; min-height: 80px; padding: 0 16px; background: #FFFFFF;
            color: #000000; border-radius: 10px; }
QPushButton { font-size: 32px; font-weight: 700; min-height: 96px; min-width: 200px;
              padding: 0 36px; border-radius: 14px; background: #FFD54F; color: #000000; }
QPushButton:disabled { background: #546E7A; color: #CFD8DC; }
QPushButton#secondary { background: #CFD8DC; }
QPushButton#language { font-size: 26px; min-width: 120px; min-height: 80px; padding: 0 16px;
                       background: #1E3A56; color: #FFFFFF; border: 2px solid #4F7396; }
QPushButton#language:checked { background: #FFD54F; color: #000000; border-color: #FFD54F; }
QPushButton#staff { font-size: 20px; min-height: 60px; min-width: 120px; background: #37474F;
                    color: #FFFFFF; }
QScrollArea { border: none; background: transparent; }
QProgressBar { min-height: 40px; font-size: 24px; color: #000; background: #FFFFFF; }
"""

# (largest, smallest px, lines): words step down to fit a long name on a small screen
_LABEL_SIZES = {"big": (64, 36, 2), "hint": (28, 22, 3), "": (30, 22, 3)}
SHORT_SCREEN_PX = 1000  # below this height the find screen's title makes room for the keys


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
    language_changed = Signal(str)

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
        self.candidates: list[Candidate] = []  # the tickets on offer (a lookup's result)
        self.chosen: list[Candidate] = []  # the ones "Is this you?" asks about
        self.job_ids: list[str] = []
        self._print_started = 0.0
        self.allow_close = False
        self.camera_ready = True  # the shell says when the camera failed or came back
        self.physical_keyboard = False  # a real key was typed into a field this session
        self.pin_dialog: PinDialog | None = None
        self.language = services.settings.language
        if current_language() != self.language:
            use_language(self.language)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # no light frame
        self.setStyleSheet(KIOSK_CSS)
        self.pages: dict[Step, QWidget] = {}
        self.stack = QStackedWidget()
        self.keyboard = TouchKeyboard(self.language, self)
        self.keyboard.hide()
        self.keyboard.hide_requested.connect(self.hide_keyboard)
        self.keyboard.typed.connect(lambda _text: self.touch())
        self._build_pages()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        self._idle = _timer(self, self.reset)
        self._done = _timer(self, self.reset)
        self._job_poll = QTimer(self)
        self._job_poll.timeout.connect(self._poll_job)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.installEventFilter(self)
            app.focusChanged.connect(self._focus_changed)
        self.go(Step.ATTRACT)

    # -- pages --------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        """(Re)build every page in the current language."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.hide()
            page.setParent(None)
            page.deleteLater()
        self.setWindowTitle(self.tr("Doorline — self check-in"))
        self.pages = {
            Step.ATTRACT: self._attract_page(),
            Step.FIND: self._find_page(),
            Step.PICK: self._pick_page(),
            Step.CONFIRM: self._confirm_page(),
            Step.PRINTING: self._printing_page(),
            Step.TAKE_BADGE: self._take_badge_page(),
            Step.SEE_DESK: self._desk_page(),
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.keyboard.set_language(self.language)
        self.keyboard.raise_()

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
            if isinstance(widget, FitLabel):
                layout.addWidget(widget)  # full width, so long words wrap instead of clipping
            else:
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addSpacing(24)
        layout.addStretch(1)
        return page

    def _attract_page(self) -> QWidget:
        event = self.services.station.replica.event_name()
        title = _label(event or self.tr("Welcome"), "big")
        self.attract_words = _label(self._attract_hint(), "hint")
        self.find_button = _button(self.tr("Find my ticket"), self.start_finding)
        self.language_buttons: dict[str, QPushButton] = {}
        languages = QWidget()
        row = QHBoxLayout(languages)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        for code, name in LANGUAGES.items():
            button = _button(name, partial(self.set_language, code), "language")
            button.setCheckable(True)
            button.setChecked(code == self.language)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.language_buttons[code] = button
            row.addWidget(button)
        return self._page(title, self.attract_words, self.find_button, languages, staff=True)

    def _attract_hint(self) -> str:
        if self.camera_ready:
            return self.tr("Scan your ticket or tap to find it")
        return self.tr("Tap the button to find your ticket")

    def _find_page(self) -> QWidget:
        """Two ways side by side (code | surname + e-mail), each with its own Find button, so
        every target keeps its full touch size on a 1024×768 screen."""
        self.confirmation = QLineEdit()
        # confirmation codes use ABCDEFGHJKLMNPRSTUVWX23456789: no O/0, I/1, Q, Y or Z
        self.confirmation.setPlaceholderText(self.tr("e.g. K7M2P9XA"))
        self.confirmation.returnPressed.connect(self.find_by_code)
        self.surname = QLineEdit()
        self.surname.setPlaceholderText(self.tr("Surname"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("E-mail address"))
        self.email.returnPressed.connect(self.find_by_contact)
        for field in (self.confirmation, self.surname, self.email):
            field.installEventFilter(self)
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
        back = _button(self.tr("Back"), self.back_to_start, "secondary")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 30, 60, 30)
        self.find_title = _label(self.tr("Find your ticket"), "big")
        layout.addWidget(self.find_title)
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
        heading.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(heading)
        for field in fields:
            layout.addWidget(field)
        layout.addWidget(button)
        return column

    def _pick_page(self) -> QWidget:
        self.pick_words = _label(
            self.tr("Several tickets are booked under this name. Which are yours?"), "hint"
        )
        self.pick_list = QWidget()
        self.pick_layout = QVBoxLayout(self.pick_list)
        self.pick_layout.setContentsMargins(0, 0, 0, 0)
        self.pick_layout.setSpacing(16)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pick_list)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        back = _button(self.tr("None of these"), self.back_to_find, "secondary")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.addWidget(self.pick_words)
        layout.addSpacing(16)
        layout.addWidget(scroll, 1)
        layout.addSpacing(16)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignHCenter)
        return page

    def _confirm_page(self) -> QWidget:
        self.confirm_question = _label(self.tr("Is this you?"))
        self.confirm_name = _label("", "big")
        self.confirm_type = _label("")
        self.yes_button = _button(self.tr("Yes, print my badge"), self.confirm)
        no = _button(self.tr("No, that's not me"), self.not_me, "secondary")
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.addWidget(no)
        buttons.addWidget(self.yes_button)
        return self._page(self.confirm_question, self.confirm_name, self.confirm_type, row)

    def _printing_page(self) -> QWidget:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMinimumWidth(600)
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
        self.desk_words = _label(see_desk_words(), "big")
        self.desk_reason = _label("")
        done = _button(self.tr("OK"), self.reset)
        return self._page(self.desk_icon, self.desk_words, self.desk_reason, done)

    # -- language and camera ------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        """Speak `code` from now on (the attract screen's buttons); the pages are rebuilt."""
        if code == self.language and current_language() == code:
            return
        self.language = code
        use_language(code)
        step = self.step
        self._build_pages()
        self.go(step if step is Step.ATTRACT else Step.ATTRACT)
        self.language_changed.emit(code)

    def set_camera_ready(self, ready: bool) -> None:
        """A kiosk whose camera failed does not ask people to scan."""
        self.camera_ready = ready
        self.attract_words.setText(self._attract_hint())

    # -- the on-screen keyboard ---------------------------------------------------------------

    def show_keyboard(self, field: QLineEdit | None = None) -> None:
        if self.physical_keyboard or self.step is not Step.FIND:
            return
        target = field or self._focused_field() or self.confirmation
        self.keyboard.set_target(target)
        self.find_title.setVisible(self.height() >= SHORT_SCREEN_PX)
        self._place_keyboard()
        self.keyboard.show()
        self.keyboard.raise_()

    def hide_keyboard(self) -> None:
        self.keyboard.hide()
        self.find_title.show()

    def _focused_field(self) -> QLineEdit | None:
        focus = QApplication.focusWidget()
        fields = (self.confirmation, self.surname, self.email)
        return focus if isinstance(focus, QLineEdit) and focus in fields else None

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        fields = (self.confirmation, self.surname, self.email)
        if isinstance(new, QLineEdit) and new in fields and self.keyboard.isVisible():
            self.keyboard.set_target(new)

    def _place_keyboard(self) -> None:
        height = self.keyboard.sizeHint().height()
        self.keyboard.setGeometry(0, self.height() - height, self.width(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.keyboard.isVisible():
            self.find_title.setVisible(self.height() >= SHORT_SCREEN_PX)
            self._place_keyboard()

    # -- steps --------------------------------------------------------------------------------

    def go(self, step: Step) -> None:
        self.step = step
        self.stack.setCurrentWidget(self.pages[step])
        self._done.stop()
        if step in (Step.TAKE_BADGE, Step.SEE_DESK):
            self._done.start(int(self.services.settings.take_badge_s * 1000))
        if step is Step.FIND:
            self.show_keyboard()
        else:
            self.hide_keyboard()
        self.touch()
        self.step_changed.emit(str(step))

    def start_finding(self) -> None:
        self.go(Step.FIND)
        self.confirmation.setFocus()
        self.show_keyboard(self.confirmation)

    def back_to_start(self) -> None:
        """The attendee's own "Back": forget what they typed, keep the language they chose."""
        self._forget()
        self.go(Step.ATTRACT)

    def back_to_find(self) -> None:
        self.candidates, self.chosen = [], []
        self.go(Step.FIND)

    def reset(self) -> None:
        """Back to the attract screen in the station's language, forgetting everything the
        last person entered (idle, done, or after "see the desk")."""
        self._forget()
        self.physical_keyboard = False
        if self.language != self.services.settings.language:
            self.set_language(self.services.settings.language)
        self.go(Step.ATTRACT)

    def _forget(self) -> None:
        self.candidates, self.chosen = [], []
        self._clear_pick_list()
        self.job_ids = []
        self._job_poll.stop()
        for field in (self.confirmation, self.surname, self.email):
            field.clear()
        self.find_message.clear()

    def touch(self) -> None:
        """Someone is using the kiosk: restart the idle countdown."""
        if self.step in (Step.ATTRACT, Step.PRINTING):
            self._idle.stop()
        else:
            self._idle.start(int(self.services.settings.idle_reset_s * 1000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin):
            self.touch()
        fields = (self.confirmation, self.surname, self.email)
        if watched in fields:
            if kind == QEvent.Type.MouseButtonPress:
                self.show_keyboard(watched if isinstance(watched, QLineEdit) else None)
            elif kind == QEvent.Type.KeyPress and event.spontaneous() and _typed(event):
                self.physical_keyboard = True  # someone types on a real keyboard
                self.hide_keyboard()
        return False

    # -- finding ------------------------------------------------------------------------------

    def submit_code(self, code: str, method: str = "kiosk") -> None:
        """A ticket scanned at the kiosk (camera or hand scanner)."""
        if self.step not in (Step.ATTRACT, Step.FIND):
            return
        station = self.services.station
        self.runner.run(
            lambda: station.scan(code, Direction.ENTRY, method=method), self._scanned, self._failed
        )

    def _scanned(self, outcome: ScanOutcome) -> None:
        candidate = Candidate.from_scan(outcome)
        if candidate is None:
            self._see_desk(outcome)
            return
        self._offer([candidate])

    def find_by_code(self) -> None:
        """The code field takes a confirmation code, or a whole ticket code (typed, pasted or
        scanned into it), which is checked in like a scan."""
        station, code = self.services.station, self.confirmation.text()
        if read_scanned(code).ticket_shaped() is not None:
            self.confirmation.clear()
            self.submit_code(code, "kiosk")
            return
        self.runner.run(lambda: find_by_code(station, code), self._found, self._failed)

    def find_by_contact(self) -> None:
        station = self.services.station
        surname, email = self.surname.text(), self.email.text()
        self.runner.run(lambda: find_by_contact(station, surname, email), self._found, self._failed)

    def _found(self, lookup: Lookup) -> None:
        if not lookup.candidates:
            self.hide_keyboard()  # the words sit where the keys were
            self.find_message.setText(
                self.tr(
                    "We could not find a ticket with those details. Check them, or see the desk."
                )
            )
            return
        if len(lookup.candidates) == 1:
            candidate = lookup.candidates[0]
            if candidate.used is not None:
                self._already_used(candidate)
                return
            self._offer([candidate])
            return
        self._pick(lookup.candidates)

    def _already_used(self, candidate: Candidate) -> None:
        """Said at once, before "Is this you?": nothing to confirm, staff will help."""
        used = candidate.used
        self.go(Step.SEE_DESK)
        if used is None:
            return
        when = when_words(used.wall_ms)
        if used.gate:
            words = self.tr("This ticket was already used to check in {0} at {1}.")
            self.desk_reason.setText(words.format(when, used.gate))
        else:
            self.desk_reason.setText(
                self.tr("This ticket was already used to check in {0}.").format(when)
            )

    def _pick(self, candidates: list[Candidate]) -> None:
        """Several tickets under one surname + e-mail: first name and ticket type only."""
        self.candidates = candidates
        self._clear_pick_list()
        free = [c for c in candidates if c.used is None]
        for candidate in candidates:
            words = f"{candidate.first_name} · {candidate.ticket_type}"
            if candidate.used is not None:
                words = self.tr("{0} — already checked in").format(words)
            button = _button(words, partial(self._offer, [candidate]))
            button.setEnabled(candidate.used is None)
            self.pick_layout.addWidget(button)
        if len(free) > 1:
            everyone = _button(
                self.tr("All of us (%n ticket(s))", "", len(free)),
                lambda: self._offer(free),
            )
            everyone.setObjectName("everyone")
            self.pick_layout.addWidget(everyone)
        self.pick_layout.addStretch(1)
        if not free:
            self._already_used(candidates[0])
            return
        self.go(Step.PICK)

    def _clear_pick_list(self) -> None:
        """Take the last booking's buttons away at once: out of the layout and unparented, so
        they can no longer be found or tapped (deleteLater alone leaves them children of the
        list until the event loop gets round to deleting them)."""
        while self.pick_layout.count():
            item = self.pick_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _offer(self, chosen: list[Candidate]) -> None:
        self.chosen = chosen
        if len(chosen) == 1:
            self.confirm_question.setText(self.tr("Is this you?"))
            self.confirm_name.setText(chosen[0].name)
            self.confirm_type.setText(chosen[0].ticket_type)
            self.yes_button.setText(self.tr("Yes, print my badge"))
        else:
            self.confirm_question.setText(self.tr("Badges for:"))
            self.confirm_name.setText(", ".join(c.name for c in chosen))
            self.confirm_type.setText("")
            self.yes_button.setText(self.tr("Yes, print %n badge(s)", "", len(chosen)))
        self.confirm_type.setVisible(bool(self.confirm_type.full_text()))
        self.go(Step.CONFIRM)

    # -- checking in and printing -------------------------------------------------------------

    def confirm(self) -> None:
        chosen = list(self.chosen)
        if not chosen:
            return
        station = self.services.station

        def check_in() -> list[ScanOutcome]:
            return [
                c.scanned if c.scanned is not None else station.manual_checkin(c.ticket_id)
                for c in chosen
            ]

        self.runner.run(check_in, self._checked_in, self._failed)

    def not_me(self) -> None:
        """Back to the find screen (what was typed stays, to correct it); a scan that
        admitted the wrong person is undone."""
        station = self.services.station
        scanned = [c.scanned.entry_id for c in self.chosen if c.scanned is not None]
        if scanned:
            self.runner.run(
                lambda: [station.undo(entry_id, "kiosk: not me") for entry_id in scanned],
                lambda _o: None,
                self._failed,
            )
        self.candidates, self.chosen = [], []
        self.go(Step.FIND)

    def _checked_in(self, outcomes: list[ScanOutcome]) -> None:
        admitted = [o for o in outcomes if after_checkin(o) is Step.PRINTING and o.ticket_id]
        if not admitted:
            self._see_desk(outcomes[0])
            return
        self.services.sounds.play(cue_for(admitted[0].verdict))
        printing = self.services.printing
        tickets = [o.ticket_id for o in admitted if o.ticket_id is not None]
        names = ", ".join(o.attendee_name or "" for o in admitted)
        self.welcome_words.setText(self.tr("Welcome, {0}!").format(names))
        self.take_words.setText(self.tr("Take your badge(s)", "", len(tickets)))
        self.printing_words.setText(self.tr("Printing your badge(s)…", "", len(tickets)))
        self.go(Step.PRINTING)
        self._print_started = time.monotonic()
        self.runner.run(
            lambda: [printing.submit(ticket_id) for ticket_id in tickets],
            self._printing,
            self._not_queued,
        )

    def _printing(self, job_ids: list[str]) -> None:
        if self.step is not Step.PRINTING:
            return
        self.job_ids = job_ids
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
        printing = self.services.printing
        jobs = [printing.job(job_id) for job_id in self.job_ids]
        waited = time.monotonic() - self._print_started
        states = [job.state if job is not None else None for job in jobs]
        if jobs and all(state is JobState.DONE for state in states):
            self._job_poll.stop()
            self.go(Step.TAKE_BADGE)
        elif JobState.FAILED in states:
            for job in jobs:
                if job is not None and job.state is JobState.FAILED:
                    self._stop_retrying(job.job_id)
            self._badge_trouble(self.tr("You are checked in, but your badge could not be printed."))
        elif JobState.UNCONFIRMED in states:
            self._badge_trouble(
                self.tr("You are checked in. The printer did not confirm your badge.")
            )
        elif waited > self.services.settings.print_wait_s:
            self._badge_trouble(
                self.tr("You are checked in. Your badge is still waiting for the printer.")
            )
        elif jobs:
            self.printing_words.setText(
                self.tr("Printing your badge(s)…", "", len(jobs))
                if JobState.PRINTING in states
                else self.tr("Your badge is next in line…")
            )

    def _stop_retrying(self, job_id: str) -> None:
        """Nobody waits at the kiosk for a later retry: the job stays failed for an operator
        to retry or reprint, instead of a badge appearing later for no one."""
        printing = self.services.printing
        self.runner.run(lambda: printing.give_up(job_id), lambda _r: None, self._failed)

    def _failed(self, error: Exception) -> None:
        """Every worker call's failure path: the attendee is told in words and sent to the
        desk (a check-in that could not be saved was not made); staff see the log."""
        self._job_poll.stop()
        self.go(Step.SEE_DESK)
        self.desk_reason.setText(failure_words(error))

    def _badge_trouble(self, reason: str) -> None:
        self._job_poll.stop()
        self.go(Step.SEE_DESK)
        self.desk_reason.setText(reason)

    def _see_desk(self, outcome: ScanOutcome) -> None:
        self.services.sounds.play(cue_for(outcome.verdict))
        self.go(Step.SEE_DESK)
        self.desk_reason.setText(desk_reason_words(outcome.verdict, outcome.said))

    # -- leaving ------------------------------------------------------------------------------

    def ask_pin(self) -> None:
        self.pin_dialog = PinDialog(
            self.services.check_operator_pin,
            self.tr("Staff only: enter the operator PIN."),
            self,
            guard=self.services.pin_guard,
        )
        self.pin_dialog.granted.connect(self._open_operator)
        self.pin_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.removeEventFilter(self)
                app.focusChanged.disconnect(self._focus_changed)
            for timer in (self._idle, self._done, self._job_poll):
                timer.stop()
            self.runner.wait()
            event.accept()
            return
        event.ignore()
        self.ask_pin()


def _typed(event: QEvent) -> bool:
    """A key that types a character (not Shift, not an arrow)."""
    return isinstance(event, QKeyEvent) and bool(event.text()) and event.text().isprintable()


def _timer(parent: QObject, action: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.timeout.connect(action)
    return timer
