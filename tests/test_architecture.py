"""House rules a test can hold us to: the layers of the import graph and one owner per database.

The import graph is read from the source (the AST, every `import`, `from … import`, relative
import and `importlib.import_module("…")`, wherever it sits in a module), never by importing
anything. Each rule is a function from a graph (or a tree of files) to its violations; it runs
once on the real tree (no violations allowed) and once on a small tree of deliberately bad
modules written for the test, so every rule is shown to bite.

Layers (README, "Layout"):
- `kiosk/domain` imports nothing else of the project; `kiosk/sqlite_file.py` (the storage
  toolkit both database owners share) imports nothing of the project at all;
- `server_stub` imports only the domain, the toolkit and itself;
- `kiosk/station_store` (owner of station.sqlite3) only the domain, the toolkit and itself;
  `kiosk/core` (the station's logic) only the domain and the store;
- `sync` (the station's sync engine) never imports the server, the UI or the CLI;
- only `kiosk/ui` imports Qt; only `kiosk/cli` imports `kiosk.cli`;
- product code never imports `benchmarks`, `tests` or `tools`;
- SQL text (a string literal that reads as a statement or clause) appears only inside the
  database owners: `kiosk/station_store`, `server_stub/storage`, the print queue's
  `printing/queue_store.py`, and the toolkit's transaction/migration routine.
"""

from __future__ import annotations

import ast
import functools
import re
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PRODUCT = ("kiosk", "sync", "printing", "server_stub")
DEV = ("benchmarks", "tests", "tools")
PROJECT = (*PRODUCT, *DEV)
Graph = dict[str, frozenset[str]]


# -- reading the tree ---------------------------------------------------------------------------


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a (possibly relative) `from … import` names."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _parse(path: Path) -> ast.Module:
    """The file's syntax tree, read once per test session for all the rules below (they only
    walk it); keyed by the text too, so a file a test writes is read as written."""
    return _parsed(path, path.read_text(encoding="utf-8"))


@functools.cache
def _parsed(_path: Path, text: str) -> ast.Module:
    return ast.parse(text)


def _imports(root: Path, path: Path) -> frozenset[str]:
    return _imports_in(_module_name(root, path), path.name == "__init__.py", _parse(path))


