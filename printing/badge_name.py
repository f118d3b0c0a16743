"""What the name field of a badge prints: the attendee's name, or words that stand in for it.

A name can hold nothing a printer can draw: only emoji, only characters no badge font has, only
invisible format characters. Printing an empty name field silently would hand over a badge
nobody can read, so the field then shows the ticket ("Ticket 1042") and the job says why.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from printing.badge_data import BadgeData
from printing.fonts import FontChain
from printing.text_layout import drop_undrawable_emoji, needs_layout

#: Invisible characters that shape or break text but draw nothing on their own.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


@dataclass(frozen=True)
class PrintedName:
    """The text for the name field, and `note` when it is not the attendee's name as given
    (a fallback, or characters left out): the job result shows it to the operator."""

    text: str
    note: str | None = None


def _draws_something(text: str, chain: FontChain) -> bool:
    """True when some character of `text` is visible and has a glyph in a face of `chain`."""
    return any(
        unicodedata.category(c) not in _INVISIBLE_CATEGORIES
        and any(face.covers(c) for face in chain.faces)
        for c in text
    )


def fallback_name(badge: BadgeData) -> str:
    """The words that stand in for a name that cannot print: the ticket's id."""
    return f"Ticket {badge.ticket_id}"


def printed_name(badge: BadgeData, chain: FontChain) -> PrintedName:
    """The name field's text for `badge` drawn with `chain` (emoji no font draws dropped)."""
    given = badge.display_name
    text = drop_undrawable_emoji(given, chain) if needs_layout(given) else given
    if _draws_something(text, chain):
        missing = chain.uncovered(text)
        if missing:
            note = f"no badge font has {missing!r}: those characters print as boxes"
            return PrintedName(text, note)
        if text != given and given.split() != text.split():
            return PrintedName(text, f"emoji left out of the name {given!r}")
        return PrintedName(text)
    fallback = fallback_name(badge)
    shown = given or "(empty)"
    return PrintedName(
        fallback,
        f"the name {shown!r} has nothing a badge font can print; the badge shows"
        f" '{fallback}' instead",
    )
