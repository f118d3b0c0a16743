"""One reading of scanned text, whatever device it came from (docs/scanning.md, "Reading").

Camera decoders, keyboard-wedge scanners, the CLI, the door's search box and the kiosk's code
field all hand their text to `read_scanned` before the codec sees it. Real devices and real
ticket shops add things around a code:

- a Unicode byte-order mark (also as its Latin-1 mojibake `ï»¿`), control characters
  (STX/ETX framing, GS/RS separators, Tab, CR/LF) and whitespace;
- an AIM symbology identifier, `]` + symbology letter + modifier (`]Q1` QR, `]C0` Code 128,
  `]d2` Data Matrix), which scanners prepend when configured to (ISO/IEC 15424);
- a one-character prefix a scanner was configured with (`$`, `*`, `#`, STX shown as a symbol…);
- lower case (the ticket alphabet is case-insensitive by design);
- a link: shops print `https://shop.example/t/<CODE>` or `…?code=<CODE>`;
- a keyboard layout that is not US English (`kiosk.domain.keyboard_layouts`).

Nothing here guesses which reading is right: `readings()` yields a handful of candidates, the
plain one first, and `verify_scanned` keeps the first whose signature verifies. A wrong candidate
can never admit anyone (it would need a valid 128-bit tag); trying a few more costs microseconds
(see docs/benchmarks.md).

`log_text` is what a refused scan leaves in the log: a ticket-shaped text as read (it carries no
personal data), anything else only as its length and a short keyed hash, so an e-mail address or
a name typed by mistake never enters the check-in log, and never syncs to other stations.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, unquote, urlsplit

from kiosk.domain.keyboard_layouts import LAYOUTS, KeyboardLayout
from kiosk.domain.ticket_codec import (
    ALPHABET,
    MAX_CODE_LENGTH,
    MIN_CODE_LENGTH,
    VERSION,
    CodeRefusal,
    Keyring,
    TicketClaims,
    verify,
)
from kiosk.domain.verdicts import Verdict

_BOM_MOJIBAKE = "ï»¿"  # EF BB BF read as Latin-1: what a reader that guessed the charset shows
_AIM_ID = re.compile(r"\][A-Za-z][0-9A-Za-z]")
_TICKET_CHARS = frozenset(ALPHABET)
_ASCII_NOISE = {c: None for c in [*range(0x20), 0x7F, *map(ord, " ")]}  # controls, space
_ASCII_CONTROLS = {c: None for c in [*range(0x20), 0x7F] if chr(c) not in "\t\r\n"}
_MAX_RAW = 4096  # longer input is not a scan: read only its start (the log keeps its length)
_URL_HINT = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^www\.|[/?#=]")


@dataclass(frozen=True)
class Reading:
    """One candidate: the text handed to the codec, and how it was read.

    `layouts` are the keyboard layouts this reading assumes (empty: typed or decoded as it
    is; several when they type this code alike, e.g. French and Belgian AZERTY without a 6 or
    an 8); `notes` name what was removed or undone, for the log's technical detail.
    """

    text: str
    layouts: tuple[KeyboardLayout, ...] = ()
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        """Technical words for the log, e.g. "keyboard layout Czech (QWERTZ); from a link"."""
        parts = list(self.notes)
        if self.layouts:
            names = " or ".join(layout.name for layout in self.layouts)
            parts.insert(0, f"keyboard layout {names}")
        return "; ".join(parts)


@dataclass(frozen=True)
class ScannedText:
    """Scanned text as received, and its cleaned form (no BOM, controls or whitespace)."""

    raw: str
    cleaned: str
    removed: tuple[str, ...] = ()

    def readings(self) -> Iterator[Reading]:
        """Candidate readings, most likely first, each text at most once.

        Lazy: a code that verifies as it is costs one reading; the keyboard layouts are only
        read when the plain reading did not verify.
        """
        seen: set[str] = set()
        for reading in self._all_readings():
            if reading.text not in seen:
                seen.add(reading.text)
                yield reading

    def _all_readings(self) -> Iterator[Reading]:
        yield from _unwrapped(self.cleaned, (), self.removed)
        for layout in LAYOUTS:
            if layout.can_have_typed(self.cleaned):
                meant = layout.meant(self.cleaned)
                if meant != self.cleaned:
                    yield from _unwrapped(meant, (layout,), self.removed)

    def layouts_reading(self, text: str) -> tuple[KeyboardLayout, ...]:
        """Every layout under which this scan reads as `text` (which layout typed it)."""
        return tuple(
            layout
            for layout in LAYOUTS
            if layout.can_have_typed(self.cleaned)
            and any(r.text == text for r in _unwrapped(layout.meant(self.cleaned), (), ()))
        )

    @property
    def primary(self) -> Reading:
        """The plain reading (no layout assumed): what a refusal is about."""
        return next(self.readings())

    def ticket_shaped(self) -> Reading | None:
        """The first reading that looks like a ticket code, if any (signature unchecked)."""
        return next((r for r in self.readings() if is_ticket_shaped(r.text)), None)


def read_scanned(raw: object) -> ScannedText:
    """Clean scanned text; `readings()` then gives the candidates. Never raises."""
    text = raw[:_MAX_RAW] if isinstance(raw, str) else ""
    if text.isascii():  # the usual case, ~10× faster than asking Unicode about each character
        kept = text.translate(_ASCII_NOISE)
        controls = len(text.translate(_ASCII_CONTROLS)) != len(text)
        return ScannedText(text, kept, ("control characters",) if controls else ())
    text = unicodedata.normalize("NFC", text)
    removed: list[str] = []
    kept = "".join(ch for ch in text if not _is_noise(ch))  # the BOM U+FEFF is a format char
    if "\ufeff" in text:
        removed.append("byte-order mark")
    if any(_is_noise(ch) and not ch.isspace() and ch != "\ufeff" for ch in text):
        removed.append("control characters")
    if kept.startswith(_BOM_MOJIBAKE):
        removed.append("byte-order mark")
        kept = kept.removeprefix(_BOM_MOJIBAKE)
    return ScannedText(raw if isinstance(raw, str) else "", kept, tuple(removed))


def _is_noise(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] == "C"


def is_ticket_shaped(text: str) -> bool:
    """Version prefix, a code's length, ticket alphabet only: could be a code (unverified)."""
    return (
        MIN_CODE_LENGTH <= len(text) <= MAX_CODE_LENGTH
        and text.startswith(VERSION)
        and _TICKET_CHARS.issuperset(text)
    )


