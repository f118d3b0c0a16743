"""A row of widgets that wraps onto more lines when the window is narrower than the row.

The door's toolbar buttons and status chips sit on one line on a wide screen and wrap on a
1024 px one, instead of growing the window past the screen's edge. Lines are right- or
left-aligned; the layout's minimum width is its widest item, so a window can always shrink
to the screen. Right to left (Arabic), every line is mirrored. (The line-breaking follows Qt's
own "Flow Layout" example.)
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLayout, QLayoutItem, QStyle, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(
        self,
        parent: QWidget | None = None,
        spacing: int = 8,
        align_right: bool = False,
        lead_left: bool = False,
    ) -> None:
        """`align_right`: lines end at the right edge; `lead_left` keeps the first item (a
        title) at the left edge of the first line, the rest of that line at the right."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._align_right = align_right
        self._lead_left = lead_left
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- QLayout ------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        visible = self._visible()
        width = sum(i.sizeHint().width() for i in visible) + self.spacing() * max(
            0, len(visible) - 1
        )
        height = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest item: the layout wraps down to one item a line."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- line breaking --------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = min(item.sizeHint().width(), width)
            if lines[-1] and used + self.spacing() + w > width:
                lines.append([])
                used = 0
            used += (self.spacing() if lines[-1] else 0) + w
            lines[-1].append(item)
        return [line for line in lines if line]

    def _direction(self) -> Qt.LayoutDirection:
        """The parent's direction: right to left (Arabic) mirrors every line, so the title
        sits at the right edge and the first button next to it, as Qt's own layouts do."""
        parent = self.parentWidget()
        return parent.layoutDirection() if parent is not None else QApplication.layoutDirection()

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for number, line in enumerate(self._lines(area.width())):
            widths = [min(i.sizeHint().width(), area.width()) for i in line]
            height = max(i.sizeHint().height() for i in line)
            total = sum(widths) + self.spacing() * (len(line) - 1)
            x = area.x() + (area.width() - total if self._align_right else 0)
            for index, (item, w) in enumerate(zip(line, widths, strict=True)):
                lead = self._lead_left and number == 0 and index == 0
                item_x = area.x() if lead else x  # a leading title keeps the left edge
                if move:
                    place = QRect(QPoint(item_x, y), QSize(w, height))
                    item.setGeometry(QStyle.visualRect(self._direction(), area, place))
                x += w + self.spacing()
            y += height + self.spacing()
        return y - self.spacing() - area.y() + m.top() + m.bottom() if self._visible() else 0
