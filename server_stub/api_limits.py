"""Every bound the sync API puts on what it reads: body size, integers, text.

A number beyond what the database can hold (SQLite and PostgreSQL both stop at a signed 64-bit
integer) or text that cannot be stored (a lone UTF-16 surrogate has no UTF-8 form; PostgreSQL
text cannot hold the character U+0000, so neither engine is given it) is refused
with words (422, or a `rejected` acknowledgement for one pushed entry), never a server error.
The same numbers are documented in docs/sync-protocol.md ("Limits").
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field

INT64_MAX = 2**63 - 1
# Integers in paths, queries and request models (ids, cursors): exactly representable in every
# JSON implementation (IEEE-754 doubles stop at 2^53). Log entries' clocks go up to INT64_MAX.
JSON_INT_MAX = 2**53 - 1
MAX_BODY_BYTES = 16 * 1024 * 1024  # a push of 5,000 entries is ~2.5 MB
MAX_NAME = 200  # station names, tokens, nonces, notes' first line
MAX_NOTE = 2_000  # revocation reasons, acknowledgement notes
MAX_ID_TEXT = 128  # conflict ids

# A pushed log entry: (field, longest text). Longer text is refused for that entry alone.
ENTRY_TEXT_LIMITS: dict[str, int] = {
    "id": 64,
    "station_id": 64,
    "gate_id": 200,
    "method": 64,
    "ref": 200,
    "detail": 2_000,
    "prev_hash": 67,  # 64 hex, or "k2:" + 64 hex (a keyed chain, kiosk.domain.log_entry)
    "pin_signature": 80,
}
# A pushed log entry: (field, smallest value); every integer is at most INT64_MAX.
ENTRY_INT_MINIMUM: dict[str, int] = {
    "seq": 1,
    "hlc": 0,
    "wall_ms": 0,
    "event_id": 0,
    "ticket_id": 0,
}


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text on every engine (a lone surrogate, or the NUL
    character PostgreSQL refuses in text), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (not valid Unicode text)"
    if "\x00" in value:
        return "contains the NUL character (U+0000), which text cannot hold"
    return None


def _storable(value: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# What the OpenAPI document says of every text field: no U+0000 (JSON Schema regex, ECMA-262).
# The check itself is `_storable`, so a refusal says why in words, not as a pattern.
_NO_NUL = {"pattern": "^[^\\u0000]*$"}

# Text fields of the API: bounded, valid Unicode (storable as UTF-8), without NUL.
NameText = Annotated[
    str, Field(max_length=MAX_NAME, json_schema_extra=_NO_NUL), AfterValidator(_storable)
]
NoteText = Annotated[
    str, Field(max_length=MAX_NOTE, json_schema_extra=_NO_NUL), AfterValidator(_storable)
]
IdText = Annotated[
    str,
    Field(min_length=1, max_length=MAX_ID_TEXT, json_schema_extra=_NO_NUL),
    AfterValidator(_storable),
]
Int64 = Annotated[int, Field(ge=0, le=JSON_INT_MAX)]


def entry_bound_problem(fields: dict[str, Any]) -> str | None:
    """The first bound a pushed entry's (type-checked) fields break, in words, or None."""
    for name, minimum in ENTRY_INT_MINIMUM.items():
        value = fields.get(name)
        if value is not None and not minimum <= value <= INT64_MAX:
            return f"{name} must be between {minimum} and {INT64_MAX}"
    for name, longest in ENTRY_TEXT_LIMITS.items():
        value = fields.get(name)
        if value is None:
            continue
        if len(value) > longest:
            return f"{name} is longer than {longest} characters"
        problem = text_problem(value)
        if problem is not None:
            return f"{name} {problem}"
    return None
