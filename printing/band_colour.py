"""The ticket-type colour band: parse the station's hex colour, pick a readable label colour.

Colours come from event data typed by people, so a bad value falls back to a neutral grey
instead of failing a badge; the label is black or white, whichever contrasts more (WCAG).
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

FALLBACK_COLOUR = (0x60, 0x7D, 0x8B)
_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """'#1E88E5', '1e88e5' or '#18e' → RGB bytes; anything else → the fallback grey."""
    match = _HEX.fullmatch(colour.strip())
    if not match:
        log.warning("ticket type colour %r is not a hex colour; using grey", colour)
        return FALLBACK_COLOUR
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def label_colour(band: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white text on the band, whichever gives the higher contrast ratio."""
    lum = _luminance(band)
    on_white = 1.05 / (lum + 0.05)
    on_black = (lum + 0.05) / 0.05
    return (255, 255, 255) if on_white >= on_black else (0, 0, 0)
