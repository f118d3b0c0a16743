"""The operators' commands end to end: token, init over the network, revoke, sync, conflicts,
report. Ticket revocation on the server reaches the station on its next pull."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_support import ServerProcess, seed

from kiosk.cli.main import main
from kiosk.core.station import open_station
from kiosk.domain.verdicts import Verdict

pytestmark = pytest.mark.slow


def _json_lines(text: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_operator_flow(tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str) -> None:
    db = server_db
    event = seed(db, tickets=12)
    server = ServerProcess(db).start()
    try:
        dirs = {}
        for name in ("A", "B"):
            qr = tmp_path / f"{name}.png"
            assert main(["server", "station-token", "--db", str(db), "--event",
                         str(event.event_id), "--name", name, "--qr", str(qr)]) == 0  # fmt: skip
            token = capsys.readouterr().out.strip()
            assert qr.read_bytes()[:4] == b"\x89PNG"
            dirs[name] = tmp_path / name
            init = ["station", "init", "--data-dir", str(dirs[name]), "--server", server.url]
            assert main([*init, "--token", token, "--gate", "workshop", "--json"]) == 0
            assert _json_lines(capsys.readouterr().out)[0]["tickets"] == 12

        ticket = event.tickets[0]
        for name in ("A", "B"):
            station = open_station(dirs[name])
            assert station.scan(ticket.code).verdict is Verdict.ADMITTED
            station.replica.close()
        for name in ("A", "B", "A"):
            assert main(["station", "sync", "--data-dir", str(dirs[name]), "--json"]) == 0
        results = _json_lines(capsys.readouterr().out)
        assert results[1]["conflicts"] == 1 and results[2]["queue_depth"] == 0

        assert main(["server", "conflicts", "--db", str(db), "--json"]) == 0
        conflicts = _json_lines(capsys.readouterr().out)
        assert len(conflicts) == 1
        assert main(["server", "conflicts", "--db", str(db), "--ack", conflicts[0]["id"],
                     "--note", "same person, two doors"]) == 0  # fmt: skip
        assert main(["server", "conflicts", "--db", str(db), "--open", "--json"]) == 0
        capsys.readouterr()

        revoked = event.tickets[1]
        assert main(["server", "revoke", "--db", str(db), "--event", str(event.event_id),
                     "--ticket", str(revoked.ticket_id), "--reason", "refunded"]) == 0  # fmt: skip
        assert main(["station", "sync", "--data-dir", str(dirs["A"])]) == 0
        station = open_station(dirs["A"])
        assert station.scan(revoked.code).verdict is Verdict.REVOKED
        assert main(["server", "revoke", "--db", str(db), "--event", str(event.event_id),
                     "--ticket", str(revoked.ticket_id), "--lift"]) == 0  # fmt: skip
        assert main(["station", "sync", "--data-dir", str(dirs["A"])]) == 0
        assert station.scan(revoked.code).verdict is Verdict.ADMITTED
        assert station.replica.conflicts()[0].acknowledged_entry_id
        station.replica.close()
        capsys.readouterr()

        assert main(["server", "report", "--db", str(db), "--json", "--csv",
                     str(tmp_path / "csv")]) == 0  # fmt: skip
        report = _json_lines(capsys.readouterr().out)[0]
        totals = report["events"][0]
        assert totals["conflicts"] == 1 and totals["conflicts_open"] == 0
        assert {r["gate"] for r in report["per_gate"]} >= {"workshop"}
        assert len(report["tickets_never_scanned"]) == 10
        assert (tmp_path / "csv" / "per_station.csv").exists()
        assert main(["server", "report", "--db", str(db)]) == 0
        assert "conflict" in capsys.readouterr().out
    finally:
        server.stop()

    assert main(["station", "sync", "--data-dir", str(dirs["B"])]) == 2
    assert "sync failed" in capsys.readouterr().err


def test_a_server_address_without_http_is_said_not_called_unreachable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'--server 192.168.1.10:8765' (no scheme) was answered 'cannot reach the server', which
    sends an operator to check cables and the server; the address itself is what is wrong."""
    status = main(
        ["station", "init", "--data-dir", str(tmp_path / "st"), "--server", "127.0.0.1:8765",
         "--token", "abc"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2
    assert "--server must be an http:// or https:// address" in err
    assert "cannot reach" not in err and not (tmp_path / "st").exists()


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--ttl-hours", "nan", "--ttl-hours must be more than 0"),
        ("--ttl-hours", "-5", "--ttl-hours must be more than 0"),
        ("--ttl-hours", "1e9", "at most 8784"),
        ("--name", "   ", "--name is empty"),
    ],
)
def test_a_station_token_with_no_life_or_no_name_is_refused_in_words(
    option: str, value: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--ttl-hours nan ended in a ValueError traceback; -5 printed a token born expired, and a
    blank --name a station nobody can tell apart on the operator's screens."""
    db = str(tmp_path / "server.db")
    event = seed(db, tickets=1).event_id
    args = {"--name": "Door 1", "--ttl-hours": "24", option: value}
    status = main(
        ["server", "station-token", "--db", db, "--event", str(event)]
        + [part for pair in args.items() for part in pair]
    )
    out, err = capsys.readouterr()
    assert status == 2 and said in err and "Traceback" not in err and out == ""
