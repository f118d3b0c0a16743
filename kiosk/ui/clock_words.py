"""How far this laptop's clock is from the server's, in the window's language.

The same rounding as the log's English (`kiosk.domain.clock_offset.offset_words`): the two
largest units, "2 days 3 h", "1 h 5 min", "40 s".
"""

from __future__ import annotations

from kiosk.domain.clock_offset import CLOCK_TOLERANCE_MS
from kiosk.ui.languages import translate


def offset_amount(offset_ms: int) -> str:
    """ "2 days 3 h", "5 min", "40 s" (no direction)."""
    seconds = round(abs(offset_ms) / 1000)
    if seconds >= 86_400:
        days, hours = divmod(round(seconds / 3600), 24)
        amount = translate("ClockWords", "%n day(s)", None, days)
        if hours:
            amount += " " + translate("ClockWords", "{0} h").format(hours)
        return amount
    if seconds >= 3600:
        hours, minutes = divmod(round(seconds / 60), 60)
        amount = translate("ClockWords", "{0} h").format(hours)
        if minutes:
            amount += " " + translate("ClockWords", "{0} min").format(minutes)
        return amount
    if seconds >= 60:
        return translate("ClockWords", "{0} min").format(round(seconds / 60))
    return translate("ClockWords", "{0} s").format(seconds)


def offset_text(offset_ms: int) -> str:
    """ "5 min ahead of the server's clock" / "… behind …"."""
    if offset_ms > 0:
        words = translate("ClockWords", "{0} ahead of the server's clock")
    else:
        words = translate("ClockWords", "{0} behind the server's clock")
    return words.format(offset_amount(offset_ms))


def clock_banner(offset_ms: int | None) -> str | None:
    """The door's banner when the last sync found this laptop's clock more than two minutes
    from the server's, else None."""
    if offset_ms is None or abs(offset_ms) <= CLOCK_TOLERANCE_MS:
        return None
    return translate(
        "ClockWords",
        "This laptop's clock is {0}. Scans are stamped with the server's time; set the"
        " laptop's date and time.",
    ).format(offset_text(offset_ms))
