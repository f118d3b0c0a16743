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

from typing import Any

from server_stub.storage.catalog import now_ms
from server_stub.storage.database import Database, rows_as_dicts
from server_stub.storage.interface import LogAnchor


class StationAnchors:
    """`Anchors` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._last_reported: dict[str, tuple[int, str]] = {}

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
        if self._last_reported.get(station_id) == (seq, hash_):
            return None
        problem = None
        with self.db.transaction() as tx:
            held = tx.execute(
                "SELECT max(seq) FROM log WHERE station_id = ?", (station_id,)
            ).fetchone()[0]
            before = tx.execute(
                "SELECT head_seq, head_problem FROM stations WHERE id = ?", (station_id,)
            ).fetchone()
            if held is not None and seq < held:
                problem = (
                    f"its log ends at #{seq}, but the server already holds entries up to "
                    f"#{held}: entries were deleted or the log was rolled back"
                )
            elif held is not None and seq >= 1:
                same = tx.execute(
                    "SELECT hash FROM log WHERE station_id = ? AND seq = ?", (station_id, seq)
                ).fetchone()
                if same is not None and same[0] != hash_:
                    problem = f"its entry #{seq} differs from the one the server holds"
            if problem is None and before and before[0] is not None and seq < before[0]:
                problem = f"its log went back from #{before[0]} to #{seq}"
            kept = before[1] if before and before[1] else None
            if problem and not kept:
                kept = f"{problem} (reported {now_ms()})"
            tx.execute(
                "UPDATE stations SET head_seq = ?, head_hash = ?, head_ms = ?, head_problem = ? "
                "WHERE id = ?",
                (seq, hash_, now_ms(), kept, station_id),
            )
        self._last_reported[station_id] = (seq, hash_)
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
