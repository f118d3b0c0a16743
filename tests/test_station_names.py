"""Stations are named, never shown by id: every station pulls the event's station directory
(id → name, gate) from the server, SQLite and PostgreSQL alike, and says "Door B (Workshop
room)" in conflicts, in "first checked in at …" and on the command line; a station it has not
heard of yet is "a station not known here (id …)" until its next pull."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sync_support import InProcessServer, seed

from kiosk.cli.main import main
from kiosk.core.station import ScanOutcome
from kiosk.domain.hlc import pack, wall_ms_now
from kiosk.domain.merge import Admission
from kiosk.domain.station_directory import KnownStation, StationLabel
from kiosk.domain.verdicts import Verdict
from kiosk.ui.station_names import station_words
from kiosk.ui.verdict_card import VerdictCard
from server_stub.storage import open_storage

pytestmark = pytest.mark.slow


def test_stations_pull_each_others_names_and_say_them_everywhere(
    tmp_path: Path, server_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event = seed(server_db, tickets=10)
    server = InProcessServer(server_db)
    try:
        a = server.provision(event.event_id, tmp_path / "a", "Door A")
        b = server.provision(event.event_id, tmp_path / "b", "Door B")
        ticket = event.tickets[2]
        assert a.scan(ticket.code).verdict is Verdict.ADMITTED  # two doors, neither knew
        # B's admission in a later millisecond than A's: in the same one, the merge's order
        # (HLC, then station id) would make the first of the two a coin toss of random ids.
        a_done_ms = wall_ms_now()
        while wall_ms_now() <= a_done_ms:
            time.sleep(0.0005)
        assert b.scan(ticket.code).verdict is Verdict.ADMITTED
        engines = [server.engine(tmp_path / d) for d in "ab"]
        for engine in (*engines, engines[0]):
            engine.sync_once()
        # A station provisioned after A's last pull: A does not know its name yet.
        c = server.provision(event.event_id, tmp_path / "c", "Door C", gate="main")
        assert a.replica.station_label(c.station_id).english() == (
            f"a station not known here (id {c.station_id})"
        )
        engines[0].sync_once()
        assert a.replica.station_label(c.station_id).english() == "Door C (Main entrance)"
        assert a.replica.station_label(b.station_id).english() == "Door B (Workshop room)"
        assert a.replica.known_station(b.station_id) == KnownStation(
            b.station_id, "Door B", "workshop"
        )
        for engine in engines:
            engine.close()
    finally:
        server.close()

    # C scans the ticket A admitted first: the verdict names A, not its id.
    used = c.scan(ticket.code)
    assert used.verdict is Verdict.ALREADY_CHECKED_IN
    assert "at Door A (Workshop room)" in used.detail
    assert used.to_json()["first_checkin_station"] == "Door A (Workshop room)"
    assert a.station_id not in used.detail

    assert main(["station", "conflicts", "--data-dir", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert "Door A (Workshop room)" in out and "Door B (Workshop room)" in out
    assert a.station_id[:8] not in out and b.station_id[:8] not in out
    assert main(["station", "conflicts", "--data-dir", str(tmp_path / "a"), "--json"]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {row["first_station"], row["second_station"]} == {
        "Door A (Workshop room)",
        "Door B (Workshop room)",
    }

    assert main(["server", "conflicts", "--db", server_db]) == 0
    out = capsys.readouterr().out
    assert "Door A (Workshop room) then Door B (Workshop room)" in out
    assert a.station_id[:8] not in out
    for station in (a, b, c):
        station.replica.close()


def test_a_bundle_carries_the_station_directory(tmp_path: Path, server_db: str) -> None:
    event = seed(server_db, tickets=3)
    server = InProcessServer(server_db)
    try:
        a = server.provision(event.event_id, tmp_path / "a", "Door A")
    finally:
        server.close()
    store = open_storage(server_db)
    try:
        snapshot = store.catalog.snapshot(event.event_id)
    finally:
        store.close()
    assert snapshot["stations"] == [{"id": a.station_id, "name": "Door A", "gate": "workshop"}]
    a.replica.close()


def test_the_verdict_card_names_the_station_that_admitted_first(qtbot) -> None:
    card = VerdictCard()
    qtbot.addWidget(card)
    wall = int(time.time() * 1000) - 3 * 60_000
    previous = Admission("x", "6f1c-station", "main", pack(wall, 0), wall)
    known = StationLabel("6f1c-station", "Door 3", "Main entrance")
    card.show_outcome(
        ScanOutcome(
            Verdict.ALREADY_CHECKED_IN,
            "first checked in",
            "e1",
            4,
            previous=previous,
            previous_gate="Main entrance",
            previous_station=known,
        )
    )
    assert "at Door 3 (Main entrance)" in card.when.full_text()
    assert "6f1c" not in card.when.full_text()
    unknown = StationLabel("6f1c-station", None, None)
    assert station_words(unknown) == "a station not known here (id 6f1c-station)"
