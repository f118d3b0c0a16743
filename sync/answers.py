"""What the station accepts from the server: every answer is checked against the protocol's
shape before anything of it is stored (docs/sync-protocol.md).

A page with a missing key, a value of the wrong type, an integer SQLite cannot hold, an
unknown gate rule or key algorithm, or a cursor that goes backwards, stands still while
`more` is true, or is negative is refused whole, with words that name the field; the station
stores nothing of it and keeps its cursor. Before this, such answers caused tracebacks, and a
cursor of -5 was stored and broke every later sync.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.gate_rules import EntryMode, UnknownTicketPolicy
from kiosk.domain.log_entry import ENTRY_FIELDS
from kiosk.domain.ticket_codec import KeyAlgorithm
from kiosk.domain.verdicts import Action, Verdict
from sync.errors import ServerFailed

INT64_MAX = 2**63 - 1
_TEXT: tuple[type, ...] = (str,)
_INT: tuple[type, ...] = (int,)
_NONE: tuple[type, ...] = (type(None),)
_BOOL: tuple[type, ...] = (bool,)
_LIST: tuple[type, ...] = (list,)
_WORDS = {str: "text", int: "an integer", type(None): "null", bool: "true/false", list: "a list"}

# kind -> (field, allowed types); `type(value) in allowed` (a bool is not an int here).
ROW_FIELDS: dict[str, tuple[tuple[str, tuple[type, ...]], ...]] = {
    "ticket_types": (
        ("id", _INT), ("name", _TEXT), ("colour", _TEXT + _NONE), ("template", _TEXT + _NONE),
        ("valid_from_ms", _INT + _NONE), ("valid_until_ms", _INT + _NONE),
    ),
    "gates": (
        ("id", _TEXT), ("name", _TEXT), ("allowed_types", _LIST + _NONE), ("entry_mode", _TEXT),
        ("valid_from_ms", _INT + _NONE), ("valid_until_ms", _INT + _NONE),
        ("unknown_policy", _TEXT), ("timezone", _TEXT),
    ),
    "keys": (("kid", _INT), ("algorithm", _TEXT), ("material", _TEXT), ("status", _TEXT)),
    "tickets": (
        ("id", _INT), ("type_id", _INT), ("code", _TEXT), ("confirmation", _TEXT),
        ("first_name", _TEXT), ("last_name", _TEXT), ("organisation", _TEXT + _NONE),
        ("email_hash", _TEXT + _NONE), ("phone_hash", _TEXT + _NONE),
        ("flagged", _INT + _BOOL), ("note", _TEXT + _NONE),
    ),
    "revocations": (
        ("ticket_id", _INT), ("reason", _TEXT + _NONE), ("revoked_ms", _INT),
        ("revoked", _BOOL),
    ),
    "entries": (
        ("id", _TEXT), ("station_id", _TEXT), ("seq", _INT), ("hlc", _INT), ("wall_ms", _INT),
        ("event_id", _INT), ("gate_id", _TEXT + _NONE), ("ticket_id", _INT + _NONE),
        ("action", _TEXT), ("verdict", _TEXT + _NONE), ("offline", _BOOL), ("method", _TEXT),
        ("ref", _TEXT + _NONE), ("detail", _TEXT), ("prev_hash", _TEXT), ("hash", _TEXT),
    ),
}  # fmt: skip
assert tuple(f for f, _t in ROW_FIELDS["entries"]) == ENTRY_FIELDS
# Values that must be one of a closed set: (kind, field) -> allowed values.
_CHOICES: dict[tuple[str, str], frozenset[str]] = {
    ("gates", "entry_mode"): frozenset(str(m) for m in EntryMode),
    ("gates", "unknown_policy"): frozenset(str(p) for p in UnknownTicketPolicy),
    ("keys", "algorithm"): frozenset(str(a) for a in KeyAlgorithm),
    ("entries", "action"): frozenset(str(a) for a in Action),
    ("entries", "verdict"): frozenset(str(v) for v in Verdict),
}
PAGE_KINDS = tuple(ROW_FIELDS)


def refuse(where: str, problem: str) -> ServerFailed:
    return ServerFailed(f"the server's answer is not valid ({where} {problem}); nothing was stored")


def _type_words(allowed: tuple[type, ...]) -> str:
    return " or ".join(_WORDS[t] for t in allowed)


def check_int(where: str, value: Any, minimum: int = 0) -> int:
    if type(value) is not int:
        raise refuse(where, "must be an integer")
    if not minimum <= value <= INT64_MAX:
        raise refuse(where, f"must be between {minimum} and {INT64_MAX}")
    return value


def check_text(where: str, value: Any) -> str:
    if type(value) is not str:
        raise refuse(where, "must be text")
    return value


def check_rows(kind: str, rows: Any) -> None:
    """Every row of one kind of a pull page (or a snapshot) has the protocol's fields."""
    if type(rows) is not list:
        raise refuse(kind, "must be a list")
    fields = ROW_FIELDS[kind]
    choices = [(name, values) for (of, name), values in _CHOICES.items() if of == kind]
    for index, row in enumerate(rows):
        if type(row) is not dict:
            raise refuse(f"{kind}[{index}]", "must be an object")
        for name, allowed in fields:
            value = row.get(name, _MISSING)
            kind_of = type(value)
            if kind_of not in allowed:
                if value is _MISSING:
                    raise refuse(f"{kind}[{index}].{name}", "is missing")
                raise refuse(f"{kind}[{index}].{name}", f"must be {_type_words(allowed)}")
            if kind_of is int and not -INT64_MAX <= value <= INT64_MAX:
                raise refuse(f"{kind}[{index}].{name}", "is beyond 64 bits")
        for name, values in choices:
            if row[name] is not None and row[name] not in values:
                raise refuse(f"{kind}[{index}].{name}", f"is not one of {sorted(values)}")
        if kind == "keys":
            _check_key(index, row)
        elif kind == "gates" and any(type(t) is not int for t in row["allowed_types"] or ()):
            raise refuse(f"gates[{index}].allowed_types", "must list integer type ids")


