"""How each verdict looks: colour, icon shape and symbol. Colour is never the only signal:
every verdict also has its own icon and its own words (`Verdict.headline`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.domain.reasons import OWN_HEADLINES, Said
from kiosk.domain.verdicts import Verdict
from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate

# The domain's headlines (`Verdict.headline`), marked for the catalogues; a test checks that
# every headline is here, so a new verdict cannot reach the door untranslated.
HEADLINES = (
    QT_TRANSLATE_NOOP("Verdict", "Welcome — admitted"),
    QT_TRANSLATE_NOOP("Verdict", "Exit recorded"),
    QT_TRANSLATE_NOOP("Verdict", "Already checked in"),
    QT_TRANSLATE_NOOP("Verdict", "Not a ticket code"),
    QT_TRANSLATE_NOOP("Verdict", "Forged or damaged ticket"),
    QT_TRANSLATE_NOOP("Verdict", "Ticket signed with an unknown key"),
    QT_TRANSLATE_NOOP("Verdict", "Ticket for another event"),
    QT_TRANSLATE_NOOP("Verdict", "Ticket not valid yet"),
    QT_TRANSLATE_NOOP("Verdict", "Ticket expired"),
    QT_TRANSLATE_NOOP("Verdict", "Ticket cancelled"),
    QT_TRANSLATE_NOOP("Verdict", "Wrong entrance for this ticket"),
    QT_TRANSLATE_NOOP("Verdict", "Ticket not on the guest list"),
    QT_TRANSLATE_NOOP("Verdict", "Please call a supervisor"),
)


# The domain's reason headlines (`kiosk.domain.reasons.OWN_HEADLINES`), marked for the
# catalogues; a test checks that every one is here.
REASON_HEADLINES = (QT_TRANSLATE_NOOP("Verdict", "Not paid yet"),)


def headline_for(verdict: Verdict, why: Said | None = None) -> str:
    """The headline in English (the source text of the catalogues): the reason's own where it
    has one, else the verdict's."""
    if why is not None and why.reason in OWN_HEADLINES:
        return OWN_HEADLINES[why.reason]
    return verdict.headline


def headline_words(verdict: Verdict, why: Said | None = None) -> str:
    """The verdict's headline (or its reason's, see `headline_for`) in the window's language."""
    return translate("Verdict", headline_for(verdict, why))


class Icon(StrEnum):
    CHECK = "check"  # admitted
    EXIT = "exit"  # exit recorded: an arrow out
    REPEAT = "repeat"  # already checked in: a clock
    CROSS = "cross"  # refused
    HAND = "hand"  # supervisor needed: an exclamation in a triangle


@dataclass(frozen=True)
class VerdictStyle:
    background: str
    foreground: str
    icon: Icon
    symbol: str  # the same icon as text, for screen readers and logs


_GREEN = VerdictStyle("#1B7F3B", "#FFFFFF", Icon.CHECK, "✔")
_BLUE = VerdictStyle("#1F4E99", "#FFFFFF", Icon.EXIT, "➜")
_AMBER = VerdictStyle("#F2B705", "#111111", Icon.REPEAT, "↻")
_RED = VerdictStyle("#B3191F", "#FFFFFF", Icon.CROSS, "✖")
_PURPLE = VerdictStyle("#5B2A86", "#FFFFFF", Icon.HAND, "⚠")


def style_for(verdict: Verdict) -> VerdictStyle:
    if verdict is Verdict.ADMITTED:
        return _GREEN
    if verdict is Verdict.EXIT_RECORDED:
        return _BLUE
    if verdict is Verdict.ALREADY_CHECKED_IN:
        return _AMBER
    if verdict is Verdict.NEEDS_SUPERVISOR:
        return _PURPLE
    return _RED
