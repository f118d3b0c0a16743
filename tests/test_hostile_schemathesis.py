"""Schemathesis against the real server app (the one `doorline server` gives uvicorn), on
SQLite and on PostgreSQL: every operation of the OpenAPI document, a bounded number of
generated requests each, sent with a station credential and with an admin operator's token.
Not one answer may be a server error or differ from what the document promises (status,
body); an exception inside the app fails the test with its traceback.

Each generated request goes to the four (engine, credential) pairs: drawing a request from the
schema costs more than the app answering it, so one draw serves four checks, and every pair
gets up to EXAMPLES_PER_OPERATION requests per operation, except where more would only repeat:
- The event and the credential are fixed, not drawn (each call sets its pair's own): drawn,
  they were replaced anyway, so an operation taking nothing else sent one request 15 times
  over; fixed, Hypothesis sees it has one request to make (three for `?all=`) and makes it once.
- A credential an operation refuses for its role (403, problem `wrong_role` or `station_only`:
  an operator's token at a station's pull, a station's credential at an operator's endpoint) is
  refused by the authentication dependency, which FastAPI runs before it reads the operation's
  parameters or body; that pair gets the operation's first ROLE_REFUSALS requests, not all.
- An operation that takes no credential (health, provisioning) is called once per engine.

The app is called in this process through schemathesis's ASGI client, not over a socket: the
requests, the app, its middleware (the announced-length check included) and the database are
the same; uvicorn's HTTP parsing is not what this test is about (the end-to-end sync tests run
real uvicorn), and a request costs a function call instead of two processes taking turns on a
loaded machine."""

from __future__ import annotations

import contextlib
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from sync_support import AppTransport, seed

from server_stub.app import app_for_db
from server_stub.local_server import station_token
from server_stub.storage import open_storage
from server_stub.storage.interface import Role
from sync.provisioning import provision_from_server

if TYPE_CHECKING:  # imported by the test that runs it: ~2 s for every pytest-xdist worker
    import schemathesis

pytestmark = pytest.mark.slow

# Generated requests per operation, engine and credential. Each run draws new ones (no example
# database), so CI runs add up to far more than one run's; the suite's time stays bounded.
EXAMPLES_PER_OPERATION = 15
# Requests of an operation a pair still gets after its credential was refused for its role.
ROLE_REFUSALS = 3
ROLE_PROBLEMS = ("wrong_role", "station_only")


@dataclass(frozen=True)
class Target:
    """One (engine, credential) pair: the app to call, the event its requests should reach,
    and the bearer credential they carry."""

    name: str
    engine: str
    app: Any
    event_id: int
    credential: str


@pytest.fixture(scope="module")
def targets(
    module_server_dbs: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Target]]:
    """On each engine: another event (requests for it must stop at "another event"), an event
    of the test's own with a provisioned station that has scanned once, and an admin operator."""
    found: list[Target] = []
    transports: list[AppTransport] = []
    for engine, db in module_server_dbs.items():
        seed(db, tickets=3, name="other event")
        event = seed(db, tickets=5, name="schemathesis")
        app = app_for_db(db)
        transports.append(AppTransport(app))
        station = provision_from_server(
            tmp_path_factory.mktemp(f"station-{engine}"),
            "http://testserver",
            station_token(db, event.event_id, "S"),
            "workshop",
            "S",
            transport=transports[-1],
        )
        station.scan(event.tickets[0].code)
        storage = open_storage(db)
        try:
            token = storage.operators.add("schemathesis", Role.ADMIN).token
        finally:
            storage.close()
        found.append(
            Target(
                f"{engine}, station",
                engine,
                app,
                event.event_id,
                station.identity.credential or "",
            )
        )
        found.append(Target(f"{engine}, operator", engine, app, event.event_id, token))
    yield found
    for transport in transports:
        transport.shutdown()


