"""The large verdict icons, drawn with QPainter so they stay sharp at any size."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kiosk.ui.verdict_style import Icon


class VerdictIcon(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = Icon.CHECK
        self.colour = QColor("white")
        self.setMinimumSize(96, 96)

    def set_icon(self, icon: Icon, colour: str) -> None:
        self.icon = icon
        self.colour = QColor(colour)
        self.setAccessibleName(str(icon))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.colour, side * 0.09)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        inner = box.adjusted(side * 0.08, side * 0.08, -side * 0.08, -side * 0.08)
        _DRAW[self.icon](painter, inner)


def _pt(box: QRectF, fx: float, fy: float) -> QPointF:
    return QPointF(box.left() + box.width() * fx, box.top() + box.height() * fy)


def _check(p: QPainter, box: QRectF) -> None:
    p.drawEllipse(box)
    p.drawPolyline(QPolygonF([_pt(box, 0.27, 0.52), _pt(box, 0.44, 0.69), _pt(box, 0.74, 0.34)]))


def _cross(p: QPainter, box: QRectF) -> None:
    p.drawEllipse(box)
    p.drawLine(_pt(box, 0.32, 0.32), _pt(box, 0.68, 0.68))
    p.drawLine(_pt(box, 0.68, 0.32), _pt(box, 0.32, 0.68))


def _exit(p: QPainter, box: QRectF) -> None:
    p.drawPolyline(QPolygonF([_pt(box, 0.45, 0.1), _pt(box, 0.1, 0.1), _pt(box, 0.1, 0.9)]))
    p.drawLine(_pt(box, 0.1, 0.9), _pt(box, 0.45, 0.9))
    p.drawLine(_pt(box, 0.35, 0.5), _pt(box, 0.9, 0.5))
    p.drawPolyline(QPolygonF([_pt(box, 0.7, 0.3), _pt(box, 0.9, 0.5), _pt(box, 0.7, 0.7)]))


def _repeat(p: QPainter, box: QRectF) -> None:
    p.drawEllipse(box)
    p.drawPolyline(QPolygonF([_pt(box, 0.5, 0.22), _pt(box, 0.5, 0.5), _pt(box, 0.7, 0.64)]))


def _hand(p: QPainter, box: QRectF) -> None:
    p.drawPolygon(QPolygonF([_pt(box, 0.5, 0.06), _pt(box, 0.96, 0.9), _pt(box, 0.04, 0.9)]))
    p.drawLine(_pt(box, 0.5, 0.36), _pt(box, 0.5, 0.6))
    p.drawPoint(_pt(box, 0.5, 0.76))


_DRAW = {
    Icon.CHECK: _check,
    Icon.CROSS: _cross,
    Icon.EXIT: _exit,
    Icon.REPEAT: _repeat,
    Icon.HAND: _hand,
}
