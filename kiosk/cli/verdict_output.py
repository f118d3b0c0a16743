"""How a verdict is printed: one line for people, one JSON object per line for scripts."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # annotations only: server commands need not import the station (~70 ms)
    from kiosk.core.station import ScanOutcome


def outcome_line(outcome: ScanOutcome) -> str:
    who = ""
    if outcome.ticket_id is not None:
        who = f" #{outcome.ticket_id}"
        if outcome.attendee_name:
            who += f" {outcome.attendee_name}"
        if outcome.ticket_type:
            who += f" ({outcome.ticket_type})"
    return f"{outcome.verdict.upper():<19}{who} — {outcome.detail}"


def print_outcome(
    outcome: ScanOutcome,
    as_json: bool,
    extra: dict[str, Any] | None = None,
    out: TextIO | None = None,
) -> None:
    stream = out or sys.stdout
    if as_json:
        stream.write(json.dumps({**outcome.to_json(), **(extra or {})}, ensure_ascii=False) + "\n")
    else:
        stream.write(outcome_line(outcome) + "\n")
    stream.flush()


def print_json(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
