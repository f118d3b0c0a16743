"""A ticket shop's own barcode, as Doorline stores and compares it.

Organisers import attendees from the shop where tickets were sold (Eventbrite, pretix, Ticket
Tailor, Hi.Events...), and attendees arrive with the shop's barcode, not Doorline's signed code.
The server stores each imported barcode normalised by `normalise_external_code`, stations do the
same to what a scanner read, and a ticket matches on exact equality of the two. Unlike Doorline's
code a shop barcode carries no signature: a station can only accept one its replica already
holds (docs/ticket-format.md, "The shop's own barcode").
"""

from __future__ import annotations

MAX_EXTERNAL_CODE = 200  # longer imported barcodes are refused, never truncated


def normalise_external_code(text: str) -> str:
    """The comparable form of a scanned or imported barcode: surrounding whitespace and control
    characters (a scanner's CR/LF/TAB suffix) removed, inner whitespace removed, letters in
    upper case. Returns "" for text that holds no code."""
    cleaned = "".join(text.split())
    if not cleaned.isprintable():
        cleaned = "".join(ch for ch in cleaned if ch.isprintable())
    return cleaned.upper()
