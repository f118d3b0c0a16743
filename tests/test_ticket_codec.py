"""The ticket code's promises: round trip, any change refused, hostile input never crashes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.scanned_text import read_scanned, verify_scanned
from kiosk.domain.ticket_codec import (
    ALPHABET,
    MAX_CODE_LENGTH,
    CodeRefusal,
    CodeTooLong,
    KeyAlgorithm,
    Keyring,
    SigningKey,
    TicketClaims,
    encode,
    generate_key,
    verify,
)
from kiosk.domain.verdicts import Verdict

EVENT = 305419896
HMAC_KEY = SigningKey(EVENT, 1, KeyAlgorithm.HMAC_SHA256, bytes(range(32)))
ED_KEY = SigningKey(EVENT, 2, KeyAlgorithm.ED25519, bytes(range(32, 64)))
KEYRING = Keyring([HMAC_KEY.verify_key(), ED_KEY.verify_key()])
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")

u32 = st.integers(0, 2**32 - 1)
claims_strategy = st.builds(
    TicketClaims,
    event_id=st.just(EVENT),
    ticket_id=u32,
    ticket_type=st.integers(0, 255),
    valid_from=st.none() | u32,
    valid_until=st.none() | u32,
)


def _vectors() -> dict:
    text = (Path(__file__).parent.parent / "docs" / "ticket-format.md").read_text()
    block = re.search(r"<!-- test-vectors -->\s*```json\n(.*?)```", text, re.S)
    assert block, "docs/ticket-format.md lost its test-vector block"
    return json.loads(block.group(1))


def test_alphabet_is_qr_alphanumeric_and_free_of_layout_ambiguous_letters():
    assert len(ALPHABET) == 32 and len(set(ALPHABET)) == 32
    assert set(ALPHABET) <= QR_ALPHANUMERIC
    assert not set(ALPHABET) & set("QZYO")


@pytest.mark.parametrize("vector", _vectors()["vectors"], ids=lambda v: v["note"])
def test_documented_vectors_decode_and_reencode_exactly(vector):
    doc = _vectors()
    secret = (
        doc["hmac_secret_hex"]
        if vector["algorithm"] == "hmac-sha256"
        else doc["ed25519_private_hex"]
    )
    key = SigningKey(EVENT, vector["kid"], KeyAlgorithm(vector["algorithm"]), bytes.fromhex(secret))
    claims = TicketClaims(
        vector["event_id"],
        vector["ticket_id"],
        vector["ticket_type"],
        vector["valid_from"],
        vector["valid_until"],
    )
    assert encode(claims, key) == vector["code"]
    assert verify(vector["code"], Keyring([key.verify_key()]), EVENT) == claims


def test_documented_ed25519_public_key_matches_its_private_key():
    doc = _vectors()
    assert ED_KEY.verify_key().material.hex() == doc["ed25519_public_hex"]


@settings(max_examples=300, deadline=None)
@given(claims_strategy)
def test_hmac_code_round_trips_within_120_ascii_characters(claims):
    code = encode(claims, HMAC_KEY)
    assert len(code) <= MAX_CODE_LENGTH and code.isascii()
    assert set(code) <= set(ALPHABET)
    assert verify(code, KEYRING, EVENT) == claims


@settings(max_examples=100, deadline=None)
@given(claims_strategy.map(lambda c: TicketClaims(c.event_id, c.ticket_id, c.ticket_type)))
def test_ed25519_code_round_trips_with_the_public_key_only(claims):
    code = encode(claims, ED_KEY)
    assert len(code) == MAX_CODE_LENGTH
    public_only = Keyring([ED_KEY.verify_key()])
    assert verify(code, public_only, EVENT) == claims


def test_ed25519_code_with_a_validity_window_is_refused_at_issue_time():
    with pytest.raises(CodeTooLong):
        encode(TicketClaims(EVENT, 1, 0, valid_until=1767312000), ED_KEY)


@settings(max_examples=300, deadline=None)
@given(claims_strategy, st.data())
def test_any_single_character_change_is_refused(claims, data):
    key = data.draw(st.sampled_from([HMAC_KEY, ED_KEY]))
    if key is ED_KEY:
        claims = TicketClaims(claims.event_id, claims.ticket_id, claims.ticket_type)
    code = encode(claims, key)
    position = data.draw(st.integers(0, len(code) - 1))
    replacement = data.draw(st.characters(codec="ascii").filter(lambda c: c != code[position]))
    changed = code[:position] + replacement + code[position + 1 :]
    result = verify(changed, KEYRING, EVENT)
    assert isinstance(result, CodeRefusal)
    assert not result.verdict.lets_through


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
        st.text(alphabet=ALPHABET, max_size=130).map(lambda t: "1" + t),
        st.just(""),
        st.just("1" * 10_000),
        st.just("\x00\x1b[31m\r\n\t"),
        st.integers().map(str),
    )
)
def test_hostile_input_is_refused_and_never_raises(text):
    result = verify(text, KEYRING, EVENT)
    assert isinstance(result, CodeRefusal)


def test_non_text_input_is_malformed_not_a_crash():
    for value in (None, b"10ABC", 12345, ["1"]):
        assert verify(value, KEYRING, EVENT).verdict is Verdict.MALFORMED


def test_code_for_another_event_is_wrong_event():
    other = generate_key(EVENT + 1, 1, KeyAlgorithm.HMAC_SHA256)
    code = encode(TicketClaims(EVENT + 1, 5, 0), other)
    assert verify(code, KEYRING, EVENT).verdict is Verdict.WRONG_EVENT


def test_code_signed_with_a_key_the_station_lacks_is_unknown_key():
    stranger = generate_key(EVENT, 9, KeyAlgorithm.HMAC_SHA256)
    code = encode(TicketClaims(EVENT, 5, 0), stranger)
    assert verify(code, KEYRING, EVENT).verdict is Verdict.UNKNOWN_KEY


def test_key_with_the_right_id_but_wrong_secret_is_bad_signature():
    impostor = SigningKey(EVENT, 1, KeyAlgorithm.HMAC_SHA256, b"\x01" * 32)
    code = encode(TicketClaims(EVENT, 5, 0), impostor)
    assert verify(code, KEYRING, EVENT).verdict is Verdict.BAD_SIGNATURE


def test_rotated_keys_are_all_accepted_while_valid():
    old, new = (generate_key(EVENT, kid, KeyAlgorithm.HMAC_SHA256) for kid in (3, 4))
    ring = Keyring([old.verify_key(), new.verify_key()])
    for key in (old, new):
        assert isinstance(verify(encode(TicketClaims(EVENT, 1, 0), key), ring, EVENT), TicketClaims)


def test_hmac_code_cannot_be_passed_off_under_an_ed25519_key_id():
    """The algorithm comes from the station's key, never from the code."""
    spoof = SigningKey(EVENT, ED_KEY.kid, KeyAlgorithm.HMAC_SHA256, b"\x02" * 32)
    code = encode(TicketClaims(EVENT, 5, 0), spoof)
    assert isinstance(verify(code, KEYRING, EVENT), CodeRefusal)


US_TO_AZERTY = str.maketrans(
    {
        "1": "&",
        "2": "é",
        "3": '"',
        "4": "'",
        "5": "(",
        "6": "-",
        "7": "è",
        "8": "_",
        "9": "ç",
        "0": "à",
        "A": "Q",
        "W": "Z",
        "M": "?",
    }
)
US_TO_BELGIAN = str.maketrans({"6": "§", "8": "!", "A": "Q", "W": "Z", "M": ","})
US_TO_QWERTZ = str.maketrans({"Y": "Z", "Z": "Y"})


@pytest.mark.parametrize(
    "layout",
    [US_TO_AZERTY, US_TO_BELGIAN, US_TO_QWERTZ, {}],
    ids=["azerty", "belgian", "qwertz", "us"],
)
@settings(max_examples=50, deadline=None)
@given(claims=claims_strategy)
def test_code_typed_by_a_us_scanner_on_other_layouts_is_recovered(layout, claims):
    code = encode(claims, HMAC_KEY)
    typed = code.translate(layout) + "\r\n"
    assert verify_scanned(read_scanned(typed), KEYRING, EVENT).checked == claims
    assert verify_scanned(read_scanned(typed.lower()), KEYRING, EVENT).checked == claims
