"""Putting a window on its screen: full screen on the screen's own geometry, or a window no
larger than the screen's free area.

`QWidget.showFullScreen()` alone asks the window manager; a kiosk laptop often runs none (an X
server and the app), and then the window keeps its old size in a corner. Setting the screen's
geometry first gives the same picture with or without a window manager.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def screen_of(window: QWidget) -> QScreen:
    parent = window.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or window.screen()
    return screen or QGuiApplication.primaryScreen()


def show_full_screen(window: QWidget) -> None:
    """Cover the window's screen, whether a window manager runs or not."""
    window.setGeometry(screen_of(window).geometry())
    window.showFullScreen()


def windowed_size(preferred: QSize, available: QRect, margin: int = 0) -> QSize:
    """`preferred`, shrunk to fit `available` (less `margin` px on each side)."""
    room = QSize(available.width() - 2 * margin, available.height() - 2 * margin)
    return preferred.boundedTo(room)


def fit_on_screen(window: QWidget, preferred: QSize, margin: int = 0) -> None:
    """Size the window to `preferred` or its screen's free area, whichever is smaller, and
    centre it there."""
    available = screen_of(window).availableGeometry()
    size = windowed_size(preferred, available, margin)
    window.resize(size)
    centre = available.center()
    window.move(centre.x() - size.width() // 2, centre.y() - size.height() // 2)
