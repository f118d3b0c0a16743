"""USB hand scanners anywhere in the app: an application-wide key filter feeding the wedge
detector (`kiosk.scanning.wedge`).

Keys that belong to a scan never type into a field or press the focused button. Keys a person
typed are never lost: the detector holds back keys that arrive at scanner speed, and when the
run turns out to be a person's (two keys pressed together, a quick word), this filter delivers
them, in order, to the widget they were going to.

Each key press is counted once. Qt offers a key first to the focused widget and, when that
widget ignores it (a button ignores "1"), again to each parent: an application filter sees
the same event several times. Only its first delivery is fed to the detector.

Timing comes from the key event's own timestamp (the window system's, in ms), not from when
the busy UI thread got round to it; events without one (synthetic) use the injected clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.scanning.wedge import ENTER_KEYS, TAB_KEY, WedgeDetector, WedgeScan, WedgeStep

_TERMINATORS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}
#: Extra wait past the detector's gap before the timer ends a run: a busy UI thread may still
#: have keys of it queued.
FLUSH_MARGIN_MS = 75


@dataclass(frozen=True)
class _HeldKey:
    """A key press held back from `target`, kept to be delivered if it was a person's."""

    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    target: QObject | None


class WedgeFilter(QObject):
    code_scanned = Signal(str)

    def __init__(
        self,
        detector: WedgeDetector | None = None,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.detector = detector or WedgeDetector()
        self._clock = clock
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._on_flush)
        self._first_target: QObject | None = None
        self._held: list[_HeldKey] = []
        self._last_delivery: tuple[tuple[int, int, str, int], QObject] | None = None
        self._replaying = False
        self._app: QApplication | None = None
        self.enabled = True

    def install(self, app: QApplication) -> None:
        self._app = app
        app.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop listening (the window it serves closed); held keys are delivered first."""
        self.flush_now()
        app = self._app
        if app is not None:
            app.removeEventFilter(self)
            self._app = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled or self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        host = self.parent()
        if isinstance(host, QWidget) and not host.isVisible():
            return False  # the window it serves is closed: its keys are nobody's scan
        if not isinstance(event, QKeyEvent) or not watched.isWidgetType():
            return False  # the window handle sees each key before the widget does
        if not self._first_delivery(event, watched):
            return False  # the same press passed on to a parent: counted already
        return self.feed_key(event, watched)

    def _first_delivery(self, event: QKeyEvent, watched: QObject) -> bool:
        """False when `event` is a press already fed, now offered to an ancestor of the widget
        it was first delivered to (Qt's key propagation)."""
        identity = (
            int(shiboken6.getCppPointer(event)[0]),
            int(event.key()),
            event.text(),
            int(event.timestamp()),
        )
        last = self._last_delivery
        if (
            last is not None
            and last[0] == identity
            and isinstance(watched, QWidget)
            and isinstance(last[1], QWidget)
            and shiboken6.isValid(last[1])
            and watched.isAncestorOf(last[1])
        ):
            return False
        self._last_delivery = (identity, watched)
        return True

    def feed_key(self, event: QKeyEvent, target: QObject | None = None) -> bool:
        """Feed one key press; True when the key is the scanner's and must not be delivered."""
        char = _TERMINATORS.get(Qt.Key(event.key()), event.text())
        if not char:
            return False
        at = event.timestamp() / 1000 if event.timestamp() else self._clock()
        step = self.detector.feed(char, at)
        self._follow(step)  # a scan that this key's pause ended still has its own first target
        if not step.take and self.detector.deadline is not None and self.detector.held == 0:
            self._first_target = target  # this key starts a run and was delivered
        if step.take and char not in ENTER_KEYS and char != TAB_KEY:
            self._held.append(_HeldKey(event.key(), event.modifiers(), event.text(), target))
        del self._held[: max(0, len(self._held) - self.detector.held)]  # a scan consumed them
        if self.detector.deadline is not None:
            self._flush.start(int(self.detector.settings.max_gap_s * 1000) + FLUSH_MARGIN_MS)
        return step.take

    def flush_now(self) -> None:
        """End the current run at once (the timer does this after a pause)."""
        self._flush.stop()
        self._on_flush()

    def _on_flush(self) -> None:
        self._follow(self.detector.end_run())
        self._held.clear()

    def _follow(self, step: WedgeStep) -> None:
        if step.release:
            self._deliver(self._held[: len(step.release)])
            del self._held[: len(step.release)]
        if step.scan is not None:
            self._emit(step.scan)

    def _deliver(self, keys: list[_HeldKey]) -> None:
        """Give held keys to the widgets they were going to, as the person typed them."""
        self._replaying = True
        try:
            for held in keys:
                target = held.target
                if target is None or not shiboken6.isValid(target):
                    target = QApplication.focusWidget()
                if target is None:
                    continue
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target, QKeyEvent(kind, held.key, held.modifiers, held.text)
                    )
        finally:
            self._replaying = False

    def _emit(self, scan: WedgeScan) -> None:
        target = self._first_target
        if isinstance(target, QLineEdit) and shiboken6.isValid(target):
            text = target.text()
            if text.endswith(scan.text[:1]):
                target.setText(text[:-1])  # the burst's first key got through
        self.code_scanned.emit(scan.text)
