"""The CLI and the report count in English that agrees: "1 admission from 1 station"."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kiosk.domain.counted import counted
from server_stub.report import Report, summary_lines


def test_one_takes_the_singular_and_every_other_count_the_plural() -> None:
    assert counted(1, "entry", "entries") == "1 entry"
    assert [counted(n, "entry", "entries") for n in (0, 2, 1000, -1)] == [
        "0 entries",
        "2 entries",
        "1000 entries",
        "-1 entries",
    ]


def test_the_report_of_a_small_event_says_one_admission_from_one_station() -> None:
    sections: dict[str, list[dict[str, Any]]] = defaultdict(list)
    sections["events"] = [
        {
            "event_id": 1,
            "name": "Workshop",
            "timezone": "Europe/Prague",
            "tickets": 1,
            "entries": 1,
            "admissions": 1,
            "stations_reporting": 1,
            "conflicts": 0,
            "conflicts_open": 0,
            "badges_unprinted": 0,
            "revoked_admissions": 0,
        }
    ]
    first = summary_lines(Report(sections))[0]
    assert first.endswith(
        ": 1 ticket, 1 log entry, 1 admission from 1 station, 0 conflicts (0 open)"
    )
