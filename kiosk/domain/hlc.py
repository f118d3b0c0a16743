"""Hybrid logical clock: orders log entries across stations whose wall clocks disagree.

A timestamp is one integer, `wall_ms << 16 | counter`, so SQLite sorts it natively. A station
whose clock jumps backwards keeps issuing increasing timestamps, and a timestamp received from
another station pulls the local clock forward, so causality survives a badly set laptop clock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

COUNTER_BITS = 16
_COUNTER_MASK = (1 << COUNTER_BITS) - 1


def wall_ms_now() -> int:
    return time.time_ns() // 1_000_000


def pack(wall_ms: int, counter: int) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def wall_of(hlc: int) -> int:
    """The wall-clock milliseconds part, for showing a timestamp to people."""
    return hlc >> COUNTER_BITS


class HybridClock:
    def __init__(self, wall: Callable[[], int] = wall_ms_now, last: int = 0) -> None:
        self._wall = wall
        self._last = last
        self._lock = threading.Lock()

    def now(self) -> int:
        with self._lock:
            physical = pack(self._wall(), 0)
            self._last = physical if physical > self._last else self._last + 1
            return self._last

    def observe(self, remote: int) -> None:
        """Never issue a timestamp at or below one already seen from anywhere."""
        with self._lock:
            self._last = max(self._last, remote)

    @property
    def last(self) -> int:
        return self._last
