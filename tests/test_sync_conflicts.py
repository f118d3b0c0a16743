"""Two doors admit the same ticket while the server is down: nothing lost, one conflict.
(The server app runs in process; `stop()` refuses connections as a stopped server does.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import InProcessServer, seed_on

from kiosk.domain.merge import TicketStatus
from kiosk.domain.verdicts import Verdict
from server_stub.storage import open_storage
from sync.errors import ServerUnreachable

pytestmark = pytest.mark.slow


def test_double_admission_while_server_down(
    tmp_path: Path, module_server_db: str, module_app_server: InProcessServer
) -> None:
    db = module_server_db
    event = seed_on(module_app_server.storage(), tickets=10)
    server = module_app_server.another()
    try:
        a = server.provision(event.event_id, tmp_path / "a", "door A")
        b = server.provision(event.event_id, tmp_path / "b", "door B")
    finally:
        server.stop()
    ticket = event.tickets[3]
    assert a.scan(ticket.code).verdict is Verdict.ADMITTED
    assert b.scan(ticket.code).verdict is Verdict.ADMITTED

    engine_a = server.engine(tmp_path / "a")
    engine_b = server.engine(tmp_path / "b")
    with pytest.raises(ServerUnreachable):
        engine_a.sync_once()
    assert not engine_a.status().online
    assert engine_a.status().queue_depth == 1
    assert engine_a.status().last_error

    server.start()
    try:
        engine_a.sync_once()
        report_b = engine_b.sync_once()
        engine_a.sync_once()
    finally:
        server.stop()
    assert report_b.accepted == 1
    assert report_b.conflicts == 1
    assert engine_a.status().online and engine_a.status().queue_depth == 0

    store = open_storage(db)
    entries = [
        e for e in store.reports.log_entries(event.event_id) if e.ticket_id == ticket.ticket_id
    ]
    assert {e.station_id for e in entries} == {a.station_id, b.station_id}
    conflicts = store.conflicts.conflicts(event.event_id)
    assert len(conflicts) == 1
    for station in (a, b):
        assert station.replica.ticket_state(ticket.ticket_id).status is TicketStatus.INSIDE
        assert [c.id for c in station.replica.conflicts()] == [conflicts[0]["id"]]
        assert station.replica.unpushed_count(station.station_id) == 0
    # Acknowledging on the server is a log entry that reaches the stations.
    ack = store.conflicts.acknowledge_conflict(
        event.event_id, conflicts[0]["id"], "checked ID", "cli"
    )
    assert store.conflicts.conflicts(event.event_id, False) == []
    store.close()
    server.start()
    try:
        engine_a.sync_once()
    finally:
        server.stop()
    assert a.replica.conflicts()[0].acknowledged_entry_id == ack["id"]
    engine_a.close()
    engine_b.close()
    server.close()


def test_a_crash_between_pull_and_conflict_check_is_caught_up_next_round(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module_app_server: InProcessServer,
) -> None:
    """The pulled entries were committed, then the station died before flagging the conflict."""
    event = seed_on(module_app_server.storage(), tickets=10)
    server = module_app_server.another()
    try:
        a = server.provision(event.event_id, tmp_path / "a", "door A")
        b = server.provision(event.event_id, tmp_path / "b", "door B")
        ticket = event.tickets[2]
        assert a.scan(ticket.code).verdict is Verdict.ADMITTED
        assert b.scan(ticket.code).verdict is Verdict.ADMITTED
        server.engine(tmp_path / "a").sync_once()
        engine_b = server.engine(tmp_path / "b")

        def power_cut(*_args: object, **_kwargs: object) -> int:
            raise KeyboardInterrupt("power cut")

        monkeypatch.setattr(engine_b.replica, "refresh_conflicts", power_cut)
        with pytest.raises(KeyboardInterrupt):
            engine_b.sync_once()
        assert b.replica.conflicts() == []  # the pulled entry is stored, the check never ran
        report = server.engine(tmp_path / "b").sync_once()
    finally:
        server.close()
    assert report.pulled_entries == 0
    assert len(b.replica.conflicts()) == 1
