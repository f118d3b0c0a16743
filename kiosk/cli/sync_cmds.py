"""`doorline server run|station-token|station-revoke|revoke|conflicts|report` and
`doorline station sync`: the sync server and the station's side of it (PRODUCT §5, §8)."""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.errors import CliError
from kiosk.cli.operator_cmds import local_operator
from kiosk.cli.server_cmds import add_db_argument, open_store
from kiosk.cli.verdict_output import print_json
from kiosk.domain.counted import counted
from kiosk.domain.station_directory import KnownStation, label_station
from server_stub.storage import ServerStorage, SyncStorageError

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups


def register(groups: CliGroups) -> None:
    run = groups.server.add_parser("run", help="run the sync server (HTTP API for stations)")
    add_db_argument(run)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=_port, default=8765, help="1-65535 (default 8765)")
    run.add_argument(
        "--workers", type=int, default=1, metavar="N",
        help="server processes sharing the port (N > 1 needs PostgreSQL)",
    )  # fmt: skip
    run.set_defaults(func=run_server)

    token = groups.server.add_parser("station-token", help="one-time token to provision a station")
    add_db_argument(token)
    token.add_argument("--event", required=True, type=int)
    token.add_argument("--name", required=True, help="station name shown to operators")
    token.add_argument("--qr", type=Path, help="also write the token as a QR code PNG")
    token.add_argument(
        "--server",
        metavar="URL",
        help="the address stations reach this server at (e.g. http://192.168.1.10:8765); the"
        " QR then holds the address and the token, and the set-up screen's camera fills both",
    )
    token.add_argument("--ttl-hours", type=float, default=168.0, help="validity (default 7 days)")
    token.set_defaults(func=run_station_token)

    drop = groups.server.add_parser("station-revoke", help="stop accepting a station's credential")
    add_db_argument(drop)
    drop.add_argument("--station", required=True, help="station id")
    drop.set_defaults(func=run_station_revoke)

    revoke = groups.server.add_parser("revoke", help="revoke a ticket (stations get it on pull)")
    add_db_argument(revoke)
    revoke.add_argument("--event", required=True, type=int)
    revoke.add_argument("--ticket", required=True, type=int)
    revoke.add_argument("--reason", default="revoked by an operator")
    revoke.add_argument("--lift", action="store_true", help="lift an earlier revocation")
    revoke.set_defaults(func=run_revoke)

    conflicts = groups.server.add_parser("conflicts", help="list or acknowledge conflicts")
    add_db_argument(conflicts)
    conflicts.add_argument("--event", type=int, help="only this event")
    conflicts.add_argument("--open", action="store_true", help="only unacknowledged conflicts")
    conflicts.add_argument("--ack", metavar="CONFLICT_ID", help="acknowledge this conflict")
    conflicts.add_argument("--note", default="", help="the operator's note for --ack")
    conflicts.add_argument("--json", action="store_true")
    conflicts.set_defaults(func=run_conflicts)

    report = groups.server.add_parser("report", help="totals, conflicts, stations, gaps")
    add_db_argument(report)
    report.add_argument("--event", type=int, help="only this event")
    report.add_argument("--json", action="store_true")
    report.add_argument("--csv", type=Path, metavar="DIR", help="also write CSV files here")
    report.set_defaults(func=run_report)

    sync = groups.station.add_parser("sync", help="push this station's log, then pull, once")
    sync.add_argument("--data-dir", required=True, type=Path)
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(func=run_station_sync)


def _sync_store(db: str) -> ServerStorage:
    return open_store(db)


def run_server(args: argparse.Namespace) -> int:
    from server_stub.app import WORKERS_NEED_POSTGRES, serve
    from server_stub.storage import is_postgres_url

    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    if args.workers > 1 and not is_postgres_url(args.db):
        raise CliError(WORKERS_NEED_POSTGRES)
    _check_can_listen(args.host, args.port)
    open_store(args.db, must_exist=False).close()  # created and migrated once, before workers
    processes = f", {args.workers} processes" if args.workers > 1 else ""
    host = f"[{args.host}]" if ":" in args.host else args.host  # IPv6 in a URL: RFC 3986 §3.2.2
    print(
        f"doorline server on http://{host}:{args.port}{processes} (API docs at /docs, "
        "live dashboard at /dashboard)",
        file=sys.stderr,
    )
    serve(args.db, args.host, args.port, workers=args.workers)
    return 0


