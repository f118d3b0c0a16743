"""The station fleet: each station's latest heartbeat and a short, thinned history (`Fleet`).

A station's heartbeat arrives with the first pull of every sync round (kiosk.domain.heartbeat,
docs/sync-protocol.md "Heartbeat"). The latest one per station is replaced in place; the
history keeps at most one per `HISTORY_EVERY_MS` and nothing older than `HISTORY_KEEP_MS`, so
400 stations syncing every 2 s add about 400 rows a minute, not 12,000. Portable SQL (upsert by
`ON CONFLICT`), the same on every engine.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields
from typing import Any

from kiosk.domain.heartbeat import Heartbeat
from server_stub.storage.catalog import now_ms
from server_stub.storage.change_counter import next_change
from server_stub.storage.database import Database, Tx, rows_as_dicts
from server_stub.storage.interface import StationPrincipal

HISTORY_EVERY_MS = 60_000
# An unchanged heartbeat is written again only this long after the kept one: 400 idle stations
# syncing every 2 s cost 200 reads a second instead of 200 commits (0.7 ms each on PostgreSQL).
SAME_KEPT_MS = 15_000
HISTORY_KEEP_MS = 6 * 3600 * 1000
_FIELDS = [f.name for f in fields(Heartbeat)]
# What moves on at every round of a busy door: its last scan, its free disk, the clock offset
# it measured (jitter of a few ms). A heartbeat whose only news is there counts as unchanged
# (kept at most every `SAME_KEPT_MS`); a change anywhere else (mode, gate, printer, camera,
# badges or entries waiting, version) is kept at once. 400 busy stations: ~27 heartbeat
# commits a second instead of 200.
_MOVING = frozenset({"last_scan_ms", "disk_free_mb", "clock_offset_ms"})
_STATE = [i for i, name in enumerate(_FIELDS) if name not in _MOVING]
_MOVING_AT = [i for i, name in enumerate(_FIELDS) if name in _MOVING]
_COLUMNS = ", ".join(["station_id", "event_id", "received_ms", *_FIELDS])
_MARKS = ", ".join("?" * (3 + len(_FIELDS)))
_UPSERT = (
    f"INSERT INTO station_heartbeats ({_COLUMNS}) VALUES ({_MARKS}) "
    "ON CONFLICT (station_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ["event_id", "received_ms", *_FIELDS])
)


@dataclass(frozen=True)
class KeptBeat:
    """What the server keeps of a station's heartbeats: its latest (received_ms and the
    fields, None: none yet), when the last one kept in the history came, and the gate the
    station's row says it stands at."""

    latest: tuple[Any, ...] | None
    history_ms: int | None
    gate_id: str | None


# `KeptBeat` as SQL over `stations` AS `who` LEFT JOIN `station_heartbeats` AS `h`: field
# name -> expression (a pull reads them with its page, `server_stub.storage.pull`).
KEPT_BEAT_FIELDS = {
    "beat_received_ms": "h.received_ms",
    **{f"beat_{name}": f"h.{name}" for name in _FIELDS},
    "beat_history_ms": "(SELECT max(received_ms) FROM station_heartbeat_history "
    "WHERE station_id = who.id)",
    "beat_gate_id": "who.gate_id",
}


def kept_beat(found: dict[str, Any]) -> KeptBeat:
    """`KeptBeat` from the `KEPT_BEAT_FIELDS` of a row."""
    latest = None
    if found["beat_received_ms"] is not None:
        latest = (found["beat_received_ms"], *(found[f"beat_{n}"] for n in _FIELDS))
    return KeptBeat(latest, found["beat_history_ms"], found["beat_gate_id"])


def due(kept: KeptBeat, heartbeat: Heartbeat, at: int) -> bool:
    """False when `heartbeat` differs from the latest kept in the values of `_MOVING` fields
    at most (one now known that was not, or the reverse, is news), and that one is less
    than `SAME_KEPT_MS` old: nothing to write."""
    latest = kept.latest
    if latest is None or not 0 <= at - latest[0] < SAME_KEPT_MS:
        return True
    new = astuple(heartbeat)
    return any(latest[1 + i] != new[i] for i in _STATE) or any(
        (latest[1 + i] is None) != (new[i] is None) for i in _MOVING_AT
    )


