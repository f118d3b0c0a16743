"""`doorline`: the operators' command line (names fixed by PRODUCT §8).

Each command group lives in its own module exposing `register(groups)`; a command's parser sets
`func`, which takes the parsed arguments and returns the exit status:
0 admitted/exit or success, 1 a refusal, 2 a usage or environment error.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import os
import sys
from dataclasses import dataclass

from kiosk.cli.errors import CliError
from kiosk.station_store import DatabaseFault

COMMAND_MODULES = (
    "kiosk.cli.server_cmds",
    "kiosk.cli.event_cmds",
    "kiosk.cli.attendee_cmds",
    "kiosk.cli.tickets_cmd",
    "kiosk.cli.log_cmds",
    "kiosk.cli.station_cmds",
    "kiosk.cli.scan_video_cmd",
    "kiosk.cli.print_cmds",
    "kiosk.cli.print_job_cmds",
    "kiosk.cli.kiosk_cmds",
    "kiosk.cli.sync_cmds",
    "kiosk.cli.operator_cmds",
    "kiosk.cli.pin_cmd",
)


@dataclass
class CliGroups:
    """The subparser collections a command module adds its commands to."""

    top: argparse._SubParsersAction[argparse.ArgumentParser]
    server: argparse._SubParsersAction[argparse.ArgumentParser]
    station: argparse._SubParsersAction[argparse.ArgumentParser]


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The whole command tree, built once per process: ~40 subcommands and ~190 options cost
    ~15 ms of CPU to build, and a program (or test) that calls `main` many times in one process
    would pay that on every call. Parsing does not change the parser (each parse fills a new
    namespace), so one parser serves every call."""
    parser = argparse.ArgumentParser(
        prog="doorline", description="Offline-first check-in for event doors and kiosks."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log technical detail")
    top = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    server = top.add_parser("server", help="the central server: events, tickets, stations")
    station = top.add_parser("station", help="one door station or kiosk: provision, scan, sync")
    groups = CliGroups(
        top=top,
        server=server.add_subparsers(dest="server_command", metavar="SUBCOMMAND", required=True),
        station=station.add_subparsers(dest="station_command", metavar="SUBCOMMAND", required=True),
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(groups)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.ERROR,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        status = int(args.func(args))
        if status == 0 and args.command == "server":
            from kiosk.cli.operator_cmds import record_cli_action

            record_cli_action(args, sys.argv[1:] if argv is None else argv)
        return status
    except CliError as error:
        print(f"doorline: {error}", file=sys.stderr)
        return error.exit_code
    except DatabaseFault as error:  # a damaged file met where no check expected it
        whose = "station's" if getattr(args, "command", "") == "station" else "server's"
        print(
            f"doorline: the {whose} database is damaged or unreadable ({error}); nothing more "
            "was done (for a station: doorline station verify-log names the rows)",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("doorline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `doorline ... | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
