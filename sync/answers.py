"""What the station accepts from the server: every answer is checked against the protocol's
shape before anything of it is stored (docs/sync-protocol.md).

The rows are checked by `kiosk.domain.format_check` (shared with bundles). A page with a missing
key, a value of the wrong type, an integer SQLite cannot hold, an unknown gate rule or key
algorithm, or a cursor that goes backwards, stands still while `more` is true, or is negative is
refused whole, with words that name the field; the station stores nothing of it and keeps its
cursor. Before this, such answers caused tracebacks, and a cursor of -5 was stored and broke
every later sync.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain import format_check
from kiosk.domain.format_check import FormatProblem, check_int, check_text
from sync.errors import ServerFailed

PAGE_KINDS = tuple(format_check.ROW_FIELDS)


def refuse(where: str, problem: str) -> ServerFailed:
    return ServerFailed(f"the server's answer is not valid ({where} {problem}); nothing was stored")


def _checked(check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except FormatProblem as problem:
        raise refuse(problem.where, problem.problem) from None


def check_rows(kind: str, rows: Any) -> None:
    _checked(format_check.check_rows, kind, rows)


def check_changes_page(page: Any, after: int) -> None:
    """A `changes` answer for a pull from cursor `after`: raises ServerFailed naming the field."""
    if type(page) is not dict:
        raise refuse("the page", "must be an object")
    cursor = _checked(check_int, "cursor", page.get("cursor"))
    _checked(check_int, "top", page.get("top"))
    more = page.get("more")
    if type(more) is not bool:
        raise refuse("more", "must be true or false")
    if cursor < after:
        raise refuse("cursor", f"goes backwards ({cursor} after {after})")
    if more and cursor == after:
        raise refuse("cursor", f"stands still at {cursor} while the server says there is more")
    for kind in PAGE_KINDS:
        check_rows(kind, page.get(kind, [] if kind in format_check.OPTIONAL_KINDS else None))
    _checked(format_check.check_pin_verifier, page.get("operator_pin"))


def check_push_answer(answer: Any) -> list[dict[str, Any]]:
    """The acknowledgements of a push answer, each with a text `id` and a known `status`."""
    acks = answer.get("acks") if type(answer) is dict else None
    if type(acks) is not list:
        raise refuse("acks", "must be a list")
    for index, ack in enumerate(acks):
        if type(ack) is not dict or type(ack.get("id")) is not str:
            raise refuse(f"acks[{index}].id", "must be text")
        if ack.get("status") not in ("accepted", "duplicate", "rejected"):
            raise refuse(f"acks[{index}].status", "must be accepted, duplicate or rejected")
        if type(ack.get("reason", "")) is not str:
            raise refuse(f"acks[{index}].reason", "must be text")
    gaps = answer.get("gaps", [])
    if type(gaps) is not list or any(type(g) is not dict for g in gaps):
        raise refuse("gaps", "must be a list of objects")
    return acks


def check_provisioned(answer: Any) -> dict[str, Any]:
    """The token exchange's answer: station id, event id, name, credential."""
    if type(answer) is not dict:
        raise refuse("the answer", "must be an object")
    _checked(check_text, "station_id", answer.get("station_id"))
    _checked(check_int, "event_id", answer.get("event_id"))
    _checked(check_text, "name", answer.get("name"))
    if not _checked(check_text, "credential", answer.get("credential")):
        raise refuse("credential", "is empty")
    return answer


def check_event_info(answer: Any) -> dict[str, Any]:
    """`GET /v1/events/{id}`: the event, its contact-hash key and its gates."""
    if type(answer) is not dict:
        raise refuse("the answer", "must be an object")
    event = answer.get("event")
    if type(event) is not dict:
        raise refuse("event", "must be an object")
    _checked(check_int, "event.id", event.get("id"))
    _checked(check_text, "event.name", event.get("name"))
    _checked(check_text, "contact_key", answer.get("contact_key"))
    check_rows("gates", answer.get("gates"))
    _checked(format_check.check_pin_verifier, answer.get("operator_pin"))
    return answer
