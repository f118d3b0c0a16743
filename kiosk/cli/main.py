"""`doorline`: the operators' command line (names fixed by PRODUCT §8).

Each command group lives in its own module exposing `register(groups)`; a command's parser sets
`func`, which takes the parsed arguments and returns the exit status:
0 admitted/exit or success, 1 a refusal, 2 a usage or environment error.

`COMMANDS` lists every command's name and one-line help, so `doorline --help` and
`doorline server --help` need no command module; a module is imported (and registers its
commands' arguments) only when one of its commands is chosen. Importing all of them costs every
`doorline` process ~0.4 s of CPU (pydantic and the server's storage, numpy and OpenCV) that a
single command mostly never uses.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from kiosk.cli.errors import CliError


@dataclass(frozen=True)
class Command:
    """One command as its group lists it: where it sits, its name and help, and its module."""

    group: str  # "top", "server" or "station"
    name: str
    help: str
    module: str


# In the order `doorline --help` and `doorline server|station --help` list them;
# tests/test_cli_command_list.py keeps this list equal to what the modules register.
COMMANDS = (
    Command(
        "top",
        "printers",
        "list CUPS printers and the station's configured printers, with health",
        "kiosk.cli.print_cmds",
    ),
    Command(
        "top", "kiosk", "open the door-station or self-check-in window", "kiosk.cli.kiosk_cmds"
    ),
    Command("top", "demo", "server + seeded event + station + door window", "kiosk.cli.kiosk_cmds"),
    Command("server", "seed", "create an event with keys and N tickets", "kiosk.cli.server_cmds"),
    Command("server", "export", "write an offline provisioning bundle", "kiosk.cli.server_cmds"),
    Command(
        "server",
        "migrate",
        "copy events between server databases (SQLite file <-> PostgreSQL)",
        "kiosk.cli.server_cmds",
    ),
    Command("server", "event", "create, update or show an event file", "kiosk.cli.event_cmds"),
    Command(
        "server",
        "import",
        "import attendees from a ticket shop's CSV/XLSX export",
        "kiosk.cli.attendee_cmds",
    ),
    Command(
        "server", "attendee", "add one attendee (late registration)", "kiosk.cli.attendee_cmds"
    ),
    Command(
        "server",
        "tickets",
        "write a ticket PDF per attendee and DIR/tickets.csv for mail-merge",
        "kiosk.cli.tickets_cmd",
    ),
    Command(
        "server",
        "import-log",
        "merge a station's exported log, exactly as a push would",
        "kiosk.cli.log_cmds",
    ),
    Command("server", "run", "run the sync server (HTTP API for stations)", "kiosk.cli.sync_cmds"),
    Command(
        "server", "station-token", "one-time token to provision a station", "kiosk.cli.sync_cmds"
    ),
    Command(
        "server", "station-revoke", "stop accepting a station's credential", "kiosk.cli.sync_cmds"
    ),
    Command("server", "revoke", "revoke a ticket (stations get it on pull)", "kiosk.cli.sync_cmds"),
    Command("server", "conflicts", "list or acknowledge conflicts", "kiosk.cli.sync_cmds"),
    Command("server", "report", "totals, conflicts, stations, gaps", "kiosk.cli.sync_cmds"),
    Command(
        "server",
        "operator",
        "operator accounts: people who read, revoke and manage over HTTP",
        "kiosk.cli.operator_cmds",
    ),
    Command(
        "server",
        "pin",
        "set an event's operator PIN (read from the terminal or stdin, never an argument)",
        "kiosk.cli.pin_cmd",
    ),
    Command(
        "station",
        "export-log",
        "write this station's whole log to a file (USB stick → server)",
        "kiosk.cli.log_cmds",
    ),
    Command(
        "station", "init", "provision this station (bundle or server)", "kiosk.cli.station_cmds"
    ),
    Command("station", "scan", "validate and record one code", "kiosk.cli.station_cmds"),
    Command("station", "status", "counts, last entries, log chain check", "kiosk.cli.station_cmds"),
    Command(
        "station",
        "conflicts",
        "double admissions this station knows of, stations by name",
        "kiosk.cli.station_cmds",
    ),
    Command(
        "station", "verify-log", "check the tamper-evident log chain", "kiosk.cli.station_cmds"
    ),
    Command(
        "station",
        "scan-video",
        "run a video file or picture folder through the camera pipeline into this station",
        "kiosk.cli.scan_video_cmd",
    ),
    Command(
        "station",
        "print-badge",
        "print one attendee's badge (logged; refused if printed before unless --reprint)",
        "kiosk.cli.print_cmds",
    ),
    Command(
        "station",
        "print-jobs",
        "list the station's badge print jobs with their state and reason",
        "kiosk.cli.print_job_cmds",
    ),
    Command(
        "station",
        "print-job",
        "confirm, retry or cancel one badge print job",
        "kiosk.cli.print_job_cmds",
    ),
    Command("station", "sync", "push this station's log, then pull, once", "kiosk.cli.sync_cmds"),
)

# Every module that registers commands, once each, in the order of COMMANDS.
COMMAND_MODULES = tuple(dict.fromkeys(command.module for command in COMMANDS))


if TYPE_CHECKING:
    _Group = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    _Group = argparse._SubParsersAction


class LazyCommands(_Group):
    """A command group that lists commands (`list_command`) before their module is imported.

    A listed command starts as a bare parser with its name and help line, which is all `--help`
    of the group and argparse's "invalid choice" need. When argparse picks the command,
    `__call__` asks `register_module` to import its module; the module's `register` then calls
    `add_parser` for the same name, which puts the command's full parser in the bare one's
    place."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listed: dict[str, Command] = {}
        self.register_module: Callable[[str], None] = lambda module: None

    def list_command(self, command: Command) -> None:
        """Takes a command of this group; adds its bare parser and its help line."""
        super().add_parser(command.name, help=command.help)
        self.listed[command.name] = command

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """A listed command's full parser, in its bare parser's place; any other name as usual.

        Raises ValueError when the module's help line is not the one COMMANDS lists, so
        `doorline --help` can never silently differ from the command's own registration."""
        listed = self.listed.get(name)
        if listed is None:
            return super().add_parser(name, **kwargs)
        if kwargs.pop("help", None) != listed.help:
            raise ValueError(f"{listed.module} gives {name!r} a help line COMMANDS does not list")
        kwargs.setdefault("prog", f"{self._prog_prefix} {name}")
        parser = self._parser_class(**kwargs)
        self._name_parser_map[name] = parser  # same key: the listed order stays
        return parser

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if values and values[0] in self.listed:
            self.register_module(self.listed[values[0]].module)
        super().__call__(parser, namespace, values, option_string)


