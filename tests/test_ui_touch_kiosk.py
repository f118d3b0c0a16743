"""A touch-only kiosk: an on-screen keyboard on the find screen (the kiosk language's letters,
@ . - _ and digits, keys of at least 60 px), driven by touch events alone."""

from __future__ import annotations

from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.kiosk_flow import Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.settings_store import KioskSettings, Mode
from kiosk.ui.station_shell import StationShell
from kiosk.ui.touch_keyboard import KEY_PX, LAYOUTS, SHIFT, SPACE, TouchKeyboard
from tests.ui_support import UiHarness, make_services
from tests.ui_support import ui_fixture as ui_fixture

_TOUCHSCREEN: QPointingDevice | None = None


def touchscreen() -> QPointingDevice:
    global _TOUCHSCREEN
    if _TOUCHSCREEN is None:
        _TOUCHSCREEN = QTest.createTouchDevice()
    return _TOUCHSCREEN


def tap(widget: QWidget) -> None:
    """A finger on the widget's centre and off again: touch events only, no mouse."""
    window = widget.window()
    centre = widget.mapTo(window, widget.rect().center())
    QTest.touchEvent(window, touchscreen()).press(0, centre, window).commit()
    QTest.touchEvent(window, touchscreen()).release(0, centre, window).commit()
    QApplication.processEvents()


def type_on_screen(keyboard: TouchKeyboard, text: str) -> None:
    """Tap the keys for `text` (Shift before a capital letter)."""
    for ch in text:
        if ch.isupper():
            tap(keyboard.keys[SHIFT])
            ch = ch.lower()
        tap(keyboard.keys[SPACE if ch == " " else ch])


def _kiosk(ui: UiHarness, language: str = "en", size=(1280, 800)) -> KioskWindow:
    services = ui.services(settings=KioskSettings(mode=Mode.SELF, language=language))
    kiosk = ui.window(KioskWindow(services))
    kiosk.allow_close = True
    kiosk.resize(*size)
    kiosk.show()
    return kiosk


def _main_gate(codes: list[dict]) -> list[dict]:
    return [c for c in codes if c["ticket_type"] in ("General admission", "VIP", "Speaker")]


def test_the_find_screen_offers_an_on_screen_keyboard_in_the_kiosks_language(
    ui: UiHarness,
) -> None:
    accents = {"de": "äöüß", "fr": "éèàçêù", "es": "ñáéíóú", "ar": "بتثجح", "en": ""}
    for language, letters in accents.items():
        kiosk = _kiosk(ui, language, size=(1024, 768))
        kiosk.start_finding()
        QApplication.processEvents()
        keyboard = kiosk.keyboard
        assert keyboard.isVisible(), language
        for key in [*letters, *"@.-_", *"1234567890", *LAYOUTS[language][0][:3]]:
            button = keyboard.keys[key]
            assert button.isVisible(), (language, key)
            assert button.width() >= KEY_PX and button.height() >= KEY_PX, (language, key)
            bottom = button.mapTo(kiosk, button.rect().bottomRight())
            assert bottom.y() <= kiosk.height() and bottom.x() <= kiosk.width(), (language, key)
        # The fields being filled stay above the keys.
        for field in (kiosk.confirmation, kiosk.surname, kiosk.email):
            assert field.mapTo(kiosk, field.rect().bottomLeft()).y() <= keyboard.y(), language
        ui.close_window(kiosk)


def test_a_physical_keyboard_puts_the_on_screen_one_away(ui: UiHarness) -> None:
    kiosk = _kiosk(ui)
    kiosk.start_finding()
    tap(kiosk.surname)
    assert kiosk.keyboard.isVisible() and kiosk.keyboard.target is kiosk.surname
    for key in "Lee":  # a person on a real keyboard (spontaneous key events, human pace)
        QTest.keyClick(kiosk.surname, key, delay=120)
    assert kiosk.surname.text() == "Lee"
    assert not kiosk.keyboard.isVisible()
    tap(kiosk.email)
    assert not kiosk.keyboard.isVisible()  # the person has a keyboard: no keys in the way
    kiosk.reset()
    kiosk.start_finding()
    assert kiosk.keyboard.isVisible()  # the next person may not


def test_a_touch_only_kiosk_finds_a_ticket_and_prints_the_badge(
    provisioned_station, ui: UiHarness, qtbot, tmp_path
) -> None:
    station, codes = provisioned_station
    person = _main_gate(codes)[4]
    services = ui.services(
        settings=KioskSettings(mode=Mode.SELF), printer=f"pdf:{tmp_path / 'badges'}"
    )
    kiosk = ui.window(KioskWindow(services))
    kiosk.allow_close = True
    kiosk.resize(1024, 768)
    kiosk.show()
    tap(kiosk.find_button)
    assert kiosk.step is Step.FIND and kiosk.keyboard.isVisible()
    tap(kiosk.confirmation)
    type_on_screen(kiosk.keyboard, person["confirmation"].lower())
    assert kiosk.confirmation.text() == person["confirmation"].lower()
    tap(kiosk.keyboard.keys["⌫"])
    type_on_screen(kiosk.keyboard, person["confirmation"][-1].lower())
    tap(kiosk.keyboard.keys["hide"])
    assert not kiosk.keyboard.isVisible()
    tap(kiosk.find_code_button)
    qtbot.waitUntil(lambda: kiosk.step is Step.CONFIRM, timeout=5000)
    assert kiosk.confirm_name.full_text() == person["name"]
    tap(kiosk.yes_button)
    qtbot.waitUntil(lambda: kiosk.step is Step.TAKE_BADGE, timeout=10_000)
    assert station.badge_printed(person["ticket_id"])
    assert list((tmp_path / "badges").glob(f"badge-{person['ticket_id']}-*.pdf"))


def test_a_kiosk_without_a_camera_does_not_ask_people_to_scan(provisioned_station, qtbot, tmp_path):
    station, _codes = provisioned_station
    services = make_services(station, tmp_path, settings=KioskSettings(mode=Mode.SELF))
    shell = StationShell(services, feed=None)
    qtbot.addWidget(shell)
    shell.show()
    assert shell.kiosk is not None
    assert "scan" not in shell.kiosk.attract_words.full_text().lower()
    shell.kiosk.set_camera_ready(True)
    assert "Scan your ticket" in shell.kiosk.attract_words.full_text()
    shell.allow_close = True
