"""Source → decoder → de-duplication → `on_code`: the whole camera path, on worker threads.

Two threads: capture (see capture.py) and decode. The decode thread always takes the newest
frame, converts it to grayscale once, decodes, de-duplicates and calls `on_code` for each new
scan. Nothing raises into the caller: problems reach `on_error` as ScanningError with words for
the steward, and the technical detail goes to the log.

`on_code` runs on the decode thread. A caller that owns thread-bound resources (a SQLite
connection, Qt widgets) hands the code over to its own thread, e.g. with a queue or a queued
Qt signal. The UI draws its preview from `preview()`: the newest frame and the outlines of the
codes found in the newest decoded one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.scanning.capture import CaptureState, CaptureWorker, ReconnectPolicy
from kiosk.scanning.decoder import DecodedCode, Decoder, Polygon
from kiosk.scanning.dedupe import ScanDeduplicator
from kiosk.scanning.errors import ScanningError
from kiosk.scanning.frame_slot import Delivery, FrameSlot
from kiosk.scanning.frame_sources import Frame, FrameSource
from kiosk.scanning.frame_timing import FrameTiming, PipelineStats, TimingWindow, percentile

log = logging.getLogger(__name__)

CodeCallback = Callable[[str, float, Polygon], None]  # text, frame's captured_at, outline
ErrorCallback = Callable[[ScanningError], None]
StateCallback = Callable[[CaptureState], None]


@dataclass(frozen=True)
class Preview:
    """What the camera view shows: the newest frame and the latest codes' outlines."""

    frame: Frame
    codes: tuple[DecodedCode, ...]
    codes_from_frame: int  # index of the frame the outlines were found in


def to_gray(image: np.ndarray) -> np.ndarray:
    """Grayscale view of a frame: as is when already gray, else one conversion."""
    if image.ndim == 2:
        return image
    code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(image, code)


def _ignore_state(state: CaptureState) -> None:
    log.debug("capture state: %s", state)


def _log_error(error: ScanningError) -> None:
    log.warning("scanning: %s", error)


class ScanPipeline:
    """Runs a source through a decoder into `on_code` until stopped or the recording ends."""

    def __init__(
        self,
        source: FrameSource,
        decoder: Decoder,
        on_code: CodeCallback,
        *,
        on_error: ErrorCallback = _log_error,
        on_state: StateCallback = _ignore_state,
        dedupe: ScanDeduplicator | None = None,
        delivery: Delivery | None = None,
        reconnect: ReconnectPolicy | None = None,
    ) -> None:
        self.source = source
        self.decoder = decoder
        self._on_code = on_code
        self._on_error = on_error
        self._on_state = on_state
        self.dedupe = dedupe if dedupe is not None else ScanDeduplicator()
        default_delivery = Delivery.NEWEST if source.live else Delivery.EVERY
        self._slot = FrameSlot(delivery or default_delivery)
        self._capture = CaptureWorker(
            source, self._slot, on_error=self._report, on_state=self._state, reconnect=reconnect
        )
        self._decode_thread = threading.Thread(
            target=self._decode_loop, name="doorline-decode", daemon=True
        )
        self._stop = threading.Event()
        self._timings = TimingWindow()
        self._outlines: tuple[tuple[DecodedCode, ...], int] = ((), -1)  # replaced whole: atomic
        self._scans = 0
        self._started = False

    # -- control --------------------------------------------------------------------------

    def start(self) -> None:
        if self._started:
            raise RuntimeError("a ScanPipeline runs once; make a new one to restart")
        self._started = True
        self._decode_thread.start()
        self._capture.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop both threads; True if they ended within `timeout` (they are daemons anyway)."""
        self._stop.set()
        self._capture.stop()
        return self.wait(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the recording to end (or stop); True when both threads have finished."""
        if not self._started:
            return True
        deadline = None if timeout is None else time.monotonic() + timeout
        capture_done = self._capture.join(timeout)
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        self._decode_thread.join(left)
        return capture_done and not self._decode_thread.is_alive()

    @property
    def delivery(self) -> Delivery:
        """NEWEST for cameras and real-time playback, EVERY for recordings played flat out."""
        return self._slot.delivery

    @property
    def running(self) -> bool:
        return self._decode_thread.is_alive()

    # -- what the UI and reports read --------------------------------------------------------

    def preview(self) -> Preview | None:
        frame = self._slot.latest
        if frame is None:
            return None
        codes, from_frame = self._outlines
        return Preview(frame, codes, from_frame)

    def timings(self) -> tuple[FrameTiming, ...]:
        return self._timings.recent()

    def stats(self) -> PipelineStats:
        recent = self._timings.recent()
        decode = [t.decode_ms for t in recent]
        latency = [t.latency_ms for t in recent]
        return PipelineStats(
            frames_captured=self._capture.frames_captured,
            frames_decoded=self._timings.frames,
            frames_dropped=self._slot.dropped,
            scans=self._scans,
            decode_ms_p50=percentile(decode, 50),
            decode_ms_p95=percentile(decode, 95),
            processing_ms_p95=percentile([t.processing_ms for t in recent], 95),
            latency_ms_p50=percentile(latency, 50),
            latency_ms_p95=percentile(latency, 95),
        )

    # -- the decode thread -------------------------------------------------------------------

    def _decode_loop(self) -> None:
        while not self._stop.is_set():
            frame = self._slot.take(timeout=0.25)
            if frame is None:
                if self._slot.closed:
                    return
                continue
            self._process(frame)

    def _process(self, frame: Frame) -> None:
        started = time.perf_counter()
        try:
            gray = to_gray(frame.image)
            converted = time.perf_counter()
            codes = self.decoder.decode(gray)
            decoded = time.perf_counter()
        except Exception:  # one bad frame must not end scanning
            log.exception("decoding frame %d failed", frame.index)
            self._report(ScanningError("The code reader failed on one picture; scanning goes on."))
            return
        new = self.dedupe.observe([c.text for c in codes], at=frame.position_s)
        done = time.perf_counter()
        self._outlines = (tuple(codes), frame.index)
        self._timings.add(
            FrameTiming(
                index=frame.index,
                convert_ms=(converted - started) * 1e3,
                decode_ms=(decoded - converted) * 1e3,
                processing_ms=(done - started) * 1e3,
                latency_ms=(time.monotonic() - frame.captured_at) * 1e3,
                codes=len(codes),
            )
        )
        for text in new:
            polygon = next(c.polygon for c in codes if c.text == text)
            self._scans += 1
            self._deliver(text, frame.captured_at, polygon)

    def _deliver(self, text: str, frame_time: float, polygon: Polygon) -> None:
        try:
            self._on_code(text, frame_time, polygon)
        except Exception:  # the caller's handler must not stop scanning
            log.exception("on_code failed for a scanned code")
            self._report(ScanningError("A scanned ticket could not be handled; see the log."))

    def _report(self, error: ScanningError) -> None:
        try:
            self._on_error(error)
        except Exception:
            log.exception("the scanning error handler failed")

    def _state(self, state: CaptureState) -> None:
        self._on_state(state)
