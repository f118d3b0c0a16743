"""Fitting a name into its box: shrink, then wrap onto more lines, never drop a word.

Pure arithmetic over a width function, so the same rule serves the PDF (points), the raster
renderer (pixels) and ESC/POS character cells. Widths must scale linearly with the size, which
holds for outline fonts; `measure(text)` returns the width of `text` at size 1.

A text is cut into pieces at its break opportunities (spaces, after a hyphen, a soft hyphen
U+00AD, a zero-width space, between two CJK characters). For a given number of lines the
pieces are split so the widest line is as narrow as possible (the "linear partition": a
binary search over the widths of runs of pieces, each candidate checked by greedy filling,
which is optimal for a fixed width), so wrapped lines come out balanced and the size is the
largest that fits. A soft hyphen is invisible unless a line breaks at it, where it prints as
"-" (Unicode 15, §23.2 "Hyphenation").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, pairwise

ELLIPSIS = "…"
LINE_HEIGHT = 1.18  # line pitch as a multiple of the font size
SOFT_HYPHEN = "\u00ad"
ZERO_WIDTH_SPACE = "\u200b"
HYPHENS = "-‐"  # hyphen-minus, U+2010 hyphen: a line may break after them
MAX_LINES = 8  # the most lines a field may wrap onto (templates say how many)


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
    """The lines to draw and their common size; `truncated` when even `min_size` was too big
    (the lines were then cut with "…": a name is refused instead, see `NameTooLong`)."""

    lines: tuple[str, ...]
    size: float
    truncated: bool = False


@dataclass(frozen=True)
class Piece:
    """A stretch of text between two break opportunities.

    `joiner` goes between it and the next piece on the same line (" " or ""); `mark` is
    added when a line ends after it ("-" at a soft hyphen or a forced break)."""

    text: str
    joiner: str = ""
    mark: str = ""


def _is_wide(char: str) -> bool:
    """CJK ideographs, kana and Hangul may be broken between any two characters."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def printed_form(text: str) -> str:
    """`text` as it prints on one line: whitespace collapsed, soft hyphens and zero-width
    spaces (break hints, invisible mid-line) removed."""
    text = " ".join(text.split())
    return text.replace(SOFT_HYPHEN, "").replace(ZERO_WIDTH_SPACE, "")


def pieces(text: str) -> list[Piece]:
    """`text` (whitespace collapsed) cut at its break opportunities."""
    found: list[Piece] = []
    current = ""
    for index, char in enumerate(text):
        after = text[index + 1] if index + 1 < len(text) else ""
        if char == " ":
            if current:
                found.append(Piece(current, " "))
            current = ""
        elif char in (SOFT_HYPHEN, ZERO_WIDTH_SPACE):
            if current and after and after != " ":
                found.append(Piece(current, "", "-" if char == SOFT_HYPHEN else ""))
                current = ""
        else:
            current += char
            breaks_after = (char in HYPHENS and len(current) > 1) or (
                _is_wide(char) and bool(after) and _is_wide(after)
            )
            if breaks_after and after and after not in " " + SOFT_HYPHEN + ZERO_WIDTH_SPACE:
                found.append(Piece(current))
                current = ""
    if current:
        found.append(Piece(current))
    elif found:
        found[-1] = Piece(found[-1].text)
    return found


def _at_spaces(parts: list[Piece]) -> list[Piece]:
    """The pieces with the breaks after hyphens taken out: "Lovelace-Byron" stays whole."""
    merged: list[Piece] = []
    for piece in parts:
        if merged and merged[-1].text[-1] in HYPHENS and not merged[-1].joiner:
            previous = merged.pop()
            if previous.mark:  # not a plain hyphen break: keep it
                merged.append(previous)
            else:
                piece = Piece(previous.text + piece.text, piece.joiner, piece.mark)
        merged.append(piece)
    return merged


_JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ
_VIRAMA = 9  # canonical combining class of a virama (halant): it joins two consonants


def _cluster_starts(word: str) -> list[int]:
    """Where a forced break may fall inside `word`: between user-perceived characters, never
    before a mark (Thai ิ, Devanagari ि have combining class 0 but category Mn/Mc), never
    around a joiner and never after a virama (it would split a Devanagari conjunct)."""
    return [
        i
        for i in range(1, len(word))
        if not unicodedata.category(word[i]).startswith("M")
        and word[i] not in _JOINERS
        and word[i - 1] not in _JOINERS
        and unicodedata.combining(word[i - 1]) != _VIRAMA
    ]


def _explode(piece: Piece) -> list[Piece]:
    """One very long word as one piece per character cluster, breakable with a hyphen."""
    starts = [0, *_cluster_starts(piece.text), len(piece.text)]
    chars = [piece.text[a:b] for a, b in pairwise(starts)]
    exploded = [Piece(c, "", "-") for c in chars[:-1]]
    return [*exploded, Piece(chars[-1], piece.joiner, piece.mark)]


