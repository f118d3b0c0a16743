"""The station's push body, rendered by SQLite straight from its log.

`unpushed_batch`: a push body rendered by SQLite from the station's log (`json_object`), so a
batch of 5,000 costs no Python object per entry; `tests/test_sync_wire.py` holds it equal to
`kiosk.domain.wire_format.entry_json` for awkward text (quotes, control characters, non-Latin,
emoji).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.domain.log_entry import ENTRY_FIELDS

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
