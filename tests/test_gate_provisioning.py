"""The server knows which gate each station is provisioned on (issue 12 §1): the station sends
its gate with the token exchange (an unknown gate is refused before the token is spent), the
heartbeat keeps it current, and `event apply` refuses removing a gate a non-revoked station
stands at, naming the stations, even before any of them has scanned there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sync_support import InProcessServer, station_token

from kiosk.cli.main import main
from kiosk.domain.gate_rules import EntryMode, UnknownTicketPolicy
from kiosk.domain.heartbeat import Heartbeat
from server_stub.event_file import event_toml, parse_event_text
from server_stub.storage import open_storage
from server_stub.storage.interface import StationPrincipal
from sync.errors import ProvisioningError
from sync.provisioning import provision_from_server
from tests.event_support import small_event

EVENT = event_toml(
    small_event(
        "Harbour Days",
        types=("Day pass",),
        entry=EntryMode.REENTRY,
        unknown_tickets=UnknownTicketPolicy.REFUSE,
    )
)
SIDE = '\n[[gate]]\nid = "side"\nname = "Side door"\nentry = "single"\n'


def apply(db: str, event_id: int | None, text: str, tmp_path: Path) -> tuple[int, str]:
    if event_id is not None:
        text = text.replace("[event]\n", f"[event]\nid = {event_id}\n", 1)
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    return main(["server", "event", "apply", "--db", db, str(path)]), str(path)


def new_event(db: str) -> int:
    storage = open_storage(db)
    try:
        return storage.event_files.apply_event(parse_event_text(EVENT + SIDE, Path("e"))).event_id
    finally:
        storage.close()


def station_rows(db: str, event_id: int) -> dict[str, Any]:
    storage = open_storage(db)
    try:
        return {s["name"]: s for s in storage.credentials.stations(event_id)}
    finally:
        storage.close()


def test_removing_a_gate_a_station_is_provisioned_on_is_refused_naming_it(
    tmp_path: Path,
    module_server_db: str,
    module_app_server: InProcessServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = module_server_db
    event_id = new_event(db)
    with module_app_server.another() as server:
        server.provision(event_id, tmp_path / "door", "Side door A", gate="side")
    assert station_rows(db, event_id)["Side door A"]["gate_id"] == "side"
    capsys.readouterr()
    assert apply(db, event_id, EVENT, tmp_path)[0] == 2
    err = capsys.readouterr().err
    assert "gate 'side'" in err and "'Side door A'" in err and "provisioned on it" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    storage = open_storage(db)
    try:
        assert "side" in {g["id"] for g in storage.catalog.gates(event_id)}  # nothing written
        # a revoked station stands nowhere: the gate may go now
        storage.credentials.revoke_station(station_rows(db, event_id)["Side door A"]["id"])
    finally:
        storage.close()
    assert apply(db, event_id, EVENT, tmp_path)[0] == 0


def test_an_unknown_gate_is_refused_before_the_token_is_spent(
    tmp_path: Path, module_server_db: str, module_app_server: InProcessServer
) -> None:
    db = module_server_db
    event_id = new_event(db)
    with module_app_server.another() as server:
        token = station_token(db, event_id, "Back door")  # type: ignore[arg-type]
        with pytest.raises(ProvisioningError) as refused:
            provision_from_server(
                tmp_path / "a", server.url, token, "back", None, transport=server.transport
            )
        words = str(refused.value)
        assert "no gate 'back'" in words and "main, side" in words and "not used" in words
        assert station_rows(db, event_id) == {}
        # the same token still works with a gate the event has
        provision_from_server(
            tmp_path / "b", server.url, token, "main", None, transport=server.transport
        )
    assert station_rows(db, event_id)["Back door"]["gate_id"] == "main"


def test_a_station_that_switches_gate_moves_with_its_heartbeat(
    tmp_path: Path,
    module_server_db: str,
    module_app_server: InProcessServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = module_server_db
    event_id = new_event(db)
    with module_app_server.another() as server:
        server.provision(event_id, tmp_path / "door", "Roaming", gate="main")
    station = station_rows(db, event_id)["Roaming"]
    storage = open_storage(db)
    try:
        principal = StationPrincipal(station["id"], event_id, "Roaming")
        storage.fleet.record_heartbeat(principal, Heartbeat(gate_id="side"))
    finally:
        storage.close()
    assert station_rows(db, event_id)["Roaming"]["gate_id"] == "side"
    capsys.readouterr()
    assert apply(db, event_id, EVENT, tmp_path)[0] == 2  # side is where it stands now
    assert "'Roaming'" in capsys.readouterr().err
    # and main, which it left, may go (keeping side)
    text = EVENT.replace('id = "main"\nname = "Main entrance"', 'id = "side"\nname = "Side door"')
    assert apply(db, event_id, text, tmp_path)[0] == 0


def test_a_station_provisioned_without_a_gate_is_placed_by_its_first_pull(
    tmp_path: Path, module_server_db: str, module_app_server: InProcessServer
) -> None:
    """Without `--gate` the station picks the event's default itself after the exchange; the
    heartbeat of the first pull (part of `station init`) tells the server."""
    db = module_server_db
    event_id = new_event(db)
    with module_app_server.another() as server:
        token = station_token(db, event_id, "Plain")  # type: ignore[arg-type]
        provision_from_server(
            tmp_path / "p", server.url, token, None, None, transport=server.transport
        )
    assert station_rows(db, event_id)["Plain"]["gate_id"] == "main"
