"""The shape of what a station stores from elsewhere: pulled pages, snapshots, bundles.

Every row of every kind (ticket types, gates, keys, tickets, revocations, log entries) must have
its fields with the right JSON types, integers within 64 bits, gate rules, key algorithms,
actions and verdicts from the known sets, and key material in hex. A document that fails is
refused whole with words that name the field (`FormatProblem`), before anything of it is
written: a bad page or bundle stores nothing. Used by the sync engine (`sync.answers`) and by
provisioning from a bundle.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.gate_rules import EntryMode, UnknownTicketPolicy
from kiosk.domain.log_entry import ENTRY_FIELDS
from kiosk.domain.pin_signature import PinFormatError, PinVerifier
from kiosk.domain.ticket_codec import KeyAlgorithm
from kiosk.domain.verdicts import Action, Verdict

INT64_MAX = 2**63 - 1


class FormatProblem(ValueError):
    """A document of the wrong shape: `where` names the field, `problem` says what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where} {problem}")
        self.where = where
        self.problem = problem


_TEXT: tuple[type, ...] = (str,)
_INT: tuple[type, ...] = (int,)
_NONE: tuple[type, ...] = (type(None),)
_BOOL: tuple[type, ...] = (bool,)
_LIST: tuple[type, ...] = (list,)


class _Missing:
    pass


_MISSING = _Missing()
_ABSENT: tuple[type, ...] = (_Missing,)  # an optional field may be left out
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
    "stations": (("id", _TEXT), ("name", _TEXT), ("gate", _TEXT + _NONE)),
    "entries": (
        ("id", _TEXT), ("station_id", _TEXT), ("seq", _INT), ("hlc", _INT), ("wall_ms", _INT),
        ("event_id", _INT), ("gate_id", _TEXT + _NONE), ("ticket_id", _INT + _NONE),
        ("action", _TEXT), ("verdict", _TEXT + _NONE), ("offline", _BOOL), ("method", _TEXT),
        ("ref", _TEXT + _NONE), ("detail", _TEXT), ("prev_hash", _TEXT), ("hash", _TEXT),
        ("pin_signature", _TEXT + _NONE + _ABSENT),  # servers before it do not send it
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
# Kinds a page or snapshot from an older server may lack (read as empty).
OPTIONAL_KINDS = frozenset({"stations"})


def refuse(where: str, problem: str) -> FormatProblem:
    return FormatProblem(where, problem)


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
            if row.get(name) is not None and row[name] not in values:
                raise refuse(f"{kind}[{index}].{name}", f"is not one of {sorted(values)}")
        if kind == "keys":
            _check_key(index, row)
        elif kind == "gates" and any(type(t) is not int for t in row["allowed_types"] or ()):
            raise refuse(f"gates[{index}].allowed_types", "must list integer type ids")


def _check_key(index: int, row: dict[str, Any]) -> None:
    try:
        material = bytes.fromhex(row["material"])
    except ValueError:
        raise refuse(f"keys[{index}].material", "is not hexadecimal") from None
    if not material:
        raise refuse(f"keys[{index}].material", "is empty")
    if row["algorithm"] == KeyAlgorithm.ED25519 and len(material) != 32:
        raise refuse(f"keys[{index}].material", "must be a 32-byte Ed25519 public key")


def check_snapshot(snapshot: Any) -> None:
    """A whole-event snapshot (a bundle's content, `kiosk.domain.snapshot_format`): the event,
    its contact-hash key, at least one key to verify tickets with, and every row of every kind.
    """
    if type(snapshot) is not dict:
        raise refuse("the snapshot", "must be an object")
    event = snapshot.get("event")
    if type(event) is not dict:
        raise refuse("event", "must be an object")
    check_int("event.id", event.get("id"))
    check_text("event.name", event.get("name"))
    check_text("event.timezone", event.get("timezone"))
    try:
        bytes.fromhex(check_text("contact_key", snapshot.get("contact_key")))
    except ValueError:
        raise refuse("contact_key", "is not hexadecimal") from None
    for kind in ("ticket_types", "gates", "keys", "tickets", "revocations", "stations"):
        check_rows(kind, snapshot.get(kind, [] if kind in OPTIONAL_KINDS else None))
    if not snapshot["keys"]:
        raise refuse("keys", "is empty: no ticket could be verified")
    if not snapshot["gates"]:
        raise refuse("gates", "is empty: the station would have no gate")
    log = snapshot.get("log", [])
    check_rows("entries", log)
    check_pin_verifier(snapshot.get("operator_pin"))


def check_pin_verifier(value: Any) -> None:
    """An operator PIN verifier (`kiosk.domain.pin_signature.PinVerifier`) or null."""
    if value is None:
        return
    try:
        PinVerifier.from_json(value)
    except PinFormatError as error:
        raise refuse("operator_pin", str(error).removeprefix("operator_pin")) from None
