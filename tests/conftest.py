"""Shared fixtures: a seeded event on a real server database, and stations provisioned from it.

Every test gets its own station data directory (a real SQLite file under tmp_path); the seeded
server database is made once per session and only read afterwards.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import os
import secrets
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", str(Path(tempfile.gettempdir()) / "doorline-escpos-cache")
)
Path(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]).mkdir(parents=True, exist_ok=True)

from kiosk.core.station import Station, provision  # noqa: E402
from kiosk.core.station_setup import new_identity  # noqa: E402
from kiosk.domain.hlc import wall_ms_now  # noqa: E402
from kiosk.domain.person_name import display_name  # noqa: E402
from kiosk.domain.ticket_codec import ALPHABET  # noqa: E402
from kiosk.ui.gui_thread_collector import collect_due, collect_on_gui_thread  # noqa: E402
from server_stub.event_file import EventSpec  # noqa: E402
from server_stub.local_server import LocalServer  # noqa: E402
from server_stub.seeding import seed_event  # noqa: E402
from server_stub.storage import open_storage  # noqa: E402
from tests.event_support import apply_event_spec, small_event  # noqa: E402
from tests.file_seconds import expected_seconds  # noqa: E402

# -- running on several cores (pytest-xdist, `.ci/test`: `--dist loadfile`) --------------------

# Test files that share something of the machine run on the same worker, one after the other.
# cups-pdf writes every test scheduler's badges into the machine's one ANONYMOUS folder, and a
# CUPS test removes what was printed while it ran (tests/cups_server.py).
SAME_WORKER = {
    "tests/test_printing_cups.py": "the cups-pdf spool",
    "tests/test_printing_station.py": "the cups-pdf spool",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With `--dist loadfile`: a test file runs on one worker (its module fixtures, such as a
    server process or an installed wheel, start once), and the files of `SAME_WORKER` that name
    the same thing run on one worker together."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SharedResourceScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return SAME_WORKER.get(scope, scope)

    return SharedResourceScheduling(config, log)


SLOW_FILE_S = 5.0  # "several seconds" (the `slow` marker's words), for a file not yet measured


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Files longest first, by their CI seconds in tests/file_seconds.json (a file not listed
    there: `SLOW_FILE_S` when a test in it is marked `slow`, else last); the tests within a
    file keep their order. With `--no-loadscope-reorder` workers take files in
    this order, so no long file is left for the end while the other worker idles. Without
    xdist only the order changes (no test depends on another's leftovers)."""
    seconds = expected_seconds()
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}

    def expected(path: Path) -> float:
        known = seconds.get(path.relative_to(config.rootpath).as_posix())
        if known is not None:
            return known
        return SLOW_FILE_S if path in slow_files else 0.0

    weights = {path: expected(path) for path in {item.path for item in items}}
    items.sort(key=lambda item: -weights[item.path])  # a stable sort


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once the tests are collected (every test module and what it imports is loaded), those
    objects leave the garbage collector's care (gc.freeze) and full collections run a tenth
    as often (gc.set_threshold's third number, 10 -> 100; young objects are collected as
    before). Each full collection walked the ~250,000 objects of Qt, hypothesis, FastAPI and
    the rest, up to 0.9 s each on this machine: on a Qt, hypothesis and import-heavy share of
    the suite, time in the collector while tests ran went from 1.5-3.0 s to 0.9-1.0 s of ~18 s
    of CPU. What the tests do and prove does not change; only when long-lived cyclic garbage
    is freed.

    As in the window's process (kiosk/ui/gui_thread_collector.py), the collector then runs on
    the main thread only: after each test (`collect_due`) and, in a test with the Qt
    application, from its timer. Left automatic, it ran in whichever thread allocated, and a
    readiness check's worker thread freed the operator window's Qt objects: a segfault."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)
    gc.disable()
    _start_fork_server_if_needed(session.items)


