"""An uploaded log entry, checked field by field and by its hash before it may join the log.

The same checks as `LogEntry.from_json` + `LogEntry.expected_hash`, without building the
object: a push of 5,000 entries is checked in a few milliseconds.
"""

from __future__ import annotations

import json
from itertools import product
from operator import itemgetter
from typing import Any

import orjson

from kiosk.domain.log_entry import ENTRY_FIELDS, KEYED_PREFIX, entry_hash, hashed_text, keyed_hash
from kiosk.domain.verdicts import Action, Verdict
from server_stub.api_limits import ENTRY_TEXT_LIMITS, entry_bound_problem, text_problem
from server_stub.storage.interface import AckProblem, AckStatus, EntryAck

_ACTIONS = frozenset(str(a) for a in Action)
_VERDICTS = frozenset(str(v) for v in Verdict)
# The fields every entry has (`pin_signature` came later and may be absent), hash excluded.
_UNHASHED_FIELDS = tuple(f for f in ENTRY_FIELDS if f not in ("hash", "pin_signature"))
_TEXT, _INT, _OPTIONAL = (str,), (int,), (type(None),)
# LogEntry's field types, checked exactly (a bool is not an int here): `canonical_json` relies on
# every value being str, int, bool or None.
_FIELD_TYPES: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("station_id", _TEXT), ("seq", _INT), ("hlc", _INT), ("wall_ms", _INT), ("event_id", _INT),
    ("gate_id", _TEXT + _OPTIONAL), ("ticket_id", _INT + _OPTIONAL), ("method", _TEXT),
    ("ref", _TEXT + _OPTIONAL), ("detail", _TEXT), ("prev_hash", _TEXT),
    ("pin_signature", _TEXT + _OPTIONAL),
)  # fmt: skip
_TYPE_WORDS = {str: "text", int: "an integer", type(None): "null"}
_VALID_TYPES = frozenset(product(*(allowed for _name, allowed in _FIELD_TYPES)))
_typed_values = itemgetter(*(name for name, _allowed in _FIELD_TYPES))
_unhashed_values = itemgetter(*_UNHASHED_FIELDS)
# `kiosk.domain.log_entry.entry_hash` canonicalises with json.dumps(sort_keys=True, separators=
# (",", ":"), ensure_ascii=True); one reused encoder with the same settings gives the same
# text without building an encoder per entry (tests/test_sync_wire.py holds them equal).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def checked_entry(raw: dict[str, Any], chain_key: bytes | None = None) -> dict[str, Any] | EntryAck:
    """An uploaded entry's fields, as `LogEntry.to_json()` would give them (in `ENTRY_FIELDS`
    order), if they are well-formed, within the API's bounds (`server_stub.api_limits`) and
    its hash covers them; otherwise the rejection to send back.

    `chain_key`: the uploading station's chain key (`kiosk.domain.log_entry.chain_key` of the
    credential it called with); a keyed hash ("k2:…") is checked with it, and refused
    without it."""
    try:
        fields = dict(zip(_UNHASHED_FIELDS, _unhashed_values(raw), strict=True))
        claimed = raw["hash"]
    except KeyError as error:
        return rejected(_shown_id(raw.get("id", "")), f"missing field {error}")
    fields["pin_signature"] = raw.get("pin_signature")
    entry_id = fields["id"]
    if not isinstance(entry_id, str) or not entry_id:
        return rejected(_shown_id(entry_id or ""), "entry id must be a non-empty string")
    if len(entry_id) > ENTRY_TEXT_LIMITS["id"] or text_problem(entry_id) is not None:
        return rejected(_shown_id(entry_id), "entry id must be valid text of at most 64 characters")
    if tuple(map(type, _typed_values(fields))) not in _VALID_TYPES:
        for name, allowed in _FIELD_TYPES:
            if type(fields[name]) not in allowed:
                words = " or ".join(_TYPE_WORDS[t] for t in allowed)
                return rejected(entry_id, f"{name} must be {words}")
    action, verdict = fields["action"], fields["verdict"]
    if not isinstance(action, str) or action not in _ACTIONS:
        return rejected(entry_id, f"{str(action)[:40]!r} is not a valid Action")
    if verdict is not None and (not isinstance(verdict, str) or verdict not in _VERDICTS):
        return rejected(entry_id, f"{str(verdict)[:40]!r} is not a valid Verdict")
    out_of_bounds = entry_bound_problem(fields)
    if out_of_bounds is not None:
        return rejected(entry_id, out_of_bounds)
    fields["offline"] = bool(fields["offline"])
    key = None
    if isinstance(claimed, str) and claimed.startswith(KEYED_PREFIX):
        if chain_key is None:
            return rejected(entry_id, "entry hash is keyed, and this upload has no station key")
        key = chain_key
    hashed = hashed_text(fields)
    expected = keyed_hash(canonical_json(hashed), key)
    if expected != claimed:
        expected = entry_hash(hashed, key)  # the reference itself, before refusing anything
    if expected != claimed:
        return rejected(entry_id, "entry hash does not match")
    signature = fields.pop("pin_signature")
    fields["hash"] = claimed
    fields["pin_signature"] = signature  # ENTRY_FIELDS order: hash, then pin_signature
    return fields


def canonical_json(unhashed: dict[str, Any]) -> bytes:
    """The text `kiosk.domain.log_entry.entry_hash` hashes: json.dumps(sort_keys=True,
    separators=(",", ":"), ensure_ascii=True). orjson writes the same bytes whenever no string
    needs escaping (printable ASCII only: no backslash in the output, no byte above 0x7E) and
    the values are str/int/bool/None (checked by `checked_entry`), at a sixth of the cost;
    anything else goes through the standard encoder. tests/test_sync_wire.py holds the two
    equal on awkward text."""
    try:
        text = orjson.dumps(unhashed, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # e.g. an integer beyond 64 bits
        text = b"\\"
    if b"\\" in text or not text.isascii() or b"\x7f" in text:
        return _CANONICAL.encode(unhashed).encode()
    return text


def _shown_id(value: object) -> str:
    """An unusable entry id as it can be sent back: short, and valid UTF-8."""
    return str(value)[: ENTRY_TEXT_LIMITS["id"]].encode("utf-8", "replace").decode("utf-8")


def rejected(entry_id: str, reason: str, problem: AckProblem | None = None) -> EntryAck:
    return EntryAck(entry_id, AckStatus.REJECTED, reason, problem)