class _Widths:
    """Prefix sums over the pieces' widths (at size 1): the width of any line is O(1)."""

    def __init__(self, parts: Sequence[Piece], measure: Callable[[str], float]) -> None:
        self.parts = parts
        joiners = {j: measure(j) for j in {p.joiner for p in parts} if j}
        marks = {m: measure(m) for m in {p.mark for p in parts} if m}
        self.text = [measure(p.text) for p in parts]
        self.joiner = [joiners.get(p.joiner, 0.0) for p in parts]
        self.mark = [marks.get(p.mark, 0.0) for p in parts]
        self.run = [0.0, *accumulate(t + j for t, j in zip(self.text, self.joiner, strict=True))]

    def line(self, start: int, end: int) -> float:
        """Width of pieces[start:end] as one line (the last piece's joiner dropped, its mark
        added)."""
        last = end - 1
        return self.run[end] - self.run[start] - self.joiner[last] + self.mark[last]

    def greedy(self, limit: float) -> list[int] | None:
        """Line ends filling each line as far as `limit` allows (fewest lines for that
        width); None when one piece alone is wider."""
        run, joiner, mark = self.run, self.joiner, self.mark
        ends: list[int] = []
        start, count = 0, len(self.parts)
        while start < count:
            end = start + 1
            if run[end] - run[start] - joiner[start] + mark[start] > limit:
                return None
            while end < count and run[end + 1] - run[start] - joiner[end] + mark[end] <= limit:
                end += 1
            ends.append(end)
            start = end
        return ends

    def greedy_from_end(self, limit: float) -> list[int] | None:
        """Like `greedy`, filling the last line first: with room to spare the first lines
        take the fewest words ("Layla" / "حداد Smith", "Jean-Baptiste" / "de la Fuente"),
        so a wrapped name tends to break between its given and family names."""
        run, joiner, mark = self.run, self.joiner, self.mark
        starts: list[int] = []
        end = len(self.parts)
        while end > 0:
            start = end - 1
            if run[end] - run[start] - joiner[end - 1] + mark[end - 1] > limit:
                return None
            while (
                start > 0 and run[end] - run[start - 1] - joiner[end - 1] + mark[end - 1] <= limit
            ):
                start -= 1
            starts.append(start)
            end = start
        return sorted([*starts[:-1], len(self.parts)]) if starts else []

    def widest(self, ends: list[int]) -> float:
        return max(self.line(a, b) for a, b in zip([0, *ends], ends, strict=False))

    def lines(self, ends: list[int]) -> tuple[str, ...]:
        out, start = [], 0
        for end in ends:
            chunk = self.parts[start:end]
            text = "".join(p.text + p.joiner for p in chunk[:-1]) + chunk[-1].text
            out.append(text + chunk[-1].mark)
            start = end
        return tuple(out)

    def narrowest(self, lines: int) -> list[int] | None:
        """The split into at most `lines` lines whose widest line is narrowest (to 0.1 %:
        bisection over the width, each width checked by greedy filling)."""
        low = max(self.line(i, i + 1) for i in range(len(self.parts)))
        high = self.line(0, len(self.parts))
        best = self.greedy(high)
        if best is None or len(best) > lines:
            return None
        while high - low > high * 0.001:
            middle = (low + high) / 2
            ends = self.greedy(middle)
            if ends is not None and len(ends) <= lines:
                best, high = ends, middle
            else:
                low = middle
        return best


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
    if size >= limits.min_size * 0.9999:  # at the minimum itself, give or take rounding
        return FittedText(lines, size)
    size = limits.min_size
    cut = tuple(
        _truncate(line, size, limits.width, measure)
        if measure(line) * size > limits.width
        else line
        for line in lines
    )
    return FittedText(cut, size, truncated=True)


def _best_split(
    parts: list[Piece], limits: FitLimits, measure: Callable[[str], float]
) -> tuple[tuple[str, ...], float] | None:
    """The split into 2…`max_lines` lines with the largest size, fewer lines winning a tie;
    but when the text fits at `wrap_below` in few enough lines, the fewest lines that do
    (a comfortable size on fewer lines beats a larger one on more). Sizes here add up the
    pieces' widths (one measurement per piece, not per candidate line); `_settle` measures
    the chosen lines themselves."""
    widths = _Widths(parts, measure)

    def lines_at(size: float) -> list[int] | None:
        allowed = min(limits.max_lines, int(limits.height / (LINE_HEIGHT * size) + 1e-9))
        ends = widths.greedy(limits.width / size)
        return ends if ends is not None and 1 <= len(ends) <= allowed else None

    ends = lines_at(limits.wrap_below) if limits.wrap_below > 0 else None
    if ends is None or len(ends) < 2:
        low, high = 0.0, limits.max_size  # the largest size that fits: bisection
        ends = lines_at(high)
        while ends is None and high - low > limits.max_size * 1e-4:
            middle = (low + high) / 2
            if lines_at(middle) is not None:
                low = middle
            else:
                high = middle
        ends = ends or (lines_at(low) if low > 0 else None)
    if ends is None or len(ends) < 2:
        return None
    ends = widths.narrowest(len(ends)) or ends
    size = min(limits.max_size, limits.width / (widths.widest(ends) or 1e-9))
    size = min(size, limits.height / (LINE_HEIGHT * len(ends)))
    # The size may be capped by the height or the maximum, leaving room across: use it
    # for the break that puts the fewest words first.
    from_end = widths.greedy_from_end(limits.width / size)
    if from_end is not None and len(from_end) == len(ends):
        ends = from_end
    return widths.lines(ends), size


