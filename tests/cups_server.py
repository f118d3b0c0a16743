"""A real CUPS scheduler for tests: its own `cupsd` in a temp folder on a free 127.0.0.1 port,
with a cups-pdf queue, started and stopped by the test that needs it.

Nothing of the machine's own CUPS is touched: the scheduler has its own configuration, spool,
logs and port, and the code under test finds it through `CUPS_SERVER`. Jobs are requested as
user `doorline-test` (`CUPS_USER`), which has no home, so cups-pdf writes the PDFs into its
anonymous folder (`ANONYMOUS_DIR`); `printed_pdfs(title)` finds them there.

`cups_or_skip()` skips with the reason when `cupsd`, cups-pdf or pycups is missing, except in
CI (env CI=true), where a missing CUPS is a failure: setup installs it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
ANONYMOUS_DIR = Path("/var/spool/cups-pdf/ANONYMOUS")
TEST_USER = "doorline-test"
QUEUE = "badges"

CUPSD_CONF = """Listen 127.0.0.1:{port}
LogLevel debug
WebInterface No
DefaultAuthType None
Browsing No
JobRetryLimit 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """ServerRoot {root}
RequestRoot {root}/spool
TempDir {root}/tmp
CacheDir {root}/cache
StateDir {root}/state
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
Printcap
SystemGroup root
"""


def cups_missing() -> str | None:
    """Why a real CUPS cannot run here, or None."""
    if shutil.which("cupsd") is None:
        return "cupsd is not installed (Debian package cups)"
    if not CUPS_PDF_PPD.exists() or not CUPS_PDF_BACKEND.exists():
        return "cups-pdf is not installed (Debian package printer-driver-cups-pdf)"
    try:
        import cups  # noqa: F401
    except ImportError:
        return "pycups is not installed"
    if os.geteuid() != 0:
        return "cups-pdf's backend runs only when cupsd runs as root"
    return None


def cups_or_skip() -> None:
    reason = cups_missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs a real CUPS: {reason}")
    pytest.skip(f"no real CUPS here: {reason}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class CupsServer:
    """One scheduler; `address` is what CUPS_SERVER must say to reach it."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        # Filters run as user lp: the folder must be reachable by it (not a 0700 pytest dir).
        self.root = Path(tempfile.mkdtemp(prefix="doorline-cupsd-"))
        self.root.chmod(0o755)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        for sub in ("spool", "cache", "state", "log", "ppd"):
            (self.root / sub).mkdir(exist_ok=True)
        self._configure_pdf_queue()
        (self.root / "tmp").mkdir(exist_ok=True)
        (self.root / "tmp").chmod(0o1777)
        (self.root / "cupsd.conf").write_text(CUPSD_CONF.format(port=self.port))
        (self.root / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=self.root))
        self.process = subprocess.Popen(
            [
                "cupsd",
                "-f",
                "-c",
                str(self.root / "cupsd.conf"),
                "-s",
                str(self.root / "cups-files.conf"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"cupsd exited: see {self.root}/log/error_log") from None
                time.sleep(0.05)
        raise RuntimeError("cupsd did not start listening within 15 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def connection(self) -> object:
        import cups

        return cups.Connection(host="127.0.0.1", port=self.port)

    def _configure_pdf_queue(self, name: str = QUEUE) -> None:
        """A cups-pdf queue, enabled and accepting jobs, in the scheduler's own configuration:
        it exists from the moment `cupsd` listens, as a restarted CUPS service's queues do
        (a queue added over IPP after the start leaves a moment with "no printer named")."""
        shutil.copyfile(CUPS_PDF_PPD, self.root / "ppd" / f"{name}.ppd")
        (self.root / "printers.conf").write_text(
            f"<DefaultPrinter {name}>\nDeviceURI cups-pdf:/\nState Idle\nAccepting Yes\n"
            "Shared No\n</DefaultPrinter>\n"
        )

    def error_log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace") if path.exists() else ""


def printed_pdfs(title: str) -> list[Path]:
    """The PDFs cups-pdf wrote for jobs titled `title` (spaces become underscores)."""
    stem = title.replace(" ", "_")
    return sorted(ANONYMOUS_DIR.glob(f"{stem}*.pdf")) if ANONYMOUS_DIR.is_dir() else []


@contextmanager
def running_cups(monkeypatch: pytest.MonkeyPatch, port: int | None = None) -> Iterator[CupsServer]:
    """A started scheduler with its cups-pdf queue, and CUPS_SERVER/CUPS_USER pointing at it."""
    server = CupsServer(port)
    started = time.time()
    try:
        server.start()
        monkeypatch.setenv("CUPS_SERVER", server.address)
        monkeypatch.setenv("CUPS_USER", TEST_USER)
        yield server
    finally:
        server.remove()
        _remove_pdfs_since(started)


def _remove_pdfs_since(started: float) -> None:
    """The badges cups-pdf wrote for this scheduler's jobs (user doorline-test, anonymous)."""
    if not ANONYMOUS_DIR.is_dir():
        return
    for pdf in ANONYMOUS_DIR.glob("*.pdf"):
        with contextlib.suppress(OSError):
            if pdf.stat().st_mtime >= started - 1:
                pdf.unlink()
