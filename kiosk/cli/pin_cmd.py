"""`doorline server pin --db DB --event ID`: set or change an event's operator PIN.

The PIN is read from the terminal (typed twice, not shown) or, when stdin is not a terminal,
from its first line — never from the command line, which the operator action record and the
shell history keep. Stations receive the PIN's verifier with their next sync (bundles carry
it from their export on); station-made overrides and conflict acknowledgements are stored only
when signed with the current PIN (docs/sync-protocol.md, "Operator entries need the PIN").
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.cli.server_cmds import add_db_argument, open_store
from kiosk.cli.verdict_output import print_json
from kiosk.domain.pin_signature import PinFormatError, pin_problem
from server_stub.storage import NotFound

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups


def register(groups: CliGroups) -> None:
    pin = groups.server.add_parser(
        "pin",
        help="set an event's operator PIN (read from the terminal or stdin, never an argument)",
    )
    add_db_argument(pin)
    pin.add_argument("--event", required=True, type=int)
    pin.add_argument("--json", action="store_true")
    pin.set_defaults(func=run_pin)


def _read_pin() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("New operator PIN (digits): ")
        if getpass.getpass("The same PIN again: ") != first:
            raise CliError("the two PINs differ; nothing was changed")
        return first.strip()
    line = sys.stdin.readline()
    if not line:
        raise CliError("no PIN on stdin: pipe it in (echo 482913 | doorline server pin ...)")
    return line.strip()


def run_pin(args: argparse.Namespace) -> int:
    pin = _read_pin()
    problem = pin_problem(pin)
    if problem is not None:
        raise CliError(f"{problem}; nothing was changed")
    storage = open_store(args.db)
    try:
        storage.catalog.event(args.event)
        verifier = storage.pins.set_pin(args.event, pin)
    except NotFound as error:
        raise CliError(str(error)) from error
    except PinFormatError as error:
        raise CliError(str(error)) from error
    finally:
        storage.close()
    if args.json:
        print_json({"event_id": args.event, "version": verifier.version})
        return 0
    print(
        f"operator PIN set for event {args.event} (version {verifier.version}). Stations "
        "learn it with their next sync (bundles exported from now on carry it); overrides and "
        "acknowledgements signed with an earlier PIN are refused from now on."
    )
    return 0
