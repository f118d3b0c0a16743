"""The fast paths of sync give the same bytes and the same rows as the reference code.

Push bodies are rendered by SQLite, pulled pages by the server's SQLite, uploaded hashes are
checked with a reused encoder, and tickets are upserted in one staged statement: each of these
must agree exactly with `LogEntry.to_json`, `entry_hash` and the FTS triggers, or a station
would see its entries refused, or its search index drift.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
from sync_support import seed

from kiosk.core.attendee_search import search
from kiosk.domain.log_entry import GENESIS_HASH, LogEntry, seal
from kiosk.domain.verdicts import Action, Verdict
from kiosk.domain.wire_format import entry_from_row, entry_json
from kiosk.station_store import StationStore
from server_stub.app import create_app
from server_stub.storage.entry_check import canonical_json, checked_entry
from server_stub.storage.interface import AckStatus, EntryAck, StationPrincipal
from sync.pulled_changes import apply_page, entry_rows

AWKWARD_TEXT = [
    "",
    "plain",
    'quote " and backslash \\ and slash /',
    "tab\tnewline\ncarriage\rbell\x07nul\x00del\x7f",
    "Zoë Ångström — 東京 — 😀",
    "\u2028line separator\u2029",
]


def _sealed(seq: int, detail: str, **overrides: object) -> LogEntry:
    fields: dict[str, object] = {
        "id": f"e-{seq}",
        "station_id": "door-a",
        "seq": seq,
        "hlc": (1_700_000_000_000 << 16) + seq,
        "wall_ms": 1_700_000_000_000,
        "event_id": 7,
        "gate_id": "main",
        "ticket_id": seq if seq % 3 else None,
        "action": str(Action.ENTRY),
        "verdict": str(Verdict.ADMITTED) if seq % 2 else None,
        "offline": bool(seq % 2),
        "method": "test",
        "ref": None if seq % 2 else f"ref-{seq}",
        "detail": detail,
        "prev_hash": GENESIS_HASH,
    }
    fields.update(overrides)
    return seal(fields)


@pytest.fixture
def replica(tmp_path: Path):  # type: ignore[no-untyped-def]
    replica = StationStore(tmp_path / "station.sqlite3")
    yield replica
    replica.close()


def test_push_body_rendered_by_sqlite_is_entry_json(replica: StationStore) -> None:
    entries = [_sealed(i, text) for i, text in enumerate(AWKWARD_TEXT, start=1)]
    replica.append_own_entries(entries)
    batch = replica.unpushed_batch("door-a", 0, 100)
    assert batch is not None
    sent = json.loads(batch.body)["entries"]
    assert sent == [entry_json(e) for e in entries]
    assert batch.count == len(entries) and batch.last_seq == len(entries)
    assert batch.ticket_ids == {e.ticket_id for e in entries if e.ticket_id is not None}
    for raw in sent:  # what the server checks, byte for byte the entry's own hash
        checked = checked_entry(raw)
        if "\x00" in raw["detail"]:  # PostgreSQL text cannot hold it: refused on both engines
            assert isinstance(checked, EntryAck) and "NUL" in (checked.reason or "")
        else:
            assert not isinstance(checked, EntryAck)
    assert replica.unpushed_batch("door-a", len(entries), 100) is None


def test_server_check_accepts_sealed_entries_and_refuses_altered_ones() -> None:
    for i, text in enumerate(AWKWARD_TEXT, start=1):
        raw = entry_json(_sealed(i, text))
        checked = checked_entry(raw)
        if "\x00" in text:  # the one character PostgreSQL text cannot hold, refused in words
            assert isinstance(checked, EntryAck) and "NUL" in (checked.reason or "")
            continue
        assert not isinstance(checked, EntryAck)
        assert checked == {**raw, "offline": bool(raw["offline"])}
        refused = checked_entry({**raw, "detail": text + "!"})
        assert isinstance(refused, EntryAck) and "hash" in refused.reason
    raw = entry_json(_sealed(1, "x"))
    for broken in (
        {k: v for k, v in raw.items() if k != "seq"},
        {**raw, "action": "teleport"},
        {**raw, "verdict": "maybe"},
        {**raw, "seq": "1"},
        {**raw, "seq": True},
        {**raw, "ticket_id": 1.0},
        {**raw, "detail": None},
        {**raw, "id": ""},
    ):
        assert isinstance(checked_entry(broken), EntryAck)


def test_canonical_text_is_the_reference_text() -> None:
    reference = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    texts = [*AWKWARD_TEXT, "~", "\x1f", "a\\b", "\u00e9", "\U0001f600"]
    for i, text in enumerate(texts, start=1):
        for big in (0, 2**63 - 1, 2**64, -(2**70)):
            unhashed = entry_json(_sealed(i, text, hlc=big or i, ref=text or None))
            del unhashed["hash"]
            assert canonical_json(unhashed) == reference.encode(unhashed).encode()


def test_rows_become_the_same_entries_as_from_json() -> None:
    for i, text in enumerate(AWKWARD_TEXT, start=1):
        entry = _sealed(i, text)
        row = entry_rows([entry_json(entry)])[0]
        assert entry_from_row(row) == entry == LogEntry.from_json(entry_json(entry))


def _ticket(ticket_id: int, first: str, last: str, confirmation: str) -> dict[str, object]:
    return {
        "id": ticket_id,
        "type_id": 0,
        "code": f"CODE{ticket_id}",
        "confirmation": confirmation,
        "first_name": first,
        "last_name": last,
        "organisation": "",
        "email_hash": None,
        "phone_hash": None,
        "flagged": 0,
        "note": "",
    }


def _page(cursor: int, tickets: list[dict[str, object]]) -> dict[str, object]:
    empty: list[object] = []
    return {
        "cursor": cursor,
        "top": cursor,
        "more": False,
        "ticket_types": empty,
        "gates": empty,
        "keys": empty,
        "tickets": tickets,
        "revocations": empty,
        "entries": empty,
    }


def _names(replica: StationStore, text: str) -> set[str]:
    return {f"{m.ticket.first_name} {m.ticket.last_name}" for m in search(replica, text)}


def test_pulled_ticket_pages_keep_the_search_index_right(replica: StationStore) -> None:
    apply_page(
        replica,
        7,
        _page(2, [_ticket(1, "Ada", "Lovelace", "AAAA2222"), _ticket(2, "Alan", "Turing", "B3")]),
    )
    assert _names(replica, "Love") == {"Ada Lovelace"}
    # The same ticket again, renamed (an update through ON CONFLICT), in a later page.
    apply_page(replica, 7, _page(3, [_ticket(1, "Ada", "Byron", "AAAA2222")]))
    assert _names(replica, "Love") == set()
    assert _names(replica, "Byron") == {"Ada Byron"}
    assert _names(replica, "Turing") == {"Alan Turing"}
    assert replica.counts().tickets == 2
    assert replica.search_attendees("Lovelace") == []
    assert replica.search_index_intact()


def test_replica_upsert_tickets_is_idempotent_and_keeps_fts(replica: StationStore) -> None:
    rows = [_ticket(i, "Grace", f"Hopper{i}", f"C{i}") for i in range(1, 6)]
    assert replica.upsert_tickets(7, rows) == 5
    assert replica.upsert_tickets(7, iter(rows)) == 5
    assert replica.counts().tickets == 5
    replica.upsert_tickets(7, [{**rows[0], "last_name": "Brewster"}])
    assert _names(replica, "Brewster") == {"Grace Brewster"}
    assert _names(replica, "Hopper1") == set()
    assert len(search(replica, "Grace")) == 5
    assert replica.search_index_intact()


def _server_with_two_stations(db: str):  # type: ignore[no-untyped-def]
    from server_stub.storage import open_storage
    from server_stub.storage.interface import StationPrincipal

    event_id = seed(db, tickets=25, name="pages").event_id
    store = open_storage(db)
    principals = []
    for name in ("a", "b"):
        made = store.credentials.exchange_token(
            store.credentials.create_station_token(event_id, name), "n", name
        )
        principals.append(StationPrincipal(made.station_id, event_id, name))
    return store, event_id, principals


def _chain(station_id: str, event_id: int, count: int, prefix: str) -> list[LogEntry]:
    """A station's first `count` admissions, one ticket each (ticket = seq), chained."""
    prev, entries = GENESIS_HASH, []
    for seq in range(1, count + 1):
        entry = _sealed(
            seq, f"scan {seq}", id=f"{prefix}-{seq}", station_id=station_id, event_id=event_id,
            ticket_id=seq, prev_hash=prev,
        )  # fmt: skip
        prev = entry.hash
        entries.append(entry)
    return entries


