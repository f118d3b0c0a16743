"""Kiosk lookups for real bookings: surnames typed however the keyboard allows (case, accents,
transliteration), family and group bookings under one surname + e-mail (only those tickets,
first name and type; pick one or "all of us"), a used ticket said before "Is this you?",
"No, that's not me" back to Find — and a whole session in German on the on-screen keyboard."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from kiosk.core.attendee_search import find_by_surname_and_email
from kiosk.core.station import Station
from kiosk.domain.name_match import same_surname
from kiosk.ui.kiosk_flow import Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.languages import use_language
from kiosk.ui.settings_store import KioskSettings, Mode
from server_stub.storage import open_storage
from tests.conftest import make_station
from tests.test_ui_touch_kiosk import tap, type_on_screen
from tests.ui_support import UiHarness
from tests.ui_support import ui_fixture as ui_fixture

FAMILY_EMAIL = "familie.mueller@example.org"


@dataclass(frozen=True)
class Booked:
    ticket_id: int
    first_name: str
    last_name: str
    email: str
    confirmation: str


def _issue(tmp_path: Path, seeded_event, people: list[dict]) -> tuple[Station, list[Booked]]:
    db = tmp_path / "server.sqlite3"
    db.write_bytes(seeded_event.db_path.read_bytes())
    store = open_storage(db)
    try:
        issued = store.catalog.issue_tickets(seeded_event.event_id, people)
        snapshot = store.catalog.snapshot(seeded_event.event_id)
    finally:
        store.close()
    station = make_station(tmp_path / "station", snapshot)
    booked = [
        Booked(t.ticket_id, p["first_name"], p["last_name"], p["email"], t.confirmation)
        for t, p in zip(issued, people, strict=True)
    ]
    return station, booked


@pytest.fixture
def family(tmp_path: Path, seeded_event):
    """Two Müller tickets and a Schmidt ticket bought with one e-mail; a Núñez-Øster."""
    people = [
        {"first_name": "Jana", "last_name": "Müller", "email": FAMILY_EMAIL, "type_id": 0},
        {"first_name": "Lukas", "last_name": "Müller", "email": FAMILY_EMAIL, "type_id": 1},
        {"first_name": "Petra", "last_name": "Schmidt", "email": FAMILY_EMAIL, "type_id": 0},
        {
            "first_name": "Inés",
            "last_name": "Núñez-Øster",
            "email": "ines@example.org",
            "type_id": 0,
        },
    ]
    station, booked = _issue(tmp_path, seeded_event, people)
    yield station, booked
    station.replica.close()


@pytest.fixture
def kiosk_for(family, qtbot, tmp_path: Path):
    station, _booked = family
    harness = UiHarness(station, tmp_path, qtbot)

    def make(language: str = "en", printer: bool = True) -> KioskWindow:
        settings = KioskSettings(mode=Mode.SELF, language=language)
        spec = f"pdf:{tmp_path / 'badges'}" if printer else None
        services = harness.services(settings=settings, printer=spec)
        kiosk = harness.window(KioskWindow(services))
        kiosk.allow_close = True
        kiosk.resize(1024, 768)
        kiosk.show()
        return kiosk

    yield make
    harness.close()
    use_language("en")


def test_surnames_match_whatever_the_keyboard_could_type() -> None:
    assert same_surname("Nunez-Oster", "Núñez-Øster")
    assert same_surname("nunez oster", "Núñez-Øster")
    assert same_surname("Mueller", "Müller") and same_surname("MULLER", "Müller")
    assert same_surname("Müller", "Mueller")
    assert same_surname("Strasse", "Straße")
    assert not same_surname("Miller", "Müller")
    assert not same_surname("Oster", "Núñez-Øster")


def test_surname_and_email_find_the_whole_booking_and_nothing_else(family) -> None:
    station, _booked = family
    found = find_by_surname_and_email(station.replica, "mueller", FAMILY_EMAIL.upper())
    assert sorted(m.ticket.first_name for m in found) == ["Jana", "Lukas"]  # not Schmidt
    [ines] = find_by_surname_and_email(station.replica, "Nunez-Oster", "ines@example.org")
    assert ines.ticket.last_name == "Núñez-Øster"
    assert find_by_surname_and_email(station.replica, "Nunez-Oster", FAMILY_EMAIL) == []


def _find(kiosk: KioskWindow, qtbot, surname: str, email: str, step: Step) -> None:
    kiosk.start_finding()
    kiosk.surname.setText(surname)
    kiosk.email.setText(email)
    kiosk.find_by_contact()
    qtbot.waitUntil(lambda: kiosk.step is step, timeout=5000)


def test_a_family_sees_only_its_tickets_and_picks_one(family, kiosk_for, qtbot) -> None:
    station, booked = family
    kiosk = kiosk_for()
    _find(kiosk, qtbot, "Mueller", FAMILY_EMAIL, Step.PICK)
    shown = [b.text() for b in kiosk.pick_list.findChildren(QPushButton)]
    assert shown == ["Jana · General admission", "Lukas · VIP", "All of us (2 tickets)"]
    assert not any("Müller" in text or "Schmidt" in text or "Petra" in text for text in shown)
    lukas = kiosk.pick_list.findChildren(QPushButton)[1]
    tap(lukas)
    assert kiosk.step is Step.CONFIRM
    assert kiosk.confirm_name.full_text() == "Lukas Müller"
    tap(kiosk.yes_button)
    qtbot.waitUntil(lambda: kiosk.step is Step.TAKE_BADGE, timeout=10_000)
    lukas_id = next(b.ticket_id for b in booked if b.first_name == "Lukas")
    jana_id = next(b.ticket_id for b in booked if b.first_name == "Jana")
    assert station.badge_printed(lukas_id) and not station.badge_printed(jana_id)
    # Jana comes later: Lukas's ticket is shown as used, hers can still be picked.
    kiosk.reset()
    _find(kiosk, qtbot, "müller", FAMILY_EMAIL, Step.PICK)
    buttons = kiosk.pick_list.findChildren(QPushButton)
    assert [b.text() for b in buttons] == [
        "Jana · General admission",
        "Lukas · VIP — already checked in",
    ]
    assert buttons[0].isEnabled() and not buttons[1].isEnabled()


def test_a_new_search_never_shows_or_taps_the_last_bookings_buttons(
    family, kiosk_for, qtbot
) -> None:
    """The pick list is cleared at once, not when Qt gets round to deleting old buttons: under
    load a stale "Lukas" button from the previous family was still found (and tappable)."""
    kiosk = kiosk_for()
    _find(kiosk, qtbot, "Mueller", FAMILY_EMAIL, Step.PICK)
    stale = kiosk.pick_list.findChildren(QPushButton)
    assert len(stale) == 3
    kiosk.reset()  # no event loop runs in between: deleteLater has not happened yet
    assert kiosk.pick_list.findChildren(QPushButton) == []
    assert all(button.parent() is None and not button.isVisible() for button in stale)
    _find(kiosk, qtbot, "müller", FAMILY_EMAIL, Step.PICK)
    fresh = kiosk.pick_list.findChildren(QPushButton)
    assert len(fresh) == 3 and not set(fresh) & set(stale)


def test_a_used_ticket_is_said_before_is_this_you(family, kiosk_for, qtbot) -> None:
    station, booked = family
    ines = next(b for b in booked if b.first_name == "Inés")
    station.manual_checkin(ines.ticket_id)
    kiosk = kiosk_for()
    _find(kiosk, qtbot, "Nunez-Oster", "ines@example.org", Step.SEE_DESK)
    assert "already used" in kiosk.desk_reason.full_text()
    assert " at " in kiosk.desk_reason.full_text()  # when, and at which entrance


def test_not_me_returns_to_find_with_the_details_to_correct(family, kiosk_for, qtbot) -> None:
    _station, booked = family
    ines = next(b for b in booked if b.first_name == "Inés")
    kiosk = kiosk_for()
    _find(kiosk, qtbot, "nunez oster", "ines@example.org", Step.CONFIRM)
    assert kiosk.confirm_name.full_text() == "Inés Núñez-Øster"
    tap(kiosk.pages[Step.CONFIRM].findChildren(QPushButton)[0])  # "No, that's not me"
    assert kiosk.step is Step.FIND
    assert kiosk.surname.text() == "nunez oster"
    assert ines.ticket_id  # nothing was checked in
    assert not kiosk.services.station.counters().admitted_today


def test_a_german_session_on_the_on_screen_keyboard_prints_the_familys_badges(
    family, kiosk_for, qtbot, tmp_path: Path
) -> None:
    station, booked = family
    kiosk = kiosk_for()
    tap(kiosk.language_buttons["de"])
    assert kiosk.find_button.text() == "Mein Ticket finden"
    tap(kiosk.find_button)
    assert kiosk.keyboard.isVisible()
    assert "ü" in kiosk.keyboard.keys and "ß" in kiosk.keyboard.keys
    tap(kiosk.surname)
    type_on_screen(kiosk.keyboard, "Müller")
    tap(kiosk.email)
    type_on_screen(kiosk.keyboard, FAMILY_EMAIL)
    assert (kiosk.surname.text(), kiosk.email.text()) == ("Müller", FAMILY_EMAIL)
    tap(kiosk.find_contact_button)
    qtbot.waitUntil(lambda: kiosk.step is Step.PICK, timeout=5000)
    everyone = kiosk.pick_list.findChild(QPushButton, "everyone")
    assert everyone.text() == "Wir alle (2 Tickets)"
    tap(everyone)
    assert kiosk.step is Step.CONFIRM
    assert kiosk.yes_button.text() == "Ja, 2 Namensschilder drucken"
    tap(kiosk.yes_button)
    qtbot.waitUntil(lambda: kiosk.step is Step.TAKE_BADGE, timeout=15_000)
    assert kiosk.take_words.full_text() == "Nehmen Sie Ihre Namensschilder"
    family_ids = [b.ticket_id for b in booked if b.last_name == "Müller"]
    for ticket_id in family_ids:
        assert station.badge_printed(ticket_id)
        assert list((tmp_path / "badges").glob(f"badge-{ticket_id}-*.pdf"))
    assert station.counters().admitted_today == 2
    # Idle, the kiosk goes back to the station's language.
    kiosk.reset()
    assert kiosk.find_button.text() == "Find my ticket"