class _Missing:
    pass


_MISSING = _Missing()


def _check_key(index: int, row: dict[str, Any]) -> None:
    try:
        material = bytes.fromhex(row["material"])
    except ValueError:
        raise refuse(f"keys[{index}].material", "is not hexadecimal") from None
    if not material:
        raise refuse(f"keys[{index}].material", "is empty")
    if row["algorithm"] == KeyAlgorithm.ED25519 and len(material) != 32:
        raise refuse(f"keys[{index}].material", "must be a 32-byte Ed25519 public key")


def check_changes_page(page: Any, after: int) -> None:
    """A `changes` answer for a pull from cursor `after`: raises ServerFailed naming the field."""
    if type(page) is not dict:
        raise refuse("the page", "must be an object")
    cursor = check_int("cursor", page.get("cursor"))
    check_int("top", page.get("top"))
    more = page.get("more")
    if type(more) is not bool:
        raise refuse("more", "must be true or false")
    if cursor < after:
        raise refuse("cursor", f"goes backwards ({cursor} after {after})")
    if more and cursor == after:
        raise refuse("cursor", f"stands still at {cursor} while the server says there is more")
    for kind in PAGE_KINDS:
        check_rows(kind, page.get(kind))


def check_push_answer(answer: Any) -> list[dict[str, Any]]:
    """The acknowledgements of a push answer, each with a text `id` and a known `status`."""
    acks = answer.get("acks") if type(answer) is dict else None
    if type(acks) is not list:
        raise refuse("acks", "must be a list")
    for index, ack in enumerate(acks):
        if type(ack) is not dict or type(ack.get("id")) is not str:
            raise refuse(f"acks[{index}].id", "must be text")
        if ack.get("status") not in ("accepted", "duplicate", "rejected"):
            raise refuse(f"acks[{index}].status", "must be accepted, duplicate or rejected")
        if type(ack.get("reason", "")) is not str:
            raise refuse(f"acks[{index}].reason", "must be text")
    gaps = answer.get("gaps", [])
    if type(gaps) is not list or any(type(g) is not dict for g in gaps):
        raise refuse("gaps", "must be a list of objects")
    return acks


def check_provisioned(answer: Any) -> dict[str, Any]:
    """The token exchange's answer: station id, event id, name, credential."""
    if type(answer) is not dict:
        raise refuse("the answer", "must be an object")
    check_text("station_id", answer.get("station_id"))
    check_int("event_id", answer.get("event_id"))
    check_text("name", answer.get("name"))
    if not check_text("credential", answer.get("credential")):
        raise refuse("credential", "is empty")
    return answer


def check_event_info(answer: Any) -> dict[str, Any]:
    """`GET /v1/events/{id}`: the event, its contact-hash key and its gates."""
    if type(answer) is not dict:
        raise refuse("the answer", "must be an object")
    event = answer.get("event")
    if type(event) is not dict:
        raise refuse("event", "must be an object")
    check_int("event.id", event.get("id"))
    check_text("event.name", event.get("name"))
    check_text("contact_key", answer.get("contact_key"))
    check_rows("gates", answer.get("gates"))
    return answer
