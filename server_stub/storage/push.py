"""A station's upload: checked, inserted idempotently, answered entry by entry, merged.

One push is one transaction: a server killed mid-push loses the whole batch, never half of it,
and the station simply resends it. The transaction first waits for every other push of its
station and of the tickets it names (`lock_for_log_write`), so its duplicate checks and its
conflict refresh see every such entry committed before, on every engine and from every server
process; it takes its cursor values last, just before COMMIT (`number_log_rows`), so pushes of
other tickets never queue behind its merge (`server_stub.storage.change_counter`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.domain.log_entry import KEYED_PREFIX
from kiosk.domain.ticket_codec import KeyAlgorithm, Keyring, TicketClaims, VerifyKey, verify
from kiosk.domain.verdicts import Action
from server_stub.storage.catalog import now_ms, verify_keys_in
from server_stub.storage.change_counter import lock_for_log_write, number_log_rows
from server_stub.storage.conflicts import apply_acknowledgements, refresh_conflicts
from server_stub.storage.credentials import STATION_COLUMNS, StationCredentials, secret_hash
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
from server_stub.storage.log_rows import INSERT_LOG_SQL, LOG_COLUMNS, wire_json
from server_stub.storage.operator_pins import refuse_unsigned_privileged
from server_stub.storage.reports import SeqRun, gaps_in

_OFFLINE = LOG_COLUMNS.index("offline")
# Refusals that mean another copy of the station's data folder wrote under its identity.
_CLASHES = frozenset({AckProblem.SEQUENCE_USED, AckProblem.NOT_KEYED})


class LogUploads:
    """`Pushes` over a `Database`."""

    def __init__(self, db: Database, credentials: StationCredentials) -> None:
        self.db = db
        self.credentials = credentials

    def push(self, principal: StationPrincipal, entries: list[dict[str, Any]]) -> PushResult:
        """Insert idempotently by entry id, answer entry by entry, then re-merge the touched
        tickets. Entries of another station or event refuse the whole batch (AuthError)."""
        checked = _checked(principal, entries)  # outside the transaction: pure CPU
        with self.db.pipelined() as tx:
            row = tx.execute(
                "SELECT keyed_from_seq FROM stations WHERE id = ?", (principal.station_id,)
            ).fetchone()
            return self._store(tx, principal, checked, row[0] if row else None, seen=False)

    def push_for(
        self, credential: str | None, event_id: int, entries: list[dict[str, Any]]
    ) -> tuple[StationPrincipal, PushResult]:
        """A station's push over HTTP: its credential checked (`StationCredentials.admitted`:
        AuthError when missing, unknown, revoked or of another event than `event_id`) by the
        push's own transaction, which also stamps the station as seen. Returns the station
        and `push()`'s result."""
        if not credential:
            raise AuthError(AuthProblem.MISSING, "this request needs a station credential")
        with self.db.pipelined() as tx:
            row = tx.execute(
                f"SELECT {STATION_COLUMNS}, keyed_from_seq FROM stations WHERE credential_hash = ?",
                (secret_hash(credential),),
            ).fetchone()
            station = self.credentials.admitted(credential, row, event_id)
            checked = _checked(station, entries)
            return station, self._store(tx, station, checked, row[5], seen=True)

    def _store(
        self,
        tx: Tx,
        principal: StationPrincipal,
        checked: list[dict[str, Any] | EntryAck],
        keyed_from: int | None,
        seen: bool,
    ) -> PushResult:
        """The push's transaction after the station is known: locks, one lookup of what the
        database already holds, the checks that need it, the inserts, the merge, and the
        station's row (`last_push_ms`, with `seen` also `last_seen_ms`); cursor values last."""
        dialect = self.db.dialect
        event_id, station_id = principal.event_id, principal.station_id
        fresh = [c for c in checked if not isinstance(c, EntryAck)]
        named = {c["ticket_id"] for c in fresh if c["ticket_id"] is not None}
        acked, whole_event = _acknowledged_tickets(tx, dialect, event_id, fresh)
        lock_for_log_write(tx, dialect, event_id, station_id, named | acked, whole_event)
        held = _held(tx, dialect, event_id, station_id, fresh, named)
        checked = _refuse_unkeyed_after_keyed(tx, station_id, checked, keyed_from)
        checked = _refuse_unknown_tickets(tx, event_id, checked, held.tickets)
        checked = refuse_unsigned_privileged(tx, dialect, event_id, checked, set(held.hashes))
        acks, accepted = _insert_entries(tx, checked, held)
        touched = refresh_conflicts(
            tx, dialect, event_id, {e["ticket_id"] for e in accepted if e["ticket_id"]}
        )
        apply_acknowledgements(
            tx, [(e["id"], e["ref"]) for e in accepted if e["action"] == Action.CONFLICT_ACK]
        )
        stamps = ("last_push_ms", "last_seen_ms") if seen else ("last_push_ms",)
        due = self.credentials.due_stamps(stamps, station_id)
        if due:
            self.credentials.write_stamps(tx, due, station_id, now_ms())
        clashes = sum(1 for a in acks if a.problem in _CLASHES)
        if clashes:
            _record_clash(tx, station_id, clashes)
        gaps = gaps_in(tx, event_id, station_id, _run_after(held.run, accepted))
        number_log_rows(tx, dialect, [e["id"] for e in accepted])
        return PushResult(acks, gaps, touched)


