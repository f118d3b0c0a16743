"""Badge templates as data: one TOML file per template in `printing/badge_templates/`.

A template places each field in millimetres from the top-left corner of the badge, so the same
file drives the PDF renderer, the PNG preview and (in top-to-bottom order) the thermal ESC/POS
renderer. Unknown keys are refused so a typo in a template fails loudly at load time instead of
silently printing a field in the wrong place. The file format is described in docs/printing.md.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from printing.errors import TemplateError
from printing.name_fit import MAX_LINES

log = logging.getLogger(__name__)

#: The shipped templates (package data, so an installed Doorline has them); DOORLINE_BADGE_DIR
#: points elsewhere (a venue's own set).
DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent / "badge_templates"
QR_ERROR_LEVELS = ("L", "M", "Q", "H")


class TemplateKind(StrEnum):
    """Sheet templates become a PDF page; thermal templates also drive ESC/POS roll printers."""

    SHEET = "sheet"
    THERMAL = "thermal"


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres, measured from the badge's top-left corner."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class TextField:
    """A text placed in a box: it shrinks from `max_size_pt` and, below `wrap_below_pt`, wraps."""

    box: Box
    max_size_pt: float
    min_size_pt: float
    wrap_below_pt: float
    max_lines: int
    align: Align
    bold: bool
    colour: str


@dataclass(frozen=True)
class BandField:
    """The ticket-type colour band, with the ticket type written in it when `label` is set."""

    box: Box
    label: TextField | None


@dataclass(frozen=True)
class QrField:
    """The ticket code's QR: a square of `size_mm` including its quiet zone of `border_modules`."""

    x_mm: float
    y_mm: float
    size_mm: float
    error: str
    border_modules: int


@dataclass(frozen=True)
class EscposSettings:
    """How a thermal template maps onto an ESC/POS printer when the profile does not say."""

    profile: str
    print_width_dots: int
    dots_per_mm: float
    name_max_magnification: int
    text_max_magnification: int


@dataclass(frozen=True)
class BadgeTemplate:
    """One badge layout; `ticket_types` lists the ticket types that select it by default."""

    name: str
    title: str
    kind: TemplateKind
    width_mm: float
    height_mm: float
    default: bool
    ticket_types: tuple[str, ...]
    name_field: TextField
    qr: QrField
    band: BandField | None
    organisation: TextField | None
    event: TextField | None
    cups_media: str
    escpos: EscposSettings | None
    source: Path

    def suits_ticket_type(self, ticket_type: str) -> bool:
        wanted = ticket_type.casefold()
        return any(t.casefold() == wanted for t in self.ticket_types)


