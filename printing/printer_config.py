"""The printers a station is set up with: `<data_dir>/printers.toml`, written by hand or the UI.

    [[printer]]
    name = "Door 1 thermal"
    spec = "escpos-net:192.168.1.50?profile=TM-T20II"
    default = true

`doorline printers` lists these (and any printer the print queue has used) with their health.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from printing.errors import PrinterSpecError
from printing.printer_spec import PrinterSpec, parse_printer_spec

CONFIG_FILENAME = "printers.toml"


@dataclass(frozen=True)
class ConfiguredPrinter:
    name: str
    spec: PrinterSpec
    default: bool = False


def load_printer_config(data_dir: Path) -> list[ConfiguredPrinter]:
    """The station's configured printers; [] when it has no printers.toml."""
    path = Path(data_dir) / CONFIG_FILENAME
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PrinterSpecError(f"cannot read {path}: {error}") from error
    printers = []
    for index, entry in enumerate(data.get("printer", []), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("spec"), str):
            raise PrinterSpecError(f'{path}: printer #{index} needs a spec = "..." line')
        spec = parse_printer_spec(entry["spec"])
        printers.append(
            ConfiguredPrinter(
                str(entry.get("name") or spec.describe()), spec, bool(entry.get("default"))
            )
        )
    return printers


def default_printer(data_dir: Path) -> ConfiguredPrinter | None:
    printers = load_printer_config(data_dir)
    return next((p for p in printers if p.default), printers[0] if printers else None)
