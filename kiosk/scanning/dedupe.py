"""Turning "this code is in view" into "this ticket was scanned", once per showing.

A camera sees a held-up ticket in 10–50 consecutive frames, and may miss it in a few of them
(blur, glare). The steward wants one verdict per showing, not a flicker of "admitted" followed by
"already checked in". The rules:

* a code is one scan for as long as it stays in view; short misses (< cooldown) do not end it;
* it can be scanned again once it has been out of view for the cooldown (default 2 s),
* or at once when another code was scanned after it was last seen (A, B, A is three scans: the
  steward deliberately went back to A);
* several codes in one frame are each one scan.

Pure logic with an injectable clock, so the rules are tested without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

DEFAULT_COOLDOWN_S = 2.0


@dataclass(frozen=True)
class _Sighting:
    at: float  # clock time the code was last seen
    frame: int  # frame number it was last seen in


class ScanDeduplicator:
    """Feed it every decoded frame (empty ones too); it returns the codes that are new scans."""

    def __init__(
        self,
        cooldown_s: float = DEFAULT_COOLDOWN_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if cooldown_s < 0:
            raise ValueError("cooldown must not be negative")
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._seen: dict[str, _Sighting] = {}
        self._frame = 0
        self._last_scan_frame = -1

    def observe(self, texts: Iterable[str], at: float | None = None) -> list[str]:
        """Record one frame's codes; return those that count as a scan, in frame order."""
        now = self._clock() if at is None else at
        self._frame += 1
        new: list[str] = []
        for text in dict.fromkeys(texts):  # the same code twice in one frame is one code
            if self._is_new_scan(text, now):
                new.append(text)
        for text in dict.fromkeys(texts):
            self._seen[text] = _Sighting(now, self._frame)
        if new:
            self._last_scan_frame = self._frame
        self._forget_older_than(now - self.cooldown_s)
        return new

    def __len__(self) -> int:
        """How many codes are remembered (bounded: old sightings are forgotten)."""
        return len(self._seen)

    def reset(self) -> None:
        """Forget everything, e.g. when the steward switches between entry and exit."""
        self._seen.clear()
        self._last_scan_frame = -1

    def _is_new_scan(self, text: str, now: float) -> bool:
        seen = self._seen.get(text)
        if seen is None:
            return True
        if now - seen.at > self.cooldown_s:
            return True
        return self._last_scan_frame > seen.frame  # another code was scanned since

    def _forget_older_than(self, limit: float) -> None:
        """Keep memory bounded: a code unseen for the cooldown is a new scan anyway."""
        if len(self._seen) > 64:
            self._seen = {t: s for t, s in self._seen.items() if s.at >= limit}
