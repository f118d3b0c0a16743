"""Banners instead of dialogs, sync status that follows the server, the crash guard, the
hand-scanner filter, and Qt kept inside kiosk/ui."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel

from kiosk.domain.verdicts import Verdict
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.print_port import JobState
from kiosk.ui.settings_store import KioskSettings
from kiosk.ui.station_shell import StationShell
from kiosk.ui.sync_port import EngineSync
from printing.printer_emulator import closed_port
from server_stub.local_server import station_token
from tests.ui_support import UiHarness, make_services
from tests.ui_support import ui_fixture as ui_fixture

ROOT = Path(__file__).resolve().parents[1]


def _main_codes(codes: list[dict]) -> list[dict]:
    return [c for c in codes if c["ticket_type"] in ("General admission", "VIP", "Speaker")]


def test_printing_failure_shows_a_banner_while_scanning_continues(
    provisioned_station, qtbot, ui: UiHarness
) -> None:
    station, codes = provisioned_station
    printer = f"escpos-net:127.0.0.1:{closed_port()}"  # nothing listens: refused at once
    settings = KioskSettings(printer=printer, verdict_hold_s=30)
    services = ui.services(settings=settings, printer=printer, first_retry_s=60)
    door = ui.window(DoorWindow(services))
    door.show()
    first, second = _main_codes(codes)[:2]
    with qtbot.waitSignal(door.outcome_shown, timeout=5000):
        door.submit_code(first["code"], "wedge")
    qtbot.waitUntil(lambda: "printer" in door.banner.messages(), timeout=10_000)
    assert door.banner.isVisible()
    assert "refused the connection" in door.banner.text.text()
    assert "Scanning continues" in door.banner.text.text()
    with qtbot.waitSignal(door.outcome_shown, timeout=5000) as shown:
        door.submit_code(second["code"], "wedge")
    assert shown.args[0].verdict is Verdict.ADMITTED
    assert door.banner.isVisible()
    # The failed badge is on record in the queue, waiting for its next attempt.
    [job] = [j for j in services.printing.jobs() if j.ticket_id == first["ticket_id"]]
    assert job.state is JobState.FAILED and job.will_retry and "refused" in (job.error or "")
    assert not station.badge_printed(first["ticket_id"])
    # Hide keeps the same warning hidden on the next polls; a new problem shows again.
    door.banner.hide_button.click()
    for _ in range(2):  # the next polls post the same problem: it stays hidden
        with qtbot.waitSignal(door.status_polled, timeout=5000):
            door.poll_status()
    assert "printer" in door.banner.messages()
    assert not door.banner.isVisible()


def test_undo_and_manual_checkin_from_search(provisioned_station, qtbot, tmp_path: Path):
    station, codes = provisioned_station
    person = _main_codes(codes)[3]
    door = DoorWindow(make_services(station, tmp_path))
    qtbot.addWidget(door)
    door.show_search()
    door.search.query.setText(person["last_name"])
    door.search.run_search()
    qtbot.waitUntil(lambda: door.search.results.count() > 0, timeout=5000)
    ids = [
        door.search.results.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(door.search.results.count())
    ]
    door.search.results.setCurrentRow(ids.index(person["ticket_id"]))
    with qtbot.waitSignal(door.outcome_shown, timeout=5000) as shown:
        door.search.check_in.click()
    assert shown.args[0].verdict is Verdict.ADMITTED
    assert station.counters().inside == 1
    door.undo_last()
    qtbot.waitUntil(lambda: door.undo_question is not None, timeout=5000)
    [undo] = [b for b in door.undo_question.buttons() if b.text() == "Undo it"]
    undo.click()  # Undo names the person and asks first
    qtbot.waitUntil(lambda: "Undone" in door.last.text(), timeout=5000)
    assert station.counters().inside == 0
    assert "Inside now: 0" in door.status.inside.text()


def test_sync_status_follows_the_server_stopping_and_starting(
    qtbot, seeded_event, local_server, tmp_path: Path
) -> None:
    from sync.engine import Backoff, SyncEngine
    from sync.provisioning import provision_from_server

    server = local_server
    db = server.db
    token = station_token(db, seeded_event.event_id, "Door T")
    station = provision_from_server(tmp_path / "st", server.url, token, "main", "Door T")
    engine = SyncEngine(
        station.replica.path, interval_s=0.2, backoff=Backoff(base_s=0.1, max_s=0.3)
    )
    engine.start()
    door = DoorWindow(make_services(station, tmp_path, sync=EngineSync(engine)))
    qtbot.addWidget(door)

    def shows(words: str, label: QLabel) -> Callable[[], bool]:
        """The door's status line says `words`; asking for a status poll whenever none is
        running, as its once-a-second timer does, so the test waits on the engine, not on
        the timer."""

        def check() -> bool:
            door.poll_status()  # does nothing while a poll is in flight
            return words in label.text()

        return check

    try:
        qtbot.waitUntil(shows("Online", door.status.connection), timeout=10_000)
        server.stop()
        qtbot.waitUntil(shows("Offline", door.status.connection), timeout=10_000)
        door.submit_code(seeded_event.codes[0]["code"], "wedge")
        qtbot.waitUntil(shows("To upload: 1", door.status.queue), timeout=10_000)
        server.start()
        qtbot.waitUntil(shows("Online", door.status.connection), timeout=10_000)
        qtbot.waitUntil(shows("To upload: 0", door.status.queue), timeout=10_000)
    finally:
        door._poll.stop()
        door.io.wait()
        engine.close()
        server.stop()
        station.replica.close()


def test_uncaught_exception_returns_to_the_scan_screen(provisioned_station, qtbot, tmp_path):
    station, _codes = provisioned_station
    shell = StationShell(make_services(station, tmp_path), feed=None)
    qtbot.addWidget(shell)
    shell.allow_close = True
    assert shell.door is not None
    shell.door.show_search()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as error:
        shell.guard.handle(RuntimeError, error, error.__traceback__)
    assert shell.door.pages.currentIndex() == 0
    assert "RuntimeError" in shell.door.banner.messages()["error"]


def test_hand_scanner_keys_become_one_scan(provisioned_station, qtbot, tmp_path: Path):
    station, codes = provisioned_station
    shell = StationShell(make_services(station, tmp_path), feed=None)
    qtbot.addWidget(shell)
    shell.allow_close = True
    code = _main_codes(codes)[4]["code"]
    swallowed: list[bool] = []
    with qtbot.waitSignal(shell.wedge.code_scanned, timeout=3000) as scanned:
        for char in code:
            event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
            swallowed.append(shell.wedge.feed_key(event))
            time.sleep(0.002)  # a scanner's key gap, well under the detector's 50 ms
        enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        shell.wedge.feed_key(enter)
    assert scanned.args[0] == code
    assert all(swallowed[1:])  # scanner keys never type into fields (the first can't be told)


def test_no_package_but_kiosk_ui_imports_pyside6() -> None:
    pattern = re.compile(r"^\s*(from|import)\s+PySide6", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("kiosk", "sync", "printing", "server_stub")
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
        and not path.is_relative_to(ROOT / "kiosk" / "ui")
    ]
    assert offenders == []
