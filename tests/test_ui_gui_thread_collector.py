"""A window's cyclic garbage is freed on the GUI thread, never on whichever worker thread
happened to allocate: Qt deletes a QObject in the thread it lives in, or the process may crash
(a test run died of a segfault "Garbage-collecting" in a readiness check's worker thread)."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from kiosk.ui.app import KioskApp, LaunchOptions
from kiosk.ui.gui_thread_collector import GuiThreadCollector


class _Cycle:
    """Garbage only the cyclic collector frees; says on which thread it was freed."""

    def __init__(self, freed_on: list[threading.Thread]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread())


def _allocate_past_every_threshold(results: list[object]) -> None:
    """What a worker's result does: objects enough to pass the collector's thresholds, kept."""
    results.append([[] for _ in range(sum(gc.get_threshold()) * 20)])


def test_the_window_process_frees_cyclic_garbage_on_the_gui_thread_only(
    qapp, qtbot, tmp_path: Path
) -> None:
    for collector in qapp.findChildren(GuiThreadCollector):  # tests/conftest.py's
        collector.stop()
    gc.enable()  # as in a fresh process, before the window is made
    try:
        options = LaunchOptions(data_dir=tmp_path / "station", config=tmp_path / "c.json")
        kiosk = KioskApp(options, qapp)
        freed_on: list[threading.Thread] = []
        _Cycle(freed_on)
        results: list[object] = []
        worker = threading.Thread(target=_allocate_past_every_threshold, args=(results,))
        worker.start()
        worker.join()
        assert freed_on == [], "the worker's allocations ran the collector on the worker"
        qtbot.waitUntil(lambda: bool(freed_on), timeout=3000)
        assert freed_on == [threading.main_thread()]
        kiosk.shutdown()
        assert gc.isenabled(), "after its window, the process collects as any other"
    finally:
        gc.disable()  # as tests/conftest.py leaves it
