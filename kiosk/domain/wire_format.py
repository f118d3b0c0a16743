"""Log entries on the wire and in log rows, without the slow general paths.

Shared by station and server (both store log rows in `ENTRY_FIELDS` column order and both send
entries in the wire's JSON shape).

- `entry_json`: the same dict as `LogEntry.to_json()` (same keys and values, so the same chain
  hash), built directly.
- `entry_from_row`: a stored log row as a LogEntry, for the conflict refreshes that fold every
  touched ticket's entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.verdicts import Action, Verdict


def entry_json(entry: LogEntry) -> dict[str, Any]:
    data = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    data["action"] = str(entry.action)
    data["verdict"] = None if entry.verdict is None else str(entry.verdict)
    return data


def entry_from_row(row: Sequence[Any]) -> LogEntry:
    """A stored log row, columns in `ENTRY_FIELDS` order, as a LogEntry: positional, with the
    enums looked up in a dict (`LogEntry.from_json` builds a dict and calls the enums, about
    twice the cost; conflict refreshes build tens of thousands of these)."""
    (eid, station, seq, hlc, wall, event, gate, ticket, action, verdict, offline, method, ref,
     detail, prev_hash, hash_, pin_signature) = row  # fmt: skip
    return LogEntry(
        eid, station, seq, hlc, wall, event, gate, ticket, _ACTIONS[action],
        None if verdict is None else _VERDICTS[verdict], bool(offline), method, ref, detail,
        prev_hash, hash_, pin_signature,
    )  # fmt: skip


_ACTIONS = {str(a): a for a in Action}
_VERDICTS = {str(v): v for v in Verdict}
