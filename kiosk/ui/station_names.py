"""Stations as a person reads them: "Door 3 (Main entrance)", never an id.

The label comes from the core (`StationLabel`: the pulled station directory plus gate names);
this module only puts it into the window's language. A station this one has not heard of yet
(provisioned after the last sync) is said to be unknown here, with its id to look it up.
"""

from __future__ import annotations

from kiosk.domain.station_directory import StationLabel
from kiosk.ui.languages import translate


def station_words(label: StationLabel) -> str:
    """The station's name and its gate, in the window's language."""
    if label.name is None:
        unknown = translate("StationNames", "a station not known here (id {0})").format(
            label.station_id
        )
        if label.gate:
            return translate("StationNames", "{0}, {1}").format(label.gate, unknown)
        return unknown
    if label.gate:
        return translate("StationNames", "{0} ({1})").format(label.name, label.gate)
    return label.name
