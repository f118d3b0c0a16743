"""Pull pages: everything of a station's event changed after a cursor, rendered as JSON.

A page is ONE statement (`page_sql`): the caller's credential, the cursor and every kind of
row come from one snapshot in one round trip to the database. Tickets and log entries, the
bulk of any page, are rendered to JSON by the database itself (`Dialect.json_row`) and spliced
into the answer as bytes: no Python dict per row and no re-encoding, and the contact hashes are
the ones stored with each ticket.
"""

from __future__ import annotations

import heapq
import json
from itertools import islice
from operator import itemgetter
from typing import Any

from kiosk.domain.heartbeat import Heartbeat
from kiosk.domain.log_entry import ENTRY_FIELDS, KEYED_RULE
from server_stub.storage.anchors import HEAD_STATE_FIELDS, HeadState, StationAnchors
from server_stub.storage.catalog import (
    decode_gate,
    event_in,
    gates_in,
    now_ms,
    pin_verifier_json,
    station_key,
)
from server_stub.storage.change_counter import current_change
from server_stub.storage.credentials import StationCredentials, secret_hash
from server_stub.storage.database import Database, Dialect
from server_stub.storage.fleet import (
    KEPT_BEAT_FIELDS,
    StationFleet,
    due,
    kept_beat,
    store_heartbeat,
)
from server_stub.storage.interface import AuthError, AuthProblem, StationPrincipal

_KINDS = ("ticket_types", "gates", "keys", "tickets", "revocations", "stations", "entries")

# The chain rule this server checks and offers stations (kiosk.domain.log_entry): "k2", keyed
# by the station's credential. A station keys its log once a server has said so.
LOG_CHAIN_RULE = KEYED_RULE


class PullPages:
    """`Pulls` over a `Database`."""

    def __init__(
        self,
        db: Database,
        credentials: StationCredentials,
        anchors: StationAnchors,
        fleet: StationFleet,
    ) -> None:
        self.db = db
        self.credentials = credentials
        self.anchors = anchors
        self.fleet = fleet
        self._by_principal = page_sql(db.dialect, by_credential=False)
        self._by_credential = page_sql(db.dialect, by_credential=True)

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
        with self.db.statements() as tx:
            rows = tx.execute(
                self._by_principal,
                (principal.station_id, principal.event_id, principal.event_id,
                 *_stream_params(after, limit)),
            ).fetchall()  # fmt: skip
        top, _header, streams = _split(rows, principal.event_id)
        self.credentials.stamp("last_pull_ms", station_id=principal.station_id)
        return _page(streams, top, after, limit, _header["pin"])

    def changes_json_for(
        self,
        credential: str | None,
        event_id: int,
        after: int,
        limit: int,
        head: tuple[int, str] | None = None,
        heartbeat: Heartbeat | None = None,
    ) -> tuple[StationPrincipal, bytes]:
        """A station's pull over HTTP: its credential checked (`StationCredentials.admitted`:
        AuthError when missing, unknown, revoked or of another event than `event_id`) in the
        same statement that reads the page, so a pull is one round trip to the database.
        With it come what the station's reported `head` (seq, hash: `Anchors.record_head`)
        and `heartbeat` (`Fleet.record_heartbeat`) are compared with; what of them and of
        the station's stamps must be written goes in one pipelined transaction after.
        Returns the station and `changes_json()` of its event."""
        if not credential:
            raise AuthError(AuthProblem.MISSING, "this request needs a station credential")
        with self.db.statements() as tx:
            rows = tx.execute(
                self._by_credential,
                (
                    secret_hash(credential),
                    event_id,
                    event_id,
                    -1 if head is None else head[0],
                    *_stream_params(after, limit),
                ),
            ).fetchall()
        top, header, streams = _split(rows, event_id)
        found = None if header["id"] is None else [header[c] for c in _WHO]
        station = self.credentials.admitted(credential, found, event_id)
        page = _page(streams, top, after, limit, header["pin"])
        self._record(station, header, head, heartbeat)
        return station, page

    def _record(
        self,
        station: StationPrincipal,
        header: dict[str, Any],
        head: tuple[int, str] | None,
        heartbeat: Heartbeat | None,
    ) -> None:
        """The writes a pull brings: the station's last-seen and last-pull stamps when due,
        its reported head when it changed, its heartbeat when due; all in one transaction
        (one round trip, pipelined), none when nothing is due."""
        at = now_ms()
        stamps = self.credentials.due_stamps(("last_seen_ms", "last_pull_ms"), station.station_id)
        state = HeadState(
            header["held_seq"], header["same_hash"], header["head_seq"], header["head_problem"]
        )
        new_head = head is not None and self.anchors.due(station.station_id, *head, state, at)
        kept = kept_beat(header)
        beat = heartbeat is not None and due(kept, heartbeat, at)
        if not (stamps or new_head or beat):
            return
        with self.db.pipelined() as tx:
            if stamps:
                self.credentials.write_stamps(tx, stamps, station.station_id, at)
            if head is not None and new_head:
                self.anchors.store_head(tx, station.station_id, *head, state)
            if heartbeat is not None and beat:
                store_heartbeat(tx, station, heartbeat, at, kept)


