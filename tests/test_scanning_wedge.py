"""A USB hand scanner is told from a person by its typing speed; its codes survive any layout."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scanning_support import LAYOUTS, keystrokes, random_codes, typed_on

from kiosk.core.station import Station
from kiosk.domain.scanned_text import read_scanned
from kiosk.domain.ticket_codec import ALPHABET
from kiosk.domain.verdicts import Verdict
from kiosk.scanning.wedge import Terminator, WedgeDetector, WedgeScan, WedgeSettings

SCANNER_GAP = 0.004  # a wired scanner: a few milliseconds per key
BLUETOOTH_GAP = 0.015  # the slowest scanners: ≤ 15 ms a key (issue 9)
PERSON_GAP = 0.18


def _type(detector: WedgeDetector, keys: list[tuple[str, float]]) -> list[WedgeScan]:
    scans = []
    for char, at in keys:
        scan = detector.feed(char, at).scan
        if scan is not None:
            scans.append(scan)
    return scans


def _scanner(text: str, start: float = 10.0, gap: float = SCANNER_GAP, end: str = "\r"):
    keys = keystrokes(text + end, start, gap)
    return keys


@pytest.fixture
def detector() -> WedgeDetector:
    return WedgeDetector()


def test_a_scanner_burst_ending_in_enter_is_one_code(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    (scan,) = _type(detector, _scanner(code))
    assert (scan.text, scan.terminator) == (code, Terminator.ENTER)
    assert scan.started_at == 10.0


def test_a_scanner_that_ends_with_tab_is_understood(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    (scan,) = _type(detector, _scanner(code, end="\t"))
    assert (scan.text, scan.terminator) == (code, Terminator.TAB)


def test_a_scanner_that_sends_no_terminator_is_flushed_after_a_pause(
    detector: WedgeDetector,
) -> None:
    code = random_codes(1)[0]
    assert _type(detector, _scanner(code, end="")) == []
    deadline = detector.deadline
    assert deadline is not None
    assert detector.flush(deadline - 0.001).scan is None  # not yet: the next key may still come
    scan = detector.flush(deadline + 0.001).scan
    assert scan is not None
    assert (scan.text, scan.terminator) == (code, Terminator.NONE)
    assert detector.deadline is None


def test_a_scanner_without_terminator_is_also_ended_by_the_next_key(
    detector: WedgeDetector,
) -> None:
    first, second = random_codes(2)
    keys = _scanner(first, start=1.0, end="") + _scanner(second, start=3.0)
    assert [s.text for s in _type(detector, keys)] == [first, second]


def test_a_slow_bluetooth_scanner_is_still_a_scanner(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    assert [s.text for s in _type(detector, _scanner(code, gap=BLUETOOTH_GAP))] == [code]


def test_a_person_typing_a_code_is_not_taken_for_a_scanner(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    steps = [detector.feed(char, at) for char, at in keystrokes(code + "\r", 1.0, PERSON_GAP)]
    assert [s.scan for s in steps if s.scan] == []
    assert not any(s.take for s in steps)


def test_a_fast_typist_burst_of_a_short_word_is_not_a_scan(detector: WedgeDetector) -> None:
    assert _type(detector, keystrokes("smith\r", 1.0, 0.02)) == []


def test_a_key_held_down_is_auto_repeat_not_a_scanner(detector: WedgeDetector) -> None:
    assert _type(detector, keystrokes("a" * 30 + "\r", 1.0, 0.03)) == []


def test_a_scan_in_the_middle_of_a_person_typing_is_found(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    keys = keystrokes("Dupo", 1.0, PERSON_GAP) + _scanner(code, start=2.0)
    keys += keystrokes("nt", 3.0, PERSON_GAP)
    assert [s.text for s in _type(detector, keys)] == [code]


def test_one_slow_key_inside_a_burst_splits_it_and_neither_half_is_taken_whole(
    detector: WedgeDetector,
) -> None:
    code = random_codes(1)[0]
    keys = keystrokes(code[:20], 1.0, SCANNER_GAP) + keystrokes(code[20:] + "\r", 1.5, SCANNER_GAP)
    assert [s.text for s in _type(detector, keys)] == [code[:20], code[20:]]


def test_keys_of_a_burst_and_its_enter_are_marked_as_the_scanners(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    marks = [detector.feed(char, at).take for char, at in _scanner(code)]
    assert marks[0] is False  # one key alone could be a person
    assert all(marks[1:])  # the rest, the Enter included, must not reach a focused widget


def test_a_late_enter_after_a_timed_out_scan_is_the_scanners_too(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    _type(detector, _scanner(code, start=1.0, end=""))
    last = 1.0 + (len(code) - 1) * SCANNER_GAP
    assert detector.flush(last + 0.1).scan is not None
    assert detector.feed("\r", last + 0.15).take
    assert not detector.feed("\r", last + 5).take  # a person pressing Enter later is theirs


def test_crlf_terminators_give_one_scan(detector: WedgeDetector) -> None:
    code = random_codes(1)[0]
    steps = [detector.feed(char, at) for char, at in _scanner(code, end="\r\n")]
    assert [s.scan.text for s in steps if s.scan] == [code]
    assert steps[-1].take


def test_an_enter_on_its_own_is_left_to_the_person(detector: WedgeDetector) -> None:
    step = detector.feed("\r", 1.0)
    assert step.scan is None and not step.take


def test_limits_are_settings() -> None:
    strict = WedgeDetector(WedgeSettings(max_gap_s=0.01, min_length=4))
    assert _type(strict, _scanner("ab12", gap=0.005))[0].text == "ab12"
    assert _type(strict, _scanner("ab12cd", gap=0.02)) == []


def test_a_runaway_burst_is_dropped_not_kept(detector: WedgeDetector) -> None:
    junk = ("AB" * 400)[:700]
    assert _type(detector, _scanner(junk)) == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_alphabet_character_survives_a_foreign_layout(layout: str) -> None:
    code = "1" + ALPHABET + ALPHABET[::-1]
    typed = typed_on(layout, code)
    (scan,) = _type(WedgeDetector(), _scanner(typed))
    assert scan.text == typed  # the wedge hands on what was typed; reading it is one place
    assert code in [r.text for r in read_scanned(scan.text).readings()]


def test_the_layouts_really_differ_from_us() -> None:
    code = "1" + ALPHABET
    assert typed_on("fr-azerty", code).startswith("&")
    assert "?" in typed_on("be-azerty", code)
    assert typed_on("de-qwertz", code) == code  # QWERTZ only swaps Y/Z, neither in the alphabet
    assert typed_on("cz-qwertz", "1234567890") == "+ěščřžýáíé"  # the example


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_ticket_scanned_by_wedge_under_any_layout_is_admitted(
    layout: str, provisioned_station: tuple[Station, list[dict[str, Any]]]
) -> None:
    station, codes = provisioned_station
    ticket = codes[LAYOUTS.index(layout)]
    typed = typed_on(layout, ticket["code"])
    (scan,) = _type(WedgeDetector(), _scanner(typed))
    outcome = station.scan(scan.text, method="wedge")
    assert outcome.verdict is Verdict.ADMITTED, outcome.detail
    assert outcome.ticket_id == ticket["ticket_id"]


def test_a_forged_ticket_typed_on_azerty_is_still_refused(
    provisioned_station: tuple[Station, list[dict[str, Any]]], forge: Any
) -> None:
    station, codes = provisioned_station
    typed = typed_on("fr-azerty", forge(codes[0]["code"]))
    (scan,) = _type(WedgeDetector(), _scanner(typed))
    assert station.scan(scan.text, method="wedge").verdict is Verdict.BAD_SIGNATURE


def test_a_fast_typists_enter_still_reaches_the_focused_widget(detector: WedgeDetector) -> None:
    steps = [detector.feed(char, at) for char, at in keystrokes("smith\r", 1.0, 0.02)]
    assert not steps[-1].take
    assert "".join(k for s in steps for k in s.release) == "mith"  # held back, then handed back


def _delivered(detector: WedgeDetector, keys: list[tuple[str, float]]) -> tuple[str, list[str]]:
    """What reaches the widgets (released keys first, then the key itself unless taken), and
    the scans, as the UI filter does it."""
    shown: list[str] = []
    scans: list[str] = []
    for char, at in keys:
        step = detector.feed(char, at)
        shown.extend(step.release)
        if step.scan is not None:
            scans.append(step.scan.text)
        if not step.take:
            shown.append(char)
    last = detector.end_run()
    shown.extend(last.release)
    if last.scan is not None:
        scans.append(last.scan.text)
    return "".join(shown), scans


@st.composite
def _person_typing(draw: st.DrawFn) -> list[tuple[str, float]]:
    """30–150 ms between keys; now and then two keys pressed together (0–12 ms apart)."""
    text = draw(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 .@-", min_size=1, max_size=40)
    )
    at, keys, rollover_before = 1.0, [], False
    for char in text:
        if keys and not rollover_before and draw(st.booleans()):
            gap, rollover_before = draw(st.floats(0.0, 0.012)), True
        else:
            gap, rollover_before = draw(st.floats(0.030, 0.150)), False
        at += gap
        keys.append((char, at))
    return keys


@settings(max_examples=300, deadline=None)
@given(keys=_person_typing())
def test_a_persons_typing_is_never_lost_reordered_or_taken_for_a_scan(
    keys: list[tuple[str, float]],
) -> None:
    shown, scans = _delivered(WedgeDetector(), keys)
    assert scans == []
    assert shown == "".join(char for char, _ in keys)


@st.composite
def _scanner_burst(draw: st.DrawFn) -> tuple[str, list[float], str]:
    """A code of 8–120 characters, how it ends, and 0.5–15 ms before each of its keys: one gap
    drawn per key sent (drawing a fixed 121 and using a few was most of this test's time)."""
    code = draw(st.text(alphabet=ALPHABET, min_size=8, max_size=120))
    end = draw(st.sampled_from(["\r", "\t", "\n", ""]))
    keys = len(code) + len(end)
    gaps = draw(st.lists(st.floats(0.0005, 0.015), min_size=keys, max_size=keys))
    return code, gaps, end


@settings(max_examples=200, deadline=None)
@given(burst=_scanner_burst())
def test_a_scanner_burst_is_always_one_scan_of_exactly_its_text(
    burst: tuple[str, list[float], str],
) -> None:
    code, gaps, end = burst
    if len(set(code)) == 1:
        code = code[:-1] + ("A" if code[-1] != "A" else "B")
    at, keys = 5.0, []
    for char, gap in zip(code + end, gaps, strict=True):
        at += gap
        keys.append((char, at))
    shown, scans = _delivered(WedgeDetector(), keys)
    assert scans == [code]
    assert shown == code[0]  # only the first key reached a widget (the UI takes it back)
