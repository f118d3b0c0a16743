"""A non-blocking warning strip (camera lost, printer down): the door keeps scanning."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(
            "#banner { background: #FFB300; } QLabel { color: #111; font-size: 20px;"
            " font-weight: 700; } QPushButton { font-size: 18px; min-height: 40px; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        close = QPushButton(self.tr("Hide"))
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.addWidget(QLabel("⚠"))
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self._messages: dict[str, str] = {}
        self.hide()

    def post(self, topic: str, message: str) -> None:
        """Show (or replace) the warning about `topic` (e.g. "camera", "printer")."""
        self._messages[topic] = message
        self._render()

    def resolve(self, topic: str) -> None:
        self._messages.pop(topic, None)
        self._render()

    def clear(self) -> None:
        self._messages.clear()
        self._render()

    def messages(self) -> dict[str, str]:
        return dict(self._messages)

    def _render(self) -> None:
        self.text.setText("   •   ".join(self._messages.values()))
        self.setVisible(bool(self._messages))
