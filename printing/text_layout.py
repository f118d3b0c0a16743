"""Every script on a badge: right-to-left order (Unicode bidi) and shaping (HarfBuzz).

Arabic letters join and change form, Hebrew and Arabic read right to left, Devanagari, Bengali
and Thai build clusters (conjuncts, vowel signs, stacked marks): none of that comes from
drawing one glyph per character. A line of text is laid out here as runs in visual order:

1. emoji no badge font can draw are dropped cleanly (with their joiners and modifiers);
2. the words go into visual order by the Unicode Bidirectional Algorithm (UAX #9, python-bidi:
   each word stands in as one strong character of its direction, so the algorithm orders words
   exactly as it would order their letters);
3. each word is split into runs of one font face (`FontChain.runs`), reversed for an RTL word;
4. each run is shaped by HarfBuzz: `reportlab`'s `shapeStr` (uharfbuzz) for the PDF, Pillow's
   raqm layout (HarfBuzz + FriBiDi) for the raster. HarfBuzz picks the direction from the
   run's script and returns glyphs in visual order.

Text with nothing that needs it (Latin, Cyrillic, Greek, CJK without combining marks) skips all
of this: `needs_layout` is the cheap test the renderers ask first.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import shapeStr

from printing.badge_template import Align
from printing.fonts import FontChain, FontFace

#: Code point ranges of scripts that read right to left or need shaping (UAX #24 blocks).
_COMPLEX = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Ext.
    (0x0900, 0x0DFF),  # Devanagari … Sinhala (the Indic scripts)
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0x1A00, 0x1AAF),  # Buginese, Tai Tham
    (0x1B00, 0x1BFF),  # Balinese, Sundanese, Batak
    (0xA8E0, 0xA8FF),  # Devanagari Extended
    (0xA980, 0xA9FF),  # Javanese
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
    (0x10800, 0x10FFF),  # historic RTL scripts
    (0x1E900, 0x1E95F),  # Adlam
)
_RTL_CLASSES = frozenset({"R", "AL"})
_EMOJI_JOINERS = frozenset({0x200D, 0xFE0E, 0xFE0F, 0x20E3})
# One stand-in per word, of the word's bidi class, so UAX #9 orders words like letters.
_LTR_PROXIES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_RTL_PROXIES = "".join(chr(c) for c in range(0x05D0, 0x05EB)) + "".join(
    chr(c) for c in range(0x0621, 0x064B)
)
_NEUTRAL_PROXIES = "!\"#%&'()*+,-./:;<=>?@[\\]^_`{|}~"
# A word of digits stands in as a digit of its own class (European EN, Arabic-Indic AN):
# next to right-to-left words numbers are ordered by rules W2, W7 and I1-I2, not as neutrals
# ("Ali محمد 2" shows the 2 left of محمد, as every bidi-aware reader expects).
_EN_PROXIES = "0123456789" + "".join(chr(c) for c in range(0x2080, 0x208A)) + "²³¹⁴⁵⁶⁷⁸⁹⁰"
_AN_PROXIES = "".join(chr(c) for c in range(0x0660, 0x066A))
_NUMBER_CLASSES = frozenset({"EN", "AN"})


@dataclass(frozen=True)
class LayoutRun:
    """A stretch of one face and one direction, in logical order; runs come in visual order."""

    text: str
    face: FontFace
    rtl: bool


def _complex(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _COMPLEX) or unicodedata.combining(char) > 0


def needs_layout(text: str) -> bool:
    """True when `text` has right-to-left or shaped script, combining marks, or emoji."""
    return any(ord(c) >= 0x0590 and (_complex(c) or _is_emoji(c)) for c in text)


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x1F1E6 <= code <= 0x1F1FF
        or code in _EMOJI_JOINERS
        or 0xE0020 <= code <= 0xE007F  # tag sequences (flags of regions)
    )


def drop_undrawable_emoji(text: str, chain: FontChain) -> str:
    """`text` without the emoji (and their joiners, variation selectors and skin tones) that
    no face of `chain` can draw, spaces tidied: "Ana 🎉 Lima" → "Ana Lima"."""
    kept = [
        c
        for c in text
        if not (_is_emoji(c) and (ord(c) in _EMOJI_JOINERS or not _drawable(c, chain)))
    ]
    return " ".join("".join(kept).split())


def _drawable(char: str, chain: FontChain) -> bool:
    return any(face.covers(char) for face in chain.faces)


def _direction(word: str) -> str:
    for char in word:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "R"
        if kind == "L":
            return "L"
    return "N"


def _word_class(word: str) -> str:
    """The stand-in class of a word: its first strong direction ("L"/"R"), else "EN"/"AN"
    for a number, else "N" (punctuation only)."""
    kind = _direction(word)
    if kind != "N":
        return kind
    numbers = [unicodedata.bidirectional(c) for c in word]
    return next((k for k in numbers if k in _NUMBER_CLASSES), "N")


def _rtl_word_pieces(word: str) -> list[tuple[str, bool]]:
    """A right-to-left word in visual order as (text, rtl) pieces: digits inside it keep
    reading left to right ("محمد123" shows 123 left of محمد, UAX #9 W2/I2)."""
    pieces: list[tuple[str, bool]] = []
    for char in word:
        number = unicodedata.bidirectional(char) in _NUMBER_CLASSES
        if pieces and pieces[-1][1] == (not number):
            pieces[-1] = (pieces[-1][0] + char, not number)
        else:
            pieces.append((char, not number))
    return list(reversed(pieces))


def paragraph_direction(text: str) -> str:
    """The base direction of a whole field's text by UAX #9 rules P2-P3 (its first strong
    character): "L", "R", or "" when it has none. Every line of a wrapped name is ordered and
    aligned by it, so a wrapped line never flips the order of the name's words."""
    kind = _direction(text)
    return kind if kind in ("L", "R") else ""


def line_align(line: str, align: Align, base: str = "") -> Align:
    """A left-aligned field starts a right-to-left paragraph at its right edge (where Arabic
    and Hebrew readers start); centred and right stay as the template says. `base` is the
    paragraph's direction (`paragraph_direction`); without it, the line's own."""
    if align is Align.LEFT and (base or _direction(line)) == "R":
        return Align.RIGHT
    return align


def _visual_words(words: list[str], base: str = "") -> list[tuple[str, bool]]:
    """Words in visual order, each with its direction (True = right to left), reordered at
    the paragraph level `base` ("L"/"R"; "" = the words' own first strong character)."""
    pools = {
        "L": iter(_LTR_PROXIES),
        "R": iter(_RTL_PROXIES),
        "N": iter(_NEUTRAL_PROXIES),
        "EN": iter(_EN_PROXIES),
        "AN": iter(_AN_PROXIES),
    }
    by_proxy: dict[str, tuple[str, bool]] = {}
    proxies = []
    for word in words:
        kind = _word_class(word)
        proxy = next(pools[kind], None)
        if proxy is None:  # more words than stand-ins: keep the logical order for the rest
            return [(w, _direction(w) == "R") for w in words]
        by_proxy[proxy] = (word, kind == "R")
        proxies.append(proxy)
    visual = get_display(" ".join(proxies), base_dir=base or None)
    return [by_proxy[p] for p in visual.split(" ") if p in by_proxy]


@lru_cache(maxsize=4096)
def layout_runs(text: str, chain: FontChain, base: str = "") -> tuple[LayoutRun, ...]:
    """`text` (one line) as runs in visual order, left to right; spaces are runs of their own.
    One face draws the whole line when one covers it (as `FontChain.runs` decides). `base` is
    the direction of the paragraph the line was wrapped from (UAX #9 L1-L2 reorder each line
    at the paragraph's level); "" takes the line's own."""
    whole = chain.runs(text)
    single = whole[0].face if len(whole) == 1 else None
    runs: list[LayoutRun] = []
    for index, (word, rtl) in enumerate(_visual_words(text.split(), base)):
        if index:
            runs.append(LayoutRun(" ", single or chain.primary, False))
        for text, piece_rtl in _rtl_word_pieces(word) if rtl else [(word, False)]:
            if single is not None:
                runs.append(LayoutRun(text, single, piece_rtl))
                continue
            pieces = [LayoutRun(r.text, r.face, piece_rtl) for r in chain.runs(text)]
            runs.extend(reversed(pieces) if piece_rtl else pieces)
    return tuple(runs)


@lru_cache(maxsize=8192)
def shaped_pdf_run(text: str, pdf_name: str) -> tuple[Any, float]:
    """One run shaped by HarfBuzz through reportlab (`shapeStr`): the shaped string to draw
    and its width in points at 1 pt. Glyph advances are per 1000 em, so one shaping serves
    every size."""
    shaped = shapeStr(text, pdf_name, 10)
    data = getattr(shaped, "__shapeData__", None)
    if data is None:  # a face reportlab cannot shape (the built-in Helvetica)
        return text, pdfmetrics.stringWidth(text, pdf_name, 1.0)
    return shaped, sum(glyph.x_advance for glyph in data) / 1000


def pdf_line_width(line: str, chain: FontChain) -> float:
    """Width of a laid-out line at 1 pt (what the name fitting measures)."""
    return sum(shaped_pdf_run(run.text, run.face.pdf_name)[1] for run in layout_runs(line, chain))
