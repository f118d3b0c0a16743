"""The choices made once when a station is provisioned: its identity and its gate.

Shared by every way of provisioning (bundle file, server token, tests) so they agree on the
default gate and on what a new identity holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from kiosk.domain.hlc import wall_ms_now
from kiosk.station_store import StationIdentity

DEFAULT_GATE = "main"


class UnknownGate(ValueError):
    """The operator asked for a gate the event does not have (the message lists the real ones)."""


def choose_gate(gate_ids: Iterable[str], wanted: str | None) -> str:
    ids = [str(g) for g in gate_ids]
    if wanted is None:
        if not ids:
            raise UnknownGate("the event has no gates configured")
        return DEFAULT_GATE if DEFAULT_GATE in ids else ids[0]
    if wanted not in ids:
        raise UnknownGate(f"no gate '{wanted}' in this event; gates: {', '.join(ids)}")
    return wanted


def new_identity(
    event_id: int,
    name: str,
    gate_id: str,
    server_url: str | None = None,
    credential: str | None = None,
    station_id: str | None = None,
) -> StationIdentity:
    return StationIdentity(
        station_id=station_id or str(uuid.uuid4()),
        name=name,
        event_id=event_id,
        gate_id=gate_id,
        server_url=server_url,
        credential=credential,
        provisioned_ms=wall_ms_now(),
    )
