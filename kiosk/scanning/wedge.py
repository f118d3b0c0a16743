"""Recognising a USB hand scanner that "types" the ticket code, by how fast it types.

A keyboard-wedge scanner is a keyboard to the computer: it sends the code's characters 1–15 ms
apart, then Enter (or Tab, or nothing). A person types 30–150 ms a key; two keys pressed
together (rollover) come closer, but never eight in a row. So: a run of at least `min_length`
characters, each within `max_gap_s` of the one before, is a scanner; anything else is a person.

A person's typing is never lost or changed. The first key of a run always reaches the focused
widget (one key alone could be anyone's). Keys after it that arrive at scanner speed are held
back (`WedgeStep.take`) until the run is over: a scan consumes them, anything else hands them
back (`WedgeStep.release`) to be delivered, in order, before the key that ended the run.

The UI feeds every character key from an application-wide event filter (so a scan works
whatever widget has focus) with the key event's own timestamp, and calls `flush` when no key
came for a while. The scanner's text comes out as typed: `kiosk.domain.scanned_text` reads it
(keyboard layouts, AIM identifiers, links) like any other scanned text.

Pure logic with explicit timestamps: no Qt, no clock, no threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

ENTER_KEYS = frozenset({"\r", "\n"})
TAB_KEY = "\t"


class Terminator(StrEnum):
    """How the scanner ended the code."""

    ENTER = "enter"
    TAB = "tab"
    NONE = "none"  # the keys stopped: found by timeout


@dataclass(frozen=True)
class WedgeSettings:
    """Timing limits. Defaults sit between scanners (≤ 15 ms a key) and people (≥ 30 ms a key
    outside a two-key rollover); see docs/scanning.md."""

    max_gap_s: float = 0.025  # longest pause between two keys of one scan
    min_length: int = 8  # shorter bursts are a person's quick word, not a ticket
    max_length: int = 512  # a runaway burst (a stuck macro) is dropped, not kept in memory
    terminator_grace_s: float = 0.25  # an Enter this late after a timed-out scan still ends it


@dataclass(frozen=True)
class WedgeScan:
    """One code typed by a scanner, as it was typed, and its timing (seconds)."""

    text: str
    started_at: float
    ended_at: float
    terminator: Terminator


@dataclass(frozen=True)
class WedgeStep:
    """What to do with the key just fed (or with the pause `flush` noticed).

    `release`: keys held back earlier that turned out to be a person's; deliver them to where
    they were going, in order, before anything else. `scan`: a scan completed. `take`: the key
    just fed belongs to a scanner (held, or the scan's terminator): do not deliver it.
    """

    scan: WedgeScan | None = None
    release: tuple[str, ...] = ()
    take: bool = False


@dataclass
class _Run:
    """The keys of the current fast run: the first was delivered, the rest are held."""

    started_at: float
    last_at: float
    chars: list[str] = field(default_factory=list)
    overflowed: bool = False  # passed max_length: a stuck macro, dropped to its end


class WedgeDetector:
    """Feed (character, timestamp) pairs; follow the WedgeStep each returns."""

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._run: _Run | None = None
        self._last_scan_end: float | None = None

    @property
    def held(self) -> int:
        """How many keys are held back right now (the UI keeps their events in step)."""
        run = self._run
        return 0 if run is None or run.overflowed else max(0, len(run.chars) - 1)

    @property
    def deadline(self) -> float | None:
        """When the current run is over if no further key arrives (None: nothing pending)."""
        return None if self._run is None else self._run.last_at + self.settings.max_gap_s

    def feed(self, char: str, at: float) -> WedgeStep:
        """Take one key: a printable character, "\\r"/"\\n" for Enter, "\\t" for Tab."""
        ended = self._end_if_paused(at)
        if char in ENTER_KEYS or char == TAB_KEY:
            return self._terminator(char, at, ended)
        if len(char) != 1 or not char.isprintable():
            return ended
        run = self._run
        if run is None:
            self._run = _Run(at, at, [char])
            return ended
        run.last_at = at
        if not run.overflowed:
            run.chars.append(char)
            if len(run.chars) > self.settings.max_length:
                run.chars.clear()
                run.overflowed = True
        return WedgeStep(ended.scan, ended.release, take=True)

    def flush(self, now: float) -> WedgeStep:
        """End a run whose keys stopped coming (scanners that send no Enter or Tab)."""
        return self._end_if_paused(now)

    def end_run(self) -> WedgeStep:
        """End the current run now, whatever the timestamps (the UI's timer saw the pause)."""
        return self._finish(Terminator.NONE, self._run.last_at if self._run else 0.0)

    def _terminator(self, char: str, at: float, ended: WedgeStep) -> WedgeStep:
        if self._run is not None:
            kind = Terminator.TAB if char == TAB_KEY else Terminator.ENTER
            step = self._finish(kind, at)
            return WedgeStep(step.scan, step.release, take=step.scan is not None)
        return WedgeStep(ended.scan, ended.release, take=self._late_terminator(at, ended))

    def _end_if_paused(self, now: float) -> WedgeStep:
        run = self._run
        if run is not None and now - run.last_at > self.settings.max_gap_s:
            return self._finish(Terminator.NONE, run.last_at)
        return WedgeStep()

    def _late_terminator(self, at: float, ended: WedgeStep) -> bool:
        """An Enter/Tab arriving just after a scan that was already ended by its pause."""
        end = ended.scan.ended_at if ended.scan is not None else self._last_scan_end
        if end is None or at - end > self.settings.terminator_grace_s:
            return False
        self._last_scan_end = None  # one terminator per scan
        return True

    def _finish(self, kind: Terminator, at: float) -> WedgeStep:
        run, self._run = self._run, None
        if run is None or run.overflowed:
            return WedgeStep()
        text = "".join(run.chars)
        if not self._looks_like_scanner(text):
            return WedgeStep(release=tuple(run.chars[1:]))
        self._last_scan_end = at
        return WedgeStep(WedgeScan(text, run.started_at, at, kind))

    def _looks_like_scanner(self, text: str) -> bool:
        """Long enough, and not one key held down (auto-repeat is fast too)."""
        return len(text) >= self.settings.min_length and len(set(text)) > 1
