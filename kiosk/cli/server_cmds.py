"""`doorline server ...`: the central side, run by operators before and after the event."""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.cli.verdict_output import print_json
from kiosk.domain.ticket_codec import KeyAlgorithm

# The server's storage (and FastAPI's pydantic with it) is imported by the commands that open
# a server database, not by every `doorline` start: a station command never needs it.
if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups
    from server_stub.storage.server_storage import SqlServerStorage


def register(groups: CliGroups) -> None:
    seed = groups.server.add_parser("seed", help="create an event with keys and N tickets")
    add_db_argument(seed)
    seed.add_argument("--event-name", required=True)
    seed.add_argument("--tickets", required=True, type=int)
    seed.add_argument("--out", required=True, type=Path, help="CSV of the issued codes")
    seed.add_argument(
        "--algorithm",
        choices=[a.value for a in KeyAlgorithm],
        default=KeyAlgorithm.HMAC_SHA256.value,
    )
    seed.add_argument("--timezone", default="UTC")
    seed.add_argument("--json", action="store_true")
    seed.set_defaults(func=run_seed)

    export = groups.server.add_parser("export", help="write an offline provisioning bundle")
    add_db_argument(export)
    export.add_argument("--event", required=True, type=int)
    export.add_argument("--out", required=True, type=Path)
    export.add_argument("--passphrase-file", type=Path, help="encrypt with this passphrase")
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=run_export)

    move = groups.server.add_parser(
        "migrate", help="copy events between server databases (SQLite file <-> PostgreSQL)"
    )
    move.add_argument("--from", dest="source", required=True, metavar="DB")
    move.add_argument("--to", dest="target", required=True, metavar="DB")
    move.add_argument("--event", type=int, help="only this event (default: every event)")
    move.add_argument("--json", action="store_true")
    move.set_defaults(func=run_migrate)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """`--db DB` as every `doorline server ...` command takes it (PRODUCT §8)."""
    parser.add_argument(
        "--db", required=True, metavar="DB", help="server database: a SQLite file or a "
        "postgresql://USER@HOST/NAME URL"
    )  # fmt: skip


def open_store(db: str | Path, must_exist: bool = True) -> SqlServerStorage:
    """The server database `--db` names; CliError (exit 2, one line) when it cannot be
    opened. A SQLite file must exist unless the command creates it (`must_exist=False`)."""
    from server_stub.storage import StoreError, is_postgres_url, open_storage

    if not is_postgres_url(db) and must_exist and not Path(db).exists():
        raise CliError(f"no server database at {db}")
    try:
        return open_storage(db)
    except StoreError as error:  # newer schema, unreachable server: already in words
        raise CliError(str(error)) from error
    except Exception as error:  # a damaged file, a refused login
        raise CliError(f"cannot open server database {shown_db(db)}: {error}") from error


def shown_db(db: str | Path) -> str:
    """The database as messages may show it: a PostgreSQL URL without its password."""
    from server_stub.storage import is_postgres_url

    if is_postgres_url(db):
        from server_stub.storage.postgres_database import public_location

        return public_location(str(db))
    return str(db)


def read_passphrase(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        value = path.read_bytes().rstrip(b"\r\n")
    except OSError as error:
        raise CliError(f"cannot read passphrase file {path}: {error.strerror}") from error
    if not value:
        raise CliError(f"passphrase file {path} is empty")
    return value


def run_seed(args: argparse.Namespace) -> int:
    from server_stub.seeding import seed_event, write_codes_csv

    if args.tickets < 1:
        raise CliError("--tickets must be at least 1")
    store = open_store(args.db, must_exist=False)
    result = seed_event(
        store, args.event_name, args.tickets, KeyAlgorithm(args.algorithm), args.timezone
    )
    try:
        write_codes_csv(args.out, result.tickets)
    except OSError as error:
        raise CliError(f"cannot write {args.out}: {error.strerror}") from error
    if args.json:
        print_json(
            {
                "event_id": result.event_id,
                "tickets": len(result.tickets),
                "codes_csv": str(args.out),
            }
        )
    else:
        print(result.event_id)
        print(
            f"{len(result.tickets)} tickets for '{args.event_name}', codes in {args.out}",
            file=sys.stderr,
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from kiosk.domain.bundle import write_bundle
    from server_stub.storage import StoreError

    store = open_store(args.db)
    passphrase = read_passphrase(args.passphrase_file)
    try:
        snapshot = store.catalog.snapshot(args.event)
    except StoreError as error:
        raise CliError(str(error)) from error
    snapshot["bundle_id"] = secrets.token_hex(8)  # travels into every station it provisions
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_bundle(args.out, snapshot, passphrase)
    except OSError as error:
        raise CliError(f"cannot write {args.out}: {error.strerror}") from error
    store.bundles.record_bundle_export(args.event, snapshot["bundle_id"], args.out.name)
    if passphrase is None:
        print(
            f"warning: {args.out} is not encrypted and holds the event's ticket keys; it is "
            "readable by you only (mode 0600). Use --passphrase-file to encrypt it.",
            file=sys.stderr,
        )
    if args.json:
        print_json(
            {
                "bundle": str(args.out),
                "event_id": args.event,
                "tickets": len(snapshot["tickets"]),
                "encrypted": passphrase is not None,
            }
        )
    else:
        print(f"bundle for event {args.event} ({len(snapshot['tickets'])} tickets) in {args.out}")
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    """Copy, then check counts and log digests on both sides; exit 2 with nothing written on
    the target when the copy cannot be made."""
    from server_stub.storage import StoreError
    from server_stub.storage.transfer import transfer

    source = open_store(args.source)
    try:
        target = open_store(args.target, must_exist=False)
        try:
            report = transfer(source, target, args.event)
        except StoreError as error:
            raise CliError(str(error)) from error
        finally:
            target.close()
    finally:
        source.close()
    if args.json:
        print_json(report.to_json())
        return 0
    for event in report.events:
        print(
            f"event {event.event_id} '{event.name}': {event.rows['tickets']} tickets, "
            f"{event.rows['log']} log entries, {event.rows['stations']} stations, "
            f"{event.rows['conflicts']} conflicts copied; counts and log digest "
            f"{event.log_digest[:16]} match"
        )
    if not report.events:
        print(f"{shown_db(args.source)} holds no event; nothing to copy")
    print(f"copied to {shown_db(args.target)}", file=sys.stderr)
    return 0
