"""Doorline as a user installs it: a wheel built from this tree, installed (not editable) into a
fresh virtualenv, runs the demo without the source checkout — no `benchmarks/`, no `tests/`,
no repository-relative asset paths, no DOORLINE_BADGE_DIR.

To stay fast and offline the new venv borrows the third-party packages of the venv running the
tests (a `.pth` line: its own `site-packages` comes first, so Doorline is the installed copy),
and the wheel is built by the PEP 517 backend pyproject.toml names (setuptools.build_meta, of
the dev extras), called directly: what `pip wheel --no-build-isolation` calls, without pip's
own start-up (half of that step's CPU).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What a source checkout has that a built wheel must not depend on (or that would slow the copy:
# mypy's cache alone is ~30 MB after `.ci/test`).
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", "*.egg-info", "build", "dist", "docs", "tests", "benchmarks",
    ".mypy_cache", ".ruff_cache", ".hypothesis", ".pytest_cache",
)  # fmt: skip


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{command[:4]}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin/` folder of a fresh venv with Doorline installed from a wheel of this tree."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    env = _clean_env(work)
    build = "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])"
    _run([sys.executable, "-c", build, str(work / "dist")], source, env, 120)
    wheel = next((work / "dist").glob("doorline-*.whl"))
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work, env, 60)
    python = venv / "bin" / "python"
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        work,
        env,
        30,
    ).strip()
    borrowed = sysconfig.get_paths()["purelib"]
    Path(purelib, "doorline-test-deps.pth").write_text(borrowed + "\n", encoding="utf-8")
    # pip itself is one of the borrowed packages: run in the new venv, it installs there, in
    # one process (`pip --python` starts pip twice: once here, then again in the new venv).
    install = ["-m", "pip", "install", "-q", "--no-deps", "--no-index"]
    _run([str(python), *install, str(wheel)], work, env, 120)
    return venv / "bin"


def _clean_env(home: Path) -> dict[str, str]:
    """No path into the checkout, no asset overrides: only what an installed Doorline has."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "DOORLINE_BADGE_DIR", "DOORLINE_FONT_DIRS", "VIRTUAL_ENV")
    }
    env.update(QT_QPA_PLATFORM="offscreen", DOORLINE_CONFIG_DIR=str(home / "config"))
    return env


@pytest.mark.slow
def test_the_installed_package_carries_its_templates_sounds_and_languages_and_no_dev_tools(
    installed: Path, tmp_path: Path
) -> None:
    probe = (
        "import importlib.util, kiosk, printing.badge_template as t\n"
        "from kiosk.ui.sound_synth import SOUNDS_DIR\n"
        "from kiosk.ui.sounds import Cue\n"
        "print(kiosk.__file__)\n"
        "print(t.load_library().names())\n"
        "print(all((SOUNDS_DIR / f'{cue}.wav').is_file() for cue in Cue))\n"
        "print(importlib.util.find_spec('benchmarks'))\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kiosk.ui.languages import LANGUAGES, use_language\n"
        "app = QApplication([])\n"
        "print(sorted(code for code in LANGUAGES if not use_language(code)))\n"
    )
    lines = _run([str(installed / "python"), "-c", probe], tmp_path, _clean_env(tmp_path), 60)
    kiosk_file, templates, sounds, benchmarks, untranslated = lines.splitlines()
    assert Path(kiosk_file).is_relative_to(installed.parent), "Doorline came from the checkout"
    assert "badge-4x3" in templates and "thermal-80" in templates
    assert sounds == "True"
    assert benchmarks == "None"
    assert untranslated == "[]", "the wheel lacks compiled catalogues: its windows stay English"


@pytest.mark.slow
def test_the_demo_runs_from_a_wheel_install(installed: Path, tmp_path: Path) -> None:
    """`doorline demo` seeds, provisions from its local server, scans its generated video,
    prints badges to PDF and quits on its own once its first badge is printed (--quit-after
    only caps a run that never prints), installed from a wheel; the installed `doorline
    station status` then counts the admission. (The demo offline from the checkout, a
    bundle-style station, is tests/test_demo_cli.py's door run.)"""
    folder = tmp_path / "demo"
    env = _clean_env(folder)
    doorline = str(installed / "doorline")
    until_printed = ["--quit-after-badges", "1", "--quit-after", "90"]
    run = _start([doorline, "demo", "--dir", str(folder), *until_printed], tmp_path, env)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, f"{run.args[:3]}:\n{out[-2000:]}{err[-3000:]}"
    assert "server:        http://127.0.0.1:" in out
    status = [doorline, "station", "status", "--data-dir", str(folder / "station"), "--json"]
    out = _run(status, tmp_path, env, 60)
    assert json.loads(out)["verdicts"].get("admitted", 0) >= 1
    assert list((folder / "badges").glob("badge-*.pdf")), "no badge printed"


def _start(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
