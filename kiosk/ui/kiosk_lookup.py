"""Finding an attendee's tickets at the kiosk, as candidates to offer (no Qt here).

By confirmation code: that one ticket. By surname + e-mail: every ticket booked under that
e-mail whose surname is the same name however it was typed (case, accents, transliteration:
`kiosk.domain.name_match`), so a family or a group sees its own tickets — and nobody else's.
Each candidate says whether the ticket was already used, so the kiosk can say so before it
asks "Is this you?". Runs on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.attendee_search import find_by_confirmation, find_by_surname_and_email
from kiosk.core.station import Station
from kiosk.domain.verdicts import Verdict
from kiosk.station_store import AttendeeMatch
from kiosk.ui.kiosk_flow import Candidate, UsedBefore


@dataclass(frozen=True)
class Lookup:
    """What a lookup found: no candidate, one, or the tickets of one booking."""

    candidates: list[Candidate]


def _candidate(station: Station, match: AttendeeMatch) -> Candidate:
    t = match.ticket
    preview = station.entry_preview(t.ticket_id)
    used = None
    if preview.verdict is Verdict.ALREADY_CHECKED_IN and preview.previous is not None:
        gate = station.replica.gate_name(preview.previous.gate_id) or None
        used = UsedBefore(preview.previous.wall_ms, gate)
    return Candidate(t.ticket_id, t.display_name, t.type_name, first_name=t.first_name, used=used)


def find_by_code(station: Station, code: str) -> Lookup:
    match = find_by_confirmation(station.replica, code)
    return Lookup([] if match is None else [_candidate(station, match)])


def find_by_contact(station: Station, surname: str, email: str) -> Lookup:
    matches = find_by_surname_and_email(station.replica, surname, email)
    ordered = sorted(matches, key=lambda m: (m.ticket.first_name.casefold(), m.ticket.ticket_id))
    return Lookup([_candidate(station, m) for m in ordered])