# A kind's rows as the page statement gives them: (kind, change_seq, UTF-8 JSON), kept as
# the driver's own tuples (a fleet's pull carries hundreds of entries: no tuple per row made
# again in Python).
Stream = list[tuple[int, int, bytes]]
_SEQ, _TEXT = itemgetter(1), itemgetter(2)


def _stream_params(after: int, limit: int) -> tuple[int, ...]:
    return (after, limit) * len(_KINDS)


def _split(rows: list[Any], event_id: int) -> tuple[int, dict[str, Any], dict[str, Stream]]:
    """The one statement's rows: (top, the header row's fields, per kind its rows in cursor
    order). Gates and keys come as their stored columns and are rendered here (a gate's
    allowed types are stored as JSON text; of an Ed25519 key only the public half goes
    out)."""
    top, header = 0, {}
    streams: list[Stream] = [[] for _ in _KINDS]
    for row in rows:
        if row[0] < 0:
            top, header = int(row[1]), json.loads(bytes(row[2]))
        else:
            streams[row[0]].append(row)
    by_kind = dict(zip(_KINDS, streams, strict=True))
    by_kind["gates"] = [
        (kind, seq, _json_text(decode_gate(json.loads(text))))
        for kind, seq, text in by_kind["gates"]
    ]
    by_kind["keys"] = [
        (kind, seq, _json_text(station_key(event_id, **json.loads(text))))
        for kind, seq, text in by_kind["keys"]
    ]
    for stream in by_kind.values():
        stream.sort(key=_SEQ)  # every row has a change_seq of its own
    return top, header, by_kind


def _page(
    streams: dict[str, Stream], top: int, after: int, limit: int, pin_text: str | None
) -> bytes:
    """The page's JSON: at most `limit` rows in cursor order, `cursor` exactly where the next
    page starts (docs/sync-protocol.md)."""
    # A stream that filled its limit may have more rows beyond it, even when the merged
    # page is not over the limit: then the page ends at its last row, not at `top`.
    more = sum(len(s) for s in streams.values()) > limit or any(
        len(s) == limit for s in streams.values()
    )
    if more:
        taken = list(islice(heapq.merge(*streams.values(), key=_SEQ), limit))
        # Every row has a change_seq of its own, so the page is exactly the rows up to the
        # last one taken; each stream is already in change_seq order.
        last = taken[-1][1] if taken else after
        kept = {kind: [row for row in rows if row[1] <= last] for kind, rows in streams.items()}
        cursor = last
    else:  # every row read is on the page
        kept, cursor = streams, max(top, after)
    pin = None if pin_text is None else json.loads(pin_text)
    head = (
        f'{{"cursor":{cursor},"top":{top},"more":{"true" if more else "false"},'
        f'"log_chain":"{LOG_CHAIN_RULE}","operator_pin":{json.dumps(pin)}'
    )
    parts = [head.encode()]
    for kind in _KINDS:
        parts.append(f',"{kind}":['.encode())
        parts.append(b",".join(map(_TEXT, kept[kind])))
        parts.append(b"]")
    parts.append(b"}")
    return b"".join(parts)


def _json_text(row: dict[str, Any]) -> bytes:
    return json.dumps(row, separators=(",", ":"), ensure_ascii=False).encode()


_TYPE_COLUMNS = ("id", "name", "colour", "template", "valid_from_ms", "valid_until_ms")
_GATE_COLUMNS = (
    "id", "name", "allowed_types", "entry_mode", "valid_from_ms", "valid_until_ms",
    "unknown_policy", "timezone",
)  # fmt: skip
# The caller's station row, as `StationCredentials.admitted` takes it.
_WHO = ("id", "event_id", "name", "revoked_ms", "chain_key")


