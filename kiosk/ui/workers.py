"""Running slow work (scan commits, searches, probes) off the UI thread.

`TaskRunner.run(fn, on_done, on_failed)` runs `fn` on a worker thread of its own pool and calls
back on the UI thread through queued signals. A door runs scans on a one-thread pool so verdicts
come back in the order the codes were read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:
            log.exception("background task failed")
            self._relay.failed.emit(error)
            return
        self._relay.done.emit(result)


class TaskRunner(QObject):
    """A pool of worker threads whose results come back as UI-thread callbacks."""

    def __init__(self, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finish(result: Any) -> None:
            self._relays.discard(relay)
            if shiboken6.isValid(self):  # its window is gone: nobody to show the result to
                on_done(result)

        def fail(error: Any) -> None:
            self._relays.discard(relay)
            if on_failed is not None and shiboken6.isValid(self):
                on_failed(error)

        relay.done.connect(finish)
        relay.failed.connect(fail)
        self._pool.start(_Task(fn, relay))

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)
