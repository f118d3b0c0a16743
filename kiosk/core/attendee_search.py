"""Finding attendees without their ticket: door staff by name or code, attendees by
confirmation code or surname + e-mail (that booking's tickets, never a browsable list)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.merge import TicketState
from kiosk.domain.name_match import same_surname
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


SHOWN = 20  # the door lists this many; more means "type more"
COUNTED = 200  # matches counted beyond what is shown ("20 of 200+")


@dataclass(frozen=True)
class DoorSearch:
    """The first `SHOWN` matches, each with where its holder is now, and how many matched
    in all (`total`, at most `COUNTED`; `more` when there were even more)."""

    matches: list[AttendeeMatch]
    states: list[TicketState]
    total: int
    more: bool


def door_search(replica: StationStore, text: str) -> DoorSearch:
    """Door staff search, with each person's state (inside, left, not yet) and the count."""
    found = search(replica, text, COUNTED + 1)
    shown = found[:SHOWN]
    states = [replica.ticket_state(m.ticket.ticket_id) for m in shown]
    return DoorSearch(shown, states, min(len(found), COUNTED), len(found) > COUNTED)


def find_by_confirmation(replica: StationStore, code: str) -> AttendeeMatch | None:
    """The ticket with this confirmation code (scanner noise, spaces, dashes, case aside)."""
    return replica.attendee_by_confirmation(read_scanned(code).cleaned)


def find_by_surname_and_email(
    replica: StationStore, surname: str, email: str
) -> list[AttendeeMatch]:
    """Self-check-in lookup: the tickets booked under `email` whose surname is `surname`
    however it was typed (case, accents, transliteration: `Nunez-Oster` finds
    `Núñez-Øster`, `Mueller` finds `Müller`). Several for a family or group booking; none
    when either does not match. Never a ticket of another e-mail or another surname."""
    if not surname.strip() or "@" not in email:
        return []
    matches = replica.attendees_by_email(email)
    return [m for m in matches if same_surname(surname, m.ticket.last_name)]
