"""When two spellings of a surname are the same person's: case, accents and transliteration.

An attendee types their surname at a kiosk on whatever keyboard it has; the ticket shop
stored it as the buyer typed it. `Núñez-Øster` and `Nunez-Oster` are one name, so are `Müller`
and `Mueller` (the German way to write ü without the dots), `Straße` and `Strasse`, `王` and
`Wang`. Each spelling gives a small set of keys: the name transliterated to ASCII by anyascii
(Unicode's characters to their usual Latin spelling; ISC licence, maintained), lower case,
letters and digits only; plus, for names with ä/ö/ü, the German spelling ae/oe/ue. Two
spellings match when their key sets share a key. Plain Python; no I/O.
"""

from __future__ import annotations

import unicodedata

from anyascii import anyascii

# German writes ä ö ü as ae oe ue where the letters are missing (passports, e-mail, URLs).
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _key(text: str) -> str:
    ascii_text = anyascii(unicodedata.normalize("NFC", text)).casefold()
    return "".join(ch for ch in ascii_text if ch.isalnum())


def surname_keys(name: str) -> frozenset[str]:
    """The keys a spelling of `name` is known by (empty for a name with no letters)."""
    keys = {_key(name), _key(unicodedata.normalize("NFC", name).translate(_GERMAN))}
    keys.discard("")
    return frozenset(keys)


def same_surname(typed: str, stored: str) -> bool:
    """True when `typed` (at the kiosk) and `stored` (on the ticket) are one surname."""
    return bool(surname_keys(typed) & surname_keys(stored))
