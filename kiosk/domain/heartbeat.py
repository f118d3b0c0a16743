"""The station heartbeat: how a station is doing, carried by every sync round.

A station sends it in the `Doorline-Heartbeat` header of the first pull request of each round
(docs/sync-protocol.md, "Heartbeat"): compact JSON, ASCII only (non-ASCII text escaped, so the
value is a valid HTTP field value, RFC 9110 §5.5). A server that does not know the header
ignores it, and a station that sends none is simply shown without one: the wire format stays
backward compatible both ways.

The server trusts nothing in it: `Heartbeat.from_header` keeps each field only when it has the
right type and a sane size, drops unknown fields, and refuses a value over `MAX_HEADER_CHARS`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

HEADER = "Doorline-Heartbeat"
MAX_HEADER_CHARS = 2048
MAX_TEXT = 120
_INT_BOUND = 2**53  # JSON's exact integer range


class DeviceState(StrEnum):
    """A printer's or camera's condition as the station last saw it."""

    READY = "ready"
    BUSY = "busy"
    FAILED = "failed"  # the device answered with an error, or stopped answering
    NONE = "none"  # this station has no such device configured
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class StationConditions:
    """What only the running kiosk knows (its window, printer and camera), handed to the sync
    engine by a provider the UI sets; a headless station (the CLI) reports none of it."""

    mode: str | None = None  # "door" or "self"
    printer: DeviceState = DeviceState.UNKNOWN
    badges_waiting: int | None = None  # print jobs queued or failed
    camera: DeviceState = DeviceState.UNKNOWN


@dataclass(frozen=True)
class Heartbeat:
    """One station's condition at the start of a sync round. Times are Unix ms (the station's
    corrected clock); `clock_offset_ms` is the station's clock minus the server's at its last
    measurement (> 0: the station runs ahead); `disk_free_mb` is the free space where the
    station keeps its data. None: the station does not know."""

    app_version: str | None = None
    unpushed: int | None = None
    last_scan_ms: int | None = None
    mode: str | None = None
    gate_id: str | None = None
    printer: str | None = None
    badges_waiting: int | None = None
    camera: str | None = None
    clock_offset_ms: int | None = None
    disk_free_mb: int | None = None

    def to_header(self) -> str:
        """The header value: the known fields as compact ASCII JSON, None fields left out."""
        present = {k: v for k, v in asdict(self).items() if v is not None}
        return json.dumps(present, separators=(",", ":"), ensure_ascii=True)

    @classmethod
    def from_header(cls, value: str | None) -> Heartbeat | None:
        """The heartbeat in a header value; None when there is none or it is not a JSON object
        within `MAX_HEADER_CHARS` (nested deeper than the parser recurses included: anyone who
        reaches the port can send one). Fields of the wrong type or out of bounds become None."""
        if not value or len(value) > MAX_HEADER_CHARS:
            return None
        try:
            raw = json.loads(value)
        except (ValueError, RecursionError):
            return None
        if not isinstance(raw, dict):
            return None
        kept: dict[str, Any] = {}
        for field in fields(cls):
            kept[field.name] = _checked(raw.get(field.name), field.type == "int | None")
        return cls(**kept)


def _checked(item: object, whole: bool) -> int | str | None:
    """`item` when it is a JSON integer within bounds (`whole`) or short printable text."""
    if whole:
        if isinstance(item, int) and not isinstance(item, bool) and abs(item) < _INT_BOUND:
            return item
        return None
    if isinstance(item, str) and 0 < len(item) <= MAX_TEXT and item.isprintable():
        return item
    return None
