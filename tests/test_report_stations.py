"""The report's stations: a set-up that failed before the token was exchanged leaves no
station; one that exchanged its token and then never pushed or pulled is listed apart, under
"Stations never synced", with when it was provisioned and who made its token — never among the
working stations, which are listed even before their first scan (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sync_support import InProcessServer, seed

from kiosk.cli.main import main
from kiosk.cli.operator_cmds import local_operator
from server_stub.storage import NotFound, open_storage

pytestmark = pytest.mark.slow


def _token(db: str, event_id: int, name: str, capsys: pytest.CaptureFixture[str]) -> str:
    args = ["server", "station-token", "--db", db, "--event", str(event_id), "--name", name]
    assert main(args) == 0
    return capsys.readouterr().out.strip()


def test_stations_that_never_synced_are_listed_apart_with_who_provisioned_them(
    tmp_path: Path, server_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event = seed(server_db, tickets=3)
    server = InProcessServer(server_db)
    try:
        working = server.provision(event.event_id, tmp_path / "w", "Door W")  # pulls at once
    finally:
        server.close()
    working.replica.close()
    # A typo in the gate: refused before anything is written, the token stays unused.
    typo = _token(server_db, event.event_id, "Door T", capsys)
    # Door 3 exchanged its token, then the laptop was taken away before its first download.
    abandoned = _token(server_db, event.event_id, "Door 3", capsys)
    store = open_storage(server_db)
    try:
        with pytest.raises(NotFound):
            store.credentials.exchange_token(typo, str(uuid.uuid4()), None, "mian")
        door3 = store.credentials.exchange_token(abandoned, str(uuid.uuid4()), None, "main")
    finally:
        store.close()

    assert main(["server", "report", "--db", server_db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [never] = data["stations_never_synced"]
    assert never["station_id"] == door3.station_id and never["name"] == "Door 3"
    assert never["gate"] == "Main entrance"
    assert never["provisioned"].startswith("20")  # an ISO time in the venue's zone
    assert never["provisioned_by"] == local_operator()
    assert [s["station"] for s in data["per_station"]] == ["Door W"]  # working, no scans yet
    assert data["per_station"][0]["entries"] == 0
    assert "Door T" not in json.dumps(data["per_station"] + data["stations_never_synced"])

    assert main(["server", "report", "--db", server_db]) == 0
    text = capsys.readouterr().out
    assert "stations never synced" in text
    assert f"Door 3 for gate Main entrance: provisioned {never['provisioned']} by " in text
    assert local_operator() in text
