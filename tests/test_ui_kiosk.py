"""The self-check-in kiosk: finding yourself (one match or none, never a list), the PIN,
idle reset, and the badge printed through the queue."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QListView, QTableView

from kiosk.core.station import Station
from kiosk.ui.kiosk_flow import Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.operator_pin import hash_pin
from kiosk.ui.print_port import PdfFolderPrinting
from kiosk.ui.settings_store import KioskSettings, Mode
from kiosk.ui.station_shell import StationShell
from tests.ui_support import make_services


def _kiosk(qtbot, station: Station, tmp_path: Path, **settings) -> KioskWindow:
    services = make_services(
        station,
        tmp_path,
        settings=KioskSettings(mode=Mode.SELF, **settings),
        printing=PdfFolderPrinting(station, tmp_path / "badges"),
    )
    window = KioskWindow(services)
    window.allow_close = True
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def _main_gate(codes: list[dict]) -> list[dict]:
    return [c for c in codes if c["ticket_type"] in ("General admission", "VIP", "Speaker")]


def test_find_by_confirmation_code_confirms_and_prints_a_badge(
    provisioned_station, qtbot, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    person = _main_gate(codes)[0]
    kiosk = _kiosk(qtbot, station, tmp_path)
    qtbot.mouseClick(
        kiosk.find_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton
    )
    assert kiosk.step is Step.FIND
    kiosk.confirmation.setText(person["confirmation"].lower())
    kiosk.find_by_code()
    qtbot.waitUntil(lambda: kiosk.step is Step.CONFIRM, timeout=5000)
    assert kiosk.confirm_name.text() == person["name"]
    assert not kiosk.findChildren(QListView) and not kiosk.findChildren(QTableView)
    kiosk.confirm()
    qtbot.waitUntil(lambda: kiosk.step is Step.TAKE_BADGE, timeout=10_000)
    assert (tmp_path / "badges" / f"badge-{person['ticket_id']}.pdf").exists()
    assert station.badge_printed(person["ticket_id"])
    assert station.counters().admitted_today == 1


def test_find_by_surname_and_email_shows_that_one_person_only(
    provisioned_station, qtbot, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    person = _main_gate(codes)[1]
    kiosk = _kiosk(qtbot, station, tmp_path)
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
    provisioned_station, qtbot, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    person = _main_gate(codes)[2]
    station.scan(person["code"])
    kiosk = _kiosk(qtbot, station, tmp_path)
    kiosk.submit_code(person["code"])
    qtbot.waitUntil(lambda: kiosk.step is Step.SEE_DESK, timeout=5000)
    assert kiosk.desk_words.text() == "Please see the desk"
    assert "already" in kiosk.desk_reason.text()


def test_idle_kiosk_resets_to_the_attract_screen(
    provisioned_station, qtbot, tmp_path: Path
) -> None:
    station, _codes = provisioned_station
    kiosk = _kiosk(qtbot, station, tmp_path, idle_reset_s=0.2)
    kiosk.go(Step.FIND)
    kiosk.surname.setText("Somebody")
    qtbot.waitUntil(lambda: kiosk.step is Step.ATTRACT, timeout=3000)
    assert kiosk.surname.text() == ""


def test_pin_guards_operator_screens_and_leaving(provisioned_station, qtbot, tmp_path: Path):
    station, _codes = provisioned_station
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
