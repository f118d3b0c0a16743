"""`doorline server operator add|list|revoke`, and the record of operators' command-line actions.

An operator account is a person with a role (viewer, operator, admin) and a login token shown
once; see docs/sync-protocol.md, "Credentials and roles". Every server command that changes
something is recorded in the server's operator action record (who ran it, when, what), which
`doorline server report` shows.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.cli.server_cmds import add_db_argument, open_store
from kiosk.cli.verdict_output import print_json
from kiosk.domain.hlc import wall_ms_now
from server_stub.storage import NotFound, is_postgres_url
from server_stub.storage.interface import OperatorError, Operators, Role

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups

DAY_MS = 24 * 3600 * 1000


def register(groups: CliGroups) -> None:
    operator = groups.server.add_parser(
        "operator", help="operator accounts: people who read, revoke and manage over HTTP"
    )
    commands = operator.add_subparsers(dest="operator_command", metavar="ACTION", required=True)
    add = commands.add_parser("add", help="create an account; prints its login token once")
    add_db_argument(add)
    add.add_argument("--name", required=True, help="the person's name, unique among active ones")
    add.add_argument("--role", required=True, choices=[str(r) for r in Role])
    add.add_argument(
        "--ttl-days", type=float, default=30.0, help="the token expires after this (default 30)"
    )
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=run_add)

    listing = commands.add_parser("list", help="every account, with its state")
    add_db_argument(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)

    revoke = commands.add_parser("revoke", help="stop accepting an operator's token at once")
    add_db_argument(revoke)
    revoke.add_argument("--name", required=True, help="the account's name (or id)")
    revoke.set_defaults(func=run_revoke)


def _accounts(args: argparse.Namespace) -> Operators:
    return open_store(args.db).operators


def _when(ms: int | None) -> str:
    if ms is None:
        return "never"
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")


def run_add(args: argparse.Namespace) -> int:
    if not 0 < args.ttl_days <= 3660:
        raise CliError("--ttl-days must be more than 0 and at most 3660")
    accounts = _accounts(args)
    try:
        issued = accounts.add(args.name, Role(args.role), int(args.ttl_days * DAY_MS))
    except OperatorError as error:
        raise CliError(str(error)) from error
    account = issued.account
    if args.json:
        print_json({**account.to_json(wall_ms_now()), "token": issued.token})
        return 0
    print(f"operator {account.name!r} ({account.role}) added; expires {_when(account.expires_ms)}")
    print("login token (shown only now; give it to that person, send it as 'Authorization:")
    print("Bearer TOKEN'):")
    print(issued.token)
    return 0


def run_list(args: argparse.Namespace) -> int:
    accounts = _accounts(args).accounts()
    now = wall_ms_now()
    for account in accounts:
        if args.json:
            print_json(account.to_json(now))
        else:
            data = account.to_json(now)
            print(
                f"{account.name:<24} {account.role!s:<9} {data['state']!s:<8} "
                f"expires {_when(account.expires_ms)}  last seen {_when(account.last_seen_ms)}"
            )
    if not accounts and not args.json:
        print("no operator accounts; add one with `doorline server operator add`", file=sys.stderr)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    try:
        account = _accounts(args).revoke(args.name)
    except NotFound as error:
        raise CliError(str(error)) from error
    print(f"operator {account.name!r} revoked: their token no longer works")
    return 0


# -- the record of command-line actions ---------------------------------------------------------

# Server commands that only read: not recorded. Everything else that succeeds is.
_READ_ONLY = frozenset({"run", "report", "tickets"})


def _changes_something(args: argparse.Namespace) -> bool:
    command = getattr(args, "server_command", None)
    if command is None or command in _READ_ONLY or getattr(args, "dry_run", False):
        return False
    if command == "conflicts":
        return bool(getattr(args, "ack", None))
    if command == "operator":
        return getattr(args, "operator_command", "") != "list"
    if command == "event":
        return getattr(args, "event_command", "") not in ("show", "")
    return True


def record_cli_action(args: argparse.Namespace, argv: list[str]) -> None:
    """After a successful `doorline server ...` that changed something: who (the login and host
    that ran it), when, what (the command, without the database path). A record that cannot be
    written is said on stderr; the command itself already succeeded."""
    if getattr(args, "command", None) != "server" or not _changes_something(args):
        return
    db = getattr(args, "db", None)
    if db is None or (not is_postgres_url(db) and not Path(db).exists()):
        return
    action = str(args.server_command)
    sub = next(
        (
            getattr(args, name)
            for name in ("operator_command", "event_command", "attendee_command")
            if getattr(args, name, None)
        ),
        None,
    )
    if sub:
        action = f"{action} {sub}"
    detail = " ".join(_without_db(argv))
    event = getattr(args, "event", None)
    who = local_operator()
    try:
        storage = open_store(db)
        try:
            storage.operators.record(
                who, "cli", action, event if isinstance(event, int) else None, detail
            )
        finally:
            storage.close()
    except Exception as error:  # the action is done; only its record failed
        print(f"doorline: warning: could not record this action: {error}", file=sys.stderr)


def local_operator() -> str:
    """Who runs this command: the login and host ("anna@laptop"), or "unknown"."""
    try:
        return f"{getpass.getuser()}@{socket.gethostname()}"
    except (KeyError, OSError):
        return "unknown"


def _without_db(argv: list[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for word in argv:
        if skip:
            skip = False
            continue
        if word == "--db":
            skip = True
            continue
        if word.startswith("--db="):
            continue
        out.append(word)
    return out
