"""Printing commands: `doorline station print-badge` and `doorline printers`.

print-badge goes through the station's persistent print queue like the kiosk does, so the badge
is logged (`badge_printed`), a second badge is refused unless `--reprint`, and a failed attempt
is on record. Exit status: 0 printed, 1 refused (already printed or waiting), 2 a usage or
environment problem (unknown printer, printer not answering, no station).
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk.cli.errors import CliError

PROBE_TIMEOUT_S = 3.0


def register(groups: Any) -> None:
    """Add `station print-badge` and the top-level `printers` command."""
    badge = groups.station.add_parser(
        "print-badge",
        help="print one attendee's badge (logged; refused if printed before unless --reprint)",
        description="Print a badge through the station's print queue.",
    )
    badge.add_argument("--data-dir", required=True, type=Path, help="the station's data folder")
    badge.add_argument("ticket_id", metavar="TICKET_ID", type=int, help="the ticket's id")
    badge.add_argument(
        "--printer",
        required=True,
        metavar="SPEC",
        help="pdf:PATH, cups:NAME, escpos-net:HOST[:PORT], escpos-usb:VID:PID,"
        " escpos-serial:DEVICE or escpos-file:PATH",
    )
    badge.add_argument("--reprint", action="store_true", help="print again (logged as a reprint)")
    badge.add_argument("--template", help="badge template name (default: by ticket type)")
    badge.add_argument("--json", action="store_true", help="print the job as one JSON object")
    badge.set_defaults(func=run_print_badge)

    printers = groups.top.add_parser(
        "printers",
        help="list CUPS printers and the station's configured printers, with health",
        description="List printers: CUPS queues, and the station's configured and used printers.",
    )
    printers.add_argument("--data-dir", type=Path, help="a station's data folder")
    printers.add_argument("--json", action="store_true", help="one JSON object per printer")
    printers.add_argument("--no-probe", action="store_true", help="do not contact the printers")
    printers.set_defaults(func=run_printers)


# -- print-badge -------------------------------------------------------------------------------


def station_at(data_dir: Path) -> Any:
    """The station in `data_dir`, or CliError saying why there is none."""
    from kiosk.core.station import open_station
    from kiosk.station_store import ReplicaError

    try:
        return open_station(data_dir)
    except ReplicaError as error:
        raise CliError(str(error)) from None


def job_json(job: Any, detail: str) -> str:
    """One print job as the JSON object `print-badge`, `print-jobs` and `print-job` print."""
    fields = {
        "job_id": job.id,
        "ticket_id": job.ticket_id,
        "printer": job.printer,
        "template": job.shown_template,
        "state": job.state.value,
        "reprint": job.reprint,
        "attempts": job.attempts,
        "printed_entry_id": job.printed_entry_id,
        "reason": job.last_error,
        "note": job.note,
        "detail": detail,
    }
    return json.dumps(fields, ensure_ascii=False)


def report_attempt(queue: Any, job: Any, as_json: bool) -> int:
    """Tell the outcome of one print attempt (`print-badge`, `print-job retry`): exit 0 when
    printed; CliError (exit 2) when it failed or is unconfirmed, saying what to do."""
    from printing.print_queue import JobState

    if job.state is JobState.DONE:
        what = "reprinted" if job.reprint else "printed"
        detail = f"badge for ticket {job.ticket_id} {what} on {job.printer}"
        health = queue.health().get(job.printer)
        if health is not None and health.paper_low:  # the printer said so after the badge
            detail += " (paper low: change the roll soon)"
        if job.note:
            detail += f"; note: {job.note}"
        print(job_json(job, detail) if as_json else detail)
        return 0
    if job.state is JobState.UNCONFIRMED:
        detail = (
            f"badge for ticket {job.ticket_id} sent, unconfirmed: {job.last_error}"
            " (not logged as printed; look at the printer, then confirm or reprint:"
            f" `doorline station print-job confirm {job.id[:8]}` if it came out,"
            f" `print-job retry {job.id[:8]} --yes` if it did not)"
        )
        if as_json:
            print(job_json(job, detail))
        raise CliError(detail)
    if job.state in (JobState.QUEUED, JobState.PRINTING):  # a running station's queue took it
        detail = f"badge for ticket {job.ticket_id} is {job.state.value} (job {job.id[:8]})"
        print(job_json(job, detail) if as_json else detail)
        return 0
    job = queue.give_up(job.id) if job.will_retry else job
    detail = f"badge for ticket {job.ticket_id} not printed: {job.last_error}"
    if as_json:
        print(job_json(job, detail))
    raise CliError(f"{detail} (the failed job stays in the print queue)")


def run_print_badge(args: argparse.Namespace) -> int:
    from printing.errors import BadgeRefused, PrintingError, UnknownTicket
    from printing.print_queue import PrintQueue

    station = station_at(args.data_dir)
    queue = PrintQueue.for_data_dir(args.data_dir, station)
    try:
        try:
            job = queue.enqueue(
                args.ticket_id, args.printer, template=args.template, reprint=args.reprint
            )
        except UnknownTicket as error:  # a wrong id is bad input, not a refused badge
            raise CliError(f"{error} (check the ticket id: doorline station status)") from None
        except BadgeRefused as refusal:
            print(f"refused: {refusal}", file=sys.stderr)
            return 1
        except PrintingError as error:
            raise CliError(str(error)) from None
        return report_attempt(queue, queue.print_now(job.id), args.json)
    finally:
        queue.stop()
        station.replica.close()


# -- printers ----------------------------------------------------------------------------------


def _cups_rows() -> tuple[list[dict[str, Any]], str | None]:
    from printing import cups_printer
    from printing.errors import PrintingError

    try:
        found = cups_printer.list_printers()
    except PrintingError as error:
        return [], str(error)
    rows = [
        {
            "printer": f"cups:{p.name}",
            "kind": "cups",
            "name": p.name,
            "reachable": p.ready,
            "state": p.words(),
            "accepting": p.accepting,
            "enabled": p.enabled,
            "reasons": list(p.reasons),
            "message": p.message,
            "default": p.is_default,
        }
        for p in found
    ]
    return rows, None


def _station_rows(data_dir: Path) -> list[dict[str, Any]]:
    """Configured printers (printers.toml) and every printer the station's queue has used."""
    from printing.print_queue import DB_FILENAME, PrinterHealth, printer_history
    from printing.printer_config import load_printer_config
    from printing.printer_spec import parse_printer_spec
    from printing.queue_store import QueueStore

    rows: dict[str, dict[str, Any]] = {}
    for configured in load_printer_config(data_dir):
        health = PrinterHealth(configured.spec.text, configured.spec.describe())
        rows[configured.spec.text] = {
            **asdict(health),
            "name": configured.name,
            "default": configured.default,
        }
    db_path = Path(data_dir) / DB_FILENAME
    if db_path.exists():
        store = QueueStore(db_path)
        try:
            history = printer_history(store)
        finally:
            store.close()
        for printer, health in history.items():
            base = rows.get(printer, {"name": health.description, "default": False})
            rows[printer] = {**asdict(health), "name": base["name"], "default": base["default"]}
    for printer, row in rows.items():
        row["kind"] = parse_printer_spec(printer).kind.value
    return list(rows.values())


