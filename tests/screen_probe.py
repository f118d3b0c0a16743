"""Run in a child process on Qt's offscreen platform with a venue-sized screen: start the real
application on a station folder, and print (one JSON object) where its windows ended up and
what `layout_problems` finds. `python -m tests.screen_probe DATA_DIR MODE CONFIG_JSON`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.ui.app import KioskApp, LaunchOptions
from kiosk.ui.settings_store import Mode
from tests.layout_check import layout_problems


def _rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(data_dir: str, mode: str, config: str) -> None:
    app = QApplication(sys.argv[:1])
    options = LaunchOptions(data_dir=Path(data_dir), mode=Mode(mode), config=Path(config))
    kiosk = KioskApp(options, app)
    shell = kiosk.start()
    for _ in range(5):
        app.processEvents()
    screen = app.primaryScreen().geometry()
    report = {
        "screen": _rect(screen),
        "window": _rect(shell.geometry()),
        "problems": layout_problems(shell, screen),
    }
    if kiosk.shell is not None:
        kiosk.shell.open_operator()
        operator = kiosk.shell.operator
        for _ in range(5):
            app.processEvents()
        report["operator"] = _rect(operator.frameGeometry())
        report["operator_problems"] = layout_problems(operator, screen)
        operator.close()
    print(json.dumps(report))
    kiosk.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:4])