def store_heartbeat(
    tx: Tx, station: StationPrincipal, heartbeat: Heartbeat, at: int, kept: KeptBeat
) -> None:
    """Write `heartbeat` (received at `at`) as the station's latest within the caller's
    transaction, with the history and the station's gate as `kept` says they stand."""
    row = (station.station_id, station.event_id, at, *astuple(heartbeat))
    tx.execute(_UPSERT, row)
    if heartbeat.gate_id and heartbeat.gate_id != kept.gate_id:
        # The station switched gate: it now stands at this one.
        _move_station(tx, station.station_id, heartbeat.gate_id)
    if kept.history_ms is None or at - int(kept.history_ms) >= HISTORY_EVERY_MS:
        tx.execute(
            f"INSERT INTO station_heartbeat_history ({_COLUMNS}) VALUES ({_MARKS}) "
            "ON CONFLICT (station_id, received_ms) DO NOTHING",
            row,
        )
        tx.execute(
            "DELETE FROM station_heartbeat_history WHERE station_id = ? AND received_ms < ?",
            (station.station_id, at - HISTORY_KEEP_MS),
        )


class StationFleet:
    """`Fleet` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record_heartbeat(
        self, station: StationPrincipal, heartbeat: Heartbeat, received_ms: int | None = None
    ) -> None:
        """Keep `heartbeat` as the station's latest (unless it differs from the latest, kept
        less than `SAME_KEPT_MS` ago, only in what moves on every round: `due`); add it to
        the history when the last one kept there is `HISTORY_EVERY_MS` old, and drop that
        station's history past `HISTORY_KEEP_MS`."""
        with self.db.reading() as tx:
            kept = tx.execute(
                f"SELECT received_ms, {', '.join(_FIELDS)} FROM station_heartbeats "
                "WHERE station_id = ?",
                (station.station_id,),
            ).fetchone()
            history = tx.execute(
                "SELECT max(received_ms) FROM station_heartbeat_history WHERE station_id = ?",
                (station.station_id,),
            ).fetchone()[0]
            gate = tx.execute(
                "SELECT gate_id FROM stations WHERE id = ?", (station.station_id,)
            ).fetchone()
        held = KeptBeat(None if kept is None else tuple(kept), history, gate and gate[0])
        at = now_ms() if received_ms is None else received_ms
        if due(held, heartbeat, at):
            with self.db.transaction() as tx:
                store_heartbeat(tx, station, heartbeat, at, held)

    def fleet(self, event_id: int) -> list[dict[str, Any]]:
        """Every station of the event, with its latest heartbeat: id, name, created_ms,
        revoked_ms, last_seen_ms, last_push_ms, last_pull_ms, heartbeat_ms (when the latest
        heartbeat came; None if none ever did) and the heartbeat's fields (None without one).
        Ordered by name."""
        beat = ", ".join(f"h.{f}" for f in _FIELDS)
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT s.id, s.name, s.created_ms, s.revoked_ms, s.last_seen_ms, "
                    "s.last_push_ms, s.last_pull_ms, h.received_ms AS heartbeat_ms, "
                    f"{beat} FROM stations s LEFT JOIN station_heartbeats h "
                    "ON h.station_id = s.id WHERE s.event_id = ? ORDER BY s.name, s.id",
                    (event_id,),
                )
            )

    def history(self, station_id: str) -> list[dict[str, Any]]:
        """The station's kept heartbeats, oldest first: received_ms and the fields."""
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    f"SELECT received_ms, {', '.join(_FIELDS)} FROM station_heartbeat_history "
                    "WHERE station_id = ? ORDER BY received_ms",
                    (station_id,),
                )
            )

    def latest_heartbeat_ms(self, event_id: int) -> int:
        """When the event's newest heartbeat arrived (0: none yet): the live dashboard asks
        this twice a second to know whether the fleet changed."""
        with self.db.reading() as tx:
            value = tx.execute(
                "SELECT max(received_ms) FROM station_heartbeats WHERE event_id = ?",
                (event_id,),
            ).fetchone()[0]
        return 0 if value is None else int(value)


def _move_station(tx: Tx, station_id: str, gate_id: str) -> None:
    """Record the gate a station now stands at; a move takes a new cursor value, so the other
    stations pull it with the station directory (an unchanged gate costs no number)."""
    row = tx.execute("SELECT gate_id FROM stations WHERE id = ?", (station_id,)).fetchone()
    if row is not None and row[0] != gate_id:
        tx.execute(
            "UPDATE stations SET gate_id = ?, change_seq = ? WHERE id = ?",
            (gate_id, next_change(tx), station_id),
        )
