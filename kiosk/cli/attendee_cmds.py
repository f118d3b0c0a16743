"""`doorline server import` (attendees from a ticket shop's export) and `server attendee add`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.cli.server_cmds import add_db_argument, open_store
from kiosk.cli.verdict_output import print_json
from server_stub.attendee_columns import PRESETS, ColumnError, Field, column_map
from server_stub.attendee_rows import AttendeeRow, attendee_rows, check_email, split_name
from server_stub.attendee_sheet import SheetError, read_sheet
from server_stub.shop_status import ShopStatus, shop_status
from server_stub.storage import StoreError
from server_stub.storage.attendee_records import ImportRefused, ImportSummary, KeptTicket

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups

OFFLINE_NOTE = (
    "note: stations accept the shop's own barcodes only for tickets their replica holds; a "
    "ticket imported after a station's last sync is unknown there until it syncs again "
    "(Doorline's signed QR codes have no such limit)"
)
MEANINGS = {
    ShopStatus.VALID: "admitted",
    ShopStatus.UNPAID: "not paid: refused at the door until an export shows it paid",
    ShopStatus.CANCELLED: "revoked",
}


def register(groups: CliGroups) -> None:
    imp = groups.server.add_parser(
        "import", help="import attendees from a ticket shop's CSV/XLSX export"
    )
    add_db_argument(imp)
    imp.add_argument("--event", required=True, type=int)
    imp.add_argument("file", type=Path, metavar="FILE", help="CSV or XLSX export")
    imp.add_argument(
        "--preset",
        default="auto",
        choices=["auto", *PRESETS],
        help="the shop whose export this is (default: recognised from the header)",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from COLUMN (fields: " + ", ".join(f.value for f in Field) + ")",
    )
    imp.add_argument("--create-types", action="store_true", help="create unknown ticket types")
    imp.add_argument(
        "--skip-bad-rows", action="store_true", help="import the good rows, list the bad ones"
    )
    imp.add_argument("--dry-run", action="store_true", help="count, write nothing")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=run_import)

    attendee = groups.server.add_parser("attendee", help="add one attendee (late registration)")
    commands = attendee.add_subparsers(dest="attendee_command", metavar="SUBCOMMAND", required=True)
    add = commands.add_parser("add", help="add one attendee and print the new ticket's codes")
    add_db_argument(add)
    add.add_argument("--event", required=True, type=int)
    add.add_argument("--name", required=True)
    add.add_argument("--email", default="")
    add.add_argument("--type", required=True, dest="ticket_type", metavar="TYPE")
    add.add_argument("--company", default="")
    add.add_argument("--external-id", default="", help="the shop's ticket id, if any")
    add.add_argument("--barcode", default="", help="the shop's barcode, if any")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=run_attendee_add)


def _maps(header: tuple[str, ...], args: argparse.Namespace) -> bool:
    """Whether `header` holds an attendee list the preset and --map can read."""
    try:
        column_map(header, args.preset, args.map)
    except ColumnError:
        return False
    return True


def run_import(args: argparse.Namespace) -> int:
    try:
        sheet = read_sheet(args.file, lambda header: _maps(header, args))
        columns = column_map(sheet.header, args.preset, args.map)
    except SheetError as error:
        raise CliError(str(error)) from error
    except ColumnError as error:
        raise CliError(f"{args.file}, line {max(1, sheet.header_line)}: {error}") from error
    store = open_store(args.db)
    try:
        summary = store.attendees.import_attendees(
            args.event,
            attendee_rows(sheet, columns),
            skip_bad_rows=args.skip_bad_rows,
            create_types=args.create_types,
            dry_run=args.dry_run,
        )
    except ImportRefused as error:
        where = f", line {error.line}" if error.line else ""
        raise CliError(f"{args.file}{where}: {error}") from error
    except StoreError as error:
        raise CliError(str(error)) from error
    finally:
        store.close()
    if args.json:
        print_json(summary.to_json())
    else:
        verb = "would import" if args.dry_run else "imported"
        print(
            f"{verb} {args.file} ({sheet.kind}, preset {columns.preset}): {summary.added} added, "
            f"{summary.unpaid} unpaid, {summary.updated} updated, {summary.revoked} revoked, "
            f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped"
        )
        if columns.has(Field.STATUS):
            for word, rows in summary.statuses.items():
                meaning = MEANINGS[shop_status(word) or ShopStatus.VALID]
                print(f"  status '{word or '(empty)'}': {_rows(rows)} ({meaning})")
        for bad in summary.skipped:
            print(f"  skipped line {bad.line}: {bad.reason}")
    for line in kept_notes(summary, args.event):
        print(line, file=sys.stderr)
    for name in summary.created_types:
        print(f"created ticket type '{name}' (add it to the event file)", file=sys.stderr)
    if columns.has(Field.BARCODE):
        print(OFFLINE_NOTE, file=sys.stderr)
    if args.dry_run:
        print("dry run: nothing was written", file=sys.stderr)
    return 0


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _tickets(kept: list[KeptTicket]) -> str:
    """The first few kept tickets, as the operator finds them: shop id, Doorline id, line."""
    shown = ", ".join(f"{k.external_id} (ticket {k.ticket_id}, line {k.line})" for k in kept[:5])
    return shown + (f" and {len(kept) - 5} more" if len(kept) > 5 else "")


def kept_notes(summary: ImportSummary, event_id: int) -> list[str]:
    """The rows whose status the server's state overrode, in words: an import never reinstates
    a cancelled or revoked ticket, nor sends a paid one back to unpaid (an older export)."""
    revoke = f"doorline server revoke --db DB --event {event_id} --ticket ID"
    notes: list[str] = []
    if kept := summary.kept_revoked:
        one = len(kept) == 1
        notes.append(
            f"note: {len(kept)} {'ticket in this file is' if one else 'tickets in this file are'}"
            f" revoked on the server and {'stays' if one else 'stay'} revoked: {_tickets(kept)}."
            " An import never reinstates a ticket the shop cancelled or an operator revoked; if"
            f" one is really valid again, lift it with: {revoke} --lift"
        )
    if kept := summary.kept_valid:
        one = len(kept) == 1
        notes.append(
            f"note: {len(kept)} {'ticket' if one else 'tickets'} this file calls unpaid or"
            f" cancelled {'stays' if one else 'stay'} valid: {_tickets(kept)} (paid in an"
            " earlier import, or reinstated by an operator: is this an older export?); revoke"
            f" one with: {revoke}"
        )
    return notes


def run_attendee_add(args: argparse.Namespace) -> int:
    first, last = split_name(args.name)
    if not (first or last):
        raise CliError("--name is empty")
    row = AttendeeRow(
        line=0,
        external_id=args.external_id or "",
        first_name=first,
        last_name=last,
        email=args.email.strip(),
        company=args.company.strip(),
        ticket_type=args.ticket_type.strip(),
        barcode=args.barcode,
        order="",
        status=ShopStatus.VALID,
    )
    problem = check_email(row.email)
    if problem:
        raise CliError(f"--email: {problem}")
    store = open_store(args.db)
    try:
        summary = store.attendees.import_attendees(args.event, [row])
    except (ImportRefused, StoreError) as error:
        raise CliError(str(error).replace(" (nothing was imported)", "")) from error
    finally:
        store.close()
    if not summary.issued:
        raise CliError(f"a ticket with external id '{row.external_id}' exists already")
    ticket = summary.issued[0]
    if args.json:
        print_json(
            {
                "ticket_id": ticket.ticket_id,
                "code": ticket.code,
                "confirmation": ticket.confirmation,
                "name": f"{ticket.first_name} {ticket.last_name}".strip(),
                "ticket_type": ticket.ticket_type,
            }
        )
    else:
        print(ticket.code)
        print(
            f"ticket {ticket.ticket_id} for {ticket.first_name} {ticket.last_name} "
            f"({ticket.ticket_type}), confirmation code {ticket.confirmation}",
            file=sys.stderr,
        )
    return 0
