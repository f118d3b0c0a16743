"""Recognising a USB hand scanner that "types" the ticket code, by how fast it types.

A keyboard-wedge scanner is a keyboard to the computer: it sends the code's characters 1–20 ms
apart, then Enter (or Tab, or nothing). A person types a ticket code 150+ ms a key, and even a
fast typist cannot keep every gap under ~50 ms for eight random characters. So: a run of at
least `min_length` characters, each within `max_gap_s` of the one before, is a scanner; anything
slower is a person and is left alone.

The UI feeds every character key from an application-wide event filter (so a scan works
whatever widget has focus) with the key event's own timestamp, and calls `flush` when
`deadline` passes, for scanners that send no terminator. Codes come out normalised with
`kiosk.domain.ticket_codec.normalise_typed`, which undoes what a US-configured scanner types on an
AZERTY or QWERTZ keyboard.

Pure logic with explicit timestamps: no Qt, no clock, no threads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.domain.ticket_codec import normalise_typed

ENTER_KEYS = frozenset({"\r", "\n"})
TAB_KEY = "\t"


class Terminator(StrEnum):
    """How the scanner ended the code."""

    ENTER = "enter"
    TAB = "tab"
    NONE = "none"  # the keys stopped: found by timeout


@dataclass(frozen=True)
class WedgeSettings:
    """Timing limits. Defaults suit wired and Bluetooth scanners; see docs/scanning.md."""

    max_gap_s: float = 0.05  # longest pause between two keys of one scan
    min_length: int = 8  # shorter bursts are a person's quick word, not a ticket
    max_length: int = 512  # a runaway burst (a stuck macro) is dropped, not kept in memory
    terminator_grace_s: float = 0.25  # an Enter this late after a timed-out scan still ends it


@dataclass(frozen=True)
class WedgeScan:
    """One code typed by a scanner: as received, normalised, and its timing."""

    raw: str
    text: str
    started_at: float
    ended_at: float
    terminator: Terminator


class WedgeDetector:
    """Feed (character, timestamp) pairs; get back a WedgeScan when a scanner burst completes."""

    def __init__(
        self,
        settings: WedgeSettings | None = None,
        normalise: Callable[[str], str] = normalise_typed,
    ) -> None:
        self.settings = settings or WedgeSettings()
        self._normalise = normalise
        self._chars: list[str] = []
        self._overflowed = False  # the current burst passed max_length: ignore it to its end
        self._started_at = 0.0
        self._last_at = 0.0
        self._last_scan_end: float | None = None
        self._key_was_scanner = False

    @property
    def last_key_was_scanner(self) -> bool:
        """True when the key just fed belongs to a scanner: inside a burst, or its terminator.

        The UI swallows such keys so a scan never types into a search field or presses the
        focused button with its Enter. The first key of a burst cannot be told apart yet; the
        UI removes it from a text field when the scan arrives.
        """
        return self._key_was_scanner

    @property
    def in_burst(self) -> bool:
        """True while keys are arriving at scanner speed (two or more fast keys so far)."""
        return self._overflowed or len(self._chars) >= 2

    @property
    def deadline(self) -> float | None:
        """When to call `flush` if no further key arrives (None: nothing pending)."""
        if not self._pending:
            return None
        return self._last_at + self.settings.max_gap_s

    def feed(self, char: str, at: float) -> WedgeScan | None:
        """Take one key: a printable character, "\\r"/"\\n" for Enter, "\\t" for Tab."""
        finished = self._end_if_paused(at)
        if char in ENTER_KEYS or char == TAB_KEY:
            if finished is None and self._pending:
                kind = Terminator.TAB if char == TAB_KEY else Terminator.ENTER
                finished = self._finish(kind, at)
            self._key_was_scanner = finished is not None or self._late_terminator(at)
            return finished
        if len(char) != 1 or not char.isprintable():
            self._key_was_scanner = False
            return finished
        self._add(char, at)
        self._key_was_scanner = self.in_burst
        return finished

    def flush(self, now: float) -> WedgeScan | None:
        """End a burst whose keys stopped (scanners that send no Enter or Tab)."""
        return self._end_if_paused(now)

    @property
    def _pending(self) -> bool:
        return self._overflowed or bool(self._chars)

    def _add(self, char: str, at: float) -> None:
        if not self._pending:
            self._started_at = at
        self._last_at = at
        if self._overflowed:
            return
        self._chars.append(char)
        if len(self._chars) > self.settings.max_length:
            self._chars.clear()
            self._overflowed = True

    def _end_if_paused(self, now: float) -> WedgeScan | None:
        if self._pending and now - self._last_at > self.settings.max_gap_s:
            return self._finish(Terminator.NONE, self._last_at)
        return None

    def _late_terminator(self, at: float) -> bool:
        """An Enter/Tab arriving just after a scan that was already ended by its pause."""
        end = self._last_scan_end
        if end is None or at - end > self.settings.terminator_grace_s:
            return False
        self._last_scan_end = None  # one terminator per scan
        return True

    def _finish(self, kind: Terminator, at: float) -> WedgeScan | None:
        raw = "".join(self._chars)
        overflowed = self._overflowed
        self._chars.clear()
        self._overflowed = False
        if overflowed or not self._looks_like_scanner(raw):
            return None
        self._last_scan_end = at
        return WedgeScan(raw, self._normalise(raw), self._started_at, at, kind)

    def _looks_like_scanner(self, raw: str) -> bool:
        """Long enough, and not one key held down (auto-repeat is fast too)."""
        return len(raw) >= self.settings.min_length and len(set(raw)) > 1
