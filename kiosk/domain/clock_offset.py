"""How far a station's clock is from the server's, in words (issue 9 §4).

The offset itself is measured at sync (`sync.engine`) and kept by the station store; this
module only says when it matters and how to tell a person. Plain Python for the door's banner,
the "ready for doors" check and `doorline station status` alike.
"""

from __future__ import annotations

#: How far a laptop's clock may be from the server's before the door warns (issue 9 §4).
CLOCK_TOLERANCE_MS = 2 * 60_000


def offset_words(offset_ms: int) -> str:
    """An offset for people: "2 days 3 h ahead", "5 min behind", "40 s ahead"."""
    seconds = round(abs(offset_ms) / 1000)  # rounded to its largest units: 1 day 23 h 59 min
    if seconds >= 86_400:  # is "2 days"
        days, hours = divmod(round(seconds / 3600), 24)
        amount = f"{days} day{'s' if days > 1 else ''}" + (f" {hours} h" if hours else "")
    elif seconds >= 3600:
        hours, minutes = divmod(round(seconds / 60), 60)
        amount = f"{hours} h" + (f" {minutes} min" if minutes else "")
    elif seconds >= 60:
        amount = f"{round(seconds / 60)} min"
    else:
        amount = f"{seconds} s"
    return f"{amount} {'ahead' if offset_ms > 0 else 'behind'}"


def clock_problem(offset_ms: int | None) -> str | None:
    """Words for the door's banner when the last sync found this laptop's clock more than
    two minutes from the server's, else None."""
    if offset_ms is None or abs(offset_ms) <= CLOCK_TOLERANCE_MS:
        return None
    return (
        f"This laptop's clock is {offset_words(offset_ms)} of the server's. Scans are "
        "stamped with the server's time; set the laptop's date and time."
    )
