"""What every code reader promises, and the one place that picks a reader by name.

The pipeline only knows this interface, so settings can switch reader without touching the
camera, de-duplication or station code. Readers take grayscale pixels because both libraries
binarise luminance anyway: converting once in the pipeline beats each reader converting again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import numpy as np

from kiosk.scanning.errors import DecoderUnavailable

log = logging.getLogger(__name__)

Polygon = tuple[tuple[int, int], ...]


class CodeFormat(StrEnum):
    """Code symbologies a reader can be asked for. Tickets are QR; the rest are opt-in."""

    QR = "qr"
    MICRO_QR = "micro_qr"
    DATA_MATRIX = "data_matrix"
    AZTEC = "aztec"
    PDF417 = "pdf417"
    CODE_128 = "code_128"
    CODE_39 = "code_39"
    EAN_13 = "ean_13"


QR_ONLY: frozenset[CodeFormat] = frozenset({CodeFormat.QR})


@dataclass(frozen=True)
class DecodedCode:
    """One code found in one frame: its text and where it sits (for the preview outline)."""

    text: str
    polygon: Polygon
    format: CodeFormat = CodeFormat.QR


class Decoder(Protocol):
    """Finds codes in a grayscale frame.

    `gray` is a 2-D uint8 array (height × width). Readers must not modify it and should not copy
    it: the frame is shared with the preview.
    """

    name: str

    def decode(self, gray: np.ndarray) -> list[DecodedCode]: ...


class InversionSchedule:
    """When a reader also looks for light-on-dark codes (dark-mode phones, inverted prints).

    Looking costs ~15–25 % more per frame with zxing-cpp (its `try_invert` redoes detection on
    the inverted binary image), so an idle camera looks on one frame in `every` (4) only; once any
    code has been seen, every frame looks for the next `after_code_frames` frames (the person
    is still presenting). A code shown for half a second (8 frames at 15 fps) is therefore
    looked at inverted at least twice. `every=1` always looks, `every=0` never does.
    Measured in docs/benchmarks.md; one schedule per reader (it keeps a frame count).
    """

    def __init__(self, every: int = 4, after_code_frames: int = 30) -> None:
        if every < 0 or after_code_frames < 0:
            raise ValueError("inversion schedule counts must be ≥ 0")
        self.every = every
        self.after_code_frames = after_code_frames
        self._frame = 0
        self._busy_left = 0

    def this_frame(self) -> bool:
        """Whether the frame about to be decoded should also be read inverted."""
        self._frame += 1
        if self.every == 0:
            return False
        return self._busy_left > 0 or self._frame % self.every == 0

    def saw_codes(self, found: bool) -> None:
        """Report whether the frame just decoded held any code."""
        self._busy_left = self.after_code_frames if found else max(0, self._busy_left - 1)


DECODER_NAMES = ("zxing", "pyzbar")
DEFAULT_DECODER = "zxing"
_ALIASES = {"zxing-cpp": "zxing", "zxingcpp": "zxing", "zbar": "pyzbar"}


def make_decoder(name: str = DEFAULT_DECODER, formats: Iterable[CodeFormat] = QR_ONLY) -> Decoder:
    """Build the reader a setting names ("zxing" or "pyzbar").

    Backends are imported here, not at module import, so a laptop without libzbar can still
    scan with zxing-cpp.
    """
    key = _ALIASES.get(name.strip().lower(), name.strip().lower())
    wanted = frozenset(formats)
    if key == "zxing":
        from kiosk.scanning.zxing_decoder import ZxingDecoder

        return ZxingDecoder(wanted)
    if key == "pyzbar":
        from kiosk.scanning.pyzbar_decoder import PyzbarDecoder

        return PyzbarDecoder(wanted)
    raise DecoderUnavailable(
        f"Unknown code reader “{name}” in settings; choose one of: {', '.join(DECODER_NAMES)}."
    )


def as_gray_u8(image: np.ndarray) -> np.ndarray:
    """Check that a frame is what readers expect, without copying a valid one."""
    if image.ndim != 2 or image.dtype != np.uint8:
        raise ValueError(f"expected a 2-D uint8 grayscale frame, got {image.dtype} {image.shape}")
    return image