@functools.cache
def _imports_in(module: str, is_package: bool, tree: ast.Module) -> frozenset[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, is_package, node)
            names.add(source)
            # `from kiosk import cli` imports the module kiosk.cli
            names.update(f"{source}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return frozenset(n for n in names if n)


def _files(root: Path, packages: Iterable[str]) -> list[Path]:
    found: list[Path] = []
    for package in packages:
        where = root / package
        if where.is_dir():
            found.extend(p for p in where.rglob("*.py") if ".venv" not in p.parts)
        elif where.with_suffix(".py").is_file():
            found.append(where.with_suffix(".py"))
    return sorted(found)


def import_graph(root: Path, packages: Iterable[str] = PROJECT) -> Graph:
    """module name → every module name it imports (absolute), for the files under `packages`."""
    return {_module_name(root, p): _imports(root, p) for p in _files(root, packages)}


def _within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _is_project(name: str) -> bool:
    """A module of the project; the bare `kiosk` namespace (an empty __init__) is neutral."""
    return name != "kiosk" and name.split(".")[0] in {*PROJECT, "conftest"}


# -- the layer rules: each returns "module -> import" for every violation ---------------------


def _only(graph: Graph, layer: str, allowed: tuple[str, ...]) -> list[str]:
    """Modules of `layer` importing anything of the project outside `allowed`."""
    return sorted(
        f"{module} -> {name}"
        for module, names in graph.items()
        if _within(module, layer)
        for name in names
        if _is_project(name) and not _within(name, *allowed)
    )


def _never(graph: Graph, layer: str, forbidden: tuple[str, ...]) -> list[str]:
    """Modules of `layer` importing any of `forbidden`."""
    return sorted(
        f"{module} -> {name}"
        for module, names in graph.items()
        if _within(module, layer)
        for name in names
        if _within(name, *forbidden)
    )


def domain_is_self_contained(graph: Graph) -> list[str]:
    return _only(graph, "kiosk.domain", ("kiosk.domain",))


def toolkit_imports_nothing_of_the_project(graph: Graph) -> list[str]:
    return _only(graph, "kiosk.sqlite_file", ())


def server_imports_only_domain_toolkit_and_itself(graph: Graph) -> list[str]:
    return _only(graph, "server_stub", ("kiosk.domain", "kiosk.sqlite_file", "server_stub"))


def station_store_imports_only_domain_and_toolkit(graph: Graph) -> list[str]:
    allowed = ("kiosk.domain", "kiosk.sqlite_file", "kiosk.station_store")
    return _only(graph, "kiosk.station_store", allowed)


def station_core_imports_only_domain_and_store(graph: Graph) -> list[str]:
    return _only(graph, "kiosk.core", ("kiosk.domain", "kiosk.station_store", "kiosk.core"))


def sync_engine_never_imports_server_ui_or_cli(graph: Graph) -> list[str]:
    return _never(graph, "sync", ("server_stub", "kiosk.ui", "kiosk.cli"))


def ui_never_imports_the_server(graph: Graph) -> list[str]:
    """The station's screens talk to a server over HTTP only; the demo's local server is
    started by the CLI, which may import every layer."""
    return _never(graph, "kiosk.ui", ("server_stub",))


def qt_only_in_the_ui(graph: Graph) -> list[str]:
    outside = {
        m: n for m, n in graph.items() if _within(m, *PRODUCT) and not _within(m, "kiosk.ui")
    }
    return sorted(
        f"{module} -> {name}"
        for module, names in outside.items()
        for name in names
        if _within(name, "PySide6", "shiboken6")
    )


def cli_only_imported_by_the_cli(graph: Graph) -> list[str]:
    return sorted(
        f"{module} -> {name}"
        for module, names in graph.items()
        if _within(module, *PRODUCT) and not _within(module, "kiosk.cli")
        for name in names
        if _within(name, "kiosk.cli")
    )


def product_never_imports_dev_code(graph: Graph) -> list[str]:
    dev = (*DEV, "conftest")
    return sorted(
        f"{module} -> {name}"
        for module, names in graph.items()
        if _within(module, *PRODUCT)
        for name in names
        if _within(name, *dev) or name.endswith("_support")
    )


LAYER_RULES: list[Callable[[Graph], list[str]]] = [
    domain_is_self_contained,
    toolkit_imports_nothing_of_the_project,
    server_imports_only_domain_toolkit_and_itself,
    station_store_imports_only_domain_and_toolkit,
    station_core_imports_only_domain_and_store,
    sync_engine_never_imports_server_ui_or_cli,
    ui_never_imports_the_server,
    qt_only_in_the_ui,
    cli_only_imported_by_the_cli,
    product_never_imports_dev_code,
]

# One deliberately bad module per rule, as (path, source): each must be caught by its rule.
BAD_TREE: dict[str, tuple[str, str]] = {
    "domain_is_self_contained": (
        "kiosk/domain/leaky.py",
        "def f():\n    from ..station_store import StationStore\n",
    ),
    "toolkit_imports_nothing_of_the_project": (
        "kiosk/sqlite_file.py",
        "from kiosk.domain.verdicts import Verdict\n",
    ),
    "server_imports_only_domain_toolkit_and_itself": (
        "server_stub/peek.py",
        "import importlib\nimportlib.import_module('kiosk.station_store.store')\n",
    ),
    "station_store_imports_only_domain_and_toolkit": (
        "kiosk/station_store/upward.py",
        "from kiosk.core.station import Station\n",
    ),
    "station_core_imports_only_domain_and_store": (
        "kiosk/core/syncs.py",
        "import sync.engine\n",
    ),
    "sync_engine_never_imports_server_ui_or_cli": (
        "sync/shortcut.py",
        "from server_stub.store import ServerStore\n",
    ),
    "ui_never_imports_the_server": (
        "kiosk/ui/demo_window.py",
        "from server_stub.local_server import LocalServer\n",
    ),
    "qt_only_in_the_ui": ("printing/preview_window.py", "from PySide6 import QtWidgets\n"),
    "cli_only_imported_by_the_cli": ("kiosk/ui/menu.py", "from kiosk import cli\n"),
    "product_never_imports_dev_code": (
        "kiosk/ui/demo_video.py",
        "from benchmarks.frame_generator import render\n",
    ),
}


@functools.cache
def _the_tree() -> Graph:
    """The product's import graph, parsed once for all the layer rules. Every rule is about
    what a product module imports (dev code may import anything), so tests/, benchmarks/ and
    tools/ are not read: 40% of the tree's text, the same findings."""
    return import_graph(ROOT, PRODUCT)


@pytest.mark.parametrize("rule", LAYER_RULES, ids=lambda r: r.__name__)
def test_the_tree_keeps_the_layer(rule: Callable[[Graph], list[str]]) -> None:
    assert rule(_the_tree()) == []


@pytest.mark.parametrize("rule", LAYER_RULES, ids=lambda r: r.__name__)
def test_the_layer_rule_catches_a_bad_module(
    rule: Callable[[Graph], list[str]], tmp_path: Path
) -> None:
    path, source = BAD_TREE[rule.__name__]
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_text(source, encoding="utf-8")
    (tmp_path / "kiosk" / "ui").mkdir(parents=True, exist_ok=True)
    (tmp_path / "kiosk" / "ui" / "fine.py").write_text("import PySide6\n", encoding="utf-8")
    found = rule(import_graph(tmp_path))
    bad_module = _module_name(tmp_path, tmp_path / path)
    assert found and all(f.startswith(f"{bad_module} -> ") for f in found)


# -- SQL only inside the database owners --------------------------------------------------------

_SQL = re.compile(
    r"\b(?:SELECT\s+(?:\*|DISTINCT\b|count\(|[\w.]+\s*[,(]|[\w.]+\s+(?:AS|FROM)\b)"
    r"|INSERT\s+(?:OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|REPLACE\s+INTO\b"
    r"|CREATE\s+(?:TEMP\s+|UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\b"
    r"|DROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)\b|ALTER\s+TABLE\b|PRAGMA\s+\w+"
    r"|^\s*(?:BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH)\b"
    r"|WHERE\s+[\w.]+\s*(?:=|<|>|IN\b|IS\b|LIKE\b|MATCH\b)|ON\s+CONFLICT\b)"
)
# SQL written in lower case: only shapes no sentence takes ("Delete from the list?" is words).
_SQL_LOWER = re.compile(
    r"\b(?:insert\s+(?:or\s+\w+\s+)?into\s+\w+\s*\(|update\s+\w+\s+set\s+\w+\s*="
    r"|delete\s+from\s+\w+\s+where\b|select\s+[\w.*,() ]+?\s+from\s+\w+\s+where\b"
    r"|create\s+(?:temp\s+|unique\s+|virtual\s+)?(?:table|index|trigger|view)\s+\w+\s*\("
    r"|where\s+[\w.]+\s*(?:=|<|>|<=|>=|!=)\s*[?:]\w*)",
    re.IGNORECASE,
)
STATION_OWNERS = ("kiosk/station_store/", "kiosk/sqlite_file.py", "printing/queue_store.py")
SERVER_OWNERS = ("server_stub/storage/",)


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def sql_outside_owners(root: Path, packages: Iterable[str], owners: Iterable[str]) -> list[str]:
    """`file:line` of every string literal (docstrings aside) that reads as SQL, in files of
    `packages` that are not under one of the `owners` (paths relative to `root`)."""
    owned = tuple(owners)
    found: list[str] = []
    for path in _files(root, packages):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(owned):
            continue
        tree = _parse(path)
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):  # an f-string reads as one text, {…} as a name
                skip.update(id(part) for part in node.values)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant | ast.JoinedStr) or id(node) in skip:
                continue
            text = _literal_text(node)
            if text is not None and _reads_as_sql(text):
                found.append(f"{relative}:{node.lineno}")
    return sorted(found)


