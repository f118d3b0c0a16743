"""Why scanning stopped or cannot start, in words a door steward can act on.

Each exception's message is shown on screen as it is; technical detail (OpenCV backend, errno,
library paths) goes to `logging`, never into the message.
"""

from __future__ import annotations


class ScanningError(Exception):
    """Base for every scanning problem; `str(error)` is the sentence shown to the steward."""


class SourceUnavailable(ScanningError):
    """The picture source (camera, video file, image folder) cannot be opened."""


class CameraUnavailable(SourceUnavailable):
    """No camera answers at the configured position (`index`)."""

    def __init__(self, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.index = index


class CameraDisconnected(ScanningError):
    """A camera that was working stopped sending pictures (cable pulled, USB reset)."""


class DecoderUnavailable(ScanningError):
    """The configured code reader is unknown or not installed on this laptop."""


class UnsupportedFormat(ScanningError):
    """The chosen code reader cannot read a code format that settings enable."""
