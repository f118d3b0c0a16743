"""The server's union log as rows: columns in `LogEntry` field order, plus when it arrived and
its server cursor value."""

from __future__ import annotations

from typing import Any

import orjson

from kiosk.domain.log_entry import ENTRY_FIELDS, LogEntry
from kiosk.domain.wire_format import entry_json

LOG_COLUMNS = ENTRY_FIELDS
LOG_SELECT = ", ".join(LOG_COLUMNS)
# ON CONFLICT DO NOTHING: an entry id (or a station's sequence number) already held is never
# overwritten, whoever inserts it first; callers answer duplicates from what they read first.
# The last three values: received_ms, change_seq, wire (`wire_json`).
INSERT_LOG_SQL = (
    f"INSERT INTO log ({LOG_SELECT}, received_ms, change_seq, wire) "
    f"VALUES ({', '.join('?' * (len(LOG_COLUMNS) + 3))}) ON CONFLICT DO NOTHING"
)


def wire_json(fields: dict[str, Any]) -> bytes:
    """An entry as stations pull it (UTF-8 JSON, `kiosk.domain.wire_format`: the fields in
    `ENTRY_FIELDS` order, `offline` true/false), stored with the row when it arrives so that
    pulls send it as it is. `fields`: `entry_json()` or a checked upload."""
    return orjson.dumps({c: fields[c] for c in LOG_COLUMNS} | {"offline": bool(fields["offline"])})


def entry_values(entry: LogEntry) -> tuple[Any, ...]:
    """A LogEntry as a log row's first columns (`offline` as 0/1)."""
    data = entry_json(entry)
    data["offline"] = int(entry.offline)
    return tuple(data[c] for c in LOG_COLUMNS)