def _port(text: str) -> int:
    """argparse type for --port: a TCP port, 1-65535 (0 would listen on a port nobody knows)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def _check_can_listen(host: str, port: int) -> None:
    """Raise CliError, in words, when the server could not listen on host:port (an address not
    on this machine, a port another program holds), before the banner says it is listening;
    uvicorn would print a traceback or exit 3. Binds as uvicorn does (SO_REUSEADDR) and lets go."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as error:
        raise CliError(
            f"cannot listen on {host}:{port}: unknown host ({error.strerror})"
        ) from error
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
            probe.listen()
        except OSError as error:
            why = error.strerror or str(error)
            hint = (
                "; another program (another doorline server?) uses that port: choose another --port"
                if error.errno == errno.EADDRINUSE
                else ""
            )
            raise CliError(f"cannot listen on {host}:{port}: {why}{hint}") from error


MAX_TOKEN_TTL_HOURS = 366 * 24


def run_station_token(args: argparse.Namespace) -> int:
    if not args.name.strip():
        raise CliError(
            "--name is empty: name the station as door staff will see it (e.g. 'Door 1')"
        )
    if not 0 < args.ttl_hours <= MAX_TOKEN_TTL_HOURS:  # NaN fails too
        raise CliError(
            f"--ttl-hours must be more than 0 and at most {MAX_TOKEN_TTL_HOURS} (a year)"
        )
    server = (args.server or "").strip().rstrip("/")
    if server and not server.startswith(("http://", "https://")):
        raise CliError(f"--server must be an http:// or https:// address, not {args.server!r}")
    store = _sync_store(args.db)
    try:
        token = store.credentials.create_station_token(
            args.event, args.name, int(args.ttl_hours * 3600_000), local_operator()
        )
    except SyncStorageError as error:
        raise CliError(str(error)) from error
    if args.qr:
        import segno

        try:
            payload = f"{server} {token}" if server else token  # read by parse_token_text
            segno.make(payload, error="m").save(str(args.qr), scale=8, border=4)
        except OSError as error:
            raise CliError(f"cannot write {args.qr}: {error.strerror}") from error
    print(token)
    return 0


def run_station_revoke(args: argparse.Namespace) -> int:
    try:
        _sync_store(args.db).credentials.revoke_station(args.station)
    except SyncStorageError as error:
        raise CliError(str(error)) from error
    print(f"station {args.station} revoked; its next request will be refused")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    try:
        _sync_store(args.db).catalog.revoke(args.event, args.ticket, args.reason, not args.lift)
    except SyncStorageError as error:
        raise CliError(str(error)) from error
    state = "lifted" if args.lift else "revoked"
    print(f"ticket {args.ticket} {state}; stations get it on their next pull")
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    store = _sync_store(args.db)
    if args.ack:
        return _ack(store, args)
    if args.event is not None:
        rows = store.conflicts.conflicts(args.event, not args.open)
    else:
        rows = store.conflicts.all_conflicts(not args.open)
    if args.json:
        for row in rows:
            print_json(row)
        return 0
    if not rows:
        print("no conflicts")
    labels = _station_labels(store, {int(row["event_id"]) for row in rows})
    for row in rows:
        state = f"acknowledged: {row['ack_note']}" if row["acknowledged_entry_id"] else "OPEN"
        first = labels(row["event_id"], row["first_station"], row["first_gate"])
        second = labels(row["event_id"], row["second_station"], row["second_gate"])
        print(f"{row['id']}  ticket {row['ticket_id']}  {first} then {second}  {state}")
    return 0


def _station_labels(
    store: ServerStorage, event_ids: set[int]
) -> Callable[[int, str, str | None], str]:
    """(event, station id, gate id) -> "Door 3 (Main entrance)", for the events given."""
    stations: dict[str, KnownStation] = {}
    gates: dict[tuple[int, str], str] = {}
    for event_id in event_ids:
        for s in store.credentials.stations(event_id):
            stations[s["id"]] = KnownStation(s["id"], s["name"], s["gate_id"])
        gates.update({(event_id, g["id"]): g["name"] for g in store.catalog.gates(event_id)})

    def label(event_id: int, station_id: str, gate_id: str | None) -> str:
        known = stations.get(station_id)
        gate = gate_id or (known.gate_id if known else None)
        gate_name = gates.get((int(event_id), gate), gate) if gate else None
        return label_station(station_id, known, gate_name).english()

    return label


