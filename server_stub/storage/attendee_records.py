"""Attendees from a ticket shop written to the server database: all or nothing, re-importable.

`AttendeeImports.import_attendees(event_id, rows, ...)` takes the rows of one export (see
`server_stub.attendee_rows`) and, in one transaction, adds tickets for new `external_id`s,
updates names, e-mails, companies, types and barcodes that changed, and moves each ticket's
admission as `server_stub.shop_status.import_change` decides: unpaid tickets are refused until
a file shows them paid, cancelled ones are revoked, and nothing a file says moves a ticket
backwards (a cancellation or an operator's revocation stays; the counts say how many). So
importing the same file twice changes nothing, and loading an older export after a newer one
reinstates nobody. Tickets absent from a later export are kept: shops export filtered lists,
and a missing row is not a refund.

A type change re-signs the ticket's Doorline code (the type is inside the signed code).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kiosk.domain.external_code import MAX_EXTERNAL_CODE, normalise_external_code
from kiosk.domain.reasons import UNPAID_REVOCATION
from kiosk.domain.ticket_codec import TicketClaims, encode
from server_stub.attendee_rows import AttendeeRow, BadRow
from server_stub.shop_status import Change, Standing, import_change, shop_status
from server_stub.storage.catalog import EventCatalog, now_ms, stored_contact_hashes
from server_stub.storage.change_counter import next_change
from server_stub.storage.database import Database, Tx
from server_stub.storage.interface import IssuedTicket, StoreError

SHOP_REVOCATION = "cancelled in the ticket shop"
UNPAID_BLOCK = UNPAID_REVOCATION  # the station reads it as its own reason (Reason.NOT_PAID)
_IMPORT_REASONS = (SHOP_REVOCATION, UNPAID_BLOCK)
DEFAULT_NEW_TYPE_COLOUR = "#607D8B"


class ImportRefused(StoreError):
    """The import would be wrong as a whole (bad rows without --skip-bad-rows, unknown types)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class KeptTicket:
    """A row whose status would have moved its ticket backwards (an older export, or a ticket
    an operator decided about): the server's state stands. `line` is the file's line."""

    line: int
    external_id: str
    ticket_id: int
    status_word: str


@dataclass
class ImportSummary:
    """One import's counts. Each written row is one of added (new, admitted), unpaid (new, not
    paid yet: refused until a file shows it paid), revoked (cancelled now), updated (fields
    changed, or now paid) or unchanged; `kept_revoked` and `kept_valid` list rows whose status
    the server's state overrode; `statuses` counts the rows per status word of the file."""

    added: int = 0
    updated: int = 0
    revoked: int = 0
    unpaid: int = 0
    unchanged: int = 0
    skipped: list[BadRow] = field(default_factory=list)
    kept_revoked: list[KeptTicket] = field(default_factory=list)
    kept_valid: list[KeptTicket] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    created_types: list[str] = field(default_factory=list)
    issued: list[IssuedTicket] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The shape the CLI contract names (issue 12 §2: added, updated, revoked, unchanged,
        skipped), plus unpaid, the kept tickets and the rows per status word."""

        def kept(tickets: list[KeptTicket]) -> list[dict[str, Any]]:
            return [
                {"line": k.line, "external_id": k.external_id, "ticket_id": k.ticket_id,
                 "status": k.status_word}
                for k in tickets
            ]  # fmt: skip

        return {
            "added": self.added,
            "updated": self.updated,
            "revoked": self.revoked,
            "unpaid": self.unpaid,
            "unchanged": self.unchanged,
            "skipped": [{"line": b.line, "reason": b.reason} for b in self.skipped],
            "kept_revoked": kept(self.kept_revoked),
            "kept_valid": kept(self.kept_valid),
            "statuses": [
                {"status": word, "meaning": str(shop_status(word)), "rows": rows}
                for word, rows in self.statuses.items()
            ],
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back after counting."""


class AttendeeImports:
    """`AttendeeImport` over a `Database`."""

    def __init__(self, db: Database, catalog: EventCatalog) -> None:
        self.db = db
        self.catalog = catalog

    def import_attendees(
        self,
        event_id: int,
        rows: Iterable[AttendeeRow | BadRow],
        skip_bad_rows: bool = False,
        create_types: bool = False,
        dry_run: bool = False,
    ) -> ImportSummary:
        """Write one export's rows (see the module docstring); returns the counts.

        Raises ImportRefused naming the first bad row's line (unless `skip_bad_rows`), or the
        unknown ticket types with the event's type names (unless `create_types`). StoreError for an
        unknown event. With `dry_run` everything is decided and counted, and nothing is written."""
        self.catalog.event(event_id)
        summary = ImportSummary()
        good: list[AttendeeRow] = []
        for row in rows:
            if isinstance(row, BadRow):
                if not skip_bad_rows:
                    raise ImportRefused(f"{row.reason} (nothing was imported)", row.line)
                summary.skipped.append(row)
            else:
                good.append(row)
        try:
            with self.db.transaction() as conn:
                types = _type_ids(conn, event_id, good, create_types, summary)
                _Writer(self.catalog, conn, event_id, types, summary, skip_bad_rows).write(good)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            summary.issued = []
        return summary


