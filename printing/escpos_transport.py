"""Getting ESC/POS bytes to the printer: TCP, USB, serial or a device file, never hanging.

Every step has a deadline (the spec's `timeout`, 5 s by default): a printer that refuses, that
accepts but never reads, or a device nobody drains gives a `PrinterUnavailable` in words an
operator can act on, and the print queue retries later (the printer never got the badge).

A badge counts as printed only when the printer confirms it. Before the job a network, USB or
serial printer is asked for its real-time status (DLE EOT n, "Transmit real-time status",
Epson ESC/POS Application Programming Guide: n=1 printer, n=2 offline cause, n=4 roll paper
sensor), which catches "offline", "cover open" and "out of paper" before a badge is sent into a
void. After the job the same questions are asked again on the same connection: an answer that
says online and not out of paper confirms the job; a connection broken mid-job, a printer gone
offline or out of paper, or no answer at all raises `PrintUnconfirmed` (the badge may have
printed, in whole or part: an operator decides). `status=off` skips the questions for printers
or print servers that never answer them; their jobs are then "sent, unconfirmed" by rule.
A device file (`/dev/usb/lp0`, a FIFO) cannot answer either; a regular file is confirmed when
its bytes are on disk (fsync).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import select
import socket
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from printing.errors import (
    PrinterSetupError,
    PrinterUnavailable,
    PrintingError,
    PrintProblem,
    PrintUnconfirmed,
)
from printing.printer_spec import PrinterKind, PrinterSpec

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
ASK_PRINTER = DLE_EOT + b"\x01"  # bit 3: offline
ASK_OFFLINE_CAUSE = DLE_EOT + b"\x02"  # bit 2: cover open, bit 5: paper end, bit 6: error
ASK_PAPER = DLE_EOT + b"\x04"  # bits 2-3: paper near end, bits 5-6: paper end
STATUS_SHAPE_MASK, STATUS_SHAPE = 0x93, 0x12  # fixed bits of every status byte: 0xx1xx10


class PaperState(StrEnum):
    OK = "ok"
    LOW = "low"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PrinterStatus:
    """What a printer said about itself (the DLE EOT bits), or `answered` False if it cannot
    say (status=off, a device file). `confirmed`: the job was confirmed (by the status after
    it, or by a file complete on disk)."""

    answered: bool
    paper: PaperState = PaperState.UNKNOWN
    offline: bool = False
    cover_open: bool = False
    paper_out: bool = False
    error: bool = False
    confirmed: bool = False

    @property
    def can_print(self) -> bool:
        return not (self.offline or self.paper_out or self.cover_open or self.error)

    def words(self) -> str:
        """'ready', 'ready, paper low', 'offline: cover open'…, or 'no status' when unanswered."""
        if not self.answered:
            return "no status"
        if self.can_print:
            return "ready, paper low" if self.paper is PaperState.LOW else "ready"
        return f"offline: {_offline_reason(self)}"


def status_from_bytes(printer: int | None, cause: int | None, paper: int | None) -> PrinterStatus:
    """Decode the answers to DLE EOT 1 (printer: bit 3 offline), DLE EOT 2 (offline cause:
    bit 2 cover open, bit 5 paper end stop, bit 6 error) and DLE EOT 4 (roll paper sensor:
    bits 2-3 near end, bits 5-6 end). None = that question got no status byte; without the
    printer byte the status is not `answered`."""
    offline = printer is not None and bool(printer & 0x08)
    cover_open = cause is not None and bool(cause & 0x04)
    error = cause is not None and bool(cause & 0x40)
    paper_out = (paper is not None and paper & 0x60 == 0x60) or (
        cause is not None and bool(cause & 0x20)
    )
    low = paper is not None and bool(paper & 0x0C)
    known = paper is not None
    state = PaperState.LOW if low else (PaperState.OK if known else PaperState.UNKNOWN)
    return PrinterStatus(printer is not None, state, offline, cover_open, paper_out, error)


def offline_problem(status: PrinterStatus) -> PrintProblem:
    """Why a printer that answered cannot print, as a code for a window to translate."""
    if status.cover_open:
        return PrintProblem.COVER_OPEN
    if status.paper_out:
        return PrintProblem.PAPER_OUT
    if status.error:
        return PrintProblem.PRINTER_ERROR
    return PrintProblem.OFFLINE


def _offline_reason(status: PrinterStatus) -> str:
    if status.cover_open:
        return "its cover is open"
    if status.paper_out:
        return "it is out of paper"
    if status.error:
        return "it reports an error (cutter jam or overheating?)"
    return "it is offline"


def send_escpos(spec: PrinterSpec, data: bytes) -> PrinterStatus:
    """Deliver one job's bytes to the printer of `spec` and return its confirmed status.

    Raises `PrinterUnavailable` when the printer never got the job (safe to send again) and
    `PrintUnconfirmed` when it got some or all of it but did not confirm the badge."""
    if spec.kind is PrinterKind.ESCPOS_NET:
        return _send_network(spec, data)
    if spec.kind is PrinterKind.ESCPOS_FILE:
        return _send_file(spec, data)
    if spec.kind is PrinterKind.ESCPOS_USB:
        return _send_escpos_device(spec, data, _usb_printer(spec))
    if spec.kind is PrinterKind.ESCPOS_SERIAL:
        return _send_escpos_device(spec, data, _serial_printer(spec))
    raise PrintingError(f"{spec.describe()} is not an ESC/POS printer", PrintProblem.NOT_ESCPOS)


def probe_escpos(spec: PrinterSpec) -> PrinterStatus:
    """Check the printer answers (for health and the "ready for doors" check), printing nothing."""
    if spec.kind is PrinterKind.ESCPOS_NET:
        with _connect(spec) as sock:
            if not spec.status_check:
                return PrinterStatus(answered=False)
            return _ask_status(lambda q: _ask(sock, spec, q))
    if spec.kind is PrinterKind.ESCPOS_FILE:
        _check_writable(Path(spec.target), spec)
        return PrinterStatus(answered=False)
    printer = _usb_printer(spec) if spec.kind is PrinterKind.ESCPOS_USB else _serial_printer(spec)
    _open_device(printer, spec)
    try:
        return _device_status(printer, spec)
    finally:
        printer.close()


def _ask_status(ask: Callable[[bytes], int | None]) -> PrinterStatus:
    return status_from_bytes(ask(ASK_PRINTER), ask(ASK_OFFLINE_CAUSE), ask(ASK_PAPER))


def _refuse_unless_ready(status: PrinterStatus, spec: PrinterSpec) -> None:
    if not status.can_print:
        raise PrinterUnavailable(
            f"{spec.describe()} cannot print: {_offline_reason(status)}", offline_problem(status)
        )


def _confirm(status: PrinterStatus, spec: PrinterSpec) -> PrinterStatus:
    """The status after the job: online and with paper confirms it; anything else may have
    cut the badge short."""
    if not status.answered:
        raise PrintUnconfirmed(
            f"sent to {spec.describe()}, but its answer after the badge was not a status byte:"
            " nothing confirms the badge came out (it may have printed)",
            PrintProblem.MAY_HAVE_PRINTED,
        )
    if not status.can_print:
        raise PrintUnconfirmed(
            f"{spec.describe()} went offline during the badge ({_offline_reason(status)}):"
            " it may have printed part of it",
            PrintProblem.CUT_SHORT,
        )
    return PrinterStatus(**{**status.__dict__, "confirmed": True})


# -- network ----------------------------------------------------------------------------------


def _connect(spec: PrinterSpec) -> socket.socket:
    where = spec.describe()
    try:
        sock = socket.create_connection((spec.target, spec.port or 9100), timeout=spec.timeout_s)
    except ConnectionRefusedError:
        raise PrinterUnavailable(
            f"{where} refused the connection: is it switched on, and is {spec.port} its port?",
            PrintProblem.REFUSED_CONNECTION,
            spec.port,
        ) from None
    except TimeoutError:
        raise PrinterUnavailable(
            f"{where} did not answer within {spec.timeout_s:g} s:"
            " is it switched on and on this network?",
            PrintProblem.NO_ANSWER,
            f"{spec.timeout_s:g}",
        ) from None
    except OSError as error:
        log.info("connect to %s failed: %r", where, error)
        raise PrinterUnavailable(
            f"{where} cannot be reached: {error.strerror or error}",
            PrintProblem.UNREACHABLE,
            error.strerror or error,
        ) from None
    sock.settimeout(spec.timeout_s)
    # Status requests are 3 bytes: without TCP_NODELAY, Nagle's algorithm holds each one back
    # until the job's last segment is acknowledged (a delayed ACK: ~40 ms per badge).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _read_status_byte(sock: socket.socket, spec: PrinterSpec) -> int | None:
    try:
        reply = sock.recv(1)
    except TimeoutError:
        raise PrinterUnavailable(
            f"{spec.describe()} accepted the connection but did not answer within "
            f"{spec.timeout_s:g} s (busy or jammed?). For a printer that never answers status "
            "requests add ?status=off to its spec.",
            PrintProblem.BUSY_OR_JAMMED,
            f"{spec.timeout_s:g}",
        ) from None
    except OSError as error:
        raise PrinterUnavailable(
            f"{spec.describe()} dropped the connection: {error}", PrintProblem.CONNECTION_DROPPED
        ) from None
    if not reply:
        raise PrinterUnavailable(
            f"{spec.describe()} closed the connection without an answer",
            PrintProblem.CONNECTION_DROPPED,
        )
    if reply[0] & STATUS_SHAPE_MASK != STATUS_SHAPE:
        log.info("%s sent %r, not a status byte; assuming it is ready", spec.describe(), reply)
        return None
    return reply[0]


def _ask(sock: socket.socket, spec: PrinterSpec, question: bytes) -> int | None:
    try:
        sock.sendall(question)
    except OSError as error:
        raise PrinterUnavailable(
            f"{spec.describe()} dropped the connection: {error}", PrintProblem.CONNECTION_DROPPED
        ) from None
    return _read_status_byte(sock, spec)


def _drain(sock: socket.socket) -> None:
    """Drop bytes the printer sent on its own (an automatic status back, a stray answer), so
    the next status byte read answers the next question."""
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        while sock.recv(256):
            pass
    except (BlockingIOError, InterruptedError):
        pass
    except OSError as error:
        raise PrintUnconfirmed(
            f"{sock_name(sock)} broke the connection after the badge was sent ({error}):"
            " it may have printed part of it or none",
            PrintProblem.CUT_SHORT,
        ) from None
    finally:
        sock.settimeout(timeout)  # setblocking(True) would drop the deadline


def sock_name(sock: socket.socket) -> str:
    try:
        host, port = sock.getpeername()[:2]
    except OSError:
        return "the network printer"
    return f"network printer {host}:{port}"


def _send_network(spec: PrinterSpec, data: bytes) -> PrinterStatus:
    where = spec.describe()
    with _connect(spec) as sock:
        if spec.status_check:
            _refuse_unless_ready(_ask_status(lambda q: _ask(sock, spec, q)), spec)
        try:
            sock.sendall(data)
        except TimeoutError:
            raise PrintUnconfirmed(
                f"{where} stopped taking data mid-badge for {spec.timeout_s:g} s (paper jam?):"
                " it may have printed part of it",
                PrintProblem.CUT_SHORT,
            ) from None
        except OSError as error:
            raise PrintUnconfirmed(
                f"{where} broke the connection mid-badge ({error.strerror or error}):"
                " it may have printed part of it",
                PrintProblem.CUT_SHORT,
            ) from None
        if not spec.status_check:
            raise PrintUnconfirmed(
                f"sent to {where}, which is set not to answer status requests (status=off):"
                " nothing confirms the badge came out",
                PrintProblem.MAY_HAVE_PRINTED,
            )
        try:
            _drain(sock)
            after = _ask_status(lambda q: _ask(sock, spec, q))
        except PrinterUnavailable as error:
            raise PrintUnconfirmed(
                f"sent to {where}, but it did not confirm the badge ({error}): it may have"
                " printed it, in whole or in part",
                PrintProblem.MAY_HAVE_PRINTED,
            ) from None
        confirmed = _confirm(after, spec)
        with contextlib.suppress(OSError):  # confirmed already; the printer may close first
            sock.shutdown(socket.SHUT_WR)
    return confirmed


# -- device files -----------------------------------------------------------------------------


def _check_writable(path: Path, spec: PrinterSpec) -> None:
    if path.exists():
        if not os.access(path, os.W_OK):
            raise PrinterSetupError(
                f"no permission to write {path} (is this user in the lp group?)",
                PrintProblem.NO_PERMISSION,
                path,
            )
    elif not path.parent.is_dir():
        raise PrinterUnavailable(
            f"{spec.describe()} does not exist (is the printer plugged in?)",
            PrintProblem.NOT_PLUGGED_IN,
        )


def _refuse_to_overwrite_other_files(path: Path) -> None:
    """An existing regular file is replaced only when empty or an earlier job (ESC/POS jobs
    start with `ESC @`): a mistyped `escpos-file:station.sqlite3` must never truncate the
    station's database. Raises `PrinterSetupError` (not retried) otherwise."""
    try:
        with path.open("rb") as existing:
            head = existing.read(2)
    except OSError:
        return  # missing (the usual case), or unreadable: opening it will say why
    if head not in (b"", b"\x1b@"):
        raise PrinterSetupError(
            f"{path} exists and is not an ESC/POS job: a badge never overwrites it "
            "(name a printer device, a new file, or an earlier job's file)",
            PrintProblem.WOULD_OVERWRITE,
            path,
        )


