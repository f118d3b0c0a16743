"""`doorline demo` end to end, offscreen, as a newcomer runs it (a real process): it seeds,
provisions, scans its generated video, prints badges to PDF and quits on its own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_demo_scans_its_video_and_quits(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOORLINE_CONFIG_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "kiosk.cli.main", "demo", "--dir", str(tmp_path)]
    done = subprocess.run(
        [*command, "--offline", "--quit-after", "6"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"badges (PDF):  {tmp_path / 'badges'}" in done.stdout
    db = sqlite3.connect(tmp_path / "station" / "station.sqlite3")
    verdicts = {row[0] for row in db.execute("SELECT verdict FROM checkin_log")}
    db.close()
    assert "admitted" in verdicts
    assert list((tmp_path / "badges").glob("badge-*.pdf"))
