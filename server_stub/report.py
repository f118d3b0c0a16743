"""The operators' after-action report: what happened at which door, and what needs attention.

Entries and admissions per gate, per station and per hour; conflicts; stations that never
synced or whose sequence numbers have gaps; tickets never scanned. Read straight from the
server database (SQLite), so it works with the server stopped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server_stub.sqlite_sync_store import SqliteSyncStore

_ADMITTED = "action IN ('entry', 'override') AND verdict = 'admitted'"


@dataclass(frozen=True)
class Report:
    """Each section is a list of flat rows, so the same data prints, dumps as JSON or CSV."""

    sections: dict[str, list[dict[str, Any]]]

    def to_json(self) -> dict[str, Any]:
        return dict(self.sections)


def build_report(sync_store: SqliteSyncStore, event_id: int | None = None) -> Report:
    store = sync_store.store
    events = [store.event(event_id)] if event_id is not None else store.events()
    sections: dict[str, list[dict[str, Any]]] = {k: [] for k in _SECTIONS}
    for event in events:
        eid = int(event["id"])
        sections["events"].append(_event_totals(sync_store, eid, event["name"]))
        sections["per_gate"] += _grouped(sync_store, eid, "coalesce(gate_id, '-')", "gate")
        sections["per_station"] += _per_station(sync_store, eid)
        sections["per_hour"] += _grouped(
            sync_store,
            eid,
            "strftime('%Y-%m-%d %H:00', wall_ms / 1000, 'unixepoch')",
            "hour_utc",
        )
        sections["conflicts"] += [
            {k: c[k] for k in _CONFLICT_FIELDS} for c in sync_store.conflicts(eid, True)
        ]
        sections["stations_never_synced"] += [
            {"event_id": eid, "station_id": s["id"], "name": s["name"]}
            for s in sync_store.stations(eid)
            if s["last_push_ms"] is None and s["last_pull_ms"] is None
        ]
        sections["sequence_gaps"] += [
            {"event_id": eid, "station_id": g.station_id, "first": g.first, "last": g.last}
            for g in sync_store.sequence_gaps(eid)
        ]
        sections["tickets_never_scanned"] += _never_scanned(sync_store, eid)
    return Report(sections)


_SECTIONS = (
    "events", "per_gate", "per_station", "per_hour", "conflicts", "stations_never_synced",
    "sequence_gaps", "tickets_never_scanned",
)  # fmt: skip
_CONFLICT_FIELDS = (
    "id", "event_id", "ticket_id", "first_station", "second_station", "first_gate",
    "second_gate", "first_hlc", "second_hlc", "acknowledged_entry_id", "ack_note",
)  # fmt: skip


def _rows(sync_store: SqliteSyncStore, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with sync_store.store.lock:
        return list(sync_store.store.db.query(sql, params))


def _event_totals(sync_store: SqliteSyncStore, event_id: int, name: str) -> dict[str, Any]:
    row = _rows(
        sync_store,
        f"SELECT count(*) AS entries, coalesce(sum({_ADMITTED}), 0) AS admissions, "
        "count(DISTINCT station_id) AS stations_reporting FROM log WHERE event_id = ?",
        [event_id],
    )[0]
    tickets = _rows(sync_store, "SELECT count(*) AS n FROM tickets WHERE event_id = ?", [event_id])
    conflicts = sync_store.conflicts(event_id, True)
    return {
        "event_id": event_id,
        "name": name,
        "tickets": tickets[0]["n"],
        **row,
        "conflicts": len(conflicts),
        "conflicts_open": sum(1 for c in conflicts if c["acknowledged_entry_id"] is None),
    }


def _grouped(
    sync_store: SqliteSyncStore, event_id: int, key: str, name: str
) -> list[dict[str, Any]]:
    return _rows(
        sync_store,
        f"SELECT ? AS event_id, {key} AS {name}, count(*) AS entries, "
        f"coalesce(sum({_ADMITTED}), 0) AS admissions, "
        "coalesce(sum(action = 'refused'), 0) AS refused, "
        "coalesce(sum(action = 'exit'), 0) AS exits FROM log WHERE event_id = ? "
        f"GROUP BY {key} ORDER BY {key}",
        [event_id, event_id],
    )


def _per_station(sync_store: SqliteSyncStore, event_id: int) -> list[dict[str, Any]]:
    return _rows(
        sync_store,
        "SELECT ? AS event_id, l.station_id, coalesce(s.name, l.station_id) AS name, "
        f"count(*) AS entries, coalesce(sum({_ADMITTED}), 0) AS admissions, "
        "max(l.seq) AS last_seq, max(l.seq) - count(*) AS missing_seqs, "
        "s.last_push_ms, s.last_pull_ms FROM log l LEFT JOIN stations s ON s.id = l.station_id "
        "WHERE l.event_id = ? GROUP BY l.station_id ORDER BY name",
        [event_id, event_id],
    )


def _never_scanned(sync_store: SqliteSyncStore, event_id: int) -> list[dict[str, Any]]:
    return _rows(
        sync_store,
        "SELECT t.event_id, t.id AS ticket_id, t.first_name, t.last_name, t.type_id "
        "FROM tickets t WHERE t.event_id = ? AND NOT EXISTS (SELECT 1 FROM log l "
        "WHERE l.event_id = t.event_id AND l.ticket_id = t.id) ORDER BY t.id",
        [event_id],
    )


def write_csv(report: Report, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in report.sections.items():
        path = directory / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            columns = list(rows[0]) if rows else ["event_id"]
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


def summary_lines(report: Report) -> list[str]:
    lines = []
    for event in report.sections["events"]:
        lines.append(
            f"event {event['event_id']} '{event['name']}': {event['tickets']} tickets, "
            f"{event['entries']} log entries, {event['admissions']} admissions from "
            f"{event['stations_reporting']} stations, {event['conflicts']} conflicts "
            f"({event['conflicts_open']} open)"
        )
    for title, key, label in (
        ("per gate", "per_gate", "gate"),
        ("per station", "per_station", "name"),
        ("per hour (UTC)", "per_hour", "hour_utc"),
    ):
        lines.append(f"{title}:")
        for row in report.sections[key]:
            lines.append(
                f"  {row[label]!s:<28} entries {row['entries']:>7}  admissions "
                f"{row['admissions']:>7}"
            )
    for row in report.sections["conflicts"]:
        state = "acknowledged" if row["acknowledged_entry_id"] else "OPEN"
        lines.append(
            f"conflict {row['id']} ticket {row['ticket_id']}: {row['first_gate']} "
            f"({row['first_station'][:8]}) then {row['second_gate']} "
            f"({row['second_station'][:8]}) — {state}"
        )
    for row in report.sections["stations_never_synced"]:
        lines.append(f"station never synced: {row['name']} ({row['station_id']})")
    for row in report.sections["sequence_gaps"]:
        lines.append(
            f"station {row['station_id']} is missing entries {row['first']}..{row['last']}"
        )
    lines.append(f"tickets never scanned: {len(report.sections['tickets_never_scanned'])}")
    return lines