def test_small_pages_deliver_every_row_once_in_cursor_order(server_db: str) -> None:
    store, event_id, (a, b) = _server_with_two_stations(server_db)
    entries = [entry_json(e) for e in _chain(a.station_id, event_id, 12, "a")]
    assert store.pushes.push(a, entries).count(AckStatus.ACCEPTED) == 12
    store.catalog.revoke(event_id, 3, "lost")
    store.catalog.add_ticket_type(event_id, 9, "Late type", "#000000")
    whole = store.pulls.changes(b, 0, 20_000)
    assert not whole["more"]
    kinds = ("ticket_types", "gates", "keys", "tickets", "revocations", "entries")
    assert [len(whole[k]) for k in kinds] == [6, 5, 1, 25, 1, 12]
    got: dict[str, list[object]] = {k: [] for k in kinds}
    cursor, pages = 0, 0
    while True:
        raw = store.pulls.changes_json(b, cursor, 7)
        page = json.loads(raw)
        assert page == store.pulls.changes(b, cursor, 7)
        assert sum(len(page[k]) for k in kinds) <= 7
        assert page["cursor"] > cursor or not page["more"]
        for k in kinds:
            got[k] += page[k]
        cursor, pages = page["cursor"], pages + 1
        if not page["more"]:
            break
    assert pages >= 50 // 7
    assert cursor == whole["cursor"]
    # Every row exactly once, whichever page boundary fell next to it.
    assert {k: sorted(map(json.dumps, got[k])) for k in kinds} == {
        k: sorted(map(json.dumps, whole[k])) for k in kinds
    }
    assert all(e["station_id"] == a.station_id for e in got["entries"])
    assert store.pulls.changes(a, 0, 20_000)["entries"] == []  # never one's own entries back
    store.close()


