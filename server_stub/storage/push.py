"""A station's upload: checked, inserted idempotently, answered entry by entry, merged.

One push is one transaction: a server killed mid-push loses the whole batch, never half of it,
and the station simply resends it. The transaction first waits for every other push of its
station and of the tickets it names (`lock_for_log_write`), so its duplicate checks and its
conflict refresh see every such entry committed before, on every engine and from every server
process; it takes its cursor values last, just before COMMIT (`number_log_rows`), so pushes of
other tickets never queue behind its merge (`server_stub.storage.change_counter`).
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.log_entry import KEYED_PREFIX
from kiosk.domain.ticket_codec import KeyAlgorithm, Keyring, TicketClaims, VerifyKey, verify
from kiosk.domain.verdicts import Action
from server_stub.storage.catalog import now_ms, verify_keys_in
from server_stub.storage.change_counter import lock_for_log_write, number_log_rows
from server_stub.storage.conflicts import apply_acknowledgements, refresh_conflicts
from server_stub.storage.database import Database, Dialect, Tx
from server_stub.storage.entry_check import checked_entry, rejected
from server_stub.storage.interface import (
    AckProblem,
    AckStatus,
    AuthError,
    AuthProblem,
    EntryAck,
    PushResult,
    StationPrincipal,
)
from server_stub.storage.log_rows import INSERT_LOG_SQL, LOG_COLUMNS
from server_stub.storage.operator_pins import refuse_unsigned_privileged
from server_stub.storage.reports import gaps_in

_OFFLINE = LOG_COLUMNS.index("offline")
# Refusals that mean another copy of the station's data folder wrote under its identity.
_CLASHES = frozenset({AckProblem.SEQUENCE_USED, AckProblem.NOT_KEYED})


class LogUploads:
    """`Pushes` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def push(self, principal: StationPrincipal, entries: list[dict[str, Any]]) -> PushResult:
        """Insert idempotently by entry id, answer entry by entry, then re-merge the touched
        tickets. Entries of another station or event refuse the whole batch (AuthError)."""
        for raw in entries:
            if raw.get("station_id") != principal.station_id:
                raise AuthError(
                    AuthProblem.WRONG_STATION, "a station may only upload its own log entries"
                )
            if raw.get("event_id") != principal.event_id:
                raise AuthError(
                    AuthProblem.WRONG_EVENT, "a station may only upload entries for its event"
                )
        # outside the transaction: pure CPU
        checked = [checked_entry(raw, principal.chain_key) for raw in entries]
        named = [c["ticket_id"] for c in checked if not isinstance(c, EntryAck) and c["ticket_id"]]
        with self.db.transaction() as tx:
            lock_for_log_write(tx, self.db.dialect, principal.event_id, principal.station_id, named)
            checked = _refuse_unkeyed_after_keyed(tx, principal.station_id, checked)
            checked = _refuse_unknown_tickets(tx, self.db.dialect, principal.event_id, checked)
            checked = refuse_unsigned_privileged(tx, self.db.dialect, principal.event_id, checked)
            acks, accepted = _insert_entries(tx, self.db.dialect, principal.station_id, checked)
            touched = refresh_conflicts(
                tx,
                self.db.dialect,
                principal.event_id,
                {e["ticket_id"] for e in accepted if e["ticket_id"]},
            )
            apply_acknowledgements(
                tx, [(e["id"], e["ref"]) for e in accepted if e["action"] == Action.CONFLICT_ACK]
            )
            tx.execute(
                "UPDATE stations SET last_push_ms = ? WHERE id = ?",
                (now_ms(), principal.station_id),
            )
            clashes = sum(1 for a in acks if a.problem in _CLASHES)
            if clashes:
                _record_clash(tx, principal.station_id, clashes)
            gaps = gaps_in(tx, principal.event_id, principal.station_id)
            number_log_rows(tx, [e["id"] for e in accepted])
        return PushResult(acks, gaps, touched)


