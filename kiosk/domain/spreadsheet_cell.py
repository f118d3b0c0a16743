"""Text written into a CSV that someone will open in a spreadsheet.

Names and companies come from ticket shops and attendees; a cell like `=HYPERLINK("http://…")`
would be evaluated by Excel or LibreOffice when an organiser opens the file (CSV injection,
OWASP "CSV Injection"). Every CSV Doorline writes passes its text cells through `safe_cell`.
"""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A string a spreadsheet would read as a formula, prefixed with "'" so it shows as text;
    any other value unchanged (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value