def _run_after(before: SeqRun | None, accepted: list[dict[str, Any]]) -> SeqRun | None:
    """The station's run of sequence numbers once `accepted` is inserted, from the one read
    before (under the station's lock, so no other push of the station changed it; the
    sequence numbers were checked free)."""
    if before is None:
        return None
    count, low, high = before
    added = [e["seq"] for e in accepted]
    if not added:
        return before
    return (
        count + len(added),
        min(added) if low is None else min(low, *added),
        max(added) if high is None else max(high, *added),
    )


def _checked(
    principal: StationPrincipal, entries: list[dict[str, Any]]
) -> list[dict[str, Any] | EntryAck]:
    """Each uploaded entry checked on its own (`checked_entry`); AuthError when one is of
    another station or event (the whole batch is refused)."""
    for raw in entries:
        if raw.get("station_id") != principal.station_id:
            raise AuthError(
                AuthProblem.WRONG_STATION, "a station may only upload its own log entries"
            )
        if raw.get("event_id") != principal.event_id:
            raise AuthError(
                AuthProblem.WRONG_EVENT, "a station may only upload entries for its event"
            )
    return [checked_entry(raw, principal.chain_key) for raw in entries]


def _acknowledged_tickets(
    tx: Tx, dialect: Dialect, event_id: int, fresh: list[dict[str, Any]]
) -> tuple[set[int], bool]:
    """The tickets of the conflicts that the batch's acknowledgements name, to be locked like
    the tickets it names itself: a push re-merging such a ticket rewrites its conflict rows,
    and must not run beside an acknowledgement of one of them (it would store the conflict
    unacknowledged over the acknowledgement). The second value is True when an acknowledged
    conflict is not known (yet): then the whole event is locked, which waits for every push
    that might be recording it."""
    refs = sorted({c["ref"] for c in fresh if c["action"] == Action.CONFLICT_ACK and c["ref"]})
    if not refs:
        return set(), False
    found = dict(
        tx.execute(
            "SELECT id, ticket_id FROM conflicts WHERE event_id = ? AND "
            + dialect.in_list("id", "text"),
            (event_id, dialect.list_param(refs)),
        ).fetchall()
    )
    return set(found.values()), len(found) < len(refs)


@dataclass(frozen=True)
class _Held:
    """What the database holds already of a batch, read in one statement: which named tickets
    it knows (on the ticket list, or in the log), the hash of each entry id it holds, and the
    station's sequence numbers in use among the batch's."""

    tickets: frozenset[int]
    hashes: dict[str, str]
    seqs: frozenset[int]
    run: SeqRun | None  # the station's run of sequence numbers (`reports.SEQ_RUN_SQL`)


