"""The dashboard's picture of one event, as one JSON-ready dict the page renders and the live
stream sends again whenever it changes.

Read from the server storage only (`ServerStorage`): presence and arrivals from `door_view`,
the fleet from `fleet`, conflicts from `conflicts`. Times are Unix ms plus labels in the
event's time zone; a station is *stale* when nothing was heard from it for `STALE_AFTER_MS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.hlc import wall_ms_now
from server_stub.storage.interface import ServerStorage
from server_stub.storage.reports import QUARTER_MS

STALE_AFTER_MS = 60_000
CLOCK_WARN_MS = 120_000  # the station status screen's own limit for a clock that is off
CHART_QUARTERS = 32  # eight hours of arrivals


@dataclass(frozen=True)
class LiveMark:
    """What changes when anything on the dashboard changes: the server's change counter
    (pushes, acknowledgements, revocations) and the newest heartbeat of the event."""

    change: int
    heartbeat_ms: int


def live_mark(storage: ServerStorage, event_id: int) -> LiveMark:
    return LiveMark(storage.catalog.current_change(), storage.fleet.latest_heartbeat_ms(event_id))


def live_state(storage: ServerStorage, event_id: int, now_ms: int | None = None) -> dict[str, Any]:
    """The event's dashboard: event, presence, arrivals chart, fleet, conflicts."""
    now = wall_ms_now() if now_ms is None else now_ms
    event = storage.catalog.event(event_id)
    zone = ZoneInfo(event["timezone"])
    gates = {g["id"]: g["name"] for g in storage.catalog.gates(event_id)}
    fleet = storage.fleet.fleet(event_id)
    names = {s["id"]: s["name"] for s in fleet}
    presence = storage.door_view.presence(event_id)
    return {
        "event": {"id": event_id, "name": event["name"], "timezone": event["timezone"]},
        "now_ms": now,
        "updated": _local(now, zone, "%H:%M:%S"),
        "presence": {
            "registered": presence.registered,
            "checked_in": presence.checked_in,
            "inside": presence.inside,
        },
        "arrivals": _arrivals(storage, event_id, gates, zone),
        "fleet": [_station(s, gates, zone, now) for s in fleet],
        "conflicts": [
            _conflict(c, gates, names, zone)
            for c in storage.conflicts.conflicts(event_id, include_acknowledged=False)
        ],
    }


def _local(ms: int, zone: ZoneInfo, pattern: str) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone(zone).strftime(pattern)


def _arrivals(
    storage: ServerStorage, event_id: int, gates: dict[str, str], zone: ZoneInfo
) -> dict[str, Any]:
    """Admissions per quarter hour per gate, over the last `CHART_QUARTERS` quarters that had
    any (empty quarters in between kept, so the time axis is even)."""
    rows = storage.door_view.admissions_per_quarter_and_gate(event_id)
    if not rows:
        return {"labels": [], "series": []}
    last = rows[-1][0]
    first = max(rows[0][0], last - CHART_QUARTERS + 1)
    quarters = list(range(first, last + 1))
    counts: dict[str, list[int]] = {}
    for quarter, gate, n in rows:
        if quarter >= first:
            counts.setdefault(gate, [0] * len(quarters))[quarter - first] = n
    return {
        "labels": [_local(q * QUARTER_MS, zone, "%H:%M") for q in quarters],
        "series": [
            {"gate": gate, "name": gates.get(gate, gate), "counts": values}
            for gate, values in sorted(counts.items())
        ],
    }


def _station(
    row: dict[str, Any], gates: dict[str, str], zone: ZoneInfo, now: int
) -> dict[str, Any]:
    heard = max(
        (row[k] for k in ("last_seen_ms", "heartbeat_ms", "last_push_ms") if row[k]), default=None
    )
    offset = row["clock_offset_ms"]
    return {
        "id": row["id"],
        "name": row["name"],
        "revoked": row["revoked_ms"] is not None,
        "last_seen_ms": heard,
        "last_seen": "never" if heard is None else _local(heard, zone, "%H:%M:%S"),
        "stale": row["revoked_ms"] is None and (heard is None or now - heard > STALE_AFTER_MS),
        "gate": gates.get(row["gate_id"], row["gate_id"]) if row["gate_id"] else "",
        "mode": row["mode"] or "",
        "queue": row["unpushed"],
        "printer": row["printer"] or "unknown",
        "badges_waiting": row["badges_waiting"],
        "camera": row["camera"] or "unknown",
        "clock_offset_ms": offset,
        "clock_off": offset is not None and abs(offset) > CLOCK_WARN_MS,
        "last_scan": "" if not row["last_scan_ms"] else _local(row["last_scan_ms"], zone, "%H:%M"),
        "disk_free_mb": row["disk_free_mb"],
        "app_version": row["app_version"] or "",
    }


def _conflict(
    row: dict[str, Any], gates: dict[str, str], names: dict[str, str], zone: ZoneInfo
) -> dict[str, Any]:
    return {
        "id": row["id"],
        "ticket_id": row["ticket_id"],
        "first": f"{gates.get(row['first_gate'], row['first_gate'] or '-')} "
        f"({names.get(row['first_station'], row['first_station'])})",
        "second": f"{gates.get(row['second_gate'], row['second_gate'] or '-')} "
        f"({names.get(row['second_station'], row['second_station'])})",
        "detected": _local(row["detected_ms"], zone, "%H:%M:%S"),
    }
