"""`doorline server migrate`: an event moves from a laptop's SQLite file to PostgreSQL and back,
with its stations, log and conflicts, checked by counts and the log digest; stations keep their
credentials and cursors."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from sync_support import InProcessServer, seed

from kiosk.cli.main import main
from kiosk.domain.verdicts import Verdict
from server_stub.storage import open_storage

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    base = request.getfixturevalue("postgres_database")
    schema = f"m_{abs(hash(request.node.name)) % 10**9}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}?options=-csearch_path%3D{schema}"


def migrate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    capsys.readouterr()
    status = main(["server", "migrate", *args, "--json"])
    out = capsys.readouterr()
    return status, (json.loads(out.out) if out.out.strip() else {}), out.err


def test_an_event_moves_to_postgresql_and_back_with_its_log_and_conflicts(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = tmp_path / "server.sqlite3"
    event = seed(laptop, tickets=12)
    server = InProcessServer(laptop)
    a = server.provision(event.event_id, tmp_path / "a", "door A")
    b = server.provision(event.event_id, tmp_path / "b", "door B")
    for ticket in event.tickets[:5]:
        assert a.scan(ticket.code).verdict is Verdict.ADMITTED
    assert b.scan(event.tickets[0].code).verdict is Verdict.ADMITTED  # offline: a conflict
    server.engine(tmp_path / "a").sync_once()
    server.engine(tmp_path / "b").sync_once()
    server.close()

    status, moved, err = migrate(capsys, "--from", str(laptop), "--to", pg_url)
    assert status == 0, err
    [copied] = moved["events"]
    assert copied["event_id"] == event.event_id and moved["verified"]
    assert (copied["rows"]["log"], copied["rows"]["conflicts"], copied["rows"]["stations"]) == (
        6, 1, 2,
    )  # fmt: skip
    assert "secret" not in json.dumps(moved) and "@" in moved["to"]

    # Door A carries on against PostgreSQL with the credential and cursor it already holds.
    festival = InProcessServer(pg_url)  # type: ignore[arg-type]
    engine_a = festival.engine(tmp_path / "a")
    assert a.scan(event.tickets[6].code).verdict is Verdict.ADMITTED
    report = engine_a.sync_once()
    assert report.accepted == 1
    festival.close()

    status, _again, err = migrate(capsys, "--from", str(laptop), "--to", pg_url)
    assert status == 2 and "already holds event" in err and err.count("\n") == 1

    back = tmp_path / "back.sqlite3"
    status, returned, err = migrate(capsys, "--from", pg_url, "--to", str(back))
    assert status == 0, err
    [home] = returned["events"]
    assert home["rows"]["log"] == 7 and home["rows"]["conflicts"] == 1
    store = open_storage(back)
    assert [c["ticket_id"] for c in store.conflicts.conflicts(event.event_id)] == [
        event.tickets[0].ticket_id
    ]
    assert store.pins.verifier(event.event_id) is not None  # the operator PIN moved along
    store.close()


def test_a_missing_event_or_the_same_database_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = tmp_path / "server.sqlite3"
    seed(laptop, tickets=2)
    status, _out, err = migrate(capsys, "--from", str(laptop), "--to", str(laptop))
    assert status == 2 and "same database" in err
    other = tmp_path / "other.sqlite3"
    status, _out, err = migrate(capsys, "--from", str(laptop), "--to", str(other), "--event", "7")
    assert status == 2 and "no event 7" in err
    status, _out, err = migrate(capsys, "--from", str(tmp_path / "none.db"), "--to", str(other))
    assert status == 2 and "no server database" in err
