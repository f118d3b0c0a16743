"""Finding an attendee's ticket at the kiosk, as candidates to offer (no Qt here): by
confirmation code, or by surname + e-mail. Runs on a worker thread."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.attendee_search import find_by_confirmation, find_by_surname_and_email
from kiosk.core.station import Station
from kiosk.station_store import AttendeeMatch
from kiosk.ui.kiosk_flow import Candidate


@dataclass(frozen=True)
class Lookup:
    candidates: list[Candidate]


def _candidate(match: AttendeeMatch) -> Candidate:
    t = match.ticket
    return Candidate(t.ticket_id, t.display_name, t.type_name, first_name=t.first_name)


def find_by_code(station: Station, code: str) -> Lookup:
    match = find_by_confirmation(station.replica, code)
    return Lookup([] if match is None else [_candidate(match)])


def find_by_contact(station: Station, surname: str, email: str) -> Lookup:
    match = find_by_surname_and_email(station.replica, surname, email)
    return Lookup([] if match is None else [_candidate(match)])
