"""What a ticket shop's status word means at the door, and what an import does with it.

A shop moves a ticket forward through three states: not paid yet → paid (or free) → cancelled
(refunded, voided). Organisers re-import exports as sales come in, and sometimes load an
older file after a newer one (Monday's CSV after Tuesday's). So an import only ever moves a
ticket forward:

- a cancellation is never undone by a file: a ticket the shop cancelled, or an operator
  revoked, stays revoked whatever a later file says, until an operator lifts it
  (`doorline server revoke --lift`); the import reports how many it kept;
- an unpaid ticket is refused at the door until a file shows it paid; a ticket already paid
  is not sent back to unpaid by a file that says pending (an older export), and an operator's
  lifting of a revocation is not undone by a file that still says cancelled; both are
  reported.

The words per shop (checked against each shop's own exporter or documentation):
- pretix, order data → order positions, `Status` (the order's status, pretix's `Order.status`:
  n pending, p paid, e expired, c canceled): paid → valid; pending and expired (the payment
  deadline passed; pretix can still accept a late payment) → unpaid; canceled → cancelled.
- Eventbrite, attendee summary report, `Attendee Status`: Attending, Checked In → valid;
  Not Attending, Refunded, Cancelled, Deleted, Transferred → cancelled; Pending, Unpaid
  (deferred payment methods awaiting settlement) → unpaid.
- Ticket Tailor, issued tickets, `Status`: valid → valid; voided (irreversible in Ticket
  Tailor) → cancelled.
- Hi.Events, attendees export, `Status` (its `AttendeeStatus`: ACTIVE, AWAITING_PAYMENT,
  CANCELLED): active → valid; awaiting payment (offline payment not received) → unpaid;
  cancelled → cancelled.
- Generic files: the same words in English, German, French and Spanish.
"""

from __future__ import annotations

import functools
from enum import StrEnum

from server_stub.attendee_columns import normalise


class ShopStatus(StrEnum):
    """What a row's status word means for admission."""

    VALID = "valid"  # paid, free, attending: admitted
    UNPAID = "unpaid"  # pending, awaiting payment, expired reservation: refused until paid
    CANCELLED = "cancelled"  # cancelled, refunded, voided: revoked


def _keys(*words: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in words)


_WORDS: dict[ShopStatus, frozenset[str]] = {
    ShopStatus.VALID: _keys(
        "", "valid", "active", "attending", "checked in", "not checked in", "paid", "completed",
        "complete", "confirmed", "manual", "free order", "free", "placed", "approved", "bezahlt",
        "gültig", "aktiv", "bestätigt", "payé", "payée", "valide", "confirmé", "confirmée",
        "pagado", "pagada", "válido", "válida", "activo", "activa", "confirmado", "confirmada",
    ),
    ShopStatus.UNPAID: _keys(
        "pending", "unpaid", "not paid", "awaiting payment", "payment pending", "pending payment",
        "awaiting approval", "approval pending", "expired",
        "ausstehend", "offen", "unbezahlt", "nicht bezahlt", "zahlung ausstehend", "abgelaufen",
        "en attente", "en attente de paiement", "impayé", "impayée", "non payé", "non payée",
        "expiré", "expirée", "pendiente", "pendiente de pago", "no pagado", "no pagada",
        "impagado", "impagada", "caducado", "caducada", "vencido", "vencida",
    ),
    ShopStatus.CANCELLED: _keys(
        "cancelled", "canceled", "refunded", "void", "voided", "deleted", "not attending",
        "transferred", "invalid", "invalidated", "refunded/canceled",
        "storniert", "erstattet", "rückerstattet", "annulliert", "ungültig", "annulé", "annulée",
        "remboursé", "remboursée", "cancelado", "cancelada", "reembolsado", "reembolsada",
        "anulado", "anulada",
    ),
}  # fmt: skip
_MEANING = {key: status for status, keys in _WORDS.items() for key in keys}


@functools.lru_cache(maxsize=256)
def shop_status(text: str) -> ShopStatus | None:
    """The meaning of a status cell (`text` as the file has it; compared case-, accent-,
    space- and punctuation-insensitively, so 'AWAITING_PAYMENT' is 'Awaiting payment'), None
    for a word none of the shops uses. Cached: an export repeats a handful of words."""
    return _MEANING.get(normalise(text))


class Standing(StrEnum):
    """A ticket on the server before an import, as far as the import is concerned."""

    NEW = "new"  # not on the server yet
    VALID = "valid"  # no revocation (or the import lifted its own unpaid block)
    UNPAID = "unpaid"  # blocked by an import: unpaid in the shop
    CANCELLED = "cancelled"  # revoked by an import: cancelled in the shop
    REVOKED_BY_OPERATOR = "revoked_by_operator"
    LIFTED_BY_OPERATOR = "lifted_by_operator"  # an operator lifted a revocation


class Change(StrEnum):
    """What an import does to a ticket's admission, given its standing and the row's status."""

    NONE = "none"
    BLOCK_UNPAID = "block_unpaid"  # refuse it until paid
    LIFT_PAID = "lift_paid"  # lift the import's own unpaid block: paid now
    REVOKE = "revoke"  # cancelled in the shop
    KEEP_REVOKED = "keep_revoked"  # the file says valid or unpaid; the server's revocation stays
    KEEP_VALID = "keep_valid"  # the file says unpaid/cancelled; paid or lifted before, it stays


_CHANGES: dict[tuple[Standing, ShopStatus], Change] = {
    (Standing.NEW, ShopStatus.VALID): Change.NONE,
    (Standing.NEW, ShopStatus.UNPAID): Change.BLOCK_UNPAID,
    (Standing.NEW, ShopStatus.CANCELLED): Change.REVOKE,
    (Standing.VALID, ShopStatus.VALID): Change.NONE,
    (Standing.VALID, ShopStatus.UNPAID): Change.KEEP_VALID,
    (Standing.VALID, ShopStatus.CANCELLED): Change.REVOKE,
    (Standing.UNPAID, ShopStatus.VALID): Change.LIFT_PAID,
    (Standing.UNPAID, ShopStatus.UNPAID): Change.NONE,
    (Standing.UNPAID, ShopStatus.CANCELLED): Change.REVOKE,
    (Standing.CANCELLED, ShopStatus.VALID): Change.KEEP_REVOKED,
    (Standing.CANCELLED, ShopStatus.UNPAID): Change.KEEP_REVOKED,
    (Standing.CANCELLED, ShopStatus.CANCELLED): Change.NONE,
    (Standing.REVOKED_BY_OPERATOR, ShopStatus.VALID): Change.KEEP_REVOKED,
    (Standing.REVOKED_BY_OPERATOR, ShopStatus.UNPAID): Change.KEEP_REVOKED,
    (Standing.REVOKED_BY_OPERATOR, ShopStatus.CANCELLED): Change.NONE,
    (Standing.LIFTED_BY_OPERATOR, ShopStatus.VALID): Change.NONE,
    (Standing.LIFTED_BY_OPERATOR, ShopStatus.UNPAID): Change.KEEP_VALID,
    (Standing.LIFTED_BY_OPERATOR, ShopStatus.CANCELLED): Change.KEEP_VALID,
}


def import_change(standing: Standing, status: ShopStatus) -> Change:
    """The one rule of the module docstring: a ticket only moves forward (unpaid → paid →
    cancelled), and an operator's decision stands over any file."""
    return _CHANGES[(standing, status)]
