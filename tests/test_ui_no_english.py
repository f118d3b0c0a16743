"""Every word a person reads is in the window's language: the door (verdicts with the core's
reasons, search), the kiosk (each step), the operator screens (every tab, the ready check
after it ran) and the set-up screen's provisioning errors, in German, French, Spanish and
Arabic. English left anywhere fails the test; the event's own names (attendees, ticket types,
gates, stations, the event), codes and file paths are the organiser's and pass as written."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from kiosk.ui.door_window import DoorWindow
from kiosk.ui.fit_label import FitLabel
from kiosk.ui.kiosk_flow import Candidate, Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.languages import LANGUAGES, use_language
from kiosk.ui.operator_window import TAB_READY, OperatorWindow
from kiosk.ui.provisioning import ProvisionFailed, SetupProblem
from kiosk.ui.settings_store import KioskSettings, Mode
from kiosk.ui.setup_window import SetupWindow
from kiosk.ui.sync_port import SyncStatus
from sync.client import SyncClient
from sync.errors import SyncError
from tests.ui_support import UiHarness
from tests.ui_support import ui_fixture as ui_fixture

# Words only English uses (none is a German, French or Spanish word too, and none is in the
# test event's names); Arabic allows no Latin words at all besides names, codes and paths.
ENGLISH = frozenset(
    """
    the and is are was were not with this that from your you of to for been has have will
    can could there what when which ago found ready already checked printed printer camera
    missing unknown wrong signed cancelled please turn off set check run just yet see
    station ticket tickets scan scanned sync synced entry exit undo search find name key
    keys clock laptop data guest list sounds test print badge badges queue waiting open
    acknowledged server token address folder file bundle settings language mode door kiosk
    operator none no yes connect download choose load reading connecting provisioned
    provisioning failed signature match genuine verified offline online valid until expired
    flagged supervisor override undone note pin minutes ago just now last first
    """.split()  # noqa: SIM905
)
# Latin words an Arabic screen may show: product, standards and program names.
TECHNICAL = frozenset(
    """
    doorline qr pin id pdf usb csv escpos esc pos cups ipp zxing pyzbar hmac ed25519 alsa
    utils apt get install no recommends paplay aplay pw play http https wav mp4
    """.split()  # noqa: SIM905
)
# Words English shares with a language (its own word, or a loan word its translations use).
SHARED = {
    "de": "station name test ticket tickets pin bundle status token server scanner kiosk modus"
    " laptop badge badges offline online check sync",
    "fr": "station test ticket tickets pin badge badges mode note code token laptop offline online"
    " signature scan file",
    "es": "test pin no token kiosk badge badges offline online ticket tickets",
    "ar": "",
}


def visible_texts(window: QWidget) -> list[str]:
    """What a person can read on `window` now: labels, buttons, placeholders of empty fields,
    tab titles, table cells and headers, group titles, the shown choice of each list."""
    texts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not (widget.isVisibleTo(window) and widget.isVisible()):
            continue
        if isinstance(widget, FitLabel):
            texts.append(widget.full_text())
        elif isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit) and not widget.text():
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                texts.append(header.text() if header else "")
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    texts.append(item.text() if item else "")
    return [t for t in texts if t and t.strip()]


def english_in(text: str, language: str, names: list[str]) -> list[str]:
    for name in names:  # longest first: "Main entrance" before "Main"
        text = text.replace(name, " ")
    text = re.sub(r"(/|~)[^\s,;)]*", " ", text)  # paths
    text = re.sub(r"--[\w-]+", " ", text)  # command-line options
    text = re.sub(r"\b[a-z][\w-]*:\S+", " ", text)  # printer specs, addresses (pdf:FOLDER)
    text = re.sub(r"(?m)^\s*doorline .*$", " ", text)  # a command to type
    text = re.sub(r"\S*\d\S*|\b\w+\.\w+\b", " ", text)  # codes, ids, file names
    text = re.sub(r"\b[A-Z]{2,}\b", " ", text)  # keys and codes (ABC)
    words = re.findall(r"[^\W\d_]+", text)
    if language == "ar":
        latin = [w for w in words if w.isascii()]
        return [w for w in latin if w.lower() not in TECHNICAL and len(w) > 1]
    allowed = set(SHARED[language].split())
    return [w for w in words if w.lower() in ENGLISH and w.lower() not in allowed]


def _closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on: a printer or server switched off."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class UnreachableServerSync:
    """A station whose server is switched off: the status the sync engine reports after the
    real sync client failed to reach it (the engine's own thread is not needed to say it)."""

    def __init__(self) -> None:
        with SyncClient(f"http://127.0.0.1:{_closed_port()}", "credential") as client:
            try:
                client.health()
            except SyncError as error:
                self.error = error
        self.error.problem  # noqa: B018 (the client failed, as a switched-off server does)

    def status(self) -> SyncStatus:
        return SyncStatus(
            online=False,
            last_sync_ms=None,
            queue_depth=3,
            last_error=str(self.error),
            last_problem=self.error.problem,
            last_params=self.error.params,
        )

    def request_sync(self) -> None:
        return None

    def set_conditions_provider(self, provider: Callable[[], object]) -> None:
        return None

    def stop(self) -> None:
        return None


def show_fresh_snapshot(operator: OperatorWindow, qtbot) -> None:
    """Wait until the operator's tabs show a snapshot read after this call (a refresh in
    flight may have read the station before the test's last step): then every tab is filled
    and switching tabs only shows another page."""
    for _ in range(2):
        with qtbot.waitSignal(operator.refreshed, timeout=10_000):
            operator.refresh()


def _names(station, codes: list[dict]) -> list[str]:
    replica = station.replica
    names = [replica.event_name(), station.identity.name, "Doorline", "mian"]
    names += [g.name for g in replica.gates()] + [g.gate_id for g in replica.gates()]
    names += list(LANGUAGES.values())  # each language offered in its own words
    names += [c["name"] for c in codes] + [c["ticket_type"] for c in codes]
    return sorted(set(names), key=len, reverse=True)


@pytest.mark.parametrize("language", ["de", "fr", "es", "ar"])
def test_no_english_reaches_a_person(
    language: str, ui: UiHarness, provisioned_station, forge, qtbot, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    assert use_language(language)
    names = _names(station, codes)
    found: list[str] = []

    def look(where: str, window: QWidget) -> None:
        QApplication.processEvents()
        for text in visible_texts(window):
            english = english_in(text, language, names)
            if english:
                found.append(f"{where}: {text!r} ({', '.join(english)})")

    settings = KioskSettings(language=language, verdict_hold_s=30.0, mode=Mode.DOOR)
    services = ui.services(settings=settings, printer=f"pdf:{tmp_path / 'badges'}")
    door = ui.window(DoorWindow(services))
    door.resize(1280, 800)
    door.show()
    look("door, ready", door)
    main = [c for c in codes if c["ticket_type"] in ("General admission", "VIP")]
    day_pass = next(c for c in codes if c["ticket_type"] == "Day pass")
    for what, text in (
        ("admitted", main[0]["code"]),
        ("already checked in", main[0]["code"]),
        ("not a ticket", "hello, this is not a ticket"),
        ("forged", forge(main[1]["code"])),
        ("wrong entrance", day_pass["code"]),
    ):
        with qtbot.waitSignal(door.outcome_shown, timeout=10_000):
            door.submit_code(text, "wedge")
        look(f"door, {what}", door)
    door.show_search()
    door.search.query.setText(main[0]["name"].split()[-1])
    qtbot.waitUntil(lambda: door.search.results.count() > 0, timeout=10_000)
    look("door, search", door)
    ui.close_window(door)

    kiosk_settings = KioskSettings(language=language, mode=Mode.SELF)
    kiosk = ui.window(KioskWindow(ui.services(settings=kiosk_settings)))
    kiosk.allow_close = True
    kiosk.resize(1280, 800)
    kiosk.show()
    for step in Step:
        kiosk.go(step)
        if step is Step.CONFIRM:
            kiosk._offer([Candidate(main[2]["ticket_id"], main[2]["name"], "VIP")])
        look(f"kiosk, {step}", kiosk)
    kiosk.reset()
    kiosk.submit_code(main[0]["code"])  # already inside: the kiosk sends them to the desk
    qtbot.waitUntil(lambda: kiosk.step is Step.SEE_DESK, timeout=10_000)
    look("kiosk, see the desk", kiosk)
    ui.close_window(kiosk)

    operator = ui.window(OperatorWindow(services, lambda: "1280×720"))
    operator.resize(1280, 800)
    operator.show()
    with qtbot.waitSignal(operator.acted, timeout=60_000):
        operator.run_checks()
    show_fresh_snapshot(operator, qtbot)
    for tab in range(operator.tabs.count()):
        operator.tabs.setCurrentIndex(tab)
        look(f"operator, tab {tab}", operator)
    operator.tabs.setCurrentIndex(TAB_READY)
    ui.close_window(operator)

    # A network printer switched off and a server out of reach: the printing package's and
    # the sync engine's reasons on the door, the ready check, the Printers and Sync tabs.
    failing = ui.services(
        settings=settings,
        sync=UnreachableServerSync(),
        printer=f"escpos-net:127.0.0.1:{_closed_port()}",
    )
    door = ui.window(DoorWindow(failing))
    door.resize(1280, 800)
    door.show()
    with qtbot.waitSignal(door.outcome_shown, timeout=10_000):
        door.submit_code(main[3]["code"], "wedge")
    qtbot.waitUntil(lambda: bool(failing.printing.jobs()), timeout=10_000)
    qtbot.waitUntil(lambda: failing.printing.jobs()[0].error is not None, timeout=10_000)
    for _ in range(2):  # the second poll starts after the job failed, whatever was in flight
        with qtbot.waitSignal(door.status_polled, timeout=10_000):
            door.poll_status()
    look("door, printer and server off", door)
    ui.close_window(door)
    operator = ui.window(OperatorWindow(failing, lambda: "1280×720"))
    operator.resize(1280, 800)
    operator.show()
    with qtbot.waitSignal(operator.acted, timeout=60_000):
        operator.run_checks()
    show_fresh_snapshot(operator, qtbot)
    for tab in range(operator.tabs.count()):
        operator.tabs.setCurrentIndex(tab)
        look(f"operator, printer and server off, tab {tab}", operator)
    ui.close_window(operator)

    setup = ui.window(SetupWindow(tmp_path / "new", KioskSettings(language=language)))
    setup.show()
    setup.unlock()
    for failure in (
        ProvisionFailed("x", SetupProblem.UNKNOWN_GATE, "mian"),
        ProvisionFailed("x", SetupProblem.TOKEN_REFUSED),
        ProvisionFailed("x", SetupProblem.UNREACHABLE, "http://192.168.1.10:8765"),
        ProvisionFailed("x", SetupProblem.BUNDLE_WRONG_PASSPHRASE),
    ):
        setup.panel._failed(failure)
        look(f"set-up, {failure.problem}", setup)
    assert found == [], "\n".join(found)
