"""Reading tickets and their holders: by id, full-text search, confirmation code, e-mail hash.

Rows come back as `TICKET_COLUMNS` tuples (plus what a query adds); `StationStore` turns them
into `TicketRecord`s with the type names it caches. The search goes through the FTS5 index
`tickets_fts` (prefix index '1 2 3', kept by triggers on `tickets`): a plain `MATCH … LIMIT`
stays sub-millisecond at a million attendees, where ranking by relevance would not.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from kiosk.station_store.values import BadgeFields

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SELECT = (
    "SELECT t.id, t.type_id, t.first_name, t.last_name, t.organisation, t.flagged, t.note, "
    "t.confirmation FROM tickets t"
)
Row = tuple[Any, ...]


def by_id(conn: sqlite3.Connection, ticket_id: int) -> Row | None:
    row: Row | None = conn.execute(f"{_SELECT} WHERE t.id = ?", (ticket_id,)).fetchone()
    return row


def fts_query(text: str) -> str | None:
    """Every word of `text` as a quoted prefix term, all required (FTS5 query syntax)."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " AND ".join(f'"{token}"*' for token in tokens)


def search(conn: sqlite3.Connection, text: str, limit: int) -> list[Row]:
    query = fts_query(text)
    if query is None:
        return []
    return conn.execute(
        f"{_SELECT} JOIN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ? LIMIT ?) f "
        "ON t.rowid = f.rowid ORDER BY t.last_name, t.first_name",
        (query, limit),
    ).fetchall()


def by_confirmation(conn: sqlite3.Connection, confirmation: str) -> list[Row]:
    return conn.execute(f"{_SELECT} WHERE t.confirmation = ?", (confirmation,)).fetchall()


def by_external_code(conn: sqlite3.Connection, code: str) -> Row | None:
    """The ticket whose shop barcode is `code` (already normalised), if the replica holds it."""
    row: Row | None = conn.execute(f"{_SELECT} WHERE t.external_code = ?", (code,)).fetchone()
    return row


def by_email_hash(conn: sqlite3.Connection, email_hash: str) -> list[Row]:
    return conn.execute(f"{_SELECT} WHERE t.email_hash = ?", (email_hash,)).fetchall()


def badge_fields(conn: sqlite3.Connection, ticket_id: int) -> BadgeFields | None:
    row = conn.execute(
        "SELECT t.id, t.first_name, t.last_name, t.organisation, y.name, y.colour, t.code, "
        "e.name, y.template FROM tickets t LEFT JOIN ticket_types y ON y.id = t.type_id "
        "LEFT JOIN events e ON e.id = t.event_id WHERE t.id = ?",
        (ticket_id,),
    ).fetchone()
    return None if row is None else BadgeFields(*row)


def commonest_type_badge_fields(conn: sqlite3.Connection) -> BadgeFields | None:
    """The badge fields every badge of the commonest ticket type shares (type, colour,
    template, event), with no attendee: what a test print needs to look like real badges."""
    row = conn.execute(
        "SELECT 0, '', '', NULL, y.name, y.colour, NULL, e.name, y.template FROM ("
        "SELECT type_id, count(*) AS n FROM tickets GROUP BY type_id ORDER BY n DESC LIMIT 1) c"
        " JOIN ticket_types y ON y.id = c.type_id LEFT JOIN events e ON e.id = y.event_id"
    ).fetchone()
    return None if row is None else BadgeFields(*row)


def some_code(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT code FROM tickets WHERE code IS NOT NULL LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def first_flagged(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT id FROM tickets WHERE flagged = 1 ORDER BY id LIMIT 1").fetchone()
    return None if row is None else int(row[0])


def search_index_intact(conn: sqlite3.Connection) -> bool:
    """FTS5's own integrity check: the index agrees with the `tickets` rows it indexes."""
    try:
        conn.execute("INSERT INTO tickets_fts (tickets_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError:
        return False
    return True
