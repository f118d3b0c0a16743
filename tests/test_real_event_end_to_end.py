"""A newcomer runs a real event end to end (issue 12, "Done means"), through the command line:
event file → import a shop's export → tickets → a network station and a USB-stick station →
the shop's barcode and Doorline's QR at the doors → the stick's log comes home → the report."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.cli.main import main
from server_stub.local_server import LocalServer

pytestmark = pytest.mark.slow

DOCS = Path(__file__).resolve().parent.parent / "docs" / "event-file.md"
PRETIX = (
    "Event slug,Order code,Position ID,Status,Email,Order date,Product,Variation,Price,"
    "Attendee name,Attendee name: Given name,Attendee name: Family name,Attendee email,Company,"
    "Ticket secret\n"
    "summit27,Q7XKD,1,Paid,buyer@example.de,2027-02-01,General admission,,99.00,Jürgen Müller,"
    "Jürgen,Müller,juergen@example.de,Müller GmbH,qf7s9h2kx8mz4wn5p6a3e2rt9y7uc4vj\n"
    "summit27,Q7XKD,2,Paid,buyer@example.de,2027-02-01,VIP,,199.00,Zofia Wiśniewska,Zofia,"
    "Wiśniewska,,Müller GmbH,e8vk3m2q7x9p4s6t5w1z8y3n2b6c4d9f\n"
    "summit27,R2D2X,1,Paid,ada@example.org,2027-02-02,Speaker,,0.00,Ada Lovelace,Ada,Lovelace,"
    "ada@example.org,,k2m4p6r8t2v4x6z8b2d4f6h8j2l4n6q8\n"
    "summit27,ZZ9P1,1,Canceled,gone@example.de,2027-02-03,General admission,,99.00,Kai Storno,"
    "Kai,Storno,,,a2b3c4d5e6f7g8h9j2k3m4n5p6q7r8s9\n"
    "summit27,P3ND1,1,Pending,paula@example.de,2027-02-04,General admission,,99.00,Paula Offen,"
    "Paula,Offen,,,p3nd1ngp3nd1ngp3nd1ngp3nd1ngp3nd\n"
)


def out_json(capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_a_newcomer_runs_an_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str
) -> None:
    db = server_db
    event_file = tmp_path / "northwind.toml"
    text = max(re.findall(r"```toml\n(.*?)```", DOCS.read_text("utf-8"), flags=re.S), key=len)
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    for day, moved in (("10", -1), ("11", 0), ("12", 1)):  # the documented event, held now
        text = text.replace(f"2027-06-{day}", (today + timedelta(days=moved)).isoformat())
    event_file.write_text(text, encoding="utf-8")
    assert main(["server", "event", "apply", "--db", str(db), str(event_file), "--json"]) == 0
    event_id = out_json(capsys)["event_id"]
    event = str(event_id)

    export = tmp_path / "pretix-positions.csv"
    export.write_text(PRETIX, encoding="utf-8")
    assert main(["server", "import", "--db", str(db), "--event", event, str(export),
                 "--json"]) == 0  # fmt: skip
    imported = out_json(capsys)
    assert {k: imported[k] for k in ("added", "updated", "revoked", "unpaid", "unchanged")} == {
        "added": 3, "updated": 0, "revoked": 1, "unpaid": 1, "unchanged": 0
    }  # fmt: skip
    assert {s["status"]: s["rows"] for s in imported["statuses"]} == {
        "Paid": 3, "Canceled": 1, "Pending": 1
    }  # fmt: skip

    tickets_dir = tmp_path / "tickets"
    assert main(["server", "tickets", "--db", str(db), "--event", event, "--out",
                 str(tickets_dir), "--json"]) == 0  # fmt: skip
    assert out_json(capsys)["written"] == 3
    with (tickets_dir / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        tickets = {row["external_id"]: row for row in csv.DictReader(handle)}

    server = LocalServer(db)
    server.start()
    try:
        assert main(["server", "station-token", "--db", str(db), "--event", event,
                     "--name", "Door A"]) == 0  # fmt: skip
        token = capsys.readouterr().out.strip()
        door_a, door_b = tmp_path / "door-a", tmp_path / "door-b"
        assert main(["station", "init", "--data-dir", str(door_a), "--server", server.url,
                     "--token", token, "--gate", "main"]) == 0  # fmt: skip
        bundle = tmp_path / "usb" / "northwind.bundle"
        bundle.parent.mkdir()
        assert main(["server", "export", "--db", str(db), "--event", event, "--out",
                     str(bundle)]) == 0  # fmt: skip
        assert main(["station", "init", "--data-dir", str(door_b), "--bundle", str(bundle),
                     "--name", "Door B", "--gate", "main"]) == 0  # fmt: skip
        capsys.readouterr()

        def scan(door: Path, code: str) -> dict:  # type: ignore[type-arg]
            main(["station", "scan", "--data-dir", str(door), code, "--json"])
            return out_json(capsys)

        # Door A (network): Jürgen shows the pretix barcode on his phone.
        assert scan(door_a, "qf7s9h2kx8mz4wn5p6a3e2rt9y7uc4vj")["verdict"] == "admitted"
        # Paula's order is still unpaid in pretix: her barcode does not open the door.
        unpaid = scan(door_a, "p3nd1ngp3nd1ngp3nd1ngp3nd1ngp3nd")
        assert unpaid["verdict"] == "revoked" and "not paid" in unpaid["detail"]
        assert (unpaid["reason"], unpaid["headline"]) == ("not_paid", "Not paid yet")
        assert main(["station", "sync", "--data-dir", str(door_a)]) == 0
        # Door B (USB stick, offline): Jürgen again with the Doorline PDF — B cannot know.
        assert scan(door_b, tickets["Q7XKD-1"]["code"])["verdict"] == "admitted"
        assert scan(door_b, tickets["R2D2X-1"]["code"])["verdict"] == "admitted"
        assert scan(door_b, "A2B3C4D5E6F7G8H9J2K3M4N5P6Q7R8S9")["verdict"] == "revoked"
        capsys.readouterr()

        log = bundle.parent / "door-b.log.json"
        assert main(["station", "export-log", "--data-dir", str(door_b), "--out", str(log)]) == 0
        assert main(["server", "import-log", "--db", str(db), str(log), "--json"]) == 0
        imported = out_json(capsys)
        assert (imported["accepted"], imported["conflicts_touched"]) == (3, 1)
    finally:
        server.stop()

    assert main(["server", "report", "--db", str(db), "--json", "--csv",
                 str(tmp_path / "report")]) == 0  # fmt: skip
    report = out_json(capsys)
    totals = report["events"][0]
    assert (totals["admissions"], totals["conflicts"], totals["stations_reporting"]) == (3, 1, 2)
    assert totals["badges_unprinted"] == 2  # Jürgen and Ada were admitted, no badge printed
    assert {g["gate_name"] for g in report["per_gate"]} == {"Main entrance"}
    assert report["bundles_never_imported"] == []
    assert {s["station"] for s in report["per_station"]} == {"Door A", "Door B"}
    assert (tmp_path / "report" / "badges_unprinted.csv").exists()
