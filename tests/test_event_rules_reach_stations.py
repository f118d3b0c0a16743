"""Re-applying a changed event file changes a station's rules with its next sync (issue 12 §1)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.core.station import open_station
from kiosk.domain.gate_rules import EntryMode
from kiosk.domain.verdicts import Verdict
from server_stub.event_file import event_toml
from server_stub.local_server import LocalServer, station_token
from tests.event_support import small_event

pytestmark = pytest.mark.slow


def rules_fest(entry: EntryMode, event_id: int | None = None) -> str:
    """The event file: one type, gate "main" with the `entry` rule, open for ten years."""
    return event_toml(
        small_event(
            "Rules Fest",
            starts=datetime(2026, 1, 1, 8, 0),
            ends=datetime(2036, 1, 1, 19, 0),
            types=("General admission",),
            entry=entry,
            event_id=event_id,
        )
    )


def test_a_changed_entry_rule_reaches_a_station_with_its_next_sync(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    server_db: str,
) -> None:
    db = server_db
    event_file = tmp_path / "event.toml"
    event_file.write_text(rules_fest(EntryMode.SINGLE), encoding="utf-8")
    assert main(["server", "event", "apply", "--db", str(db), str(event_file), "--json"]) == 0
    event_id = json.loads(capsys.readouterr().out)["event_id"]
    add = ["server", "attendee", "add", "--db", str(db), "--event", str(event_id)]
    assert main([*add, "--name", "Ada Lovelace", "--type", "General admission", "--json"]) == 0
    code = json.loads(capsys.readouterr().out)["code"]
    server = LocalServer(db)
    server.start()
    try:
        data = tmp_path / "door"
        assert main(["station", "init", "--data-dir", str(data), "--server", server.url,
                     "--token", station_token(db, event_id, "Door")]) == 0  # fmt: skip
        station = open_station(data)
        assert station.scan(code).verdict is Verdict.ADMITTED
        assert station.scan(code).verdict is Verdict.ALREADY_CHECKED_IN
        station.replica.close()

        event_file.write_text(rules_fest(EntryMode.MULTI, event_id), encoding="utf-8")
        assert main(["server", "event", "apply", "--db", str(db), str(event_file)]) == 0
        assert "changed: gate 'main' changed" in capsys.readouterr().err
        assert main(["station", "sync", "--data-dir", str(data)]) == 0
        station = open_station(data)
        assert station.scan(code).verdict is Verdict.ADMITTED  # multi-entry now
        station.replica.close()
    finally:
        server.stop()
