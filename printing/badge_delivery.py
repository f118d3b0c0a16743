"""One badge to one printer: choose the template, render, and hand it to the right backend.

This is the single place that knows which renderer suits which printer: PDF files and CUPS get
a PDF of any template, ESC/POS printers get the bytes of a thermal template. The print queue,
the CLI and the benchmarks all print through `deliver_badge`.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from printing import cups
from printing.badge_data import BadgeData
from printing.badge_escpos import render_escpos
from printing.badge_pdf import render_pdf
from printing.badge_template import BadgeTemplate, TemplateKind, TemplateLibrary, load_library
from printing.errors import PrinterUnavailable
from printing.escpos_transport import PaperState, probe_escpos, send_escpos
from printing.printer_spec import PrinterKind, PrinterSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """What happened to a badge, in words for the job list (`detail`)."""

    printer: str
    template: str
    detail: str
    paper_low: bool = False


def template_kind(spec: PrinterSpec) -> TemplateKind:
    return TemplateKind.THERMAL if spec.is_thermal else TemplateKind.SHEET


def choose_template(
    badge: BadgeData,
    spec: PrinterSpec,
    requested: str | None = None,
    library: TemplateLibrary | None = None,
) -> BadgeTemplate:
    """Operator's choice, else the station's for this ticket, the printer's, the ticket type's."""
    return (library or load_library()).choose(
        template_kind(spec),
        badge.ticket_type,
        required=requested,
        preferred=(badge.template, spec.template),
    )


def pdf_target(spec: PrinterSpec, badge: BadgeData, label: str) -> Path:
    """`pdf:FILE` is that file; `pdf:FOLDER` (existing, or written with a trailing /) gets
    one file per badge, named so that a reprint never overwrites the first print."""
    path = Path(spec.target).expanduser()
    if path.is_dir() or spec.target.endswith(("/", os.sep)):
        suffix = f"-{label}" if label else ""
        return path / f"badge-{badge.ticket_id}{suffix}.pdf"
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a PDF."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".badge-", suffix=".pdf", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError as error:
        raise PrinterUnavailable(f"cannot write {path}: {error.strerror or error}") from None


def deliver_badge(
    badge: BadgeData,
    spec: PrinterSpec,
    *,
    template: str | None = None,
    library: TemplateLibrary | None = None,
    label: str = "",
) -> Delivery:
    """Print one badge, or raise a `PrintingError` saying why not.

    The error's `retryable` tells the queue whether trying later may help.
    """
    chosen = choose_template(badge, spec, template, library)
    if spec.kind is PrinterKind.PDF:
        path = pdf_target(spec, badge, label)
        _write_atomically(path, render_pdf(badge, chosen))
        return Delivery(spec.text, chosen.name, f"wrote {path}")
    if spec.kind is PrinterKind.CUPS:
        request = cups.print_pdf(
            spec.target,
            render_pdf(badge, chosen),
            title=f"Badge {badge.ticket_id}",
            media=chosen.cups_media,
            timeout_s=max(spec.timeout_s, cups.DEFAULT_TIMEOUT_S),
        )
        return Delivery(spec.text, chosen.name, f"CUPS request {request}")
    data = render_escpos(badge, chosen, spec.profile)
    status = send_escpos(spec, data)
    low = status.paper is PaperState.LOW
    detail = f"sent {len(data)} bytes to {spec.describe()}" + (" (paper low)" if low else "")
    return Delivery(spec.text, chosen.name, detail, paper_low=low)


def probe_printer(spec: PrinterSpec) -> str:
    """Check a printer answers without printing; return what was found, or raise why not."""
    if spec.kind is PrinterKind.PDF:
        folder = Path(spec.target).expanduser()
        folder = folder if folder.is_dir() else folder.parent
        if not os.access(folder, os.W_OK):
            raise PrinterUnavailable(f"cannot write PDF files into {folder}")
        return f"can write PDF files into {folder}"
    if spec.kind is PrinterKind.CUPS:
        printer = cups.printer_status(spec.target, timeout_s=spec.timeout_s)
        if not printer.enabled:
            raise PrinterUnavailable(f"CUPS printer '{printer.name}' is disabled: {printer.detail}")
        return f"CUPS printer '{printer.name}' is {printer.state}"
    status = probe_escpos(spec)
    if not status.answered:
        return f"{spec.describe()} is present"
    return f"{spec.describe()} answered" + (
        " (paper low)" if status.paper is PaperState.LOW else ""
    )
