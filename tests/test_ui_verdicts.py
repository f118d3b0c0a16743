"""Each verdict has its own words, icon and symbol on the card: colour is never alone."""

from __future__ import annotations

import time

import pytest

from kiosk.core.station import ScanOutcome
from kiosk.domain.hlc import pack
from kiosk.domain.merge import Admission
from kiosk.domain.reasons import Reason, said
from kiosk.domain.verdicts import Verdict
from kiosk.ui.kiosk_flow import SEE_DESK_WORDS, desk_reason, desk_reason_words
from kiosk.ui.languages import use_language
from kiosk.ui.verdict_card import VerdictCard
from kiosk.ui.verdict_style import Icon, headline_words, style_for
from tests.ui_support import make_services  # noqa: F401 - sets QT_QPA_PLATFORM


@pytest.mark.parametrize("verdict", list(Verdict))
def test_each_verdict_shows_its_words_and_icon(qtbot, verdict: Verdict) -> None:
    card = VerdictCard()
    qtbot.addWidget(card)
    outcome = ScanOutcome(verdict, f"detail for {verdict}", "e1", 7, False, "Ada Lovelace", "VIP")
    card.show_outcome(outcome)
    style = style_for(verdict)
    assert verdict.headline in card.headline.text()
    assert style.symbol in card.headline.text()
    assert card.icon.icon is style.icon
    assert card.icon.accessibleName() == str(style.icon)
    assert card.person.text() == "Ada Lovelace · VIP"
    assert f"detail for {verdict}" in card.detail.text().lower()
    assert style.background in card.styleSheet()
    assert not card.grab().isNull()


def test_icons_tell_the_verdict_families_apart() -> None:
    icons = {
        style_for(v).icon
        for v in (Verdict.ADMITTED, Verdict.EXIT_RECORDED, Verdict.ALREADY_CHECKED_IN)
    }
    assert len(icons) == 3
    assert style_for(Verdict.REVOKED).icon is Icon.CROSS
    assert style_for(Verdict.NEEDS_SUPERVISOR).icon is Icon.HAND


def test_already_checked_in_says_when_and_at_which_gate(qtbot) -> None:
    card = VerdictCard()
    qtbot.addWidget(card)
    wall = int(time.time() * 1000) - 12 * 60_000
    previous = Admission(
        entry_id="x", station_id="s", gate_id="vip", hlc=pack(wall, 0), wall_ms=wall
    )
    outcome = ScanOutcome(
        Verdict.ALREADY_CHECKED_IN, "used", "e2", 3, previous=previous, previous_gate="VIP lounge"
    )
    card.show_outcome(outcome)
    assert "12 min ago" in card.when.text()
    assert "VIP lounge" in card.when.text()


def test_the_card_says_each_thing_once(qtbot) -> None:
    """The core's raw detail is not repeated under the headline or the when-line."""
    card = VerdictCard()
    qtbot.addWidget(card)
    wall = int(time.time() * 1000) - 5 * 60_000
    previous = Admission(
        entry_id="x", station_id="s", gate_id="main", hlc=pack(wall, 0), wall_ms=wall
    )
    used = ScanOutcome(
        Verdict.ALREADY_CHECKED_IN,
        "first checked in at 2026-11-21 14:34, Main entrance",
        "e3",
        4,
        previous=previous,
        previous_gate="Main entrance",
    )
    card.show_outcome(used)
    shown = [w.text() for w in (card.headline, card.person, card.when, card.detail)]
    assert sum("Main entrance" in text for text in shown) == 1
    assert card.detail.isHidden()
    card.show_outcome(ScanOutcome(Verdict.ADMITTED, "admitted", "e4", 5, False, "Ada", "VIP"))
    assert card.detail.isHidden()  # "admitted" under "Welcome — admitted" says nothing new
    card.show_outcome(
        ScanOutcome(Verdict.MALFORMED, "not a ticket code (damaged or incomplete)", "e5")
    )
    assert card.detail.text() == "Damaged or incomplete"
    card.show_outcome(ScanOutcome(Verdict.WRONG_GATE, "not valid at Main entrance", "e6", 6))
    assert card.detail.text() == "Not valid at Main entrance"


def test_kiosk_tells_attendees_to_see_the_desk_in_plain_words() -> None:
    assert SEE_DESK_WORDS == "Please see the desk"
    for verdict in Verdict:
        if not verdict.lets_through:
            assert desk_reason(verdict).endswith(".")


def test_an_unpaid_ticket_reads_not_paid_at_the_door_and_the_kiosk_in_every_language(
    qtbot,
) -> None:
    """'Ticket cancelled' would turn away someone who only has to pay: the card, the door's
    last-scan line and the kiosk's desk words say 'not paid yet' — in the window's language."""
    unpaid = said(Reason.NOT_PAID)
    outcome = ScanOutcome(
        Verdict.REVOKED, unpaid.english(), "e7", 8, False, "Ada", "VIP", said=unpaid
    )
    card = VerdictCard()
    qtbot.addWidget(card)
    try:
        card.show_outcome(outcome)
        assert "Not paid yet" in card.headline.text()
        assert card.detail.text() == "Send them to the box office to pay"
        assert desk_reason(Verdict.REVOKED, unpaid).startswith("This ticket is not paid yet")
        use_language("de")
        card.show_outcome(outcome)
        assert "Noch nicht bezahlt" in card.headline.text()
        assert "Kasse" in card.detail.text()
        assert "bezahlt" in desk_reason_words(Verdict.REVOKED, unpaid)
        use_language("ar")
        card.show_outcome(outcome)
        assert "لم يُدفع بعد" in card.headline.text()
        for code in ("de", "fr", "es", "ar"):
            use_language(code)
            assert headline_words(Verdict.REVOKED, unpaid) != "Not paid yet", code
            assert headline_words(Verdict.REVOKED, unpaid) != headline_words(Verdict.REVOKED)
    finally:
        use_language("en")
