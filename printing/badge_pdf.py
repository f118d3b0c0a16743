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
from collections.abc import Iterable

from reportlab.pdfgen.canvas import Canvas

from printing.badge_data import BadgeData
from printing.badge_name import PrintedName, printed_name
from printing.badge_template import Align, BadgeTemplate, BandField, QrField, TextField
from printing.band_colour import label_colour, parse_hex
from printing.errors import NameTooLong
from printing.fonts import FontChain, font_chain
from printing.name_fit import LINE_HEIGHT, FitLimits, FittedText, fit_text, printed_form
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


def fit_field(text: str, field: TextField, chain: FontChain) -> FittedText:
    """The lines and size `text` gets in `field` (points); shaped text is measured shaped."""
    limits = FitLimits(
        width=field.box.width_mm * MM,
        height=field.box.height_mm * MM,
        max_size=field.max_size_pt,
        min_size=field.min_size_pt,
        wrap_below=field.wrap_below_pt,
        max_lines=field.max_lines,
    )
    if needs_layout(text):
        return fit_text(text, limits, lambda line: pdf_line_width(line, chain))
    return fit_text(text, limits, chain.unit_width)


def badge_name(badge: BadgeData, template: BadgeTemplate) -> PrintedName:
    """What `template`'s name field prints for `badge` (the name, or a fallback with a note)."""
    return printed_name(badge, font_chain(bold=template.name_field.bold))


def fit_badge_name(badge: BadgeData, template: BadgeTemplate) -> FittedText:
    """The name as the PDF draws it on `template`: every word, or `truncated` when the field
    cannot hold it whole even at its `min_size_pt` (then `render_pdf` raises NameTooLong)."""
    field = template.name_field
    chain = font_chain(bold=field.bold)
    text = badge_name(badge, template).text
    if needs_layout(text):
        text = drop_undrawable_emoji(text, chain)
    return fit_field(text, field, chain)


class _Page:
    """A canvas that takes millimetres from the top-left corner, as templates do."""

    def __init__(self, pdf: Canvas, template: BadgeTemplate) -> None:
        self.pdf = pdf
        self.template = template.name
        self.height_pt = template.height_mm * MM

    def fill(self, rgb: tuple[int, int, int]) -> None:
        self.pdf.setFillColorRGB(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)

    def text(
        self,
        text: str,
        field: TextField,
        colour: tuple[int, int, int] | None = None,
        *,
        whole: bool = False,
    ) -> None:
        """Draw `text` fitted into `field`; `whole` (the name): every word or NameTooLong."""
        chain = font_chain(bold=field.bold)
        if needs_layout(text):
            text = drop_undrawable_emoji(text, chain)
        if missing := chain.uncovered(text):
            log.warning("no badge font has a glyph for %r; it prints as a box", missing)
        fitted = fit_field(text, field, chain)
        if whole and fitted.truncated:
            raise NameTooLong(len(printed_form(text)), self.template)
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


def _draw_badge(pdf: Canvas, badge: BadgeData, template: BadgeTemplate) -> None:
    page = _Page(pdf, template)
    if template.band:
        page.band(template.band, badge)
    page.text(badge_name(badge, template).text, template.name_field, whole=True)
    if template.organisation and badge.organisation:
        page.text(badge.organisation, template.organisation)
    if template.event and badge.event_name:
        page.text(badge.event_name, template.event)
    page.qr(template.qr, badge.code)
    pdf.showPage()


def _canvas(buffer: io.BytesIO, template: BadgeTemplate, title: str) -> Canvas:
    pdf = Canvas(
        buffer,
        pagesize=(template.width_mm * MM, template.height_mm * MM),
        pageCompression=0,  # zlib on the font subsets costs ~2 ms; the file stays ~80 KB
        initialFontName=font_chain(bold=False).primary.pdf_name,  # no unembedded Helvetica
    )
    pdf.setTitle(title)
    pdf.setAuthor("Doorline")
    pdf.setCreator("Doorline badge printing")
    return pdf


def render_pdf(badge: BadgeData, template: BadgeTemplate) -> bytes:
    """One badge as a one-page PDF the size of the template; NameTooLong when the name field
    cannot hold every word of the name (a badge never shows part of a name)."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer, template, f"Badge {badge.ticket_id}: {badge.display_name}")
    _draw_badge(pdf, badge, template)
    pdf.save()
    return buffer.getvalue()


def render_pdf_pages(badges: Iterable[BadgeData], template: BadgeTemplate) -> bytes:
    """Many badges in one PDF, one page each, exactly as `render_pdf` draws them: a batch to
    print ahead of the doors, and one file (one font subset) for tests that read back
    hundreds of badges. NameTooLong as `render_pdf`."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer, template, "Badges")
    for badge in badges:
        _draw_badge(pdf, badge, template)
    pdf.save()
    return buffer.getvalue()