def test_no_server_error_and_no_schema_violation_as_a_station_or_an_operator(
    targets: list[Target],
) -> None:
    import schemathesis
    from schemathesis.python import asgi

    schema = schemathesis.openapi.from_asgi("/openapi.json", targets[0].app)
    reached: Counter[str] = Counter()
    with contextlib.ExitStack() as stack:
        clients = {id(t.app): stack.enter_context(asgi.get_client(t.app)) for t in targets}
        failures = _failures(schema, targets, clients, reached)
    assert not failures, "\n\n".join(failures)
    # Each credential was taken somewhere: not every answer a refusal of a credential gone wrong.
    assert all(reached[t.name] for t in targets), reached


def _failures(
    schema: schemathesis.BaseSchema,
    targets: list[Target],
    clients: dict[int, Any],
    reached: Counter[str],
) -> list[str]:
    """Failures as words, one per operation that had any (schemathesis shrinks each), naming
    the engine and credential that failed; counts each target's 200 answers in `reached`."""
    found = (_failure(r.ok(), targets, clients, reached) for r in schema.get_all_operations())
    return [failure for failure in found if failure]


def _failure(
    operation: schemathesis.APIOperation,
    targets: list[Target],
    clients: dict[int, Any],
    reached: Counter[str],
) -> str:
    """`operation`'s failure in words ("" when none) after its generated requests."""
    where = [""]
    takes_credential = ("header", "Authorization") in _parameters(operation)
    refused: Counter[str] = Counter()  # role refusals per pair

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(**_fixed(operation, targets[0])))
    def check(case: schemathesis.Case) -> None:
        for target in _recipients(targets, takes_credential, refused):
            where[0] = target.name
            # Most requests should reach the event's own data, not stop at "another event".
            if case.path_parameters and "event_id" in case.path_parameters:
                case.path_parameters["event_id"] = target.event_id
            headers = {"Authorization": f"Bearer {target.credential}"}
            response = case.call_and_validate(session=clients[id(target.app)], headers=headers)
            reached[target.name] += response.status_code == 200
            refused[target.name] += _refused_for_its_role(response)

    try:
        check()
    except ExceptionGroup as error:  # a FailureGroup with schemathesis's own report
        return f"{operation.label} ({where[0]}): {error}"
    except Exception as error:  # raised inside the app: where, with its traceback
        report = "".join(traceback.format_exception(error))
        return f"{operation.label} ({where[0]}): {report}"
    return ""


def _fixed(operation: schemathesis.APIOperation, target: Target) -> dict[str, Any]:
    """What every request of `operation` carries whatever is drawn, so that no draw goes to a
    value each call replaces: the event (every target's own, `check` sets it) and the bearer
    credential (each target's). Drawn anyway, they made an operation that takes nothing else
    send its one request 15 times over."""
    names = _parameters(operation)
    fixed: dict[str, Any] = {}
    if ("path", "event_id") in names:
        fixed["path_parameters"] = {"event_id": target.event_id}
    if ("header", "Authorization") in names:
        fixed["headers"] = {"Authorization": f"Bearer {target.credential}"}
    return fixed


def _parameters(operation: schemathesis.APIOperation) -> set[tuple[str, str]]:
    """(location, name) of each parameter the document gives `operation`."""
    return {(p.location.value, p.name) for p in operation.iter_parameters()}


def _recipients(
    targets: list[Target], takes_credential: bool, refused: Counter[str]
) -> list[Target]:
    """The pairs a draw goes to: those whose credential the operation has not refused for its
    role ROLE_REFUSALS times; one per engine when the operation takes no credential."""
    chosen = [t for t in targets if refused[t.name] < ROLE_REFUSALS]
    if takes_credential:
        return chosen
    return [t for i, t in enumerate(chosen) if t.engine not in {c.engine for c in chosen[:i]}]


def _refused_for_its_role(response: Any) -> bool:
    """Whether the answer is a 403 for the credential's role (`ROLE_PROBLEMS`)."""
    if response.status_code != 403:
        return False
    body = response.json()
    return isinstance(body, dict) and body.get("problem") in ROLE_PROBLEMS
