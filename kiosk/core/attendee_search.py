"""Finding attendees without their ticket: door staff by name or code, attendees by
confirmation code or surname + e-mail (an exact match, never a browsable list)."""

from __future__ import annotations

import re

from kiosk.core.replica import AttendeeMatch, Replica
from kiosk.domain.contact_hash import email_hash

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SELECT = (
    "SELECT t.id, t.type_id, t.first_name, t.last_name, t.organisation, t.flagged, t.note, "
    "t.confirmation FROM tickets t"
)


def _fts_query(text: str, column: str | None = None) -> str | None:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    prefix = f"{column} : " if column else ""
    return " AND ".join(f'{prefix}"{token}"*' for token in tokens)


def _matches(replica: Replica, rows: list[tuple[object, ...]]) -> list[AttendeeMatch]:
    return [AttendeeMatch(replica.record_from_row(row[:7]), str(row[7])) for row in rows]


def search(replica: Replica, text: str, limit: int = 20) -> list[AttendeeMatch]:
    """Door staff search: name prefixes or a confirmation code, best matches first."""
    exact = find_by_confirmation(replica, text)
    if exact is not None:
        return [exact]
    query = _fts_query(text)
    if query is None:
        return []
    rows = replica.reader.execute(
        f"{_SELECT} JOIN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ? LIMIT ?) f "
        "ON t.rowid = f.rowid ORDER BY t.last_name, t.first_name",
        (query, limit),
    ).fetchall()
    return _matches(replica, rows)


def find_by_confirmation(replica: Replica, code: str) -> AttendeeMatch | None:
    cleaned = re.sub(r"[\s-]", "", code).upper()
    if not cleaned:
        return None
    rows = replica.reader.execute(f"{_SELECT} WHERE t.confirmation = ?", (cleaned,)).fetchall()
    return _matches(replica, rows)[0] if rows else None


def find_by_surname_and_email(replica: Replica, surname: str, email: str) -> AttendeeMatch | None:
    """Self-check-in lookup: both must match one ticket, or nothing is shown."""
    key = replica.contact_key()
    if not key or not surname.strip() or "@" not in email:
        return None
    rows = replica.reader.execute(
        f"{_SELECT} WHERE t.email_hash = ?", (email_hash(key, email),)
    ).fetchall()
    wanted = surname.strip().casefold()
    hits = [r for r in rows if str(r[3]).casefold() == wanted]
    return _matches(replica, hits)[0] if len(hits) == 1 else None