class _Table:
    """Reads one TOML table, remembering which keys were used so leftovers can be refused."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self._data = dict(data)
        self._where = where

    def take(self, key: str, kind: type, default: Any = ...) -> Any:
        if key not in self._data:
            if default is ...:
                raise TemplateError(f"{self._where}: missing '{key}'")
            return default
        value = self._data.pop(key)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TemplateError(f"{self._where}: '{key}' should be {kind.__name__}")
        return value

    def table(self, key: str, required: bool = True) -> _Table | None:
        value = self.take(key, dict, None if not required else ...)
        return None if value is None else _Table(value, f"{self._where} [{key}]")

    def finish(self) -> None:
        if self._data:
            raise TemplateError(f"{self._where}: unknown key(s) {', '.join(sorted(self._data))}")


def _box(table: _Table) -> Box:
    box = Box(
        x_mm=table.take("x_mm", float),
        y_mm=table.take("y_mm", float),
        width_mm=table.take("width_mm", float),
        height_mm=table.take("height_mm", float),
    )
    if box.width_mm <= 0 or box.height_mm <= 0:
        raise TemplateError(f"{table._where}: width and height must be positive")
    return box


def _text(table: _Table, box: Box | None = None, prefix: str = "") -> TextField:
    size = table.take(f"{prefix}size_pt", float)
    field = TextField(
        box=box or _box(table),
        max_size_pt=size,
        min_size_pt=table.take(f"{prefix}min_size_pt", float, min(size, 7.0)),
        wrap_below_pt=table.take(f"{prefix}wrap_below_pt", float, 0.0),
        max_lines=table.take(f"{prefix}max_lines", int, 1),
        align=Align(table.take(f"{prefix}align", str, "center")),
        bold=table.take(f"{prefix}bold", bool, False),
        colour=table.take(f"{prefix}colour", str, "#000000"),
    )
    if not 1 <= field.max_lines <= MAX_LINES:
        raise TemplateError(f"{table._where}: max_lines must be 1 to {MAX_LINES}")
    if not 0 < field.min_size_pt <= field.max_size_pt:
        raise TemplateError(f"{table._where}: need 0 < min_size_pt <= size_pt")
    return field


def _band(table: _Table) -> BandField:
    box = _box(table)
    label = _text(table, box, prefix="label_") if "label_size_pt" in table._data else None
    return BandField(box=box, label=label)


def _qr(table: _Table) -> QrField:
    error = table.take("error", str, "M").upper()
    if error not in QR_ERROR_LEVELS:
        raise TemplateError(f"{table._where}: error must be one of {', '.join(QR_ERROR_LEVELS)}")
    return QrField(
        x_mm=table.take("x_mm", float),
        y_mm=table.take("y_mm", float),
        size_mm=table.take("size_mm", float),
        error=error,
        border_modules=table.take("border_modules", int, 2),
    )


def _escpos(table: _Table) -> EscposSettings:
    return EscposSettings(
        profile=table.take("profile", str, "default"),
        print_width_dots=table.take("print_width_dots", int),
        dots_per_mm=table.take("dots_per_mm", float, 8.0),
        name_max_magnification=table.take("name_max_magnification", int, 3),
        text_max_magnification=table.take("text_max_magnification", int, 1),
    )


def _optional(top: _Table, key: str, reader: Any) -> Any:
    table = top.table(key, required=False)
    if table is None:
        return None
    value = reader(table)
    table.finish()
    return value


def parse_template(data: Mapping[str, Any], source: Path) -> BadgeTemplate:
    """Turn one parsed TOML document into a template, refusing unknown or missing keys."""
    top = _Table(data, source.name)
    kind = TemplateKind(top.take("kind", str))
    template = BadgeTemplate(
        name=top.take("name", str, source.stem),
        title=top.take("title", str, source.stem),
        kind=kind,
        width_mm=top.take("width_mm", float),
        height_mm=top.take("height_mm", float),
        default=top.take("default", bool, False),
        ticket_types=tuple(top.take("ticket_types", list, [])),
        cups_media=top.take("cups_media", str, ""),
        name_field=_optional(top, "attendee", _text),
        qr=_optional(top, "qr", _qr),
        band=_optional(top, "band", _band),
        organisation=_optional(top, "organisation", _text),
        event=_optional(top, "event", _text),
        escpos=_optional(top, "escpos", _escpos),
        source=source,
    )
    top.finish()
    if template.name_field is None or template.qr is None:
        raise TemplateError(
            f"{source.name}: a badge needs an [attendee] (the name) and a [qr] table"
        )
    if kind is TemplateKind.THERMAL and template.escpos is None:
        raise TemplateError(f"{source.name}: a thermal template needs an [escpos] table")
    return template


def load_template(path: Path) -> BadgeTemplate:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise TemplateError(f"cannot read badge template {path}: {error}") from error
    return parse_template(data, path)


class TemplateLibrary:
    """All templates of one folder, by name, with the rule that picks one for a badge."""

    def __init__(self, templates: list[BadgeTemplate]) -> None:
        self._by_name = {t.name: t for t in sorted(templates, key=lambda t: t.name)}
        self._warned: set[tuple[str, TemplateKind]] = set()  # log a stale name once, not per badge

    def __iter__(self) -> Iterator[BadgeTemplate]:
        return iter(self._by_name.values())

    def names(self) -> list[str]:
        return list(self._by_name)

    def get(self, name: str) -> BadgeTemplate:
        try:
            return self._by_name[name]
        except KeyError:
            known = ", ".join(self._by_name) or "none"
            raise TemplateError(f"no badge template named '{name}' (known: {known})") from None

    def choose(
        self,
        kind: TemplateKind,
        ticket_type: str = "",
        *,
        required: str | None = None,
        preferred: tuple[str | None, ...] = (),
    ) -> BadgeTemplate:
        """Pick the template for a badge on a printer of `kind`.

        `required` is an operator's explicit choice: it must exist and suit the printer, or this
        fails. `preferred` names (the station's choice for the ticket, the printer's own) are
        tried in order and skipped with a log line when missing or unsuitable, so one stale name
        cannot stop a door's badges. Then a template listing the ticket type, then the default.
        """
        if required:
            template = self.get(required)
            if not self._suits(template, kind):
                raise TemplateError(
                    f"template '{required}' is a {template.kind.value} layout and cannot print"
                    f" on a {kind.value} printer"
                )
            return template
        for name in preferred:
            if name and name in self._by_name and self._suits(self._by_name[name], kind):
                return self._by_name[name]
            if name and (name, kind) not in self._warned:
                self._warned.add((name, kind))
                if name in self._by_name:  # a sheet layout on a roll printer: expected, not a fault
                    log.debug("badge template %s is not for %s printers", name, kind)
                else:
                    log.warning("badge template %s does not exist; using another", name)
        of_kind = [t for t in self if t.kind is kind]
        for template in of_kind:
            if ticket_type and template.suits_ticket_type(ticket_type):
                return template
        for template in of_kind:
            if template.default:
                return template
        if of_kind:
            return of_kind[0]
        raise TemplateError(f"no {kind.value} badge template is installed")

    @staticmethod
    def _suits(template: BadgeTemplate, kind: TemplateKind) -> bool:
        """Any template renders as a PDF page; only thermal ones can go to a roll printer."""
        return kind is TemplateKind.SHEET or template.kind is TemplateKind.THERMAL


def template_dir() -> Path:
    return Path(os.environ.get("DOORLINE_BADGE_DIR") or DEFAULT_TEMPLATE_DIR)


@cache
def _load_library(directory: Path) -> TemplateLibrary:
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise TemplateError(f"no badge templates found in {directory}")
    return TemplateLibrary([load_template(p) for p in paths])


def load_library(directory: Path | None = None) -> TemplateLibrary:
    """The templates of `directory` (default: the shipped ones), parsed once per process."""
    return _load_library((directory or template_dir()).resolve())
