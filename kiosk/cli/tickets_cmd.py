"""`doorline server tickets`: a ticket PDF per attendee and a mail-merge CSV, rewritten only
where something changed (docs/tickets-out.md)."""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from anyascii import anyascii

from kiosk.cli.errors import CliError
from kiosk.cli.server_cmds import add_db_argument, open_store
from kiosk.cli.verdict_output import print_json
from kiosk.domain.spreadsheet_cell import safe_cell

# The PDF renderer (reportlab, HarfBuzz) and the server's storage load when the command runs,
# not at every `doorline` start.
if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups
    from printing.ticket_pdf import TicketDocument
    from server_stub.storage.ticket_roster import RosterEvent, RosterTicket

CSV_COLUMNS = (
    "ticket_id", "external_id", "name", "email", "ticket_type", "confirmation", "code", "file",
)  # fmt: skip
MANIFEST = ".doorline-tickets.json"
RENDER_VERSION = 1  # bump when the page layout changes, so every ticket is rewritten


def register(groups: CliGroups) -> None:
    tickets = groups.server.add_parser(
        "tickets", help="write a ticket PDF per attendee and DIR/tickets.csv for mail-merge"
    )
    add_db_argument(tickets)
    tickets.add_argument("--event", required=True, type=int)
    tickets.add_argument("--out", required=True, type=Path, metavar="DIR")
    tickets.add_argument("--json", action="store_true")
    tickets.set_defaults(func=run_tickets)


def run_tickets(args: argparse.Namespace) -> int:
    from server_stub.storage import StoreError

    store = open_store(args.db)
    try:
        event = store.roster.roster_event(args.event)
        tickets = store.roster.roster(args.event)
    except StoreError as error:
        raise CliError(str(error)) from error
    finally:
        store.close()
    out: Path = args.out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"cannot create {out}: {error.strerror}") from error
    if not out.is_dir():
        raise CliError(f"{out} is not a directory")
    result = write_tickets(out, event, tickets)
    if args.json:
        print_json(result)
    else:
        print(
            f"{result['written']} ticket PDFs written, {result['unchanged']} unchanged, "
            f"{result['removed']} removed (revoked or renamed); mail-merge list in "
            f"{result['csv']}"
        )
        if result["revoked"]:
            print(f"{result['revoked']} revoked tickets get no PDF", file=sys.stderr)
    return 0


def write_tickets(out: Path, event: RosterEvent, tickets: list[RosterTicket]) -> dict[str, object]:
    """Write changed PDFs, remove those of revoked or renamed tickets, rewrite tickets.csv and
    the manifest. Each file is written to a temporary name and renamed, so an interruption
    leaves the previous file, never half of one."""
    from printing.ticket_pdf import render_ticket_pdf

    manifest = _read_manifest(out)
    when = event_dates(event)
    wanted: dict[str, str] = {}
    written = unchanged = 0
    rows = []
    try:
        for ticket in tickets:
            if ticket.revoked:
                continue
            document = _document(ticket, event, when)
            name = ticket_file_name(ticket)
            fingerprint = _fingerprint(document)
            wanted[name] = fingerprint
            if manifest.get(name) == fingerprint and (out / name).is_file():
                unchanged += 1
            else:
                _atomic_write(out / name, render_ticket_pdf(document))
                written += 1
            rows.append(_csv_row(ticket, name))
        removed = 0
        for stale in sorted(set(manifest) - set(wanted)):
            path = out / stale
            if path.is_file():
                path.unlink()
                removed += 1
        _write_csv(out / "tickets.csv", rows)
        _atomic_write(out / MANIFEST, json.dumps(wanted, indent=0, sort_keys=True).encode())
    except OSError as error:
        raise CliError(f"cannot write tickets into {out}: {error.strerror or error}") from error
    return {
        "event_id": event.event_id,
        "written": written,
        "unchanged": unchanged,
        "removed": removed,
        "revoked": sum(1 for t in tickets if t.revoked),
        "csv": str(out / "tickets.csv"),
    }


def event_dates(event: RosterEvent) -> str:
    """'Thu 10 Jun 2027 08:00 – Sat 12 Jun 2027 19:00 (Europe/Berlin)', in the venue's zone."""
    zone = ZoneInfo(event.timezone)
    if event.starts_ms is None:
        return f"times in {event.timezone}"

    def local(ms: int) -> datetime:
        return datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone(zone)

    starts = local(event.starts_ms)
    text = starts.strftime("%a %d %b %Y %H:%M")
    if event.ends_ms is not None:
        ends = local(event.ends_ms)
        same_day = ends.date() == starts.date()
        text += " – " + ends.strftime("%H:%M" if same_day else "%a %d %b %Y %H:%M")
    return f"{text} ({event.timezone})"


def ticket_file_name(ticket: RosterTicket) -> str:
    """'000042-ada-lovelace.pdf': sortable by id, recognisable by name, safe on every disk.
    Names in any script are transliterated by anyascii ('Größ' -> 'gross', 'Ольга' -> 'olga')."""
    folded = anyascii(unicodedata.normalize("NFC", ticket.name)).replace("'", "")  # O'Brien
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower())[:40].strip("-") or "ticket"
    return f"{ticket.ticket_id:06d}-{slug}.pdf"


def _document(ticket: RosterTicket, event: RosterEvent, when: str) -> TicketDocument:
    from printing.ticket_pdf import TicketDocument

    reference = ""
    if ticket.order_ref or ticket.external_id:
        reference = " / ".join(
            part for part in (f"order {ticket.order_ref}" if ticket.order_ref else "",
                              ticket.external_id) if part
        )  # fmt: skip
    return TicketDocument(
        ticket_id=ticket.ticket_id,
        code=ticket.code,
        confirmation=ticket.confirmation,
        name=ticket.name,
        organisation=ticket.organisation,
        ticket_type=ticket.ticket_type,
        type_colour=ticket.type_colour or "#607D8B",
        event_name=event.name,
        when=when,
        reference=reference,
    )


def _fingerprint(document: TicketDocument) -> str:
    data = json.dumps({"v": RENDER_VERSION, **asdict(document)}, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def _csv_row(ticket: RosterTicket, file_name: str) -> list[object]:
    values: list[object] = [
        ticket.ticket_id, ticket.external_id, ticket.name, ticket.email, ticket.ticket_type,
        ticket.confirmation, ticket.code, file_name,
    ]  # fmt: skip
    return [safe_cell(v) for v in values]


def _write_csv(path: Path, rows: list[list[object]]) -> None:
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=".tickets-", delete=False
    ) as handle:
        try:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            writer.writerows(rows)
        except BaseException:
            handle.close()
            Path(handle.name).unlink(missing_ok=True)
            raise
    os.replace(handle.name, path)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if "/" not in str(k)}
