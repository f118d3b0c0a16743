"""The organiser's report after the doors close: what happened at which door, and what needs
attention — for one event at a time.

Entries and admissions per gate (by name), per station and per hour of the venue's time zone;
conflicts; stations that never synced, USB-stick bundles whose log never came home, sequence
gaps; admitted attendees whose badge was never printed; admissions of tickets that were revoked
at the time (scanned offline before the station heard of the refund); tickets never scanned (by
type name); every operator action (who, when, what, over HTTP or the command line). Times are
ISO 8601 in the event's time zone. Read straight from the server database
(`server_stub.storage.reports`), so it works with the server stopped.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.counted import counted
from kiosk.domain.spreadsheet_cell import safe_cell
from server_stub.storage.interface import ServerStorage, StoreError
from server_stub.storage.reports import QUARTER_MS

# The columns of each section, so a section with no rows still writes a CSV with its real
# header (a spreadsheet or script reading conflicts.csv finds the same columns on a quiet night
# as on a busy one). A test holds these equal to the keys of the rows the report builds.
SECTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "event_id", "name", "tickets", "entries", "admissions", "stations_reporting",
        "conflicts", "conflicts_open", "timezone", "badges_unprinted", "revoked_admissions",
    ),
    "per_gate": ("gate", "gate_name", "entries", "admissions", "refused", "exits"),
    "per_station": (
        "station", "station_id", "entries", "admissions", "refused", "exits", "last_seq",
        "missing_seqs", "provisioned_by", "last_push", "last_pull",
    ),
    "per_hour": ("hour", "entries", "admissions", "refused", "exits"),
    "conflicts": (
        "id", "ticket_id", "first_gate", "first_station", "second_gate", "second_station",
        "acknowledged", "ack_note",
    ),
    "stations_never_synced": ("station_id", "name", "gate", "provisioned", "provisioned_by"),
    "bundles_never_imported": ("bundle_id", "file", "exported"),
    "sequence_gaps": ("station_id", "station", "first", "last"),
    "badges_unprinted": ("ticket_id", "name", "ticket_type", "first_admitted", "gate"),
    "revoked_admissions": (
        "entry_id", "ticket_id", "name", "ticket_type", "admitted", "gate", "station",
        "revoked", "reason",
    ),
    "tickets_never_scanned": ("ticket_id", "first_name", "last_name", "ticket_type"),
    "log_anchors": (
        "station_id", "station", "server_last_seq", "reported_head_seq", "reported", "problem",
    ),
    "identity_clashes": ("station_id", "station", "refused_entries", "first", "last"),
    "operator_actions": ("at_ms", "who", "via", "action", "event_id", "detail", "at"),
}  # fmt: skip


@dataclass(frozen=True)
class Report:
    """Each section is a list of flat rows, so the same data prints, dumps as JSON or CSV."""

    sections: dict[str, list[dict[str, Any]]]

    def to_json(self) -> dict[str, Any]:
        return dict(self.sections)


def choose_event(storage: ServerStorage, event_id: int | None) -> dict[str, Any]:
    """The event to report on: the one asked for, or the only one; StoreError otherwise."""
    if event_id is not None:
        return storage.catalog.event(event_id)
    events = storage.catalog.events()
    if not events:
        raise StoreError(f"{storage.location} holds no event yet")
    if len(events) > 1:
        listed = ", ".join(f"{e['id']} ({e['name']})" for e in events)
        raise StoreError(
            f"{storage.location} holds {len(events)} events; choose one with --event: {listed}"
        )
    return events[0]


def build_report(storage: ServerStorage, event_id: int | None = None) -> Report:
    event = choose_event(storage, event_id)
    clock = _Clock(event["timezone"])
    eid = int(event["id"])
    reports = storage.reports
    gates = {g["id"]: g["name"] for g in storage.catalog.gates(eid)}
    stations = {s["id"]: s for s in storage.credentials.stations(eid)}
    sections: dict[str, list[dict[str, Any]]] = {}
    unprinted = _unprinted_badges(storage, eid, gates, clock)
    revoked = _revoked_admissions(storage, eid, gates, stations, clock)
    sections["events"] = [
        {
            "event_id": eid,
            "name": event["name"],
            **reports.event_totals(eid),
            "timezone": event["timezone"],
            "badges_unprinted": len(unprinted),
            "revoked_admissions": len(revoked),
        }
    ]
    sections["per_gate"] = [
        {"gate": key, "gate_name": gates.get(key, key), **counts}
        for key, counts in reports.counts_per_gate(eid)
    ]
    sections["per_station"] = _per_station(storage, eid, stations, clock)
    sections["per_hour"] = _per_hour(storage, eid, clock)
    sections["conflicts"] = [
        {
            "id": c["id"],
            "ticket_id": c["ticket_id"],
            "first_gate": gates.get(c["first_gate"], c["first_gate"]),
            "first_station": _station_name(stations, c["first_station"]),
            "second_gate": gates.get(c["second_gate"], c["second_gate"]),
            "second_station": _station_name(stations, c["second_station"]),
            "acknowledged": c["acknowledged_entry_id"] is not None,
            "ack_note": c.get("ack_note") or "",
        }
        for c in storage.conflicts.conflicts(eid, True)
    ]
    sections["stations_never_synced"] = [
        {
            "station_id": s["id"],
            "name": s["name"],
            "gate": gates.get(s["gate_id"], s["gate_id"] or ""),
            "provisioned": clock.iso(s["created_ms"]),
            "provisioned_by": s["token_by"] or "",
        }
        for s in stations.values()
        if not _synced(s)
    ]
    sections["bundles_never_imported"] = [
        {"bundle_id": b.bundle_id, "file": b.file, "exported": clock.iso(b.created_ms)}
        for b in storage.bundles.bundles_never_imported(eid)
    ]
    sections["sequence_gaps"] = [
        {
            "station_id": g.station_id,
            "station": _station_name(stations, g.station_id),
            "first": g.first,
            "last": g.last,
        }
        for g in reports.sequence_gaps(eid)
    ]
    sections["badges_unprinted"] = unprinted
    sections["revoked_admissions"] = revoked
    sections["tickets_never_scanned"] = reports.tickets_never_scanned(eid)
    anchors = storage.anchors.anchors(eid)
    sections["log_anchors"] = [
        {
            "station_id": a["station_id"],
            "station": a["name"],
            "server_last_seq": a["server_seq"],
            "reported_head_seq": a["head_seq"],
            "reported": clock.iso(a["head_ms"]),
            "problem": a["head_problem"] or "",
        }
        for a in anchors
    ]
    sections["identity_clashes"] = [
        {
            "station_id": a["station_id"],
            "station": a["name"],
            "refused_entries": a["clash_entries"],
            "first": clock.iso(a["clash_first_ms"]),
            "last": clock.iso(a["clash_last_ms"]),
        }
        for a in anchors
        if a["clash_entries"]
    ]
    sections["operator_actions"] = [
        {**action.to_json(), "at": clock.iso(action.at_ms)}
        for action in storage.operators.actions(eid)
    ]
    return Report(sections)


class _Clock:
    """Unix ms -> the venue's local time, as ISO 8601 with its offset."""

    def __init__(self, timezone: str) -> None:
        self.zone = ZoneInfo(timezone)

    def local(self, ms: int) -> datetime:
        return datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone(self.zone)

    def iso(self, ms: int | None) -> str:
        return "" if ms is None else self.local(ms).isoformat(timespec="seconds")


