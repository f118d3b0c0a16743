"""Fonts that print every attendee's name as glyphs, never as empty boxes.

A badge font is a chain: a primary Latin/Cyrillic/Greek face (DejaVu Sans), then fallbacks for
the scripts it lacks (WenQuanYi Micro Hei for Chinese, Japanese and Korean; Noto Sans Arabic,
Hebrew, Devanagari, Thai… for the scripts `text_layout` shapes). Text is split into
runs, each char going to the first face of the chain that has a glyph for it, and each run is
drawn in its own face. Faces are located on the system (Debian packages listed in
.ci/apt-packages.txt) or in a venue's folders named by DOORLINE_FONT_DIRS, parsed once per
process and shared by the PDF renderer (reportlab) and the raster renderer (Pillow).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
)
REGULAR_CANDIDATES = (
    "DejaVuSans.ttf",
    "LiberationSans-Regular.ttf",
    "FreeSans.ttf",
    "NotoSans-Regular.ttf",
)
BOLD_CANDIDATES = (
    "DejaVuSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "FreeSansBold.ttf",
    "NotoSans-Bold.ttf",
)
#: Faces for the scripts the primary lacks, CJK first. reportlab embeds TrueType outlines only,
#: so the OpenType/CFF Noto CJK files cannot be used here.
FALLBACK_CANDIDATES = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
)
#: Noto Sans per script (Debian fonts-noto-core), for the scripts DejaVu lacks or draws poorly;
#: each is shaped by HarfBuzz (see text_layout). `{style}` is Regular or Bold.
SCRIPT_FACES = (
    "Arabic",
    "Hebrew",
    "Devanagari",
    "Bengali",
    "Gurmukhi",
    "Gujarati",
    "Oriya",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Thai",
    "Lao",
    "Khmer",
    "Myanmar",
    "Georgian",
    "Armenian",
    "Ethiopic",
)
LAST_RESORT = ("FreeSerif.ttf",)
BUILTIN_FONT = "Helvetica"
_LATIN1 = frozenset(range(0x20, 0x7F)) | frozenset(range(0xA0, 0x100))


@dataclass(frozen=True)
class FontFace:
    """One font file registered with reportlab under `pdf_name` (or the built-in Helvetica)."""

    pdf_name: str
    path: Path | None
    coverage: frozenset[int] = field(repr=False, compare=False)

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage


@dataclass(frozen=True)
class TextRun:
    """A stretch of text drawn in one face."""

    text: str
    face: FontFace


def _venue_font_dirs() -> list[Path]:
    """The folders in DOORLINE_FONT_DIRS (os.pathsep-separated), searched before the system's."""
    return [Path(p) for p in os.environ.get("DOORLINE_FONT_DIRS", "").split(os.pathsep) if p]


def _font_dirs() -> list[Path]:
    return [*_venue_font_dirs(), *SYSTEM_FONT_DIRS]


@cache
def _font_index() -> dict[str, Path]:
    """File name → path over all font folders, the first folder winning (walked once)."""
    index: dict[str, Path] = {}
    for directory in _font_dirs():
        if not directory.is_dir():
            continue
        for root, _dirs, files in os.walk(directory):
            for name in sorted(files):
                index.setdefault(name, Path(root) / name)
    return index


def _venue_extras() -> list[Path]:
    """Any TrueType file a venue drops into a DOORLINE_FONT_DIRS folder joins the fallbacks."""
    return sorted(
        path
        for folder in _venue_font_dirs()
        if folder.is_dir()
        for path in folder.iterdir()
        if path.suffix.lower() in (".ttf", ".ttc")
    )


@cache
def _load_face(path: Path) -> FontFace | None:
    """Parse and register one TrueType file; None (with a log line) when reportlab cannot."""
    pdf_name = f"Doorline-{path.stem}"
    try:
        font = TTFont(pdf_name, str(path), subfontIndex=0)
    except (TTFError, OSError) as error:
        log.warning("font %s cannot be used for badges: %s", path, error)
        return None
    pdfmetrics.registerFont(font)
    return FontFace(pdf_name=pdf_name, path=path, coverage=frozenset(font.face.charToGlyph))