def _start_fork_server_if_needed(items: list[pytest.Item]) -> None:
    """When a collected test module starts server processes (sync_support.ServerProcess),
    their fork server starts now, in the background (`start_fork_server`)."""
    for module in {getattr(item, "module", None) for item in items} - {None}:
        starter = vars(module).get("ServerProcess") or vars(module).get("running_server")
        if starter is not None:
            sys.modules[starter.__module__].start_fork_server()
            return


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_main_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """A Qt test's application collects garbage on its GUI thread as the window's does; every
    test's cyclic garbage is collected when it ends, on the main thread."""
    if "qapp" in request.fixturenames:
        collect_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    collect_due()
    gc.disable()  # a KioskApp that shut down turned automatic collection back on


@dataclass(frozen=True)
class SeededEvent:
    db_path: Path
    event_id: int
    codes: list[dict[str, Any]]
    snapshot: dict[str, Any]


def _rows(result: Any) -> list[dict[str, Any]]:
    return [
        {
            "ticket_id": t.ticket_id,
            "code": t.code,
            "name": display_name(t.first_name, t.last_name),  # as screens and badges show it
            "first_name": t.first_name,
            "last_name": t.last_name,
            "email": t.email,
            "confirmation": t.confirmation,
            "ticket_type": t.ticket_type,
        }
        for t in result.tickets
    ]


@pytest.fixture(scope="session")
def seeded_event(tmp_path_factory: pytest.TempPathFactory) -> SeededEvent:
    db_path = tmp_path_factory.mktemp("server") / "server.sqlite3"
    store = open_storage(db_path)
    result = seed_event(store, "Doorline Test Conference", 60)
    snapshot = store.catalog.snapshot(result.event_id)
    store.close()
    return SeededEvent(db_path, result.event_id, _rows(result), snapshot)


@pytest.fixture
def event_db(tmp_path: Path) -> Callable[..., tuple[Path, int]]:
    """`event_db(spec=small_event())`: a fresh server database (tmp_path/server.sqlite3)
    holding the event `spec` (see tests/event_support.py); returns (db path, event id)."""

    def make(spec: EventSpec | None = None) -> tuple[Path, int]:
        db = tmp_path / "server.sqlite3"
        return db, apply_event_spec(db, spec or small_event())

    return make


def make_station(
    data_dir: Path,
    snapshot: dict[str, Any],
    gate: str = "main",
    wall: Callable[[], int] = wall_ms_now,
    name: str = "Door 1",
) -> Station:
    identity = new_identity(int(snapshot["event"]["id"]), name, gate)
    station = provision(data_dir, identity, copy.deepcopy(snapshot))
    return Station(station.replica, wall) if wall is not wall_ms_now else station


@pytest.fixture
def provisioned_station(
    tmp_path: Path, seeded_event: SeededEvent
) -> tuple[Station, list[dict[str, Any]]]:
    """A station at the main entrance (general, VIP, speaker and staff tickets; re-entry
    after exit), and the issued codes: ticket_id, code, name, email, ticket_type..."""
    station = make_station(tmp_path / "station", seeded_event.snapshot)
    yield station, seeded_event.codes
    station.replica.close()


def forge(code: str, position: int = -3) -> str:
    """The same code with one character changed: what a forger or a damaged print gives."""
    chars = list(code)
    current = chars[position]
    chars[position] = ALPHABET[(ALPHABET.index(current) + 1) % len(ALPHABET)]
    return "".join(chars)


@pytest.fixture(name="forge")
def forge_fixture() -> Callable[[str], str]:
    return forge


@pytest.fixture
def local_server(tmp_path: Path, seeded_event: SeededEvent) -> LocalServer:
    """The seeded event's server on a free port of 127.0.0.1, with its own copy of the data."""
    db = tmp_path / "server.sqlite3"
    db.write_bytes(seeded_event.db_path.read_bytes())
    server = LocalServer(db)
    server.start()
    yield server
    server.stop()


