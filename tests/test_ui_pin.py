"""The operator PIN: a wrong PIN is said and the prompt stays; guessing locks the prompt for
a growing time; a new PIN is typed twice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.ui.languages import use_language
from kiosk.ui.operator_pin import PinGuard, PinResult, check_pin, hash_pin
from kiosk.ui.operator_window import OperatorWindow
from kiosk.ui.pin_dialog import PinDialog
from kiosk.ui.settings_store import KioskSettings
from tests.ui_support import UiHarness
from tests.ui_support import ui_fixture as ui_fixture


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _dialog(qtbot, guard: PinGuard | None = None) -> PinDialog:
    dialog = PinDialog(hash_pin("4711"), "Enter the operator PIN.", guard=guard)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_enter_with_a_wrong_pin_says_so_and_keeps_the_prompt(qtbot) -> None:
    dialog = _dialog(qtbot)
    QTest.keyClicks(dialog.entry, "1234")
    QTest.keyClick(dialog.entry, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Wrong PIN" in dialog.error.text()
    with qtbot.waitSignal(dialog.granted, timeout=1000):
        QTest.keyClicks(dialog.entry, "4711")
        QTest.keyClick(dialog.entry, Qt.Key.Key_Enter)
    assert not dialog.isVisible()


def test_five_wrong_pins_lock_the_prompt_for_a_growing_time(qtbot, caplog) -> None:
    use_language("en")  # English plural forms ("30 seconds") come from its catalogue
    clock = FakeClock()
    guard = PinGuard(clock=clock)
    dialog = _dialog(qtbot, guard)
    for _ in range(4):
        dialog.entry.setText("0000")
        assert not dialog.submit()
        assert dialog.entry.isEnabled()
    dialog.entry.setText("0000")
    assert not dialog.submit()
    assert not dialog.entry.isEnabled()
    assert "Try again in 30 seconds" in dialog.error.text()
    assert "locked for 30 s" in caplog.text
    # Locked: even the right PIN is refused, and a new prompt does not reset the count.
    assert guard.attempt("4711", hash_pin("4711")) is PinResult.LOCKED
    dialog.close()
    again = _dialog(qtbot, guard)
    assert not again.entry.isEnabled()
    clock.now += 31
    again._show_lock()
    assert again.entry.isEnabled()
    again.entry.setText("9999")
    assert not again.submit()
    assert guard.locked_for_s() == 60  # the next lockout is twice as long
    clock.now += 61
    assert guard.attempt("4711", hash_pin("4711")) is PinResult.GRANTED
    assert guard.failures == 0


def test_a_new_pin_is_typed_twice(ui: UiHarness) -> None:
    """A station holding no PIN from a server (an older one) keeps a local PIN."""
    ui.station.replica.set_state("operator_pin", "")
    services = ui.services()
    operator = ui.window(OperatorWindow(services, lambda: "camera"))
    operator.new_pin.setText("2468")
    operator.repeat_pin.setText("2486")
    operator.save_settings()
    assert "differ" in operator.settings_words.text()
    assert not check_pin("2468", services.settings.pin())
    operator.new_pin.setText("2468")
    operator.repeat_pin.setText("2468")
    operator.save_settings()
    assert check_pin("2468", services.settings.pin())


def test_the_events_pin_unlocks_the_station_while_the_operator_screens_are_open(
    ui: UiHarness,
) -> None:
    """The station's PIN prompt checks the event's PIN (from the server) and, when right,
    unlocks the station: acknowledgements made then are signed; closing the operator screens
    locks it again. The local settings PIN no longer opens it."""
    services = ui.services(settings=KioskSettings(pin_hash=hash_pin("4711")))
    station = services.station
    dialog = PinDialog(services.check_operator_pin, "Enter the operator PIN.")
    ui.window(dialog)
    dialog.open()
    dialog.entry.setText("4711")  # this laptop's local PIN: not the event's
    assert not dialog.submit() and not station.operator_unlocked
    dialog.entry.setText("1234")  # the seeded event's operator PIN
    assert dialog.submit() and station.operator_unlocked
    operator = ui.window(OperatorWindow(services, lambda: "camera"))
    operator.finished.connect(services.lock_operator)
    assert operator.new_pin.isHidden()  # the PIN is set on the server, not here
    signed = station.acknowledge_conflict("c-1", "same person")
    assert station.replica.own_entry(station.station_id, signed.entry_id).pin_signature
    operator.done(0)
    assert not station.operator_unlocked
    unsigned = station.acknowledge_conflict("c-2", "after closing")
    assert station.replica.own_entry(station.station_id, unsigned.entry_id).pin_signature is None


def test_the_operator_sees_what_the_server_refused(ui: UiHarness) -> None:
    services = ui.services()
    station = services.station
    entry = station.acknowledge_conflict("c-3", "while locked")
    station.replica.mark_rejected(
        [(entry.entry_id, "refused by the server: not unlocked by PIN (the station was not "
          "unlocked with the operator PIN when this was recorded)")]
    )  # fmt: skip
    operator = ui.window(OperatorWindow(services, lambda: "camera"))
    words = operator.not_on_server_words()
    assert "conflict_ack" in words and "refused by the server: not unlocked by PIN" in words