def _builtin_face() -> FontFace:
    return FontFace(pdf_name=BUILTIN_FONT, path=None, coverage=_LATIN1)


def _first_face(candidates: Iterable[str]) -> FontFace | None:
    index = _font_index()
    for name in candidates:
        path = index.get(name)
        face = _load_face(path) if path else None
        if face:
            return face
    return None


def _unique(faces: Iterable[FontFace | None]) -> tuple[FontFace, ...]:
    seen: dict[str, FontFace] = {}
    for face in faces:
        if face is not None:
            seen.setdefault(face.pdf_name, face)
    return tuple(seen.values())


class FontChain:
    """A primary face and its fallbacks; measures and splits text char by char."""

    def __init__(self, faces: tuple[FontFace, ...]) -> None:
        self.faces = faces or (_builtin_face(),)
        self.primary = self.faces[0]

    def face_for(self, char: str) -> FontFace:
        for face in self.faces:
            if face.covers(char):
                return face
        return self.primary

    @lru_cache(maxsize=4096)  # noqa: B019 - chains live for the whole process
    def runs(self, text: str) -> tuple[TextRun, ...]:
        """`text` as runs of one face each.

        The first face that has every char of `text` draws all of it (one typeface per field
        looks right: "John 山田" all in the CJK face, not two designs side by side); only text
        no single face covers is split char by char.
        """
        for face in self.faces:
            if all(face.covers(c) for c in text if not c.isspace()):
                return (TextRun(text, face),)
        runs: list[TextRun] = []
        for char in text:
            face = self.primary if char == " " else self.face_for(char)
            if runs and runs[-1].face == face:
                runs[-1] = TextRun(runs[-1].text + char, face)
            else:
                runs.append(TextRun(char, face))
        return tuple(runs)

    @lru_cache(maxsize=4096)  # noqa: B019 - chains live for the whole process
    def unit_width(self, text: str) -> float:
        """Width in points of `text` at 1 pt (widths scale linearly with the size)."""
        widths = (pdfmetrics.stringWidth(r.text, r.face.pdf_name, 1.0) for r in self.runs(text))
        return float(sum(widths))

    def uncovered(self, text: str) -> str:
        """The chars no face of the chain has a glyph for (they would print as boxes)."""
        return "".join(
            c for c in text if not c.isspace() and not any(f.covers(c) for f in self.faces)
        )


@cache
def font_chain(bold: bool = False) -> FontChain:
    """The badge font chain, regular or bold, located and parsed once per process."""
    primary = _first_face(BOLD_CANDIDATES if bold else REGULAR_CANDIDATES)
    regular = _first_face(REGULAR_CANDIDATES) if bold else None
    fallbacks = [_first_face([name]) for name in FALLBACK_CANDIDATES]
    style = "Bold" if bold else "Regular"
    scripts = [
        _first_face([f"NotoSans{script}-{style}.ttf", f"NotoSans{script}-Regular.ttf"])
        for script in SCRIPT_FACES
    ]
    extras = [_load_face(p) for p in _venue_extras()]
    last = [_first_face(LAST_RESORT)]
    faces = _unique([primary, regular, *extras, *fallbacks, *scripts, *last])
    if not faces:
        log.warning("no TrueType badge font found; names outside Latin-1 will print as boxes")
    chain = FontChain(faces)
    log.debug("badge font chain (bold=%s): %s", bold, [f.path for f in chain.faces])
    return chain


@lru_cache(maxsize=256)
def pil_font(
    face: FontFace, size_px: int, basic: bool = False
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The same face for Pillow (raster text on thermal printers and previews). `basic`:
    FreeType's own layout instead of raqm (HarfBuzz), for text that needs no shaping or
    reordering (Latin, Cyrillic, CJK): the same glyphs, measured ~7× faster."""
    if face.path is None:
        return ImageFont.load_default(size_px)
    engine = ImageFont.Layout.BASIC if basic else None
    return ImageFont.truetype(str(face.path), size_px, layout_engine=engine)