def _literal_text(node: ast.Constant | ast.JoinedStr) -> str | None:
    """A string literal's text; an f-string's with each `{…}` read as the name `x`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            str(part.value) if isinstance(part, ast.Constant) else "x" for part in node.values
        )
    return None


def _reads_as_sql(text: str) -> bool:
    return bool(_SQL.search(text) or _SQL_LOWER.search(text))


def test_no_sql_outside_the_station_store_and_the_print_queue() -> None:
    """Station side, sync, printing, tools and benchmarks: SQL lives with its owner."""
    packages = ("kiosk", "sync", "printing", "tools", "benchmarks")
    assert sql_outside_owners(ROOT, packages, (*STATION_OWNERS, *SERVER_OWNERS)) == []


def test_the_servers_sql_lives_in_its_storage_package() -> None:
    assert sql_outside_owners(ROOT, ("server_stub",), SERVER_OWNERS) == []


def test_the_sql_rule_catches_sql_written_outside_an_owner(tmp_path: Path) -> None:
    bad = {
        "sync/peek.py": 'ROWS = "SELECT id FROM checkin_log WHERE pushed = 0"\n',
        "kiosk/ui/count.py": 'def f(t):\n    return f"SELECT count(*) FROM {t}"\n',
        "printing/jobs.py": 'SQL = ("UPDATE print_jobs SET state = ? "\n       "WHERE id = ?")\n',
        "kiosk/core/tx.py": 'def f(c):\n    c.execute("BEGIN IMMEDIATE")\n',
        "tools/tune.py": 'STMT = "PRAGMA cache_size=-65536"\n',
        "kiosk/station_store/fine.py": 'OK = "SELECT id FROM tickets WHERE id = ?"\n',
        "kiosk/core/pick.py": 'def f(column):\n    return f"SELECT {column} FROM tickets"\n',
        "kiosk/ui/quiet.py": 'Q = "select ticket_id from checkin_log where id = ?"\n',
        "sync/mark.py": 'Q = "update checkin_log set pushed = 1 where seq <= :upto"\n',
        "kiosk/ui/words.py": textwrap.dedent(
            '''
            """Select a conflict, then update the note: plain words, not SQL."""
            HINT = "Select a gate. Insert the ticket into the slot. Delete from the list?"
            MORE = f"Update the note, then select one from the {HINT}, where it is: create a view"
            '''
        ),
    }
    for path, source in bad.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(source, encoding="utf-8")
    found = sql_outside_owners(tmp_path, ("kiosk", "sync", "printing", "tools"), STATION_OWNERS)
    assert [f.split(":")[0] for f in found] == [
        "kiosk/core/pick.py",
        "kiosk/core/tx.py",
        "kiosk/ui/count.py",
        "kiosk/ui/quiet.py",
        "printing/jobs.py",
        "sync/mark.py",
        "sync/peek.py",
        "tools/tune.py",
    ]


SQLITE_OWNERS = (
    "kiosk.station_store",
    "kiosk.sqlite_file",
    "printing.queue_store",
    "server_stub.storage",
)


def sqlite_outside_owners(graph: Graph) -> list[str]:
    """Product modules that import sqlite3 or sqlite-utils without owning a database."""
    return sorted(
        module
        for module, names in graph.items()
        if _within(module, *PRODUCT)
        and not _within(module, *SQLITE_OWNERS)
        and any(_within(n, "sqlite3", "sqlite_utils") for n in names)
    )


def test_only_database_owners_import_sqlite(tmp_path: Path) -> None:
    """Nobody but an owner even holds a SQLite connection (tests and tools may open files of
    their own, to build old or damaged ones)."""
    assert sqlite_outside_owners(import_graph(ROOT, PRODUCT)) == []
    for path, source in {
        "kiosk/ui/stats.py": "import sqlite3\n",
        "sync/bulk.py": "def f():\n    from sqlite_utils import Database\n",
        "kiosk/station_store/owner.py": "import sqlite3\n",
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(source, encoding="utf-8")
    assert sqlite_outside_owners(import_graph(tmp_path, PRODUCT)) == ["kiosk.ui.stats", "sync.bulk"]


_CONNECTION_ATTRIBUTES = frozenset({"conn", "_conn", "reader", "_reader"})


def connections_outside_owners(root: Path, packages: Iterable[str]) -> list[str]:
    """`file:line` of every `x.conn`/`x.reader` (or their private forms) outside the database
    owners: a connection reached through an owner's attribute is SQL by another door."""
    owned = (*STATION_OWNERS, *SERVER_OWNERS)
    found: list[str] = []
    for path in _files(root, packages):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(owned):
            continue
        for node in ast.walk(_parse(path)):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in _CONNECTION_ATTRIBUTES
                and not (isinstance(node.value, ast.Name) and node.value.id == "csv")
            ):
                found.append(f"{relative}:{node.lineno}")
    return sorted(found)