def page_sql(dialect: Dialect, by_credential: bool) -> str:
    """A pull page in ONE statement, so that the page, the cursor it reports and the
    caller's credential are read from one snapshot (`server_stub.storage.change_counter`:
    every row numbered up to `top` is visible, none beyond it) in one round trip.

    Rows (kind, change_seq, UTF-8 JSON): a header row first (kind -1, `top`, a JSON object
    with the event's operator PIN verifier as stored and, by credential, the caller's
    station row), then per kind of `_KINDS` (kind = its index) up to `limit` rows after the
    cursor. Parameters: the caller (a credential hash, or a station id and its event id),
    the event id for the PIN verifier, then (after, limit) per kind.

    By credential, the rows are read only for a station that is not revoked and belongs to
    the event asked for; otherwise the header alone says why (`admitted` raises)."""
    j = dialect.json_row
    pin = "(SELECT verifier FROM event_pins WHERE event_id = ?)"
    if by_credential:
        me = (
            f"WITH who AS (SELECT {', '.join(_WHO)}, head_seq, head_problem, gate_id "
            "FROM stations WHERE credential_hash = ?), "
            "me AS (SELECT id, event_id FROM who WHERE event_id = ? AND revoked_ms IS NULL) "
        )
        # With the station's row: what its reported head and its heartbeat are compared with
        # (`anchors.HEAD_STATE_FIELDS`: one parameter, the reported sequence number).
        header = (
            "SELECT -1 AS kind, (SELECT value FROM change_counter) AS seq, "
            + j(
                {
                    **{c: f"who.{c}" for c in _WHO},
                    "pin": pin,
                    **HEAD_STATE_FIELDS,
                    **KEPT_BEAT_FIELDS,
                }
            )
            + " AS body FROM (SELECT 1 AS one) AS one LEFT JOIN who ON 1 = 1 "
            "LEFT JOIN station_heartbeats AS h ON h.station_id = who.id"
        )
    else:
        me = "WITH me AS (SELECT CAST(? AS TEXT) AS id, CAST(? AS BIGINT) AS event_id) "
        header = (
            "SELECT -1 AS kind, (SELECT value FROM change_counter) AS seq, "
            + j({"pin": pin})
            + " AS body"
        )
    rendered = {  # kind: (the row as JSON, its table)
        "ticket_types": (
            j({c: c for c in _TYPE_COLUMNS}),
            "ticket_types",
        ),
        "gates": (j({c: c for c in _GATE_COLUMNS}), "gates"),
        "keys": (
            j({"kid": "kid", "algorithm": "algorithm", "secret_hex": "secret", "status": "status"}),
            "signing_keys",
        ),
        "tickets": (
            j(
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
            ),
            "tickets",
        ),
        "revocations": (
            j(
                {
                    "ticket_id": "ticket_id",
                    "reason": "reason",
                    "revoked_ms": "revoked_ms",
                    "revoked": dialect.json_bool("revoked"),
                }
            ),
            "revocations",
        ),
        # The station directory (kiosk.domain.station_directory): names, never ids, for people.
        "stations": (j({"id": "id", "name": "name", "gate": "gate_id"}), "stations"),
        # Pushed entries carry their JSON as stations pull it (`log_rows.wire_json`).
        "entries": (
            "coalesce(wire, "
            + j({**{c: c for c in ENTRY_FIELDS}, "offline": dialect.json_bool("offline")})
            + ")",
            "log",
        ),
    }
    # The header names the columns (kind, seq, body); the kinds' parts leave them unnamed, so
    # that the statement stays under the 4,096 characters psycopg caches its parsing of (the
    # query is parsed for each pull otherwise: 34 us).
    # Other stations' entries: never one's own back.
    extra = {"entries": " AND station_id != (SELECT id FROM me)"}
    order = {"tickets": "change_seq, id"}
    streams = []
    for number, kind in enumerate(_KINDS):
        body, table = rendered[kind]
        streams.append(
            f"SELECT * FROM (SELECT {number}, change_seq, {body} "
            f"FROM {table} WHERE event_id = (SELECT event_id FROM me) AND change_seq > ?"
            f"{extra.get(kind, '')} ORDER BY {order.get(kind, 'change_seq')} LIMIT ?) "
            f"AS k{number}"
        )
    return me + " UNION ALL ".join([header, *streams])
