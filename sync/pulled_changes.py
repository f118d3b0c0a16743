"""A pulled page on its way into the station replica: its entries checked, then stored with
the pull cursor by `StationStore.apply_pulled_page`.

The page's rows and the new cursor commit in one transaction, so a pull interrupted anywhere
(network, power, kill -9) resumes at the last page that was fully stored; re-applying a page is
harmless because every write is an upsert or an insert-if-absent.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from kiosk.core.station import INITIAL_PULL_KEY
from kiosk.domain.log_entry import ENTRY_FIELDS
from kiosk.domain.verdicts import Action, Verdict
from kiosk.station_store import AppliedPage, StationStore
from sync.errors import ServerFailed, SyncProblem

__all__ = ["CURSOR_KEY", "INITIAL_PULL_KEY", "apply_page", "entry_rows", "pull_cursor"]

CURSOR_KEY = "pull_cursor"


def pull_cursor(replica: StationStore) -> int:
    return int(replica.get_state(CURSOR_KEY) or 0)


def apply_page(replica: StationStore, event_id: int, page: dict[str, Any]) -> AppliedPage:
    """Check one `changes` page's entries, then store the page and advance the cursor in one
    transaction of the station store; raises `ServerFailed` for an entry it cannot read."""
    entries = entry_rows(page.get("entries", []))
    return replica.apply_pulled_page(event_id, page, entries, CURSOR_KEY)


assert ENTRY_FIELDS[-1] == "pin_signature"  # optional, and last: rows end with it
_entry_values = itemgetter(*(f for f in ENTRY_FIELDS if f != "pin_signature"))
_ACTION, _VERDICT = ENTRY_FIELDS.index("action"), ENTRY_FIELDS.index("verdict")
_ACTIONS = frozenset(str(a) for a in Action)
_VERDICTS = frozenset(str(v) for v in Verdict)


def entry_rows(raws: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Pulled entries as log rows (`ENTRY_FIELDS` order), checked like `LogEntry.from_json`
    checks them (every field present, a known action and verdict) without building one."""
    try:
        rows: list[tuple[Any, ...]] = [
            (*_entry_values(raw), raw.get("pin_signature")) for raw in raws
        ]
    except (KeyError, TypeError) as error:
        raise ServerFailed(
            f"the server sent a log entry without {error}", SyncProblem.BAD_ANSWER
        ) from error
    for row in rows:
        verdict = row[_VERDICT]
        if row[_ACTION] not in _ACTIONS or (verdict is not None and verdict not in _VERDICTS):
            raise ServerFailed(
                f"the server sent a log entry this station cannot read: {row[0]}",
                SyncProblem.BAD_ANSWER,
            )
    return rows
