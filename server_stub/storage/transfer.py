"""Moving events between two server databases (a laptop's SQLite file and PostgreSQL, either
way), checked afterwards by row counts and a digest of the log's entry hashes.

Rows keep their ids and server cursor values (`change_seq`), so stations already provisioned
keep their credentials and pull on from the cursor they hold; the target's counter is raised to
at least the source's. One transaction on the target: a copy that fails leaves nothing behind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from server_stub.storage.database import Tx, rows_as_dicts
from server_stub.storage.interface import StoreError
from server_stub.storage.server_storage import SqlServerStorage

# Tables in the order their references need, with the column naming the event.
EVENT_TABLES: tuple[tuple[str, str], ...] = (
    ("events", "id"),
    ("signing_keys", "event_id"),
    ("ticket_types", "event_id"),
    ("gates", "event_id"),
    ("tickets", "event_id"),
    ("revocations", "event_id"),
    ("stations", "event_id"),
    ("provisioning_tokens", "event_id"),
    ("log", "event_id"),
    ("conflicts", "event_id"),
    ("bundle_exports", "event_id"),
    ("log_imports", "event_id"),
    ("event_pins", "event_id"),  # the operator PIN moves with its event
)
_BATCH = 5_000


@dataclass(frozen=True)
class EventCopy:
    event_id: int
    name: str
    rows: dict[str, int]  # table -> rows copied
    log_digest: str  # sha256 over the entries' hashes in (station, seq) order


@dataclass(frozen=True)
class TransferReport:
    source: str
    target: str
    events: list[EventCopy] = field(default_factory=list)
    operators: int = 0
    operator_actions: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "events": [vars(e) for e in self.events],
            "operators": self.operators,
            "operator_actions": self.operator_actions,
            "verified": True,
        }


def transfer(
    source: SqlServerStorage, target: SqlServerStorage, event_id: int | None = None
) -> TransferReport:
    """Copy one event (or every event, with the operators and their record) from `source` to
    `target`, then compare counts and log digests on both sides. StoreError, with nothing
    written, when the databases are the same, the event is unknown, or the target already
    holds it; StoreError naming the difference if the check after the copy fails."""
    if source.location == target.location:
        raise StoreError("--from and --to name the same database")
    with source.db.reading() as src:
        if event_id is None:
            wanted = [int(r[0]) for r in src.execute("SELECT id FROM events ORDER BY id")]
        else:
            found = src.execute("SELECT id FROM events WHERE id = ?", (event_id,)).fetchone()
            if found is None:
                raise StoreError(f"no event {event_id} in {source.location}")
            wanted = [event_id]
        top = int(src.execute("SELECT value FROM change_counter").fetchone()[0])
        with target.db.transaction() as dst:
            for eid in wanted:
                if dst.execute("SELECT 1 FROM events WHERE id = ?", (eid,)).fetchone():
                    raise StoreError(
                        f"{target.location} already holds event {eid}; nothing was copied"
                    )
            for eid in wanted:
                for table, column in EVENT_TABLES:
                    _copy(src, dst, table, f"{column} = ?", (eid,))
            operators = _copy_operators(src, dst, wanted if event_id is not None else None)
            dst.execute("UPDATE change_counter SET value = ? WHERE value < ?", (top, top))
    report = TransferReport(source.location, target.location, [], *operators)
    for eid in wanted:
        copied = _verify(source, target, eid)
        report.events.append(copied)
    return report


def _copy(src: Tx, dst: Tx, table: str, where: str, params: tuple[Any, ...]) -> int:
    cursor = src.execute(f"SELECT * FROM {table} WHERE {where}", params)
    columns = [d[0] for d in cursor.description]
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    rows = cursor.fetchall()
    for start in range(0, len(rows), _BATCH):
        dst.executemany(insert, [tuple(r) for r in rows[start : start + _BATCH]])
    return len(rows)


def _copy_operators(src: Tx, dst: Tx, events: list[int] | None) -> tuple[int, int]:
    """Operator accounts (kept by id: an account the target already has stays as it is) and
    their record: every action, or those of the moved events, numbered after the target's."""
    accounts = rows_as_dicts(src.execute("SELECT * FROM operators"))
    added = 0
    for account in accounts:
        held = dst.execute("SELECT 1 FROM operators WHERE id = ?", (account["id"],)).fetchone()
        if held is None:
            names = ", ".join(account)
            dst.execute(
                f"INSERT INTO operators ({names}) VALUES ({', '.join('?' * len(account))})",
                tuple(account.values()),
            )
            added += 1
    sql = "SELECT * FROM operator_actions"
    params: tuple[Any, ...] = ()
    if events is not None:
        sql += " WHERE event_id = ?"
        params = (events[0],)
    actions = rows_as_dicts(src.execute(sql + " ORDER BY seq", params))
    base = int(dst.execute("SELECT coalesce(max(seq), 0) FROM operator_actions").fetchone()[0])
    for offset, action in enumerate(actions, start=1):
        action["seq"] = base + offset
        dst.execute(
            f"INSERT INTO operator_actions ({', '.join(action)}) "
            f"VALUES ({', '.join('?' * len(action))})",
            tuple(action.values()),
        )
    return added, len(actions)


def _counts_and_digest(storage: SqlServerStorage, event_id: int) -> tuple[dict[str, int], str]:
    with storage.db.reading() as tx:
        counts = {
            table: int(
                tx.execute(
                    f"SELECT count(*) FROM {table} WHERE {column} = ?", (event_id,)
                ).fetchone()[0]
            )
            for table, column in EVENT_TABLES
        }
        digest = hashlib.sha256()
        for (entry_hash,) in tx.execute(
            "SELECT hash FROM log WHERE event_id = ? ORDER BY station_id, seq", (event_id,)
        ):
            digest.update(entry_hash.encode())
    return counts, digest.hexdigest()


def _verify(source: SqlServerStorage, target: SqlServerStorage, event_id: int) -> EventCopy:
    counts, digest = _counts_and_digest(source, event_id)
    copied, copied_digest = _counts_and_digest(target, event_id)
    if copied != counts:
        wrong = {t: (counts[t], copied[t]) for t in counts if counts[t] != copied[t]}
        raise StoreError(f"event {event_id} was copied, but counts differ: {wrong}")
    if copied_digest != digest:
        raise StoreError(f"event {event_id} was copied, but its log differs (digest)")
    name = str(target.catalog.event(event_id)["name"])
    return EventCopy(event_id, name, counts, digest)
