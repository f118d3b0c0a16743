"""A station's push and pull as one request does them: checked, stored, answered as bytes.

Two front doors serve these requests: the FastAPI routes in `server_stub.app` (which document
them in the OpenAPI description and answer every malformed request with FastAPI's 422) and the
station lane (`server_stub.station_lane`, the fleet's hot path). Both call these functions, so
what a push stores and what a pull answers cannot differ between them. Both run on a worker
thread: the storage blocks on its database.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.exceptions import HTTPException

from kiosk.domain.heartbeat import Heartbeat
from server_stub.api_auth import refuse_operator
from server_stub.storage.interface import AckStatus, ServerStorage

MAX_PAGE = 20_000  # rows in one pull page at most (`limit`)
DEFAULT_PAGE = 5_000
MAX_PUSH = 5_000  # entries in one push at most
# X-Doorline-Head: "SEQ:HASH" of the last entry of the station's own log, or empty.
HEAD_PATTERN = r"^([0-9]{1,18}:(k2:)?[0-9a-f]{64})?$"


def push_entries(raw: bytes) -> list[dict[str, Any]]:
    """The push body's entries (each a JSON object; the storage checks their fields one by
    one and answers for each). Parsed here rather than by a pydantic model, which only checked
    that each entry is an object (~12 ms for 5,000). Raises HTTPException 422 with words when
    the body is empty, not JSON or not `{"entries": [objects]}`, 413 over `MAX_PUSH`."""
    if not raw.strip():
        raise HTTPException(422, 'the body is empty; send {"entries": [LogEntry objects]}')
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise HTTPException(422, f"the body is not JSON: {error}") from error
    entries = body.get("entries") if isinstance(body, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise HTTPException(422, 'the body must be {"entries": [LogEntry objects]}')
    if len(entries) > MAX_PUSH:
        raise HTTPException(413, f"at most {MAX_PUSH} entries per batch")
    return entries


def answer_push(storage: ServerStorage, event_id: int, credential: str | None, raw: bytes) -> bytes:
    """`POST /v1/events/{event_id}/entries`: the body `raw` stored by the push's own
    transaction, which also checks the credential. Returns the JSON answer: an
    acknowledgement per entry in the batch's order, the counts per status, the station's gaps.
    Raises AuthError (401/403), HTTPException (413/422) as `push_entries`."""
    refuse_operator(storage, credential)
    entries = push_entries(raw)
    _caller, result = storage.pushes.push_for(credential, event_id, entries)
    acks = [
        {"id": a.id, "status": a.status.value, "reason": a.reason}
        if a.problem is None
        else {"id": a.id, "status": a.status.value, "reason": a.reason, "problem": a.problem}
        for a in result.acks
    ]
    return orjson.dumps(
        {
            "acks": acks,
            **{str(s): result.count(s) for s in AckStatus},
            "gaps": [vars(g) for g in result.gaps],
        }
    )


def answer_pull(
    storage: ServerStorage,
    event_id: int,
    credential: str | None,
    after: int,
    limit: int,
    head: str = "",
    heartbeat: str | None = None,
) -> bytes:
    """`GET /v1/events/{event_id}/changes`: the page of at most `limit` rows after the cursor
    `after`, read in the statement that checks the credential; the station's `head`
    ("SEQ:HASH" matching `HEAD_PATTERN`, or "") and heartbeat header are recorded after.
    Returns the page's JSON. Raises AuthError (401/403), NotFound (404)."""
    refuse_operator(storage, credential)
    seq, _, hash_ = head.partition(":")
    _caller, page = storage.pulls.changes_json_for(
        credential,
        event_id,
        after,
        limit,
        (int(seq), hash_) if head else None,
        Heartbeat.from_header(heartbeat),
    )
    return page
