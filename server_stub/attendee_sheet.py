"""Reading a ticket shop's export: CSV in the encodings and separators spreadsheets write, or XLSX.

`read_sheet(path)` returns a `Sheet`: the header row and the data rows, each with the line (CSV)
or row number (XLSX) an organiser sees in their spreadsheet, so every later message can point
at it. CSV may be UTF-8 with or without a byte-order mark, or Windows-1252 (what Excel "CSV"
writes on Western-European Windows); the separator (comma, semicolon, tab) is detected from the
header line. XLSX is read by openpyxl in read-only mode with `data_only=False`: a formula is seen
as its text and never evaluated (a cell holding one is reported, see `FORMULA`).

Raises `SheetError` (file, line and words) for a missing or unreadable file, an encoding that is
neither, a cell over `MAX_CELL_CHARS`, a malformed CSV, or a file that is not a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_CELL_CHARS = 10_000  # a name or e-mail is never longer; a 10 MB cell is an error, not data
MAX_FILE_BYTES = 512 * 1024 * 1024
SEPARATORS = (",", ";", "\t")
FORMULA = "\x00formula:"  # prefix marking an XLSX formula cell's text (never evaluated)
HeaderTest = Callable[[tuple[str, ...]], bool]  # does this header row hold an attendee list?
_XLSX_MAGIC = b"PK\x03\x04"
_SEPARATOR_HINT = re.compile(r"^sep=([,;\t|])\r?\n?$")


class SheetError(Exception):
    """A file that cannot be read as an attendee list; the words name the file and line."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        super().__init__(f"{path}" + (f", line {line}" if line else "") + f": {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class SheetRow:
    line: int  # as the organiser's spreadsheet numbers it (header = line 1 unless blank lines)
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    path: Path
    header: tuple[str, ...]
    header_line: int
    rows: tuple[SheetRow, ...]
    kind: str  # "csv (utf-8, ';')", "xlsx"


def read_sheet(path: Path, accepts: HeaderTest | None = None) -> Sheet:
    """The export at `path` as a header and rows (see the module docstring). In a workbook of
    several sheets, the first whose header `accepts` (header -> bool) is read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SheetError(path, f"larger than {MAX_FILE_BYTES // 2**20} MB")
        with path.open("rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise SheetError(path, "no such file") from None
    except IsADirectoryError:
        raise SheetError(path, "is a directory, not a CSV or XLSX file") from None
    except OSError as error:
        raise SheetError(path, f"cannot read it ({error.strerror})") from None
    if raw.startswith(_XLSX_MAGIC):
        return _read_xlsx(path, raw, accepts)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise SheetError(path, "is not an XLSX workbook (save it as .xlsx or CSV)")
    return _read_csv(path, raw)


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise SheetError(
                path, "is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8", line
            ) from None


def _separator(first_line: str) -> str:
    """The separator that splits the header line into the most cells (quotes respected)."""
    best, best_cells = ",", 0
    for candidate in SEPARATORS:
        try:
            cells = next(csv.reader([first_line], delimiter=candidate))
        except (csv.Error, StopIteration):
            continue
        if len(cells) > best_cells:
            best, best_cells = candidate, len(cells)
    return best


def _read_csv(path: Path, raw: bytes) -> Sheet:
    if b"\x00" in raw[:4096]:
        raise SheetError(path, "is a binary file, not CSV text (UTF-16? save it as CSV UTF-8)")
    text, encoding = _decode(path, raw)
    lines = iter(io.StringIO(text, newline=""))
    header_text = ""
    header_line = 0
    hinted = None
    for header_line, candidate in enumerate(lines, start=1):  # noqa: B007
        hint = _SEPARATOR_HINT.match(candidate)
        if hint and hinted is None:  # Excel's "sep=;" line names the separator
            hinted = hint.group(1)
            continue
        if candidate.strip():
            header_text = candidate
            break
    if not header_text.strip():
        raise SheetError(path, "is empty: no header row")
    separator = hinted or _separator(header_text.rstrip("\r\n"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False)
    csv.field_size_limit(MAX_CELL_CHARS + 1)
    rows: list[SheetRow] = []
    header: tuple[str, ...] = ()
    try:
        for cells in _numbered(reader):
            line, values = cells
            if line < header_line:
                continue
            long = next((i for i, v in enumerate(values) if len(v) > MAX_CELL_CHARS), None)
            if long is not None:
                raise SheetError(path, f"a cell longer than {MAX_CELL_CHARS} characters", line)
            if line == header_line:
                header = tuple(v.strip() for v in values)
                continue
            if not any(v.strip() for v in values):
                continue
            rows.append(SheetRow(line, tuple(values)))
    except csv.Error as error:
        words = str(error)
        if "field larger than field limit" in words:
            words = f"a cell longer than {MAX_CELL_CHARS} characters"
        raise SheetError(path, words, reader.line_num) from None
    name = {",": "','", ";": "';'", "\t": "tab"}[separator]
    return Sheet(path, header, header_line, tuple(rows), f"csv ({encoding}, {name})")


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    line = 1
    for values in reader:
        yield line, values
        line = reader.line_num + 1  # type: ignore[attr-defined]


def _read_xlsx(path: Path, raw: bytes, accepts: HeaderTest | None) -> Sheet:
    """The workbook's first sheet whose header `accepts` (a shop's export may hold several:
    pretix's order data has "Orders" before "Order positions"); the first sheet otherwise."""
    import openpyxl  # a well-kept XLSX reader; imported here so CSV imports never pay for it

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(raw), read_only=True, data_only=False, keep_links=False
        )
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SheetError(path, f"is not a readable XLSX workbook ({error})") from None
    try:
        if not book.worksheets:
            raise SheetError(path, "the workbook has no sheet")
        sheet = book.worksheets[0]
        if accepts is not None and len(book.worksheets) > 1:
            sheet = next((s for s in book.worksheets if accepts(_xlsx_header(path, s)[0])), sheet)
        header: tuple[str, ...] = ()
        header_line = 0
        rows: list[SheetRow] = []
        for number, values in enumerate(sheet.iter_rows(values_only=False), start=1):
            cells = tuple(_xlsx_text(path, number, cell) for cell in values)
            if not header:
                if any(c.strip() for c in cells):
                    header, header_line = tuple(c.strip() for c in cells), number
                continue
            if any(c.strip() for c in cells):
                rows.append(SheetRow(number, cells))
        title = sheet.title
        several = len(book.worksheets) > 1
    finally:
        book.close()
    if not header:
        raise SheetError(path, f"the sheet {title!r} is empty: no header row")
    return Sheet(
        path, header, header_line, tuple(rows), f"xlsx, sheet {title!r}" if several else "xlsx"
    )


def _xlsx_header(path: Path, sheet: Any) -> tuple[tuple[str, ...], int]:
    """A sheet's first non-empty row (its header) and its number; ((), 0) when empty."""
    for number, values in enumerate(sheet.iter_rows(values_only=False), start=1):
        cells = tuple(_xlsx_text(path, number, cell).strip() for cell in values)
        if any(cells):
            return cells, number
    return (), 0


def _xlsx_text(path: Path, line: int, cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if getattr(cell, "data_type", "") == "f":
        return FORMULA + str(value)
    whole = isinstance(value, float) and value.is_integer()
    text = str(int(value)) if whole else str(value)
    if len(text) > MAX_CELL_CHARS:
        raise SheetError(path, f"a cell longer than {MAX_CELL_CHARS} characters", line)
    return text
