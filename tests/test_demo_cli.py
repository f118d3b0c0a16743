"""`doorline demo`: bad options are refused in words (exit 2), a run that misses its badge target
says so (exit 1), a used demo folder is never reused, and Ctrl-C quits cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("count", ["0", "-1", "two"])
def test_a_badge_target_below_one_is_refused_before_anything_starts(
    count: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["demo", "--dir", str(tmp_path / "d"), f"--quit-after-badges={count}"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "--quit-after-badges" in err and "Traceback" not in err
    if count != "two":
        assert "must be at least 1" in err
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize("command", ["demo", "kiosk"])
@pytest.mark.parametrize("seconds", ["nan", "inf", "-inf", "1e12", "-1", "0", "soon"])
def test_quit_after_takes_only_a_sane_number_of_seconds(
    command: str, seconds: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = ["--dir", str(tmp_path / "d")] if command == "demo" else ["--data-dir", str(tmp_path)]
    with pytest.raises(SystemExit) as ended:
        main([command, *folder, f"--quit-after={seconds}"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "--quit-after" in err and "Traceback" not in err
    if seconds != "soon":
        assert "above 0 and at most 86400" in err


def test_a_file_or_a_foreign_folder_is_not_taken_for_a_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["demo", "--dir", str(tmp_path / "notes.txt")]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["demo", "--dir", str(tmp_path)]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("where", ["under-a-file", "/proc/doorline-demo"])
def test_a_folder_that_cannot_be_made_is_said_in_words(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --dir under a file, or on a file system that makes no folders, stops before anything
    starts: one line (exit 2), never a traceback."""
    (tmp_path / "notes.txt").write_text("mine")
    folder = tmp_path / "notes.txt" / "demo" if where == "under-a-file" else Path(where)
    assert main(["demo", "--dir", str(folder), "--quit-after", "5"]) == 2
    err = capsys.readouterr().err
    assert f"cannot make the demo folder {folder}" in err and "Traceback" not in err


def _demo(args: list[str], config: Path) -> subprocess.Popen[str]:
    """One demo run in its own process: its window, app filters and language stay there."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOORLINE_CONFIG_DIR": str(config)}
    command = [sys.executable, "-m", "kiosk.cli.main", "demo", *args]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _ended(run: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = run.communicate(timeout=100)
    finally:
        if run.poll() is None:
            run.kill()
            run.communicate()
    return run.returncode, out, err


@pytest.mark.slow
def test_the_demo_names_its_badges_misses_a_target_loudly_and_never_reuses_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Door mode, offline from the checkout (a bundle-style station), reaches one badge, says
    which and where, and its station counts the admission; self mode (nobody confirms) stops at
    the cap with exit 1 and words; running again in the first folder is refused and touches
    nothing (one event per station, no traceback). The first two run at once."""
    door, kiosk = tmp_path / "door", tmp_path / "self"
    run = ["--offline", "--quit-after-badges", "1"]
    door_run = _demo(["--dir", str(door), *run, "--quit-after", "60"], tmp_path / "door-config")
    self_run = _demo(
        ["--dir", str(kiosk), "--mode", "self", *run, "--quit-after", "2"],
        tmp_path / "self-config",
    )
    status, out, err = _ended(door_run)
    assert status == 0, err[-3000:]
    assert f"badges (PDF):  {door / 'badges'}" in out
    printed = sorted(p.name for p in (door / "badges").glob("badge-*.pdf"))
    assert printed and f"Demo done; {len(printed)} badge" in out
    assert all(name in out for name in printed)
    assert main(["station", "status", "--data-dir", str(door / "station"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdicts"].get("admitted", 0) >= 1

    status, _, err = _ended(self_run)
    assert status == 1, err[-3000:]
    assert "stopped at the --quit-after cap after 0 of 1 badges" in err

    station_files = sorted(p.name for p in (door / "station").iterdir())
    # Refused before Qt or a window (in this process; a short cap in case it ever is not).
    assert main(["demo", "--dir", str(door), *run, "--quit-after", "1"]) == 2
    err = capsys.readouterr().err
    assert "already holds a demo; use an empty --dir or delete it" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in (door / "station").iterdir()) == station_files
    assert sorted(p.name for p in (door / "badges").glob("badge-*.pdf")) == printed


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is a POSIX signal")
def test_ctrl_c_quits_the_demo_cleanly(tmp_path: Path) -> None:
    """SIGINT while the window runs (the demo says when it does) quits it (server stopped,
    exit 130) without a traceback, long before the --quit-after cap would have."""
    demo = _demo(["--dir", str(tmp_path / "d"), "--quit-after", "80"], tmp_path)
    try:
        assert demo.stdout is not None
        for line in demo.stdout:
            if "Demo window open" in line:
                break
        demo.send_signal(signal.SIGINT)
    finally:
        status, out, err = _ended(demo)
    assert status == 130, err[-3000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-3000:]
    assert "Demo interrupted" in out