def test_nobody_reaches_for_a_database_owners_connection(tmp_path: Path) -> None:
    assert connections_outside_owners(ROOT, PRODUCT) == []
    for path, source in {
        "kiosk/ui/peek.py": "def f(store):\n    return store._conn.execute('x')\n",
        "sync/read.py": "def f(replica):\n    return replica.reader\n",
        "server_stub/sheet.py": "import csv\nROWS = csv.reader([])\n",
        "kiosk/station_store/own.py": "def f(self):\n    return self._conn\n",
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(source, encoding="utf-8")
    found = connections_outside_owners(tmp_path, PRODUCT)
    assert [f.split(":")[0] for f in found] == ["kiosk/ui/peek.py", "sync/read.py"]


def test_the_http_layer_uses_the_storage_interface_only() -> None:
    """The API reaches the database only through `server_stub.storage`'s Protocols: no engine
    module, no probing for methods outside them."""
    app = ROOT / "server_stub" / "app.py"
    assert "getattr(storage" not in app.read_text(encoding="utf-8")
    engines = {n for n in _imports(ROOT, app) if _within(n, "server_stub.storage")}
    assert engines <= {
        "server_stub.storage",
        "server_stub.storage.open_storage",
        "server_stub.storage.is_postgres_url",
        "server_stub.storage.interface",
    } | {f"server_stub.storage.interface.{n}" for n in _names_from(app, "interface")}


def _names_from(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(module)
        for alias in node.names
    }


# -- names ----------------------------------------------------------------------------------


def test_no_grab_bag_module_names() -> None:
    banned = {"utils.py", "helpers.py", "manager.py", "misc.py", "common.py"}
    found = [str(p.relative_to(ROOT)) for p in _files(ROOT, PRODUCT) if p.name in banned]
    assert found == []
