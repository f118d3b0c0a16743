"""Tickets out to attendees (issue 12 §3): a PDF each, a mail-merge CSV, only changes rewritten."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import server_sql

from kiosk.cli.main import main
from kiosk.cli.tickets_cmd import ticket_file_name
from server_stub.event_file import TicketTypeSpec
from server_stub.storage import open_storage
from server_stub.storage.ticket_roster import RosterTicket
from tests.event_support import apply_event_spec, small_event
from tests.printing_support import decode_qr, pdf_to_image


@pytest.fixture
def server_db(module_server_db: str) -> str:
    """The module's server database (on each engine), in place of a fresh one per test: each
    test writes tickets for an event of its own (an unknown event is an id no test reaches), so
    other tests' events there change nothing.
    One schema per module is migrated instead of one per test (on PostgreSQL most of the
    time these tests took)."""
    return module_server_db


EVENT = small_event(
    "Northwind Summit 2027",
    types=(TicketTypeSpec("General admission", "#1E88E5"), TicketTypeSpec("VIP", "#C9A227")),
)


@pytest.fixture
def event(tmp_path: Path, server_db: str) -> tuple[Path, int]:
    db = server_db
    event_id = apply_event_spec(db, EVENT)
    store = open_storage(db)
    people = [
        ("Ada", "Lovelace", "ada@example.org", "Analytical Engines", 0),
        ("Zofia", "Wiśniewska", "zofia@example.pl", "", 1),
        ("陽翔", "佐藤", "sato@example.jp", "東京大学", 0),
        ('=HYPERLINK("http://evil")', "Mallory", "m@example.org", "", 0),
    ]
    store.catalog.issue_tickets(
        event_id,
        [
            {"first_name": f, "last_name": last, "email": e, "organisation": o, "type_id": t}
            for f, last, e, o, t in people
        ],
    )
    store.close()
    return db, event_id


def run_tickets(event: tuple[Path, int], out: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    db, event_id = event
    args = ["server", "tickets", "--db", str(db), "--event", str(event_id), "--out", str(out)]
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def read_csv(out: Path) -> list[dict[str, str]]:
    with (out / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_pdf_per_attendee_and_a_mail_merge_csv(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tickets"
    result = run_tickets(event, out, capsys)
    assert (result["written"], result["unchanged"], result["removed"]) == (4, 0, 0)
    rows = read_csv(out)
    assert list(rows[0]) == [
        "ticket_id", "external_id", "name", "email", "ticket_type", "confirmation", "code", "file",
    ]  # fmt: skip
    assert [r["name"] for r in rows][:3] == ["Ada Lovelace", "Zofia Wiśniewska", "陽翔 佐藤"]
    assert rows[3]["name"].startswith("'=HYPERLINK")  # a formula is shown, never evaluated
    assert all((out / r["file"]).is_file() for r in rows)
    assert rows[1]["ticket_type"] == "VIP"


def test_the_ticket_shows_what_an_attendee_needs_and_its_qr_scans(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tickets"
    run_tickets(event, out, capsys)
    ada = read_csv(out)[0]
    pdf = (out / ada["file"]).read_bytes()
    from pypdf import PdfReader  # imported here: only this test reads a PDF

    text = PdfReader(out / ada["file"]).pages[0].extract_text()
    for expected in (
        "Northwind Summit 2027",
        "Thu 10 Jun 2027 08:00",
        "(Europe/Berlin)",
        "Ada Lovelace",
        "Analytical Engines",
        "General admission",
        f"{ada['confirmation'][:4]}-{ada['confirmation'][4:]}",
        "self-check-in kiosk",
    ):
        assert expected in text, expected
    assert decode_qr(pdf_to_image(pdf, dpi=100)) == [ada["code"]]


def test_rerunning_rewrites_only_changed_tickets(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tickets"
    run_tickets(event, out, capsys)
    first = {r["ticket_id"]: r for r in read_csv(out)}
    stamp = {f: (out / f).stat().st_mtime_ns for f in (r["file"] for r in first.values())}
    again = run_tickets(event, out, capsys)
    assert (again["written"], again["unchanged"]) == (0, 4)
    db, event_id = event
    # a name corrected behind the server's back
    server_sql(
        db, "UPDATE tickets SET last_name = 'King' WHERE event_id = ? AND id = 1", [event_id]
    )
    store = open_storage(db)
    store.catalog.revoke(event_id, 2, "refunded")
    store.close()
    third = run_tickets(event, out, capsys)
    assert (third["written"], third["unchanged"], third["removed"]) == (1, 2, 2)
    assert third["revoked"] == 1
    rows = {r["ticket_id"]: r for r in read_csv(out)}
    assert "2" not in rows  # a refunded ticket is not mailed
    assert rows["1"]["file"] == "000001-ada-king.pdf"
    assert not (out / first["1"]["file"]).exists() and not (out / first["2"]["file"]).exists()
    assert (out / first["3"]["file"]).stat().st_mtime_ns == stamp[first["3"]["file"]]


def test_bad_arguments_are_one_line(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, event_id = event
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for args, expected in (
        (["--db", str(tmp_path / "none.sqlite3"), "--event", str(event_id)], "no server database"),
        (["--db", str(db), "--event", str(event_id + 1000)], f"no event {event_id + 1000}"),
    ):
        assert main(["server", "tickets", *args, "--out", str(tmp_path / "o")]) == 2
        err = capsys.readouterr().err
        assert expected in err and err.count("\n") == 1
    assert main(["server", "tickets", "--db", str(db), "--event", str(event_id),
                 "--out", str(blocker)]) == 2  # fmt: skip
    assert "file" in capsys.readouterr().err


def test_the_seeds_codes_csv_carries_the_confirmation_code(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    server_db: str,
) -> None:
    out = tmp_path / "codes.csv"
    assert main(["server", "seed", "--db", server_db, "--event-name", "Demo",
                 "--tickets", "3", "--out", str(out)]) == 0  # fmt: skip
    capsys.readouterr()
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["ticket_id", "code", "name", "email", "ticket_type", "confirmation"]
    assert all(len(r["confirmation"]) == 8 for r in rows)


@pytest.mark.parametrize(
    ("first", "last", "file_name"),
    [
        ("Renée", "Größ", "000042-renee-gross.pdf"),
        ("Ольга", "Петрова", "000042-olga-petrova.pdf"),
        ("秀英", "王", "000042-xiuying-wang.pdf"),
        ("Ada", "Lovelace", "000042-ada-lovelace.pdf"),
        (
            "Maximiliane Alexandra",
            "Konstantinopoulou-Wolf",
            "000042-maximiliane-alexandra-konstantinopoulou.pdf",
        ),
    ],
)
def test_a_ticket_file_is_named_after_its_attendee_in_any_script(
    first: str, last: str, file_name: str
) -> None:
    """A mail merge attaches files by name; 'Größ' must not become 'gro', nor a Cyrillic or
    Chinese name an anonymous 'ticket'."""
    ticket = RosterTicket(
        42, "CODE", "CONF", first, last, "", "", "VIP", "#000000", "", "", revoked=False
    )
    assert ticket_file_name(ticket) == file_name
