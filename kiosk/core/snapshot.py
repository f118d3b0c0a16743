"""The replica snapshot: everything a station needs for one event, as one JSON-able document.

The same shape travels in an offline provisioning bundle and, paged, over the sync protocol's
pull, so a station provisioned from a USB stick and one provisioned over the network hold the
same data.
"""

from __future__ import annotations

from typing import Any

from kiosk.core.replica import Replica
from kiosk.domain.log_entry import LogEntry

SNAPSHOT_FORMAT = 1


def apply_snapshot(replica: Replica, snapshot: dict[str, Any]) -> None:
    if snapshot.get("format") != SNAPSHOT_FORMAT:
        raise ValueError(f"unsupported snapshot format {snapshot.get('format')!r}")
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
