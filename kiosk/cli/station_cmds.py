"""`doorline station ...`: provision one station, scan from the shell, check its state."""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.errors import CliError
from kiosk.cli.server_cmds import read_passphrase
from kiosk.cli.verdict_output import outcome_line, print_json, print_outcome
from kiosk.core.station import Station, open_station, provision
from kiosk.core.station_setup import UnknownGate, choose_gate, new_identity
from kiosk.domain.bundle import BundleError, read_bundle
from kiosk.domain.clock_offset import clock_problem
from kiosk.domain.hlc import wall_of
from kiosk.domain.verdicts import Direction
from kiosk.station_store import (
    DB_FILENAME,
    ReplicaError,
    StationDamaged,
    StorageFull,
    inspect_file,
)

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups


def register(groups: CliGroups) -> None:
    init = groups.station.add_parser("init", help="provision this station (bundle or server)")
    init.add_argument("--data-dir", required=True, type=Path)
    source = init.add_mutually_exclusive_group(required=True)
    source.add_argument("--bundle", type=Path, help="offline provisioning bundle")
    source.add_argument("--server", help="server URL, with --token")
    init.add_argument("--token", help="one-time provisioning token from the operator")
    init.add_argument("--gate", help="gate/check-in list id (default: the first gate)")
    init.add_argument(
        "--name",
        help="station name shown to operators (default: the name the token was made for, "
        "or the host name for a bundle)",
    )
    init.add_argument("--passphrase-file", type=Path, help="passphrase of an encrypted bundle")
    init.add_argument(
        "--admit-unlisted",
        action="store_true",
        help="admit genuine tickets not on the list even before the first download completes "
        "(default: refuse them until then, the list is known to be incomplete)",
    )
    init.add_argument("--json", action="store_true")
    init.set_defaults(func=run_init)

    scan = groups.station.add_parser("scan", help="validate and record one code")
    scan.add_argument("--data-dir", required=True, type=Path)
    scan.add_argument("code")
    scan.add_argument("--exit", action="store_true", help="record an exit instead of an entry")
    scan.add_argument("--json", action="store_true")
    scan.set_defaults(func=run_scan)

    status = groups.station.add_parser("status", help="counts, last entries, log chain check")
    status.add_argument("--data-dir", required=True, type=Path)
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=run_status)

    conflicts = groups.station.add_parser(
        "conflicts", help="double admissions this station knows of, stations by name"
    )
    conflicts.add_argument("--data-dir", required=True, type=Path)
    conflicts.add_argument("--open", action="store_true", help="only unacknowledged conflicts")
    conflicts.add_argument("--json", action="store_true")
    conflicts.set_defaults(func=run_conflicts)

    verify = groups.station.add_parser("verify-log", help="check the tamper-evident log chain")
    verify.add_argument("--data-dir", required=True, type=Path)
    verify.add_argument("--json", action="store_true")
    verify.add_argument(
        "--online",
        action="store_true",
        help="also compare with the server's copy of this log (catches a deleted tail or a "
        "re-hashed chain)",
    )
    verify.set_defaults(func=run_verify_log)


def load_station(data_dir: Path) -> Station:
    try:
        return open_station(data_dir)
    except ReplicaError as error:
        raise CliError(str(error)) from error


def run_init(args: argparse.Namespace) -> int:
    # From a server, an existing station whose first download was interrupted is resumed
    # (sync.provisioning refuses any other existing station); a bundle needs an empty place.
    if (args.data_dir / DB_FILENAME).exists() and not (
        args.server and _first_download_interrupted(args.data_dir)
    ):
        raise CliError(_already_provisioned(args.data_dir))
    if args.server:
        if not args.token:
            raise CliError("--server needs --token (ask the operator for a one-time token)")
        if not args.server.strip().startswith(("http://", "https://")):
            raise CliError(
                f"--server must be an http:// or https:// address (e.g. "
                f"http://192.168.1.10:8765), not {args.server!r}"
            )
        station = _init_from_server(args, args.name)  # None: the name the token was made for
    else:
        station = _init_from_bundle(args, args.name or socket.gethostname())
    summary = _identity_summary(station)
    if args.json:
        print_json(summary)
    else:
        print(
            f"station '{summary['name']}' ready for event {summary['event_id']} at gate "
            f"'{summary['gate']}' with {summary['tickets']} tickets"
        )
    return 0


def _first_download_interrupted(data_dir: Path) -> bool:
    """A station provisioned from a server whose first download has not completed."""
    try:
        station = open_station(data_dir)
    except Exception:  # unreadable: the plain refusal says enough
        return False
    try:
        return station.identity.server_url is not None and not station.first_download_complete()
    finally:
        station.replica.close()


def _already_provisioned(data_dir: Path) -> str:
    """Why init refuses a used directory; a bundle station is told how to keep its log."""
    try:
        station = open_station(data_dir)
    except Exception:  # unreadable or half-provisioned: the plain refusal says enough
        return f"{data_dir} already holds a station; use an empty data directory"
    try:
        if station.identity.server_url is None:
            entries = len(station.replica.station_entries(station.identity.station_id))
            return (
                f"{data_dir} holds a station provisioned from a bundle, with {entries} log "
                f"entries; to connect it to a server, first bring its log home (doorline station "
                f"export-log --data-dir {data_dir} --out FILE, then doorline server import-log "
                "--db DB FILE), then provision into an empty data directory"
            )
        return f"{data_dir} already holds a station; use an empty data directory"
    finally:
        station.replica.close()