def _held(
    tx: Tx,
    dialect: Dialect,
    event_id: int,
    station_id: str,
    fresh: list[dict[str, Any]],
    named: set[int],
) -> _Held:
    if not fresh:
        return _Held(frozenset(), {}, frozenset(), None)
    parts = []
    params: list[Any] = []
    if named:
        tickets = dialect.list_param(sorted(named))
        parts.append(
            "SELECT 0 AS kind, id AS n, NULL AS t, NULL AS h FROM tickets WHERE event_id = ? AND "
            + dialect.in_list("id", "int")
            + " UNION ALL SELECT DISTINCT 0, ticket_id, NULL, NULL FROM log WHERE event_id = ? "
            "AND " + dialect.in_list("ticket_id", "int")
        )
        params += [event_id, tickets, event_id, tickets]
    parts.append("SELECT 1, NULL, id, hash FROM log WHERE " + dialect.in_list("id", "text"))
    params.append(dialect.list_param([f["id"] for f in fresh]))
    parts.append(
        "SELECT 2, seq, NULL, NULL FROM log WHERE station_id = ? AND "
        + dialect.in_list("seq", "int")
    )
    params += [station_id, dialect.list_param([f["seq"] for f in fresh])]
    # The station's run (`reports.SEQ_RUN_SQL`): its count, then its lowest and highest
    # sequence number as text (the columns' types are the first part's).
    parts.append(
        "SELECT 3, count(*), CAST(min(seq) AS TEXT), CAST(max(seq) AS TEXT) FROM log "
        "WHERE station_id = ?"
    )
    params.append(station_id)
    known: set[int] = set()
    hashes: dict[str, str] = {}
    seqs: set[int] = set()
    run: SeqRun | None = None
    rows = tx.execute(" UNION ALL ".join(parts), params).fetchall()
    for kind, number, entry_id, entry_hash in rows:
        if kind == 0:
            known.add(number)
        elif kind == 1:
            hashes[entry_id] = entry_hash
        elif kind == 2:
            seqs.add(number)
        else:
            low, high = (None if v is None else int(v) for v in (entry_id, entry_hash))
            run = (int(number), low, high)
    return _Held(frozenset(known), hashes, frozenset(seqs), run)


def _refuse_unkeyed_after_keyed(
    tx: Tx, station_id: str, checked: list[dict[str, Any] | EntryAck], held: int | None
) -> list[dict[str, Any] | EntryAck]:
    """Once a station's log is keyed (chain rule 2, `kiosk.domain.log_entry`), an unkeyed entry
    after the switch can only be a rewrite by someone without the station's key: refused. The
    switch (the lowest keyed sequence number the server has seen) is kept on the station;
    `held` is the one stored there (read with the station's row)."""
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
    tx: Tx, event_id: int, checked: list[dict[str, Any] | EntryAck], held: frozenset[int]
) -> list[dict[str, Any] | EntryAck]:
    """Entries that name a ticket the event does not have are refused one by one, unless
    they cannot admit anyone (`refused` scans are kept as evidence), the ticket already has
    accepted entries in the log, or `ref` carries a code for exactly this event and ticket
    whose signature verifies with one of the event's keys: a genuine ticket sold after the
    station's last pull (docs/sync-protocol.md, "Tickets not on the list"). `held`: the
    named tickets the event knows (`_held`)."""
    named = {
        c["ticket_id"]
        for c in checked
        if not isinstance(c, EntryAck) and c["ticket_id"] is not None
    }
    known = set(held)
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
    tx: Tx, checked: list[dict[str, Any] | EntryAck], already: _Held
) -> tuple[list[EntryAck], list[dict[str, Any]]]:
    """One `executemany` for the new entries, checked against the ids and sequence numbers
    the log already holds (`_held`; cursor values come later: `number_log_rows`); the answer
    keeps the order of the batch."""
    held = dict(already.hashes)
    seqs_used = set(already.seqs)
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
        row = [*entry.values(), received, 0, wire_json(entry)]
        row[_OFFLINE] = int(row[_OFFLINE])
        rows.append(tuple(row))
        accepted.append(entry)
        acks.append(EntryAck(entry_id, AckStatus.ACCEPTED))
    if rows:
        tx.executemany(INSERT_LOG_SQL, rows)
    return acks, accepted
