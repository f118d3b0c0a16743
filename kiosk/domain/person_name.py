"""How a person's name is written: one rule for the screens and the badges.

Chinese, Japanese and Korean names are written family name first (山田 太郎, 김 민준); other
names given name first. A name counts as East Asian when every letter of it is a wide or
full-width character (Han, Kana, Hangul: Unicode's East Asian Width W or F, UAX #11), so a
romanised "Taro Yamada" keeps the order it was given in. Plain Python; no I/O.
"""

from __future__ import annotations

import unicodedata


def written_family_first(text: str) -> bool:
    """True when every letter of `text` is Han, Kana or Hangul."""
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return False
    return all(unicodedata.east_asian_width(c) in ("W", "F") for c in letters)


def display_name(first_name: str, last_name: str) -> str:
    """The name as a person of that script writes it (and as the badge prints it)."""
    first, last = first_name.strip(), last_name.strip()
    if written_family_first(first + last):
        return f"{last} {first}".strip()
    return f"{first} {last}".strip()
