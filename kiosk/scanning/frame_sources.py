"""Where pictures come from: a webcam, or a video file or image folder standing in for one.

Every source has the same small interface, so the demo, the tests and a rehearsal run the very
pipeline a door runs. Sources are used from one worker thread; none of them is thread-safe.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from kiosk.scanning.errors import CameraDisconnected, CameraUnavailable, SourceUnavailable

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})
DEFAULT_FILE_FPS = 25.0  # when a video does not say its frame rate


@dataclass(frozen=True)
class Frame:
    """One picture and when it was taken.

    `image` is BGR (H×W×3) or grayscale (H×W) uint8, exactly as the source delivered it.
    `captured_at` is `time.monotonic()` when it was read: the start of frame → verdict latency.
    `position_s` is the picture's time within its recording (seconds since the source started).
    """

    image: np.ndarray
    index: int
    captured_at: float
    position_s: float


class FrameSource(Protocol):
    """A camera or a recording. `live` sources lose frames when nobody takes them in time."""

    description: str
    live: bool

    @property
    def frame_rate(self) -> float | None: ...

    def open(self) -> None:
        """Start delivering pictures; raises SourceUnavailable (CameraUnavailable for cameras)."""

    def read(self) -> Frame | None:
        """The next picture, or None at the end of a recording. Cameras raise CameraDisconnected."""

    def close(self) -> None:
        """Release the device or file; safe to call twice."""


class VideoCaptureLike(Protocol):
    """The part of `cv2.VideoCapture` a camera source uses (a test injects a fake camera)."""

    def isOpened(self) -> bool: ...  # OpenCV's spelling

    def read(self) -> tuple[bool, np.ndarray | None]: ...

    def set(self, prop_id: int, value: float) -> bool: ...

    def get(self, prop_id: int) -> float: ...

    def release(self) -> None: ...


# --------------------------------------------------------------------------------------------
# Camera


@dataclass(frozen=True)
class CameraSettings:
    """The camera part of the station's settings.

    `fourcc="MJPG"` asks the webcam for compressed frames: over USB 2 most webcams deliver
    1280×720 at 30 fps only that way (uncompressed YUYV manages ~10 fps).
    """

    index: int = 0
    width: int = 1280
    height: int = 720
    fps: float | None = None
    fourcc: str | None = "MJPG"
    failed_reads_before_disconnect: int = 5


def _quiet_opencv() -> None:
    """OpenCV prints its own warnings ("can't open camera by index") to the terminal on
    every attempt; ours go to the log instead, once per outage."""
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)


def _open_cv_capture(index: int) -> VideoCaptureLike:
    _quiet_opencv()
    return cv2.VideoCapture(index)


class CameraSource:
    """A webcam through OpenCV, configured from settings."""

    live = True

    def __init__(
        self,
        settings: CameraSettings | None = None,
        open_capture: Callable[[int], VideoCaptureLike] = _open_cv_capture,
    ) -> None:
        self.settings = settings or CameraSettings()
        self.description = f"camera {self.settings.index}"
        self._open_capture = open_capture
        self._capture: VideoCaptureLike | None = None
        self._index = 0
        self._started_at = 0.0
        self._missing = False  # the camera was not there at the last attempt

    @property
    def frame_rate(self) -> float | None:
        if self._capture is None:
            return self.settings.fps
        return self._capture.get(cv2.CAP_PROP_FPS) or self.settings.fps

    def open(self) -> None:
        self.close()
        s = self.settings
        capture = self._open_capture(s.index)
        if not capture.isOpened():
            capture.release()
            # Once per outage: reconnect attempts call open() again every few seconds.
            (log.debug if self._missing else log.warning)(
                "cv2.VideoCapture(%d) did not open", s.index
            )
            self._missing = True
            raise CameraUnavailable(
                f"No camera found (camera {s.index}). Check that the webcam is plugged in, "
                "or choose another camera in Settings.",
                s.index,
            )
        if s.fourcc:
            capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*s.fourcc))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, s.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, s.height)
        if s.fps:
            capture.set(cv2.CAP_PROP_FPS, s.fps)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # keep the driver from queueing stale frames
        got = (capture.get(cv2.CAP_PROP_FRAME_WIDTH), capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        if got != (s.width, s.height):
            log.info("camera %d gives %gx%g, not %dx%d", s.index, *got, s.width, s.height)
        self._capture = capture
        self._missing = False
        if not self._started_at:  # positions keep counting across a reconnect
            self._started_at = time.monotonic()

    def read(self) -> Frame | None:
        if self._capture is None:
            raise CameraDisconnected(f"The camera (camera {self.settings.index}) is not open.")
        for attempt in range(1, self.settings.failed_reads_before_disconnect + 1):
            ok, image = self._capture.read()
            if ok and image is not None:
                now = time.monotonic()
                frame = Frame(image, self._index, now, now - self._started_at)
                self._index += 1
                return frame
            log.debug("camera %d: read %d failed", self.settings.index, attempt)
        log.warning("camera %d stopped delivering frames", self.settings.index)
        raise CameraDisconnected(
            f"The camera stopped sending pictures (camera {self.settings.index}). Check its USB "
            "cable; scanning resumes by itself when the camera is back."
        )

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def probe_camera(
    settings: CameraSettings | None = None,
    open_capture: Callable[[int], VideoCaptureLike] = _open_cv_capture,
) -> tuple[int, int]:
    """Check a camera answers and delivers a picture (the "ready for doors" check).

    Returns the picture's (width, height); raises CameraUnavailable or CameraDisconnected.
    """
    source = CameraSource(settings, open_capture)
    source.open()
    try:
        frame = source.read()
    finally:
        source.close()
    if frame is None:  # a camera never ends; a fake or odd driver might
        raise CameraDisconnected(f"The camera (camera {source.settings.index}) sent no picture.")
    height, width = frame.image.shape[:2]
    return width, height


# --------------------------------------------------------------------------------------------
# Recordings


class VideoFileSource:
    """A video file (MJPG .avi, mp4v .mp4, anything OpenCV's FFmpeg reads)."""

    live = False

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.description = f"video {self.path.name}"
        self._capture: cv2.VideoCapture | None = None
        self._fps = DEFAULT_FILE_FPS
        self._index = 0

    @property
    def frame_rate(self) -> float | None:
        return self._fps

    def open(self) -> None:
        self.close()
        if not self.path.is_file():
            raise SourceUnavailable(f"Video file not found: {self.path}")
        capture = cv2.VideoCapture(str(self.path))
        if not capture.isOpened():
            capture.release()
            raise SourceUnavailable(
                f"Cannot play {self.path.name}: not a video this laptop can read."
            )
        fps = capture.get(cv2.CAP_PROP_FPS)
        self._fps = fps if fps and 0 < fps < 1000 else DEFAULT_FILE_FPS
        self._capture = capture
        self._index = 0

    def read(self) -> Frame | None:
        if self._capture is None:
            return None
        ok, image = self._capture.read()
        if not ok or image is None:
            return None
        frame = Frame(image, self._index, time.monotonic(), self._index / self._fps)
        self._index += 1
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class ImageFolderSource:
    """A folder of pictures, played in file-name order at `frame_rate` pictures a second."""

    live = False

    def __init__(self, folder: Path, frame_rate: float = 10.0) -> None:
        self.folder = Path(folder)
        self.description = f"pictures in {self.folder.name}"
        self._fps = frame_rate
        self._files: Sequence[Path] = ()
        self._next = 0
        self._index = 0

    @property
    def frame_rate(self) -> float | None:
        return self._fps

    def open(self) -> None:
        if not self.folder.is_dir():
            raise SourceUnavailable(f"Picture folder not found: {self.folder}")
        self._files = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._files:
            raise SourceUnavailable(f"No pictures (.png, .jpg, …) in {self.folder}")
        self._next = 0
        self._index = 0

    def read(self) -> Frame | None:
        while self._next < len(self._files):
            path = self._files[self._next]
            self._next += 1
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is None:
                log.warning("skipping unreadable picture %s", path)
                continue
            frame = Frame(image, self._index, time.monotonic(), self._index / self._fps)
            self._index += 1
            return frame
        return None

    def close(self) -> None:
        self._files = ()


class RealtimeSource:
    """Plays a recording at its own frame rate, so it behaves like a camera (rehearsals).

    Being `live`, the pipeline then drops frames it cannot decode in time, as with a camera.
    """

    live = True

    def __init__(
        self,
        inner: FrameSource,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._inner = inner
        self.description = f"{inner.description} (real time)"
        self._clock = clock
        self._sleep = sleep
        self._started_at = 0.0

    @property
    def frame_rate(self) -> float | None:
        return self._inner.frame_rate

    def open(self) -> None:
        self._inner.open()
        self._started_at = self._clock()

    def read(self) -> Frame | None:
        frame = self._inner.read()
        if frame is None:
            return None
        delay = self._started_at + frame.position_s - self._clock()
        if delay > 0:
            self._sleep(delay)
        return replace(frame, captured_at=self._clock())

    def close(self) -> None:
        self._inner.close()


def source_for(
    spec: str | Path, *, camera: CameraSettings | None = None, realtime: bool = False
) -> FrameSource:
    """The source a setting or command line names: a camera index, a video file, a folder.

    "0", "1", … is a camera (with `camera` settings for its resolution); an existing folder is
    an image folder; anything else a video file (checked when opened).
    """
    text = str(spec)
    if text.isdigit():
        base = camera or CameraSettings()
        return CameraSource(replace(base, index=int(text)))
    path = Path(text)
    source: FrameSource = ImageFolderSource(path) if path.is_dir() else VideoFileSource(path)
    return RealtimeSource(source) if realtime else source