def _refuse_unkeyed_after_keyed(
    tx: Tx, station_id: str, checked: list[dict[str, Any] | EntryAck]
) -> list[dict[str, Any] | EntryAck]:
    """Once a station's log is keyed (chain rule 2, `kiosk.domain.log_entry`), an unkeyed entry
    after the switch can only be a rewrite by someone without the station's key: refused. The
    switch (the lowest keyed sequence number the server has seen) is kept on the station."""
    row = tx.execute("SELECT keyed_from_seq FROM stations WHERE id = ?", (station_id,)).fetchone()
    held = row[0] if row else None
    keyed = [
        c["seq"]
        for c in checked
        if not isinstance(c, EntryAck) and c["hash"].startswith(KEYED_PREFIX)
    ]
    switch = min([*keyed, *([held] if held is not None else [])], default=None)
    if switch is None:
        return checked
    if keyed and (held is None or switch < held):
        tx.execute("UPDATE stations SET keyed_from_seq = ? WHERE id = ?", (switch, station_id))
    return [
        rejected(
            c["id"],
            f"entry is not keyed, though this station's log is keyed from #{switch}: it was "
            "written by an older copy of this station's data folder (a restored backup), or "
            "rewritten without the station's key",
            AckProblem.NOT_KEYED,
        )
        if not isinstance(c, EntryAck)
        and c["seq"] >= switch
        and not c["hash"].startswith(KEYED_PREFIX)
        else c
        for c in checked
    ]


def _record_clash(tx: Tx, station_id: str, entries: int) -> None:
    """Entries of `station_id` refused because the server holds other entries at their
    sequence numbers: the station's identity is used by two data folders (a copy, or an old
    backup restored and scanning). Counted on the station's row for the report."""
    now = now_ms()
    tx.execute(
        "UPDATE stations SET clash_entries = clash_entries + ?, "
        "clash_first_ms = coalesce(clash_first_ms, ?), clash_last_ms = ? WHERE id = ?",
        (entries, now, now, station_id),
    )


def _refuse_unknown_tickets(
    tx: Tx, dialect: Dialect, event_id: int, checked: list[dict[str, Any] | EntryAck]
) -> list[dict[str, Any] | EntryAck]:
    """Entries that name a ticket the event does not have are refused one by one, unless
    they cannot admit anyone (`refused` scans are kept as evidence), the ticket already has
    accepted entries in the log, or `ref` carries a code for exactly this event and ticket
    whose signature verifies with one of the event's keys: a genuine ticket sold after the
    station's last pull (docs/sync-protocol.md, "Tickets not on the list")."""
    named = {
        c["ticket_id"]
        for c in checked
        if not isinstance(c, EntryAck) and c["ticket_id"] is not None
    }
    if not named:
        return checked
    tickets = dialect.list_param(sorted(named))
    known = {
        r[0]
        for r in tx.execute(
            "SELECT id FROM tickets WHERE event_id = ? AND "
            + dialect.in_list("id", "int")
            + " UNION SELECT DISTINCT ticket_id FROM log WHERE event_id = ? AND "
            + dialect.in_list("ticket_id", "int"),
            (event_id, tickets, event_id, tickets),
        )
    }
    if named <= known:
        return checked
    keyring: Keyring | None = None
    out: list[dict[str, Any] | EntryAck] = []
    for entry in checked:
        if isinstance(entry, EntryAck) or entry["ticket_id"] in known:
            out.append(entry)
            continue
        if entry["action"] == Action.REFUSED:
            out.append(entry)
            continue
        if keyring is None:
            keyring = _keyring(tx, event_id)
        claims = verify(entry["ref"] or "", keyring, event_id)
        if isinstance(claims, TicketClaims) and claims.ticket_id == entry["ticket_id"]:
            known.add(entry["ticket_id"])
            out.append(entry)
            continue
        out.append(
            rejected(
                entry["id"],
                f"ticket {entry['ticket_id']} is not in this event, and the entry carries "
                "no validly signed code for it",
            )
        )
    return out


