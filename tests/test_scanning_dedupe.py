"""One showing of a ticket is one scan; showing it again later, or after another, is another."""

from __future__ import annotations

import pytest

from kiosk.scanning.dedupe import DEFAULT_COOLDOWN_S, ScanDeduplicator


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _frames(dedupe: ScanDeduplicator, clock: ManualClock, frames: list[list[str]]) -> list[str]:
    """Feed frames 1/30 s apart; return every scan in order."""
    scans: list[str] = []
    for codes in frames:
        scans += dedupe.observe(codes)
        clock.advance(1 / 30)
    return scans


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def dedupe(clock: ManualClock) -> ScanDeduplicator:
    return ScanDeduplicator(cooldown_s=2.0, clock=clock)


def test_same_code_in_consecutive_frames_is_one_scan(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    assert _frames(dedupe, clock, [["A"]] * 60) == ["A"]


def test_a_ticket_held_in_view_for_long_stays_one_scan(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    assert _frames(dedupe, clock, [["A"]] * 30 * 10) == ["A"]  # ten seconds


def test_a_few_missed_frames_do_not_split_one_showing(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    flicker = [["A"], [], [], ["A"], [], ["A"]] * 10
    assert _frames(dedupe, clock, flicker) == ["A"]


def test_the_same_code_scans_again_after_the_cooldown_out_of_view(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    assert _frames(dedupe, clock, [["A"]] * 5) == ["A"]
    clock.advance(2.01)
    assert _frames(dedupe, clock, [["A"]] * 5) == ["A"]


def test_the_same_code_shown_again_within_the_cooldown_is_not_a_new_scan(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    _frames(dedupe, clock, [["A"]] * 5)
    clock.advance(1.5)
    assert _frames(dedupe, clock, [["A"]] * 5) == []


def test_a_code_scans_again_right_after_another_code_was_scanned(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    assert _frames(dedupe, clock, [["A"], ["A"], ["B"], ["B"], ["A"], ["A"]]) == ["A", "B", "A"]


def test_several_codes_in_one_frame_are_each_one_scan(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    assert _frames(dedupe, clock, [["A", "B"]] * 10) == ["A", "B"]


def test_a_code_kept_in_view_while_another_appears_is_not_scanned_again(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    frames = [["A"]] * 3 + [["A", "B"]] * 5 + [["A"]] * 3
    assert _frames(dedupe, clock, frames) == ["A", "B"]


def test_a_code_that_returns_next_to_a_newer_one_is_scanned_again(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    frames = [["A"]] * 3 + [["B"]] * 3 + [["A", "B"]] * 3
    assert _frames(dedupe, clock, frames) == ["A", "B", "A"]


def test_the_same_code_twice_in_one_frame_is_one_scan(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    assert _frames(dedupe, clock, [["A", "A"]]) == ["A"]


def test_reset_forgets_what_was_in_view(dedupe: ScanDeduplicator, clock: ManualClock) -> None:
    _frames(dedupe, clock, [["A"]] * 3)
    dedupe.reset()
    assert _frames(dedupe, clock, [["A"]]) == ["A"]


def test_frame_times_can_be_given_instead_of_the_clock() -> None:
    dedupe = ScanDeduplicator(cooldown_s=1.0, clock=lambda: 0.0)
    assert dedupe.observe(["A"], at=10.0) == ["A"]
    assert dedupe.observe(["A"], at=10.9) == []
    assert dedupe.observe(["A"], at=12.0) == ["A"]


def test_many_different_codes_do_not_grow_memory_without_bound(
    dedupe: ScanDeduplicator, clock: ManualClock
) -> None:
    for i in range(10_000):
        dedupe.observe([f"CODE{i}"])
        clock.advance(0.01)
    assert len(dedupe) < 400  # only codes seen within the cooldown are remembered


def test_the_default_cooldown_is_about_two_seconds() -> None:
    assert ScanDeduplicator().cooldown_s == DEFAULT_COOLDOWN_S
    assert 1.5 <= DEFAULT_COOLDOWN_S <= 3.0


def test_a_negative_cooldown_is_refused() -> None:
    with pytest.raises(ValueError):
        ScanDeduplicator(cooldown_s=-1)
