"""The event's data in the station file (event, ticket types, gates, keys, tickets,
revocations, the station directory): written inside the caller's transaction, read on the
caller's connection.

One set of statements serves every way data arrives: a snapshot (bundle file, first pull) and
a pulled page both come through `StationStore`, which wraps these in its transactions (a
pulled page's rows and its cursor commit together). Gate rows are decoded here once.

Every write is an upsert or an insert-if-absent, so storing the same rows twice is harmless.
Upserts use INSERT ... ON CONFLICT DO UPDATE, never INSERT OR REPLACE: REPLACE deletes the old
row without firing the FTS delete trigger and would leave stale search entries.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from kiosk.domain.admission import TypeWindow
from kiosk.domain.gate_rules import EntryMode, GateRules, UnknownTicketPolicy
from kiosk.domain.station_directory import KnownStation
from kiosk.domain.ticket_codec import KeyAlgorithm, VerifyKey

if TYPE_CHECKING:  # the caller (the store) imports it when it first writes an event
    import sqlite_utils

TICKET_COLUMNS = (
    "event_id", "id", "type_id", "code", "confirmation", "first_name", "last_name",
    "organisation", "email_hash", "phone_hash", "flagged", "note",
)  # fmt: skip
TYPE_COLUMNS = ("event_id", "id", "name", "colour", "template", "valid_from_ms", "valid_until_ms")
GATE_COLUMNS = (
    "id", "event_id", "name", "allowed_types", "entry_mode", "valid_from_ms", "valid_until_ms",
    "unknown_policy", "timezone",
)  # fmt: skip
KEY_COLUMNS = ("event_id", "kid", "algorithm", "material", "status")
STATION_COLUMNS = ("id", "event_id", "name", "gate_id")


def _upsert_sql(table: str, columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )


_TYPE_SQL = _upsert_sql("ticket_types", TYPE_COLUMNS, ("event_id", "id"))
_GATE_SQL = _upsert_sql("gates", GATE_COLUMNS, ("id",))
_KEY_SQL = _upsert_sql("keys", KEY_COLUMNS, ("event_id", "kid"))
_STATION_SQL = _upsert_sql("stations", STATION_COLUMNS, ("id",))


def _values(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], event_id: int
) -> list[tuple[Any, ...]]:
    return [tuple(event_id if c == "event_id" else r.get(c) for c in columns) for r in rows]


def write_ticket_types(
    conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]
) -> None:
    conn.executemany(_TYPE_SQL, _values(rows, TYPE_COLUMNS, event_id))


def write_gates(conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
    """Gates arrive with `allowed_types` as a list (or None: every type); stored as JSON."""
    encoded = [
        {**g, "allowed_types": None if g.get("allowed_types") is None
         else json.dumps(sorted(g["allowed_types"]))}
        for g in rows
    ]  # fmt: skip
    conn.executemany(_GATE_SQL, _values(encoded, GATE_COLUMNS, event_id))


def write_stations(conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
    """The station directory, in its wire shape (`KnownStation.to_json`)."""
    known = [KnownStation.from_json(r) for r in rows]
    conn.executemany(_STATION_SQL, [(k.station_id, event_id, k.name, k.gate_id) for k in known])


def read_stations(conn: sqlite3.Connection) -> dict[str, KnownStation]:
    rows = conn.execute("SELECT id, name, gate_id FROM stations").fetchall()
    return {str(i): KnownStation(str(i), str(n), g) for i, n, g in rows}


def write_keys(conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]) -> None:
    conn.executemany(_KEY_SQL, _values(rows, KEY_COLUMNS, event_id))


# What a ticket row brings besides what the door reads back as a record: the shop's barcode.
_STAGED_COLUMNS = (*(c for c in TICKET_COLUMNS if c != "event_id"), "external_code")
_STAGE_TABLE = "temp.doorline_ticket_stage"
_pick_ticket = itemgetter(*_STAGED_COLUMNS)
_STAGE_CREATE = (
    f"CREATE TEMP TABLE IF NOT EXISTS doorline_ticket_stage ({', '.join(_STAGED_COLUMNS)})"
)
_STAGE_INSERT = (
    f"INSERT INTO {_STAGE_TABLE} ({', '.join(_STAGED_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_STAGED_COLUMNS))})"
)
_STAGED_UPSERT = (
    f"INSERT INTO tickets ({', '.join(TICKET_COLUMNS)}, external_code) "
    f"SELECT ?, {', '.join(_STAGED_COLUMNS)} FROM {_STAGE_TABLE} WHERE true ORDER BY rowid "
    "ON CONFLICT (event_id, id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _STAGED_COLUMNS if c != "id")
)


def write_tickets(conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]) -> int:
    """Upsert tickets as ONE statement; returns how many rows were given.

    The FTS5 index is kept by triggers on `tickets`. Row-by-row statements make FTS5 flush its
    pending terms at every statement boundary, so each ticket became a tiny index segment to
    merge later (~45 µs a ticket). Staging the rows in a temp table and upserting them with one
    INSERT ... SELECT fires the same triggers inside one statement: the index stays exactly
    right (including the delete+insert of an updated row) at a fraction of the cost.
    """
    given = list(rows)
    if not given:
        return 0
    try:
        values: list[Any] = [_pick_ticket(r) for r in given]
    except KeyError:  # a sparse row (an older server): missing fields are NULL
        values = [tuple(r.get(c) for c in _STAGED_COLUMNS) for r in given]
    conn.execute(_STAGE_CREATE)
    conn.execute(f"DELETE FROM {_STAGE_TABLE}")
    conn.executemany(_STAGE_INSERT, values)
    conn.execute(_STAGED_UPSERT, (event_id,))
    conn.execute(f"DELETE FROM {_STAGE_TABLE}")
    return len(given)


def write_revocations(
    conn: sqlite3.Connection, event_id: int, rows: Iterable[dict[str, Any]]
) -> None:
    """Revocations arrive with `revoked` true, or false when the server lifted one."""
    for row in rows:
        if row.get("revoked", True):
            conn.execute(
                "INSERT OR REPLACE INTO revocations (event_id, ticket_id, reason, revoked_ms) "
                "VALUES (?, ?, ?, ?)",
                (event_id, row["ticket_id"], row.get("reason") or "", row["revoked_ms"]),
            )
        else:
            conn.execute(
                "DELETE FROM revocations WHERE event_id = ? AND ticket_id = ?",
                (event_id, row["ticket_id"]),
            )


EVENT_FIELDS = ("id", "name", "timezone", "starts_ms", "ends_ms")


def write_event(db: sqlite_utils.Database, event: dict[str, Any]) -> None:
    """The event row, through sqlite-utils' upsert (one row, keyed by id)."""
    db.table("events").upsert({n: event.get(n) for n in EVENT_FIELDS}, pk="id")


