"""Badge → one-page PDF with reportlab, fast enough to render while the attendee waits.

The QR is drawn as a single vector path of row runs (reportlab's QR widget draws module by module
and costs ~90 ms a badge; the path costs ~0.1 ms, and segno's standard mask selection ~3 ms).
Fonts and templates are parsed once per process (`fonts.font_chain`,
`badge_template.load_library`), so a render is layout plus output. Streams are left
uncompressed: the badge goes to a local printer or file, and compression would cost a third of
the time budget.
"""

from __future__ import annotations

import io
import logging

from reportlab.pdfgen.canvas import Canvas

from printing.badge_data import BadgeData
from printing.badge_template import Align, BadgeTemplate, BandField, QrField, TextField
from printing.band_colour import label_colour, parse_hex
from printing.fonts import FontChain, font_chain
from printing.name_fit import LINE_HEIGHT, FitLimits, FittedText, fit_name
from printing.qr_matrix import qr_matrix
from printing.qr_pdf import qr_operators
from printing.text_layout import (
    drop_undrawable_emoji,
    layout_runs,
    line_align,
    needs_layout,
    paragraph_direction,
    pdf_line_width,
    shaped_pdf_run,
)

log = logging.getLogger(__name__)
MM = 72 / 25.4  # PDF points per millimetre
BLACK = (0, 0, 0)


def fit_field(
    text: str, field: TextField, chain: FontChain, variants: tuple[str, ...] = ()
) -> FittedText:
    """The lines and size `text` gets in `field` (points); shaped text is measured shaped."""
    limits = FitLimits(
        width=field.box.width_mm * MM,
        height=field.box.height_mm * MM,
        max_size=field.max_size_pt,
        min_size=field.min_size_pt,
        wrap_below=field.wrap_below_pt,
        max_lines=field.max_lines,
    )
    candidates = variants or (text,)
    if needs_layout(text):
        return fit_name(candidates, limits, lambda line: pdf_line_width(line, chain))
    return fit_name(candidates, limits, chain.unit_width)


class _Page:
    """A canvas that takes millimetres from the top-left corner, as templates do."""

    def __init__(self, pdf: Canvas, template: BadgeTemplate) -> None:
        self.pdf = pdf
        self.height_pt = template.height_mm * MM

    def fill(self, rgb: tuple[int, int, int]) -> None:
        self.pdf.setFillColorRGB(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)

    def text(
        self,
        text: str,
        field: TextField,
        colour: tuple[int, int, int] | None = None,
        variants: tuple[str, ...] = (),
    ) -> None:
        chain = font_chain(bold=field.bold)
        if needs_layout(text):
            text = drop_undrawable_emoji(text, chain)
            variants = tuple(drop_undrawable_emoji(v, chain) for v in variants)
        if missing := chain.uncovered(text):
            log.warning("no badge font has a glyph for %r; it prints as a box", missing)
        fitted = fit_field(text, field, chain, variants)
        if not fitted.lines:
            return
        self.fill(colour or parse_hex(field.colour))
        box = field.box
        pitch = fitted.size * LINE_HEIGHT
        block_top = (
            self.height_pt - box.y_mm * MM - (box.height_mm * MM - pitch * len(fitted.lines)) / 2
        )
        base = paragraph_direction(" ".join(fitted.lines))
        for index, line in enumerate(fitted.lines):
            baseline = block_top - pitch * index - pitch / 2 - fitted.size * 0.35
            self._line(line, fitted.size, chain, field, baseline, base)

    def _line(
        self, line: str, size: float, chain: FontChain, field: TextField, y: float, base: str
    ) -> None:
        if needs_layout(line):
            self._shaped_line(line, size, chain, field, y, base)
            return
        width = chain.unit_width(line) * size
        left = field.box.x_mm * MM
        room = field.box.width_mm * MM - width
        x = {Align.LEFT: left, Align.CENTER: left + room / 2, Align.RIGHT: left + room}[field.align]
        for run in chain.runs(line):
            self.pdf.setFont(run.face.pdf_name, size)
            self.pdf.drawString(x, y, run.text)
            x += chain.unit_width(run.text) * size

    def _shaped_line(
        self, line: str, size: float, chain: FontChain, field: TextField, y: float, base: str
    ) -> None:
        """Runs in visual order (at the paragraph's direction `base`), each shaped by HarfBuzz
        (right-to-left, joined, clustered)."""
        runs = [
            (run, *shaped_pdf_run(run.text, run.face.pdf_name))
            for run in layout_runs(line, chain, base)
        ]
        width = sum(unit for _run, _shaped, unit in runs) * size
        left = field.box.x_mm * MM
        room = field.box.width_mm * MM - width
        align = line_align(line, field.align, base)
        x = {Align.LEFT: left, Align.CENTER: left + room / 2, Align.RIGHT: left + room}[align]
        for run, shaped, unit in runs:
            text = self.pdf.beginText(x, y)
            text.setFont(run.face.pdf_name, size)
            text.textOut(shaped)
            self.pdf.drawText(text)
            x += unit * size

    def band(self, band: BandField, badge: BadgeData) -> None:
        rgb = parse_hex(badge.type_colour)
        box = band.box
        self.fill(rgb)
        y = self.height_pt - (box.y_mm + box.height_mm) * MM
        self.pdf.rect(box.x_mm * MM, y, box.width_mm * MM, box.height_mm * MM, stroke=0, fill=1)
        if band.label and badge.ticket_type:
            self.text(badge.ticket_type, band.label, colour=label_colour(rgb))

    def qr(self, qr: QrField, code: str) -> None:
        """All dark modules as rectangles of one path, filled once (see `qr_pdf`)."""
        matrix = qr_matrix(code, qr.error)
        module = qr.size_mm * MM / (matrix.side + 2 * qr.border_modules)
        left = qr.x_mm * MM + qr.border_modules * module
        bottom = self.height_pt - qr.y_mm * MM - (qr.border_modules + matrix.side) * module
        self.pdf.addLiteral(qr_operators(matrix, module, left, bottom))


def render_pdf(badge: BadgeData, template: BadgeTemplate) -> bytes:
    """One badge as a one-page PDF the size of the template."""
    buffer = io.BytesIO()
    regular = font_chain(bold=False).primary.pdf_name
    pdf = Canvas(
        buffer,
        pagesize=(template.width_mm * MM, template.height_mm * MM),
        pageCompression=0,  # zlib on the font subsets costs ~2 ms; the file stays ~80 KB
        initialFontName=regular,  # no reference to an unembedded Helvetica
    )
    pdf.setTitle(f"Badge {badge.ticket_id}: {badge.display_name}")
    pdf.setAuthor("Doorline")
    pdf.setCreator("Doorline badge printing")
    page = _Page(pdf, template)
    if template.band:
        page.band(template.band, badge)
    page.text(badge.display_name, template.name_field, variants=badge.name_variants)
    if template.organisation and badge.organisation:
        page.text(badge.organisation, template.organisation)
    if template.event and badge.event_name:
        page.text(badge.event_name, template.event)
    page.qr(template.qr, badge.code)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