def _station_name(stations: dict[str, dict[str, Any]], station_id: str) -> str:
    station = stations.get(station_id)
    return station["name"] if station else station_id


def _imported(station: dict[str, Any]) -> bool:
    return bool(station.get("bundle_id")) or bool(station.get("imported"))


def _synced(station: dict[str, Any]) -> bool:
    """A working station: it pushed or pulled at least once, or its log came home on a USB
    stick. One that never did was provisioned (its token exchanged) and then never finished:
    an abandoned or failed set-up, listed apart, never counted among the stations."""
    pushed_or_pulled = station["last_push_ms"] is not None or station["last_pull_ms"] is not None
    return pushed_or_pulled or _imported(station)


def _per_hour(storage: ServerStorage, event_id: int, clock: _Clock) -> list[dict[str, Any]]:
    """Counted by quarter hour in SQL, then summed into the venue's local hours (a zone may be
    30 or 45 minutes off UTC, and DST moves the boundaries)."""
    hours: dict[datetime, dict[str, int]] = defaultdict(
        lambda: {"entries": 0, "admissions": 0, "refused": 0, "exits": 0}
    )
    for quarter, counts in storage.reports.counts_per_quarter_hour(event_id):
        local = clock.local(quarter * QUARTER_MS)
        hour = local.replace(minute=0, second=0, microsecond=0)
        for name, value in counts.items():
            hours[hour][name] += value
    return [
        {"hour": hour.isoformat(timespec="minutes"), **counts}
        for hour, counts in sorted(hours.items())
    ]


