"""Operator screens on real parts: the print queue across a restart (retry, reprint), and a
real double admission acknowledged from the conflicts list and synced to the server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.domain.hlc import wall_ms_now
from kiosk.domain.verdicts import Verdict
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.operator_window import TAB_CONFLICTS, TAB_PRINTERS, OperatorWindow
from kiosk.ui.print_port import JobState
from kiosk.ui.settings_store import KioskSettings
from printing.printer_emulator import EscposPrinterEmulator, PrinterMode, closed_port
from server_stub.local_server import station_token
from tests.ui_support import UiHarness, make_services
from tests.ui_support import ui_fixture as ui_fixture


def _main_codes(codes: list[dict]) -> list[dict]:
    return [c for c in codes if c["ticket_type"] in ("General admission", "VIP", "Speaker")]


def _column(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def _log_actions(db_path: Path, ticket_id: int) -> list[str]:
    db = sqlite3.connect(db_path)
    try:
        rows = db.execute(
            "SELECT action FROM checkin_log WHERE ticket_id = ? ORDER BY seq", (ticket_id,)
        ).fetchall()
    finally:
        db.close()
    return [r[0] for r in rows]


def test_a_failed_badge_survives_a_restart_then_the_operator_retries_and_reprints(
    provisioned_station, qtbot, ui: UiHarness
) -> None:
    station, codes = provisioned_station
    person = _main_codes(codes)[5]
    port = closed_port()
    printer = f"escpos-net:127.0.0.1:{port}"
    settings = KioskSettings(printer=printer, verdict_hold_s=30)
    # First run: the printer is off, so the badge fails and waits (next try in a minute).
    first = ui.services(settings=settings, printer=printer, first_retry_s=60)
    door = ui.window(DoorWindow(first))
    with qtbot.waitSignal(door.outcome_shown, timeout=5000) as shown:
        door.submit_code(person["code"], "wedge")
    assert shown.args[0].verdict is Verdict.ADMITTED
    qtbot.waitUntil(lambda: bool(first.printing.jobs((JobState.FAILED,))), timeout=10_000)
    ui.stop(first)  # the station stops (the queue's lanes and connections with it)

    with EscposPrinterEmulator(port=port) as emulator:  # the printer is switched on
        # Second run: the job is still there, failed, with its error, read from the database.
        second = ui.services(settings=settings, printer=printer, first_retry_s=60)
        operator = ui.window(OperatorWindow(second, lambda: "camera 0"))
        operator.show()
        operator.tabs.setCurrentIndex(TAB_PRINTERS)
        qtbot.waitUntil(lambda: operator.jobs.rowCount() == 1, timeout=5000)
        assert _column(operator.jobs, 1) == [str(person["ticket_id"])]
        assert _column(operator.jobs, 2) == [person["name"]]
        assert "failed" in _column(operator.jobs, 3)[0]
        assert "refused the connection" in _column(operator.jobs, 5)[0]
        assert "refused the connection" in operator.printer_words.text()

        operator.jobs.selectRow(0)
        operator.retry_button.click()
        assert emulator.wait_for_jobs(1, timeout_s=10)
        qtbot.waitUntil(lambda: "printed" in _column(operator.jobs, 3)[0], timeout=5000)
        qtbot.waitUntil(lambda: "ready" in operator.printer_words.text(), timeout=5000)
        assert station.badge_printed(person["ticket_id"])

        operator.jobs.selectRow(0)
        with qtbot.waitSignal(operator.acted, timeout=5000) as acted:
            operator.reprint_button.click()
        assert "logged as a reprint" in acted.args[0]
        assert emulator.wait_for_jobs(2, timeout_s=10)
        qtbot.waitUntil(lambda: operator.jobs.rowCount() == 2, timeout=5000)
        qtbot.waitUntil(lambda: "printed (reprint)" in _column(operator.jobs, 3)[0], timeout=5000)
        # A second badge without an operator's reprint is refused by the queue.
        door_again = ui.window(DoorWindow(second))
        with qtbot.waitSignal(door_again.outcome_shown, timeout=5000):
            door_again.submit_code(person["code"], "wedge")  # already inside: no new badge
        ui.close_window(door_again)
        assert len(emulator.jobs) == 2
    # Every step is in the station's log: the print, the operator's reprint, the refused scan.
    assert _log_actions(station.replica.path, person["ticket_id"]) == [
        "entry",
        "badge_printed",
        "badge_reprinted",
        "refused",
    ]


def test_an_operator_acknowledges_a_conflict_and_the_ack_syncs_to_the_server(
    qtbot, seeded_event, local_server, tmp_path: Path
) -> None:
    from server_stub.storage import open_storage
    from sync.engine import SyncEngine
    from sync.provisioning import provision_from_server

    server = local_server
    db = server.db
    tokens = [station_token(db, seeded_event.event_id, n) for n in "AB"]
    a = provision_from_server(tmp_path / "a", server.url, tokens[0], "main", "Door A")
    b = provision_from_server(tmp_path / "b", server.url, tokens[1], "main", "Door B")
    engines = [SyncEngine(s.replica.path) for s in (a, b)]
    operator = None
    try:
        ticket = _main_codes(seeded_event.codes)[6]
        assert a.scan(ticket["code"]).verdict is Verdict.ADMITTED  # both doors offline-ish:
        a_done = wall_ms_now()
        while wall_ms_now() <= a_done:  # B's admission a millisecond later at least: in the
            pass  # same one, HLC order falls to the random station ids and B could come first
        assert b.scan(ticket["code"]).verdict is Verdict.ADMITTED  # neither knew the other
        engines[0].sync_once()
        engines[1].sync_once()
        engines[0].sync_once()  # A pulls B's admission: one conflict on A's list
        assert len(a.replica.conflicts()) == 1
        conflict_id = a.replica.conflicts()[0].id

        services = make_services(a, tmp_path)
        assert services.check_operator_pin("1234")  # the operator unlocked with the event's PIN
        operator = OperatorWindow(services, lambda: "camera 0")
        qtbot.addWidget(operator)
        operator.show()
        operator.tabs.setCurrentIndex(TAB_CONFLICTS)
        qtbot.waitUntil(lambda: operator.conflicts.rowCount() == 1, timeout=5000)
        assert _column(operator.conflicts, 1) == [ticket["name"]]
        assert _column(operator.conflicts, 4) == ["open"]
        # Both admissions by station name and gate, never a station id (B's name was pulled).
        # (Which admission is "first" follows the hybrid clock; two scans in the same
        # millisecond tie and are ordered by station id, so either door may come first.)
        first, second = _column(operator.conflicts, 2)[0], _column(operator.conflicts, 3)[0]
        assert sorted(w.split(", ")[0] for w in (first, second)) == [
            "Door A (Main entrance)",
            "Door B (Main entrance)",
        ]
        assert a.station_id not in first + second and b.station_id not in first + second
        assert operator.tabs.tabText(TAB_CONFLICTS) == "Conflicts (1)"

        operator.conflicts.selectRow(0)
        operator.ack_note.setText("checked ID: same person, came back in")
        with qtbot.waitSignal(operator.acted, timeout=5000):
            operator.ack_button.click()
        qtbot.waitUntil(lambda: _column(operator.conflicts, 4) == ["✔ acknowledged"], timeout=5000)
        assert operator.tabs.tabText(TAB_CONFLICTS) == "Conflicts"
        [ack] = [e for e in a.replica.station_entries(a.station_id) if e.ref == conflict_id]
        assert str(ack.action) == "conflict_ack"
        assert ack.detail == "checked ID: same person, came back in"

        engines[0].sync_once()  # the acknowledgement is an entry like any other: it syncs
        store = open_storage(db)
        try:
            assert store.conflicts.conflicts(seeded_event.event_id, False) == []
            [on_server] = store.conflicts.conflicts(seeded_event.event_id, True)
        finally:
            store.close()
        assert on_server["id"] == conflict_id
    finally:
        if operator is not None:
            operator.close()
            operator.runner.wait()
        for engine in engines:
            engine.close()
        server.stop()
        a.replica.close()
        b.replica.close()


def test_a_badge_the_printer_never_confirmed_waits_for_the_operator_who_confirms_it(
    provisioned_station, qtbot, ui: UiHarness
) -> None:
    station, codes = provisioned_station
    person = _main_codes(codes)[6]
    with EscposPrinterEmulator(PrinterMode.DIES_MID_JOB) as emulator:
        settings = KioskSettings(printer=emulator.spec, verdict_hold_s=30)
        services = ui.services(settings=settings, printer=emulator.spec, first_retry_s=60)
        door = ui.window(DoorWindow(services))
        with qtbot.waitSignal(door.outcome_shown, timeout=5000):
            door.submit_code(person["code"], "wedge")
        printing = services.printing
        qtbot.waitUntil(lambda: bool(printing.jobs((JobState.UNCONFIRMED,))), timeout=10_000)
        assert not station.badge_printed(person["ticket_id"])  # never logged on a guess

        operator = ui.window(OperatorWindow(services, lambda: "camera 0"))
        operator.show()
        operator.tabs.setCurrentIndex(TAB_PRINTERS)
        qtbot.waitUntil(lambda: operator.jobs.rowCount() == 1, timeout=5000)
        assert "sent, unconfirmed" in _column(operator.jobs, 3)[0]
        operator.jobs.selectRow(0)
        with qtbot.waitSignal(operator.acted, timeout=5000) as acted:
            operator.confirm_button.click()  # the operator saw the badge come out
        assert "confirmed" in acted.args[0]
        qtbot.waitUntil(lambda: "printed" in _column(operator.jobs, 3)[0], timeout=5000)
        assert emulator.jobs == [] and len(emulator.cut_off_jobs) == 1  # nothing resent
    assert station.badge_printed(person["ticket_id"])
    assert _log_actions(station.replica.path, person["ticket_id"]) == ["entry", "badge_printed"]
