"""The operator PIN prompt: a touch keypad (≥ 60 px keys) and a password field.

Non-blocking (`open()`), so a door never freezes behind it; `granted` fires on the right PIN.
A wrong PIN (keypad OK or Enter on a keyboard) says so and keeps the prompt open; after the
guard's free attempts the prompt locks for a growing time and counts down.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.operator_pin import PinCheck, PinGuard, PinResult


class PinDialog(QDialog):
    granted = Signal()

    def __init__(
        self,
        pin_hash: PinCheck,
        purpose: str,
        parent: QWidget | None = None,
        guard: PinGuard | None = None,
    ) -> None:
        super().__init__(parent)
        self._pin_hash = pin_hash
        self.guard = guard or PinGuard()
        self.setWindowTitle(self.tr("Operator PIN"))
        self.setStyleSheet(
            "QDialog { background: #FAFAFA; } QLabel { font-size: 22px; color: #111; }"
            " QLineEdit { font-size: 32px; min-height: 64px; }"
            " QPushButton { font-size: 28px; min-width: 90px; min-height: 72px; }"
            " QPushButton#cancel { background: #CFD8DC; color: #111; }"
        )
        self.prompt = QLabel(purpose)
        self.prompt.setWordWrap(True)
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.returnPressed.connect(self.submit)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3191F; font-weight: 700;")
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.entry, self.error):
            layout.addWidget(widget)
        layout.addLayout(self._keypad())
        self._countdown = QTimer(self)
        self._countdown.timeout.connect(self._show_lock)
        self._show_lock()

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for i, key in enumerate(keys):
            button = QPushButton(key)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons.append(button)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("cancel")
        cancel.clicked.connect(self.reject)
        grid.addWidget(cancel, 4, 0, 1, 3)
        for button in [*self.buttons, cancel]:
            # Enter must never "click" a default button (Cancel closed the prompt silently).
            button.setAutoDefault(False)
            button.setDefault(False)
        return grid

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # the field's returnPressed already submitted
            return
        super().keyPressEvent(event)

    def _press(self, key: str) -> None:
        if key == "OK":
            self.submit()
        elif key == "⌫":
            self.entry.backspace()
        else:
            self.entry.insert(key)

    def submit(self) -> bool:
        result = self.guard.attempt(self.entry.text(), self._pin_hash)
        self.entry.clear()
        if result is PinResult.GRANTED:
            self.granted.emit()
            self.accept()
            return True
        if result is PinResult.WRONG:
            self.error.setText(self.tr("Wrong PIN. Try again."))
        self._show_lock()
        return False

    def _show_lock(self) -> None:
        """While locked: the field and keypad are off and the prompt counts down."""
        seconds = self.guard.locked_for_s()
        locked = seconds > 0
        self.entry.setEnabled(not locked)
        for button in self.buttons:
            button.setEnabled(not locked)
        if locked:
            self.error.setText(
                self.tr("Too many wrong PINs. Try again in %n second(s).", "", int(seconds + 0.999))
            )
            if not self._countdown.isActive():
                self._countdown.start(1000)
        elif self._countdown.isActive():
            self._countdown.stop()
            self.error.setText(self.tr("You can try again now."))
            self.entry.setFocus()
