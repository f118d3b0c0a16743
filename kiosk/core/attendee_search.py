"""Finding attendees without their ticket: door staff by name or code, attendees by
confirmation code or surname + e-mail (an exact match, never a browsable list)."""

from __future__ import annotations

from kiosk.station_store import AttendeeMatch, StationStore


def search(replica: StationStore, text: str, limit: int = 20) -> list[AttendeeMatch]:
    """Door staff search: a confirmation code finds its one ticket; otherwise every word is a
    name prefix, up to `limit` matches by surname."""
    exact = replica.attendee_by_confirmation(text)
    if exact is not None:
        return [exact]
    return replica.search_attendees(text, limit)


def find_by_confirmation(replica: StationStore, code: str) -> AttendeeMatch | None:
    return replica.attendee_by_confirmation(code)


def find_by_surname_and_email(
    replica: StationStore, surname: str, email: str
) -> AttendeeMatch | None:
    """Self-check-in lookup: both must match one ticket, or nothing is shown."""
    if not surname.strip() or "@" not in email:
        return None
    wanted = surname.strip().casefold()
    hits = [m for m in replica.attendees_by_email(email) if m.ticket.last_name.casefold() == wanted]
    return hits[0] if len(hits) == 1 else None
