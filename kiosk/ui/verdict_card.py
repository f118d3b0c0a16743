"""The full-screen verdict: colour, a large icon, large words, who, and what to do.

Everything the card says comes from the ScanOutcome (the core's words); the card only lays it
out. Colour is never alone: each verdict has its own icon and its own headline.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.station import ScanOutcome
from kiosk.domain.reasons import Reason
from kiosk.domain.verdicts import Verdict
from kiosk.ui.fit_label import FitLabel
from kiosk.ui.languages import translate
from kiosk.ui.reason_words import reason_words
from kiosk.ui.station_names import station_words
from kiosk.ui.verdict_icon import VerdictIcon
from kiosk.ui.verdict_style import headline_for, headline_words, style_for


def when_words(wall_ms: int, now_ms: int | None = None) -> str:
    """ "at 14:02 (12 min ago)": local time, and how long ago, in the window's language."""
    now_ms = now_ms if now_ms is not None else int(time.time() * 1000)
    clock = datetime.fromtimestamp(wall_ms / 1000).strftime("%H:%M")
    minutes = max(0, (now_ms - wall_ms) // 60_000)
    if minutes < 1:
        ago = translate("VerdictCard", "just now")
    elif minutes < 120:
        ago = translate("VerdictCard", "{0} min ago").format(minutes)
    else:
        ago = translate("VerdictCard", "{0} h ago").format(minutes // 60)
    return translate("VerdictCard", "at {0} ({1})").format(clock, ago)


def previous_words(outcome: ScanOutcome) -> str:
    if outcome.verdict is not Verdict.ALREADY_CHECKED_IN or outcome.previous is None:
        return ""
    if outcome.previous_station is not None:
        where = station_words(outcome.previous_station)  # "Door 3 (Main entrance)"
    else:
        where = outcome.previous_gate or translate("VerdictCard", "another entrance")
    when = when_words(outcome.previous.wall_ms)
    return translate("VerdictCard", "First checked in {0} at {1}").format(when, where)


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("—", " ").split())


def extra_detail(outcome: ScanOutcome, headline: str, when: str) -> str:
    """The core's reason, in the window's language, only where it adds to the headline and
    the when-line (an outcome without a reason code falls back to its English detail).

    "admitted" under "Welcome — admitted" or the raw first-check-in time under the formatted
    "First checked in at …" line would say the same thing twice; "not a ticket code
    (damaged or incomplete)" under "Not a ticket code" keeps only "Damaged or incomplete".
    """
    if when and outcome.verdict is Verdict.ALREADY_CHECKED_IN:
        return ""
    if outcome.said is not None:  # the core's reason, in the window's language
        return reason_words(outcome.said)
    detail = outcome.detail.strip()
    if not detail:
        return ""
    plain, head = _plain(detail), _plain(headline)
    if plain in head:
        return ""
    if plain.startswith(head):
        rest = detail[len(headline) :].strip(" :,-—()")
        return rest[:1].upper() + rest[1:] if rest else ""
    return detail[:1].upper() + detail[1:]


class VerdictCard(QWidget):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("verdictCard")
        self.icon = VerdictIcon()
        self.icon.setFixedSize(200, 200)
        # Large words that step down (never below readable) so a long name or a long
        # reason fits the card on a 1024×768 screen instead of widening the window.
        self.headline = self._label(54, 34, bold=True)
        self.person = self._label(34, 24, bold=True)
        self.when = self._label(28, 20, bold=True)
        self.detail = self._label(22, 18, lines=3)
        self.hint = self._label(18, 16)
        self.hint.setText(self.tr("Tap to continue"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 30)
        layout.addStretch(1)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(20)
        for label in (self.headline, self.person, self.when, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        self.outcome: ScanOutcome | None = None

    def _label(self, largest: int, smallest: int, bold: bool = False, lines: int = 2) -> FitLabel:
        label = FitLabel(largest_px=largest, smallest_px=smallest, max_lines=lines, bold=bold)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def show_outcome(self, outcome: ScanOutcome, headline: str | None = None) -> None:
        self.outcome = outcome
        style = style_for(outcome.verdict)
        self.setStyleSheet(
            f"#verdictCard {{ background: {style.background}; }}"
            f" QLabel {{ color: {style.foreground}; }}"
        )
        self.icon.set_icon(style.icon, style.foreground)
        standard = headline_for(outcome.verdict, outcome.said)
        headline = headline or standard
        shown = headline_words(outcome.verdict, outcome.said) if headline == standard else headline
        self.headline.setText(f"{style.symbol}  {shown}")
        who = outcome.attendee_name or ""
        if outcome.ticket_type:
            who = f"{who} · {outcome.ticket_type}" if who else outcome.ticket_type
        self.person.setText(who)
        self.person.setVisible(bool(who))
        self.when.setText(previous_words(outcome))
        self.when.setVisible(bool(self.when.full_text()))
        words = extra_detail(outcome, headline, self.when.full_text())
        if outcome.said is not None:
            said = outcome.said.reason is Reason.VERIFIED_OFFLINE
        else:
            said = "verified offline" in words.lower()
        offline = self.tr("Verified offline") if outcome.offline and not said else ""
        self.detail.setText(" · ".join(part for part in (words, offline) if part))
        self.detail.setVisible(bool(self.detail.full_text()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.dismissed.emit()
        super().mousePressEvent(event)
