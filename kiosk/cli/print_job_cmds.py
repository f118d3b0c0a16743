"""The station's print jobs from the command line: `print-jobs` lists, `print-job` decides.

A badge that was sent but never confirmed by its printer waits for a person who looked at the
printer (docs/printing.md, "When a badge counts as printed"); so does a failed one. These
commands do what the operator screen's Printers tab does, for stations run over SSH or from
scripts:

    doorline station print-jobs --data-dir DIR [--state STATE]... [--limit N] [--json]
    doorline station print-job confirm JOB --data-dir DIR [--json]   # it came out: log it
    doorline station print-job retry JOB --data-dir DIR [--yes] [--json]
    doorline station print-job cancel JOB --data-dir DIR [--json]

JOB is the id or its first 8 characters (as the list shows). Exit status: 0 done, 1 refused
(the job is not in a state that allows it, or a retry of a badge that may have printed without
`--yes`), 2 bad input or environment (no such job, no station, the retried badge failed).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.cli.counts import at_least_one
from kiosk.cli.errors import CliError
from kiosk.cli.print_cmds import job_json, report_attempt, station_at

STATES = ("queued", "printing", "done", "failed", "unconfirmed")
ACTIONS = ("confirm", "retry", "cancel")


def register(groups: Any) -> None:
    """Add `station print-jobs` and `station print-job`."""
    listing = groups.station.add_parser(
        "print-jobs",
        help="list the station's badge print jobs with their state and reason",
        description="List badge print jobs, newest first: state, reason, printer, template.",
    )
    listing.add_argument("--data-dir", required=True, type=Path, help="the station's data folder")
    listing.add_argument(
        "--state",
        action="append",
        choices=STATES,
        help="only jobs in this state (repeat for several)",
    )
    listing.add_argument("--limit", type=_positive, default=50, help="at most N jobs (50)")
    listing.add_argument("--json", action="store_true", help="one JSON object per job")
    listing.set_defaults(func=run_print_jobs)

    action = groups.station.add_parser(
        "print-job",
        help="confirm, retry or cancel one badge print job",
        description=(
            "confirm: the badge of an unconfirmed job came out (logged as printed once). "
            "retry: print a failed job again now (an unconfirmed one only with --yes: it may "
            "have printed). cancel: end a waiting, failed or unconfirmed job without printing."
        ),
    )
    action.add_argument("action", choices=ACTIONS, help="what to do with the job")
    action.add_argument("job", metavar="JOB", help="the job id, or its first 8 characters")
    action.add_argument("--data-dir", required=True, type=Path, help="the station's data folder")
    action.add_argument(
        "--yes",
        action="store_true",
        help="retry: you looked at the printer and no badge came out of this job",
    )
    action.add_argument("--json", action="store_true", help="print the job as one JSON object")
    action.set_defaults(func=run_print_job)


_positive = at_least_one("not a number: {text!r}", "must be 1 or more")


def _when(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M:%S")


def _state_words(job: Any) -> str:
    if job.state.value == "failed":
        return "failed, retrying" if job.will_retry else "failed"
    return str(job.state.value)


def _job_lines(job: Any) -> list[str]:
    reprint = " (reprint)" if job.reprint else ""
    lines = [
        f"{job.id[:8]}  ticket {job.ticket_id}  {_state_words(job)}{reprint}  on {job.printer}"
        f"  template {job.shown_template or '(by ticket type)'}  attempts {job.attempts}"
        f"  {_when(job.updated_ms)}"
    ]
    if job.last_error:
        lines.append(f"          reason: {job.last_error}")
    if job.note:
        lines.append(f"          note: {job.note}")
    return lines


def _with_queue(data_dir: Path) -> tuple[Any, Any]:
    from printing.print_queue import PrintQueue

    station = station_at(data_dir)
    return station, PrintQueue.for_data_dir(data_dir, station)


def run_print_jobs(args: argparse.Namespace) -> int:
    from printing.print_queue import JobState

    station, queue = _with_queue(args.data_dir)
    try:
        states = tuple(JobState(s) for s in args.state or ())
        jobs = queue.jobs(states, limit=args.limit)
    finally:
        queue.stop()
        station.replica.close()
    if args.json:
        for job in jobs:
            print(job_json(job, " ".join(_job_lines(job)[0].split())))
        return 0
    if not jobs:
        which = " or ".join(args.state) if args.state else "any"
        print(f"no print jobs ({which} state) in {args.data_dir}")
        return 0
    for job in jobs:
        print("\n".join(_job_lines(job)))
    waiting = sum(1 for job in jobs if job.needs_operator)
    if waiting:
        print(
            f"{waiting} badge(s) sent but unconfirmed: look at the printer, then"
            " `doorline station print-job confirm JOB` or `print-job retry JOB --yes`"
        )
    return 0


def run_print_job(args: argparse.Namespace) -> int:
    from printing.errors import BadgeRefused, NoSuchJob, PrintingError

    station, queue = _with_queue(args.data_dir)
    try:
        try:
            job = queue.find_job(args.job)
            return _act(queue, job, args)
        except NoSuchJob as error:
            raise CliError(str(error)) from None
        except BadgeRefused as refusal:
            print(f"refused: {refusal}", file=sys.stderr)
            return 1
        except PrintingError as error:
            raise CliError(str(error)) from None
    finally:
        queue.stop()
        station.replica.close()


def _act(queue: Any, job: Any, args: argparse.Namespace) -> int:
    from printing.print_queue import JobState

    if args.action == "confirm":
        if job.state is JobState.DONE:
            print(
                f"refused: job {job.id[:8]} is done already (logged as printed once):"
                " nothing to confirm",
                file=sys.stderr,
            )
            return 1
        done = queue.confirm_printed(job.id)
        detail = f"badge for ticket {done.ticket_id} confirmed printed on {done.printer}; logged"
        print(job_json(done, detail) if args.json else detail)
        return 0
    if args.action == "cancel":
        cancelled = queue.cancel(job.id)
        detail = f"job {job.id[:8]} for ticket {job.ticket_id} cancelled; nothing logged as printed"
        print(job_json(cancelled, detail) if args.json else detail)
        return 0
    if job.state is JobState.UNCONFIRMED and not args.yes:
        print(
            f"refused: job {job.id[:8]} was sent to {job.printer} and may have printed"
            f" ({job.last_error}). Look at the printer: if the badge came out, run"
            f" `doorline station print-job confirm {job.id[:8]}`; if it did not, run this"
            " again with --yes to print it again",
            file=sys.stderr,
        )
        return 1
    retried = queue.retry(job.id)
    return report_attempt(queue, queue.print_now(retried.id), args.json)
