"""Badge → ESC/POS bytes for thermal roll printers, built with python-escpos's `Dummy` printer.

The thermal template's fields print top to bottom in the order of their `y_mm`. Text goes out as
printer text with a size multiplier that fits the width (long names shrink, then wrap), unless
the printer's code pages cannot encode it (Chinese, Japanese, Korean…): then that text is drawn
with the badge fonts into a raster image, so names print as glyphs and never as '?'. The QR uses
the printer's own QR command when its profile (python-escpos's capabilities database) says it has
one, and a raster image otherwise. The bytes are rendered up front, then sent by
`escpos_transport`, so a slow printer never holds a half-built job.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from escpos.capabilities import CAPABILITIES, get_profile
from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.magicencode import Encoder
from escpos.printer import Dummy
from PIL import Image, ImageDraw, features

from printing.badge_data import BadgeData
from printing.badge_name import printed_name
from printing.badge_template import Align, BadgeTemplate, BandField, QrField, TextField
from printing.errors import NameTooLong, TemplateError
from printing.fonts import FontChain, FontFace, font_chain, pil_font
from printing.name_fit import LINE_HEIGHT, FitLimits, FittedText, fit_cells, fit_text, printed_form
from printing.qr_matrix import qr_image, qr_matrix, qr_side
from printing.text_layout import (
    drop_undrawable_emoji,
    layout_runs,
    line_align,
    needs_layout,
    paragraph_direction,
)

log = logging.getLogger(__name__)

CELL_HEIGHT_DOTS = 24  # font A is 12 × 24 dots on Epson-compatible printers
FONT_B_HEIGHT_DOTS = 17  # font B is 9 × 17 dots: the smaller printer text, for long names
MAX_NATIVE_MODULE = 16  # GS ( k accepts module sizes 1–16
RASTER_HEADER = b"\x1dv0\x00"  # GS v 0, normal density
QR_LEVELS = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}
PT_TO_MM = 25.4 / 72
_encoders = threading.local()
RAQM = bool(features.check("raqm"))
CANCEL_KANJI = b"\x1c\x2e"  # FS . "Cancel Kanji character mode" (Epson ESC/POS reference)
_NOT_FOR_TEXT = frozenset(
    {"CP932", "Unknown"}
)  # Pillow's HarfBuzz + FriBiDi layout (in its wheels)


@dataclass(frozen=True)
class ThermalGeometry:
    """The printable width in dots and in character columns, and the dot density."""

    width_dots: int
    columns: int
    dots_per_mm: float
    columns_b: int = 0  # font B's columns; 0 when the profile has no font B


def _profile_number(profile: Any, *keys: str) -> float | None:
    value: Any = profile.profile_data.get("media", {})
    for key in keys:
        value = value.get(key, None) if isinstance(value, dict) else None
    return float(value) if isinstance(value, int | float) else None


def geometry(printer: Dummy, template: BadgeTemplate) -> ThermalGeometry:
    """Width and density from the printer profile where it knows them, else from the template."""
    assert template.escpos is not None
    width = _profile_number(printer.profile, "width", "pixels")
    dpi = printer.profile.profile_data.get("media", {}).get("dpi")
    dots_per_mm = dpi / 25.4 if isinstance(dpi, int | float) else template.escpos.dots_per_mm
    width_dots = int(width) if width else template.escpos.print_width_dots
    try:
        columns = printer.profile.get_columns("a")
    except Exception:  # a profile without font data: assume 12-dot cells
        columns = width_dots // 12
    try:
        columns_b = printer.profile.get_columns("b")
    except Exception:  # no font B in the profile: names stay in font A
        columns_b = 0
    return ThermalGeometry(
        width_dots=width_dots,
        columns=max(1, columns),
        dots_per_mm=dots_per_mm,
        columns_b=columns_b if columns_b > columns else 0,
    )


def single_byte_pages(profile_name: str) -> dict[str, str]:
    """The profile's code tables that text may use: name → the number `ESC t n` selects on
    *this* printer (python-escpos capabilities, per profile: Epson numbers CP852 18, Zjiang
    54). Double-byte tables (CP932) and the placeholder 'Unknown' are left out: a name is
    printed in a single-byte table or drawn as a raster image."""
    pages = get_profile(profile_name).get_code_pages()
    return {name: number for name, number in pages.items() if name not in _NOT_FOR_TEXT}


def has_kanji_mode(profile_name: str) -> bool:
    """True when the printer may be left in Kanji (double-byte) mode: its profile lists the
    Japanese table CP932 and it speaks ESC/POS (not Star's command set). Capabilities have no
    Kanji flag; CP932 in the table list is what marks Japanese/Chinese firmware."""
    profile = get_profile(profile_name)
    return "CP932" in profile.get_code_pages() and not profile.supports("starCommands")


def _encoder(profile_name: str) -> Encoder:
    """One code-page encoder per profile and thread: building its tables costs milliseconds."""
    cache: dict[str, Encoder] = _encoders.__dict__.setdefault("by_profile", {})
    if profile_name not in cache:
        cache[profile_name] = Encoder(single_byte_pages(profile_name))
    return cache[profile_name]


def known_profiles() -> list[str]:
    """The printer profile names of python-escpos's capabilities database."""
    return sorted(CAPABILITIES["profiles"])


def make_printer(profile_name: str) -> Dummy:
    """A python-escpos `Dummy` printer for `profile_name` that collects the job's bytes."""
    if profile_name not in CAPABILITIES["profiles"]:
        raise TemplateError(
            f"unknown ESC/POS printer profile '{profile_name}'"
            f" (known: {', '.join(known_profiles())})"
        )
    return Dummy(profile=profile_name, magic_encode_args={"encoder": _encoder(profile_name)})


@dataclass(frozen=True)
class TextPlan:
    """How one field prints: as printer text in `font` ("a"/"b", `columns` per line at 1×,
    `fitted.size` the magnification) or, `raster`, as an image (`fitted.size` in dots)."""

    fitted: FittedText
    raster: bool
    font: str = "a"
    columns: int = 0


class _Job:
    """Writes one badge into a Dummy printer, field by field."""

    def __init__(self, printer: Dummy, template: BadgeTemplate) -> None:
        self.printer = printer
        self.template = template
        self.geo = geometry(printer, template)
        self.encoder: Encoder = printer.magic.encoder

    # -- text ---------------------------------------------------------------------------------

    def encodable(self, text: str) -> bool:
        """True when every char exists in one of the printer's code pages."""
        pages = self.encoder.codepages
        return all(
            ord(c) < 128 or any(self.encoder.can_encode(page, c) for page in pages) for c in text
        )

    def text(
        self, text: str, field: TextField, max_mag: int, *, band: bool = False, whole: bool = False
    ) -> None:
        """Print `text` fitted into `field`, as printer text where the code pages hold it, else
        as an image; `whole` (the name): every word, or NameTooLong."""
        plan = self.plan(text, field, max_mag)
        if plan is None:
            return
        if whole and plan.fitted.truncated:
            raise NameTooLong(len(printed_form(text)), self.template.name)
        if plan.raster:
            chain = font_chain(bold=field.bold)
            width = self.geo.width_dots
            self.raster(text_image(plan.fitted, chain, width, field.align, inverted=band))
            return
        mag = int(plan.fitted.size)
        p = self.printer
        p.set(
            align=field.align.value,
            font=plan.font,
            bold=field.bold,
            invert=band,
            custom_size=True,
            width=mag,
            height=mag,
        )
        per_line = plan.columns // mag
        for line in plan.fitted.lines:
            p.textln(line.center(per_line) if band else line)
        p.set(font="a", bold=False, invert=False, normal_textsize=True, align="left")

    def plan(self, text: str, field: TextField, max_mag: int) -> TextPlan | None:
        """How `text` prints in `field` (None: nothing to print)."""
        if needs_layout(text):
            text = drop_undrawable_emoji(text, font_chain(bold=field.bold))
        if not text:
            return None
        if self.encodable(printed_form(text)) and not needs_layout(text):
            return self._native_plan(text, field, max_mag)
        return self._raster_plan(text, field)

    def _native_plan(self, text: str, field: TextField, max_mag: int) -> TextPlan:
        """Printer text: the largest size multiplier at which the lines fit the columns; at 1×
        in font A too long, font B (smaller cells: more columns and rows)."""
        height_dots = field.box.height_mm * self.geo.dots_per_mm
        wrap_ratio = field.wrap_below_pt / field.max_size_pt
        fitted = fit_cells(
            text,
            columns=self.geo.columns,
            rows=max(int(height_dots // CELL_HEIGHT_DOTS), 1),
            max_mag=min(max_mag, 8),
            wrap_below=max_mag * wrap_ratio,
            max_lines=field.max_lines,
        )
        if fitted.truncated and self.geo.columns_b:
            small = fit_cells(
                text,
                columns=self.geo.columns_b,
                rows=max(int(height_dots // FONT_B_HEIGHT_DOTS), 1),
                max_mag=1,
                wrap_below=1,
                max_lines=field.max_lines,
            )
            if not small.truncated:
                return TextPlan(small, raster=False, font="b", columns=self.geo.columns_b)
        return TextPlan(fitted, raster=False, font="a", columns=self.geo.columns)

    def _raster_plan(self, text: str, field: TextField) -> TextPlan:
        """Text the printer cannot encode: fitted in dots, drawn with the badge fonts."""
        chain = font_chain(bold=field.bold)
        px_per_pt = PT_TO_MM * self.geo.dots_per_mm
        limits = FitLimits(
            width=self.geo.width_dots,
            height=field.box.height_mm * self.geo.dots_per_mm,
            max_size=field.max_size_pt * px_per_pt,
            min_size=field.min_size_pt * px_per_pt,
            wrap_below=field.wrap_below_pt * px_per_pt,
            max_lines=field.max_lines,
        )
        fitted = fit_text(text, limits, lambda line: _pixel_width(chain, line))
        return TextPlan(fitted, raster=True)

    # -- images and QR ------------------------------------------------------------------------

    def raster(self, ink: Image.Image) -> None:
        """Send a 1-bit image whose set bits are dots to burn, with GS v 0.

        Written directly rather than with python-escpos's `image()`, which prints warnings on
        stdout for profiles without a paper width and converts through RGBA (slow).
        """
        if ink.width > self.geo.width_dots:
            ink = ink.crop((0, 0, self.geo.width_dots, ink.height))
        width_bytes = (ink.width + 7) // 8
        header = RASTER_HEADER + _low_high(width_bytes) + _low_high(ink.height)
        self.printer._raw(header + ink.tobytes())

    def band(self, band: BandField, badge: BadgeData) -> None:
        """A thermal printer has no colour: the ticket type prints white on black, full width."""
        if band.label and badge.ticket_type:
            self.text(badge.ticket_type, band.label, self.max_text_mag, band=True)

    def qr(self, qr: QrField, code: str) -> None:
        """Native QR command when the profile has one (the printer encodes), else a raster."""
        if self.printer.profile.supports("qrCode"):
            self._native_qr(qr, code)
        else:
            self._raster_qr(qr, code)

    def _module_dots(self, qr: QrField, side: int) -> int:
        available = min(qr.size_mm * self.geo.dots_per_mm, self.geo.width_dots)
        return max(1, int(available // (side + 2 * qr.border_modules)))

    def _native_qr(self, qr: QrField, code: str) -> None:
        module = self._module_dots(qr, qr_side(code, qr.error))
        p = self.printer
        p.set(align="center")  # qr(native=True, center=True) is not implemented in escpos 3.1
        p.qr(code, ec=QR_LEVELS[qr.error], size=min(module, MAX_NATIVE_MODULE), native=True)
        p.set(align="left")

    def _raster_qr(self, qr: QrField, code: str) -> None:
        matrix = qr_matrix(code, qr.error)
        symbol = qr_image(matrix, self._module_dots(qr, matrix.side), qr.border_modules)
        line = Image.new("1", (self.geo.width_dots, symbol.height), 0)
        line.paste(symbol, ((self.geo.width_dots - symbol.width) // 2, 0))
        self.raster(line)

    @property
    def max_text_mag(self) -> int:
        assert self.template.escpos is not None
        return self.template.escpos.text_max_magnification


def _low_high(value: int) -> bytes:
    return bytes((value & 0xFF, (value >> 8) & 0xFF))


def _raster_runs(
    chain: FontChain, line: str, base: str = ""
) -> list[tuple[str, FontFace, str | None]]:
    """(text, face, direction) in drawing order: shaped lines through `text_layout` (Pillow's
    raqm layout shapes each run with HarfBuzz) at the paragraph's direction `base`, plain ones
    by the chain's runs."""
    if needs_layout(line):
        runs = layout_runs(line, chain, base)
        if not RAQM:  # Pillow without raqm draws unshaped glyphs; order is still right
            return [(r.text[::-1] if r.rtl else r.text, r.face, None) for r in runs]
        return [(r.text, r.face, "rtl" if r.rtl else "ltr") for r in runs]
    return [(r.text, r.face, None) for r in chain.runs(line)]


@lru_cache(maxsize=4096)
def _pixel_width(chain: FontChain, line: str) -> float:
    """Width of `line` in pixels at 1 px, measured at 100 px for Pillow's hinting."""
    return (
        sum(
            pil_font(face, 100, direction is None).getlength(text, direction=direction)
            for text, face, direction in _raster_runs(chain, line)
        )
        / 100
    )


def text_image(
    fitted: FittedText, chain: FontChain, width: int, align: Align, *, inverted: bool = False
) -> Image.Image:
    """Draw fitted lines with per-character font fallback into a 1-bit ink image (1 = dot)."""
    size = max(1, int(fitted.size))
    pitch = math.ceil(size * LINE_HEIGHT)
    image = Image.new("1", (width, pitch * max(1, len(fitted.lines))), 1 if inverted else 0)
    draw = ImageDraw.Draw(image)
    ink = 0 if inverted else 1
    base = paragraph_direction(" ".join(fitted.lines))
    for index, line in enumerate(fitted.lines):
        line_width = _pixel_width(chain, line) * size
        x = {
            Align.LEFT: 0.0,
            Align.CENTER: (width - line_width) / 2,
            Align.RIGHT: width - line_width,
        }[line_align(line, align, base)]
        baseline = index * pitch + pitch * 0.5 + size * 0.35
        for text, face, direction in _raster_runs(chain, line, base):
            font = pil_font(face, size, direction is None)
            draw.text((x, baseline), text, font=font, fill=ink, anchor="ls", direction=direction)
            x += font.getlength(text, direction=direction)
    return image


def _fields_in_order(template: BadgeTemplate) -> list[tuple[float, str]]:
    placed: list[tuple[float, str]] = [
        (template.name_field.box.y_mm, "name"),
        (template.qr.y_mm, "qr"),
    ]
    if template.band:
        placed.append((template.band.box.y_mm, "band"))
    if template.organisation:
        placed.append((template.organisation.box.y_mm, "organisation"))
    if template.event:
        placed.append((template.event.box.y_mm, "event"))
    return sorted(placed)


def name_plan(badge: BadgeData, template: BadgeTemplate, profile: str | None = None) -> TextPlan:
    """How the name prints on `template` (the lines, their size, text or image): what
    `render_escpos` does with it, for checks and for choosing a template that holds a name."""
    if template.escpos is None:
        raise TemplateError(f"template '{template.name}' is a sheet layout")
    job = _Job(make_printer(profile or template.escpos.profile), template)
    text = printed_name(badge, font_chain(bold=template.name_field.bold)).text
    plan = job.plan(text, template.name_field, template.escpos.name_max_magnification)
    return plan or TextPlan(FittedText((), 1), raster=False)


def render_escpos(badge: BadgeData, template: BadgeTemplate, profile: str | None = None) -> bytes:
    """One badge as ESC/POS bytes for `profile` (default: the template's), ending with a cut;
    NameTooLong when the name field cannot hold every word of the name."""
    if template.escpos is None:
        raise TemplateError(
            f"template '{template.name}' is a sheet layout;"
            " thermal printers need a thermal template"
        )
    profile_name = profile or template.escpos.profile
    printer = make_printer(profile_name)
    job = _Job(printer, template)
    printer.hw("INIT")
    if has_kanji_mode(profile_name):
        # ESC @ does not leave Kanji mode on every firmware: a printer left in it would print
        # accented Latin as CJK. FS . returns it to single-byte tables.
        printer._raw(CANCEL_KANJI)
    for _y, field in _fields_in_order(template):
        if field == "band" and template.band:
            job.band(template.band, badge)
        elif field == "name":
            job.text(
                printed_name(badge, font_chain(bold=template.name_field.bold)).text,
                template.name_field,
                template.escpos.name_max_magnification,
                whole=True,
            )
        elif field == "organisation" and template.organisation:
            job.text(badge.organisation, template.organisation, job.max_text_mag)
        elif field == "event" and template.event:
            job.text(badge.event_name, template.event, job.max_text_mag)
        elif field == "qr":
            job.qr(template.qr, badge.code)
        printer.ln()
    printer.cut()
    return bytes(printer.output)
