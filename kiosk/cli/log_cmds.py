"""A USB-stick station's log comes home: `station export-log` and `server import-log`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.cli.server_cmds import add_db_argument, open_store
from kiosk.cli.station_cmds import load_station
from kiosk.cli.verdict_output import print_json
from kiosk.core.station import BUNDLE_STATE_KEY
from kiosk.domain.hlc import wall_ms_now
from kiosk.domain.station_log_file import (
    MAX_LOG_FILE_BYTES,
    LogFileError,
    StationLogFile,
    decode_log_file,
    encode_log_file,
)

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups


def register(groups: CliGroups) -> None:
    export = groups.station.add_parser(
        "export-log", help="write this station's whole log to a file (USB stick → server)"
    )
    export.add_argument("--data-dir", required=True, type=Path)
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=run_export_log)

    imp = groups.server.add_parser(
        "import-log", help="merge a station's exported log, exactly as a push would"
    )
    add_db_argument(imp)
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=run_import_log)


def run_export_log(args: argparse.Namespace) -> int:
    station = load_station(args.data_dir)
    identity = station.identity
    entries = tuple(station.replica.station_entries(identity.station_id))
    log = StationLogFile(
        station_id=identity.station_id,
        station_name=identity.name,
        event_id=identity.event_id,
        gate_id=identity.gate_id,
        bundle_id=station.replica.get_state(BUNDLE_STATE_KEY),
        exported_ms=wall_ms_now(),
        entries=entries,
        head_hash=entries[-1].hash if entries else "0" * 64,
    )
    station.replica.close()
    data = encode_log_file(log)
    tmp = args.out.with_name(f".{args.out.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, args.out)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise CliError(f"cannot write {args.out}: {error.strerror}") from error
    summary = {
        "file": str(args.out),
        "station_id": log.station_id,
        "entries": len(entries),
        "head_hash": log.head_hash,
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"{len(entries)} log entries of station '{log.station_name}' written to {args.out}; "
            f"on the server: doorline server import-log --db DB {args.out.name}"
        )
    return 0


def run_import_log(args: argparse.Namespace) -> int:
    from server_stub.storage import StoreError  # the server's storage only when a command runs

    try:
        if args.file.stat().st_size > MAX_LOG_FILE_BYTES:
            raise CliError(f"{args.file}: larger than any station log")
        raw = args.file.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{args.file}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{args.file}: is a directory, not a station log") from None
    except OSError as error:
        raise CliError(f"{args.file}: cannot read it ({error.strerror})") from None
    try:
        log = decode_log_file(raw)
    except LogFileError as error:
        raise CliError(f"{args.file}: {error}; nothing was merged") from error
    store = open_store(args.db)
    try:
        result = store.bundles.import_station_log(log)
    except StoreError as error:
        raise CliError(f"{args.file}: {error}") from error
    finally:
        store.close()
    summary = {
        "station_id": result.station_id,
        "station": result.station_name,
        "new_station": result.new_station,
        "entries": result.entries,
        "accepted": result.accepted,
        "duplicate": result.duplicate,
        "rejected": [{"id": i, "reason": r} for i, r in result.rejected],
        "gaps": [{"first": g.first, "last": g.last} for g in result.gaps],
        "conflicts_touched": result.conflicts_touched,
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"station '{result.station_name}': {result.entries} entries, {result.accepted} new, "
            f"{result.duplicate} already known, {len(result.rejected)} rejected; "
            f"{result.conflicts_touched} conflicts touched"
        )
        for entry_id, reason in result.rejected:
            print(f"  rejected {entry_id}: {reason}", file=sys.stderr)
        for gap in result.gaps:
            print(f"  missing entries {gap.first}..{gap.last} of this station", file=sys.stderr)
    return 0
