"""Read-only views of the union log for operators: totals per gate, station and hour, sequence
gaps, tickets never scanned, and the whole log (checks, migrations between databases).

`server_stub.report` assembles these into the after-action report.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.log_entry import LogEntry
from kiosk.domain.wire_format import entry_from_row
from server_stub.storage.database import Database, Tx, rows_as_dicts
from server_stub.storage.interface import SeqGap
from server_stub.storage.log_rows import LOG_SELECT

QUARTER_MS = 15 * 60 * 1000
ADMITTED = "action IN ('entry', 'override') AND verdict = 'admitted'"
_TOTALS = (
    f"count(*) AS entries, count(*) FILTER (WHERE {ADMITTED}) AS admissions, "
    "count(*) FILTER (WHERE action = 'refused') AS refused, "
    "count(*) FILTER (WHERE action = 'exit') AS exits"
)


# A station's run of sequence numbers in the log: count, lowest, highest (one parameter: the
# station id).
SEQ_RUN_SQL = "SELECT count(*), min(seq), max(seq) FROM log WHERE station_id = ?"
SeqRun = tuple[int, int | None, int | None]


def gaps_in(
    tx: Tx, event_id: int, station_id: str | None = None, run: SeqRun | None = None
) -> list[SeqGap]:
    """Runs of sequence numbers never received: a station that lost entries, or a push
    still in flight (batches arriving out of order close their gap on the next push).
    `run`: the station's `SEQ_RUN_SQL` as the caller knows it already (a push: the run it
    read before its inserts, with their sequence numbers added)."""
    if station_id is not None:
        count, low, high = run or tx.execute(SEQ_RUN_SQL, (station_id,)).fetchone()
        if count == 0 or (
            low is not None and high is not None and low <= 1 and high - low + 1 == count
        ):
            return []  # (station_id, seq) is unique: a full run from 1 has no gaps
    sql = (
        "SELECT station_id, seq, lag(seq, 1, 0) OVER (PARTITION BY station_id ORDER BY seq) "
        "AS prev FROM log WHERE event_id = ?"
    )
    params: list[Any] = [event_id]
    if station_id is not None:
        sql += " AND station_id = ?"
        params.append(station_id)
    rows = tx.execute(
        f"SELECT station_id, seq, prev FROM ({sql}) AS runs WHERE seq > prev + 1 "
        "ORDER BY station_id, seq",
        params,
    ).fetchall()
    return [SeqGap(sid, prev + 1, seq - 1) for sid, seq, prev in rows]


class LogReports:
    """`Reports` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def sequence_gaps(self, event_id: int, station_id: str | None = None) -> list[SeqGap]:
        with self.db.reading() as tx:
            return gaps_in(tx, event_id, station_id)

    def log_entries(self, event_id: int) -> list[LogEntry]:
        """Every entry of the event, in the order the server received them."""
        with self.db.reading() as tx:
            rows = tx.execute(
                f"SELECT {LOG_SELECT} FROM log WHERE event_id = ? ORDER BY change_seq",
                (event_id,),
            ).fetchall()
        return [entry_from_row(r) for r in rows]

    def event_totals(self, event_id: int) -> dict[str, Any]:
        """entries, admissions, stations_reporting, tickets, conflicts, conflicts_open."""
        with self.db.reading() as tx:
            row = rows_as_dicts(
                tx.execute(
                    f"SELECT count(*) AS entries, count(*) FILTER (WHERE {ADMITTED}) AS "
                    "admissions, count(DISTINCT station_id) AS stations_reporting "
                    "FROM log WHERE event_id = ?",
                    (event_id,),
                )
            )[0]
            tickets = tx.execute(
                "SELECT count(*) FROM tickets WHERE event_id = ?", (event_id,)
            ).fetchone()[0]
            conflicts, open_ = tx.execute(
                "SELECT count(*), count(*) FILTER (WHERE acknowledged_entry_id IS NULL) "
                "FROM conflicts WHERE event_id = ?",
                (event_id,),
            ).fetchone()
        return {
            "tickets": int(tickets),
            **row,
            "conflicts": int(conflicts),
            "conflicts_open": int(open_),
        }

    def counts_per_gate(self, event_id: int) -> list[tuple[str, dict[str, int]]]:
        """(gate id or '-', {entries, admissions, refused, exits}) in gate id order."""
        return self._counts(event_id, "coalesce(gate_id, '-')")

    def counts_per_quarter_hour(self, event_id: int) -> list[tuple[int, dict[str, int]]]:
        """(quarter hours since the epoch, counts): every time zone's offset is a multiple of
        15 minutes, so the report can sum them into the venue's local hours."""
        return [(int(k), c) for k, c in self._counts(event_id, f"wall_ms / {QUARTER_MS}")]

    def _counts(self, event_id: int, key: str) -> list[tuple[Any, dict[str, int]]]:
        with self.db.reading() as tx:
            rows = rows_as_dicts(
                tx.execute(
                    f"SELECT {key} AS k, {_TOTALS} FROM log WHERE event_id = ? "
                    f"GROUP BY {key} ORDER BY {key}",
                    (event_id,),
                )
            )
        return [(r.pop("k"), r) for r in rows]

    def per_station_counts(self, event_id: int) -> list[dict[str, Any]]:
        """Per station id: counts, its last sequence number and how many below it are missing."""
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    f"SELECT station_id, {_TOTALS}, max(seq) AS last_seq, "
                    "max(seq) - count(*) AS missing_seqs FROM log WHERE event_id = ? "
                    "GROUP BY station_id ORDER BY station_id",
                    (event_id,),
                )
            )

    def unprinted_badges(self, event_id: int) -> list[dict[str, Any]]:
        """Attendees admitted (and not undone) with no badge printed by any station: ticket_id,
        first_name, last_name, ticket_type, first_admitted_ms, gate_id (of that admission)."""
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT ticket_id, first_name, last_name, ticket_type, "
                    "wall_ms AS first_admitted_ms, gate_id FROM (SELECT t.id AS ticket_id, "
                    "t.first_name, t.last_name, tt.name AS ticket_type, l.wall_ms, l.gate_id, "
                    "row_number() OVER (PARTITION BY t.id ORDER BY l.wall_ms, l.id) AS nth "
                    "FROM log l JOIN tickets t ON t.event_id = l.event_id AND t.id = l.ticket_id "
                    "LEFT JOIN ticket_types tt ON tt.event_id = t.event_id AND tt.id = t.type_id "
                    "WHERE l.event_id = ? AND l.action IN ('entry', 'override') "
                    "AND l.verdict = 'admitted' "
                    "AND NOT EXISTS (SELECT 1 FROM log u WHERE u.event_id = l.event_id "
                    "AND u.action = 'undo' AND u.ref = l.id) "
                    "AND NOT EXISTS (SELECT 1 FROM log b WHERE b.event_id = l.event_id "
                    "AND b.ticket_id = l.ticket_id "
                    "AND b.action IN ('badge_printed', 'badge_reprinted'))) AS admitted "
                    "WHERE nth = 1 ORDER BY last_name, first_name, ticket_id",
                    (event_id,),
                )
            )

    def revoked_admissions(self, event_id: int) -> list[dict[str, Any]]:
        """Admissions recorded after the ticket's (still standing) revocation: a door that had
        not heard of the refund yet."""
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT l.id AS entry_id, l.ticket_id, l.wall_ms, l.gate_id, l.station_id, "
                    "t.first_name, t.last_name, tt.name AS ticket_type, r.revoked_ms, r.reason "
                    "FROM log l JOIN revocations r ON r.event_id = l.event_id "
                    "AND r.ticket_id = l.ticket_id AND r.revoked = 1 "
                    "AND r.revoked_ms <= l.wall_ms "
                    "JOIN tickets t ON t.event_id = l.event_id AND t.id = l.ticket_id "
                    "LEFT JOIN ticket_types tt ON tt.event_id = t.event_id AND tt.id = t.type_id "
                    "WHERE l.event_id = ? AND l.action IN ('entry', 'override') "
                    "AND l.verdict = 'admitted' ORDER BY l.wall_ms, l.id",
                    (event_id,),
                )
            )

    def tickets_never_scanned(self, event_id: int) -> list[dict[str, Any]]:
        """ticket_id, first_name, last_name, ticket_type (name) of tickets with no entry."""
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT t.id AS ticket_id, t.first_name, t.last_name, "
                    "coalesce(tt.name, '') AS ticket_type FROM tickets t "
                    "LEFT JOIN ticket_types tt ON tt.event_id = t.event_id AND tt.id = t.type_id "
                    "WHERE t.event_id = ? AND NOT EXISTS (SELECT 1 FROM log l "
                    "WHERE l.event_id = t.event_id AND l.ticket_id = t.id) ORDER BY t.id",
                    (event_id,),
                )
            )