def _open_for_writing(path: Path, spec: PrinterSpec) -> int:
    """Open without blocking: a FIFO with no reader or a stuck device must not hang us."""
    is_plain = not path.exists() or stat.S_ISREG(path.stat().st_mode)
    if is_plain:
        _refuse_to_overwrite_other_files(path)
    flags = os.O_WRONLY | os.O_NONBLOCK | (os.O_CREAT | os.O_TRUNC if is_plain else 0)
    try:
        return os.open(path, flags, 0o644)
    except FileNotFoundError:
        raise PrinterUnavailable(
            f"{spec.describe()} does not exist (is the printer plugged in?)",
            PrintProblem.NOT_PLUGGED_IN,
        ) from None
    except PermissionError:
        raise PrinterSetupError(
            f"no permission to write {path} (is this user in the lp group?)",
            PrintProblem.NO_PERMISSION,
            path,
        ) from None
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise PrinterUnavailable(
                f"nothing is reading {path}: the printer is not connected",
                PrintProblem.NOT_PLUGGED_IN,
            ) from None
        raise PrinterUnavailable(
            f"cannot open {path}: {error.strerror or error}",
            PrintProblem.CANNOT_WRITE,
            path,
            error.strerror or error,
        ) from None


def _send_file(spec: PrinterSpec, data: bytes) -> PrinterStatus:
    path = Path(spec.target)
    fd = _open_for_writing(path, spec)
    regular = stat.S_ISREG(os.fstat(fd).st_mode)
    deadline = time.monotonic() + spec.timeout_s
    view = memoryview(data)
    try:
        while view:
            try:
                written = os.write(fd, view)
            except BlockingIOError:
                written = 0
            except OSError as error:
                if regular:
                    raise  # a file, not a printer: nothing came out (below)
                raise PrintUnconfirmed(
                    f"writing to {path} failed mid-badge: {error.strerror or error}",
                    PrintProblem.CUT_SHORT,
                ) from None
            view = view[written:]
            if view and not select.select([], [fd], [], max(0.0, deadline - time.monotonic()))[1]:
                raise PrintUnconfirmed(
                    f"{path} stopped taking data mid-badge for {spec.timeout_s:g} s (jammed?):"
                    " it may have printed part of it",
                    PrintProblem.CUT_SHORT,
                )
        if regular:
            os.fsync(fd)
    except OSError as error:
        if not regular:
            raise
        # A regular file that could not be written (disk full) holds no badge: the job failed
        # and is safe to resend, and no half-written file is left to be mistaken for one.
        path.unlink(missing_ok=True)
        raise PrinterUnavailable.cannot_write(path, error) from None
    finally:
        os.close(fd)
    if regular:
        if path.stat().st_size == len(data):
            return PrinterStatus(answered=False, confirmed=True)  # complete on disk
        raise PrinterUnavailable.incomplete_file(path)
    raise PrintUnconfirmed(
        f"sent to {path}; a device file cannot tell whether the badge came out",
        PrintProblem.MAY_HAVE_PRINTED,
    )


