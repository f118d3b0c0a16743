"""System printers through CUPS, driven by its command-line clients `lp` and `lpstat`.

The command-line clients are the one CUPS interface present wherever CUPS is (no Python binding
to install), they run with a deadline, and tests replace them with scripts on PATH. Output is
parsed in the C locale. When CUPS is missing or not running the message says so plainly and
names the alternative (`pdf:PATH`).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from printing.errors import CupsUnavailable, PrinterSetupError, PrinterUnavailable

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 15.0
_NOT_RUNNING = ("scheduler is not running", "unable to connect to server", "connection refused")
_NO_SUCH_PRINTER = ("does not exist", "unknown destination", "invalid destination")
_REQUEST_ID = re.compile(r"request id is (\S+)")
_PRINTER_LINE = re.compile(r"^printer (?P<name>\S+) (?P<rest>.*)$")
_DEFAULT_LINE = re.compile(r"^system default destination: (?P<name>\S+)")


@dataclass(frozen=True)
class CupsPrinter:
    """One CUPS queue as `lpstat` describes it."""

    name: str
    state: str  # idle, printing, disabled or unknown
    enabled: bool
    is_default: bool
    detail: str


def _run(
    args: list[str], *, stdin: bytes | None = None, timeout_s: float
) -> subprocess.CompletedProcess[bytes]:
    if shutil.which(args[0]) is None:
        raise CupsUnavailable(
            f"CUPS is not installed on this computer (no '{args[0]}' command): install the"
            " cups-client package, or print to a file with --printer pdf:PATH"
        )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        result = subprocess.run(
            args, input=stdin, capture_output=True, timeout=timeout_s, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        raise PrinterUnavailable(f"CUPS did not answer within {timeout_s:g} s") from None
    except OSError as error:
        raise CupsUnavailable(f"cannot run {args[0]}: {error.strerror or error}") from None
    log.debug("%s -> %s %r %r", args, result.returncode, result.stdout[-300:], result.stderr[-300:])
    return result


def _complaint(result: subprocess.CompletedProcess[bytes]) -> str:
    text = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
    return text.splitlines()[-1] if text else f"exit status {result.returncode}"


def _raise_for(result: subprocess.CompletedProcess[bytes], printer: str | None) -> None:
    complaint = _complaint(result)
    lowered = complaint.lower()
    if any(sign in lowered for sign in _NOT_RUNNING):
        raise CupsUnavailable(
            "the CUPS print service is not running on this computer"
            " (start it, or print to a file with --printer pdf:PATH)"
        )
    if printer and any(sign in lowered for sign in _NO_SUCH_PRINTER):
        raise PrinterSetupError(f"CUPS has no printer named '{printer}' (see `doorline printers`)")
    raise PrinterUnavailable(f"CUPS refused the job: {complaint}")


def _state(rest: str) -> tuple[str, bool]:
    if "disabled" in rest:
        return "disabled", False
    if "now printing" in rest:
        return "printing", True
    if "is idle" in rest:
        return "idle", True
    return "unknown", "enabled" in rest


def list_printers(timeout_s: float = DEFAULT_TIMEOUT_S) -> list[CupsPrinter]:
    """Every CUPS printer with its state; [] when CUPS runs but has no printers."""
    result = _run(["lpstat", "-p", "-d"], timeout_s=timeout_s)
    text = result.stdout.decode("utf-8", "replace")
    if result.returncode != 0 and "no destinations" not in (text + _complaint(result)).lower():
        _raise_for(result, None)
    default = ""
    printers: list[tuple[str, str]] = []
    for line in text.splitlines():
        if match := _DEFAULT_LINE.match(line):
            default = match.group("name")
        elif match := _PRINTER_LINE.match(line):
            printers.append((match.group("name"), match.group("rest")))
    found = []
    for name, rest in printers:
        state, enabled = _state(rest)
        found.append(CupsPrinter(name, state, enabled, name == default, rest.strip()))
    return found


def printer_status(name: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> CupsPrinter:
    """The state of one printer; PrinterSetupError when CUPS does not know it."""
    for printer in list_printers(timeout_s):
        if printer.name == name:
            return printer
    raise PrinterSetupError(f"CUPS has no printer named '{name}' (see `doorline printers`)")


def print_pdf(
    name: str, pdf: bytes, *, title: str, media: str = "", timeout_s: float = DEFAULT_TIMEOUT_S
) -> str:
    """Queue `pdf` on CUPS printer `name` with `lp`; return the CUPS request id."""
    args = ["lp", "-d", name, "-t", title]
    if media:
        args += ["-o", f"media={media}"]
    result = _run(args, stdin=pdf, timeout_s=timeout_s)
    if result.returncode != 0:
        _raise_for(result, name)
    match = _REQUEST_ID.search(result.stdout.decode("utf-8", "replace"))
    return match.group(1) if match else "(no request id)"