@dataclass
class CliGroups:
    """The subparser collections a command module adds its commands to."""

    top: argparse._SubParsersAction[argparse.ArgumentParser]
    server: argparse._SubParsersAction[argparse.ArgumentParser]
    station: argparse._SubParsersAction[argparse.ArgumentParser]


def _lazy_group(parser: argparse.ArgumentParser, dest: str, metavar: str) -> LazyCommands:
    group = parser.add_subparsers(dest=dest, metavar=metavar, required=True, action=LazyCommands)
    return cast(LazyCommands, group)


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The whole command tree, built once per process: a program (or test) that calls `main`
    many times in one process reuses it. Parsing does not change the parser (each parse fills a
    new namespace) except that a command's module registers its arguments the first time the
    command is chosen, so one parser serves every call."""
    parser = argparse.ArgumentParser(
        prog="doorline", description="Offline-first check-in for event doors and kiosks."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log technical detail")
    top = _lazy_group(parser, "command", "COMMAND")
    server = top.add_parser("server", help="the central server: events, tickets, stations")
    station = top.add_parser("station", help="one door station or kiosk: provision, scan, sync")
    groups = CliGroups(
        top=top,
        server=_lazy_group(server, "server_command", "SUBCOMMAND"),
        station=_lazy_group(station, "station_command", "SUBCOMMAND"),
    )
    by_name = {"top": top, "server": groups.server, "station": groups.station}
    registered: set[str] = set()

    def register_module(module: str) -> None:
        if module not in registered:
            registered.add(module)
            importlib.import_module(module).register(groups)

    for group in by_name.values():
        cast(LazyCommands, group).register_module = register_module
    for command in COMMANDS:
        cast(LazyCommands, by_name[command.group]).list_command(command)
    return parser


def _is_database_fault(error: Exception) -> bool:
    """Takes an error a command raised; returns whether it is the station store's DatabaseFault
    (a damaged or unreadable database file). The store is imported here, not at the top: its
    package costs every `doorline` process ~90 ms, and a command that met a fault in a station
    database has imported it already."""
    from kiosk.station_store import DatabaseFault

    return isinstance(error, DatabaseFault)


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
    except KeyboardInterrupt:
        print("doorline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `doorline ... | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if not _is_database_fault(error):
            raise
        # a damaged file met where no check expected it
        whose = "station's" if getattr(args, "command", "") == "station" else "server's"
        print(
            f"doorline: the {whose} database is damaged or unreadable ({error}); nothing more "
            "was done (for a station: doorline station verify-log names the rows)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
