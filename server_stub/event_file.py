"""The event as a file: an organiser describes dates, time zone, ticket types and gates in TOML.

`read_event_file(path)` parses and validates one file into an `EventSpec` (frozen dataclasses,
nothing stored yet); `event_toml(spec)` writes a spec back as the same TOML, so
`doorline server event show` prints what `event apply` reads. Every key is documented in
docs/event-file.md. TOML itself is read by the standard library (`tomllib`, TOML 1.0); time zones
are IANA names resolved by `zoneinfo`.

Errors are `EventFileError`s whose text names the file, the key and, where the file gives one,
the line: an organiser fixes the file without reading Python.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.domain.gate_rules import EntryMode, UnknownTicketPolicy
from kiosk.domain.ticket_codec import KeyAlgorithm

MAX_TICKET_TYPES = 256  # the ticket type travels as one byte in the signed code
MAX_FILE_BYTES = 1_000_000
_GATE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_LINE_IN_MESSAGE = re.compile(r"\(at line (\d+), column (\d+)\)")

_EVENT_KEYS = {"id", "name", "timezone", "starts", "ends", "signing", "unknown_tickets"}
_TYPE_KEYS = {"name", "colour", "badge", "valid_from", "valid_until"}
_GATE_KEYS = {"id", "name", "types", "entry"}
DEFAULT_BADGE = "badge-4x3"
DEFAULT_COLOUR = "#607D8B"


class EventFileError(Exception):
    """An event file that cannot be used, with the file, the key and (if known) the line."""

    def __init__(self, path: Path, message: str, key: str = "", line: int | None = None) -> None:
        where = str(path) + (f", line {line}" if line else "")
        super().__init__(f"{where}: " + (f"{key}: " if key else "") + message)
        self.path = path
        self.key = key
        self.line = line


@dataclass(frozen=True)
class TicketTypeSpec:
    """One kind of ticket; named, because files refer to types by name everywhere."""

    name: str
    colour: str = DEFAULT_COLOUR
    badge: str = DEFAULT_BADGE
    valid_from: datetime | None = None  # venue-local, naive
    valid_until: datetime | None = None


@dataclass(frozen=True)
class GateSpec:
    """A gate (check-in list): which types it lets in (None = every type) and how often."""

    id: str
    name: str
    types: tuple[str, ...] | None = None
    entry: EntryMode = EntryMode.SINGLE


@dataclass(frozen=True)
class EventSpec:
    name: str
    timezone: str
    starts: datetime  # venue-local, naive
    ends: datetime
    signing: KeyAlgorithm = KeyAlgorithm.HMAC_SHA256
    unknown_tickets: UnknownTicketPolicy = UnknownTicketPolicy.ADMIT
    ticket_types: tuple[TicketTypeSpec, ...] = ()
    gates: tuple[GateSpec, ...] = ()
    id: int | None = None  # None: a new event; otherwise the event this file updates

    def local_ms(self, moment: datetime | None) -> int | None:
        """A venue-local wall time as Unix ms (DST-aware via the event's IANA zone)."""
        if moment is None:
            return None
        return int(moment.replace(tzinfo=ZoneInfo(self.timezone)).timestamp() * 1000)

    def type_names(self) -> list[str]:
        return [t.name for t in self.ticket_types]


def read_event_file(path: Path) -> EventSpec:
    """Parse and validate the TOML event file at `path`.

    Raises EventFileError for an unreadable file, invalid TOML (with its line), an unknown or
    missing key, a wrong value type, a time zone that is not an IANA name, ends before starts,
    duplicate type names or gate ids, and a gate naming a type the file does not define.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EventFileError(path, "no such file") from None
    except OSError as error:
        raise EventFileError(path, f"cannot read it ({error.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise EventFileError(path, f"larger than {MAX_FILE_BYTES // 1000} kB; not an event file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise EventFileError(path, "not UTF-8 text (TOML files are UTF-8)", line=line) from None
    return parse_event_text(text, path)


def parse_event_text(text: str, path: Path) -> EventSpec:
    """`read_event_file` on text already read; `path` names the file in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _LINE_IN_MESSAGE.search(message)
        line = int(match.group(1)) if match else None
        words = _LINE_IN_MESSAGE.sub("", message).strip()
        raise EventFileError(path, f"not valid TOML ({words})", line=line) from None
    return _Reader(path, text).event(data)


class _Reader:
    """Validation with the source text at hand, so a bad value's line can be named."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, key: str, message: str, table: str = "event", index: int = 0) -> EventFileError:
        return EventFileError(self.path, message, key, self.line_of(table, index, key))

    def line_of(self, table: str, index: int, key: str) -> int | None:
        """The line of `key` inside the index-th `[table]`/`[[table]]` (1-based), if found."""
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$")
        field = key.rsplit(".", 1)[-1].split("[", 1)[0]
        assignment = re.compile(rf"^\s*{re.escape(field)}\s*=")
        seen = -1
        start = None
        for number, line in enumerate(self.lines, start=1):
            if header.match(line):
                seen += 1
                if seen == index:
                    start = number
                    continue
                if start is not None:
                    break
            elif start is not None and assignment.match(line):
                return number
        return start

    def event(self, data: dict[str, Any]) -> EventSpec:
        unknown = set(data) - {"event", "ticket_type", "gate"}
        if unknown:
            key = sorted(unknown)[0]
            raise self.fail(key, "unknown table; expected [event], [[ticket_type]], [[gate]]")
        event = data.get("event")
        if not isinstance(event, dict):
            raise EventFileError(self.path, "the file has no [event] table", "event")
        self.no_unknown(event, _EVENT_KEYS, "event", 0)
        name = self.text(event, "name", "event", 0, required=True)
        zone = self.timezone(event)
        starts = self.local_time(event, "starts", "event", 0, required=True)
        ends = self.local_time(event, "ends", "event", 0, required=True)
        assert starts is not None and ends is not None
        if ends <= starts:
            raise self.fail("event.ends", f"{ends.isoformat()} is not after starts")
        signing = self.choice(event, "signing", KeyAlgorithm, KeyAlgorithm.HMAC_SHA256)
        policy = self.choice(
            event, "unknown_tickets", UnknownTicketPolicy, UnknownTicketPolicy.ADMIT
        )
        event_id = event.get("id")
        if event_id is not None and (
            not isinstance(event_id, int) or isinstance(event_id, bool) or event_id < 1
        ):
            raise self.fail("event.id", "must be the positive number `event apply` printed")
        types = self.ticket_types(data.get("ticket_type", []))
        gates = self.gates(data.get("gate", []), {t.name for t in types})
        return EventSpec(
            name=name,
            timezone=zone,
            starts=starts,
            ends=ends,
            signing=signing,
            unknown_tickets=policy,
            ticket_types=types,
            gates=gates,
            id=event_id,
        )

    def ticket_types(self, raw: Any) -> tuple[TicketTypeSpec, ...]:
        if not isinstance(raw, list):
            raise self.fail("ticket_type", "must be [[ticket_type]] tables")
        if not raw:
            raise EventFileError(
                self.path, "the file defines no [[ticket_type]]; an event needs at least one"
            )
        if len(raw) > MAX_TICKET_TYPES:
            raise self.fail("ticket_type", f"at most {MAX_TICKET_TYPES} ticket types")
        out: list[TicketTypeSpec] = []
        for index, table in enumerate(raw):
            key = f"ticket_type[{index + 1}]"
            self.no_unknown(table, _TYPE_KEYS, "ticket_type", index)
            name = self.text(table, "name", "ticket_type", index, required=True)
            if any(t.name.casefold() == name.casefold() for t in out):
                raise self.fail(f"{key}.name", f"'{name}' is defined twice", "ticket_type", index)
            colour = self.text(table, "colour", "ticket_type", index) or DEFAULT_COLOUR
            if not _COLOUR.match(colour):
                raise self.fail(f"{key}.colour", f"'{colour}' is not #RRGGBB", "ticket_type", index)
            badge = self.text(table, "badge", "ticket_type", index) or DEFAULT_BADGE
            valid_from = self.local_time(table, "valid_from", "ticket_type", index)
            valid_until = self.local_time(table, "valid_until", "ticket_type", index)
            if valid_from and valid_until and valid_until <= valid_from:
                raise self.fail(
                    f"{key}.valid_until", "is not after valid_from", "ticket_type", index
                )
            out.append(TicketTypeSpec(name, colour.upper(), badge, valid_from, valid_until))
        return tuple(out)

    def gates(self, raw: Any, type_names: set[str]) -> tuple[GateSpec, ...]:
        if not isinstance(raw, list):
            raise self.fail("gate", "must be [[gate]] tables")
        out: list[GateSpec] = []
        for index, table in enumerate(raw):
            key = f"gate[{index + 1}]"
            self.no_unknown(table, _GATE_KEYS, "gate", index)
            gate_id = self.text(table, "id", "gate", index, required=True)
            if not _GATE_ID.match(gate_id):
                raise self.fail(
                    f"{key}.id",
                    f"'{gate_id}' must be letters, digits, '-', '_' or '.' (at most 64)",
                    "gate",
                    index,
                )
            if any(g.id == gate_id for g in out):
                raise self.fail(f"{key}.id", f"gate '{gate_id}' is defined twice", "gate", index)
            name = self.text(table, "name", "gate", index) or gate_id
            types = table.get("types")
            if types is not None:
                if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
                    raise self.fail(f"{key}.types", "must be a list of type names", "gate", index)
                missing = [t for t in types if t not in type_names]
                if missing:
                    raise self.fail(
                        f"{key}.types",
                        f"no ticket type named '{missing[0]}' (types: "
                        + ", ".join(sorted(type_names))
                        + ")",
                        "gate",
                        index,
                    )
                types = tuple(dict.fromkeys(types))
            entry = self.choice(table, "entry", EntryMode, EntryMode.SINGLE, "gate", index)
            out.append(GateSpec(gate_id, name, types, entry))
        if not out:
            raise EventFileError(self.path, "the file defines no [[gate]]; doors need one")
        return tuple(out)

    # -- one value ------------------------------------------------------------------------

    def no_unknown(self, table: Any, allowed: set[str], name: str, index: int) -> None:
        if not isinstance(table, dict):
            raise self.fail(name, "must be a table", name, index)
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(
                f"{name}.{unknown[0]}",
                "unknown key (expected one of " + ", ".join(sorted(allowed)) + ")",
                name,
                index,
            )

    def text(
        self, table: dict[str, Any], key: str, name: str, index: int, required: bool = False
    ) -> str:
        value = table.get(key)
        label = self.label(name, index, key)
        if value is None:
            if required:
                raise self.fail(label, "is missing", name, index)
            return ""
        if not isinstance(value, str):
            raise self.fail(label, "must be a quoted string", name, index)
        value = value.strip()
        if required and not value:
            raise self.fail(label, "is empty", name, index)
        if len(value) > 200:
            raise self.fail(label, "is longer than 200 characters", name, index)
        return value

    def timezone(self, event: dict[str, Any]) -> str:
        zone = self.text(event, "timezone", "event", 0, required=True)
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail(
                "event.timezone", f"'{zone}' is not an IANA time zone (e.g. Europe/Berlin)"
            ) from None
        return zone

    def local_time(
        self, table: dict[str, Any], key: str, name: str, index: int, required: bool = False
    ) -> datetime | None:
        value = table.get(key)
        label = self.label(name, index, key)
        if value is None:
            if required:
                raise self.fail(label, "is missing", name, index)
            return None
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                raise self.fail(
                    label,
                    "write the venue's local time without an offset; the event's timezone "
                    "says where it is",
                    name,
                    index,
                )
            return value
        if isinstance(value, date):
            return datetime.combine(value, time(0))
        raise self.fail(label, "must be a local date-time like 2027-06-10T08:00:00", name, index)

    def choice(
        self,
        table: dict[str, Any],
        key: str,
        kind: Any,
        default: Any,
        name: str = "event",
        index: int = 0,
    ) -> Any:
        value = table.get(key)
        if value is None:
            return default
        options = [m.value for m in kind]
        if value not in options:
            raise self.fail(
                self.label(name, index, key),
                f"{value!r} is not one of " + ", ".join(f'"{o}"' for o in options),
                name,
                index,
            )
        return kind(value)

    @staticmethod
    def label(name: str, index: int, key: str) -> str:
        return f"{name}.{key}" if name == "event" else f"{name}[{index + 1}].{key}"


def event_toml(spec: EventSpec) -> str:
    """The spec as an event file that `read_event_file` reads back to an equal spec."""
    lines = ["[event]"]
    if spec.id is not None:
        lines.append(f"id = {spec.id}")
    lines += [
        f"name = {_quoted(spec.name)}",
        f"timezone = {_quoted(spec.timezone)}",
        f"starts = {_local(spec.starts)}",
        f"ends = {_local(spec.ends)}",
        f"signing = {_quoted(spec.signing.value)}",
        f"unknown_tickets = {_quoted(spec.unknown_tickets.value)}",
    ]
    for ticket_type in spec.ticket_types:
        lines += [
            "",
            "[[ticket_type]]",
            f"name = {_quoted(ticket_type.name)}",
            f"colour = {_quoted(ticket_type.colour)}",
            f"badge = {_quoted(ticket_type.badge)}",
        ]
        if ticket_type.valid_from is not None:
            lines.append(f"valid_from = {_local(ticket_type.valid_from)}")
        if ticket_type.valid_until is not None:
            lines.append(f"valid_until = {_local(ticket_type.valid_until)}")
    for gate in spec.gates:
        lines += ["", "[[gate]]", f"id = {_quoted(gate.id)}", f"name = {_quoted(gate.name)}"]
        if gate.types is not None:
            lines.append("types = [" + ", ".join(_quoted(t) for t in gate.types) + "]")
        lines.append(f"entry = {_quoted(gate.entry.value)}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A TOML basic string (RFC 8259-style escapes are valid TOML escapes)."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _local(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")
