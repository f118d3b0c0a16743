"""The self-check-in kiosk: finding yourself (one match or none, never a list), the PIN,
idle reset, and the badge printed through the station's persistent print queue."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QPushButton, QTableView

from kiosk.ui.kiosk_flow import Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.operator_pin import hash_pin
from kiosk.ui.print_port import JobState
from kiosk.ui.settings_store import KioskSettings, Mode
from kiosk.ui.station_shell import StationShell
from printing.printer_emulator import closed_port
from server_stub.storage.catalog import CONFIRMATION_ALPHABET
from tests.printing_support import decode_qr, pdf_to_image
from tests.ui_support import UiHarness, make_services
from tests.ui_support import ui_fixture as ui_fixture


def _kiosk(ui: UiHarness, printer: str | None = None, **settings) -> KioskWindow:
    services = ui.services(settings=KioskSettings(mode=Mode.SELF, **settings), printer=printer)
    window = ui.window(KioskWindow(services))
    window.allow_close = True
    window.resize(1280, 800)
    window.show()
    return window


def _main_gate(codes: list[dict]) -> list[dict]:
    return [c for c in codes if c["ticket_type"] in ("General admission", "VIP", "Speaker")]


def test_find_by_confirmation_code_confirms_and_prints_a_badge_through_the_queue(
    provisioned_station, qtbot, ui: UiHarness, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    person = _main_gate(codes)[0]
    kiosk = _kiosk(ui, printer=f"pdf:{tmp_path / 'badges'}")
    qtbot.mouseClick(kiosk.find_button, Qt.MouseButton.LeftButton)
    assert kiosk.step is Step.FIND
    kiosk.confirmation.setText(person["confirmation"].lower())
    qtbot.mouseClick(kiosk.find_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.step is Step.CONFIRM, timeout=5000)
    assert kiosk.confirm_name.text() == person["name"]
    assert not kiosk.findChildren(QListView) and not kiosk.findChildren(QTableView)
    kiosk.confirm()
    qtbot.waitUntil(lambda: kiosk.step is Step.TAKE_BADGE, timeout=10_000)
    # A real badge PDF, written by the printing package's queue, with the ticket's QR on it.
    [pdf] = (tmp_path / "badges").glob(f"badge-{person['ticket_id']}-*.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert decode_qr(pdf_to_image(data, dpi=150)) == [person["code"]]
    # The job is on record in the print queue's file, and the print is a log entry.
    queue_db = sqlite3.connect(station.replica.path.parent / "print_queue.sqlite3")
    try:
        jobs = queue_db.execute(
            "SELECT ticket_id, state, printed_entry_id FROM print_jobs"
        ).fetchall()
    finally:
        queue_db.close()
    db = sqlite3.connect(station.replica.path)
    try:
        actions = [
            row[0]
            for row in db.execute(
                "SELECT action FROM checkin_log WHERE ticket_id = ? ORDER BY seq",
                (person["ticket_id"],),
            )
        ]
    finally:
        db.close()
    assert [(j[0], j[1]) for j in jobs] == [(person["ticket_id"], "done")] and jobs[0][2]
    assert actions == ["entry", "badge_printed"]
    assert station.badge_printed(person["ticket_id"])
    assert station.counters().admitted_today == 1


def test_find_screen_fits_its_touch_targets_and_hints_a_real_confirmation_code(
    provisioned_station, ui: UiHarness
) -> None:
    kiosk = _kiosk(ui)
    kiosk.go(Step.FIND)
    page = kiosk.pages[Step.FIND]
    for button in page.findChildren(QPushButton):
        bottom = button.mapTo(kiosk, button.rect().bottomLeft()).y()
        assert button.height() >= 96, button.text()  # never squeezed below the touch size
        assert bottom <= kiosk.height(), button.text()  # never cut off at the bottom
    hint = kiosk.confirmation.placeholderText().removeprefix("e.g. ")
    assert hint and set(hint) <= set(CONFIRMATION_ALPHABET)


def test_find_by_surname_and_email_shows_that_one_person_only(
    provisioned_station, qtbot, ui: UiHarness
) -> None:
    _station, codes = provisioned_station
    person = _main_gate(codes)[1]
    kiosk = _kiosk(ui)
    kiosk.go(Step.FIND)
    kiosk.surname.setText(person["last_name"])
    kiosk.email.setText("nobody-else@example.invalid")
    kiosk.find_by_contact()
    qtbot.waitUntil(lambda: bool(kiosk.find_message.text()), timeout=5000)
    assert kiosk.step is Step.FIND  # a wrong e-mail reveals nothing, lists no one
    kiosk.email.setText(person["email"].upper())
    kiosk.find_by_contact()
    qtbot.waitUntil(lambda: kiosk.step is Step.CONFIRM, timeout=5000)
    assert kiosk.confirm_name.text() == person["name"]
    other_names = {c["name"] for c in codes} - {person["name"]}
    shown = " ".join(label.text() for label in kiosk.findChildren(type(kiosk.confirm_name)))
    assert not any(name in shown for name in other_names)


def test_scanning_a_used_ticket_at_the_kiosk_says_see_the_desk(
    provisioned_station, qtbot, ui: UiHarness
) -> None:
    station, codes = provisioned_station
    person = _main_gate(codes)[2]
    station.scan(person["code"])
    kiosk = _kiosk(ui)
    kiosk.submit_code(person["code"])
    qtbot.waitUntil(lambda: kiosk.step is Step.SEE_DESK, timeout=5000)
    assert kiosk.desk_words.text() == "Please see the desk"
    assert "already" in kiosk.desk_reason.text()


def test_idle_kiosk_resets_to_the_attract_screen(provisioned_station, qtbot, ui: UiHarness):
    kiosk = _kiosk(ui, idle_reset_s=0.2)
    kiosk.go(Step.FIND)
    kiosk.surname.setText("Somebody")
    qtbot.waitUntil(lambda: kiosk.step is Step.ATTRACT, timeout=3000)
    assert kiosk.surname.text() == ""


def test_pin_guards_operator_screens_and_leaving(provisioned_station, qtbot, tmp_path: Path):
    station, _codes = provisioned_station
    station.replica.set_state("operator_pin", "")  # no PIN from a server: the laptop's own
    settings = KioskSettings(mode=Mode.SELF, pin_hash=hash_pin("4711"))
    services = make_services(station, tmp_path, settings=settings)
    shell = StationShell(services, feed=None)
    qtbot.addWidget(shell)
    shell.show()
    assert shell.kiosk is not None
    shell.close()  # leaving kiosk mode: refused, the PIN is asked instead
    assert shell.isVisible()
    assert shell.pin_dialog is not None and shell.pin_dialog.isVisible()
    shell.pin_dialog.entry.setText("1234")
    assert not shell.pin_dialog.submit()
    assert shell.operator is None
    shell.pin_dialog.entry.setText("4711")
    assert shell.pin_dialog.submit()
    assert shell.operator is not None and shell.operator.isVisible()
    shell.operator.close()
    shell.allow_close = True


def test_mode_is_restored_after_a_restart(provisioned_station, qtbot, tmp_path: Path) -> None:
    station, _codes = provisioned_station
    services = make_services(station, tmp_path, settings=KioskSettings(mode=Mode.DOOR))
    shell = StationShell(services, feed=None)
    qtbot.addWidget(shell)
    shell.set_mode(Mode.SELF)
    assert services.store.load().mode is Mode.SELF
    restarted = replace(services, settings=services.store.load())
    again = StationShell(restarted, feed=None)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.kiosk
    shell.allow_close = again.allow_close = True


def test_a_printer_failure_at_the_kiosk_sends_the_attendee_to_the_desk_checked_in(
    provisioned_station, qtbot, ui: UiHarness
) -> None:
    station, codes = provisioned_station
    person = _main_gate(codes)[3]
    kiosk = _kiosk(ui, printer=f"escpos-net:127.0.0.1:{closed_port()}")
    kiosk.submit_code(person["code"], "camera")
    qtbot.waitUntil(lambda: kiosk.step is Step.CONFIRM, timeout=5000)
    kiosk.confirm()
    qtbot.waitUntil(lambda: kiosk.step is Step.SEE_DESK, timeout=10_000)
    assert "checked in" in kiosk.desk_reason.text()
    assert "could not be printed" in kiosk.desk_reason.text()
    assert station.counters().inside == 1
    # Nobody waits at the kiosk for a later retry: the job waits for an operator instead.
    printing = kiosk.services.printing
    qtbot.waitUntil(
        lambda: [j.will_retry for j in printing.jobs((JobState.FAILED,))] == [False],
        timeout=5000,
    )


def test_a_ticket_code_in_the_kiosk_code_field_is_read_like_a_scan(
    provisioned_station, qtbot, ui: UiHarness
) -> None:
    _station, codes = provisioned_station
    person = _main_gate(codes)[0]
    kiosk = _kiosk(ui)
    qtbot.mouseClick(kiosk.find_button, Qt.MouseButton.LeftButton)
    kiosk.confirmation.setText(f"\ufeff]Q1https://tickets.example.org/t/{person['code'].lower()}")
    qtbot.mouseClick(kiosk.find_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.step is Step.CONFIRM, timeout=5000)
    assert kiosk.confirm_name.text() == person["name"]
