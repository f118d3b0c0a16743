"""Schemathesis against the real server (uvicorn on 127.0.0.1): every operation of the OpenAPI
document, a bounded number of generated requests each, with a station credential and with an
admin operator's token. Not one answer may be a server error or differ from what the document
promises (status, body)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from sync_support import SeededEvent, ServerProcess, provision, seed

if TYPE_CHECKING:  # imported by the test that runs it: ~2 s for every pytest-xdist worker
    import schemathesis

pytestmark = pytest.mark.slow

# Generated requests per operation and credential. Each run draws new ones (no example
# database), so CI runs add up to far more than one run's; the suite's time stays bounded.
EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def server(module_server_db: str) -> Iterator[ServerProcess]:
    db = module_server_db
    seed(db, tickets=3, name="other event")
    proc = ServerProcess(db).start()
    yield proc
    proc.stop()


def _run_every_operation(server: ServerProcess, event: SeededEvent, credential: str) -> list[str]:
    """Failures as words, one per operation that had any (schemathesis shrinks each)."""
    import schemathesis

    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    headers = {"Authorization": f"Bearer {credential}"}
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: schemathesis.Case) -> None:
            # Most requests should reach the event's own data, not stop at "another event".
            if case.path_parameters and "event_id" in case.path_parameters:
                case.path_parameters["event_id"] = event.event_id
            case.call_and_validate(base_url=server.url, headers=headers)

        try:
            check()
        except Exception as error:  # a FailureGroup with schemathesis's own report
            failures.append(f"{operation.label}: {error}")
    return failures


def test_no_server_error_and_no_schema_violation_as_a_station(
    server: ServerProcess, tmp_path: Path
) -> None:
    event = seed(server.db, tickets=5, name="schemathesis")
    station = provision(server.db, server.url, event.event_id, tmp_path / "s", "S")
    station.scan(event.tickets[0].code)
    failures = _run_every_operation(server, event, station.identity.credential or "")
    assert not failures, "\n\n".join(failures)


def test_no_server_error_and_no_schema_violation_as_an_operator(
    server: ServerProcess, tmp_path: Path
) -> None:
    from server_stub.storage import open_storage
    from server_stub.storage.interface import Role

    event = seed(server.db, tickets=5, name="schemathesis operator")
    station = provision(server.db, server.url, event.event_id, tmp_path / "s", "S")
    station.scan(event.tickets[0].code)
    storage = open_storage(server.db)
    try:
        token = storage.operators.add("schemathesis", Role.ADMIN).token
    finally:
        storage.close()
    failures = _run_every_operation(server, event, token)
    assert not failures, "\n\n".join(failures)