def _per_station(
    storage: ServerStorage,
    event_id: int,
    stations: dict[str, dict[str, Any]],
    clock: _Clock,
) -> list[dict[str, Any]]:
    counted = storage.reports.per_station_counts(event_id)
    seen = {row["station_id"] for row in counted}
    idle = [  # working stations that have not logged anything yet
        {
            "station_id": s["id"], "entries": 0, "admissions": 0, "refused": 0, "exits": 0,
            "last_seq": None, "missing_seqs": 0,
        }
        for s in stations.values()
        if s["id"] not in seen and _synced(s)
    ]  # fmt: skip
    out = []
    for row in [*counted, *idle]:
        station = stations.get(row["station_id"], {})
        out.append(
            {
                "station": station.get("name", row["station_id"]),
                **row,
                "provisioned_by": "bundle" if station.get("bundle_id") else "network",
                "last_push": clock.iso(station.get("last_push_ms")),
                "last_pull": clock.iso(station.get("last_pull_ms")),
            }
        )
    return sorted(out, key=lambda r: str(r["station"]))


def _unprinted_badges(
    storage: ServerStorage, event_id: int, gates: dict[str, str], clock: _Clock
) -> list[dict[str, Any]]:
    """Attendees admitted (and not undone) with no badge_printed entry from any station."""
    rows = storage.reports.unprinted_badges(event_id)
    return [
        {
            "ticket_id": r["ticket_id"],
            "name": f"{r['first_name']} {r['last_name']}".strip(),
            "ticket_type": r["ticket_type"] or "",
            "first_admitted": clock.iso(r["first_admitted_ms"]),
            "gate": gates.get(r["gate_id"], r["gate_id"] or ""),
        }
        for r in rows
    ]


def _revoked_admissions(
    storage: ServerStorage,
    event_id: int,
    gates: dict[str, str],
    stations: dict[str, dict[str, Any]],
    clock: _Clock,
) -> list[dict[str, Any]]:
    """Admissions recorded after the ticket's (still standing) revocation: a door that had
    not heard of the refund yet."""
    rows = storage.reports.revoked_admissions(event_id)
    return [
        {
            "entry_id": r["entry_id"],
            "ticket_id": r["ticket_id"],
            "name": f"{r['first_name']} {r['last_name']}".strip(),
            "ticket_type": r["ticket_type"] or "",
            "admitted": clock.iso(r["wall_ms"]),
            "gate": gates.get(r["gate_id"], r["gate_id"] or ""),
            "station": _station_name(stations, r["station_id"]),
            "revoked": clock.iso(r["revoked_ms"]),
            "reason": r["reason"] or "",
        }
        for r in rows
    ]