def test_a_stations_pull_by_credential_reads_every_page_as_the_plain_read_does(
    server_db: str,
) -> None:
    """A station's pull reads its page, its credential and its station's state in one
    statement of its own (`changes_json_for`): at every cursor and page size its pages are
    byte for byte those of the plain read for a known station (`changes_json`)."""
    store, event_id, (a, _b) = _server_with_two_stations(server_db)
    reader = store.credentials.exchange_token(
        store.credentials.create_station_token(event_id, "reader"), "n", "reader"
    )
    me = StationPrincipal(reader.station_id, event_id, "reader")
    store.pushes.push(a, [entry_json(e) for e in _chain(a.station_id, event_id, 9, "a")])
    store.catalog.revoke(event_id, 3, "lost")
    top = json.loads(store.pulls.changes_json(me, 0, 20_000))["top"]
    for after in range(top + 2):
        for limit in (1, 2, 5, 9, 20_000):
            _me, page = store.pulls.changes_json_for(reader.credential, event_id, after, limit)
            assert page == store.pulls.changes_json(me, after, limit), (after, limit)
    store.close()


def test_a_new_head_is_stored_every_few_seconds_a_problem_at_once(server_db: str) -> None:
    """A door reports its log's head with every pull; an untouched log's new head is stored
    at most every `HEAD_EVERY_MS`, and a head that cannot be true (it ends before entries
    the server holds) is kept as a problem at the very pull that shows it."""
    store, event_id, _stations = _server_with_two_stations(server_db)
    door = store.credentials.exchange_token(
        store.credentials.create_station_token(event_id, "door"), "n", "door"
    )
    entries = _chain(door.station_id, event_id, 4, "d")
    me = StationPrincipal(door.station_id, event_id, "door")
    store.pushes.push(me, [entry_json(e) for e in entries[:3]])

    def pull(head: int) -> dict[str, object]:
        store.pulls.changes_json_for(
            door.credential, event_id, 0, 5000, (head, entries[head - 1].hash)
        )
        [row] = [r for r in store.anchors.anchors(event_id) if r["station_id"] == me.station_id]
        return dict(row)

    assert pull(3)["head_seq"] == 3  # the first report: stored
    store.pushes.push(me, [entry_json(entries[3])])
    assert pull(4)["head_seq"] == 3  # a new head of an untouched log: later
    shown = pull(2)  # the server holds #4: entries were deleted or rolled back
    assert shown["head_seq"] == 2 and "#4" in str(shown["head_problem"])
    store.close()


def test_contact_hashes_are_stored_and_filled_in_for_older_databases(tmp_path: Path) -> None:
    import sqlite3

    from kiosk.domain.contact_hash import email_hash, phone_hash
    from server_stub.storage import open_storage
    from server_stub.storage.schema import MIGRATIONS

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for script in MIGRATIONS[:2]:
        for statement in script:
            conn.execute(statement)
    conn.execute("PRAGMA user_version=2")
    conn.execute(
        "INSERT INTO events (id, name, contact_key, created_ms, change_seq) "
        "VALUES (5, 'old', ?, 0, 1)",
        ("ab" * 32,),
    )
    conn.execute(
        "INSERT INTO tickets (event_id, id, type_id, code, confirmation, first_name, last_name, "
        "email, phone, change_seq) VALUES (5, 1, 0, 'C', 'X1', 'A', 'B', ' Mail@Example.org', "
        "'+44 20 7946 0000', 2), (5, 2, 0, 'D', 'X2', 'C', 'D', '', '', 3)"
    )
    conn.commit()
    conn.close()
    store = open_storage(db)
    rows = {r["id"]: r for r in store.catalog.ticket_rows_for_station(5)}
    key = bytes.fromhex("ab" * 32)
    assert rows[1]["email_hash"] == email_hash(key, " Mail@Example.org")
    assert rows[1]["phone_hash"] == phone_hash(key, "+44 20 7946 0000")
    assert rows[2]["email_hash"] is None and rows[2]["phone_hash"] is None
    store.close()


def test_push_bodies_that_are_not_a_list_of_entries_are_refused_whole(server_db: str) -> None:
    store, event_id, _stations = _server_with_two_stations(server_db)
    credential = store.credentials.exchange_token(
        store.credentials.create_station_token(event_id, "c"), "n2", "c"
    ).credential
    transport = httpx.ASGITransport(app=create_app(store))

    async def post(body: bytes) -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post(
                f"/v1/events/{event_id}/entries",
                content=body,
                headers={"Authorization": f"Bearer {credential}"},
            )

    for body in (b"not json", b"[]", b'{"entries": 3}', b'{"entries": [1, 2]}'):
        assert asyncio.run(post(body)).status_code == 422
    answer = asyncio.run(post(b'{"entries": []}'))
    assert answer.status_code == 200 and answer.json()["acks"] == []
    store.close()
