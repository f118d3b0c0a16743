"""The kiosk's on-screen keyboard, for touch screens with no keyboard attached.

Keys are buttons that never take the focus, so the text field being filled keeps it; a key
inserts its character into that field (`set_target`). Each language has its own letters
(German ä ö ü ß, French é è à ç…, Spanish ñ á é…, Arabic letters with a key back to Latin
ones, for e-mail addresses), and every layout has the digits and @ . - _ ' that e-mail
addresses and surnames need. Keys are at least `KEY_PX` (60 px) in both directions.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

KEY_PX = 60
DIGITS = "1234567890"
LATIN = "latin"

# Letter rows per layout; the third row sits between Shift and Backspace.
LAYOUTS: dict[str, tuple[str, str, str]] = {
    "en": ("qwertyuiop", "asdfghjkl'", "zxcvbnm"),
    "de": ("qwertzuiopü", "asdfghjklöä", "yxcvbnmß"),
    "fr": ("azertyuiopéè", "qsdfghjklmàç", "wxcvbnêëïôù"),
    "es": ("qwertyuiopáé", "asdfghjklñíó", "zxcvbnmúü"),
    "ar": ("ضصثقفغعهخحج", "شسيبلاتنمكط", "ئءؤرىةوزظد"),
    LATIN: ("qwertyuiop", "asdfghjkl'", "zxcvbnm"),
}
PUNCTUATION = "@.-_"
SHIFT, BACKSPACE, SPACE, HIDE, SWITCH = "⇧", "⌫", "space", "hide", "switch"

KEYBOARD_CSS = (
    "TouchKeyboard { background: #15293D; border-top: 2px solid #2D4A66; }"
    f" QPushButton {{ font-size: 28px; font-weight: 600; min-height: {KEY_PX}px;"
    f" min-width: {KEY_PX}px; padding: 0; border-radius: 8px; background: #ECEFF1;"
    " color: #000000; }"
    " QPushButton:pressed { background: #FFD54F; }"
    " QPushButton#wide { background: #B0BEC5; font-size: 24px; }"
    " QPushButton#wide:checked { background: #FFD54F; }"
)


class TouchKeyboard(QWidget):
    typed = Signal(str)  # a character went into the field (tests, idle timer)
    hide_requested = Signal()

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(KEYBOARD_CSS)
        self.target: QLineEdit | None = None
        self.language = language if language in LAYOUTS else "en"
        self._letters = self.language
        self._shift = False
        self.keys: dict[str, QPushButton] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 10, 12, 10)
        self._grid: QWidget | None = None
        self._build()

    # -- what the keys fill -----------------------------------------------------------------

    def set_target(self, field: QLineEdit | None) -> None:
        self.target = field

    def set_language(self, language: str) -> None:
        self.language = language if language in LAYOUTS else "en"
        self._letters = self.language
        self._build()

    def press(self, key: str) -> None:
        """What tapping `key` does (a character, or SHIFT, BACKSPACE, SPACE, HIDE, SWITCH)."""
        if key == HIDE:
            self.hide_requested.emit()
        elif key == SHIFT:
            self._set_shift(not self._shift)
        elif key == SWITCH:
            self._letters = LATIN if self._letters == self.language else self.language
            self._build()
        elif self.target is not None:
            if key == BACKSPACE:
                self.target.backspace()
            else:
                text = " " if key == SPACE else key
                if self._shift:
                    text = text.upper()
                    self._set_shift(False)
                self.target.insert(text)
                self.typed.emit(text)

    # -- keys ---------------------------------------------------------------------------------

    def _build(self) -> None:
        if self._grid is not None:
            self._layout.removeWidget(self._grid)
            self._grid.hide()  # gone at once: deleteLater waits for the event loop
            self._grid.setParent(None)
            self._grid.deleteLater()
        self.keys = {}
        self._shift = False
        self._grid = QWidget()
        grid = QGridLayout(self._grid)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        first, second, third = LAYOUTS[self._letters]
        columns = 2 * max(len(DIGITS), len(first), len(second), len(third) + 2, 8)
        rows = [list(DIGITS), list(first), list(second), [SHIFT, *third, BACKSPACE]]
        for r, keys in enumerate(rows):
            offset = (columns - 2 * len(keys)) // 2
            for c, key in enumerate(keys):
                grid.addWidget(self._key(key), r, offset + 2 * c, 1, 2)
        bottom = [*PUNCTUATION, SPACE, HIDE]
        if self.language == "ar":
            bottom.insert(0, SWITCH)
        spans = {SPACE: columns - 2 * (len(bottom) - 1) - 2, HIDE: 4, SWITCH: 4}
        spans[SPACE] = columns - sum(spans.get(k, 2) for k in bottom if k != SPACE)
        column = 0
        for key in bottom:
            span = spans.get(key, 2)
            grid.addWidget(self._key(key), 4, column, 1, span)
            column += span
        self._layout.addWidget(self._grid)

    def _key(self, key: str) -> QPushButton:
        words = {
            SPACE: self.tr("space"),
            HIDE: self.tr("Hide ⌄"),
            SWITCH: "ABC" if self._letters != LATIN else "أبج",
        }
        button = QPushButton(words.get(key, key))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumSize(QSize(KEY_PX, KEY_PX))
        if key in (SHIFT, BACKSPACE, SPACE, HIDE, SWITCH):
            button.setObjectName("wide")
        if key == SHIFT:
            button.setCheckable(True)
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        self.keys[key] = button
        return button

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        shift = self.keys.get(SHIFT)
        if shift is not None:
            shift.setChecked(on)
        for key, button in self.keys.items():
            if len(key) == 1 and key.isalpha():
                button.setText(key.upper() if on else key)
