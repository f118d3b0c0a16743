"""A QR matrix as PDF page operators: every dark module in one filled path.

Written in module units under one transformation matrix, so each rectangle is four small
integers: the page stream stays short and the render fast (reportlab's generic path API formats
every float in Python, and its QR widget draws module by module). Used by badges and tickets.
"""

from __future__ import annotations

from printing.qr_matrix import QrMatrix


def qr_operators(matrix: QrMatrix, module: float, left: float, bottom: float) -> str:
    """PDF content-stream operators (ISO 32000-1 §8.5: `re` rectangles, one `f` fill) drawing
    `matrix` in black with `module` points per module, its lower-left corner at (left, bottom)
    in points; the graphics state is saved and restored around it."""
    side = matrix.side
    rects = " ".join(f"{col} {side - row - 1} {length} 1 re" for row, col, length in matrix.runs)
    return f"q 0 0 0 rg {module:.5f} 0 0 {module:.5f} {left:.4f} {bottom:.4f} cm {rects} f Q"
