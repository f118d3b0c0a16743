"""Words that always fit their box, however long the name and however small the screen.

A `FitLabel` wraps its words, and when they would still not fit in `max_lines` lines it
steps its font down (to no less than `smallest_px`); at the smallest size a word wider than
the box is shortened with "…" and the full words go to the tooltip. Its width never pushes
the window wider: the layout gives it what the screen has. Used for names and verdicts on the
door's card and the kiosk's pages, and for the door's title.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_WRAP = int(Qt.TextFlag.TextWordWrap)


class FitLabel(QLabel):
    def __init__(
        self,
        text: str = "",
        *,
        largest_px: int,
        smallest_px: int,
        max_lines: int = 2,
        bold: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._full = text
        self._largest, self._smallest = largest_px, smallest_px
        self._max_lines = max_lines
        self._weight = "font-weight: 800;" if bold else ""
        self._px = 0
        self.setWordWrap(max_lines > 1)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self._apply(largest_px)
        self.setText(text)

    def full_text(self) -> str:
        """The words as given (the label may show them shortened)."""
        return self._full

    def shown_px(self) -> int:
        return self._px

    def setText(self, text: str) -> None:
        self._full = text
        self._refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def _apply(self, px: int) -> None:
        if px != self._px:
            self._px = px
            self.setStyleSheet(f"font-size: {px}px; {self._weight}")
            self.ensurePolished()

    def _fits(self, px: int, width: int) -> bool:
        font = QFont(self.font())
        font.setPixelSize(px)
        metrics = QFontMetrics(font)
        if self._max_lines == 1:
            return metrics.horizontalAdvance(self._full) <= width
        needed = metrics.boundingRect(QRect(0, 0, width, 100_000), _WRAP, self._full)
        return needed.width() <= width and needed.height() <= metrics.lineSpacing() * (
            self._max_lines
        )

    def _refit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        if width <= 16 or not self._full:
            super().setText(self._full)
            return
        px = self._largest
        while px > self._smallest and not self._fits(px, width):
            px = max(self._smallest, px - 2)
        self._apply(px)
        shown = self._full if self._fits(px, width) else self._shortened(width)
        self.setToolTip("" if shown == self._full else self._full)
        if shown != super().text():
            super().setText(shown)

    def _shortened(self, width: int) -> str:
        font = QFont(self.font())
        font.setPixelSize(self._px)
        metrics = QFontMetrics(font)
        if self._max_lines == 1:
            return metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        words = [
            metrics.elidedText(word, Qt.TextElideMode.ElideRight, width)
            for word in self._full.split(" ")
        ]
        return " ".join(words)
