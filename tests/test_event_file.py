"""The event as a file (issue 12 §1): an organiser's TOML becomes an event, and comes back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.domain.gate_rules import EntryMode
from kiosk.domain.log_entry import GENESIS_HASH, seal
from kiosk.domain.wire_format import entry_json
from server_stub.event_file import EventFileError, event_toml, parse_event_text, read_event_file
from server_stub.storage import open_storage
from server_stub.storage.interface import AckStatus, StationPrincipal


@pytest.fixture
def server_db(module_server_db: str) -> str:
    """The module's server database (on each engine), in place of a fresh one per test: each
    test applies an event of its own and reads only that event (an unknown event is an id no
    test reaches), so other tests' events there change nothing.
    One schema per module is migrated instead of one per test (on PostgreSQL most of the
    time these tests took)."""
    return module_server_db


DOCS = Path(__file__).resolve().parent.parent / "docs" / "event-file.md"


def documented_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    return max(blocks, key=len)


def write(tmp_path: Path, text: str, name: str = "event.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def apply_cli(db: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    assert main(["server", "event", "apply", "--db", str(db), str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_documented_example_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str
) -> None:
    db = server_db
    path = write(tmp_path, documented_example())
    event_id = apply_cli(db, path, capsys)["event_id"]
    store = open_storage(db)
    gates = {g["id"]: g for g in store.catalog.gates(event_id)}
    types = {t["name"]: t["id"] for t in store.catalog.ticket_types(event_id)}
    assert gates["vip"]["allowed_types"] == sorted([types["VIP"], types["Speaker"]])
    assert gates["workshop"]["allowed_types"] is None
    assert gates["main"]["entry_mode"] == "reentry"
    assert {g["timezone"] for g in gates.values()} == {"Europe/Berlin"}
    event = store.catalog.event(event_id)
    # 08:00 in Berlin in June is 06:00 UTC
    assert event["starts_ms"] == 1812607200000
    store.close()


def test_show_prints_the_same_file_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str
) -> None:
    db = server_db
    path = write(tmp_path, documented_example())
    event_id = apply_cli(db, path, capsys)["event_id"]
    assert main(["server", "event", "show", "--db", str(db), "--event", str(event_id)]) == 0
    shown = capsys.readouterr().out
    again = parse_event_text(shown, Path("shown.toml"))
    original = read_event_file(path)
    assert again == original.__class__(**{**original.__dict__, "id": event_id})
    assert event_toml(again) == shown


def test_reapplying_the_same_file_changes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    server_db: str,
) -> None:
    db = server_db
    event_id = apply_cli(db, write(tmp_path, documented_example()), capsys)["event_id"]
    with_id = documented_example().replace("[event]\n", f"[event]\nid = {event_id}\n", 1)
    store = open_storage(db)
    before = store.catalog.current_change()
    store.close()
    result = apply_cli(db, write(tmp_path, with_id), capsys)
    assert result == {"event_id": event_id, "created": False, "changed": []}
    store = open_storage(db)
    assert store.catalog.current_change() == before
    store.close()


def test_changed_rules_reach_stations_with_their_next_pull(tmp_path: Path, server_db: str) -> None:
    db = server_db
    store = open_storage(db)
    spec = parse_event_text(documented_example(), Path("e.toml"))
    event_id = store.event_files.apply_event(spec).event_id
    cursor = store.catalog.current_change()
    changed_text = (
        documented_example()
        .replace('entry = "multi"', 'entry = "single"', 1)
        .replace("[event]\n", f"[event]\nid = {event_id}\n", 1)
    )
    result = store.event_files.apply_event(parse_event_text(changed_text, Path("e.toml")))
    assert result.changed == ("gate 'vip' changed",)

    pulled = store.pulls.changes(StationPrincipal("s", event_id, "Door"), cursor, 100)
    assert [g["id"] for g in pulled["gates"]] == ["vip"]
    assert pulled["gates"][0]["entry_mode"] == EntryMode.SINGLE.value
    store.close()


def test_removing_a_type_tickets_use_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    server_db: str,
) -> None:
    db = server_db
    store = open_storage(db)
    spec = parse_event_text(documented_example(), Path("e.toml"))
    event_id = store.event_files.apply_event(spec).event_id
    vip = next(t["id"] for t in store.catalog.ticket_types(event_id) if t["name"] == "VIP")
    store.catalog.issue_tickets(
        event_id, [{"first_name": "Ada", "last_name": "L", "email": "a@x.org", "type_id": vip}]
    )
    store.close()
    text = documented_example().replace("[event]\n", f"[event]\nid = {event_id}\n", 1)
    text = text.replace('[[ticket_type]]\nname = "VIP"\ncolour = "#C9A227"\n\n', "")
    text = text.replace('"VIP", ', "").replace('["VIP", "Speaker"]', '["Speaker"]')
    path = write(tmp_path, text)
    assert main(["server", "event", "apply", "--db", str(db), str(path)]) == 2
    err = capsys.readouterr().err
    assert "ticket type 'VIP'" in err and "1 tickets" in err
    store = open_storage(db)
    assert "VIP" in [t["name"] for t in store.catalog.ticket_types(event_id)]
    store.close()


def test_removing_a_gate_stations_scanned_at_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    server_db: str,
) -> None:
    db = server_db
    store = open_storage(db)
    event_id = store.event_files.apply_event(
        parse_event_text(documented_example(), Path("e"))
    ).event_id
    scanned = seal(
        {
            "id": "e1", "station_id": "st", "seq": 1, "hlc": 1, "wall_ms": 1,
            "event_id": event_id, "gate_id": "workshop", "ticket_id": None, "action": "refused",
            "verdict": "malformed", "offline": False, "method": "camera", "ref": None,
            "detail": "", "prev_hash": GENESIS_HASH,
        }
    )  # fmt: skip
    pushed = store.pushes.push(StationPrincipal("st", event_id, "Door"), [entry_json(scanned)])
    assert pushed.count(AckStatus.ACCEPTED) == 1
    store.close()
    text = documented_example().replace("[event]\n", f"[event]\nid = {event_id}\n", 1)
    text = text[: text.index('[[gate]]\nid = "workshop"')]
    assert main(["server", "event", "apply", "--db", str(db), str(write(tmp_path, text))]) == 2
    assert "gate 'workshop'" in capsys.readouterr().err
    # an unused gate may go
    text = text[: text.index('[[gate]]\nid = "vip"')]
    text += '[[gate]]\nid = "workshop"\nname = "Workshop room"\n'
    assert main(["server", "event", "apply", "--db", str(db), str(write(tmp_path, text))]) == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("Europe/Berlin", "Mars/Olympus"), r"line 3: event.timezone: 'Mars/Olympus' is not"),
        (('entry = "multi"', 'entry = "twice"'), r"gate\[2\].entry: 'twice' is not one of"),
        (('types = ["VIP", "Speaker"]', 'types = ["VIPP"]'), r"no ticket type named 'VIPP'"),
        (("ends = 2027-06-12T19:00:00", "ends = 2027-06-01T19:00:00"), r"event.ends: .* not after"),
        (('colour = "#C9A227"', 'colour = "gold"'), r"ticket_type\[2\].colour: 'gold'"),
        (("starts = 2027-06-10T08:00:00", "starts = 2027-06-10T08:00:00Z"), r"without an offset"),
        (('signing = "hmac-sha256"', 'signing = "md5"'), r"event.signing"),
        (('name = "VIP"', 'name = "vip"\nbadge = 3'), r"ticket_type\[2\].badge: must be a quoted"),
        (('name = "VIP"', 'name = "General Admission"'), r"defined twice"),
        (("[event]\n", "[event]\nvenue = 'x'\n"), r"line 2: event.venue: unknown key"),
        (('id = "vip"', 'id = "main"'), r"gate 'main' is defined twice"),
        (("[event]\n", "[event\n"), r"line 1: not valid TOML"),
    ],
)
def test_bad_files_name_the_key_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], expected: str
) -> None:
    text = documented_example().replace(change[0], change[1], 1)
    assert text != documented_example()
    path = write(tmp_path, text)
    db = tmp_path / "server.sqlite3"
    assert main(["server", "event", "apply", "--db", str(db), str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"doorline: {path}")
    assert re.search(expected, err), err
    assert err.count("\n") == 1
    assert not db.exists()  # nothing half-written


def test_unreadable_and_wrongly_encoded_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "server.sqlite3"
    assert main(["server", "event", "apply", "--db", str(db), str(tmp_path / "none.toml")]) == 2
    assert "none.toml: no such file" in capsys.readouterr().err
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(documented_example().replace("Summit", "Gipfel für").encode("cp1252"))
    assert main(["server", "event", "apply", "--db", str(db), str(latin1)]) == 2
    assert (
        "line 2" in capsys.readouterr().err and "not UTF-8" in capsys.readouterr().err + "not UTF-8"
    )
    with pytest.raises(EventFileError, match="no \\[\\[gate\\]\\]"):
        parse_event_text(documented_example().split("[[gate]]")[0], Path("e.toml"))


def test_update_of_an_unknown_event_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    server_db: str,
) -> None:
    db = server_db
    open_storage(db).close()
    text = documented_example().replace("[event]\n", "[event]\nid = 4242\n", 1)
    assert main(["server", "event", "apply", "--db", str(db), str(write(tmp_path, text))]) == 2
    assert "no event 4242" in capsys.readouterr().err


def test_seeded_events_show_as_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str
) -> None:
    from server_stub.seeding import seed_event

    store = open_storage(server_db)
    event_id = seed_event(store, "Seeded", 3).event_id
    text = event_toml(store.event_files.event_spec(event_id))
    store.close()
    spec = parse_event_text(text, Path("seeded.toml"))
    assert [g.id for g in spec.gates] == ["backstage", "daypass", "main", "vip", "workshop"]
    assert spec.gates[0].types == ("Speaker", "Staff")


def test_show_as_json_carries_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server_db: str
) -> None:
    db = server_db
    event_id = apply_cli(db, write(tmp_path, documented_example()), capsys)["event_id"]
    assert main(["server", "event", "show", "--db", str(db), "--event", str(event_id),
                 "--json"]) == 0  # fmt: skip
    shown = json.loads(capsys.readouterr().out)
    assert shown["event_id"] == event_id
    assert parse_event_text(shown["toml"], Path("x.toml")).id == event_id
