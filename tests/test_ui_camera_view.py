"""The camera preview's words when there is no picture: read whole, never cut at the edges."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from kiosk.ui.camera_view import CameraView

BACKGROUND = QColor("#101418").rgb()


def test_a_long_camera_problem_is_wrapped_inside_the_preview_not_cut_at_its_edges(
    qtbot: Any,
) -> None:
    """Found by hand at 1280x800: "No camera picture: No camera found (camera 0). Check that
    the webcam is plugged in, or choose another camera in Settings." ran off both sides."""
    view = CameraView(feed=None)
    qtbot.addWidget(view)
    view.resize(1262, 490)
    view.message = (
        "No camera picture: No camera found (camera 0). Check that the webcam is plugged in, "
        "or choose another camera in Settings."
    )
    image = view.grab().toImage()
    margin = 12
    edges = [
        (x, y)
        for y in range(image.height())
        for x in (*range(margin), *range(image.width() - margin, image.width()))
        if image.pixel(x, y) != BACKGROUND
    ]
    assert edges == [], f"words reach the edge at {edges[:3]}"
    text_rows = [
        y
        for y in range(image.height())
        if any(image.pixel(x, y) != BACKGROUND for x in range(0, image.width(), 2))
    ]
    assert text_rows, "the words are drawn"
