"""Every screen fits every venue screen: door, kiosk, operator and set-up windows at 1024×768,
1280×800, 1366×768, 1920×1080 and a portrait kiosk at 1080×1920, with real widgets, long names
and offline status words. A screen fails on any cut-off words, any widget outside the window,
or a window that grew beyond the screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.station import ScanOutcome
from kiosk.domain.verdicts import Verdict
from kiosk.station_store import ClockOffset
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.kiosk_flow import Candidate, Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.languages import use_language
from kiosk.ui.operator_window import TAB_READY, OperatorWindow
from kiosk.ui.pin_dialog import PinDialog
from kiosk.ui.settings_store import KioskSettings, Mode
from kiosk.ui.setup_window import SetupWindow
from kiosk.ui.sync_port import SyncStatus
from tests.layout_check import layout_problems
from tests.ui_support import UiHarness
from tests.ui_support import ui_fixture as ui_fixture

LANDSCAPE = [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)]
PORTRAIT = [(1080, 1920)]
LONG_NAME = "Maximiliane-Konstanze Wolfeschlegelsteinhausenbergerdorff-Oberndorfer"


def _fit(window: QWidget, size: tuple[int, int], what: str) -> list[str]:
    width, height = size
    window.setGeometry(0, 0, width, height)
    QApplication.processEvents()
    QApplication.processEvents()
    screen = QRect(0, 0, width, height)
    return [f"{what} at {width}×{height}: {p}" for p in layout_problems(window, screen)]


def _offline() -> SyncStatus:
    return SyncStatus(
        online=False,
        syncing=False,
        last_sync_ms=None,
        queue_depth=12345,
        last_error="connection refused",
        has_server=True,
    )


def _outcome(verdict: Verdict, name: str, detail: str = "") -> ScanOutcome:
    return ScanOutcome(
        verdict=verdict,
        detail=detail,
        entry_id="e1",
        ticket_id=1,
        offline=True,
        attendee_name=name,
        ticket_type="General admission",
    )


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_the_door_fits_every_screen_offline_with_long_names(ui: UiHarness, language: str) -> None:
    use_language(language)
    services = ui.services()
    door = ui.window(DoorWindow(services))
    door.show()
    door.status.show_sync(_offline())
    door.banner.post("printer", "Printer: not answering at 10.0.0.7:9100. Scanning continues.")
    problems: list[str] = []
    for size in LANDSCAPE:
        door.show_scanner()
        problems += _fit(door, size, "door scanning")
        door.card.show_outcome(_outcome(Verdict.ADMITTED, LONG_NAME))
        door.pages.setCurrentWidget(door.card)
        problems += _fit(door, size, "door card")
        door.card.show_outcome(_outcome(Verdict.WRONG_GATE, LONG_NAME, "VIP entrance only"))
        problems += _fit(door, size, "door refusal")
        door.show_search()
        door.search.query.setText("Wolfeschlegelsteinhausenbergerdorff")
        problems += _fit(door, size, "door search")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("mode", [Mode.SELF])
def test_the_kiosk_fits_every_screen_landscape_and_portrait(ui: UiHarness, mode: Mode) -> None:
    services = ui.services(settings=KioskSettings(mode=mode))
    kiosk = ui.window(KioskWindow(services))
    kiosk.allow_close = True
    kiosk.show()
    problems: list[str] = []
    for size in LANDSCAPE + PORTRAIT:
        for step in Step:
            kiosk.go(step)
            if step is Step.CONFIRM:
                kiosk._offer([Candidate(1, LONG_NAME, "General admission")])
            if step is Step.FIND:
                kiosk.find_message.setText(
                    "We could not find a ticket with those details. Check them, or see the desk."
                )
            problems += _fit(kiosk, size, f"kiosk {step}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_the_operator_screens_fit_every_screen(ui: UiHarness, language: str) -> None:
    """German words run longest: the printer tab's buttons grew the window to 1376 px."""
    use_language(language)
    services = ui.services(settings=replace(KioskSettings(), mode=Mode.DOOR))
    operator = ui.window(OperatorWindow(services, lambda: "camera 0: 1280×720"))
    operator.show()
    problems: list[str] = []
    for size in LANDSCAPE:
        for tab in range(operator.tabs.count()):
            operator.tabs.setCurrentIndex(tab)
            problems += _fit(operator, size, f"operator {operator.tabs.tabText(tab)}")
    assert problems == [], "\n".join(problems)


def test_the_set_up_screen_and_pin_fit_every_screen(ui: UiHarness, tmp_path: Path) -> None:
    setup = ui.window(SetupWindow(tmp_path / "empty", KioskSettings()))
    setup.show()
    pin = ui.window(PinDialog(KioskSettings().pin(), "Enter the operator PIN.", setup))
    pin.show()
    problems: list[str] = []
    for size in LANDSCAPE:
        problems += _fit(setup, size, "set-up locked")
        setup.unlock()
        problems += _fit(setup, size, "set-up form")
        setup.pages.setCurrentIndex(0)
        pin.adjustSize()
        problems += [f"PIN at {size}: {p}" for p in layout_problems(pin, QRect(0, 0, *size))]
    assert problems == [], "\n".join(problems)


def _probe(tmp_path: Path, data_dir: Path, mode: str, width: int, height: int) -> dict:
    """The real application started in a child process whose only screen is width×height
    (Qt's offscreen platform, which has no window manager, like many kiosk laptops)."""
    screens = tmp_path / f"screen-{width}x{height}.json"
    screens.write_text(
        json.dumps(
            {
                "windowFrameMargins": False,
                "screens": [
                    {"name": "venue", "x": 0, "y": 0, "width": width, "height": height}
                    | {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
                ],
            }
        )
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    done = subprocess.run(
        [sys.executable, "-m", "tests.screen_probe", str(data_dir), mode, str(tmp_path / "c.json")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("mode", "width", "height"),
    [("door", 1024, 768), ("self", 1920, 1080), ("self", 1080, 1920)],
)
def test_door_and_kiosk_cover_their_screen_without_a_window_manager(
    provisioned_station, tmp_path: Path, mode: str, width: int, height: int
) -> None:
    station, _codes = provisioned_station
    report = _probe(tmp_path, station.replica.path.parent, mode, width, height)
    assert report["window"] == [0, 0, width, height]
    assert report["problems"] == []
    x, y, w, h = report["operator"]
    assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, report["operator"]
    assert report["operator_problems"] == []


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_ready_check_wraps_its_words_at_1024_never_cuts_them(
    ui: UiHarness, qtbot, language: str
) -> None:
    """On a 1024×768 laptop every cell of the ready check shows its whole text: a long
    German or French finding wraps onto more lines, it is never cut to "…"."""
    use_language(language)
    ui.station.replica.record_clock_offset(ClockOffset(0, int(time.time() * 1000)))  # synced
    operator = ui.window(OperatorWindow(ui.services(), lambda: "camera 0: 1280×720"))
    operator.setGeometry(0, 0, 1280, 800)
    operator.show()
    with qtbot.waitSignal(operator.acted, timeout=60_000):
        operator.run_checks()
    operator.tabs.setCurrentIndex(TAB_READY)
    operator.setGeometry(0, 0, 1024, 768)  # after a larger window: the columns narrow
    QApplication.processEvents()
    table = operator.checks
    # Qt's own measure: the height each row's wrapped words need at the columns' widths now.
    cut = [
        " | ".join(table.item(row, c).text() for c in range(table.columnCount()))
        for row in range(table.rowCount())
        if table.rowHeight(row) < table.sizeHintForRow(row)
    ]
    assert cut == []