def write_csv(report: Report, directory: Path) -> list[Path]:
    """One CSV per section; text a spreadsheet would evaluate is escaped (`safe_cell`)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in report.sections.items():
        path = directory / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            columns = list(rows[0]) if rows else list(SECTION_COLUMNS[name])
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
        written.append(path)
    return written


def summary_lines(report: Report) -> list[str]:
    event = report.sections["events"][0]
    lines = [
        f"event {event['event_id']} '{event['name']}' ({event['timezone']}): "
        f"{counted(event['tickets'], 'ticket', 'tickets')}, "
        f"{counted(event['entries'], 'log entry', 'log entries')}, "
        f"{counted(event['admissions'], 'admission', 'admissions')} from "
        f"{counted(event['stations_reporting'], 'station', 'stations')}, "
        f"{counted(event['conflicts'], 'conflict', 'conflicts')} ({event['conflicts_open']} open)"
    ]
    for title, key, label in (
        ("per gate", "per_gate", "gate_name"),
        ("per station", "per_station", "station"),
        (f"per hour ({event['timezone']})", "per_hour", "hour"),
    ):
        lines.append(f"{title}:")
        for row in report.sections[key]:
            lines.append(
                f"  {row[label]!s:<28} entries {row['entries']:>7}  admissions "
                f"{row['admissions']:>7}"
            )
    for row in report.sections["conflicts"]:
        state = "acknowledged" if row["acknowledged"] else "OPEN"
        lines.append(
            f"conflict {row['id']} ticket {row['ticket_id']}: {row['first_gate']} "
            f"({row['first_station']}) then {row['second_gate']} ({row['second_station']}) "
            f"— {state}"
        )
    never = report.sections["stations_never_synced"]
    if never:
        lines.append(
            "stations never synced (provisioned, then never pushed or pulled; not counted as "
            "stations):"
        )
    for row in never:
        by = f" by {row['provisioned_by']}" if row["provisioned_by"] else ""
        gate = f" for gate {row['gate']}" if row["gate"] else ""
        lines.append(
            f"  {row['name']}{gate}: provisioned {row['provisioned']}{by} (id {row['station_id']})"
        )
    for row in report.sections["bundles_never_imported"]:
        lines.append(
            f"bundle {row['file']} (exported {row['exported']}): no station log imported from "
            "it — bring its stations' logs home (doorline station export-log)"
        )
    for row in report.sections["sequence_gaps"]:
        lines.append(f"station {row['station']} is missing entries {row['first']}..{row['last']}")
    for row in report.sections["revoked_admissions"]:
        lines.append(
            f"admitted although revoked: ticket {row['ticket_id']} {row['name']} at "
            f"{row['gate']} ({row['station']}) {row['admitted']}, revoked {row['revoked']}"
        )
    lines.append(f"admitted attendees without a printed badge: {event['badges_unprinted']}")
    lines.append(f"tickets never scanned: {len(report.sections['tickets_never_scanned'])}")
    for row in report.sections["log_anchors"]:
        if row["problem"]:
            lines.append(f"station {row['station']}: LOG TAMPERED? {row['problem']}")
    for row in report.sections["identity_clashes"]:
        lines.append(
            f"station {row['station']} ({row['station_id']}): IDENTITY USED TWICE — "
            f"{row['refused_entries']} entries refused because another copy of its data "
            f"folder had used their sequence numbers (first {row['first']}, last "
            f"{row['last']}); re-provision that folder with a new token (doorline station "
            "init --server URL --token NEW_TOKEN on it): its stranded entries then upload"
        )
    actions = report.sections["operator_actions"]
    lines.append(
        f"operator actions: {len(actions)}" + (" (the last 20)" if len(actions) > 20 else "")
    )
    for row in actions[-20:]:
        lines.append(f"  {row['at']}  {row['who']} [{row['via']}] {row['action']}: {row['detail']}")
    return lines
