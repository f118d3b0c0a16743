"""`doorline server event apply|show`: the event as a file (docs/event-file.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.cli.server_cmds import add_db_argument, open_store
from kiosk.cli.verdict_output import print_json
from server_stub.event_file import EventFileError, event_toml, read_event_file

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups


def register(groups: CliGroups) -> None:
    event = groups.server.add_parser("event", help="create, update or show an event file")
    commands = event.add_subparsers(dest="event_command", metavar="SUBCOMMAND", required=True)
    apply = commands.add_parser("apply", help="create or update an event from a TOML file")
    add_db_argument(apply)
    apply.add_argument("file", type=Path, metavar="EVENT.toml")
    apply.add_argument("--json", action="store_true")
    apply.set_defaults(func=run_apply)
    show = commands.add_parser("show", help="print an event as its TOML file")
    add_db_argument(show)
    show.add_argument("--event", required=True, type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)


def run_apply(args: argparse.Namespace) -> int:
    from server_stub.storage import StoreError  # the server's storage only when a command runs

    try:
        spec = read_event_file(args.file)
    except EventFileError as error:
        raise CliError(str(error)) from error
    store = open_store(args.db, must_exist=spec.id is not None)
    try:
        result = store.event_files.apply_event(spec)
    except StoreError as error:
        raise CliError(f"{args.file}: {error}") from error
    finally:
        store.close()
    if args.json:
        print_json(
            {"event_id": result.event_id, "created": result.created, "changed": result.changed}
        )
        return 0
    print(result.event_id)
    if result.created:
        print(
            f"created event '{spec.name}'; add `id = {result.event_id}` under [event] in "
            f"{args.file} so the next apply updates it",
            file=sys.stderr,
        )
    elif result.changed:
        for line in result.changed:
            print(f"changed: {line}", file=sys.stderr)
        print("stations receive the new rules with their next sync", file=sys.stderr)
    else:
        print("nothing changed", file=sys.stderr)
    return 0


def run_show(args: argparse.Namespace) -> int:
    from server_stub.storage import StoreError

    store = open_store(args.db)
    try:
        spec = store.event_files.event_spec(args.event)
    except StoreError as error:
        raise CliError(str(error)) from error
    finally:
        store.close()
    text = event_toml(spec)
    if args.json:
        print_json({"event_id": args.event, "toml": text})
    else:
        sys.stdout.write(text)
    return 0
