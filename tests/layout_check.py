"""What a person would see wrong on a screen of a given size: words cut off, buttons whose
label does not fit, and widgets that lie outside the window or the window outside the screen.

`layout_problems(window, screen)` walks every visible widget of a shown top-level window and
returns one line of words per problem (empty: the screen fits). A label that shortens its
words on purpose (an elided title with the full words in its tooltip) sets the Qt property
`elides` and is checked for fitting its shortened words like any other label.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QTabBar,
    QWidget,
)

SLACK_PX = 1  # rounding in font metrics


def _name(widget: QWidget) -> str:
    kind = type(widget).__name__
    name = widget.objectName()
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text().replace("\n", " ")[:40]
    return f"{kind}{'#' + name if name else ''} {text!r}"


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Widgets inside a scroll area may scroll out of view: that is not clipping."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _visible(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(top) and widget.width() > 0


def label_clipped(label: QLabel) -> str | None:
    """Why the label's words do not fit its box, or None. Rich text is not measured."""
    text = label.text()
    if not text or label.textFormat() == Qt.TextFormat.RichText or text.lstrip().startswith("<"):
        return None
    m = label.margin()
    box = label.contentsRect().adjusted(m, m, -m, -m)
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        needed = metrics.boundingRect(
            QRect(0, 0, box.width(), 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        if needed.width() > box.width() + SLACK_PX:
            return f"a word is {needed.width()} px wide in a {box.width()} px label"
        if needed.height() > box.height() + SLACK_PX:
            return f"wrapped words need {needed.height()} px in a {box.height()} px label"
        return None
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    if width > box.width() + SLACK_PX:
        return f"words {width} px wide in a {box.width()} px label"
    if metrics.height() * len(lines) > box.height() + SLACK_PX + 2:
        return f"{len(lines)} lines in a {box.height()} px label"
    return None


def button_clipped(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "&")
    if not text:
        return None
    width = QFontMetrics(button.font()).horizontalAdvance(text)
    if width > button.width() - 4:
        return f"words {width} px wide on a {button.width()} px button"
    return None


def layout_problems(window: QWidget, screen: QRect | None = None) -> list[str]:
    """Every problem a person would see on `window` (shown, laid out) within `screen`."""
    QApplication.processEvents()
    problems: list[str] = []
    size = window.size()
    if screen is not None and (size.width() > screen.width() or size.height() > screen.height()):
        problems.append(
            f"window {size.width()}×{size.height()} is larger than the"
            f" {screen.width()}×{screen.height()} screen"
        )
    inside = window.rect()
    for widget in window.findChildren(QWidget):
        if not _visible(widget, window) or _inside_scroll_area(widget, window):
            continue
        if widget.isWindow():
            continue
        box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not inside.contains(box):
            problems.append(f"{_name(widget)} lies outside the window at {box.getRect()}")
            continue
        why = None
        if isinstance(widget, QLabel):
            why = label_clipped(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            why = button_clipped(widget)
        if why:
            problems.append(f"{_name(widget)} is cut off: {why}")
    return problems
