"""House rules a test can hold us to: the domain stays Qt-free."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGES = ["kiosk", "sync", "printing", "server_stub"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pyside6_is_imported_only_inside_the_ui_package():
    offenders = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if (ROOT / "kiosk" / "ui") in path.parents:
                continue
            if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path)):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == [], f"Qt imported outside kiosk/ui: {offenders}"


def test_no_grab_bag_module_names():
    banned = {"utils.py", "helpers.py", "manager.py", "misc.py", "common.py"}
    found = [
        str(p.relative_to(ROOT))
        for pkg in PACKAGES
        for p in (ROOT / pkg).rglob("*.py")
        if p.name in banned
    ]
    assert found == []


def _project_imports(path: Path) -> set[str]:
    return {n for n in _imports(path) if n.split(".")[0] in {*PACKAGES, "benchmarks"}}


def test_the_shared_domain_imports_nothing_else_of_the_project():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            n for n in _project_imports(path) if not n.startswith("kiosk.domain")
        )
        for path in (ROOT / "kiosk" / "domain").rglob("*.py")
    }
    assert {p: names for p, names in offenders.items() if names} == {}


def test_the_server_imports_only_the_domain_its_own_package_and_the_sqlite_toolkit():
    allowed = ("kiosk.domain", "server_stub", "kiosk.sqlite_file")
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            n
            for n in _project_imports(path)
            if not any(n == a or n.startswith(a + ".") for a in allowed)
        )
        for path in (ROOT / "server_stub").rglob("*.py")
    }
    assert {p: names for p, names in offenders.items() if names} == {}


def test_the_sqlite_toolkit_imports_nothing_of_the_project():
    assert _project_imports(ROOT / "kiosk" / "sqlite_file.py") == set()
