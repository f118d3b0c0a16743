"""Log entries on the wire and in log rows, without the slow general paths.

- `entry_json`: the same dict as `LogEntry.to_json()` (same keys and values, so the same chain
  hash), built directly.
- `unpushed_batch`: a push body rendered by SQLite from the station's log (`json_object`), so a
  batch of 5,000 costs no Python object per entry; `tests/test_sync_wire.py` holds it equal to
  `entry_json` for awkward text (quotes, control characters, non-Latin, emoji).
- `entry_from_row`: a stored log row as a LogEntry, for the conflict refreshes that fold every
  touched ticket's entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.verdicts import Action, Verdict

if TYPE_CHECKING:
    from kiosk.core.replica import Replica

_OFFLINE_JSON = "json(CASE WHEN offline THEN 'true' ELSE 'false' END)"
# The station's unpushed entries rendered by SQLite as the wire's JSON objects (the same keys
# and values as `entry_json`), lowest sequence number first, from a sequence number on.
_UNPUSHED_SQL = (
    "SELECT seq, ticket_id, json_object("
    + ", ".join(f"'{f}', {_OFFLINE_JSON if f == 'offline' else f}" for f in ENTRY_FIELDS)
    + ") FROM checkin_log WHERE pushed = 0 AND station_id = ? AND seq > ? ORDER BY seq LIMIT ?"
)


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
     detail, prev_hash, hash_) = row  # fmt: skip
    return LogEntry(
        eid, station, seq, hlc, wall, event, gate, ticket, _ACTIONS[action],
        None if verdict is None else _VERDICTS[verdict], bool(offline), method, ref, detail,
        prev_hash, hash_,
    )  # fmt: skip


_ACTIONS = {str(a): a for a in Action}
_VERDICTS = {str(v): v for v in Verdict}


@dataclass(frozen=True)
class PushBatch:
    """Up to `limit` waiting entries of one station as a ready request body."""

    body: bytes  # {"entries": [...]}
    count: int
    last_seq: int  # the next batch starts after this sequence number
    ticket_ids: frozenset[int]


def unpushed_batch(
    replica: Replica, station_id: str, after_seq: int, limit: int
) -> PushBatch | None:
    """The next batch to upload, straight from the log table: SQLite writes each entry's JSON,
    so no LogEntry, dict or JSON encoding per entry on the station. The stored rows were
    sealed when they were written; the server checks every hash again."""
    rows = replica.conn.execute(_UNPUSHED_SQL, (station_id, after_seq, limit)).fetchall()
    if not rows:
        return None
    body = '{"entries":[' + ",".join(r[2] for r in rows) + "]}"
    tickets = frozenset(r[1] for r in rows if r[1] is not None)
    return PushBatch(body.encode(), len(rows), int(rows[-1][0]), tickets)
