"""Badge printing for Doorline: templates, PDF and ESC/POS renderers, printers and the print queue.

Qt-free on purpose: the kiosk UI wraps `PrintQueue` (a plain worker thread) and shows its job
states and printer health; the CLI and the benchmarks use the same code without a display.
"""

import os as _os
import tempfile as _tempfile
from pathlib import Path as _Path


def _escpos_cache_dir() -> str:
    """One lasting folder for python-escpos's capabilities pickle.

    Without ESCPOS_CAPABILITIES_PICKLE_DIR every import of escpos leaves a new folder in /tmp
    and re-parses the capabilities JSON (~400 ms instead of ~150 ms). Set here, in the package
    that every printing module belongs to, so it happens before any of them imports escpos.
    """
    try:
        from platformdirs import user_cache_dir

        folder = _Path(user_cache_dir("doorline")) / "escpos-capabilities"
        folder.mkdir(parents=True, exist_ok=True)
    except (ImportError, OSError):
        folder = _Path(_tempfile.gettempdir()) / "doorline-escpos-capabilities"
        folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


if _os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR"):
    # escpos writes its pickle there without creating the folder; create it so a configured
    # but missing folder does not break every import.
    _Path(_os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]).mkdir(parents=True, exist_ok=True)
else:
    _os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = _escpos_cache_dir()
