"""An attendee's ticket as a one-page A4 PDF: what the organiser mails before the event.

The page carries the event's name, its dates in the venue's time zone, the attendee's name and
company, the ticket type on its colour band, a large QR of the signed Doorline code (one vector
path, as on badges), the confirmation code in readable groups for the self-check-in kiosk, and a
short "how to check in" line. Fonts come from the badge font chain, so non-Latin names print.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from printing.band_colour import label_colour, parse_hex
from printing.fonts import FontChain, font_chain
from printing.qr_matrix import qr_matrix
from printing.qr_pdf import qr_operators
from printing.text_layout import layout_runs, needs_layout, pdf_line_width, shaped_pdf_run

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGIN = 18 * MM
QR_SIZE = 95 * MM
HOW_TO = (
    "At the door, show this page (printed or on your phone) and let the staff scan the QR "
    "code. At a self-check-in kiosk, scan it or type your confirmation code."
)


@dataclass(frozen=True)
class TicketDocument:
    """Everything printed on one ticket (plain values: no database row, no template)."""

    ticket_id: int
    code: str
    confirmation: str
    name: str
    organisation: str
    ticket_type: str
    type_colour: str
    event_name: str
    when: str  # "10–12 June 2027, 08:00–19:00 (Europe/Berlin)"
    reference: str = ""  # the ticket shop's order/ticket reference, if imported


def grouped(confirmation: str) -> str:
    """'K7MPX2RA' -> 'K7MP-X2RA': readable to type at a kiosk (which ignores the dash)."""
    return "-".join(confirmation[i : i + 4] for i in range(0, len(confirmation), 4))


def render_ticket_pdf(ticket: TicketDocument) -> bytes:
    """One ticket as a one-page A4 PDF (bytes)."""
    buffer = io.BytesIO()
    regular = font_chain(bold=False)
    bold = font_chain(bold=True)
    pdf = Canvas(buffer, pagesize=A4, initialFontName=regular.primary.pdf_name)
    pdf.setTitle(f"Ticket {ticket.ticket_id}: {ticket.name} — {ticket.event_name}")
    pdf.setAuthor("Doorline")
    pdf.setCreator("Doorline tickets")
    width, height = A4
    room = width - 2 * MARGIN
    y = height - MARGIN
    y = _text(pdf, ticket.event_name, bold, 26, MARGIN, y - 26, room)
    y = _text(pdf, ticket.when, regular, 12, MARGIN, y - 18, room, grey=True)
    band_top = y - 14 * MM
    rgb = parse_hex(ticket.type_colour)
    pdf.setFillColorRGB(*(c / 255 for c in rgb))
    pdf.rect(0, band_top - 16 * MM, width, 16 * MM, stroke=0, fill=1)
    label = label_colour(rgb)
    pdf.setFillColorRGB(*(c / 255 for c in label))
    _text(pdf, ticket.ticket_type, bold, 20, MARGIN, band_top - 10.5 * MM, room, keep_fill=True)
    pdf.setFillColorRGB(0, 0, 0)
    y = band_top - 16 * MM - 16 * MM
    y = _text(pdf, ticket.name, bold, 30, MARGIN, y, room)
    if ticket.organisation:
        y = _text(pdf, ticket.organisation, regular, 16, MARGIN, y - 26, room)
    qr_top = y - 10 * MM
    matrix = qr_matrix(ticket.code, "M")
    border = 4
    module = QR_SIZE / (matrix.side + 2 * border)
    left = (width - QR_SIZE) / 2 + border * module
    bottom = qr_top - QR_SIZE + border * module
    pdf.addLiteral(qr_operators(matrix, module, left, bottom))
    y = qr_top - QR_SIZE - 8 * MM
    _text(pdf, "Confirmation code", regular, 11, MARGIN, y, room, centre=True, grey=True)
    y -= 30
    _text(pdf, grouped(ticket.confirmation), bold, 28, MARGIN, y, room, centre=True)
    y -= 34
    for line in _wrap(HOW_TO, regular, 11, room):
        _text(pdf, line, regular, 11, MARGIN, y, room, centre=True)
        y -= 15
    footer = f"Ticket {ticket.ticket_id}"
    if ticket.reference:
        footer += f" · {ticket.reference}"
    _text(pdf, footer, regular, 9, MARGIN, MARGIN, room, grey=True)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _text(
    pdf: Canvas,
    text: str,
    chain: FontChain,
    size: float,
    x: float,
    baseline: float,
    room: float,
    centre: bool = False,
    grey: bool = False,
    keep_fill: bool = False,
) -> float:
    """Draw one line, shrunk to fit `room` points; returns the baseline it was drawn at.
    Scripts that need it (Arabic, Hebrew, Devanagari…) are laid out in visual order and shaped
    by HarfBuzz, as on badges (`printing.text_layout`)."""
    shaped = needs_layout(text)
    width = pdf_line_width(text, chain) * size if shaped else chain.unit_width(text) * size
    if width > room and width > 0:
        size *= room / width
        width = room
    if not keep_fill:
        pdf.setFillColorRGB(*((0.35, 0.35, 0.35) if grey else (0, 0, 0)))
    if centre:
        x += (room - width) / 2
    if shaped:
        for run in layout_runs(text, chain):
            glyphs, unit = shaped_pdf_run(run.text, run.face.pdf_name)
            line = pdf.beginText(x, baseline)
            line.setFont(run.face.pdf_name, size)
            line.textOut(glyphs)
            pdf.drawText(line)
            x += unit * size
        return baseline
    for plain in chain.runs(text):
        pdf.setFont(plain.face.pdf_name, size)
        pdf.drawString(x, baseline, plain.text)
        x += chain.unit_width(plain.text) * size
    return baseline


def _wrap(text: str, chain: FontChain, size: float, room: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and chain.unit_width(candidate) * size > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