def _probe(row: dict[str, Any]) -> dict[str, Any]:
    from dataclasses import replace

    from printing.badge_delivery import probe_printer
    from printing.errors import PrintingError
    from printing.printer_spec import parse_printer_spec

    spec = replace(parse_printer_spec(row["printer"]), timeout_s=PROBE_TIMEOUT_S)
    try:
        return {**row, "reachable": True, "state": probe_printer(spec)}
    except PrintingError as error:
        return {**row, "reachable": False, "state": str(error)}


def _format_row(row: dict[str, Any]) -> str:
    mark = {True: "ok  ", False: "FAIL", None: "?   "}[row.get("reachable")]
    default = " (default)" if row.get("default") else ""
    lines = [f"{mark} {row['printer']}{default}  {row.get('state') or ''}".rstrip()]
    if row.get("last_error"):
        lines.append(f"      last error: {row['last_error']}")
    if row.get("waiting_jobs"):
        lines.append(f"      waiting badges: {row['waiting_jobs']}")
    return "\n".join(lines)


def run_printers(args: argparse.Namespace) -> int:
    from printing.errors import PrintingError

    if args.data_dir and not Path(args.data_dir).is_dir():
        # A mistyped folder must not read as "this station has no printers".
        raise CliError(f"no station folder at {args.data_dir} (check --data-dir)")
    cups_rows, cups_problem = _cups_rows()
    try:
        station_rows = _station_rows(args.data_dir) if args.data_dir else []
    except PrintingError as error:
        raise CliError(str(error)) from None
    if not args.no_probe and station_rows:
        with ThreadPoolExecutor(max_workers=8) as pool:
            station_rows = list(pool.map(_probe, station_rows))
    rows = cups_rows + station_rows
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        if cups_problem:
            problem = {"kind": "cups", "reachable": False, "retryable": True}
            print(json.dumps({**problem, "detail": cups_problem}))
        return 0
    print(
        "CUPS printers:"
        if not cups_problem
        else f"CUPS service problem: {cups_problem} (badges for CUPS printers wait and retry)"
    )
    for row in cups_rows:
        print(_format_row(row))
    if not cups_rows and not cups_problem:
        print("  (none)")
    if args.data_dir:
        print(f"Station printers ({args.data_dir}):")
        for row in station_rows:
            print(_format_row(row))
        if not station_rows:
            print("  (none configured in printers.toml, none used yet)")
    return 0