def _type_ids(
    conn: Tx,
    event_id: int,
    rows: list[AttendeeRow],
    create: bool,
    summary: ImportSummary,
) -> dict[str, int]:
    """Row type name -> type id: exact name, then case-insensitive; a single type serves rows
    without one. Unknown names are refused with the list, or created with `create`."""
    stored = dict(
        conn.execute("SELECT name, id FROM ticket_types WHERE event_id = ?", (event_id,)).fetchall()
    )
    folded = {name.casefold(): tid for name, tid in stored.items()}
    out: dict[str, int] = {}
    missing: dict[str, int] = {}
    for row in rows:
        name = row.ticket_type
        if name in out or name in missing:
            continue
        if not name and len(stored) == 1:
            out[name] = next(iter(stored.values()))
        elif name in stored:
            out[name] = stored[name]
        elif name.casefold() in folded:
            out[name] = folded[name.casefold()]
        else:
            missing[name] = row.line
    if not missing:
        return out
    if not create or "" in missing:
        name, line = next(iter(missing.items()))
        listed = ", ".join(f"'{n}'" for n in sorted(stored)) or "none yet"
        if not name:
            raise ImportRefused(
                f"no ticket type, and the event has several (types: {listed}); map the "
                "column with --map ticket_type=COLUMN",
                line,
            )
        unknown = ", ".join(f"'{n}'" for n in missing)
        raise ImportRefused(
            f"unknown ticket type(s) {unknown} (the event's types: {listed}); add them to the "
            "event file, or import with --create-types",
            line,
        )
    taken = set(stored.values())
    free = (i for i in range(256) if i not in taken)
    for name in missing:
        type_id = next(free, None)
        if type_id is None:
            raise ImportRefused("an event holds at most 256 ticket types")
        conn.execute(
            "INSERT INTO ticket_types (event_id, id, name, colour, template, change_seq) "
            "VALUES (?, ?, ?, ?, 'badge-4x3', ?)",
            (event_id, type_id, name, DEFAULT_NEW_TYPE_COLOUR, next_change(conn)),
        )
        out[name] = type_id
        summary.created_types.append(name)
    return out


