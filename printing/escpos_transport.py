"""Getting ESC/POS bytes to the printer: TCP, USB, serial or a device file, never hanging.

Every step has a deadline (the spec's `timeout`, 5 s by default): a printer that refuses, that
accepts but never reads, or a device nobody drains gives a `PrinterUnavailable` in words an
operator can act on, and the print queue retries later. Before sending, a network printer is
asked for its real-time status (DLE EOT), which catches "offline" and "out of paper" and a
listener that accepted the connection but is stuck; `status=off` skips that for printers (or
print servers) that never answer it.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import socket
import stat
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from printing.errors import PrinterSetupError, PrinterUnavailable, PrintingError
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
    """What a printer said about itself before a job; `paper` LOW is worth showing the staff."""

    answered: bool
    paper: PaperState = PaperState.UNKNOWN


def send_escpos(spec: PrinterSpec, data: bytes) -> PrinterStatus:
    """Deliver one job's bytes to the printer of `spec`, or raise a `PrintingError`."""
    if spec.kind is PrinterKind.ESCPOS_NET:
        return _send_network(spec, data)
    if spec.kind is PrinterKind.ESCPOS_FILE:
        _send_file(spec, data)
    elif spec.kind is PrinterKind.ESCPOS_USB:
        _send_escpos_device(spec, data, _usb_printer(spec))
    elif spec.kind is PrinterKind.ESCPOS_SERIAL:
        _send_escpos_device(spec, data, _serial_printer(spec))
    else:
        raise PrintingError(f"{spec.describe()} is not an ESC/POS printer")
    return PrinterStatus(answered=False)


def probe_escpos(spec: PrinterSpec) -> PrinterStatus:
    """Check the printer answers (for health and the "ready for doors" check), printing nothing."""
    if spec.kind is PrinterKind.ESCPOS_NET:
        with _connect(spec) as sock:
            return _ask_status(sock, spec) if spec.status_check else PrinterStatus(answered=True)
    if spec.kind is PrinterKind.ESCPOS_FILE:
        _check_writable(Path(spec.target), spec)
        return PrinterStatus(answered=False)
    printer = _usb_printer(spec) if spec.kind is PrinterKind.ESCPOS_USB else _serial_printer(spec)
    _open_device(printer, spec)
    printer.close()
    return PrinterStatus(answered=False)


# -- network ----------------------------------------------------------------------------------


def _connect(spec: PrinterSpec) -> socket.socket:
    where = spec.describe()
    try:
        sock = socket.create_connection((spec.target, spec.port or 9100), timeout=spec.timeout_s)
    except ConnectionRefusedError:
        raise PrinterUnavailable(
            f"{where} refused the connection: is it switched on, and is {spec.port} its port?"
        ) from None
    except TimeoutError:
        raise PrinterUnavailable(
            f"{where} did not answer within {spec.timeout_s:g} s:"
            " is it switched on and on this network?"
        ) from None
    except OSError as error:
        log.info("connect to %s failed: %r", where, error)
        raise PrinterUnavailable(f"{where} cannot be reached: {error.strerror or error}") from None
    sock.settimeout(spec.timeout_s)
    return sock


def _read_status_byte(sock: socket.socket, spec: PrinterSpec) -> int | None:
    try:
        reply = sock.recv(1)
    except TimeoutError:
        raise PrinterUnavailable(
            f"{spec.describe()} accepted the connection but did not answer within "
            f"{spec.timeout_s:g} s (busy or jammed?). For a printer that never answers status "
            "requests add ?status=off to its spec."
        ) from None
    except OSError as error:
        raise PrinterUnavailable(f"{spec.describe()} dropped the connection: {error}") from None
    if not reply:
        raise PrinterUnavailable(f"{spec.describe()} closed the connection without an answer")
    if reply[0] & STATUS_SHAPE_MASK != STATUS_SHAPE:
        log.info("%s sent %r, not a status byte; assuming it is ready", spec.describe(), reply)
        return None
    return reply[0]


def _ask(sock: socket.socket, spec: PrinterSpec, question: bytes) -> int | None:
    try:
        sock.sendall(question)
    except OSError as error:
        raise PrinterUnavailable(f"{spec.describe()} dropped the connection: {error}") from None
    return _read_status_byte(sock, spec)


def _offline_reason(cause: int | None) -> str:
    if cause is None:
        return "it is offline"
    if cause & 0x04:
        return "its cover is open"
    if cause & 0x20:
        return "it is out of paper"
    if cause & 0x40:
        return "it reports an error (cutter jam or overheating?)"
    return "it is offline"


