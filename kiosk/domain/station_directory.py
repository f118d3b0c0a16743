"""The event's stations by name: what a station pulls so people never read a station id.

A conflict, an "already checked in" verdict or a report names the station that made an entry.
Entries carry only the station's id (a UUID); the server sends every station of the event in
the snapshot and in pull pages (`stations`), in the wire shape::

    {"id": "6f1c…", "name": "Door 3", "gate": "main"}     # gate: the gate id, or null

`StationLabel` is what a person is shown: the station's name and the gate the entry was made
at ("Door 3 (Main entrance)"), or, for an id this station has not heard of (a station
provisioned after the last pull), that it is not known here, with the id to look up.
The UI translates the label's parts; `english()` is the words of logs and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class KnownStation:
    """One station of the event as the server last described it."""

    station_id: str
    name: str
    gate_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.station_id, "name": self.name, "gate": self.gate_id}

    @classmethod
    def from_json(cls, raw: Any) -> KnownStation:
        """A wire row; ValueError naming the field when it is not one."""
        if not isinstance(raw, dict):
            raise ValueError("a station must be an object")
        station_id, name, gate = raw.get("id"), raw.get("name"), raw.get("gate")
        if not isinstance(station_id, str) or not station_id:
            raise ValueError("station id must be text")
        if not isinstance(name, str):
            raise ValueError("station name must be text")
        if gate is not None and not isinstance(gate, str):
            raise ValueError("station gate must be text or null")
        return cls(station_id, name, gate)


@dataclass(frozen=True)
class StationLabel:
    """How a person is told which station did something.

    `name` is None when the station is not known here; `gate` is the gate's name (the gate of
    the entry when there is one, else the station's own), or None."""

    station_id: str
    name: str | None
    gate: str | None = None

    @property
    def known(self) -> bool:
        return self.name is not None

    def english(self) -> str:
        """ "Door 3 (Main entrance)", "Door 3", or "a station not known here (id …)"."""
        if self.name is None:
            unknown = f"a station not known here (id {self.station_id})"
            return f"{self.gate}, {unknown}" if self.gate else unknown
        return f"{self.name} ({self.gate})" if self.gate else self.name


def label_station(
    station_id: str,
    known: KnownStation | None,
    gate_name: str | None,
) -> StationLabel:
    """The label for `station_id`: `known` is its directory row (None: not known here);
    `gate_name` the name of the gate to show (the entry's, or the station's own)."""
    return StationLabel(station_id, known.name if known else None, gate_name or None)
