"""The operator PIN prompt: a touch keypad (≥ 60 px keys) and a password field.

Non-blocking (`open()`), so a door never freezes behind it; `granted` fires on the right PIN.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.operator_pin import check_pin


class PinDialog(QDialog):
    granted = Signal()

    def __init__(self, pin_hash: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pin_hash = pin_hash
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
        self.error.setStyleSheet("color: #B3191F; font-weight: 700;")
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.entry, self.error):
            layout.addWidget(widget)
        layout.addLayout(self._keypad())

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for i, key in enumerate(keys):
            button = QPushButton(key)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, i // 3, i % 3)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("cancel")
        cancel.clicked.connect(self.reject)
        grid.addWidget(cancel, 4, 0, 1, 3)
        return grid

    def _press(self, key: str) -> None:
        if key == "OK":
            self.submit()
        elif key == "⌫":
            self.entry.backspace()
        else:
            self.entry.insert(key)

    def submit(self) -> bool:
        if check_pin(self.entry.text(), self._pin_hash):
            self.granted.emit()
            self.accept()
            return True
        self.entry.clear()
        self.error.setText(self.tr("Wrong PIN. Try again."))
        return False