def _ack(store: ServerStorage, args: argparse.Namespace) -> int:
    event_id = args.event
    if event_id is None:
        match = [c for c in store.conflicts.all_conflicts(True) if c["id"] == args.ack]
        if not match:
            raise CliError(f"no conflict {args.ack}")
        event_id = match[0]["event_id"]
    try:
        entry = store.conflicts.acknowledge_conflict(
            event_id, args.ack, args.note, "server operator"
        )
    except SyncStorageError as error:
        raise CliError(str(error)) from error
    if args.json:
        print_json(entry)
    else:
        print(f"conflict {args.ack} acknowledged (log entry {entry['id']})")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from server_stub.report import build_report, summary_lines, write_csv
    from server_stub.storage import StoreError

    try:
        report = build_report(_sync_store(args.db), args.event)
    except StoreError as error:
        raise CliError(str(error)) from error
    if args.csv:
        try:
            written = write_csv(report, args.csv)
        except OSError as error:
            raise CliError(f"cannot write CSV files to {args.csv}: {error.strerror}") from error
        print(f"{len(written)} CSV files in {args.csv}", file=sys.stderr)
    if args.json:
        print_json(report.to_json())
    else:
        print("\n".join(summary_lines(report)))
    return 0


class _ProgressBar:
    """A one-line progress bar on stderr, shown only for pulls long enough to need it."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.shown = False

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if not self.enabled or not total or total < 2000:
            return
        width = 30
        filled = int(width * min(done, total) / total)
        sys.stderr.write(f"\r{phase:<5} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def run_station_sync(args: argparse.Namespace) -> int:
    from kiosk.station_store import DB_FILENAME
    from sync.engine import SyncEngine
    from sync.errors import SyncError

    if not (args.data_dir / DB_FILENAME).exists():
        raise CliError(f"no station in {args.data_dir}: provision it with 'doorline station init'")
    from kiosk.cli.station_cmds import load_station
    from kiosk.station_store import ReplicaError

    load_station(args.data_dir).replica.close()  # a damaged file: words and exit 2, first
    bar = _ProgressBar(enabled=not args.json)
    try:
        engine = SyncEngine.for_data_dir(args.data_dir, progress=bar)
    except (SyncError, ReplicaError) as error:
        raise CliError(str(error)) from error
    try:
        report = engine.sync_once()
        _mark_initial_pull_done(engine)
    except ReplicaError as error:  # damaged file, full disk: the page was not stored
        bar.finish()
        raise CliError(f"sync stopped: {error}") from error
    except SyncError as error:
        bar.finish()
        status = engine.status()
        if args.json:
            print_json({"ok": False, "error": str(error), **_status_json(status)})
        raise CliError(
            f"sync failed: {error} "
            f"({counted(status.queue_depth, 'entry waits', 'entries wait')} to upload)"
        ) from error
    else:
        status = engine.status()
    finally:
        engine.close()
    bar.finish()
    out: dict[str, Any] = {"ok": True, **report.to_json(), **_status_json(status)}
    if args.json:
        print_json(out)
    else:
        print(
            f"synced: {report.accepted} entries uploaded ({report.duplicate} already there, "
            f"{report.rejected} refused), {report.pulled_rows} changes pulled, "
            f"{report.conflicts} conflicts on touched tickets"
        )
        for gap in report.gaps:
            print(f"server is missing entries {gap['first']}..{gap['last']} of this station")
    return 0


def _mark_initial_pull_done(engine: Any) -> None:
    from sync.pulled_changes import INITIAL_PULL_KEY

    if engine.replica.get_state(INITIAL_PULL_KEY) == "pending":
        engine.replica.set_state(INITIAL_PULL_KEY, "done")


def _status_json(status: Any) -> dict[str, Any]:
    return {
        "connectivity": str(status.connectivity),
        "last_success_ms": status.last_success_ms,
        "queue_depth": status.queue_depth,
        "last_error": status.last_error,
    }