def _init_from_bundle(args: argparse.Namespace, name: str) -> Station:
    try:
        snapshot = read_bundle(args.bundle, read_passphrase(args.passphrase_file))
    except BundleError as error:
        raise CliError(str(error)) from error
    gate = pick_gate(snapshot, args.gate)
    identity = new_identity(int(snapshot["event"]["id"]), name, gate)
    existed = args.data_dir.exists()
    try:
        return provision(args.data_dir, identity, snapshot)
    except (ReplicaError, OSError, ValueError) as error:
        _remove_partial_station(args.data_dir, existed)
        raise CliError(f"cannot provision {args.data_dir} from {args.bundle}: {error}") from error


def _remove_partial_station(data_dir: Path, existed: bool) -> None:
    """A failed init leaves nothing behind: the folder it created, or the station files it
    wrote into a folder that was there (and empty) before."""
    if not existed:
        shutil.rmtree(data_dir, ignore_errors=True)
        return
    for leftover in data_dir.glob(DB_FILENAME + "*"):
        leftover.unlink(missing_ok=True)


def _init_from_server(args: argparse.Namespace, name: str | None) -> Station:
    from sync.errors import SyncError
    from sync.provisioning import ProvisioningError, provision_from_server

    try:
        return provision_from_server(
            args.data_dir,
            args.server,
            args.token,
            args.gate,
            name,
            admit_unlisted=args.admit_unlisted,
        )
    except (ProvisioningError, SyncError) as error:  # SyncError: e.g. not a server address
        raise CliError(str(error)) from error
    except (ReplicaError, OSError) as error:  # the station's own disk: full, not writable
        raise CliError(f"cannot provision {args.data_dir}: {error}") from error


def pick_gate(snapshot: dict[str, Any], wanted: str | None) -> str:
    try:
        return choose_gate((g["id"] for g in snapshot.get("gates", [])), wanted)
    except UnknownGate as error:
        raise CliError(str(error)) from error


def _identity_summary(station: Station) -> dict[str, Any]:
    ident = station.identity
    return {
        "station_id": ident.station_id,
        "name": ident.name,
        "event_id": ident.event_id,
        "gate": ident.gate_id,
        "server": ident.server_url,
        "tickets": station.replica.counts().tickets,
    }


def run_scan(args: argparse.Namespace) -> int:
    station = load_station(args.data_dir)
    direction = Direction.EXIT if args.exit else Direction.ENTRY
    try:
        outcome = station.scan(args.code, direction, method="cli")
    except StorageFull as error:
        raise CliError(str(error)) from error
    print_outcome(outcome, args.json)
    return 0 if outcome.verdict.lets_through else 1


def run_status(args: argparse.Namespace) -> int:
    station = load_station(args.data_dir)
    replica = station.replica
    verdicts = replica.verdict_counts(station.station_id)
    chain = station.verify_chain()
    entries = replica.station_entries(station.station_id, last=5)
    counters = station.counters()
    offset = replica.clock_offset()
    status = {
        **_identity_summary(station),
        "counts": replica.counts().to_json(),
        "verdicts": verdicts,
        "inside": counters.inside,
        "unpushed": replica.unpushed_count(station.station_id),
        "last_sync_ms": replica.get_state("last_sync_ms"),
        "clock_offset_ms": offset.offset_ms if offset else None,
        "first_download_complete": station.first_download_complete(),
        "identity_clash": station.identity_clash(),
        "refused_by_server": [
            {"seq": e.seq, "action": str(e.action), "ticket_id": e.ticket_id, "reason": why}
            for e, why in station.refused_by_server()
        ],
        "chain_ok": chain.ok,
        "chain_problem": chain.problem or None,
        "chain_keyed_from": chain.keyed_from,
        "last_entries": [
            {
                "seq": e.seq,
                "action": str(e.action),
                "verdict": e.verdict and str(e.verdict),
                "ticket_id": e.ticket_id,
                "wall_ms": e.wall_ms,
                "detail": e.detail,
            }
            for e in entries
        ],
    }
    if args.json:
        print_json(status)
        return 0
    print(
        f"station {status['name']} ({status['station_id']}) — event {status['event_id']}, "
        f"gate {status['gate']}"
    )
    print(
        f"tickets {status['counts']['tickets']}, inside now {status['inside']}, "
        f"log entries {status['counts']['log_entries']}, not yet synced {status['unpushed']}"
    )
    for verdict, count in sorted(verdicts.items()):
        print(f"  {verdict:<19} {count}")
    if not status["first_download_complete"]:
        print(
            "the first download is not complete: the ticket list is partial, and genuine "
            "tickets not on it are refused; run 'doorline station sync' to finish it"
        )
    if status["identity_clash"]:
        print(f"NOT ON THE SERVER: {status['identity_clash']}")
    for refused in status["refused_by_server"]:
        print(
            f"entry #{refused['seq']} ({refused['action']}, ticket {refused['ticket_id']}) "
            f"refused by the server: {refused['reason']}"
        )
    skew = clock_problem(offset.offset_ms if offset else None)
    if skew:
        print(f"clock: {skew}")
    print(
        f"log chain: ok, {chain.rule_words()}"
        if chain.ok
        else f"log chain: BROKEN at entry {chain.first_bad_seq}: {chain.problem}"
    )
    for e in entries:
        print(f"  #{e.seq} {e.action} {e.verdict or ''} ticket {e.ticket_id} — {e.detail}")
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    """The station's conflicts: each ticket admitted twice, by which station (name and gate)
    and when; stations this one has not heard of are said to be unknown, with their id."""
    station = load_station(args.data_dir)
    replica = station.replica
    rows: list[dict[str, Any]] = []
    for c in replica.conflicts():
        if args.open and c.acknowledged_entry_id:
            continue
        ticket = replica.ticket(c.ticket_id)
        rows.append(
            {
                "id": c.id,
                "ticket_id": c.ticket_id,
                "name": ticket.display_name if ticket else "",
                "first_station": replica.station_label(c.first_station, c.first_gate).english(),
                "first_ms": wall_of(c.first_hlc),
                "second_station": replica.station_label(c.second_station, c.second_gate).english(),
                "second_ms": wall_of(c.second_hlc),
                "acknowledged": bool(c.acknowledged_entry_id),
            }
        )
    if args.json:
        for row in rows:
            print_json(row)
        return 0
    if not rows:
        print("no conflicts")
    for row in rows:
        state = "acknowledged" if row["acknowledged"] else "OPEN"
        print(
            f"{row['id']}  ticket {row['ticket_id']} {row['name']}: admitted at "
            f"{row['first_station']} {_clock(row['first_ms'])}, then at {row['second_station']}"
            f" {_clock(row['second_ms'])}  {state}"
        )
    return 0