def fit_text(text: str, limits: FitLimits, measure: Callable[[str], float]) -> FittedText:
    """Largest size that fits: one line down to `wrap_below`, else the best split into up to
    `max_lines` lines (fewer lines win a tie); a word too long for any line is broken with a
    hyphen; only below `min_size` is the end cut with "…" (`truncated`)."""
    text = " ".join(text.split())
    one_line = (printed_form(text),)
    if not one_line[0]:
        return FittedText((), limits.max_size)
    single = _size_for(one_line, limits, measure)
    if limits.max_lines < 2 or single >= max(limits.wrap_below, limits.min_size):
        return _settle(one_line, limits, measure)
    best: tuple[tuple[str, ...], float] = (one_line, single)
    parts = pieces(text)
    spaced = _at_spaces(parts)
    split = _best_split(parts, limits, measure)
    if spaced != parts:  # a break after a hyphen only where it helps by more than 5 %
        at_spaces = _best_split(spaced, limits, measure)
        if at_spaces and (split is None or at_spaces[1] * 1.05 >= split[1]):
            split = at_spaces
    if split and split[1] > best[1] * 1.0001:
        best = split
    too_wide = limits.width / limits.min_size  # a word wider than a line at the minimum
    if best[1] < limits.min_size and any(measure(p.text) > too_wide for p in parts):
        broken = [q for p in parts for q in (_explode(p) if measure(p.text) > too_wide else [p])]
        fewest = replace(limits, wrap_below=limits.min_size)
        split = _best_split(broken, fewest, measure)  # as few forced breaks as will do
        if split and split[1] > best[1]:
            best = split
    return _settle(best[0], limits, measure)


def fit_cells(
    text: str, *, columns: int, rows: int, max_mag: int, wrap_below: float, max_lines: int
) -> FittedText:
    """The same rule for printer text, whose sizes are whole multiples of one character cell.

    A line of n chars at magnification m takes n × m of the `columns` and m of the `rows`.
    Comparing whole magnifications (instead of flooring a continuous size) is what lets a name
    that fits 2× on one line win 3× on two lines. `truncated` (lines cut with "...") when not
    even 1× holds it in `max_lines` lines.
    """
    text = " ".join(text.split())
    whole = printed_form(text)
    if not whole:
        return FittedText((), 1)
    single = min(max_mag, columns // len(whole), rows)  # one line: as wide and tall as it may
    if single >= 1 and (max_lines < 2 or single >= wrap_below):
        return FittedText((whole,), single)
    if max_lines >= 2:
        parts = pieces(text)
        broken = [q for p in parts for q in (_explode(p) if len(p.text) > columns else [p])]
        # Per size: a split at spaces, else after hyphens too, else inside a too-long word.
        attempts = [_Widths(_at_spaces(parts), len), _Widths(parts, len), _Widths(broken, len)]
        for mag in range(min(max_mag, 8), 0, -1):
            if mag <= single:
                return FittedText((whole,), single)  # one line is as big: it wins
            allowed = min(max_lines, rows // mag)
            for widths in attempts if allowed >= 1 else ():
                ends = widths.greedy(columns // mag)
                if ends is not None and len(ends) <= allowed:
                    balanced = widths.narrowest(len(ends)) or ends
                    from_end = widths.greedy_from_end(widths.widest(balanced))
                    if from_end is not None and len(from_end) == len(balanced):
                        balanced = from_end
                    return FittedText(widths.lines(balanced), mag)
    lines = (whole,) if max_lines < 2 else _cut_cells(text, columns, max_lines)
    cut = tuple(line if len(line) <= columns else line[: columns - 3] + "..." for line in lines)
    return FittedText(cut, 1, truncated=True)


def _cut_cells(text: str, columns: int, max_lines: int) -> tuple[str, ...]:
    widths = _Widths([q for p in pieces(text) for q in _explode(p)], len)
    ends = widths.greedy(columns) or [len(widths.parts)]
    return widths.lines(ends)[:max_lines]
