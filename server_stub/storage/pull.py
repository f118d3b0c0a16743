"""Pull pages: everything of a station's event changed after a cursor, rendered as JSON.

Tickets and log entries, the bulk of any page, are rendered to JSON by the database itself
(`Dialect.json_row`) and spliced into the answer as bytes: no Python dict per row and no
re-encoding, and the contact hashes are the ones stored with each ticket.
"""

from __future__ import annotations

import heapq
import json
from itertools import islice
from typing import Any

from kiosk.domain.log_entry import ENTRY_FIELDS, KEYED_RULE
from server_stub.storage.catalog import (
    decode_gate,
    event_in,
    gates_in,
    now_ms,
    pin_verifier_json,
    station_key,
)
from server_stub.storage.change_counter import current_change
from server_stub.storage.credentials import StationCredentials
from server_stub.storage.database import Database, Dialect, Tx, rows_as_dicts
from server_stub.storage.interface import StationPrincipal

_KINDS = ("ticket_types", "gates", "keys", "tickets", "revocations", "stations", "entries")

# The chain rule this server checks and offers stations (kiosk.domain.log_entry): "k2", keyed
# by the station's credential. A station keys its log once a server has said so.
LOG_CHAIN_RULE = KEYED_RULE


class PullPages:
    """`Pulls` over a `Database`."""

    def __init__(self, db: Database, credentials: StationCredentials) -> None:
        self.db = db
        self.credentials = credentials
        self._sql = _page_sql(db.dialect)

    def event_info(self, principal: StationPrincipal) -> dict[str, Any]:
        """The station's event, its gates, the station itself and the current cursor."""
        with self.db.reading() as tx:
            event = event_in(tx, principal.event_id, self.db.location)
            return {
                "event": {k: event[k] for k in ("id", "name", "timezone", "starts_ms", "ends_ms")},
                "contact_key": event["contact_key"],
                "gates": gates_in(tx, principal.event_id),
                "station": {"id": principal.station_id, "name": principal.name},
                "cursor": current_change(tx),
                "server_time_ms": now_ms(),
                "log_chain": LOG_CHAIN_RULE,
                "operator_pin": pin_verifier_json(tx, principal.event_id),
            }

    def changes(self, principal: StationPrincipal, after: int, limit: int) -> dict[str, Any]:
        """Everything of the station's event changed after `after`, at most `limit` rows, in
        cursor order. Each row has a cursor value of its own, so `cursor` in the answer is
        exactly where the next page starts; an interrupted pull resumes from the last cursor
        the station stored."""
        page: dict[str, Any] = json.loads(self.changes_json(principal, after, limit))
        return page

    def changes_json(self, principal: StationPrincipal, after: int, limit: int) -> bytes:
        """`changes()` as the JSON body the HTTP layer sends (UTF-8)."""
        with self.db.reading() as tx:
            top = current_change(tx)
            # Up to date (the usual answer between scans): every row has change_seq <= top,
            # so there is nothing to look for; one statement instead of seven.
            streams = (
                self._streams(tx, principal, after, limit)
                if top > after
                else {kind: [] for kind in _KINDS}
            )
            pin = pin_verifier_json(tx, principal.event_id)  # one lookup by key
        self.credentials.stamp("last_pull_ms", principal.station_id)
        # A stream that filled its limit may have more rows beyond it, even when the merged
        # page is not over the limit: then the page ends at its last row, not at `top`.
        more = sum(len(s) for s in streams.values()) > limit or any(
            len(s) == limit for s in streams.values()
        )
        taken = list(islice(heapq.merge(*streams.values()), limit))
        # Every row has a change_seq of its own, so the page is exactly the rows up to the
        # last one taken; each stream is already in change_seq order.
        last = taken[-1][0] if taken else after
        cursor = last if more else max(top, after)
        head = (
            f'{{"cursor":{cursor},"top":{top},"more":{"true" if more else "false"},'
            f'"log_chain":"{LOG_CHAIN_RULE}","operator_pin":{json.dumps(pin)}'
        )
        parts = [head.encode()]
        for kind in _KINDS:
            parts.append(f',"{kind}":['.encode())
            parts.append(b",".join([text for seq, text in streams[kind] if seq <= last]))
            parts.append(b"]")
        parts.append(b"}")
        return b"".join(parts)

    def _streams(
        self, tx: Tx, principal: StationPrincipal, after: int, limit: int
    ) -> dict[str, list[tuple[int, bytes]]]:
        """Per kind, up to `limit` rows changed after `after` as (change_seq, UTF-8 JSON)."""
        event_id = principal.event_id
        params = (event_id, after, limit)
        sql = self._sql
        return {
            "ticket_types": tx.execute(sql["ticket_types"], params).fetchall(),
            "gates": _gate_rows(tx, event_id, after, limit),
            "keys": _key_rows(tx, event_id, after, limit),
            "tickets": tx.execute(sql["tickets"], params).fetchall(),
            "revocations": tx.execute(sql["revocations"], params).fetchall(),
            "stations": tx.execute(sql["stations"], params).fetchall(),
            "entries": tx.execute(
                sql["entries"], (event_id, after, principal.station_id, limit)
            ).fetchall(),
        }


