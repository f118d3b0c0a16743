"""A non-blocking warning strip (camera lost, printer down): the door keeps scanning.

Status polls post the same warning every second; "Hide" hides the warnings shown at that
moment until one of them changes (a new problem: another `key`) or is resolved and comes
back. A warning's key defaults to its words; a changing detail (how many badges wait) can
be left out of the key so it does not bring a hidden warning back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(
            "#banner { background: #FFB300; } QLabel { color: #111; font-size: 20px;"
            " font-weight: 700; } QPushButton { font-size: 18px; min-height: 44px;"
            " padding: 0 18px; border-radius: 8px; background: #37474F; color: white; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.hide_button = QPushButton(self.tr("Hide"))
        self.hide_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 10, 6)
        layout.addWidget(QLabel("⚠"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hide_button)
        self._messages: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._hidden: dict[str, str] = {}  # topic -> key hidden by the operator
        self.hide()

    def post(self, topic: str, message: str, key: str | None = None) -> None:
        """Show (or replace) the warning about `topic` (e.g. "camera", "printer")."""
        if self._messages.get(topic) == message and self._keys.get(topic) == (key or message):
            return
        self._messages[topic] = message
        self._keys[topic] = key or message
        self._render()

    def resolve(self, topic: str) -> None:
        self._hidden.pop(topic, None)
        self._keys.pop(topic, None)
        if self._messages.pop(topic, None) is not None:
            self._render()

    def clear(self) -> None:
        """Hide what is shown now; a changed or new warning shows again."""
        self._hidden.update(self._keys)
        self._render()

    def messages(self) -> dict[str, str]:
        """The warnings in force, hidden ones included."""
        return dict(self._messages)

    def shown(self) -> dict[str, str]:
        return {t: m for t, m in self._messages.items() if self._hidden.get(t) != self._keys[t]}

    def _render(self) -> None:
        shown = self.shown()
        self.text.setText("   •   ".join(shown.values()))
        self.setVisible(bool(shown))
