"""Printer spec strings: how an operator names a printer on the command line and in settings.

    pdf:PATH                      write the badge PDF (PATH a folder: one file per badge)
    cups:NAME                     a system printer through CUPS (its IPP API, via pycups)
    escpos-net:HOST[:PORT]        ESC/POS over TCP, port 9100 by default ([v6::addr]:PORT too)
    escpos-usb:VID:PID            ESC/POS over USB, ids in hex (04b8:0202)
    escpos-serial:DEVICE          ESC/POS over a serial port (/dev/ttyUSB0)
    escpos-file:PATH              ESC/POS bytes into a device node or file (/dev/usb/lp0)

Options follow a `?`, separated by `&`: `profile=TM-T88V` (python-escpos capabilities name),
`template=thermal-58`, `timeout=5` (seconds), `status=off` (skip the ESC/POS status request
for printers that never answer it: their badges stay "sent, unconfirmed"), `wait=60` (seconds
a CUPS job may take to complete), `baudrate=19200` (serial).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl

from printing.errors import PrinterSpecError

DEFAULT_NET_PORT = 9100
DEFAULT_TIMEOUT_S = 5.0
DEFAULT_WAIT_S = 60.0
_OPTIONS = {"profile", "template", "timeout", "status", "baudrate", "wait"}
_HOST_PORT = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[^:\[\]]+))(?::(?P<port>\d+))?$")
_USB_IDS = re.compile(r"^(?:0x)?(?P<vid>[0-9A-Fa-f]{1,4}):(?:0x)?(?P<pid>[0-9A-Fa-f]{1,4})$")


class PrinterKind(StrEnum):
    PDF = "pdf"
    CUPS = "cups"
    ESCPOS_NET = "escpos-net"
    ESCPOS_USB = "escpos-usb"
    ESCPOS_SERIAL = "escpos-serial"
    ESCPOS_FILE = "escpos-file"


ESCPOS_KINDS = frozenset(
    {
        PrinterKind.ESCPOS_NET,
        PrinterKind.ESCPOS_USB,
        PrinterKind.ESCPOS_SERIAL,
        PrinterKind.ESCPOS_FILE,
    }
)


@dataclass(frozen=True)
class PrinterSpec:
    """A parsed printer spec; `text` is the spec as written, the key for jobs and health."""

    text: str
    kind: PrinterKind
    target: str
    port: int | None = None
    usb_ids: tuple[int, int] | None = None
    profile: str | None = None
    template: str | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    wait_s: float = DEFAULT_WAIT_S
    status_check: bool = True
    baudrate: int = 9600

    @property
    def is_thermal(self) -> bool:
        """ESC/POS printers take thermal templates; PDF and CUPS take any template."""
        return self.kind in ESCPOS_KINDS

    def describe(self) -> str:
        """The printer in words for an operator."""
        if self.kind is PrinterKind.ESCPOS_NET:
            host = f"[{self.target}]" if ":" in self.target else self.target
            return f"network printer {host}:{self.port}"
        if self.kind is PrinterKind.ESCPOS_USB and self.usb_ids:
            return f"USB printer {self.usb_ids[0]:04x}:{self.usb_ids[1]:04x}"
        return {
            PrinterKind.PDF: f"PDF file {self.target}",
            PrinterKind.CUPS: f"system printer '{self.target}'",
            PrinterKind.ESCPOS_SERIAL: f"serial printer {self.target}",
            PrinterKind.ESCPOS_FILE: f"printer device {self.target}",
        }.get(self.kind, self.text)


def _options(text: str, raw: str) -> dict[str, str]:
    pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=False)
    unknown = sorted({k for k, _ in pairs} - _OPTIONS)
    if unknown:
        raise PrinterSpecError(
            f"printer '{text}': unknown option {', '.join(unknown)}"
            f" (known: {', '.join(sorted(_OPTIONS))})"
        )
    return dict(pairs)


def _number(text: str, name: str, value: str, kind: type[int] | type[float]) -> float:
    try:
        number = kind(value)
    except ValueError:
        raise PrinterSpecError(
            f"printer '{text}': {name} must be a number, not '{value}'"
        ) from None
    if number <= 0:
        raise PrinterSpecError(f"printer '{text}': {name} must be positive")
    return number


def _flag(text: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in ("on", "yes", "true", "1"):
        return True
    if lowered in ("off", "no", "false", "0"):
        return False
    raise PrinterSpecError(f"printer '{text}': status must be on or off, not '{value}'")


def _network(text: str, target: str) -> dict[str, object]:
    match = _HOST_PORT.match(target)
    if not match:
        raise PrinterSpecError(
            f"printer '{text}': expected escpos-net:HOST or escpos-net:HOST:PORT"
        )
    port = int(match.group("port") or DEFAULT_NET_PORT)
    if not 0 < port < 65536:
        raise PrinterSpecError(f"printer '{text}': port {port} is out of range")
    return {"target": match.group("v6") or match.group("host"), "port": port}


def _usb(text: str, target: str) -> dict[str, object]:
    match = _USB_IDS.match(target)
    if not match:
        raise PrinterSpecError(
            f"printer '{text}': expected escpos-usb:VID:PID in hex, e.g. 04b8:0202"
        )
    return {"usb_ids": (int(match.group("vid"), 16), int(match.group("pid"), 16))}


def parse_printer_spec(text: str) -> PrinterSpec:
    """Parse `text`; a PrinterSpecError says what was expected, in the operator's terms."""
    spec_text = text.strip()
    scheme, sep, rest = spec_text.partition(":")
    try:
        kind = PrinterKind(scheme.lower())
    except ValueError:
        known = ", ".join(f"{k.value}:" for k in PrinterKind)
        raise PrinterSpecError(
            f"printer '{text}': unknown kind '{scheme}' (use one of {known})"
        ) from None
    target, _, raw_options = rest.partition("?")
    if not sep or not target:
        raise PrinterSpecError(f"printer '{text}': nothing after '{scheme}:'")
    options = _options(spec_text, raw_options)
    fields: dict[str, object] = {"target": target}
    if kind is PrinterKind.ESCPOS_NET:
        fields.update(_network(spec_text, target))
    elif kind is PrinterKind.ESCPOS_USB:
        fields.update(_usb(spec_text, target))
    if "timeout" in options:
        fields["timeout_s"] = _number(spec_text, "timeout", options["timeout"], float)
    if "wait" in options:
        fields["wait_s"] = _number(spec_text, "wait", options["wait"], float)
    if "baudrate" in options:
        fields["baudrate"] = int(_number(spec_text, "baudrate", options["baudrate"], int))
    if "status" in options:
        fields["status_check"] = _flag(spec_text, options["status"])
    return PrinterSpec(
        text=spec_text,
        kind=kind,
        profile=options.get("profile") or None,
        template=options.get("template") or None,
        **fields,  # type: ignore[arg-type]
    )
