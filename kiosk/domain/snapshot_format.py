"""The replica snapshot document: everything a station needs for one event, as one JSON object.

The same document travels in an offline provisioning bundle and, paged, over the sync
protocol's pull, so a station provisioned from a USB stick and one provisioned over the network
hold the same data. The server writes it; the station applies it into its replica (that side
lives with the station's storage).

Shape (format 1)::

    {"format": 1, "event": {...}, "ticket_types": [...], "gates": [...], "keys": [...],
     "contact_key": str, "tickets": [...], "revocations": [...], "stations": [...],
     "log": [entry, ...], "operator_pin": {verifier} | null}

`operator_pin` (added later, optional) is the event's operator PIN verifier
(`kiosk.domain.pin_signature.PinVerifier`), never its signing key.

`log` entries are in the wire shape of `kiosk.domain.wire_format.entry_json`; `stations` (the
event's station directory, `kiosk.domain.station_directory`; absent from older documents) in
that of `KnownStation.to_json`.
"""

from __future__ import annotations

from typing import Any

SNAPSHOT_FORMAT = 1


def check_snapshot_format(snapshot: dict[str, Any]) -> None:
    """Raise ValueError unless `snapshot` declares the format this Doorline reads."""
    if snapshot.get("format") != SNAPSHOT_FORMAT:
        raise ValueError(f"unsupported snapshot format {snapshot.get('format')!r}")