class _Writer:
    """One import's writes inside its transaction."""

    def __init__(
        self,
        catalog: EventCatalog,
        conn: Tx,
        event_id: int,
        types: dict[str, int],
        summary: ImportSummary,
        skip_bad_rows: bool,
    ) -> None:
        self.catalog = catalog
        self.conn = conn
        self.event_id = event_id
        self.types = types
        self.summary = summary
        self.skip = skip_bad_rows
        self.existing = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT external_id, id, type_id, first_name, last_name, email, organisation, "
                "external_code, order_ref FROM tickets WHERE event_id = ? AND external_id "
                "IS NOT NULL",
                (event_id,),
            )
        }
        self.code_owner: dict[str, str] = {
            r[0]: r[1]
            for r in conn.execute(
                "SELECT external_code, coalesce(external_id, '#' || id) FROM tickets "
                "WHERE event_id = ? AND external_code IS NOT NULL",
                (event_id,),
            )
        }
        self.standing = {
            r[0]: _standing(bool(r[1]), r[2] or "")
            for r in conn.execute(
                "SELECT ticket_id, revoked, reason FROM revocations WHERE event_id = ?",
                (event_id,),
            )
        }

    def refuse(self, row: AttendeeRow, reason: str) -> bool:
        if not self.skip:
            raise ImportRefused(f"{reason} (nothing was imported)", row.line)
        self.summary.skipped.append(BadRow(row.line, reason))
        return False

    def external_code(self, row: AttendeeRow) -> tuple[bool, str | None]:
        """(usable, the row's normalised barcode or None); not usable when refused."""
        code = normalise_external_code(row.barcode)
        if not code:
            return True, None
        if len(code) > MAX_EXTERNAL_CODE:
            return self.refuse(row, f"barcode longer than {MAX_EXTERNAL_CODE} characters"), None
        owner = self.code_owner.get(code)
        if owner is not None and (owner != row.external_id or not owner):
            reason = f"barcode '{row.barcode}' already belongs to ticket {owner}"
            return self.refuse(row, reason), None
        self.code_owner[code] = row.external_id
        return True, code

    def write(self, rows: list[AttendeeRow]) -> None:
        new: list[tuple[AttendeeRow, str | None]] = []
        for row in rows:
            usable, code = self.external_code(row)
            if not usable:
                continue
            statuses = self.summary.statuses
            statuses[row.status_word] = statuses.get(row.status_word, 0) + 1
            current = self.existing.get(row.external_id) if row.external_id else None
            if current is None:
                new.append((row, code))
            else:
                self.update(row, code, current)
        if new:
            self.add(new)

    def add(self, rows: list[tuple[AttendeeRow, str | None]]) -> None:
        people = [
            {
                "first_name": row.first_name,
                "last_name": row.last_name,
                "email": row.email,
                "organisation": row.company,
                "type_id": self.types[row.ticket_type],
                "external_id": row.external_id or None,
                "external_code": code,
                "order_ref": row.order or None,
            }
            for row, code in rows
        ]
        issued = self.catalog.issue_tickets(self.event_id, people)  # joins this transaction
        self.summary.issued = issued
        for (row, _code), ticket in zip(rows, issued, strict=True):
            change = import_change(Standing.NEW, row.status)
            self.apply(row, ticket.ticket_id, change)
            if change is Change.REVOKE:
                self.summary.revoked += 1
            elif change is Change.BLOCK_UNPAID:
                self.summary.unpaid += 1
            else:
                self.summary.added += 1

    def update(self, row: AttendeeRow, code: str | None, current: tuple[Any, ...]) -> None:
        ticket_id, type_id, first, last, email, company, old_code, order_ref = current
        type_wanted = self.types[row.ticket_type]
        wanted = (row.first_name, row.last_name, row.email, row.company, code, row.order or None)
        changed = (first, last, email, company or "", old_code, order_ref) != wanted
        if changed or type_id != type_wanted:
            self.rewrite(ticket_id, type_id, type_wanted, row, code)
        standing = self.standing.get(ticket_id, Standing.VALID)
        change = import_change(standing, row.status)
        self.apply(row, ticket_id, change)
        if change is Change.REVOKE:
            self.summary.revoked += 1
        elif change is Change.LIFT_PAID or changed or type_id != type_wanted:
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1

    def apply(self, row: AttendeeRow, ticket_id: int, change: Change) -> None:
        """Write `change` to the ticket's revocation, or note the row it was kept against."""
        if change is Change.REVOKE:
            self.revoke(ticket_id, True, SHOP_REVOCATION)
        elif change is Change.BLOCK_UNPAID:
            self.revoke(ticket_id, True, UNPAID_BLOCK)
        elif change is Change.LIFT_PAID:
            self.revoke(ticket_id, False, UNPAID_BLOCK)
        elif change in (Change.KEEP_REVOKED, Change.KEEP_VALID):
            kept = KeptTicket(row.line, row.external_id, ticket_id, row.status_word)
            if change is Change.KEEP_REVOKED:
                self.summary.kept_revoked.append(kept)
            else:
                self.summary.kept_valid.append(kept)

    def rewrite(
        self, ticket_id: int, old_type: int, new_type: int, row: AttendeeRow, code: str | None
    ) -> None:
        contact_key = bytes.fromhex(self.catalog.event(self.event_id)["contact_key"])
        email_hash, phone_hash = stored_contact_hashes(contact_key, row.email, None)
        signed = None
        if old_type != new_type:
            claims = TicketClaims(self.event_id, ticket_id, new_type, None, None)
            signed = encode(claims, self.catalog.signing_key(self.event_id))
        self.conn.execute(
            "UPDATE tickets SET type_id = ?, code = coalesce(?, code), first_name = ?, "
            "last_name = ?, email = ?, organisation = ?, email_hash = ?, external_code = ?, "
            "order_ref = ?, change_seq = ? WHERE event_id = ? AND id = ?",
            (
                new_type,
                signed,
                row.first_name,
                row.last_name,
                row.email,
                row.company,
                email_hash,
                code,
                row.order or None,
                next_change(self.conn),
                self.event_id,
                ticket_id,
            ),
        )
        del phone_hash  # imports carry no phone numbers; the stored hash stays as it was

    def revoke(self, ticket_id: int, revoked: bool, reason: str) -> None:
        self.conn.execute(
            "INSERT INTO revocations (event_id, ticket_id, reason, revoked_ms, revoked, "
            "change_seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, ticket_id) "
            "DO UPDATE SET reason = excluded.reason, revoked_ms = excluded.revoked_ms, "
            "revoked = excluded.revoked, change_seq = excluded.change_seq",
            (
                self.event_id,
                ticket_id,
                reason,
                now_ms(),
                int(revoked),
                next_change(self.conn),
            ),
        )
        self.standing[ticket_id] = _standing(revoked, reason)


def _standing(revoked: bool, reason: str) -> Standing:
    """A ticket's standing from its revocation row (`revoked`, `reason`): the import's own
    reasons tell its revocations from an operator's (`doorline server revoke [--lift]`)."""
    if not revoked:
        return Standing.VALID if reason in _IMPORT_REASONS else Standing.LIFTED_BY_OPERATOR
    if reason == SHOP_REVOCATION:
        return Standing.CANCELLED
    if reason == UNPAID_BLOCK:
        return Standing.UNPAID
    return Standing.REVOKED_BY_OPERATOR
