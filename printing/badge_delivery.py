"""One badge to one printer: choose the template, render, and hand it to the right backend.

This is the single place that knows which renderer suits which printer: PDF files and CUPS get
a PDF of any template, ESC/POS printers get the bytes of a thermal template. The print queue,
the CLI and the benchmarks all print through `deliver_badge`.

One rule for every backend: `deliver_badge` returns only when the backend confirmed the badge
(a PDF file complete on disk, CUPS job `completed`, an ESC/POS printer's status after the job);
it raises `PrinterUnavailable`/`CupsUnavailable`/`PrinterSetupError` when the printer never got
the badge and `PrintUnconfirmed` when it may have printed it.
"""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from printing import cups_printer
from printing.badge_data import BadgeData
from printing.badge_escpos import render_escpos
from printing.badge_name import printed_name
from printing.badge_pdf import render_pdf
from printing.badge_template import BadgeTemplate, TemplateKind, TemplateLibrary, load_library
from printing.errors import (
    NameTooLong,
    PrinterSetupError,
    PrinterUnavailable,
    PrintingError,
    PrintProblem,
)
from printing.escpos_transport import PaperState, offline_problem, probe_escpos, send_escpos
from printing.fonts import font_chain
from printing.printer_spec import PrinterKind, PrinterSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """A confirmed badge, in words for the job list (`detail`: what confirmed it)."""

    printer: str
    template: str
    detail: str
    paper_low: bool = False
    backend_ref: str | None = None  # the printer's own job id (CUPS)
    note: str | None = None  # how the badge differs from the attendee's data (a fallback name)


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


def pdf_is_folder(target: str) -> bool:
    """`pdf:` names a folder when it exists as one, ends with `/`, or does not exist and does
    not end in `.pdf` (docs/ui.md): a folder not created yet is still a folder."""
    path = Path(target).expanduser()
    if path.is_dir() or target.endswith(("/", os.sep)):
        return True
    return not path.exists() and path.suffix.lower() != ".pdf"


def pdf_target(spec: PrinterSpec, badge: BadgeData, label: str) -> Path:
    """`pdf:FILE.pdf` is that file; `pdf:FOLDER` (see `pdf_is_folder`) gets one file per
    badge, named so that a reprint never overwrites the first print."""
    path = Path(spec.target).expanduser()
    if pdf_is_folder(spec.target):
        suffix = f"-{label}" if label else ""
        return path / f"badge-{badge.ticket_id}{suffix}.pdf"
    return path


def _refuse_to_overwrite_other_files(path: Path) -> None:
    """A `pdf:` target that exists must be a PDF (an earlier badge): a mistyped spec such as
    `pdf:station.sqlite3` must never replace the station's database or any other file.
    Raises `PrinterSetupError` (not retried) when `path` holds something else."""
    try:
        with path.open("rb") as existing:
            head = existing.read(5)
    except OSError:
        return  # missing (the usual case), or unreadable: the write itself will say why
    if head != b"%PDF-":
        raise PrinterSetupError(
            f"{path} exists and is not a PDF: a badge never overwrites it "
            "(name a new .pdf file or a folder)",
            PrintProblem.WOULD_OVERWRITE,
            path,
        )


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file, fsync, rename, fsync the folder: the badge is confirmed
    when the whole file is on disk under its name (a crash never leaves half a PDF)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".badge-", suffix=".pdf", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except OSError:
            # A full disk must not also collect one hidden empty file per attempt.
            Path(temp).unlink(missing_ok=True)
            raise
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
        complete = path.stat().st_size == len(data)
    except OSError as error:
        raise PrinterUnavailable.cannot_write(path, error) from None
    if not complete:
        raise PrinterUnavailable.incomplete_file(path)


def render_for(
    badge: BadgeData,
    template: BadgeTemplate,
    spec: PrinterSpec,
    library: TemplateLibrary | None = None,
) -> bytes:
    """The bytes `spec`'s printer takes: a PDF for files and CUPS, ESC/POS for the rest.
    NameTooLong names the templates (for this printer) that hold the name whole."""
    try:
        if spec.kind in (PrinterKind.PDF, PrinterKind.CUPS):
            return render_pdf(badge, template)
        return render_escpos(badge, template, spec.profile)
    except NameTooLong as error:
        holding = templates_holding_name(badge, spec, library=library, skip=template.name)
        raise NameTooLong(error.characters, template.name, holding) from None