def read_active_keys(conn: sqlite3.Connection) -> list[VerifyKey]:
    rows = conn.execute(
        "SELECT event_id, kid, algorithm, material FROM keys WHERE status = 'active'"
    ).fetchall()
    return [
        VerifyKey(ev, kid, KeyAlgorithm(alg), bytes.fromhex(material))
        for ev, kid, alg, material in rows
    ]


def read_key_materials(conn: sqlite3.Connection) -> list[str]:
    """Every key's stored material (hex), whatever its status: what a stolen station holds."""
    return [str(r[0]) for r in conn.execute("SELECT material FROM keys").fetchall()]


def read_types(conn: sqlite3.Connection) -> dict[int, tuple[str, TypeWindow]]:
    rows = conn.execute("SELECT id, name, valid_from_ms, valid_until_ms FROM ticket_types")
    return {i: (n, TypeWindow(f, u)) for i, n, f, u in rows.fetchall()}


def read_gate_names(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(i): str(n) for i, n in conn.execute("SELECT id, name FROM gates").fetchall()}


_GATE_SELECT = (
    "SELECT id, name, allowed_types, entry_mode, valid_from_ms, valid_until_ms, "
    "unknown_policy, timezone FROM gates"
)


def _gate(row: tuple[Any, ...]) -> GateRules:
    gid, name, allowed, mode, vfrom, vuntil, policy, tz = row
    return GateRules(
        gate_id=gid,
        name=name,
        allowed_types=None if allowed is None else frozenset(json.loads(allowed)),
        entry_mode=EntryMode(mode),
        valid_from_ms=vfrom,
        valid_until_ms=vuntil,
        unknown_ticket_policy=UnknownTicketPolicy(policy),
        timezone=tz or "UTC",
    )


def read_gate(conn: sqlite3.Connection, gate_id: str) -> GateRules | None:
    row = conn.execute(f"{_GATE_SELECT} WHERE id = ?", (gate_id,)).fetchone()
    return None if row is None else _gate(row)


def read_gates(conn: sqlite3.Connection) -> list[GateRules]:
    return [_gate(row) for row in conn.execute(f"{_GATE_SELECT} ORDER BY id").fetchall()]


def read_revocation(conn: sqlite3.Connection, ticket_id: int) -> str | None:
    row = conn.execute("SELECT reason FROM revocations WHERE ticket_id = ?", (ticket_id,))
    found = row.fetchone()
    return None if found is None else (found[0] or "revoked")


def read_event_name(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT name FROM events LIMIT 1").fetchone()
    return str(row[0]) if row else ""
