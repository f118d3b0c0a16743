"""The live preview: the newest camera picture, scaled to fit, with found codes outlined."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kiosk.scanning.pipeline import Preview
from kiosk.ui.camera_feed import CameraFeed

OUTLINE = QColor("#00E676")


def to_qimage(image: np.ndarray) -> QImage:
    """A BGR or grayscale frame as a QImage (copied, so the frame may be reused)."""
    if image.ndim == 2:
        h, w = image.shape
        return QImage(image.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    h, w, _ = image.shape
    rgb = np.ascontiguousarray(image[:, :, 2::-1])
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class CameraView(QWidget):
    def __init__(self, feed: CameraFeed | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._feed = feed
        self._image: QImage | None = None
        self._outlines: list[QPolygonF] = []
        self._shown_index = -1
        self.starting_words = self.tr("Starting camera…")
        self.message = self.starting_words
        self.setMinimumSize(320, 180)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(66)  # ~15 pictures a second is plenty for aiming

    def set_feed(self, feed: CameraFeed | None) -> None:
        self._feed = feed

    def refresh(self) -> None:
        preview = self._feed.preview() if self._feed else None
        if preview is None or preview.frame.index == self._shown_index:
            return
        self.show_preview(preview)

    def show_preview(self, preview: Preview) -> None:
        self._shown_index = preview.frame.index
        self._image = to_qimage(preview.frame.image)
        self._outlines = [
            QPolygonF([QPointF(x, y) for x, y in code.polygon]) for code in preview.codes
        ]
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101418"))
        if self._image is None:
            painter.setPen(QColor("#CFD8DC"))
            painter.setFont(QFont(self.font().family(), 18))
            words = self.rect().adjusted(24, 24, -24, -24)  # wrapped inside, never cut off
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(words, int(flags), self.message)
            return
        target = self._fit(self._image.width(), self._image.height())
        painter.drawImage(target, self._image)
        scale = target.width() / self._image.width()
        painter.translate(target.topLeft())
        painter.scale(scale, scale)
        painter.setPen(QPen(OUTLINE, 4 / scale))
        for outline in self._outlines:
            painter.drawPolygon(outline)

    def _fit(self, w: int, h: int) -> QRectF:
        scale = min(self.width() / w, self.height() / h)
        sw, sh = w * scale, h * scale
        return QRectF((self.width() - sw) / 2, (self.height() - sh) / 2, sw, sh)
