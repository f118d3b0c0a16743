"""Each station's log, anchored on the server: what the server holds of it, and the head the
station last said it has.

A station's log is a hash chain, so an edited or deleted row in the middle is caught by the
station itself (`verify-log`). What the chain alone cannot show is a deleted *tail* (the last
entry, or the last fifty) or a chain re-hashed after an edit: the server's copy shows both for
every entry it received. `anchor()` is the station's highest sequence number on the server and
its hash (`station verify-log --online` compares it with the local log); the station reports
its own head (`X-Doorline-Head: SEQ:HASH`) with every pull, and `record_head()` compares it with
the server's copy and with the head reported before, keeping the first problem found for the
report (docs/sync-protocol.md, "Tamper evidence").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server_stub.storage.catalog import now_ms
from server_stub.storage.database import Database, Tx, rows_as_dicts
from server_stub.storage.interface import LogAnchor

# A new head of an untouched log is stored at most this often per station and process.
HEAD_EVERY_MS = 15_000


@dataclass(frozen=True)
class HeadState:
    """What the server holds against a station's reported head: its highest sequence number
    in the log, the hash of its entry at the reported sequence number (None: none there), and
    the head and first problem stored before."""

    held: int | None
    same_hash: str | None
    head_seq: int | None
    head_problem: str | None


# `HeadState` as SQL over `stations` AS `who`, one parameter (the reported sequence number):
# field name -> expression (a pull reads them with its page, `server_stub.storage.pull`).
HEAD_STATE_FIELDS = {
    "held_seq": "(SELECT max(seq) FROM log WHERE station_id = who.id)",
    "same_hash": "(SELECT hash FROM log WHERE station_id = who.id AND seq = ?)",
    "head_seq": "who.head_seq",
    "head_problem": "who.head_problem",
}


def head_problem(state: HeadState, seq: int, hash_: str) -> str | None:
    """Why a reported head (`seq`, `hash_`) cannot be that of an untouched log, None if it
    can be."""
    problem = None
    if state.held is not None and seq < state.held:
        problem = (
            f"its log ends at #{seq}, but the server already holds entries up to "
            f"#{state.held}: entries were deleted or the log was rolled back"
        )
    elif (
        state.held is not None
        and seq >= 1
        and state.same_hash is not None
        and state.same_hash != hash_
    ):
        problem = f"its entry #{seq} differs from the one the server holds"
    if problem is None and state.head_seq is not None and seq < state.head_seq:
        problem = f"its log went back from #{state.head_seq} to #{seq}"
    return problem


class StationAnchors:
    """`Anchors` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._last_reported: dict[str, tuple[int, str, int]] = {}  # seq, hash, when stored

    def anchor(self, station_id: str) -> LogAnchor:
        """The highest sequence number of `station_id` the server holds, its hash, and how
        many entries of that station it holds (0, "" and 0 when none)."""
        with self.db.reading() as tx:
            count, top = tx.execute(
                "SELECT count(*), max(seq) FROM log WHERE station_id = ?", (station_id,)
            ).fetchone()
            if not count:
                return LogAnchor(0, "", 0)
            row = tx.execute(
                "SELECT hash FROM log WHERE station_id = ? AND seq = ?", (station_id, top)
            ).fetchone()
        return LogAnchor(int(top), str(row[0]), int(count))

    def record_head(self, station_id: str, seq: int, hash_: str) -> str | None:
        """The station says its log ends at `seq` with `hash_`: a problem in words when that
        cannot be true of an untouched log (it ends before entries the server already holds,
        the entry at `seq` differs from the server's, or the head went backwards), else None.
        The head is stored (at most when it changed); the first problem found is kept."""
        if not self.changed(station_id, seq, hash_):
            return None
        with self.db.transaction() as tx:
            held = tx.execute(
                "SELECT max(seq) FROM log WHERE station_id = ?", (station_id,)
            ).fetchone()[0]
            before = tx.execute(
                "SELECT head_seq, head_problem FROM stations WHERE id = ?", (station_id,)
            ).fetchone()
            same = tx.execute(
                "SELECT hash FROM log WHERE station_id = ? AND seq = ?", (station_id, seq)
            ).fetchone()
            state = HeadState(
                held,
                None if same is None else same[0],
                before[0] if before else None,
                before[1] if before else None,
            )
            return self.store_head(tx, station_id, seq, hash_, state)

    def changed(self, station_id: str, seq: int, hash_: str) -> bool:
        """False when this process stored exactly this head for the station last."""
        last = self._last_reported.get(station_id)
        return last is None or last[:2] != (seq, hash_)

    def due(self, station_id: str, seq: int, hash_: str, state: HeadState, at: int) -> bool:
        """Whether a pull's reported head must be stored now: at once when it shows a problem
        not kept yet, or is the first this process sees of the station; a new head of an
        untouched log at most every `HEAD_EVERY_MS` (a busy door reports a new head every
        round). Every check of `head_problem` still runs at every pull against what the
        server holds; only "went back" compares with the stored head, which lags by at most
        that long (entries a station never pushed, rolled back within it, go unseen)."""
        last = self._last_reported.get(station_id)
        if last is None:
            return True
        if last[:2] == (seq, hash_):
            return False
        if head_problem(state, seq, hash_) is not None and not state.head_problem:
            return True
        return at - last[2] >= HEAD_EVERY_MS

    def store_head(
        self, tx: Tx, station_id: str, seq: int, hash_: str, state: HeadState
    ) -> str | None:
        """`record_head` within the caller's transaction, from what the server holds as the
        caller read it (a pull reads it with its page: `HEAD_STATE_FIELDS`)."""
        problem = head_problem(state, seq, hash_)
        kept = state.head_problem or None
        if problem and not kept:
            kept = f"{problem} (reported {now_ms()})"
        tx.execute(
            "UPDATE stations SET head_seq = ?, head_hash = ?, head_ms = ?, head_problem = ? "
            "WHERE id = ?",
            (seq, hash_, now_ms(), kept, station_id),
        )
        self._last_reported[station_id] = (seq, hash_, now_ms())
        return problem

    def anchors(self, event_id: int) -> list[dict[str, Any]]:
        """Per station of the event: what the server holds of its log and what it last said."""
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT s.id AS station_id, s.name, s.head_seq, s.head_hash, s.head_ms, "
                    "s.head_problem, s.clash_entries, s.clash_first_ms, s.clash_last_ms, "
                    "(SELECT max(seq) FROM log l WHERE l.station_id = s.id) "
                    "AS server_seq FROM stations s WHERE s.event_id = ? ORDER BY s.created_ms",
                    (event_id,),
                )
            )
