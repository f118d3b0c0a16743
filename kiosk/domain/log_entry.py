"""One immutable check-in log entry and its place in the station's tamper-evident chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from typing import Any

from kiosk.domain.verdicts import Action, Verdict

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class LogEntry:
    """An action at a station. `id` is the idempotency key; (`station_id`, `seq`) reveals gaps.

    `hash` covers every other field including `prev_hash`, so removing or editing an entry
    breaks the chain from that point on, which `verify_chain` reports.
    """

    id: str
    station_id: str
    seq: int
    hlc: int
    wall_ms: int
    event_id: int
    gate_id: str | None
    ticket_id: int | None
    action: Action
    verdict: Verdict | None
    offline: bool
    method: str
    ref: str | None
    detail: str
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        """A plain dict (no `asdict`: its deep copy made this the bottleneck of a push)."""
        data = {name: getattr(self, name) for name in ENTRY_FIELDS}
        data["action"] = str(self.action)
        data["verdict"] = None if self.verdict is None else str(self.verdict)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogEntry:
        values = {name: data[name] for name in ENTRY_FIELDS}
        values["action"] = Action(values["action"])
        values["verdict"] = None if values["verdict"] is None else Verdict(values["verdict"])
        values["offline"] = bool(values["offline"])
        return cls(**values)

    def expected_hash(self) -> str:
        return entry_hash({k: v for k, v in self.to_json().items() if k != "hash"})


#: The entry's fields in order: also the log table's columns and the wire's keys.
ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(LogEntry))


def entry_hash(unhashed: dict[str, Any]) -> str:
    canonical = json.dumps(unhashed, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def seal(unhashed: dict[str, Any]) -> LogEntry:
    """Build an entry from its fields, computing the chain hash."""
    return LogEntry.from_json({**unhashed, "hash": entry_hash(unhashed)})


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(entries: list[LogEntry]) -> ChainReport:
    """Check one station's entries, in sequence order, for edits, removals and gaps."""
    previous = GENESIS_HASH
    for expected_seq, entry in enumerate(entries, start=1):
        if entry.seq != expected_seq:
            return ChainReport(False, len(entries), expected_seq, f"entry {expected_seq} missing")
        if entry.prev_hash != previous:
            return ChainReport(False, len(entries), entry.seq, "chain broken before this entry")
        if entry.expected_hash() != entry.hash:
            return ChainReport(False, len(entries), entry.seq, "entry was altered")
        previous = entry.hash
    return ChainReport(True, len(entries))
