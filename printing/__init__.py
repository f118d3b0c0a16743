"""Badge printing for Doorline: templates, PDF and ESC/POS renderers, printers and the print queue.

Qt-free on purpose: the kiosk UI wraps `PrintQueue` (a plain worker thread) and shows its job
states and printer health; the CLI and the benchmarks use the same code without a display.
"""

import os as _os
import sys as _sys
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


def _import_escpos_capabilities() -> None:
    """Import python-escpos's printer database even while another process writes its pickle.

    escpos writes the pickle in place, so a Doorline process starting while another one
    (re)writes it reads half a file and its import fails (EOFError, a traceback instead of a
    kiosk). Such a process parses the database into a folder of its own instead, once, and
    removes that folder again: the module keeps what it loaded.
    """
    import logging
    import pickle
    import shutil

    # escpos.capabilities calls logging.basicConfig() when imported: that would put a stderr
    # handler on the root logger before the CLI configures logging (making the CLI's own
    # configuration a no-op), so every queue warning reached an operator's terminal as a second,
    # raw line beside the CLI's one line of words. Whatever it adds is taken away again.
    handlers = list(logging.root.handlers)
    try:
        import escpos.capabilities
    except (EOFError, pickle.UnpicklingError):
        _sys.modules.pop("escpos.capabilities", None)
        private = _tempfile.mkdtemp(prefix="doorline-escpos-")
        shared = _os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]
        _os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = private
        try:
            import escpos.capabilities  # noqa: F401
        finally:
            _os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = shared
            shutil.rmtree(private, ignore_errors=True)
    finally:
        for handler in logging.root.handlers[:]:
            if handler not in handlers:
                logging.root.removeHandler(handler)


if _os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR"):
    # escpos writes its pickle there without creating the folder; create it so a configured
    # but missing folder does not break every import.
    _Path(_os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]).mkdir(parents=True, exist_ok=True)
else:
    _os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = _escpos_cache_dir()
_import_escpos_capabilities()
