"""Which column of a ticket shop's export holds which attendee field: presets and recognition.

A `ColumnMap` says, per field, which header(s) to read, in order of preference (the first
non-empty wins, so pretix's attendee e-mail falls back to the order's). A column may also be a
`Joined` pair (pretix identifies a ticket by order code plus position). Presets exist for the
attendee exports of Eventbrite (attendee summary report), pretix (order data export, "order
positions" sheet), Ticket Tailor (issued tickets) and Hi.Events (attendees export); `auto`
recognises a preset from its distinctive headers, and otherwise maps common English, German,
French and Spanish headers. `--map FIELD=COLUMN` overrides any field (an empty COLUMN ignores one).

Headers are compared case-, accent-, space- and punctuation-insensitively ("E-Mail-Adresse" and
"email address" differ, "Prénom" and "prenom" do not).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Field(StrEnum):
    EXTERNAL_ID = "external_id"  # the shop's ticket/position id: the key for re-imports
    ORDER = "order"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    NAME = "name"  # a single name column, when there is no first/last split
    EMAIL = "email"
    COMPANY = "company"
    TICKET_TYPE = "ticket_type"
    BARCODE = "barcode"  # the shop's own code printed on its tickets
    STATUS = "status"


@dataclass(frozen=True)
class Joined:
    """Several columns joined with '-' (pretix: order code + position id)."""

    headers: tuple[str, ...]


Column = str | Joined


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    columns: dict[Field, tuple[Column, ...]]
    signature: tuple[str, ...]  # headers that together identify this shop's export


@dataclass(frozen=True)
class ColumnMap:
    """Resolved against one header: field -> the column indexes to read, in preference order.
    A tuple of several indexes inside one entry is a `Joined` column."""

    preset: str
    indexes: dict[Field, tuple[tuple[int, ...], ...]] = field(default_factory=dict)

    def has(self, name: Field) -> bool:
        return bool(self.indexes.get(name))


class ColumnError(Exception):
    """A header that cannot be mapped (no name column, unknown preset, bad --map)."""


def normalise(header: str) -> str:
    """'  Prénom ' -> 'prenom'; 'E-Mail' -> 'email'; 'Barcode #' -> 'barcode#'."""
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    return "".join(c for c in decomposed if c.isalnum() or c == "#")


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "eventbrite",
            "Eventbrite attendee summary report",
            {
                Field.EXTERNAL_ID: ("Attendee #", "Ticket #"),
                Field.ORDER: ("Order #",),
                Field.FIRST_NAME: ("First Name",),
                Field.LAST_NAME: ("Last Name",),
                Field.EMAIL: ("Email",),
                Field.COMPANY: ("Company",),
                Field.TICKET_TYPE: ("Ticket Type",),
                Field.BARCODE: ("Barcode #", "Barcode"),
                Field.STATUS: ("Attendee Status",),
            },
            ("Order #", "Attendee #", "Ticket Type", "Attendee Status"),
        ),
        Preset(
            "pretix",
            "pretix order data export (order positions)",
            {
                Field.EXTERNAL_ID: (Joined(("Order code", "Position ID")),),
                Field.ORDER: ("Order code",),
                Field.FIRST_NAME: ("Attendee name: Given name",),
                Field.LAST_NAME: ("Attendee name: Family name",),
                Field.NAME: ("Attendee name", "Invoice address name"),
                Field.EMAIL: ("Attendee email", "Email"),
                Field.COMPANY: ("Company",),
                Field.TICKET_TYPE: ("Product",),
                Field.BARCODE: ("Ticket secret", "Secret"),
                Field.STATUS: ("Status",),
            },
            ("Order code", "Position ID", "Product", "Attendee name"),
        ),
        Preset(
            "tickettailor",
            "Ticket Tailor issued tickets export",
            {
                Field.EXTERNAL_ID: ("Issued ticket ID", "Ticket ID"),
                Field.ORDER: ("Order ID", "Order reference"),
                Field.FIRST_NAME: ("First name",),
                Field.LAST_NAME: ("Last name",),
                Field.NAME: ("Full name", "Name"),
                Field.EMAIL: ("Email",),
                Field.COMPANY: ("Company",),
                Field.TICKET_TYPE: ("Ticket type",),
                Field.BARCODE: ("Barcode",),
                Field.STATUS: ("Status",),
            },
            ("Issued ticket ID", "Barcode", "Ticket type"),
        ),
        Preset(
            "hievents",
            "Hi.Events attendees export",
            {
                Field.EXTERNAL_ID: ("ID",),
                Field.ORDER: ("Order ID",),
                Field.FIRST_NAME: ("First Name",),
                Field.LAST_NAME: ("Last Name",),
                Field.EMAIL: ("Email",),
                Field.TICKET_TYPE: ("Product Name", "Ticket Name"),
                Field.BARCODE: ("Public ID",),
                Field.STATUS: ("Status",),
            },
            ("Public ID", "Short ID", "Product Name"),
        ),
    )
}

# Common headers in English, German, French and Spanish, for `auto` when no preset matches.
GENERIC: dict[Field, tuple[str, ...]] = {
    Field.EXTERNAL_ID: (
        "external id", "ticket id", "ticket number", "ticket no", "ticket nr", "attendee id",
        "attendee #", "ticket #", "registration id", "id", "ticketnummer", "ticket-nr",
        "teilnehmer-id", "numero de billet", "n° de billet", "id billet", "numero de entrada",
        "id de entrada", "id del ticket", "numero de ticket",
    ),
    Field.ORDER: (
        "order", "order id", "order #", "order number", "order code", "order reference",
        "bestellnummer", "bestellung", "commande", "numero de commande", "n° de commande",
        "pedido", "numero de pedido",
    ),
    Field.FIRST_NAME: (
        "first name", "firstname", "given name", "forename", "vorname", "prenom", "nombre",
    ),
    Field.LAST_NAME: (
        "last name", "lastname", "surname", "family name", "nachname", "familienname",
        "nom de famille", "nom", "apellido", "apellidos",
    ),
    Field.NAME: (
        "name", "full name", "attendee name", "attendee", "participant", "guest", "guest name",
        "teilnehmer", "teilnehmername", "vollstandiger name", "nom complet", "participant",
        "nombre completo", "asistente", "participante",
    ),
    Field.EMAIL: (
        "email", "e-mail", "email address", "e-mail address", "attendee email", "mail",
        "e-mail-adresse", "emailadresse", "courriel", "adresse e-mail", "adresse email",
        "correo", "correo electronico", "email del asistente",
    ),
    Field.COMPANY: (
        "company", "organisation", "organization", "company name", "firma", "unternehmen",
        "organisation", "entreprise", "societe", "empresa", "organizacion",
    ),
    Field.TICKET_TYPE: (
        "ticket type", "ticket", "type", "ticket name", "product", "category", "ticketart",
        "tickettyp", "kategorie", "type de billet", "billet", "tarif", "tipo de entrada",
        "tipo de billete", "entrada",
    ),
    Field.BARCODE: (
        "barcode", "barcode #", "ticket code", "qr code", "code", "ticket secret", "secret",
        "strichcode", "barcode-nummer", "code-barres", "code barre", "codigo de barras",
        "codigo",
    ),
    Field.STATUS: (
        "status", "attendee status", "ticket status", "state", "statut", "estado",
    ),
}  # fmt: skip

NAME_HEADERS_HINT = "first/last name or a single name column"


def detect_preset(header: Sequence[str]) -> Preset | None:
    """The preset whose signature headers all appear in `header`, if any."""
    present = {normalise(h) for h in header}
    for preset in PRESETS.values():
        if all(normalise(h) in present for h in preset.signature):
            return preset
    return None


def column_map(
    header: Sequence[str], preset_name: str = "auto", overrides: Iterable[str] = ()
) -> ColumnMap:
    """Resolve the header to column indexes (see the module docstring).

    `overrides` are "FIELD=COLUMN" strings. Raises ColumnError for an unknown preset, a bad
    override, a column an override names that the header lacks, or no column for the name."""
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        positions.setdefault(normalise(title), index)
    if preset_name == "auto":
        preset = detect_preset(header)
    elif preset_name in PRESETS:
        preset = PRESETS[preset_name]
    else:
        raise ColumnError(
            f"unknown preset '{preset_name}' (presets: auto, " + ", ".join(PRESETS) + ")"
        )
    wanted: dict[Field, tuple[Column, ...]] = {}
    for name in Field:
        generic: tuple[Column, ...] = GENERIC[name]
        wanted[name] = (*preset.columns.get(name, ()), *generic) if preset else generic
        if preset and name in preset.columns and preset_name != "auto":
            wanted[name] = preset.columns[name]
    indexes = {name: _resolve(candidates, positions) for name, candidates in wanted.items()}
    _avoid_double_use(indexes)
    for override in overrides:
        name, column = _parse_override(override)
        if not column:
            indexes[name] = ()
            continue
        if normalise(column) not in positions:
            raise ColumnError(
                f"--map {override}: the file has no column '{column}' (columns: "
                + ", ".join(h for h in header if h)
                + ")"
            )
        indexes[name] = ((positions[normalise(column)],),)
    result = ColumnMap(preset.name if preset else "generic", indexes)
    if not (result.has(Field.NAME) or result.has(Field.FIRST_NAME) or result.has(Field.LAST_NAME)):
        raise ColumnError(
            "no column for the attendee's name (looked for "
            + NAME_HEADERS_HINT
            + "; columns: "
            + ", ".join(h for h in header if h)
            + "); name one with --map name=COLUMN"
        )
    if not (result.has(Field.EXTERNAL_ID) or result.has(Field.BARCODE)):
        raise ColumnError(
            "no column for the shop's ticket id, which recognises a row when the export is "
            "imported again (columns: "
            + ", ".join(h for h in header if h)
            + "); name one with --map external_id=COLUMN"
        )
    return result


def _resolve(
    candidates: Sequence[Column], positions: dict[str, int]
) -> tuple[tuple[int, ...], ...]:
    out: list[tuple[int, ...]] = []
    for candidate in candidates:
        parts = candidate.headers if isinstance(candidate, Joined) else (candidate,)
        if all(normalise(p) in positions for p in parts):
            found = tuple(positions[normalise(p)] for p in parts)
            if found not in out:
                out.append(found)
    return tuple(out)


def _avoid_double_use(indexes: dict[Field, tuple[tuple[int, ...], ...]]) -> None:
    """A column claimed by a specific field is not also read as a vaguer one: a sheet with
    "First name" + "Last name" + "Name of company" must not read the first name as `name`,
    and "Ticket ID" must not also be the ticket type."""
    claimed = {
        column
        for name in (Field.FIRST_NAME, Field.LAST_NAME, Field.EXTERNAL_ID, Field.ORDER)
        for column in indexes[name][:1]
    }
    if indexes[Field.FIRST_NAME] and indexes[Field.LAST_NAME]:
        indexes[Field.NAME] = tuple(c for c in indexes[Field.NAME] if c not in claimed)
    for name in (Field.TICKET_TYPE, Field.BARCODE, Field.NAME, Field.STATUS, Field.COMPANY):
        indexes[name] = tuple(c for c in indexes[name] if c not in claimed)


def _parse_override(text: str) -> tuple[Field, str]:
    name, sep, column = text.partition("=")
    if not sep:
        raise ColumnError(f"--map {text}: write FIELD=COLUMN, e.g. --map email='E-Mail'")
    try:
        return Field(name.strip()), column.strip()
    except ValueError:
        raise ColumnError(
            f"--map {text}: unknown field '{name.strip()}' (fields: "
            + ", ".join(f.value for f in Field)
            + ")"
        ) from None
