"""The ticket code's QR symbol as a matrix of modules, computed once and drawn many ways.

segno builds the symbol; the PDF renderer turns the dark runs of each row into one vector path
(one fill operation instead of thousands of widgets), and the thermal renderer scales the same
matrix into a raster image when the printer has no native QR command.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import segno
from numpy.typing import NDArray
from PIL import Image

from printing.qr_mask import best_masked_matrix


@dataclass(frozen=True)
class QrMatrix:
    """A QR symbol: `side` modules square, dark modules as horizontal runs (row, col, length)."""

    side: int
    version: int
    runs: tuple[tuple[int, int, int], ...]
    rows: tuple[bytes, ...]


def _row_runs(matrix: NDArray[np.uint8]) -> tuple[tuple[int, int, int], ...]:
    """Dark modules as horizontal runs (row, first column, length), row by row."""
    padded = np.zeros((matrix.shape[0], matrix.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = matrix
    steps = np.diff(padded, axis=1)
    starts = np.argwhere(steps == 1)
    ends = np.argwhere(steps == -1)[:, 1]
    return tuple(
        (int(row), int(col), int(end - col)) for (row, col), end in zip(starts, ends, strict=True)
    )


@lru_cache(maxsize=512)
def qr_matrix(code: str, error: str = "M") -> QrMatrix:
    """The QR symbol of `code` at error level `error` (L, M, Q or H), without a quiet zone.

    The mask is chosen by the standard's penalty rules (`qr_mask`), three times faster than
    segno's own selection, which matters inside a 10 ms badge.
    """
    matrix, _mask = best_masked_matrix(code, error)
    rows = tuple(row.tobytes() for row in matrix)
    return QrMatrix(
        side=len(rows), version=(len(rows) - 17) // 4, runs=_row_runs(matrix), rows=rows
    )


@lru_cache(maxsize=512)
def qr_side(code: str, error: str = "M") -> int:
    """Modules per side of the symbol for `code`, without choosing a mask (~5× cheaper).

    Enough to size a printer's native QR, whose printer encodes (and masks) the symbol itself.
    """
    return int(segno.make(code, error=error.lower(), micro=False, mask=0).symbol_size(border=0)[0])


def qr_image(matrix: QrMatrix, module_px: int, border_modules: int) -> Image.Image:
    """A 1-bit ink image of the symbol (1 = dark module), `module_px` pixels per module,
    with a quiet zone of `border_modules`."""
    side = matrix.side + 2 * border_modules
    pad = bytes(border_modules)
    blank = bytes(side)
    rows = [blank] * border_modules
    rows += [pad + row + pad for row in matrix.rows]
    rows += [blank] * border_modules
    data = bytes(255 if dark else 0 for row in rows for dark in row)
    small = Image.frombytes("L", (side, side), data)
    return small.resize((side * module_px, side * module_px), Image.Resampling.NEAREST).convert("1")
