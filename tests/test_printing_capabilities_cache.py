"""Two Doorline processes starting at once (a kiosk and an operator's command) share
python-escpos's capabilities pickle, which escpos writes in place: the one that meets it
half-written still starts."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path


def test_a_half_written_capabilities_pickle_does_not_stop_printing_from_loading(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "escpos-cache"
    shared.mkdir()
    # What a reader sees while another process is writing: the file exists, newer than the
    # database it caches, and holds half a pickle (here: nothing yet).
    (shared / f"{platform.python_version()}.capabilities.pickle").write_bytes(b"")
    env = {**os.environ, "ESCPOS_CAPABILITIES_PICKLE_DIR": str(shared), "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "import printing.badge_escpos, escpos.printer; print('ok')"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
    assert not list(tmp_path.glob("doorline-escpos-*"))  # the private folder is gone again
