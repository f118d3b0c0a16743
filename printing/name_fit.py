"""Fitting a name into its box: shrink, then wrap, then elide the middle name; never overflow.

Pure arithmetic over a width function, so the same rule serves the PDF (points), the raster
renderer (pixels) and ESC/POS character cells. Widths must scale linearly with the size, which
holds for outline fonts; `measure(text)` returns the width of `text` at size 1.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

ELLIPSIS = "…"
LINE_HEIGHT = 1.18  # line pitch as a multiple of the font size


@dataclass(frozen=True)
class FitLimits:
    """The box and the size rule for one field."""

    width: float
    height: float
    max_size: float
    min_size: float
    wrap_below: float = 0.0
    max_lines: int = 1


@dataclass(frozen=True)
class FittedText:
    """The lines to draw and their common size; `truncated` when even `min_size` was too big."""

    lines: tuple[str, ...]
    size: float
    truncated: bool = False


def _is_wide(char: str) -> bool:
    """CJK ideographs, kana and Hangul may be broken between any two characters."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def break_points(text: str) -> list[int]:
    """Indexes where a line may break: at spaces, after hyphens, between wide (CJK) chars."""
    points = [i for i, c in enumerate(text) if c == " " and 0 < i < len(text) - 1]
    points += [i for i in range(1, len(text) - 1) if text[i - 1] in "-‐"]
    points += [i for i in range(1, len(text)) if _is_wide(text[i - 1]) and _is_wide(text[i])]
    return sorted(set(points))


def _line_splits(text: str, lines: int) -> list[tuple[str, ...]]:
    """Every way to break `text` into exactly `lines` lines at its break points."""
    points = break_points(text)
    found = []
    for chosen in combinations(points, lines - 1):
        parts, start = [], 0
        for at in chosen:
            parts.append(text[start:at].strip())
            start = at
        parts.append(text[start:].strip())
        if all(parts):
            found.append(tuple(parts))
    return found


def _forced_splits(text: str) -> list[tuple[str, str]]:
    """Last resort for one very long word: break it anywhere, marking the break with a hyphen."""
    return [(text[:i] + "-", text[i:]) for i in range(2, len(text) - 1)]


def _size_for(lines: tuple[str, ...], limits: FitLimits, measure: Callable[[str], float]) -> float:
    widest = max(measure(line) for line in lines) or 1e-9
    by_height = limits.height / (LINE_HEIGHT * len(lines))
    return min(limits.max_size, limits.width / widest, by_height)


def _truncate(line: str, size: float, width: float, measure: Callable[[str], float]) -> str:
    """Cut the end off `line` (adding …) until it fits `width` at `size`."""
    while line and measure(line + ELLIPSIS) * size > width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS


def _settle(
    lines: tuple[str, ...], limits: FitLimits, measure: Callable[[str], float]
) -> FittedText:
    size = _size_for(lines, limits, measure)
    if size >= limits.min_size:
        return FittedText(lines, size)
    size = limits.min_size
    cut = tuple(
        _truncate(line, size, limits.width, measure)
        if measure(line) * size > limits.width
        else line
        for line in lines
    )
    return FittedText(cut, size, truncated=True)


def fit_text(text: str, limits: FitLimits, measure: Callable[[str], float]) -> FittedText:
    """Largest size that fits: one line down to `wrap_below`, else the best split into up to
    `max_lines` lines (fewer lines win a tie); one very long word is broken with a hyphen;
    only below `min_size` is the end cut with "…" (`truncated`)."""
    text = " ".join(text.split())
    if not text:
        return FittedText((), limits.max_size)
    one_line = (text,)
    single = _size_for(one_line, limits, measure)
    if limits.max_lines < 2 or single >= max(limits.wrap_below, limits.min_size):
        return _settle(one_line, limits, measure)
    best: tuple[str, ...] = one_line
    best_size = single
    for count in range(2, limits.max_lines + 1):
        for lines in _line_splits(text, count):
            size = _size_for(lines, limits, measure)
            if size > best_size * 1.0001:
                best, best_size = lines, size
        if best_size >= limits.wrap_below:
            break  # this many lines already keep the name at a comfortable size
    if best_size < limits.min_size:
        for lines in _forced_splits(text):
            size = _size_for(lines, limits, measure)
            if size > best_size:
                best, best_size = lines, size
    return _settle(best, limits, measure)


def fit_name(
    variants: tuple[str, ...], limits: FitLimits, measure: Callable[[str], float]
) -> FittedText:
    """The first of a name's `variants` (the whole name, then with its middle names elided:
    see `BadgeData.name_variants`) that fits without cutting; the last one cut otherwise."""
    fitted = FittedText((), limits.max_size)
    for variant in variants:
        fitted = fit_text(variant, limits, measure)
        if not fitted.truncated:
            return fitted
    return fitted


def fit_cells(
    text: str, *, columns: int, rows: int, max_mag: int, wrap_below: float, max_lines: int
) -> FittedText:
    """The same rule for printer text, whose sizes are whole multiples of one character cell.

    A line of n chars at magnification m takes n × m of the `columns` and m of the `rows`.
    Comparing whole magnifications (instead of flooring a continuous size) is what lets a name
    that fits 2× on one line win 3× on two lines.
    """
    text = " ".join(text.split())
    if not text:
        return FittedText((), 1)

    def best_mag(lines: tuple[str, ...]) -> int:
        widest = max(len(line) for line in lines)
        by_width = columns // widest if widest else max_mag
        return min(max_mag, by_width, rows // len(lines))

    single = best_mag((text,))
    best: tuple[str, ...] = (text,)
    best_size = single
    if max_lines >= 2 and single < max(wrap_below, 1):
        splits: list[tuple[str, ...]] = [
            lines for count in range(2, max_lines + 1) for lines in _line_splits(text, count)
        ]
        if single < 1:
            splits += _forced_splits(text)
        for lines in splits:
            mag = best_mag(lines)
            if mag > best_size:
                best, best_size = lines, mag
    if best_size >= 1:
        return FittedText(best, best_size)
    cut = tuple(line if len(line) <= columns else line[: columns - 3] + "..." for line in best)
    return FittedText(cut, 1, truncated=True)
