"""Conflict bookkeeping exists once: the server (after each push) and a station (after each
sync round) both write what `kiosk.domain.merge.reconcile_conflicts` decides, so from the same
log they hold the same conflicts — same ids, same admissions, same gates — including when a
later batch brings an undo that makes an earlier conflict go away."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sync_support import seed

from kiosk.domain.log_entry import GENESIS_HASH, LogEntry, seal
from kiosk.domain.merge import CONFLICT_FIELDS
from kiosk.domain.pin_signature import DEFAULT_PIN, sign_entry, unlock
from kiosk.domain.verdicts import Action, Verdict
from kiosk.station_store import StationStore
from server_stub.storage import open_storage
from server_stub.storage.interface import AckStatus, StationPrincipal

STATIONS = ("door-a", "door-b", "door-c")
GATES = ("main", "backstage", "daypass", "workshop", None)  # reentry, multi, daily, single
SIX_HOURS_MS = 6 * 3_600_000
NOON_MS = 1_780_000_000_000

steps = st.lists(
    st.tuples(
        st.integers(0, len(STATIONS) - 1),
        st.integers(0, 2),  # ticket
        st.sampled_from([Action.ENTRY, Action.ENTRY, Action.EXIT, Action.UNDO, Action.OVERRIDE]),
        st.sampled_from(GATES),
        st.integers(0, 12),  # wall clock, in six-hour steps: daily gates see several days
    ),
    min_size=2,
    max_size=24,
)


@pytest.fixture(scope="module")
def server_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("one-rule") / "server.db"
    open_storage(db).close()
    yield db


def _log(
    event_id: int, tickets: list[int], script: list[Any], pin: tuple[int, bytes]
) -> list[LogEntry]:
    """The entries of `script` as three stations would write them: per-station sequence and
    hash chain, an undo naming that station's latest scan, an override signed with the
    operator PIN (`pin`: version, signing key) as an unlocked station signs it."""
    names = [f"{name}-{event_id}" for name in STATIONS]  # one server database serves all runs
    chains: dict[str, list[LogEntry]] = {s: [] for s in names}
    log: list[LogEntry] = []
    for who, ticket, action, gate, step in script:
        station = names[who]
        own = chains[station]
        scans = [e for e in own if e.action in (Action.ENTRY, Action.EXIT, Action.OVERRIDE)]
        target = scans[-1] if action is Action.UNDO and scans else None
        if action is Action.UNDO and target is None:
            action = Action.ENTRY
        seq = len(own) + 1
        wall = NOON_MS + step * SIX_HOURS_MS + seq
        verdict = {
            Action.EXIT: Verdict.EXIT_RECORDED,
            Action.UNDO: target.verdict if target else None,
        }.get(action, Verdict.ADMITTED)
        fields: dict[str, Any] = {
            "id": f"{station}-{seq}",
            "station_id": station,
            "seq": seq,
            "hlc": (wall << 16) | who,
            "wall_ms": wall,
            "event_id": event_id,
            "gate_id": target.gate_id if target else gate,
            "ticket_id": target.ticket_id if target else tickets[ticket],
            "action": str(action),
            "verdict": None if verdict is None else str(verdict),
            "offline": True,
            "method": "test",
            "ref": target.id if target else None,
            "detail": "",
            "prev_hash": own[-1].hash if own else GENESIS_HASH,
        }
        if action is Action.OVERRIDE:
            fields["pin_signature"] = sign_entry(pin[1], pin[0], fields)
        entry = seal(fields)
        own.append(entry)
        log.append(entry)
    return log


def _server_conflicts(db: Path, event_id: int) -> set[tuple[Any, ...]]:
    store = open_storage(db)
    try:
        return {tuple(c[f] for f in CONFLICT_FIELDS) for c in store.conflicts.conflicts(event_id)}
    finally:
        store.close()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(script=steps, cut=st.floats(0, 1))
def test_station_and_server_record_the_same_conflicts_from_the_same_log(
    server_db: Path, script: list[Any], cut: float
) -> None:
    seeded = seed(server_db, tickets=3, name="one rule")
    tickets = [t.ticket_id for t in seeded.tickets]
    server = open_storage(server_db)
    verifier = server.pins.verifier(seeded.event_id)
    assert verifier is not None
    key = unlock(DEFAULT_PIN, verifier)  # a seeded event's operator PIN
    assert key is not None
    log = _log(seeded.event_id, tickets, script, (verifier.version, key))
    at = round(len(log) * cut)
    with tempfile.TemporaryDirectory() as tmp:
        station = StationStore(Path(tmp) / "station.sqlite3")
        try:
            station.apply_snapshot(server.catalog.snapshot(seeded.event_id))
            for batch in (log[:at], log[at:]):
                for name in {e.station_id for e in log}:
                    mine = [e.to_json() for e in batch if e.station_id == name]
                    principal = StationPrincipal(name, seeded.event_id, name)
                    acks = server.pushes.push(principal, mine).acks
                    assert {a.status for a in acks} <= {AckStatus.ACCEPTED}
                station.ingest_entries(batch)
                held = station.refresh_conflicts(
                    seeded.event_id, {e.ticket_id for e in batch if e.ticket_id is not None}
                )
                on_station = {astuple(c) for c in station.conflicts()}
                event(f"conflicts held: {min(len(on_station), 2)}+")
                assert on_station == _server_conflicts(server_db, seeded.event_id)
                touched = {e.ticket_id for e in batch}
                assert held == sum(1 for c in on_station if c[2] in touched)
        finally:
            station.close()
            server.close()
