"""Test helpers for printing: an in-memory station and reading printed output back.

`MemoryBadgeStation` implements the `BadgeStation` protocol with dicts so the queue can be
tested on its own; tests with the real station use the `provisioned_station` fixture instead.
The decoders turn what a printer would print (a PDF page, ESC/POS raster) back into the QR text.
"""

from __future__ import annotations

import io
import threading
import uuid
from typing import Any

import zxingcpp
from PIL import Image

from printing.badge_preview import rasterise_pdf

ATTENDEES: list[dict[str, Any]] = [
    {"first_name": "Ada", "last_name": "Lovelace", "organisation": "Analytical Engines"},
    {
        "first_name": "Дмитрий",
        "last_name": "Шостакович",
        "organisation": "Ленинградская филармония",
    },
    {
        "first_name": "Αλέξανδρος",
        "last_name": "Παπαδόπουλος",
        "organisation": "Πανεπιστήμιο Αθηνών",
    },
    {"first_name": "太郎", "last_name": "山田", "organisation": "東京大学"},
    {"first_name": "민준", "last_name": "김", "organisation": "서울대학교"},
    {
        "first_name": "Maximilian Alexander",
        "last_name": "von Hohenzollern-Sigmaringen",
        "organisation": "",
    },
]


class MemoryBadgeStation:
    """The station calls printing needs, kept in memory; thread-safe like the real one.

    `record_badge_printed` is idempotent by job id, like the real station's."""

    def __init__(self, tickets: int = 20, event_name: str = "Doorline Test Summit") -> None:
        self._lock = threading.Lock()
        self.sources: dict[int, dict[str, Any]] = {}
        self.printed: dict[int, list[tuple[str, bool]]] = {}
        self.by_job: dict[str, str] = {}
        self.handed_over: list[Any] = []
        for ticket_id in range(1, tickets + 1):
            person = ATTENDEES[(ticket_id - 1) % len(ATTENDEES)]
            self.sources[ticket_id] = {
                "ticket_id": ticket_id,
                **person,
                "ticket_type": "Speaker" if ticket_id % 5 == 0 else "General admission",
                "type_colour": "#8E24AA" if ticket_id % 5 == 0 else "#1E88E5",
                "code": f"DL1.1.42.{ticket_id}.0.{uuid.uuid5(uuid.NAMESPACE_URL, str(ticket_id))}",
                "event_name": event_name,
                "template": None,
            }

    def badge_source(self, ticket_id: int) -> dict[str, Any]:
        with self._lock:
            if ticket_id not in self.sources:
                raise KeyError(f"ticket {ticket_id} is not on this station's list")
            return dict(self.sources[ticket_id])

    def badge_printed(self, ticket_id: int) -> bool:
        with self._lock:
            return bool(self.printed.get(ticket_id))

    def record_badge_printed(self, ticket_id: int, *, reprint: bool, job_id: str) -> str:
        with self._lock:
            if job_id in self.by_job:
                return self.by_job[job_id]
            entry_id = self.by_job[job_id] = str(uuid.uuid5(uuid.NAMESPACE_OID, job_id))
            self.printed.setdefault(ticket_id, []).append((entry_id, reprint))
        return entry_id

    def badge_printed_by_job(self, job_id: str) -> str | None:
        with self._lock:
            return self.by_job.get(job_id)

    def handed_over_print_jobs(self) -> list[Any]:
        return list(self.handed_over)

    def forget_handed_over_print_jobs(self) -> None:
        self.handed_over = []


def pdf_to_image(pdf: bytes, dpi: int = 200) -> Image.Image:
    """Rasterise page 1 with poppler's pdftoppm, as a printer driver would."""
    return Image.open(io.BytesIO(rasterise_pdf(pdf, dpi))).convert("L")


def decode_qr(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def raster_images(escpos: bytes) -> list[Image.Image]:
    """Every GS v 0 raster image in an ESC/POS job, as black-on-white pictures."""
    images = []
    at = escpos.find(b"\x1dv0")
    while at >= 0:
        width_bytes = escpos[at + 4] | escpos[at + 5] << 8
        height = escpos[at + 6] | escpos[at + 7] << 8
        start = at + 8
        data = escpos[start : start + width_bytes * height]
        ink = Image.frombytes("1", (width_bytes * 8, height), data)
        images.append(ink.convert("L").point(lambda v: 255 - v))
        at = escpos.find(b"\x1dv0", start + len(data))
    return images


def without_rasters(escpos: bytes) -> bytes:
    """The job with its GS v 0 image data cut out, so text checks do not see pixel bytes."""
    out = bytearray()
    at = 0
    while (found := escpos.find(b"\x1dv0", at)) >= 0:
        width_bytes = escpos[found + 4] | escpos[found + 5] << 8
        height = escpos[found + 6] | escpos[found + 7] << 8
        out += escpos[at:found]
        at = found + 8 + width_bytes * height
    return bytes(out + escpos[at:])


#: ESC/POS commands the badge renderer sends, with their length in bytes (after the prefix):
#: skipped when reading a job's text.
_ESC_ARGS = {b"@": 0, b"t": 1, b"!": 1, b"E": 1, b"a": 1, b"-": 1, b"M": 1, b"d": 1, b"J": 1}
_GS_ARGS = {b"!": 1, b"B": 1, b"h": 1, b"w": 1, b"H": 1, b"f": 1}


def escpos_text(escpos: bytes, code_pages: dict[str, str]) -> str:
    """The job's printed text, each byte decoded with the code table its last `ESC t n`
    selected, looked up in `code_pages` (name → number: the printer's own numbering) and
    decoded with python-escpos's table for that name. Raster and QR data are skipped."""
    from escpos.magicencode import Encoder

    by_number = {int(number): name for name, number in code_pages.items()}
    table: list[str] = [""] * 128
    out: list[str] = []
    data = without_rasters(escpos)
    at = 0
    while at < len(data):
        byte = data[at]
        if byte == 0x1B:
            command = data[at + 1 : at + 2]
            if command == b"t":
                table = Encoder._get_codepage_char_list(by_number[data[at + 2]])
            at += 2 + _ESC_ARGS.get(command, 0)
        elif byte == 0x1D:
            command = data[at + 1 : at + 2]
            if command == b"(":  # GS ( k pL pH ...: a native QR function
                at += 5 + data[at + 3] + (data[at + 4] << 8)
            elif command == b"V":
                at += 3 if data[at + 2] in (0, 1, 48, 49) else 4
            else:
                at += 2 + _GS_ARGS.get(command, 0)
        elif byte == 0x1C:  # FS . / FS &
            at += 2
        else:
            out.append("\n" if byte == 0x0A else chr(byte) if byte < 128 else table[byte - 128])
            at += 1
    return "".join(out)


def pdf_text(pdf: bytes) -> str:
    """Every page's text, as a PDF reader extracts it (pypdf)."""
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeeze(text: str | bytes) -> str:
    """Text without whitespace: a wrapped name still matches its one-line form."""
    value = text.decode("latin-1") if isinstance(text, bytes) else text
    return "".join(value.split())


def native_qr_payload(escpos: bytes) -> str | None:
    """The text of a native QR command (GS ( k, function 180 'store data'), if any."""
    marker = b"\x1d(k"
    at = escpos.find(marker)
    while at >= 0:
        length = escpos[at + 3] | escpos[at + 4] << 8
        body = escpos[at + 5 : at + 5 + length]
        if body[:3] == b"1P0":
            return body[3:].decode("utf-8")
        at = escpos.find(marker, at + 5 + length)
    return None