def _clock(wall_ms: int) -> str:
    return datetime.fromtimestamp(wall_ms / 1000).strftime("%Y-%m-%d %H:%M")


def run_verify_log(args: argparse.Namespace) -> int:
    """The chain of this station's log, after a full check of the file: a damaged file is
    told with the rows and pages SQLite finds (stdout), the words on stderr, exit 2."""
    try:
        station = open_station(args.data_dir, check=False)
    except StationDamaged:
        path = args.data_dir / DB_FILENAME
        problems = inspect_file(path) or ["it cannot be opened as a station"]
    except ReplicaError as error:
        raise CliError(str(error)) from error
    else:
        path = station.replica.path
        problems = station.replica.damage(thorough=True)
        if problems:
            station.replica.close()
    if problems:
        for problem in problems:
            print(f"damaged: {problem}")
        raise CliError(str(StationDamaged(path, problems[0], problems)))
    report = station.verify_chain()
    problems, notes = _compare_with_server(station) if args.online else ([], [])
    for line in [*problems, *notes]:
        print(f"server copy: {line}", file=sys.stderr)
    if problems and report.ok:
        return 1
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "first_bad_seq": report.first_bad_seq,
                "problem": report.problem or None,
                "keyed_from": report.keyed_from,
            }
        )
    elif report.ok:
        print(f"log chain ok: {report.entries} entries, {report.rule_words()}")
    else:
        print(
            f"log chain BROKEN at entry {report.first_bad_seq}: {report.problem}", file=sys.stderr
        )
    return 0 if report.ok else 1


def _compare_with_server(station: Station) -> tuple[list[str], list[str]]:
    """What the server's copy of this station's log shows that the chain alone cannot: a
    deleted tail, an entry edited and the chain re-hashed, upload flags reset."""
    from sync.client import SyncClient
    from sync.errors import SyncError

    identity = station.identity
    if not identity.server_url or not identity.credential:
        raise CliError("this station was provisioned from a bundle: there is no server copy")
    try:
        with SyncClient(identity.server_url, identity.credential) as client:
            anchor = client.anchor(identity.event_id)
    except SyncError as error:
        raise CliError(f"cannot compare with the server: {error}") from error
    last_seq, last_hash = int(anchor.get("last_seq", 0)), str(anchor.get("last_hash", ""))
    if not last_seq:
        return [], []
    top, here, unpushed = station.replica.compare_with_anchor(identity.station_id, last_seq)
    problems = []
    if top < last_seq:
        problems.append(
            f"the server holds entries up to #{last_seq}, but this log ends at #{top}: "
            f"{last_seq - top} entries were deleted here"
        )
    elif here != last_hash:
        problems.append(
            f"entry #{last_seq} differs from the server's copy: the log was edited and its "
            "chain computed again"
        )
    notes = []
    if unpushed:
        notes.append(
            f"{unpushed} entries the server already holds are marked as not uploaded here "
            "(the upload flag was reset, or an answer was lost; the next sync sends them as "
            "duplicates)"
        )
    return problems, notes


__all__ = ["load_station", "outcome_line", "pick_gate", "register"]