# -- USB and serial, through python-escpos's printer classes ----------------------------------


def _usb_printer(spec: PrinterSpec) -> Any:
    from escpos.printer import Usb

    if not Usb.is_usable() or spec.usb_ids is None:
        raise PrinterSetupError(
            "USB printers need the pyusb package (pip install 'python-escpos[usb]')",
            PrintProblem.NEEDS_PACKAGE,
            "pyusb",
        )
    vid, pid = spec.usb_ids
    return Usb(vid, pid, timeout=int(spec.timeout_s * 1000), profile=spec.profile)


def _serial_printer(spec: PrinterSpec) -> Any:
    from escpos.printer import Serial

    if not Serial.is_usable():
        raise PrinterSetupError(
            "serial printers need the pyserial package (pip install 'python-escpos[serial]')",
            PrintProblem.NEEDS_PACKAGE,
            "pyserial",
        )
    return Serial(
        devfile=spec.target, baudrate=spec.baudrate, timeout=spec.timeout_s, profile=spec.profile
    )


def _open_device(printer: Any, spec: PrinterSpec) -> None:
    try:
        printer.open()
    except Exception as error:  # python-escpos raises its own and the driver's errors here
        log.info("opening %s failed: %r", spec.describe(), error)
        raise PrinterUnavailable(
            f"{spec.describe()} was not found (plugged in and switched on?)",
            PrintProblem.NOT_PLUGGED_IN,
        ) from None
    device = printer.device
    if hasattr(device, "write_timeout"):  # pyserial: a missing DSR must not block forever
        device.write_timeout = spec.timeout_s


