"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread allocates when a generation's count crosses its
threshold. In a Qt program that is often a worker thread (a readiness probe rendering a QR
code, a scan commit, a sync round), and the garbage it frees may hold Qt objects made on the
GUI thread: their C++ destructors then run on the wrong thread. Qt requires a QObject to be
deleted in the thread it lives in (Qt documentation, "Threads and QObjects"), and a widget
destroyed off the GUI thread can crash the process: a test run died of a segmentation fault
"Garbage-collecting" inside a readiness check on a pool thread, with the operator window open
on the GUI thread.

So the window's process switches automatic collection off and checks the same thresholds
(`gc.get_threshold`) from a timer on the GUI thread (the approach of pyqtgraph's
`GarbageCollector`). Reference counting still frees everything without cycles at once, in
any thread, as before; only cyclic garbage waits for the next tick (`INTERVAL_MS`).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 200  # how often the GUI thread looks at the collector's counts


def collect_due() -> int:
    """Collect the oldest generation whose count is over its threshold (as the automatic
    collector would), on the calling thread; return how many unreachable objects it found
    (0 when nothing was due). Call it on the GUI thread."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [g for g in range(3) if thresholds[g] and counts[g] > thresholds[g]]
    return gc.collect(due[-1]) if due else 0


class GuiThreadCollector(QObject):
    """Runs `collect_due` every `INTERVAL_MS` on the thread it is made on (make it on the GUI
    thread; `collect_on_gui_thread` does, and switches automatic collection off)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)

    def start(self) -> None:
        """Automatic collection off; the timer on (again)."""
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Once the window's workers are done (KioskApp.shutdown): what garbage is left is
        collected here, on the GUI thread, and automatic collection is back on, so the rest
        of the process (the demo's server stopping, the exit) neither grows nor needs a timer
        that no longer runs (Qt's loop has ended)."""
        self._timer.stop()
        gc.collect()
        gc.enable()


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """The application's collector (made once, a child of `app`, so it lives as long as the
    application), started, with automatic collection switched off: every window process
    calls this once it has its QApplication (KioskApp does), and `stop`s it once its window
    and workers are done."""
    found = app.findChild(GuiThreadCollector)
    collector = found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
    collector.start()
    return collector
