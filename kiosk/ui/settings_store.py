"""The kiosk's settings: one typed dataclass, saved as JSON under the user's config directory.

`DOORLINE_CONFIG_DIR` (or the `path` argument) points elsewhere, for tests and for several
stations on one laptop. Unknown keys in the file are ignored and missing ones take defaults, so
an older or newer settings file never stops a door.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.ui.operator_pin import DEFAULT_PIN, hash_pin

log = logging.getLogger(__name__)

CONFIG_ENV = "DOORLINE_CONFIG_DIR"
SETTINGS_FILENAME = "kiosk-settings.json"


class Mode(StrEnum):
    DOOR = "door"  # staffed door station
    SELF = "self"  # self-check-in kiosk


@dataclass(frozen=True)
class KioskSettings:
    mode: Mode = Mode.DOOR
    camera: str = "0"  # camera index, video file or image folder
    decoder: str = "zxing"
    gate: str | None = None  # None: the gate the station was provisioned for
    printer: str = ""  # printer spec (pdf:DIR, escpos-net:H:P, cups:NAME); empty: the
    # station's printers.toml default, else none
    sounds: bool = True
    verdict_hold_s: float = 3.0  # how long a door verdict card stays up
    idle_reset_s: float = 30.0  # kiosk: back to the attract screen after this long untouched
    take_badge_s: float = 8.0  # kiosk: how long "Take your badge" stays up
    print_wait_s: float = 30.0  # kiosk: longest wait for a badge before "see the desk"
    pin_hash: str = ""  # empty: the default PIN until an operator sets one
    language: str = "en"
    data_dir: str = ""  # the station data directory last used

    def pin(self) -> str:
        return self.pin_hash or hash_pin(DEFAULT_PIN)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KioskSettings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        settings = cls(**values)
        try:
            return replace(settings, mode=Mode(settings.mode))
        except ValueError:
            return replace(settings, mode=Mode.DOOR)


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir("doorline"))


class SettingsStore:
    """Loads and saves KioskSettings; a damaged file is logged and replaced by defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / SETTINGS_FILENAME

    def load(self) -> KioskSettings:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return KioskSettings()
        except (OSError, ValueError) as error:
            log.warning("settings file %s unreadable (%s); using defaults", self.path, error)
            return KioskSettings()
        if not isinstance(data, dict):
            return KioskSettings()
        try:
            return KioskSettings.from_json(data)
        except TypeError as error:
            log.warning("settings file %s has bad values (%s); using defaults", self.path, error)
            return KioskSettings()

    def save(self, settings: KioskSettings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(settings.to_json(), indent=2), encoding="utf-8")
        temporary.replace(self.path)
