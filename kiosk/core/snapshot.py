"""Applying a replica snapshot (`kiosk.domain.snapshot_format`) into the station's replica."""

from __future__ import annotations

from typing import Any

from kiosk.core.replica import Replica
from kiosk.domain.log_entry import LogEntry
from kiosk.domain.snapshot_format import check_snapshot_format


def apply_snapshot(replica: Replica, snapshot: dict[str, Any]) -> None:
    check_snapshot_format(snapshot)
    event = snapshot["event"]
    event_id = event["id"]
    replica.upsert_event(event)
    replica.upsert_ticket_types(event_id, snapshot["ticket_types"])
    replica.upsert_gates(event_id, snapshot["gates"])
    replica.upsert_keys(event_id, snapshot["keys"])
    replica.set_contact_key(snapshot["contact_key"])
    replica.upsert_tickets(event_id, snapshot["tickets"])
    replica.upsert_revocations(event_id, snapshot.get("revocations", []))
    replica.ingest_entries(LogEntry.from_json(e) for e in snapshot.get("log", []))
