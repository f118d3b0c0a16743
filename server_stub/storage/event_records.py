"""An event file applied to the server database, and the stored event read back as a file.

`EventRecords.apply_event(spec)` creates the event or updates the one `spec.id` names, in one
transaction: types and gates that changed get a new server cursor value, so stations receive the
new rules with their next pull; unchanged rows are left alone, so re-applying the same file
changes nothing. Removing a ticket type that tickets use, or a gate stations have scanned at or a
non-revoked station is provisioned on (named), is refused with the reason (`EventApplyError`) and
nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.gate_rules import EntryMode, UnknownTicketPolicy
from server_stub.event_file import MAX_TICKET_TYPES, EventSpec, GateSpec, TicketTypeSpec
from server_stub.storage.catalog import EventCatalog
from server_stub.storage.change_counter import next_change
from server_stub.storage.database import Database, Tx
from server_stub.storage.interface import StoreError


class EventApplyError(StoreError):
    """An event file that would break tickets or stations already in use."""


@dataclass(frozen=True)
class ApplyResult:
    event_id: int
    created: bool
    changed: tuple[str, ...]  # what changed, in words ("gate 'vip': entry single -> reentry")


class EventRecords:
    """`EventFiles` over a `Database`: event files in, the stored event out as a file."""

    def __init__(self, db: Database, catalog: EventCatalog) -> None:
        self.db = db
        self.catalog = catalog

    def apply_event(self, spec: EventSpec) -> ApplyResult:
        """Create or update the event `spec` describes; returns its id and what changed."""
        if spec.id is None:
            event_id = self.catalog.create_event(
                spec.name,
                timezone=spec.timezone,
                algorithm=spec.signing,
                starts_ms=spec.local_ms(spec.starts),
                ends_ms=spec.local_ms(spec.ends),
            )
            with self.db.transaction() as conn:
                _write_types(conn, event_id, spec, {})
                _write_gates(conn, event_id, spec, _type_ids(conn, event_id), {})
            return ApplyResult(event_id, True, ("created",))
        event_id = spec.id
        self.catalog.event(event_id)  # raises StoreError naming the event when it does not exist
        changed: list[str] = []
        with self.db.transaction() as conn:
            changed += _update_event_row(conn, event_id, spec)
            existing_types = _stored_types(conn, event_id)
            _refuse_removed_types(conn, event_id, spec, existing_types)
            changed += _write_types(conn, event_id, spec, existing_types)
            existing_gates = _stored_gates(conn, event_id)
            _refuse_removed_gates(conn, event_id, spec, existing_gates)
            changed += _write_gates(
                conn,
                event_id,
                spec,
                _type_ids(conn, event_id),
                {g["id"]: g for g in existing_gates},
            )
        if self.catalog.signing_key(event_id).algorithm is not spec.signing:
            key = self.catalog.add_key(event_id, spec.signing)
            changed.append(
                f"signing: new {spec.signing.value} key {key.kid} signs from now on; "
                "codes already issued stay valid"
            )
        return ApplyResult(event_id, False, tuple(changed))

    def event_spec(self, event_id: int) -> EventSpec:
        """The stored event as a spec (`event_toml` turns it into the file)."""
        event = self.catalog.event(event_id)
        zone = event["timezone"]
        types = self.catalog.ticket_types(event_id)
        names = {t["id"]: t["name"] for t in types}
        gates = self.catalog.gates(event_id)
        policies = {g["unknown_policy"] for g in gates}
        policy = UnknownTicketPolicy.REFUSE if "refuse" in policies else UnknownTicketPolicy.ADMIT
        return EventSpec(
            id=event_id,
            name=event["name"],
            timezone=zone,
            starts=_local_or_created(event["starts_ms"], event, zone),
            ends=_local_or_created(event["ends_ms"], event, zone, plus_days=1),
            signing=self.catalog.signing_key(event_id).algorithm,
            unknown_tickets=policy,
            ticket_types=tuple(
                TicketTypeSpec(
                    t["name"],
                    t["colour"] or "#607D8B",
                    t["template"] or "badge-4x3",
                    _local(t["valid_from_ms"], zone),
                    _local(t["valid_until_ms"], zone),
                )
                for t in types
            ),
            gates=tuple(
                GateSpec(
                    g["id"],
                    g["name"],
                    None
                    if g["allowed_types"] is None
                    else tuple(names[i] for i in g["allowed_types"] if i in names),
                    EntryMode(g["entry_mode"]),
                )
                for g in gates
            ),
        )


def _local_or_created(
    ms: int | None, event: dict[str, Any], zone: str, plus_days: int = 0
) -> datetime:
    """A seeded event has no dates: show the day from its creation rather than nothing."""
    if ms is None:
        ms = event["created_ms"] + plus_days * 86_400_000
    moment = _local(ms, zone)
    assert moment is not None
    return moment


def _local(ms: int | None, zone: str) -> datetime | None:
    if ms is None:
        return None
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone(ZoneInfo(zone))
    return moment.replace(tzinfo=None, microsecond=0)


def _update_event_row(conn: Tx, event_id: int, spec: EventSpec) -> list[str]:
    row = conn.execute(
        "SELECT name, timezone, starts_ms, ends_ms FROM events WHERE id = ?", (event_id,)
    ).fetchone()
    wanted = (spec.name, spec.timezone, spec.local_ms(spec.starts), spec.local_ms(spec.ends))
    if tuple(row) == wanted:
        return []
    conn.execute(
        "UPDATE events SET name = ?, timezone = ?, starts_ms = ?, ends_ms = ?, change_seq = ? "
        "WHERE id = ?",
        (*wanted, next_change(conn), event_id),
    )
    labels = ("name", "timezone", "starts", "ends")
    return [
        f"event {label}" for label, old, new in zip(labels, row, wanted, strict=True) if old != new
    ]


def _stored_types(conn: Tx, event_id: int) -> dict[str, dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, name, colour, template, valid_from_ms, valid_until_ms FROM ticket_types "
        "WHERE event_id = ?",
        (event_id,),
    ).fetchall()
    keys = ("id", "name", "colour", "template", "valid_from_ms", "valid_until_ms")
    return {r[1]: dict(zip(keys, r, strict=True)) for r in rows}


def _type_ids(conn: Tx, event_id: int) -> dict[str, int]:
    return {
        name: tid
        for tid, name in conn.execute(
            "SELECT id, name FROM ticket_types WHERE event_id = ?", (event_id,)
        )
    }


def _refuse_removed_types(
    conn: Tx, event_id: int, spec: EventSpec, existing: dict[str, dict[str, Any]]
) -> None:
    keep = set(spec.type_names())
    for name, row in sorted(existing.items()):
        if name in keep:
            continue
        used = conn.execute(
            "SELECT count(*) FROM tickets WHERE event_id = ? AND type_id = ?", (event_id, row["id"])
        ).fetchone()[0]
        if used:
            raise EventApplyError(
                f"ticket type '{name}' is not in the file, but {used} tickets are of that type; "
                "keep it in the file (or rename it back) — tickets cannot lose their type"
            )
        conn.execute(
            "DELETE FROM ticket_types WHERE event_id = ? AND id = ?", (event_id, row["id"])
        )


def _write_types(
    conn: Tx,
    event_id: int,
    spec: EventSpec,
    existing: dict[str, dict[str, Any]],
) -> list[str]:
    changed = []
    taken = {row["id"] for name, row in existing.items() if name in set(spec.type_names())}
    free = (i for i in range(MAX_TICKET_TYPES) if i not in taken)
    for ticket_type in spec.ticket_types:
        values = (
            ticket_type.colour,
            ticket_type.badge,
            spec.local_ms(ticket_type.valid_from),
            spec.local_ms(ticket_type.valid_until),
        )
        old = existing.get(ticket_type.name)
        if old is not None:
            stored = (old["colour"], old["template"], old["valid_from_ms"], old["valid_until_ms"])
            if stored == values:
                continue
            type_id = old["id"]
            changed.append(f"ticket type '{ticket_type.name}' changed")
        else:
            type_id = next(free)
            if existing:
                changed.append(f"ticket type '{ticket_type.name}' added")
        conn.execute(
            "INSERT INTO ticket_types (event_id, id, name, colour, template, valid_from_ms, "
            "valid_until_ms, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (event_id, id) DO UPDATE SET name = excluded.name, "
            "colour = excluded.colour, template = excluded.template, "
            "valid_from_ms = excluded.valid_from_ms, valid_until_ms = excluded.valid_until_ms, "
            "change_seq = excluded.change_seq",
            (event_id, type_id, ticket_type.name, *values, next_change(conn)),
        )
    return changed


def _stored_gates(conn: Tx, event_id: int) -> list[dict[str, Any]]:
    keys = ("id", "name", "allowed_types", "entry_mode", "unknown_policy", "timezone")
    rows = conn.execute(
        "SELECT id, name, allowed_types, entry_mode, unknown_policy, timezone FROM gates "
        "WHERE event_id = ?",
        (event_id,),
    ).fetchall()
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _refuse_removed_gates(
    conn: Tx, event_id: int, spec: EventSpec, existing: list[dict[str, Any]]
) -> None:
    keep = {g.id for g in spec.gates}
    for gate in existing:
        if gate["id"] in keep:
            continue
        used = conn.execute(
            "SELECT count(*), count(DISTINCT station_id) FROM log WHERE event_id = ? "
            "AND gate_id = ?",
            (event_id, gate["id"]),
        ).fetchone()
        if used[0]:
            raise EventApplyError(
                f"gate '{gate['id']}' is not in the file, but {used[1]} station(s) scanned "
                f"{used[0]} times at it; keep the gate in the file"
            )
        standing = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM stations WHERE event_id = ? AND gate_id = ? "
                "AND revoked_ms IS NULL ORDER BY name",
                (event_id, gate["id"]),
            ).fetchall()
        ]
        if standing:
            raise EventApplyError(
                f"gate '{gate['id']}' is not in the file, but station(s) "
                f"{', '.join(repr(n) for n in standing)} are provisioned on it; keep the gate "
                "in the file, or revoke those stations (or move them to another gate) first"
            )
        conn.execute("DELETE FROM gates WHERE event_id = ? AND id = ?", (event_id, gate["id"]))


def _write_gates(
    conn: Tx,
    event_id: int,
    spec: EventSpec,
    type_ids: dict[str, int],
    existing: dict[str, dict[str, Any]],
) -> list[str]:
    changed = []
    for gate in spec.gates:
        allowed = (
            None if gate.types is None else json.dumps(sorted(type_ids[t] for t in gate.types))
        )
        values = (gate.name, allowed, gate.entry.value, spec.unknown_tickets.value, spec.timezone)
        old = existing.get(gate.id)
        if old is not None:
            stored = tuple(
                old[k]
                for k in ("name", "allowed_types", "entry_mode", "unknown_policy", "timezone")
            )
            if stored == values:
                continue
            changed.append(f"gate '{gate.id}' changed")
        elif existing:
            changed.append(f"gate '{gate.id}' added")
        conn.execute(
            "INSERT INTO gates (id, event_id, name, allowed_types, entry_mode, "
            "valid_from_ms, valid_until_ms, unknown_policy, timezone, change_seq) "
            "VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?) ON CONFLICT (event_id, id) DO UPDATE "
            "SET name = excluded.name, allowed_types = excluded.allowed_types, "
            "entry_mode = excluded.entry_mode, valid_from_ms = NULL, valid_until_ms = NULL, "
            "unknown_policy = excluded.unknown_policy, timezone = excluded.timezone, "
            "change_seq = excluded.change_seq",
            (gate.id, event_id, *values, next_change(conn)),
        )
    return changed