def _ask_status(sock: socket.socket, spec: PrinterSpec) -> PrinterStatus:
    printer = _ask(sock, spec, ASK_PRINTER)
    if printer is not None and printer & 0x08:
        cause = _ask(sock, spec, ASK_OFFLINE_CAUSE)
        raise PrinterUnavailable(f"{spec.describe()} cannot print: {_offline_reason(cause)}")
    paper = _ask(sock, spec, ASK_PAPER)
    if paper is not None and paper & 0x60 == 0x60:
        raise PrinterUnavailable(f"{spec.describe()} cannot print: it is out of paper")
    low = paper is not None and bool(paper & 0x0C)
    return PrinterStatus(answered=True, paper=PaperState.LOW if low else PaperState.OK)


def _send_network(spec: PrinterSpec, data: bytes) -> PrinterStatus:
    with _connect(spec) as sock:
        status = _ask_status(sock, spec) if spec.status_check else PrinterStatus(answered=False)
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except TimeoutError:
            raise PrinterUnavailable(
                f"{spec.describe()} stopped taking data for {spec.timeout_s:g} s (paper jam?)"
            ) from None
        except OSError as error:
            raise PrinterUnavailable(
                f"{spec.describe()} closed the connection while printing: {error.strerror or error}"
            ) from None
    return status


# -- device files -----------------------------------------------------------------------------


def _check_writable(path: Path, spec: PrinterSpec) -> None:
    if path.exists():
        if not os.access(path, os.W_OK):
            raise PrinterSetupError(
                f"no permission to write {path} (is this user in the lp group?)"
            )
    elif not path.parent.is_dir():
        raise PrinterUnavailable(f"{spec.describe()} does not exist (is the printer plugged in?)")


def _open_for_writing(path: Path, spec: PrinterSpec) -> int:
    """Open without blocking: a FIFO with no reader or a stuck device must not hang us."""
    is_plain = not path.exists() or stat.S_ISREG(path.stat().st_mode)
    flags = os.O_WRONLY | os.O_NONBLOCK | (os.O_CREAT | os.O_TRUNC if is_plain else 0)
    try:
        return os.open(path, flags, 0o644)
    except FileNotFoundError:
        raise PrinterUnavailable(
            f"{spec.describe()} does not exist (is the printer plugged in?)"
        ) from None
    except PermissionError:
        raise PrinterSetupError(
            f"no permission to write {path} (is this user in the lp group?)"
        ) from None
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise PrinterUnavailable(
                f"nothing is reading {path}: the printer is not connected"
            ) from None
        raise PrinterUnavailable(f"cannot open {path}: {error.strerror or error}") from None


def _send_file(spec: PrinterSpec, data: bytes) -> None:
    path = Path(spec.target)
    fd = _open_for_writing(path, spec)
    deadline = time.monotonic() + spec.timeout_s
    view = memoryview(data)
    try:
        while view:
            try:
                written = os.write(fd, view)
            except BlockingIOError:
                written = 0
            except OSError as error:
                raise PrinterUnavailable(
                    f"writing to {path} failed: {error.strerror or error}"
                ) from None
            view = view[written:]
            if view and not select.select([], [fd], [], max(0.0, deadline - time.monotonic()))[1]:
                raise PrinterUnavailable(
                    f"{path} stopped taking data for {spec.timeout_s:g} s (jammed?)"
                )
    finally:
        os.close(fd)


# -- USB and serial, through python-escpos's printer classes ----------------------------------


def _usb_printer(spec: PrinterSpec) -> Any:
    from escpos.printer import Usb

    if not Usb.is_usable() or spec.usb_ids is None:
        raise PrinterSetupError(
            "USB printers need the pyusb package (pip install 'python-escpos[usb]')"
        )
    vid, pid = spec.usb_ids
    return Usb(vid, pid, timeout=int(spec.timeout_s * 1000), profile=spec.profile)


def _serial_printer(spec: PrinterSpec) -> Any:
    from escpos.printer import Serial

    if not Serial.is_usable():
        raise PrinterSetupError(
            "serial printers need the pyserial package (pip install 'python-escpos[serial]')"
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
            f"{spec.describe()} was not found (plugged in and switched on?)"
        ) from None
    device = printer.device
    if hasattr(device, "write_timeout"):  # pyserial: a missing DSR must not block forever
        device.write_timeout = spec.timeout_s


def _send_escpos_device(spec: PrinterSpec, data: bytes, printer: Any) -> None:
    _open_device(printer, spec)
    try:
        printer._raw(data)
    except Exception as error:  # a USB or serial timeout, or the cable pulled mid-job
        log.info("writing to %s failed: %r", spec.describe(), error)
        raise PrinterUnavailable(f"{spec.describe()} stopped taking data: {error}") from None
    finally:
        printer.close()
