"""One reading of scanned text: whatever a scanner, a shop's link or a keyboard layout wrapped
around a ticket code, the signature decides which reading is the ticket (issue 9 §1)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scanning_support import LAYOUTS, typed_on

from kiosk.core.station import Station
from kiosk.domain.keyboard_layouts import BY_CODE
from kiosk.domain.keyboard_layouts import typed_on as layout_types
from kiosk.domain.scanned_text import is_ticket_shaped, log_text, read_scanned, verify_scanned
from kiosk.domain.ticket_codec import (
    CodeRefusal,
    KeyAlgorithm,
    Keyring,
    TicketClaims,
    encode,
    generate_key,
)
from kiosk.domain.verdicts import Verdict

EVENT = 7
KEY = generate_key(EVENT, 3, KeyAlgorithm.HMAC_SHA256)
KEYRING = Keyring([KEY.verify_key()])

claims_strategy = st.builds(
    TicketClaims,
    event_id=st.just(EVENT),
    ticket_id=st.integers(0, 2**32 - 1),
    ticket_type=st.integers(0, 255),
    valid_from=st.none() | st.integers(0, 2**32 - 1),
    valid_until=st.none() | st.integers(0, 2**32 - 1),
)
AIM_IDS = ("", "]Q1", "]Q3", "]C0", "]d2", "]z0", "]L2", "]E0")
PREFIXES = ("", "$", "*", "#", "~", "!", "\x02")
SUFFIXES = ("", "\r", "\n", "\r\n", "\t", "\x03", "\x1d", "\x1e", " ")
LINKS = (
    "{code}",
    "https://tickets.example.org/t/{code}",
    "https://tickets.example.org/t/{code}/",
    "https://shop.example.com/checkin?code={code}",
    "https://shop.example.com/?event=9&ticket={code}&lang=de",
    "http://x.example/{code}#top",
    "tickets.example.org/t/{code}",
)


def _read(text: str) -> TicketClaims | CodeRefusal:
    return verify_scanned(read_scanned(text), KEYRING, EVENT).checked


@settings(max_examples=300, deadline=None)
@given(
    claims=claims_strategy,
    bom=st.sampled_from(("", "\ufeff", "ï»¿")),
    aim=st.sampled_from(AIM_IDS),
    prefix=st.sampled_from(PREFIXES),
    suffix=st.sampled_from(SUFFIXES),
    link=st.sampled_from(LINKS),
    lower=st.booleans(),
    pad=st.sampled_from(("", " ", "  \t")),
)
def test_every_wrapping_of_a_genuine_code_reads_as_that_ticket(
    claims: TicketClaims,
    bom: str,
    aim: str,
    prefix: str,
    suffix: str,
    link: str,
    lower: bool,
    pad: str,
) -> None:
    code = encode(claims, KEY)
    body = link.format(code=code.lower() if lower else code)
    if link != "{code}":
        prefix = ""  # a scanner's one-character prefix sits in front of a bare code
    scanned = f"{pad}{bom}{aim}{prefix}{body}{suffix}{pad}"
    assert _read(scanned) == claims


@settings(max_examples=200, deadline=None)
@given(
    claims=claims_strategy,
    layout=st.sampled_from(sorted(BY_CODE)),
    aim=st.sampled_from(("", "]Q1")),
    link=st.sampled_from(LINKS[:4]),
)
def test_a_us_scanner_on_any_listed_layout_reads_as_the_ticket(
    claims: TicketClaims, layout: str, aim: str, link: str
) -> None:
    code = encode(claims, KEY)
    typed = layout_types(BY_CODE[layout], aim + link.format(code=code))
    assert _read(typed) == claims


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_layouts_as_the_tests_model_them_independently_are_read(layout: str) -> None:
    code = encode(TicketClaims(EVENT, 1234567890, 56), KEY)
    assert _read(typed_on(layout, code)) == TicketClaims(EVENT, 1234567890, 56)


def test_the_issues_czech_example_and_the_layout_is_named() -> None:
    claims = TicketClaims(EVENT, 1234567890, 5)
    code = encode(claims, KEY)
    typed = typed_on("cz-qwertz", code)
    assert any(ch in typed for ch in "+ěščřžýáíé")
    found = verify_scanned(read_scanned(typed), KEYRING, EVENT)
    assert found.checked == claims
    assert "Czech" in found.reading.describe()


def test_french_and_belgian_are_told_apart_only_when_the_code_says_which() -> None:
    with_six = next(
        c
        for t in range(1000)
        if "6" in (c := encode(TicketClaims(EVENT, t, 1), KEY)) and "8" not in c
    )
    found = verify_scanned(read_scanned(typed_on("be-azerty", with_six)), KEYRING, EVENT)
    assert [layout.code for layout in found.reading.layouts] == ["be"]
    no_six = next(
        c for t in range(1000) if not {"6", "8"} & set(c := encode(TicketClaims(EVENT, t, 1), KEY))
    )
    found = verify_scanned(read_scanned(typed_on("fr-azerty", no_six)), KEYRING, EVENT)
    assert {layout.code for layout in found.reading.layouts} == {"fr", "be"}


@settings(max_examples=200, deadline=None)
@given(
    claims=claims_strategy,
    position=st.integers(1, 40),
    layout=st.sampled_from(sorted(BY_CODE)),
    aim=st.sampled_from(AIM_IDS),
)
def test_a_changed_character_is_never_admitted_whatever_the_reading(
    claims: TicketClaims, position: int, layout: str, aim: str
) -> None:
    code = encode(claims, KEY)
    chars = list(code)
    chars[position] = "2" if chars[position] != "2" else "3"
    forged = "".join(chars)
    result = _read(layout_types(BY_CODE[layout], aim + forged))
    assert isinstance(result, CodeRefusal)  # a changed key id or event field says so instead


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_at_all_gets_a_verdict_never_an_exception(text: str) -> None:
    result = _read(text)
    assert isinstance(result, CodeRefusal)


def test_a_foreign_link_or_an_email_is_not_ticket_shaped() -> None:
    for text in (
        "anna.novak@example.org",
        "https://example.org/some/page?x=1",
        "Anna Novak",
        "",
        "\ufeff\r\n",
    ):
        assert read_scanned(text).ticket_shaped() is None, text
    assert is_ticket_shaped(encode(TicketClaims(EVENT, 1, 1), KEY))


def test_the_log_keeps_a_code_as_read_but_an_email_only_as_length_and_keyed_hash() -> None:
    code = encode(TicketClaims(EVENT, 1, 1), KEY)
    assert log_text(read_scanned("]Q1" + code.lower()), b"k") == repr(code)
    email = "anna.novak@example.org"
    text = log_text(read_scanned(email), b"k")
    assert "anna" not in text.lower() and "example" not in text
    assert text.startswith(f"{len(email)} characters")
    assert text != log_text(read_scanned(email), b"other key")
    assert text == log_text(read_scanned(email), b"k")


# -- at every input path ---------------------------------------------------------------------


def test_a_qr_holding_a_bom_is_admitted_through_both_decoders(
    provisioned_station: tuple[Station, list[dict[str, Any]]],
) -> None:
    import numpy as np
    import segno

    from kiosk.scanning.decoder import make_decoder

    station, codes = provisioned_station
    for name, ticket in zip(("zxing", "pyzbar"), codes[:2], strict=True):
        qr = segno.make_qr(("\ufeff" + ticket["code"]).encode("utf-8"), error="m")
        matrix = np.array(qr.matrix, dtype=bool)
        image = np.where(np.kron(matrix, np.ones((6, 6), bool)), 0, 255).astype(np.uint8)
        image = np.pad(image, 48, constant_values=255)
        (decoded,) = make_decoder(name).decode(image)
        outcome = station.scan(decoded.text, method="camera")
        assert outcome.verdict is Verdict.ADMITTED, (name, outcome.detail)
        assert outcome.ticket_id == ticket["ticket_id"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_station_admits_a_wrapped_code_typed_on_any_layout_and_logs_the_layout(
    layout: str, provisioned_station: tuple[Station, list[dict[str, Any]]]
) -> None:
    station, codes = provisioned_station
    ticket = codes[LAYOUTS.index(layout)]
    outcome = station.scan(typed_on(layout, ticket["code"]) + "\r", method="wedge")
    assert outcome.verdict is Verdict.ADMITTED, outcome.detail
    (entry,) = [e for e in station.replica.station_entries(station.station_id)]
    if layout in {"cz-qwertz", "sk-qwertz", "fr-azerty", "be-azerty"}:
        assert "[read: keyboard layout" in entry.detail
    assert outcome.detail == "admitted"  # the words shown stay plain


def test_a_refused_email_never_enters_the_log(
    provisioned_station: tuple[Station, list[dict[str, Any]]],
) -> None:
    station, _codes = provisioned_station
    outcome = station.scan("anna.novak@example.org\r", method="wedge")
    assert outcome.verdict is Verdict.MALFORMED
    (entry,) = station.replica.station_entries(station.station_id)
    assert "anna" not in entry.detail and "example" not in entry.detail
    assert "22 characters" in entry.detail


def test_a_refused_code_shaped_text_is_kept_for_support(
    provisioned_station: tuple[Station, list[dict[str, Any]]],
) -> None:
    station, _codes = provisioned_station
    outcome = station.scan("]Q1" + "1" + "0" * 45, method="wedge")
    assert outcome.verdict is Verdict.MALFORMED and outcome.ticket_id is None
    (entry,) = station.replica.station_entries(station.station_id)
    assert "scanned: '1" + "0" * 45 + "'" in entry.detail


def test_the_cli_reads_a_scanners_add_ons_and_a_link(
    provisioned_station: tuple[Station, list[dict[str, Any]]], capsys: Any
) -> None:
    from kiosk.cli.main import main

    station, codes = provisioned_station
    data_dir = str(station.replica.path.parent)
    wrapped = f"\ufeff]Q1https://tickets.example.org/t/{codes[0]['code'].lower()}\r\n"
    assert main(["station", "scan", "--data-dir", data_dir, wrapped, "--json"]) == 0
    assert f'"ticket_id": {codes[0]["ticket_id"]}' in capsys.readouterr().out
    czech = typed_on("cz-qwertz", codes[1]["code"])
    assert main(["station", "scan", "--data-dir", data_dir, czech]) == 0


def test_the_door_search_box_finds_the_ticket_of_a_scanned_link(
    provisioned_station: tuple[Station, list[dict[str, Any]]],
) -> None:
    from kiosk.core.attendee_search import search

    station, codes = provisioned_station
    link = f"https://shop.example.com/checkin?code={codes[4]['code'].lower()}"
    (match,) = search(station.replica, link)
    assert match.ticket.ticket_id == codes[4]["ticket_id"]
    (match,) = search(station.replica, typed_on("fr-azerty", codes[5]["code"]))
    assert match.ticket.ticket_id == codes[5]["ticket_id"]
    assert search(station.replica, f" {codes[6]['confirmation'].lower()}\r")[0].confirmation
