"""Per-frame timings of the scan pipeline, kept for the last few hundred frames.

"How fast does a ticket turn green" is the product's first impression; these numbers are what
the ready-for-doors check, `scan-video --realtime` and the benchmarks report.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FrameTiming:
    """Where one frame's time went (milliseconds)."""

    index: int
    convert_ms: float  # colour → grayscale
    decode_ms: float  # the code reader
    processing_ms: float  # convert + decode + de-duplication: this frame's CPU work
    latency_ms: float  # captured → processed, including the wait for the decoder
    codes: int  # codes found in the frame


@dataclass(frozen=True)
class PipelineStats:
    """A snapshot for display and logs; percentiles over the recent window."""

    frames_captured: int
    frames_decoded: int
    frames_dropped: int
    scans: int
    decode_ms_p50: float
    decode_ms_p95: float
    processing_ms_p95: float
    latency_ms_p50: float
    latency_ms_p95: float


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation that would flatter a tail); nan if empty."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


class TimingWindow:
    """The most recent FrameTimings; written by the decode thread, read by anyone."""

    def __init__(self, size: int = 512) -> None:
        self._recent: deque[FrameTiming] = deque(maxlen=size)
        self._lock = threading.Lock()
        self.frames = 0

    def add(self, timing: FrameTiming) -> None:
        with self._lock:
            self._recent.append(timing)
            self.frames += 1

    def recent(self) -> tuple[FrameTiming, ...]:
        with self._lock:
            return tuple(self._recent)