def fill_station_disk(station: Station) -> None:
    """Make the station's disk full: SQLite may not grow its file by one more page (PRAGMA
    max_page_count: the SQLITE_FULL a full disk gives), scans are made until one cannot be
    saved, and then the file refuses every write (as a disk full to the last byte, or gone
    read-only, does), so a smaller entry cannot squeeze into a half-empty page."""
    from kiosk.station_store import StorageFull

    conn = station.replica._conn  # fault injection: the one place a test touches it
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    for _ in range(10_000):
        try:
            station.scan("not a ticket, only filling the log")
        except StorageFull:
            conn.execute("PRAGMA query_only = ON")
            return
    raise AssertionError("the station's log never filled up")


# -- the server database on both engines ------------------------------------------------------

PG_ADMIN_URL = os.environ.get("DOORLINE_TEST_POSTGRES", "postgresql://root@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of its own for this test session on the PostgreSQL at 127.0.0.1:5432 (user
    root, trust), dropped at the end; skipped with the reason when none answers, except in CI
    (CI=true), where PostgreSQL is part of the machine and its absence is a failure."""
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        reason = f"no PostgreSQL answers at {PG_ADMIN_URL} ({str(error).strip()})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI requires it (README, 'PostgreSQL')")
        pytest.skip(f"{reason}; install Debian's postgresql to run the PostgreSQL half")
    for (stale,) in admin.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE 'doorline\\_test\\_%'"
    ).fetchall():
        owner = stale.split("_")[2]
        if owner.isdigit() and not _process_alive(int(owner)):  # killed before its drop
            admin.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
    name = f"doorline_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        # Sent, not waited for: PostgreSQL finishes a command whose client has gone (it reads
        # from the client only between commands), so the drop, 1-4 s of removing the
        # session's schemas on a loaded machine, no longer holds up this worker's exit and
        # with it the end of the run.
        admin.pgconn.send_query(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())
        admin.pgconn.flush()
        admin.close()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


SERVER_ENGINES = ["sqlite", "postgresql"]


def _fresh_server_db(request: pytest.FixtureRequest, folder: Path, engine: str = "") -> str:
    if (engine or request.param) == "sqlite":
        return str(folder / "server.sqlite3")
    import psycopg

    base = request.getfixturevalue("postgres_database")
    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}?options=-csearch_path%3D{schema}"


def server_sql(db: str | Path, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """One statement (`?` placeholders) run behind the storage's back on either engine and
    committed; its rows as dicts. For tests that check what is (not) stored, such as a hash
    instead of a token, or that change a row as someone editing the database by hand would."""
    if str(db).startswith(("postgresql://", "postgres://")):
        import psycopg
        from psycopg.rows import dict_row

        with psycopg.connect(str(db), row_factory=dict_row) as pg:
            cursor = pg.execute(sql.replace("?", "%s"), tuple(params))
            return [dict(row) for row in cursor] if cursor.description else []
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.row_factory = sqlite3.Row
        rows = [dict(row) for row in conn.execute(sql, tuple(params))]
        conn.commit()
        return rows


@pytest.fixture(params=SERVER_ENGINES)
def server_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty server database: a SQLite file, or a schema of its own in the session's
    PostgreSQL database (the URL sets `search_path`, so every connection of the pool uses it)."""
    return _fresh_server_db(request, tmp_path)


@pytest.fixture(scope="module", params=SERVER_ENGINES)
def module_server_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """`server_db` shared by a module's tests, for modules that start one server (a process)
    and give each test events of its own, so no test depends on another's rows."""
    return _fresh_server_db(request, tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="module")
def module_app_server(module_server_db: str) -> Iterator[Any]:
    """The server app of `module_server_db` in this process (sync_support.InProcessServer),
    started once for a module whose tests each seed events of their own; a test takes
    `module_app_server.another()` for fault injection (and tokens) of its own."""
    from sync_support import InProcessServer

    server = InProcessServer(module_server_db)
    yield server
    server.close()


@pytest.fixture(scope="module")
def module_server_dbs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """A fresh server database on each engine (name: database) shared by a module's tests, for
    a module that sends the same requests to both."""
    folder = tmp_path_factory.mktemp("server")
    return {engine: _fresh_server_db(request, folder, engine) for engine in SERVER_ENGINES}