def _unwrapped(
    text: str, layouts: tuple[KeyboardLayout, ...], removed: tuple[str, ...]
) -> Iterator[Reading]:
    """Readings of one (layout-corrected) text: AIM identifier, prefix and link taken off."""
    notes = list(removed)
    match = _AIM_ID.match(text)
    if match:
        notes.append(f"AIM identifier {match.group()}")
        text = text[match.end() :]
    if _URL_HINT.search(text):
        inner = _codes_in_link(text)
        for code in inner:
            yield Reading(code, layouts, (*notes, "from a link"))
        if inner:
            return
    upper = text.upper()
    prefixed = len(upper) > 1 and is_ticket_shaped(upper[1:])
    if prefixed and upper[0] not in _TICKET_CHARS:  # "$1AB…": the plain text cannot be a code
        yield Reading(upper[1:], layouts, (*notes, f"prefix {text[0]!r}"))
    yield Reading(upper, layouts, tuple(notes))
    if prefixed:
        yield Reading(upper[1:], layouts, (*notes, f"prefix {text[0]!r}"))


def _codes_in_link(text: str) -> list[str]:
    """Ticket-shaped parts of a link: query values first, then the fragment, then path
    segments from the last. Returns [] when nothing in it could be a code."""
    target = text if "://" in text else f"//{text}"
    try:
        parts = urlsplit(target)
    except ValueError:
        return []
    pieces = [value for _key, value in parse_qsl(parts.query, keep_blank_values=False)]
    pieces.append(parts.fragment)
    pieces.extend(reversed(parts.path.split("/")))
    found = []
    for piece in pieces:
        code = unquote(piece).strip().upper()
        if is_ticket_shaped(code) and code not in found:
            found.append(code)
    return found


@dataclass(frozen=True)
class VerifiedReading:
    """The outcome of trying the readings: claims (or the refusal to show) and the reading."""

    checked: TicketClaims | CodeRefusal
    reading: Reading


def verify_scanned(scanned: ScannedText, keyring: Keyring, event_id: int) -> VerifiedReading:
    """Try each reading against the station's keys; the first that verifies wins.

    When none verifies, the refusal shown is the first one that got past the format check
    (a wrong event or a bad signature says more than "not a ticket code"), else the plain
    reading's. Costs one codec check per reading tried (a few µs each for HMAC keys).
    """
    first: VerifiedReading | None = None
    informative: VerifiedReading | None = None
    for reading in scanned.readings():
        checked = verify(reading.text, keyring, event_id)
        result = VerifiedReading(checked, reading)
        if not isinstance(checked, CodeRefusal):
            if reading.layouts:  # name every layout that types this code alike
                layouts = scanned.layouts_reading(reading.text)
                return VerifiedReading(checked, replace(reading, layouts=layouts))
            return result
        first = first or result
        if informative is None and checked.verdict is not Verdict.MALFORMED:
            informative = result
    if informative is not None:
        return informative
    if first is not None:
        return first
    empty = Reading("")
    return VerifiedReading(verify("", keyring, event_id), empty)


def log_text(scanned: ScannedText, key: bytes) -> str:
    """What a refused scan may leave in the log about its text.

    A ticket-shaped reading is kept as read (a code is no personal data, and support needs
    it); any other text only as "<n> characters, ref <8 hex>" — an HMAC-SHA256 under the
    station's `key`, enough to match two reports of the same input, useless for reading it.
    """
    shaped = scanned.ticket_shaped()
    if shaped is not None:
        return repr(shaped.text)
    text = scanned.cleaned
    digest = hmac.new(key, text.encode("utf-8", "replace"), hashlib.sha256).hexdigest()
    return f"{len(text)} characters, not ticket-shaped, ref {digest[:8]}"
