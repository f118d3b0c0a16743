"""The window's languages: Qt's translation system with Linguist sources for English, German,
French, Spanish and Arabic (right-to-left), compiled by setup with PySide6's own lrelease;
plural forms through Qt's plural handling; names in the badge's order for each script."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.domain.admission import TicketRecord
from kiosk.domain.reasons import OWN_HEADLINES
from kiosk.domain.verdicts import Verdict
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.kiosk_flow import Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.languages import I18N_DIR, LANGUAGES, catalogue_path, translate, use_language
from kiosk.ui.settings_store import KioskSettings, Mode
from kiosk.ui.verdict_style import HEADLINES, REASON_HEADLINES, headline_words
from printing.badge_data import sample_badge
from tests.ui_support import UiHarness
from tests.ui_support import ui_fixture as ui_fixture

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def back_to_english(qapp):
    yield
    use_language("en")


def test_every_language_has_a_finished_catalogue_compiled_by_setup() -> None:
    for code in LANGUAGES:
        source = I18N_DIR / f"doorline_{code}.ts"
        messages = list(ET.parse(source).iter("message"))
        assert messages, code
        for message in messages:
            translation = message.find("translation")
            assert translation is not None and translation.get("type") is None, (
                code,
                message.findtext("source"),
            )
        assert catalogue_path(code).exists(), f"{code}: run .ci/setup.sh (pyside6-lrelease)"


def test_the_catalogues_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate over the code finds nothing new: no window string escapes translation."""
    copy = tmp_path / "doorline_de.ts"
    copy.write_bytes((I18N_DIR / "doorline_de.ts").read_bytes())
    sources = sorted(str(p) for p in (ROOT / "kiosk" / "ui").glob("*.py"))
    lupdate = ROOT / ".venv" / "bin" / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is installed by .ci/setup.sh into .venv")
    done = subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    unfinished = [
        m.findtext("source")
        for m in ET.parse(copy).iter("message")
        if m.find("translation") is not None and m.find("translation").get("type")
    ]
    assert unfinished == [], (
        "new window strings need their translations: update kiosk/ui/i18n/*.ts with"
        " pyside6-lupdate (docs/ui.md, Languages) and translate the new entries"
    )


def test_every_verdict_headline_is_in_the_catalogues() -> None:
    assert {v.headline for v in Verdict} <= set(HEADLINES)
    assert set(OWN_HEADLINES.values()) <= set(REASON_HEADLINES)
    use_language("de")
    assert headline_words(Verdict.ADMITTED) == "Willkommen — eingelassen"


def test_plural_forms_come_from_qts_plural_handling() -> None:
    use_language("en")
    assert translate("OperatorWindow", "%n log entry(ies)", None, 1) == "1 log entry"
    assert translate("OperatorWindow", "%n log entry(ies)", None, 3) == "3 log entries"
    use_language("de")
    assert translate("OperatorWindow", "%n ticket(s)", None, 1) == "1 Ticket"
    use_language("ar")
    two = translate("OperatorWindow", "%n ticket(s)", None, 2)
    five = translate("OperatorWindow", "%n ticket(s)", None, 5)
    assert two == "تذكرتان" and five == "5 تذاكر"


def test_arabic_mirrors_the_kiosk_and_idle_returns_to_the_station_language(
    ui: UiHarness,
) -> None:
    services = ui.services(settings=KioskSettings(mode=Mode.SELF, language="fr"))
    kiosk = ui.window(KioskWindow(services))
    kiosk.allow_close = True
    kiosk.resize(1024, 768)
    kiosk.show()
    assert kiosk.find_button.text() == "Trouver mon billet"
    kiosk.language_buttons["ar"].click()
    assert QApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert kiosk.isRightToLeft()
    assert kiosk.find_button.text() == "ابحث عن تذكرتي"
    assert kiosk.language_buttons["ar"].isChecked()
    kiosk.start_finding()
    assert "ب" in kiosk.keyboard.keys  # Arabic letters on the keys
    kiosk.reset()  # idle: back to the station's language, left to right
    assert kiosk.step is Step.ATTRACT
    assert kiosk.find_button.text() == "Trouver mon billet"
    assert QApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight


def test_the_door_speaks_the_language_setting(ui: UiHarness) -> None:
    use_language("es")
    door = ui.window(DoorWindow(ui.services(settings=KioskSettings(language="es"))))
    assert door.entry_button.text() == "Entrada"
    assert door.status.refused.text().startswith("Rechazados")


def test_names_are_shown_in_the_badges_order_for_each_script() -> None:
    for first, last in (("太郎", "山田"), ("민준", "김"), ("Ada", "Lovelace"), ("Taro", "Yamada")):
        record = TicketRecord(1, 0, "General admission", first, last)
        badge = sample_badge(first_name=first, last_name=last)
        assert record.display_name == badge.display_name
    assert TicketRecord(1, 0, "VIP", "太郎", "山田").display_name == "山田 太郎"


def test_the_doors_toolbar_reads_right_to_left_in_arabic(ui: UiHarness) -> None:
    """Arabic mirrors the door as Qt's own layouts mirror the operator window: the station's
    name at the right edge, Entry next to it, Operator at the far left (the toolbar's
    wrapping layout placed them left to right whatever the language)."""
    use_language("ar")
    door = ui.window(DoorWindow(ui.services(settings=KioskSettings(language="ar"))))
    door.setGeometry(0, 0, 1920, 1080)
    door.show()
    QApplication.processEvents()
    title, entry, operator = door.title, door.entry_button, door.settings_button
    assert title.geometry().right() > entry.geometry().right() > operator.geometry().right()
    assert title.geometry().right() > door.width() - 40
    use_language("en")
    door = ui.window(DoorWindow(ui.services()))
    door.setGeometry(0, 0, 1920, 1080)
    door.show()
    QApplication.processEvents()
    assert door.title.geometry().left() < door.entry_button.geometry().left()
    assert door.entry_button.geometry().left() < door.settings_button.geometry().left()