def _gate_rows(tx: Tx, event_id: int, after: int, limit: int) -> list[tuple[int, bytes]]:
    rows = rows_as_dicts(
        tx.execute(
            "SELECT id, name, allowed_types, entry_mode, valid_from_ms, valid_until_ms, "
            "unknown_policy, timezone, change_seq FROM gates WHERE event_id = ? "
            "AND change_seq > ? ORDER BY change_seq LIMIT ?",
            (event_id, after, limit),
        )
    )
    out = []
    for row in rows:
        change = int(row.pop("change_seq"))
        out.append((change, _json_text(decode_gate(row))))
    return out


def _key_rows(tx: Tx, event_id: int, after: int, limit: int) -> list[tuple[int, bytes]]:
    rows = tx.execute(
        "SELECT kid, algorithm, secret, status, change_seq FROM signing_keys "
        "WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?",
        (event_id, after, limit),
    ).fetchall()
    return [
        (int(change), _json_text(station_key(event_id, kid, algorithm, secret, status)))
        for kid, algorithm, secret, status, change in rows
    ]


def _json_text(row: dict[str, Any]) -> bytes:
    return json.dumps(row, separators=(",", ":"), ensure_ascii=False).encode()


def _page_sql(dialect: Dialect) -> dict[str, str]:
    """Pull pages per kind: (change_seq, the row as JSON bytes), in cursor order."""
    j = dialect.json_row
    return {
        "ticket_types": "SELECT change_seq, "
        + j({c: c for c in ("id", "name", "colour", "template", "valid_from_ms", "valid_until_ms")})
        + " FROM ticket_types WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?",
        "tickets": "SELECT change_seq, "
        + j(
            {
                **{c: c for c in ("id", "type_id", "code", "confirmation", "first_name")},
                "last_name": "last_name",
                "organisation": "coalesce(organisation, '')",
                "email_hash": "email_hash",
                "phone_hash": "phone_hash",
                "flagged": "flagged",
                "note": "coalesce(note, '')",
                "external_code": "external_code",
            }
        )
        + " FROM tickets WHERE event_id = ? AND change_seq > ? ORDER BY change_seq, id LIMIT ?",
        "revocations": "SELECT change_seq, "
        + j(
            {
                "ticket_id": "ticket_id",
                "reason": "reason",
                "revoked_ms": "revoked_ms",
                "revoked": dialect.json_bool("revoked"),
            }
        )
        + " FROM revocations WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?",
        # The station directory (kiosk.domain.station_directory): names, never ids, for people.
        "stations": "SELECT change_seq, "
        + j({"id": "id", "name": "name", "gate": "gate_id"})
        + " FROM stations WHERE event_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?",
        "entries": "SELECT change_seq, "
        + j({**{c: c for c in ENTRY_FIELDS}, "offline": dialect.json_bool("offline")})
        + " FROM log WHERE event_id = ? AND change_seq > ? AND station_id != ? "
        "ORDER BY change_seq LIMIT ?",
    }
