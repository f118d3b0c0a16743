"""The hand-over point between the capture thread and the decode thread.

A door camera produces 30 frames a second whether or not the decoder keeps up. Queueing them
would make every verdict later than the one before; so a live source's slot holds one frame and
a new frame replaces an untaken one (counted as dropped): the decoder always gets the newest.
A recording played as fast as possible instead waits for each frame to be taken, so a test or a
rehearsal sees every frame.
"""

from __future__ import annotations

import threading
from enum import StrEnum

from kiosk.scanning.frame_sources import Frame


class Delivery(StrEnum):
    NEWEST = "newest"  # replace an untaken frame: cameras and real-time playback
    EVERY = "every"  # wait until the frame is taken: recordings as fast as possible


class FrameSlot:
    """A one-frame mailbox; `close` wakes both sides for shutdown or end of recording."""

    def __init__(self, delivery: Delivery = Delivery.NEWEST) -> None:
        self.delivery = delivery
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._latest: Frame | None = None
        self._closed = False
        self._dropped = 0

    @property
    def dropped(self) -> int:
        """Frames replaced before the decoder took them."""
        return self._dropped

    @property
    def latest(self) -> Frame | None:
        """The newest frame put, taken or not: what the preview shows."""
        return self._latest

    def put(self, frame: Frame) -> bool:
        """Offer a frame; False once the slot is closed (the capture thread should stop)."""
        with self._cond:
            if self.delivery is Delivery.EVERY:
                self._cond.wait_for(lambda: self._frame is None or self._closed)
            if self._closed:
                return False
            if self._frame is not None:
                self._dropped += 1
            self._frame = frame
            self._latest = frame
            self._cond.notify_all()
            return True

    def take(self, timeout: float | None = None) -> Frame | None:
        """The waiting frame; None after `timeout` or once closed and empty."""
        with self._cond:
            self._cond.wait_for(lambda: self._frame is not None or self._closed, timeout)
            frame, self._frame = self._frame, None
            self._cond.notify_all()
            return frame

    def close(self) -> None:
        """No more frames: a waiting `take` returns the last one, then None."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed
