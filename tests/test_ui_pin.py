"""The operator PIN: a wrong PIN is said and the prompt stays; guessing locks the prompt for
a growing time; a new PIN is typed twice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.ui.languages import use_language
from kiosk.ui.operator_pin import PinGuard, PinResult, check_pin, hash_pin
from kiosk.ui.operator_window import OperatorWindow
from kiosk.ui.pin_dialog import PinDialog
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
