"""Attendees from any ticket shop (issue 12 §2): presets, re-imports, and every kind of bad file.

The header rows below are written the way each shop's export writes them (column names as the
shops' exporters name them); the data are invented.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import server_sql

from kiosk.cli.main import main
from server_stub.shop_status import shop_status
from server_stub.storage import open_storage
from tests.event_support import apply_event_spec, small_event

EVENTBRITE = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Group,"
    "Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,"
    "Attendee Status,Company,Job Title,Barcode #\n"
    "4521889901,2027-03-01 10:14:02,Ada,Lovelace,ada@example.org,1,General admission,"
    "6610293301,,Eventbrite Completed,EUR,120.00,4.10,3.00,1.10,Attending,Analytical Engines,"
    "Countess,452188990166102933011001\n"
    "4521889902,2027-03-02 11:00:40,Émile,Zola,emile@example.fr,1,VIP,6610293302,,"
    "Eventbrite Completed,EUR,300.00,9.10,6.00,3.10,Attending,,,452188990266102933021001\n"
)
PRETIX = (
    "Event slug,Order code,Position ID,Status,Email,Phone number,Order date,Order time,"
    "Product,Variation,Price,Tax rate,Tax rule,Tax value,Attendee name,"
    "Attendee name: Title,Attendee name: Given name,Attendee name: Family name,Attendee email,"
    "Company,Address,ZIP code,City,Country,State,Voucher,Pseudonymization ID,Ticket secret,"
    "Seat ID,Seat name\n"
    "summit27,Q7XKD,1,Paid,buyer@example.de,,2027-02-01,09:12:03,General admission,,99.00,"
    "19.00,VAT,15.81,Jürgen Müller,,Jürgen,Müller,juergen@example.de,Müller GmbH,,,,,,,"
    "B9KQ2M7X,qf7s9h2kx8mz4wn5p6a3e2rt9y7uc4vj,,\n"
    "summit27,Q7XKD,2,Paid,buyer@example.de,,2027-02-01,09:12:03,VIP,,199.00,19.00,VAT,"
    "31.77,Zofia Wiśniewska,,Zofia,Wiśniewska,,Müller GmbH,,,,,,,C4LR8N2W,"
    "e8vk3m2q7x9p4s6t5w1z8y3n2b6c4d9f,,\n"
    "summit27,ZZ9P1,1,Canceled,gone@example.de,,2027-02-03,12:00:00,General admission,,99.00,"
    "19.00,VAT,15.81,Kai Storno,,Kai,Storno,,,,,,,,,D2MX7K4P,a2b3c4d5e6f7g8h9j2k3m4n5p6q7r8s9,,\n"
)
TICKET_TAILOR = (
    "Issued ticket ID,Order ID,Ticket type,Barcode,Status,First name,Last name,Full name,"
    "Email,Reference,Created at,Checked in\n"
    "it_8830211,or_4410932,General admission,TT7H2K9Q,valid,Grace,Hopper,Grace Hopper,"
    "grace@example.com,,2027-01-05 10:00:00,false\n"
    "it_8830212,or_4410933,VIP,TT3M8X1Z,voided,Alan,Turing,Alan Turing,alan@example.com,,"
    "2027-01-05 10:05:00,false\n"
)
HI_EVENTS = (
    "ID,First Name,Last Name,Email,Status,Check Ins,Product ID,Product Name,Event ID,Public ID,"
    "Short ID,Created Date,Last Updated Date,Notes\n"
    "1021,Chidi,Anagonye,chidi@example.org,ACTIVE,,55,General admission,12,A-4K9M2QX7,"
    "4K9M2Q,2027-04-01 08:00:00,2027-04-01 08:00:00,\n"
    "1022,Eleanor,Shellstrop,eleanor@example.org,CANCELLED,,56,VIP,12,A-7Z3P8RW2,7Z3P8R,"
    "2027-04-02 09:00:00,2027-04-03 10:00:00,\n"
)
GERMAN = (
    "Ticketnummer;Vorname;Nachname;E-Mail;Firma;Ticketart;Status\n"
    "T-1;Jürgen;Groß;jg@example.de;Bäckerei Groß;VIP;bezahlt\n"
)
FRENCH = (
    "Numéro de billet\tPrénom\tNom\tCourriel\tType de billet\tStatut\n"
    "F-1\tChloé\tLefèvre\tchloe@example.fr\tVIP\tpayé\n"
    "F-2\tÉtienne\tDubois\tet@example.fr\tGeneral admission\tremboursé\n"
)
SPANISH = (
    "Número de entrada,Nombre,Apellidos,Correo electrónico,Tipo de entrada,Estado\n"
    "E-1,José,Núñez García,jose@example.es,VIP,pagado\n"
)


def _workbook() -> Any:
    """A new openpyxl workbook (imported here: every pytest-xdist worker collects this file,
    and only the XLSX tests need openpyxl)."""
    import openpyxl

    return openpyxl.Workbook()


@pytest.fixture
def event(module_server_db: str) -> tuple[str, int]:
    """An event of the test's own on the module's server database (on each engine): imports
    are per event (every ticket, type and barcode belongs to one), so other tests' events in
    the same database change nothing here, and one schema per module is migrated instead of
    one per test (on PostgreSQL that was half this file's time)."""
    return module_server_db, apply_event_spec(module_server_db, small_event("Import Fest"))


def run_import(
    event: tuple[Path, int], path: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    db, event_id = event
    status = main(["server", "import", "--db", str(db), "--event", str(event_id), str(path),
                   "--json", *extra])  # fmt: skip
    out = capsys.readouterr()
    return status, (json.loads(out.out) if out.out.strip() else {}), out.err


COUNTS = ("added", "updated", "revoked", "unpaid", "unchanged", "skipped")


def counts(summary: dict) -> dict:  # type: ignore[type-arg]
    """The per-row counts of an import's JSON (it also lists kept tickets and statuses)."""
    return {key: summary[key] for key in COUNTS}


def tickets(event: tuple[Path, int]) -> dict[str, dict]:  # type: ignore[type-arg]
    db, event_id = event
    rows = server_sql(  # the test reads the stored rows as they are
        db,
        "SELECT t.*, tt.name AS type_name, coalesce(r.revoked, 0) AS revoked FROM tickets t "
        "JOIN ticket_types tt ON tt.event_id = t.event_id AND tt.id = t.type_id "
        "LEFT JOIN revocations r ON r.event_id = t.event_id AND r.ticket_id = t.id "
        "WHERE t.event_id = ?",
        [event_id],
    )
    return {r["external_id"]: r for r in rows}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("name", "text", "preset", "expected"),
    [
        ("eventbrite.csv", EVENTBRITE, "eventbrite", {
            "6610293301": ("Ada", "Lovelace", "ada@example.org", "General admission",
                           "452188990166102933011001", 0),
            "6610293302": ("Émile", "Zola", "emile@example.fr", "VIP",
                           "452188990266102933021001", 0),
        }),
        ("pretix.csv", PRETIX, "pretix", {
            "Q7XKD-1": ("Jürgen", "Müller", "juergen@example.de", "General admission",
                        "QF7S9H2KX8MZ4WN5P6A3E2RT9Y7UC4VJ", 0),
            "Q7XKD-2": ("Zofia", "Wiśniewska", "buyer@example.de", "VIP",
                        "E8VK3M2Q7X9P4S6T5W1Z8Y3N2B6C4D9F", 0),
            "ZZ9P1-1": ("Kai", "Storno", "gone@example.de", "General admission",
                        "A2B3C4D5E6F7G8H9J2K3M4N5P6Q7R8S9", 1),
        }),
        ("tickettailor.csv", TICKET_TAILOR, "tickettailor", {
            "it_8830211": ("Grace", "Hopper", "grace@example.com", "General admission",
                           "TT7H2K9Q", 0),
            "it_8830212": ("Alan", "Turing", "alan@example.com", "VIP", "TT3M8X1Z", 1),
        }),
        ("hievents.csv", HI_EVENTS, "hievents", {
            "1021": ("Chidi", "Anagonye", "chidi@example.org", "General admission",
                     "A-4K9M2QX7", 0),
            "1022": ("Eleanor", "Shellstrop", "eleanor@example.org", "VIP", "A-7Z3P8RW2", 1),
        }),
        ("deutsch.csv", GERMAN, "generic", {
            "T-1": ("Jürgen", "Groß", "jg@example.de", "VIP", None, 0),
        }),
        ("francais.tsv", FRENCH, "generic", {
            "F-1": ("Chloé", "Lefèvre", "chloe@example.fr", "VIP", None, 0),
            "F-2": ("Étienne", "Dubois", "et@example.fr", "General admission", None, 1),
        }),
        ("espanol.csv", SPANISH, "generic", {
            "E-1": ("José", "Núñez García", "jose@example.es", "VIP", None, 0),
        }),
    ],
)  # fmt: skip
def test_each_shops_export_is_recognised_and_imported(
    tmp_path: Path,
    event: tuple[Path, int],
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    preset: str,
    expected: dict[str, tuple[object, ...]],
) -> None:
    path = write(tmp_path, name, text)
    db, event_id = event
    assert main(["server", "import", "--db", str(db), "--event", str(event_id), str(path)]) == 0
    assert f"preset {preset}" in capsys.readouterr().out
    stored = tickets(event)
    got = {
        key: (r["first_name"], r["last_name"], r["email"], r["type_name"], r["external_code"],
              r["revoked"])
        for key, r in stored.items()
    }  # fmt: skip
    assert got == expected


def test_windows_1252_semicolons_and_a_bom_are_read(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "excel.csv", GERMAN.replace("\n", "\r\n"), "cp1252")
    status, summary, _ = run_import(event, path, capsys)
    assert status == 0 and summary["added"] == 1
    assert tickets(event)["T-1"]["last_name"] == "Groß"
    bom = write(tmp_path, "bom.csv", "\ufeff" + EVENTBRITE)
    status, summary, _ = run_import(event, bom, capsys)
    assert (status, summary["added"]) == (0, 2)


def test_xlsx_exports_are_read_and_formulas_never_evaluated(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    book = _workbook()
    sheet = book.active
    for line in HI_EVENTS.strip().split("\n"):
        sheet.append(line.split(","))
    sheet["A2"] = 1021  # a number cell, as Excel stores ids
    path = tmp_path / "hievents.xlsx"
    book.save(path)
    status, summary, err = run_import(event, path, capsys)
    assert (status, summary["added"], summary["revoked"]) == (0, 1, 1), err
    assert "1021" in tickets(event)

    sheet["B3"] = '=HYPERLINK("http://evil.example/","Eleanor")'
    book.save(path)
    status, summary, err = run_import(event, path, capsys)
    assert status == 2
    assert err.startswith(f"doorline: {path}, line 3: first_name: a spreadsheet formula")
    assert err.count("\n") == 1


def test_a_workbook_of_several_sheets_is_read_from_its_attendee_sheet(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """pretix's order data as Excel puts "Orders" (one row per order, no attendee names) before
    "Order positions": the import reads the sheet that holds attendees, and says which."""
    book = _workbook()
    orders = book.active
    orders.title = "Orders"
    orders.append(["Event slug", "Order code", "Order total", "Status", "Email"])
    orders.append(["summit27", "Q7XKD", 99, "Paid", "buyer@example.de"])
    positions = book.create_sheet("Order positions")
    for line in PRETIX.strip().split("\n"):
        positions.append(line.split(","))
    path = tmp_path / "pretix.xlsx"
    book.save(path)
    status, summary, err = run_import(event, path, capsys)
    assert status == 0 and summary["added"] >= 1, err
    assert tickets(event)["Q7XKD-1"]["first_name"] == "Jürgen"
    db, event_id = event
    main(["server", "import", "--db", str(db), "--event", str(event_id), str(path), "--dry-run"])
    assert "sheet 'Order positions'" in capsys.readouterr().out


def test_reimporting_the_same_file_changes_nothing(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "pretix.csv", PRETIX)
    assert counts(run_import(event, path, capsys)[1]) == {
        "added": 2, "updated": 0, "revoked": 1, "unpaid": 0, "unchanged": 0, "skipped": []
    }  # fmt: skip
    before = tickets(event)
    assert counts(run_import(event, path, capsys)[1]) == {
        "added": 0, "updated": 0, "revoked": 0, "unpaid": 0, "unchanged": 3, "skipped": []
    }  # fmt: skip
    assert tickets(event) == before


def test_an_updated_export_updates_and_revokes(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    run_import(event, write(tmp_path, "tt.csv", TICKET_TAILOR), capsys)
    first = tickets(event)
    changed = (
        TICKET_TAILOR.replace("Grace,Hopper,Grace Hopper,grace@", "Grace,Brewster Hopper,"
                              "Grace Brewster Hopper,gbh@")
        .replace("it_8830211,or_4410932,General admission", "it_8830211,or_4410932,VIP")
        .replace("voided", "valid")
    )  # fmt: skip
    changed += (
        "it_8830213,or_4410934,VIP,TT9Q2W4E,refunded,Ada,Byron,Ada Byron,ab@example.com,,x,false\n"
    )
    _, summary, err = run_import(event, write(tmp_path, "tt2.csv", changed), capsys)
    assert counts(summary) == {
        "added": 0, "updated": 1, "revoked": 1, "unpaid": 0, "unchanged": 1, "skipped": []
    }  # fmt: skip
    now = tickets(event)
    grace = now["it_8830211"]
    assert (grace["last_name"], grace["email"], grace["type_name"]) == (
        "Brewster Hopper", "gbh@example.com", "VIP"
    )  # fmt: skip
    assert grace["code"] != first["it_8830211"]["code"]  # the type is inside the signed code
    assert grace["change_seq"] > first["it_8830211"]["change_seq"]  # stations pull the change
    # A voided ticket is void for good (Ticket Tailor cannot un-void one): a file saying
    # "valid" is an older export, and the import says so instead of reinstating it.
    assert now["it_8830212"]["revoked"] == 1
    assert [k["external_id"] for k in summary["kept_revoked"]] == ["it_8830212"]
    assert "1 ticket in this file is revoked on the server and stays revoked" in err
    assert now["it_8830213"]["revoked"] == 1


def test_an_operators_revocation_is_not_lifted_by_a_reimport(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "eb.csv", EVENTBRITE)
    run_import(event, path, capsys)
    db, event_id = event
    store = open_storage(db)
    store.catalog.revoke(event_id, tickets(event)["6610293301"]["id"], "lost ticket reported")
    store.close()
    assert run_import(event, path, capsys)[1]["unchanged"] == 2
    assert tickets(event)["6610293301"]["revoked"] == 1


def test_an_older_export_never_reinstates_a_cancelled_ticket(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """The organiser loads Monday's export after Tuesday's: Kai's refund (Tuesday) stands, the
    import says so, and only an operator's explicit lift reinstates him — which a file that
    still says "Canceled" then does not undo either."""
    tuesday = write(tmp_path, "tuesday.csv", PRETIX)
    monday = write(tmp_path, "monday.csv", PRETIX.replace(",Canceled,gone@", ",Paid,gone@"))
    run_import(event, monday, capsys)
    assert tickets(event)["ZZ9P1-1"]["revoked"] == 0
    assert run_import(event, tuesday, capsys)[1]["revoked"] == 1

    status, summary, err = run_import(event, monday, capsys)
    kai = tickets(event)["ZZ9P1-1"]
    assert status == 0 and kai["revoked"] == 1
    assert summary["kept_revoked"] == [
        {"line": 4, "external_id": "ZZ9P1-1", "ticket_id": kai["id"], "status": "Paid"}
    ]
    assert "1 ticket in this file is revoked on the server and stays revoked" in err
    assert f"ZZ9P1-1 (ticket {kai['id']}, line 4)" in err
    assert "--ticket ID --lift" in err

    db, event_id = event
    lift = ["server", "revoke", "--db", str(db), "--event", str(event_id), "--ticket",
            str(kai["id"]), "--lift"]  # fmt: skip
    assert main(lift) == 0
    capsys.readouterr()
    assert run_import(event, monday, capsys)[1]["kept_revoked"] == []
    _, summary, err = run_import(event, tuesday, capsys)
    assert tickets(event)["ZZ9P1-1"]["revoked"] == 0  # the operator's decision stands
    assert [k["external_id"] for k in summary["kept_valid"]] == ["ZZ9P1-1"]
    assert "1 ticket this file calls unpaid or cancelled stays valid" in err


def test_unpaid_orders_do_not_admit_until_an_export_shows_them_paid(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """pretix exports pending (unpaid) and expired (payment deadline passed) orders unless
    "only paid orders" is ticked; neither may open the door, and each counts by status."""
    unpaid = PRETIX.replace("Q7XKD,1,Paid", "Q7XKD,1,pending").replace(
        "Q7XKD,2,Paid", "Q7XKD,2,expired"
    )
    path = write(tmp_path, "pretix-unpaid.csv", unpaid)
    status, summary, _ = run_import(event, path, capsys)
    assert status == 0
    assert counts(summary) == {
        "added": 0, "updated": 0, "revoked": 1, "unpaid": 2, "unchanged": 0, "skipped": []
    }  # fmt: skip
    assert summary["statuses"] == [
        {"status": "pending", "meaning": "unpaid", "rows": 1},
        {"status": "expired", "meaning": "unpaid", "rows": 1},
        {"status": "Canceled", "meaning": "cancelled", "rows": 1},
    ]
    stored = tickets(event)
    assert (stored["Q7XKD-1"]["revoked"], stored["Q7XKD-2"]["revoked"]) == (1, 1)
    db, event_id = event
    store = open_storage(db)
    reasons = {r["ticket_id"]: r["reason"] for r in store.catalog.revocations(event_id)}
    store.close()
    assert reasons[stored["Q7XKD-1"]["id"]] == "not paid in the ticket shop yet"

    paid = write(tmp_path, "pretix-paid.csv", PRETIX)
    assert counts(run_import(event, paid, capsys)[1])["updated"] == 2
    assert (tickets(event)["Q7XKD-1"]["revoked"], tickets(event)["Q7XKD-2"]["revoked"]) == (0, 0)
    # Monday's file again (still pending): a paid ticket is not sent back to unpaid.
    _, summary, err = run_import(event, path, capsys)
    assert tickets(event)["Q7XKD-1"]["revoked"] == 0
    assert len(summary["kept_valid"]) == 2 and "is this an older export?" in err

    main(["server", "import", "--db", str(db), "--event", str(event_id), str(path)])
    out = capsys.readouterr().out
    assert (
        "status 'pending': 1 row (not paid: refused at the door until an export shows it paid)"
        in out
    )
    assert "status 'Canceled': 1 row (revoked)" in out


@pytest.mark.parametrize(
    ("shop", "words"),
    [
        ("pretix (Order.status: n, p, e, c)", {"Paid": "valid", "pending": "unpaid",
                                               "Expired": "unpaid", "Canceled": "cancelled",
                                               "bezahlt": "valid", "ausstehend": "unpaid",
                                               "abgelaufen": "unpaid", "storniert": "cancelled"}),
        ("Eventbrite attendee status", {"Attending": "valid", "Checked In": "valid",
                                        "Not Attending": "cancelled", "Refunded": "cancelled",
                                        "Deleted": "cancelled", "Transferred": "cancelled",
                                        "Pending": "unpaid", "Unpaid": "unpaid"}),
        ("Ticket Tailor issued ticket", {"valid": "valid", "voided": "cancelled"}),
        ("Hi.Events AttendeeStatus", {"ACTIVE": "valid", "AWAITING_PAYMENT": "unpaid",
                                      "CANCELLED": "cancelled"}),
        ("generic", {"": "valid", "en attente de paiement": "unpaid", "payé": "valid",
                     "pendiente de pago": "unpaid", "reembolsado": "cancelled"}),
    ],
)  # fmt: skip
def test_each_shops_status_words_mean_what_the_shop_means(shop: str, words: dict) -> None:  # type: ignore[type-arg]
    assert {word: str(shop_status(word)) for word in words} == words, shop


def test_unknown_types_are_refused_with_the_names_unless_created(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "eb.csv", EVENTBRITE.replace(",VIP,", ",Early bird,"))
    status, _, err = run_import(event, path, capsys)
    assert status == 2
    assert "line 3: unknown ticket type(s) 'Early bird'" in err
    assert "'General admission', 'VIP'" in err
    assert tickets(event) == {}
    status, summary, err = run_import(event, path, capsys, "--create-types")
    assert (status, summary["added"]) == (0, 2)
    assert "created ticket type 'Early bird'" in err
    assert tickets(event)["6610293302"]["type_name"] == "Early bird"


def test_type_names_match_case_insensitively(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "de.csv", GERMAN.replace(";VIP;", ";vip;"))
    assert run_import(event, path, capsys)[1]["added"] == 1
    assert tickets(event)["T-1"]["type_name"] == "VIP"


def test_map_overrides_a_field(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Ref,Guest,Contact,Kind\nR1,Mary Shelley,mary@example.org,VIP\n"
    path = write(tmp_path, "own.csv", text)
    status, _, err = run_import(event, path, capsys)
    assert status == 2
    assert "line 1: no column for the shop's ticket id" in err and "--map external_id=" in err
    status, _, err = run_import(
        event, path, capsys, "--map", "external_id=Ref", "--map", "email=Contact",
        "--map", "ticket_type=Kind",
    )  # fmt: skip
    assert status == 0, err
    assert tickets(event)["R1"]["email"] == "mary@example.org"


def test_dry_run_writes_nothing(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    status, summary, err = run_import(event, write(tmp_path, "p.csv", PRETIX), capsys, "--dry-run")
    assert (status, summary["added"], summary["revoked"]) == (0, 2, 1)
    assert "nothing was written" in err
    assert tickets(event) == {}


def test_the_offline_limit_of_shop_barcodes_is_told(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_import(event, write(tmp_path, "eb.csv", EVENTBRITE), capsys)[2]
    assert "only for tickets their replica holds" in err


BAD_ROW = "6610293303,,Bad,Row,not-an-email,1,VIP,6610293303,,x,EUR,1,1,1,1,Attending,,,99\n"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (EVENTBRITE + BAD_ROW, 4, "'not-an-email' is not an e-mail address"),
        (EVENTBRITE + EVENTBRITE.split("\n")[1] + "\n", 4,
         "external_id '6610293301' is also on line 2"),
        (EVENTBRITE + BAD_ROW.replace("Bad,Row", ",").replace("not-an-email", "x@y.org"), 4,
         "no name"),
        (EVENTBRITE + BAD_ROW.replace("Bad", '"=HYPERLINK(""http://x"",""y"")"')
         .replace("not-an-email", "x@y.org"), 4,
         "first_name: '=HYPERLINK(\"http://x\",\"y\")' looks"),
        (EVENTBRITE + BAD_ROW.replace("Attending", "Maybe").replace("not-an-email", "x@y.org"),
         4, "unknown status 'Maybe'"),
        (EVENTBRITE + BAD_ROW.replace(",99\n", ",452188990166102933011001\n")
         .replace("not-an-email", "x@y.org"), 4,
         "barcode '452188990166102933011001' already belongs to ticket 6610293301"),
    ],
)  # fmt: skip
def test_a_bad_row_aborts_everything_or_is_skipped(
    tmp_path: Path,
    event: tuple[Path, int],
    capsys: pytest.CaptureFixture[str],
    text: str,
    line: int,
    reason: str,
) -> None:
    path = write(tmp_path, "eb.csv", text)
    status, _, err = run_import(event, path, capsys)
    assert status == 2
    assert err.startswith(f"doorline: {path}, line {line}: {reason}"), err
    assert err.count("\n") == 1
    assert tickets(event) == {}  # all or nothing
    status, summary, _ = run_import(event, path, capsys, "--skip-bad-rows")
    assert status == 0
    assert summary["added"] == 2
    assert len(summary["skipped"]) == 1
    assert summary["skipped"][0]["line"] == line
    assert reason in summary["skipped"][0]["reason"]


def test_bad_files_are_one_line_each(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    cases: list[tuple[Path, str]] = []
    cases.append((tmp_path / "missing.csv", "no such file"))
    cases.append((write(tmp_path, "noname.csv", "Ticket,Email\nA,a@b.org\n"),
                  "line 1: no column for the attendee's name"))  # fmt: skip
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(EVENTBRITE.encode("utf-16"))
    cases.append((utf16, "binary file"))
    koi = tmp_path / "bad-encoding.csv"
    koi.write_bytes(b"Name,Email\nA\x81\x8d,a@b.org\n")
    cases.append((koi, "line 2: is neither UTF-8 nor Windows-1252"))
    huge = tmp_path / "huge.csv"
    huge.write_text("Name,Email\n" + "x" * 10_000_000 + ",a@b.org\n", encoding="utf-8")
    cases.append((huge, "line 2: a cell longer than 10000 characters"))
    fake = write(tmp_path, "fake.xlsx", "this is not a workbook")
    cases.append((fake, "is not an XLSX workbook"))
    empty = write(tmp_path, "empty.csv", "\n\n")
    cases.append((empty, "is empty"))
    cases.append((tmp_path, "is a directory"))
    for path, expected in cases:
        status, _, err = run_import(event, path, capsys)
        assert status == 2, path
        assert err.startswith(f"doorline: {path}"), err
        assert expected in err, err
        assert err.count("\n") == 1
    assert tickets(event) == {}


def test_bad_map_and_preset_arguments(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "eb.csv", EVENTBRITE)
    status, _, err = run_import(event, path, capsys, "--map", "email=Nope")
    assert status == 2 and "has no column 'Nope'" in err
    status, _, err = run_import(event, path, capsys, "--map", "shoe=Email")
    assert status == 2 and "unknown field 'shoe'" in err
    db, _ = event
    assert main(["server", "import", "--db", str(db), "--event", "9", str(path)]) == 2
    assert "no event 9" in capsys.readouterr().err


def test_attendee_add_prints_code_and_confirmation(
    event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, event_id = event
    assert main(["server", "attendee", "add", "--db", str(db), "--event", str(event_id),
                 "--name", "Late Comer", "--email", "late@example.org", "--type", "vip",
                 "--json"]) == 0  # fmt: skip
    added = json.loads(capsys.readouterr().out)
    assert added["ticket_type"] == "VIP" and len(added["confirmation"]) == 8
    assert added["code"].startswith("1")
    assert main(["server", "attendee", "add", "--db", str(db), "--event", str(event_id),
                 "--name", "X", "--email", "nope", "--type", "VIP"]) == 2  # fmt: skip
    assert "not an e-mail" in capsys.readouterr().err
    assert main(["server", "attendee", "add", "--db", str(db), "--event", str(event_id),
                 "--name", "X", "--type", "Gold"]) == 2  # fmt: skip
    assert "unknown ticket type(s) 'Gold'" in capsys.readouterr().err


def test_line_numbers_count_lines_inside_quoted_cells(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    text = 'Ticket ID,Name,Email\n1,"Ada\nLovelace",ada@example.org\n2,Bad Row,not-mail\n'
    status, _, err = run_import(event, write(tmp_path, "multi.csv", text), capsys)
    assert status == 2
    assert "multi.csv, line 4: 'not-mail' is not an e-mail address" in err


def test_a_huge_xlsx_cell_is_refused_with_its_row(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    book = _workbook()
    sheet = book.active
    sheet.append(["Ticket ID", "Name", "Email"])
    sheet.append(["1", "x" * 10_000_000, "a@example.org"])
    path = tmp_path / "huge.xlsx"
    book.save(path)
    status, _, err = run_import(event, path, capsys)
    assert status == 2
    assert err == f"doorline: {path}, line 2: a cell longer than 10000 characters\n"


def test_excels_separator_hint_line_is_understood(
    tmp_path: Path, event: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    text = "sep=;\r\n" + GERMAN.replace("\n", "\r\n")
    status, summary, err = run_import(event, write(tmp_path, "hint.csv", text, "cp1252"), capsys)
    assert (status, summary.get("added")) == (0, 1), err