def templates_holding_name(
    badge: BadgeData, spec: PrinterSpec, *, library: TemplateLibrary | None, skip: str = ""
) -> tuple[str, ...]:
    """The templates of `spec`'s kind (sheet or thermal) whose name field holds `badge`'s
    whole name, largest badge first: what to suggest when the chosen one cannot."""
    kind = template_kind(spec)
    candidates = sorted(
        (t for t in (library or load_library()) if t.kind is kind and t.name != skip),
        key=lambda t: -(t.width_mm * t.height_mm),
    )
    holding = []
    for template in candidates:
        try:
            if kind is TemplateKind.THERMAL:
                render_escpos(badge, template, spec.profile)
            else:
                render_pdf(badge, template)
        except NameTooLong:
            continue
        except PrintingError:  # a profile this template cannot serve: not a suggestion
            continue
        holding.append(template.name)
    return tuple(holding)


def deliver_badge(
    badge: BadgeData,
    spec: PrinterSpec,
    *,
    template: str | None = None,
    library: TemplateLibrary | None = None,
    label: str = "",
    on_submitted: Callable[[str], None] | None = None,
) -> Delivery:
    """Print one badge and return once the backend confirmed it, or raise a `PrintingError`
    saying why not (see the module docstring for which error means what; its `template` is
    the template used, when one was chosen).

    `on_submitted(ref)` receives the printer's own job id as soon as it exists (CUPS), so a
    restart can find the job. The error's `retryable` tells the queue whether trying later
    may help.
    """
    chosen = choose_template(badge, spec, template, library)
    try:
        delivery = _deliver(badge, spec, chosen, label, on_submitted, library)
    except PrintingError as error:
        error.template = chosen.name
        raise
    note = printed_name(badge, font_chain(bold=chosen.name_field.bold)).note
    return replace(delivery, note=note) if note else delivery


def _deliver(
    badge: BadgeData,
    spec: PrinterSpec,
    chosen: BadgeTemplate,
    label: str,
    on_submitted: Callable[[str], None] | None,
    library: TemplateLibrary | None,
) -> Delivery:
    data = render_for(badge, chosen, spec, library)
    if spec.kind is PrinterKind.PDF:
        path = pdf_target(spec, badge, label)
        _refuse_to_overwrite_other_files(path)
        _write_atomically(path, data)
        return Delivery(spec.text, chosen.name, f"wrote {path}")
    if spec.kind is PrinterKind.CUPS:
        job = cups_printer.print_pdf(
            spec.target,
            data,
            title=f"Badge {badge.ticket_id}",
            media=chosen.cups_media,
            wait_s=spec.wait_s,
            on_submitted=(lambda job_id: on_submitted(str(job_id))) if on_submitted else None,
        )
        detail = f"CUPS job {job.job_id} completed on '{job.printer}'"
        return Delivery(spec.text, chosen.name, detail, backend_ref=str(job.job_id))
    status = send_escpos(spec, data)
    low = status.paper is PaperState.LOW
    how = "confirmed by its status after the job" if status.answered else "complete on disk"
    detail = f"sent {len(data)} bytes to {spec.describe()}, {how}" + (" (paper low)" if low else "")
    return Delivery(spec.text, chosen.name, detail, paper_low=low)


def probe_printer(spec: PrinterSpec) -> str:
    """Check a printer answers without printing; return what was found, or raise why not."""
    if spec.kind is PrinterKind.PDF:
        folder = Path(spec.target).expanduser()
        folder = folder if folder.is_dir() else folder.parent
        if not os.access(folder, os.W_OK):
            raise PrinterUnavailable(
                f"cannot write PDF files into {folder}",
                PrintProblem.CANNOT_WRITE,
                folder,
                os.strerror(errno.EACCES),
            )
        return f"can write PDF files into {folder}"
    if spec.kind is PrinterKind.CUPS:
        printer = cups_printer.printer_status(spec.target)
        if not printer.ready:
            raise PrinterUnavailable(
                f"CUPS printer '{printer.name}' is {printer.words()}", *printer.problem()
            )
        return f"CUPS printer '{printer.name}' is {printer.words()}"
    status = probe_escpos(spec)
    if not status.answered:
        return f"{spec.describe()} is present (it cannot report its status)"
    if not status.can_print:
        raise PrinterUnavailable(f"{spec.describe()} is {status.words()}", offline_problem(status))
    return f"{spec.describe()} answered: {status.words()}"
