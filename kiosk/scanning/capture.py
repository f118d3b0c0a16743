"""The capture thread: reads a source as fast as it delivers, and keeps a camera alive.

Reading runs apart from decoding so a camera's driver buffer is always drained (a stale buffer is
seconds of latency) and a recording's decompression overlaps the decoder's work. A camera that
is missing at start or unplugged later is retried with a growing pause until it is back;
the steward is told once per outage, not once per attempt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from kiosk.scanning.errors import CameraDisconnected, ScanningError, SourceUnavailable
from kiosk.scanning.frame_slot import FrameSlot
from kiosk.scanning.frame_sources import FrameSource

log = logging.getLogger(__name__)


class CaptureState(StrEnum):
    OPENING = "opening"
    RUNNING = "running"
    RECONNECTING = "reconnecting"  # a camera is missing; retrying
    FINISHED = "finished"  # a recording reached its end
    STOPPED = "stopped"  # stop() was called
    FAILED = "failed"  # a recording cannot be read; nothing more will come


@dataclass(frozen=True)
class ReconnectPolicy:
    """Pauses between attempts to reopen a camera: quick at first, then every few seconds."""

    first_delay_s: float = 0.5
    max_delay_s: float = 5.0
    factor: float = 2.0

    def delays(self) -> Iterator[float]:
        delay = self.first_delay_s
        while True:
            yield delay
            delay = min(self.max_delay_s, delay * self.factor)


ErrorCallback = Callable[[ScanningError], None]
StateCallback = Callable[[CaptureState], None]


class CaptureWorker:
    """Moves frames from a source into a FrameSlot on its own thread until stopped or ended."""

    def __init__(
        self,
        source: FrameSource,
        slot: FrameSlot,
        *,
        on_error: ErrorCallback,
        on_state: StateCallback,
        reconnect: ReconnectPolicy | None = None,
    ) -> None:
        self.source = source
        self._slot = slot
        self._on_error = on_error
        self._on_state = on_state
        self._reconnect_policy = reconnect or ReconnectPolicy()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="doorline-capture", daemon=True)
        self.frames_captured = 0
        self.reconnects = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._slot.close()

    def join(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        final = CaptureState.STOPPED
        try:
            self._state(CaptureState.OPENING)
            if not self._open_first():
                final = CaptureState.STOPPED if self._stop.is_set() else CaptureState.FAILED
                return
            self._state(CaptureState.RUNNING)
            final = self._pump()
        finally:
            self.source.close()
            self._slot.close()
            self._state(final)

    def _pump(self) -> CaptureState:
        """Read until the end, a stop, or a failure; returns how capture ended."""
        while not self._stop.is_set():
            try:
                frame = self.source.read()
            except CameraDisconnected as error:
                if not self._survive_outage(error):
                    return CaptureState.STOPPED
                continue
            except Exception as error:  # a driver's failure must not kill the app
                log.exception("reading %s failed", self.source.description)
                if self.source.live and self._survive_outage(_as_disconnect(error)):
                    continue
                self._report(ScanningError(f"Reading {self.source.description} failed."))
                return CaptureState.STOPPED if self._stop.is_set() else CaptureState.FAILED
            if frame is None:
                return CaptureState.FINISHED
            self.frames_captured += 1
            if not self._slot.put(frame):
                return CaptureState.STOPPED
        return CaptureState.STOPPED

    def _open_first(self) -> bool:
        try:
            self.source.open()
            return True
        except SourceUnavailable as error:
            if not self.source.live:
                self._report(error)
                return False
            return self._survive_outage(error)

    def _survive_outage(self, error: ScanningError) -> bool:
        """Tell the steward once, then reopen with growing pauses; False if stopped meanwhile."""
        self._report(error)
        self._state(CaptureState.RECONNECTING)
        self.source.close()
        for attempt, delay in enumerate(self._reconnect_policy.delays(), start=1):
            if self._stop.wait(delay):
                return False
            try:
                self.source.open()
            except SourceUnavailable as again:
                log.info("reopening %s, attempt %d: %s", self.source.description, attempt, again)
                continue
            log.warning("%s is back after %d attempts", self.source.description, attempt)
            self.reconnects += 1
            self._state(CaptureState.RUNNING)
            return True
        return False  # unreachable: delays() never ends

    def _state(self, state: CaptureState) -> None:
        try:
            self._on_state(state)
        except Exception:  # the caller's handler must not stop capture
            log.exception("the capture state handler failed")

    def _report(self, error: ScanningError) -> None:
        try:
            self._on_error(error)
        except Exception:  # the caller's handler must not stop capture
            log.exception("the scanning error handler failed")


def _as_disconnect(error: Exception) -> CameraDisconnected:
    disconnected = CameraDisconnected(
        "The camera stopped sending pictures. Check its USB cable; scanning resumes by itself "
        "when the camera is back."
    )
    disconnected.__cause__ = error
    return disconnected
