"""The pyzbar (ZBar) reader: named in the product's design, kept as the alternative.

ZBar needs the system library `libzbar0`; without it the import fails, and that is turned into
a DecoderUnavailable a steward can act on instead of an ImportError.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import cv2
import numpy as np

from kiosk.scanning.decoder import (
    QR_ONLY,
    CodeFormat,
    DecodedCode,
    InversionSchedule,
    Polygon,
    as_gray_u8,
)
from kiosk.scanning.errors import DecoderUnavailable, UnsupportedFormat

log = logging.getLogger(__name__)

_SYMBOL_NAMES: dict[CodeFormat, str] = {
    CodeFormat.QR: "QRCODE",
    CodeFormat.PDF417: "PDF417",
    CodeFormat.CODE_128: "CODE128",
    CodeFormat.CODE_39: "CODE39",
    CodeFormat.EAN_13: "EAN13",
}


class PyzbarDecoder:
    """ZBar restricted to the enabled formats.

    pyzbar hands ZBar a `bytes` object, so a frame that is not already bytes is copied once per
    call (~0.1 ms at 1280×720, well under 1 % of ZBar's own time). Passing (bytes, w, h) avoids
    pyzbar's second check of the array's shape but not that copy.
    """

    name = "pyzbar"

    def __init__(
        self, formats: Iterable[CodeFormat] = QR_ONLY, *, inversion: InversionSchedule | None = None
    ) -> None:
        self._decode, symbol_type = _load_pyzbar()
        wanted = frozenset(formats) or QR_ONLY
        missing = sorted(f for f in wanted if f not in _SYMBOL_NAMES)
        if missing:
            raise UnsupportedFormat(
                f"The pyzbar code reader cannot read {', '.join(missing)}; "
                "switch the reader to zxing in settings."
            )
        self.formats = wanted
        self._symbols = [symbol_type[_SYMBOL_NAMES[f]] for f in sorted(wanted)]
        self._back = {symbol_type[_SYMBOL_NAMES[f]].name: f for f in wanted}
        # ZBar has no inversion of its own: on the frames the schedule picks, a frame with no
        # code is decoded once more, inverted (light-on-dark codes).
        self.inversion = inversion if inversion is not None else InversionSchedule()

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        image = as_gray_u8(gray)
        invert = self.inversion.this_frame()
        codes = self._read(image)
        if not codes and invert:
            codes = self._read(cv2.bitwise_not(image))
        self.inversion.saw_codes(bool(codes))
        return codes

    def _read(self, image: np.ndarray) -> list[DecodedCode]:
        height, width = image.shape
        found = self._decode((image.tobytes(), width, height), symbols=self._symbols)
        return [self._to_code(d) for d in found]

    def _to_code(self, decoded: Any) -> DecodedCode:
        text = decoded.data.decode("utf-8", errors="replace")
        polygon: Polygon = tuple((int(p.x), int(p.y)) for p in decoded.polygon)
        return DecodedCode(text, polygon, self._back.get(decoded.type, CodeFormat.QR))


def _load_pyzbar() -> tuple[Any, Any]:
    try:
        from pyzbar.pyzbar import ZBarSymbol, decode
    except (ImportError, OSError) as error:  # OSError: libzbar present but broken
        log.warning("pyzbar could not load libzbar: %s", error)
        raise DecoderUnavailable(
            "The pyzbar code reader is not installed on this laptop (system library libzbar0 "
            "is missing); switch the reader to zxing in settings."
        ) from error
    return decode, ZBarSymbol
