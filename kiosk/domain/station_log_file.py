"""A station's log as a file: how a USB-stick station's scans come home (docs/sync-protocol.md).

A station provisioned from a bundle never talks to the server. `doorline station export-log`
writes its own entries — all of them, in sequence order, nothing else from the replica — as
one JSON document; `doorline server import-log` merges them exactly as a push would. The file
is signed by the log's own hash chain: every entry's hash covers its fields and the previous
entry's hash, and the document names the head hash, so an edited, removed, reordered or
appended entry is found, and named, before anything is merged.

Pure format code: building the document and checking it, no I/O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kiosk.domain.log_entry import GENESIS_HASH, LogEntry

LOG_FILE_FORMAT = "doorline-station-log/1"
MAX_LOG_FILE_BYTES = 1024 * 1024 * 1024


class LogFileError(ValueError):
    """A log file that must not be merged; the words name the entry where one is at fault."""


@dataclass(frozen=True)
class StationLogFile:
    station_id: str
    station_name: str
    event_id: int
    gate_id: str
    bundle_id: str | None
    exported_ms: int
    entries: tuple[LogEntry, ...]
    head_hash: str


def log_document(log: StationLogFile) -> dict[str, Any]:
    """The JSON object written to the file."""
    return {
        "format": LOG_FILE_FORMAT,
        "station": {
            "station_id": log.station_id,
            "name": log.station_name,
            "event_id": log.event_id,
            "gate_id": log.gate_id,
            "bundle_id": log.bundle_id,
        },
        "exported_ms": log.exported_ms,
        "count": len(log.entries),
        "head_hash": log.head_hash,
        "entries": [e.to_json() for e in log.entries],
    }


def encode_log_file(log: StationLogFile) -> bytes:
    return json.dumps(log_document(log), ensure_ascii=False, separators=(",", ":")).encode()


def decode_log_file(raw: bytes) -> StationLogFile:
    """Parse and verify a log file; raises LogFileError naming what is wrong.

    Checks: JSON of this format; one station's entries for one event, in sequence order from 1;
    every entry's hash over its fields; every link to the previous entry's hash; the count and
    head hash the document declares (so a truncated or extended file is caught)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise LogFileError("not a Doorline station log (not UTF-8 text)") from None
    except (ValueError, RecursionError) as error:  # RecursionError: nested past the parser
        raise LogFileError(f"not a Doorline station log (not JSON: {error})") from None
    if not isinstance(data, dict) or data.get("format") != LOG_FILE_FORMAT:
        raise LogFileError(f"not a Doorline station log (expected format {LOG_FILE_FORMAT})")
    try:
        station = data["station"]
        station_id = _text(station["station_id"], "station_id")
        event_id = station["event_id"]
        if not isinstance(event_id, int) or isinstance(event_id, bool):
            raise LogFileError("station.event_id must be an integer")
        raw_entries = data["entries"]
        declared_count = data["count"]
        declared_head = data["head_hash"]
        exported_ms = int(data["exported_ms"])
        bundle = station.get("bundle_id")
        name = _text(station.get("name") or station_id, "name")
        gate = _text(station.get("gate_id") or "", "gate_id")
    except (KeyError, TypeError) as error:
        raise LogFileError(f"station log is missing {error}") from None
    if not isinstance(raw_entries, list):
        raise LogFileError("entries must be a list")
    entries = tuple(_entry(raw, index) for index, raw in enumerate(raw_entries, start=1))
    head = _verify(entries, station_id, event_id)
    if declared_count != len(entries):
        raise LogFileError(
            f"the file declares {declared_count} entries but holds {len(entries)}: "
            "entries were removed or added"
        )
    if declared_head != head:
        raise LogFileError("the file's head hash does not match its last entry: it was altered")
    return StationLogFile(
        station_id=station_id,
        station_name=name,
        event_id=event_id,
        gate_id=gate,
        bundle_id=bundle if isinstance(bundle, str) and bundle else None,
        exported_ms=exported_ms,
        entries=entries,
        head_hash=head,
    )


def _text(value: object, key: str) -> str:
    if not isinstance(value, str) or len(value) > 200:
        raise LogFileError(f"station.{key} must be text")
    return value


def _entry(raw: object, index: int) -> LogEntry:
    if not isinstance(raw, dict):
        raise LogFileError(f"entry {index} is not an object")
    try:
        return LogEntry.from_json(raw)
    except (KeyError, ValueError, TypeError) as error:
        shown = str(raw.get("id", ""))[:64]
        raise LogFileError(f"entry {index} (id {shown}) is malformed ({error})") from None


def _verify(entries: tuple[LogEntry, ...], station_id: str, event_id: int) -> str:
    """The head hash of a well-formed chain; LogFileError naming the first entry that breaks it."""
    previous = GENESIS_HASH
    for expected_seq, entry in enumerate(entries, start=1):
        label = f"entry {expected_seq} (id {entry.id})"
        if entry.station_id != station_id or entry.event_id != event_id:
            raise LogFileError(f"{label} belongs to another station or event")
        if entry.seq != expected_seq:
            raise LogFileError(
                f"{label} has sequence number {entry.seq}: entries are missing or reordered"
            )
        if entry.prev_hash != previous:
            raise LogFileError(f"{label} does not follow the entry before it: the chain breaks")
        # A keyed entry (a network station's) is checked with the station's key on import.
        if not entry.keyed and entry.expected_hash() != entry.hash:
            raise LogFileError(f"{label} was altered: its hash does not match its fields")
        previous = entry.hash
    return previous
