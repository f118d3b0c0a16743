"""One row of a ticket shop's export as an attendee, or the reason it cannot be one.

`attendee_rows(sheet, columns)` yields an `AttendeeRow` or a `BadRow` per data row, in file
order; checks that need the whole file (a duplicate `external_id`) are made here too. Nothing
here touches a database: the import decides what to write from these values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from server_stub.attendee_columns import ColumnMap, Field
from server_stub.attendee_sheet import FORMULA, Sheet, SheetRow
from server_stub.shop_status import ShopStatus, shop_status

_EMAIL = re.compile(r"^[^@\s\"<>,;]+@[^@\s\"<>,;]+\.[^@\s\"<>,;.]{2,}$")
MAX_FIELD_CHARS = 300


@dataclass(frozen=True)
class AttendeeRow:
    line: int
    external_id: str
    first_name: str
    last_name: str
    email: str
    company: str
    ticket_type: str
    barcode: str
    order: str
    status: ShopStatus
    status_word: str = ""  # the shop's word as the file spells it ("" without a status cell)


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


def attendee_rows(sheet: Sheet, columns: ColumnMap) -> Iterator[AttendeeRow | BadRow]:
    seen: dict[str, int] = {}
    for row in sheet.rows:
        result = _attendee(row, columns)
        if isinstance(result, AttendeeRow):
            first = seen.setdefault(result.external_id, row.line)
            if first != row.line:
                yield BadRow(
                    row.line, f"external_id '{result.external_id}' is also on line {first}"
                )
                continue
        yield result


def _attendee(row: SheetRow, columns: ColumnMap) -> AttendeeRow | BadRow:
    values: dict[Field, str] = {}
    for name in Field:
        value, problem = _value(row, columns, name)
        if problem:
            return BadRow(row.line, problem)
        values[name] = value
    first, last = values[Field.FIRST_NAME], values[Field.LAST_NAME]
    if not (first or last):
        first, last = split_name(values[Field.NAME])
    if not (first or last):
        return BadRow(row.line, "no name")
    email = values[Field.EMAIL]
    problem = check_email(email)
    if problem:
        return BadRow(row.line, problem)
    external_id = values[Field.EXTERNAL_ID] or values[Field.BARCODE]
    if not external_id:
        return BadRow(row.line, "no ticket id (external_id) and no barcode")
    status = shop_status(values[Field.STATUS])
    if status is None:
        return BadRow(
            row.line,
            f"unknown status '{values[Field.STATUS][:40]}' (valid: paid, attending, valid…; "
            "unpaid: pending, awaiting payment, expired…; cancelled: cancelled, refunded, "
            "void…); ignore the column with --map status=",
        )
    return AttendeeRow(
        line=row.line,
        external_id=external_id,
        first_name=first,
        last_name=last,
        email=email,
        company=values[Field.COMPANY],
        ticket_type=values[Field.TICKET_TYPE],
        barcode=values[Field.BARCODE],
        order=values[Field.ORDER],
        status=status,
        status_word=values[Field.STATUS],
    )


def _value(row: SheetRow, columns: ColumnMap, name: Field) -> tuple[str, str]:
    """(the field's text, "") or ("", why the cell cannot be used)."""
    cells = row.cells
    for group in columns.indexes.get(name, ()):
        parts = [cells[i] if i < len(cells) else "" for i in group]
        if not all(parts):
            continue
        for part in parts:
            if part.startswith(FORMULA):
                return "", (
                    f"{name.value}: a spreadsheet formula ({part[len(FORMULA) :][:40]}); "
                    "Doorline never evaluates formulas — save the sheet with values"
                )
        cleaned = [" ".join(p.split()) for p in parts]
        if not all(cleaned):
            continue
        text = cleaned[0] if len(cleaned) == 1 else "-".join(cleaned)
        if text.startswith("=") and name is not Field.BARCODE:
            return "", (
                f"{name.value}: '{text[:40]}' looks like a spreadsheet formula; "
                "Doorline never evaluates formulas"
            )
        if len(text) > MAX_FIELD_CHARS:
            return "", f"{name.value}: longer than {MAX_FIELD_CHARS} characters"
        return text, ""
    return "", ""


def check_email(email: str) -> str:
    """ "" for an empty or plausible address (one @, a dotted domain), else the reason."""
    if email and not _EMAIL.match(email):
        return f"'{email[:60]}' is not an e-mail address"
    return ""


def split_name(name: str) -> tuple[str, str]:
    """'Ada King Lovelace' -> ('Ada King', 'Lovelace'); 'Lovelace, Ada' -> ('Ada', 'Lovelace');
    a single word is a first name."""
    name = " ".join(name.split())
    if "," in name:
        last, _, first = name.partition(",")
        return first.strip(), last.strip()
    if " " not in name:
        return name, ""
    first, _, last = name.rpartition(" ")
    return first, last
