"""Finding attendees without their ticket: door staff by name or code, attendees by
confirmation code or surname + e-mail (an exact match, never a browsable list)."""

from __future__ import annotations

from kiosk.domain.scanned_text import read_scanned, verify_scanned
from kiosk.domain.ticket_codec import CodeRefusal
from kiosk.station_store import AttendeeMatch, StationStore


def search(replica: StationStore, text: str, limit: int = 20) -> list[AttendeeMatch]:
    """Door staff search: a ticket code (scanned or typed, read like any scan, so a link or a
    foreign keyboard layout finds it too) or a confirmation code finds its one ticket;
    otherwise every word is a name prefix, up to `limit` matches by surname."""
    exact = find_by_ticket_code(replica, text) or find_by_confirmation(replica, text)
    if exact is not None:
        return [exact]
    return replica.search_attendees(text, limit)


def find_by_ticket_code(replica: StationStore, text: str) -> AttendeeMatch | None:
    """The ticket a scanned or typed ticket code names, if its signature verifies."""
    scanned = read_scanned(text)
    if scanned.ticket_shaped() is None:
        return None
    checked = verify_scanned(scanned, replica.keyring(), replica.event_id).checked
    if isinstance(checked, CodeRefusal):
        return None
    return replica.attendee_by_ticket(checked.ticket_id)


def find_by_confirmation(replica: StationStore, code: str) -> AttendeeMatch | None:
    """The ticket with this confirmation code (scanner noise, spaces, dashes, case aside)."""
    return replica.attendee_by_confirmation(read_scanned(code).cleaned)


def find_by_surname_and_email(
    replica: StationStore, surname: str, email: str
) -> AttendeeMatch | None:
    """Self-check-in lookup: both must match one ticket, or nothing is shown."""
    if not surname.strip() or "@" not in email:
        return None
    wanted = surname.strip().casefold()
    hits = [m for m in replica.attendees_by_email(email) if m.ticket.last_name.casefold() == wanted]
    return hits[0] if len(hits) == 1 else None
