"""Writing one pulled page into the station replica, atomically with the pull cursor.

The page's rows and the new cursor commit in one transaction, so a pull interrupted anywhere
(network, power, kill -9) resumes at the last page that was fully stored; re-applying a page is
harmless because every write is an upsert or an insert-if-absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from kiosk.core.replica import Replica
from kiosk.core.replica_writes import (
    write_gates,
    write_keys,
    write_remote_entries,
    write_revocations,
    write_ticket_types,
    write_tickets,
)
from kiosk.domain.log_entry import ENTRY_FIELDS
from kiosk.domain.verdicts import Action, Verdict
from sync.errors import ServerFailed

CURSOR_KEY = "pull_cursor"
INITIAL_PULL_KEY = "initial_pull"


@dataclass(frozen=True)
class AppliedPage:
    rows: int
    fresh: int  # log entries that were new here
    fresh_tickets: frozenset[int]  # tickets those entries are about
    max_hlc: int  # the highest HLC among them (0 if none)
    cursor: int


def pull_cursor(replica: Replica) -> int:
    return int(replica.get_state(CURSOR_KEY) or 0)


def apply_page(replica: Replica, event_id: int, page: dict[str, Any]) -> AppliedPage:
    """Store one `changes` page and advance the cursor, in one transaction."""
    entries = entry_rows(page.get("entries", []))
    with replica.transaction() as conn:
        write_ticket_types(conn, event_id, page.get("ticket_types", []))
        write_gates(conn, event_id, page.get("gates", []))
        write_keys(conn, event_id, page.get("keys", []))
        write_tickets(conn, event_id, page.get("tickets", []))
        write_revocations(conn, event_id, page.get("revocations", []))
        fresh = write_remote_entries(conn, entries)
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
            (CURSOR_KEY, str(page["cursor"])),
        )
    rows = sum(len(page.get(k, [])) for k in ("ticket_types", "gates", "keys", "tickets"))
    rows += len(page.get("revocations", [])) + len(entries)
    return AppliedPage(
        rows,
        len(fresh),
        frozenset(r[_TICKET] for r in fresh if r[_TICKET] is not None),
        max((r[_HLC] for r in fresh), default=0),
        int(page["cursor"]),
    )


_entry_values = itemgetter(*ENTRY_FIELDS)
_ACTION, _VERDICT = ENTRY_FIELDS.index("action"), ENTRY_FIELDS.index("verdict")
_TICKET, _HLC = ENTRY_FIELDS.index("ticket_id"), ENTRY_FIELDS.index("hlc")
_ACTIONS = frozenset(str(a) for a in Action)
_VERDICTS = frozenset(str(v) for v in Verdict)


def entry_rows(raws: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Pulled entries as log rows (`ENTRY_FIELDS` order), checked like `LogEntry.from_json`
    checks them (every field present, a known action and verdict) without building one."""
    try:
        rows: list[tuple[Any, ...]] = [_entry_values(raw) for raw in raws]
    except (KeyError, TypeError) as error:
        raise ServerFailed(f"the server sent a log entry without {error}") from error
    for row in rows:
        verdict = row[_VERDICT]
        if row[_ACTION] not in _ACTIONS or (verdict is not None and verdict not in _VERDICTS):
            raise ServerFailed(f"the server sent a log entry this station cannot read: {row[0]}")
    return rows


def set_rejected(replica: Replica, entry_ids: Iterable[str]) -> None:
    """Entries the server refused (altered or clashing) leave the upload queue (pushed = -1)
    so they cannot block it; they stay in the log and are reported."""
    ids = [(i,) for i in entry_ids]
    if not ids:
        return
    with replica.transaction() as conn:
        conn.executemany("UPDATE checkin_log SET pushed = -1 WHERE id = ?", ids)
