"""The zxing-cpp reader: the default, because it reads more perturbed frames, ~10× faster.

See docs/scanning.md for the measurements behind that choice and behind the options below.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import zxingcpp

from kiosk.scanning.decoder import (
    QR_ONLY,
    CodeFormat,
    DecodedCode,
    InversionSchedule,
    Polygon,
    as_gray_u8,
)

log = logging.getLogger(__name__)

_FORMATS: dict[CodeFormat, zxingcpp.BarcodeFormat] = {
    CodeFormat.QR: zxingcpp.BarcodeFormat.QRCode,
    CodeFormat.MICRO_QR: zxingcpp.BarcodeFormat.MicroQRCode,
    CodeFormat.DATA_MATRIX: zxingcpp.BarcodeFormat.DataMatrix,
    CodeFormat.AZTEC: zxingcpp.BarcodeFormat.Aztec,
    CodeFormat.PDF417: zxingcpp.BarcodeFormat.PDF417,
    CodeFormat.CODE_128: zxingcpp.BarcodeFormat.Code128,
    CodeFormat.CODE_39: zxingcpp.BarcodeFormat.Code39,
    CodeFormat.EAN_13: zxingcpp.BarcodeFormat.EAN13,
}
_FOUND_IN_ANY_ORIENTATION = frozenset(
    {CodeFormat.QR, CodeFormat.MICRO_QR, CodeFormat.DATA_MATRIX, CodeFormat.AZTEC}
)  # matrix codes: rotating the image only helps linear and stacked (PDF417) ones
_BACK: dict[zxingcpp.BarcodeFormat, CodeFormat] = {v: k for k, v in _FORMATS.items()}


class ZxingDecoder:
    """zxing-cpp restricted to the enabled formats.

    Light-on-dark codes (a phone in dark mode, an inverted print) are looked for on the frames
    `inversion` picks (zxing-cpp's `try_invert`): one idle frame in four, and every frame
    while codes are being shown. `try_downscale` stays on: it is what reads a blurred code held
    close to the lens.
    """

    name = "zxing"

    def __init__(
        self,
        formats: Iterable[CodeFormat] = QR_ONLY,
        *,
        inversion: InversionSchedule | None = None,
        try_downscale: bool = True,
    ) -> None:
        wanted = frozenset(formats) or QR_ONLY
        self.formats = wanted
        # Kept as a tuple; the BarcodeFormats object is made per call (0.2 µs): one held by a
        # decoder still alive at interpreter exit (a daemon scanning thread) makes nanobind
        # report a leaked instance.
        self._formats = tuple(_FORMATS[f] for f in sorted(wanted))
        self._try_rotate = bool(wanted - _FOUND_IN_ANY_ORIENTATION)
        self.inversion = inversion if inversion is not None else InversionSchedule()
        self._try_downscale = try_downscale

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        invert = self.inversion.this_frame()
        found = zxingcpp.read_barcodes(
            as_gray_u8(gray),
            formats=zxingcpp.BarcodeFormats(self._formats),
            try_rotate=self._try_rotate,
            try_downscale=self._try_downscale,
            try_invert=invert,
            text_mode=zxingcpp.TextMode.Plain,
        )
        codes = [_to_code(b) for b in found if b.valid]
        self.inversion.saw_codes(bool(codes))
        return codes


def _to_code(barcode: zxingcpp.Barcode) -> DecodedCode:
    p = barcode.position
    corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
    polygon: Polygon = tuple((int(c.x), int(c.y)) for c in corners)
    return DecodedCode(barcode.text, polygon, _BACK.get(barcode.format, CodeFormat.QR))
