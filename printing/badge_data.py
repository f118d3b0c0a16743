"""What goes on one badge, as a frozen value the renderers can trust.

The station hands over a plain dict (`station.badge_source`); turning it into `BadgeData` once
checks the keys and normalises whitespace, so the renderers never guess at missing fields.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.domain.person_name import display_name

_REQUIRED_KEYS = ("ticket_id", "first_name", "last_name", "code", "event_name")
_DEFAULT_COLOUR = "#607D8B"


def _clean(value: Any) -> str:
    """Strip, collapse inner whitespace, drop control characters and NFC-normalise, so widths
    are measured on what prints. A control character in an imported name (ESC, GS, NUL…)
    would otherwise reach a thermal printer as a command: ESC/POS is in-band."""
    text = "" if value is None else str(value)
    text = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass(frozen=True)
class BadgeData:
    """One attendee's badge: who, which ticket type (and its colour), the QR text, the event."""

    ticket_id: int
    first_name: str
    last_name: str
    organisation: str
    ticket_type: str
    type_colour: str
    code: str
    event_name: str
    template: str | None = None

    @classmethod
    def from_source(cls, source: Mapping[str, Any]) -> BadgeData:
        """Build from `station.badge_source(ticket_id)`; a missing key is a programming error."""
        missing = [key for key in _REQUIRED_KEYS if key not in source]
        if missing:
            raise ValueError(f"badge source lacks {', '.join(missing)}")
        template = source.get("template")
        return cls(
            ticket_id=int(source["ticket_id"]),
            first_name=_clean(source["first_name"]),
            last_name=_clean(source["last_name"]),
            organisation=_clean(source.get("organisation")),
            ticket_type=_clean(source.get("ticket_type")),
            type_colour=_clean(source.get("type_colour")) or _DEFAULT_COLOUR,
            code=str(source["code"]).strip(),
            event_name=_clean(source["event_name"]),
            template=_clean(template) or None,
        )

    @property
    def display_name(self) -> str:
        """The name as printed: family name first for Chinese, Japanese and Korean names."""
        return display_name(self.first_name, self.last_name)


def sample_badge(**overrides: Any) -> BadgeData:
    """Made-up attendee for previews, tests and benchmarks (no real person's data)."""
    source: dict[str, Any] = {
        "ticket_id": 1042,
        "first_name": "Ada",
        "last_name": "Lovelace-Byron",
        "organisation": "Analytical Engines Ltd",
        "ticket_type": "Speaker",
        "type_colour": "#1E88E5",
        "code": "DL1.k1.ev7.1042.S.3q2+7w9HkYdZPzqXKa0m5w",
        "event_name": "Doorline Summit 2025",
        "template": None,
    }
    source.update(overrides)
    return BadgeData.from_source(source)
