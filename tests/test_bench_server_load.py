"""bench_server_load's simulated stations speak the station's protocol, so the server does for
them what it does for a real fleet: every pushed entry is taken on the station's keyed chain,
and each pull's chain head and heartbeat are kept (docs/benchmarks.md, `bench_server_load`).

A generator whose requests the server refused, or took without the work a real station causes,
would measure a different server. The load itself is a benchmark, never a timed test.
"""

from __future__ import annotations

from itertools import pairwise

from conftest import SeededEvent

from benchmarks.bench_server_load import GATE, StationKey, _provision, drive, station_rounds
from server_stub.local_server import LocalServer, station_token
from server_stub.storage import open_storage


def test_the_simulated_stations_push_and_pull_what_the_server_takes(
    local_server: LocalServer, seeded_event: SeededEvent
) -> None:
    event_id = seeded_event.event_id
    tokens = [station_token(local_server.db, event_id, f"Door {i}") for i in range(3)]
    keys = _provision(local_server.url, tokens)
    tickets = len(seeded_event.codes)

    sample = drive(local_server.url, event_id, 0, list(enumerate(keys)), 2.5, tickets)

    assert (sample["timeouts"], sample["connection_failures"]) == (0, 0)
    assert sample["http_errors"] == {} and sample["refused_entries"] == 0
    assert sample["rounds"] >= 3 and sample["requests"] == 2 * sample["rounds"]
    storage = open_storage(local_server.db)
    try:
        for key in keys:
            held = storage.anchors.anchor(key.station_id)
            assert held.entries == held.last_seq >= 1  # every entry, none missing
            assert held.last_hash.startswith("k2:")  # sealed with the station's chain key
        heads = {a["station_id"]: a for a in storage.anchors.anchors(event_id)}
        beats = {s["id"]: s for s in storage.fleet.fleet(event_id)}
    finally:
        storage.close()
    for key in keys:
        assert heads[key.station_id]["head_seq"] == heads[key.station_id]["server_seq"]
        assert heads[key.station_id]["head_problem"] is None
        beat = beats[key.station_id]
        assert beat["heartbeat_ms"] is not None and beat["gate_id"] == GATE
        assert beat["app_version"] and beat["unpushed"] == 0


def test_a_station_seals_the_same_rounds_for_the_same_place_in_the_fleet() -> None:
    """Each station is its own: a phase, tickets and chain of its own, the same on every run
    (so two runs of one configuration ask the server the same), each round due 2 s after the
    last, its entries numbered on from the last round's."""
    key = StationKey("st-1", "credential-1")
    first = station_rounds(key, 1, 7, 10.0, 1_800_000_000_000, 100)
    again = station_rounds(key, 1, 7, 10.0, 1_800_000_000_000, 100)
    other = station_rounds(key, 1, 8, 10.0, 1_800_000_000_000, 100)
    assert first == again and first != other
    assert [round(b.due_s - a.due_s, 6) for a, b in pairwise(first)] == [2.0] * 4
    heads = [int(r.pull_headers["X-Doorline-Head"].split(":")[0]) for r in first]
    assert heads == sorted(heads) and heads[0] == len(first[0].entries)