def _keyring(tx: Tx, event_id: int) -> Keyring:
    return Keyring(
        VerifyKey(event_id, k["kid"], KeyAlgorithm(k["algorithm"]), bytes.fromhex(k["material"]))
        for k in verify_keys_in(tx, event_id)
    )


# What makes two log entries the same action, whichever station identity carries it: a
# station re-provisioned after an identity clash re-issues its stranded entries under its new
# identity with their ids, times and contents unchanged (docs/sync-protocol.md).
_ACTION_FIELDS = (
    "event_id", "hlc", "wall_ms", "gate_id", "ticket_id", "action", "verdict", "method", "ref",
    "detail",
)  # fmt: skip


def _same_action(tx: Tx, entry: dict[str, Any]) -> bool:
    """True when the log holds an entry with this id that records the same action (another
    station identity, another place in a chain): a re-issued entry the server already has."""
    row = tx.execute(
        f"SELECT {', '.join(_ACTION_FIELDS)}, offline FROM log WHERE id = ?", (entry["id"],)
    ).fetchone()
    if row is None:
        return False
    *values, offline = row
    return list(values) == [entry[f] for f in _ACTION_FIELDS] and bool(offline) == bool(
        entry["offline"]
    )


def _insert_entries(
    tx: Tx, dialect: Dialect, station_id: str, checked: list[dict[str, Any] | EntryAck]
) -> tuple[list[EntryAck], list[dict[str, Any]]]:
    """One lookup for the ids and sequence numbers the log already holds, one `executemany`
    for the new entries (cursor values come later: `number_log_rows`); the answer keeps the
    order of the batch."""
    fields = [c for c in checked if not isinstance(c, EntryAck)]
    held: dict[str, str] = (
        dict(
            tx.execute(
                "SELECT id, hash FROM log WHERE " + dialect.in_list("id", "text"),
                (dialect.list_param([f["id"] for f in fields]),),
            ).fetchall()
        )
        if fields
        else {}
    )
    seqs_used = (
        {
            r[0]
            for r in tx.execute(
                "SELECT seq FROM log WHERE station_id = ? AND " + dialect.in_list("seq", "int"),
                (station_id, dialect.list_param([f["seq"] for f in fields])),
            )
        }
        if fields
        else set()
    )
    received = now_ms()
    acks: list[EntryAck] = []
    accepted: list[dict[str, Any]] = []
    rows: list[tuple[Any, ...]] = []
    for entry in checked:
        if isinstance(entry, EntryAck):
            acks.append(entry)
            continue
        entry_id = entry["id"]
        known = held.get(entry_id)
        if known is not None:
            if known == entry["hash"]:
                acks.append(EntryAck(entry_id, AckStatus.DUPLICATE))
            elif _same_action(tx, entry):
                acks.append(
                    EntryAck(
                        entry_id,
                        AckStatus.DUPLICATE,
                        "already held under the station identity it was first written by",
                    )
                )
            else:
                acks.append(rejected(entry_id, "entry id already used by another entry"))
            continue
        if entry["seq"] in seqs_used:
            acks.append(
                rejected(
                    entry_id,
                    f"sequence number {entry['seq']} of this station is already used by "
                    "another entry: this station's identity is also used by another copy of "
                    "its data folder",
                    AckProblem.SEQUENCE_USED,
                )
            )
            continue
        held[entry_id] = entry["hash"]
        seqs_used.add(entry["seq"])
        # A checked entry's values are in LOG_COLUMNS order; `offline` is stored as 0/1.
        row = [*entry.values(), received, 0]
        row[_OFFLINE] = int(row[_OFFLINE])
        rows.append(tuple(row))
        accepted.append(entry)
        acks.append(EntryAck(entry_id, AckStatus.ACCEPTED))
    if rows:
        tx.executemany(INSERT_LOG_SQL, rows)
    return acks, accepted
