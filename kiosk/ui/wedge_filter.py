"""USB hand scanners anywhere in the app: an application-wide key filter feeding the wedge
detector. Keys that belong to a scan are swallowed so they never type into a field or press
the focused button; a person's typing passes through untouched."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.scanning.wedge import WedgeDetector, WedgeScan

_TERMINATORS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}


class WedgeFilter(QObject):
    code_scanned = Signal(str)

    def __init__(self, detector: WedgeDetector | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.detector = detector or WedgeDetector()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._on_flush)
        self._first_target: QObject | None = None
        self.enabled = True

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or not watched.isWidgetType():
            return False  # each key reaches the window and the widget: count it once
        return self.feed_key(event, watched)

    def feed_key(self, event: QKeyEvent, target: QObject | None = None) -> bool:
        char = _TERMINATORS.get(Qt.Key(event.key()), event.text())
        if not char:
            return False
        if self.detector.deadline is None:
            self._first_target = target
        scan = self.detector.feed(char, time.monotonic())
        swallow = self.detector.last_key_was_scanner
        if scan is not None:
            self._emit(scan)
        deadline = self.detector.deadline
        if deadline is not None:
            self._flush.start(max(1, int((deadline - time.monotonic()) * 1000) + 5))
        return swallow

    def _on_flush(self) -> None:
        scan = self.detector.flush(time.monotonic())
        if scan is not None:
            self._emit(scan)

    def _emit(self, scan: WedgeScan) -> None:
        target = self._first_target
        if isinstance(target, QLineEdit) and target.text().endswith(scan.raw[:1]):
            target.setText(target.text()[:-1])  # the burst's first key got through
        self.code_scanned.emit(scan.text)