def _device_status(printer: Any, spec: PrinterSpec) -> PrinterStatus:
    """DLE EOT 1, 2 and 4 through python-escpos's `query_status` (a USB IN endpoint or the
    serial line); a device that answers nothing gives `answered` False."""

    def ask(question: bytes) -> int | None:
        try:
            reply = bytes(printer.query_status(question))
        except Exception as error:  # pyusb and pyserial raise their own timeouts
            log.info("status request to %s failed: %r", spec.describe(), error)
            return None
        if not reply or reply[0] & STATUS_SHAPE_MASK != STATUS_SHAPE:
            return None
        return reply[0]

    first = ask(ASK_PRINTER)
    if first is None:
        return PrinterStatus(answered=False)
    return status_from_bytes(first, ask(ASK_OFFLINE_CAUSE), ask(ASK_PAPER))


def _send_escpos_device(spec: PrinterSpec, data: bytes, printer: Any) -> PrinterStatus:
    _open_device(printer, spec)
    try:
        if spec.status_check:
            before = _device_status(printer, spec)
            if before.answered:
                _refuse_unless_ready(before, spec)
        try:
            printer._raw(data)
        except Exception as error:  # a USB or serial timeout, or the cable pulled mid-job
            log.info("writing to %s failed: %r", spec.describe(), error)
            raise PrintUnconfirmed(
                f"{spec.describe()} stopped taking data mid-badge ({error}):"
                " it may have printed part of it",
                PrintProblem.CUT_SHORT,
            ) from None
        after = _device_status(printer, spec) if spec.status_check else PrinterStatus(False)
        return _confirm(after, spec)
    finally:
        printer.close()
