"""`doorline server ...`: the central side, run by operators before and after the event."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.cli.verdict_output import print_json
from kiosk.domain.bundle import write_bundle
from kiosk.domain.ticket_codec import KeyAlgorithm
from server_stub.bundle_stations import record_bundle_export
from server_stub.seeding import seed_event, write_codes_csv
from server_stub.store import ServerStore, StoreError

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups


def register(groups: CliGroups) -> None:
    seed = groups.server.add_parser("seed", help="create an event with keys and N tickets")
    seed.add_argument("--db", required=True, type=Path, help="server database file")
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
    export.add_argument("--db", required=True, type=Path)
    export.add_argument("--event", required=True, type=int)
    export.add_argument("--out", required=True, type=Path)
    export.add_argument("--passphrase-file", type=Path, help="encrypt with this passphrase")
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=run_export)


def open_store(path: Path, must_exist: bool = True) -> ServerStore:
    if must_exist and not path.exists():
        raise CliError(f"no server database at {path}")
    try:
        return ServerStore(path)
    except Exception as error:  # sqlite3 errors, newer schema
        raise CliError(f"cannot open server database {path}: {error}") from error


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
    store = open_store(args.db)
    passphrase = read_passphrase(args.passphrase_file)
    try:
        snapshot = store.snapshot(args.event)
        snapshot["bundle_id"] = record_bundle_export(store, args.event, args.out.name)
    except StoreError as error:
        raise CliError(str(error)) from error
    try:
        write_bundle(args.out, snapshot, passphrase)
    except OSError as error:
        raise CliError(f"cannot write {args.out}: {error.strerror}") from error
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
