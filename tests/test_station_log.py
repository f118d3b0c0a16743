"""The station's check-in log: durable before the verdict, tamper-evident, folded into state."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.attendee_search import find_by_confirmation, find_by_surname_and_email, search
from kiosk.domain.gate_rules import EntryMode, GateRules
from kiosk.domain.log_entry import seal
from kiosk.domain.merge import TicketStatus, find_conflicts, fold
from kiosk.domain.verdicts import Action, Direction, Verdict
from kiosk.station_store import DB_FILENAME


def test_every_scan_refused_ones_too_is_an_entry_in_an_intact_chain(provisioned_station, forge):
    station, codes = provisioned_station
    station.scan(codes[0]["code"])
    station.scan(codes[0]["code"])
    station.scan(forge(codes[1]["code"]))
    station.scan("not a ticket")
    entries = station.replica.station_entries(station.station_id)
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert [e.verdict for e in entries] == [
        Verdict.ADMITTED,
        Verdict.ALREADY_CHECKED_IN,
        Verdict.BAD_SIGNATURE,
        Verdict.MALFORMED,
    ]
    assert entries[1].prev_hash == entries[0].hash
    assert station.verify_chain().ok


def test_an_edited_or_deleted_entry_breaks_the_chain(provisioned_station):
    station, codes = provisioned_station
    for row in codes[:3]:
        station.scan(row["code"])
    # Someone edits the file behind the station's back, with their own connection.
    tamper = sqlite3.connect(station.replica.path, isolation_level=None)
    tamper.execute("UPDATE checkin_log SET ticket_id = 999 WHERE seq = 2")
    report = station.verify_chain()
    assert not report.ok and report.first_bad_seq == 2
    tamper.execute("DELETE FROM checkin_log WHERE seq = 2")
    tamper.close()
    assert station.verify_chain().first_bad_seq == 2


def test_undo_puts_the_ticket_back_outside_and_is_logged(provisioned_station):
    station, codes = provisioned_station
    admitted = station.scan(codes[0]["code"])
    assert station.replica.ticket_state(codes[0]["ticket_id"]).status is TicketStatus.INSIDE
    station.undo(admitted.entry_id)
    assert station.replica.ticket_state(codes[0]["ticket_id"]).status is TicketStatus.OUTSIDE
    assert station.scan(codes[0]["code"]).verdict is Verdict.ADMITTED
    actions = [e.action for e in station.replica.station_entries(station.station_id)]
    assert actions == [Action.ENTRY, Action.UNDO, Action.ENTRY]


def test_exit_then_reentry_at_a_reentry_gate(provisioned_station):
    station, codes = provisioned_station
    ticket = codes[0]["code"]
    assert station.scan(ticket).verdict is Verdict.ADMITTED
    assert station.scan(ticket, Direction.EXIT).verdict is Verdict.EXIT_RECORDED
    assert station.scan(ticket).verdict is Verdict.ADMITTED
    assert station.counters().inside == 1


def test_manual_checkin_by_search_follows_the_same_rules(provisioned_station):
    station, codes = provisioned_station
    row = codes[2]
    match = search(station.replica, row["last_name"])
    assert any(m.ticket.ticket_id == row["ticket_id"] for m in match)
    first = station.manual_checkin(row["ticket_id"])
    assert first.verdict in (Verdict.ADMITTED, Verdict.WRONG_GATE, Verdict.NEEDS_SUPERVISOR)
    entry = station.replica.station_entries(station.station_id)[-1]
    assert entry.method == "manual"


def test_attendee_contacts_are_stored_only_as_keyed_hashes(provisioned_station):
    station, codes = provisioned_station
    raw = Path(station.replica.path).read_bytes()
    for row in codes[:10]:
        assert row["email"].encode() not in raw
    row = codes[3]
    [match] = find_by_surname_and_email(station.replica, row["last_name"], row["email"].upper())
    assert match.ticket.ticket_id == row["ticket_id"]
    assert find_by_surname_and_email(station.replica, "Nobody", row["email"]) == []
    assert (
        find_by_confirmation(station.replica, row["confirmation"]).ticket.ticket_id
        == row["ticket_id"]
    )


def test_replica_is_in_wal_mode_with_a_schema_version(provisioned_station):
    station, _ = provisioned_station
    conn = sqlite3.connect(station.replica.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert station.replica.schema_version >= 1


def _entry(seq, station, action, hlc, ticket=1, verdict=Verdict.ADMITTED, ref=None, wall=None):
    return seal(
        {
            "id": f"{station}-{seq}",
            "station_id": station,
            "seq": seq,
            "hlc": hlc,
            "wall_ms": hlc >> 16 if wall is None else wall,
            "event_id": 1,
            "gate_id": "main",
            "ticket_id": ticket,
            "action": str(action),
            "verdict": str(verdict),
            "offline": False,
            "method": "test",
            "ref": ref,
            "detail": "",
            "prev_hash": "0" * 64,
        }
    )


def test_ticket_admitted_twice_offline_is_flagged_not_lost():
    a = _entry(1, "door-a", Action.ENTRY, 100 << 16)
    b = _entry(1, "door-b", Action.ENTRY, 101 << 16)
    conflicts = find_conflicts(1, [b, a])
    assert len(conflicts) == 1 and conflicts[0].first.entry_id == a.id
    assert fold([a, b]).status is TicketStatus.INSIDE and len(fold([a, b]).admissions) == 2


def test_a_daily_gates_conflict_check_reads_wall_time_not_a_pushed_hlc():
    """Door B's clock ran two days ahead; door A pulled its entries, so A's HLC runs ahead too.
    Two admissions on one real day are a conflict; on two real days they are not."""
    daily = GateRules("main", "Main", entry_mode=EntryMode.DAILY)
    noon, day = 1_767_268_800_000, 86_400_000
    ahead = (noon + 2 * day) << 16
    b = _entry(1, "door-b", Action.ENTRY, ahead, wall=noon)
    a_same_day = _entry(1, "door-a", Action.ENTRY, ahead + (1 << 16), wall=noon + 3_600_000)
    assert len(find_conflicts(1, [a_same_day, b], lambda _g: daily)) == 1
    a_next_day = _entry(1, "door-a", Action.ENTRY, ahead + (2 << 16), wall=noon + day)
    assert find_conflicts(1, [a_next_day, b], lambda _g: daily) == []


def test_admission_exit_admission_at_two_doors_is_not_a_conflict():
    entries = [
        _entry(1, "a", Action.ENTRY, 1 << 16),
        _entry(1, "b", Action.EXIT, 2 << 16),
        _entry(2, "a", Action.ENTRY, 3 << 16),
    ]
    assert find_conflicts(1, entries) == []


actions = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from([Action.ENTRY, Action.EXIT]),
        st.integers(1, 10_000),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(actions, st.randoms())
def test_fold_and_conflicts_do_not_depend_on_arrival_order(script, rng):
    entries = [_entry(i, s, a, t << 16) for i, (s, a, t) in enumerate(script, start=1)]
    shuffled = list(entries)
    rng.shuffle(shuffled)
    assert fold(shuffled) == fold(entries)
    assert find_conflicts(1, shuffled) == find_conflicts(1, entries)


SCANNER = """
import sys
from pathlib import Path
from kiosk.core.station import open_station
station = open_station(Path(sys.argv[1]))
codes = sys.argv[2:]
i = 0
while True:
    outcome = station.scan(codes[i % len(codes)])
    print(outcome.entry_id, flush=True)
    i += 1
"""


def test_kill_9_never_loses_an_entry_whose_verdict_was_shown(provisioned_station, tmp_path):
    station, codes = provisioned_station
    data_dir = Path(station.replica.path).parent
    station.replica.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", SCANNER, str(data_dir), *[c["code"] for c in codes[:20]]],
        stdout=subprocess.PIPE,
        text=True,
    )
    shown: list[str] = []
    deadline = time.monotonic() + 30
    while len(shown) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            shown.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(shown) >= 150
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    stored = {row[0] for row in conn.execute("SELECT id FROM checkin_log")}
    assert set(shown) <= stored


def test_cli_scan_prints_a_json_verdict_and_exit_status(provisioned_station, forge, capsys):
    """Real `doorline` processes for what only a process shows (its exit status, odd bytes in
    argv, no traceback on stderr); the refusals and the missing station through the same
    `main` in this process (the process exits with what `main` returns)."""
    from kiosk.cli.main import main

    station, codes = provisioned_station
    data_dir = str(Path(station.replica.path).parent)
    station.replica.close()
    args = ["station", "scan", "--data-dir", data_dir, "--json"]
    run = [sys.executable, "-m", "kiosk.cli.main", *args]
    ok = subprocess.run([*run, codes[0]["code"]], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["verdict"] == "admitted" and data["ticket_id"] == codes[0]["ticket_id"]
    assert {"verdict", "ticket_id", "offline", "detail"} <= set(data)
    assert main([*args, codes[0]["code"]]) == 1
    assert json.loads(capsys.readouterr().out)["verdict"] == "already_checked_in"
    assert main([*args, forge(codes[1]["code"])]) == 1
    assert json.loads(capsys.readouterr().out)["verdict"] == "bad_signature"
    junk = subprocess.run([*run, "\x1b[2J💥"], capture_output=True, text=True)
    assert junk.returncode == 1 and "Traceback" not in junk.stderr
    # A usage error is `main`'s 2, as the refusals above are its 1: the process exits with it.
    assert main([*args[:3], "/nonexistent/dir", "X"]) == 2
    assert "provision" in capsys.readouterr().err


def test_keys_pulled_by_another_connection_are_used_at_the_next_scan(provisioned_station):
    """The sync engine writes through its own connection; the door must not keep stale keys."""
    from kiosk.domain.ticket_codec import KeyAlgorithm, TicketClaims, encode, generate_key
    from kiosk.station_store import StationStore

    station, codes = provisioned_station
    event_id = station.identity.event_id
    station.scan(codes[0]["code"])  # warms the key cache
    rotated = generate_key(event_id, 9, KeyAlgorithm.HMAC_SHA256)
    engine_side = StationStore(station.replica.path)
    engine_side.upsert_keys(
        event_id,
        [
            {
                "kid": 9,
                "algorithm": "hmac-sha256",
                "material": rotated.secret.hex(),
                "status": "active",
            }
        ],
    )
    engine_side.close()
    fresh = encode(TicketClaims(event_id, codes[5]["ticket_id"], 0), rotated)
    assert station.scan(fresh).verdict is not Verdict.UNKNOWN_KEY


def test_a_station_never_stamps_below_an_entry_it_pulled(provisioned_station):
    station, codes = provisioned_station
    future = (station.clock.last >> 16) + 3_600_000
    pulled = _entry(1, "other-door", Action.ENTRY, future << 16, ticket=codes[1]["ticket_id"])
    station.replica.ingest_entries([pulled])
    outcome = station.scan(codes[2]["code"])
    assert outcome.hlc > pulled.hlc


def test_a_stay_begins_at_the_first_admission_since_the_last_exit():
    """A double admission at two doors: 'already checked in' names the one that began the stay."""
    entries = [
        _entry(1, "a", Action.ENTRY, 1 << 16),
        _entry(2, "a", Action.EXIT, 2 << 16),
        _entry(3, "a", Action.ENTRY, 3 << 16),
        _entry(1, "b", Action.ENTRY, 4 << 16),
    ]
    state = fold(entries)
    assert state.inside_since is not None and state.inside_since.entry_id == "a-3"
    assert state.last_admission.entry_id == "b-1"


def test_reads_from_other_threads_never_break_a_scan_in_progress(provisioned_station):
    """The UI's status poll and the print workers read while the door writes."""
    import threading

    from kiosk.core.attendee_search import search as find

    station, codes = provisioned_station
    stop = threading.Event()
    errors: list[BaseException] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                station.counters()
                find(station.replica, codes[0]["last_name"])
                station.badge_source(codes[1]["ticket_id"])
            except BaseException as error:  # any failure fails the test
                errors.append(error)
                return

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        outcomes = [station.scan(row["code"]) for row in codes[:40]]
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(station.replica.station_entries(station.station_id)) == len(outcomes)
    assert station.verify_chain().ok


def test_undo_offers_the_latest_scan_not_yet_undone(provisioned_station):
    station, codes = provisioned_station
    first = station.scan(codes[0]["code"])
    second = station.scan(codes[1]["code"], Direction.EXIT)
    station.scan("not a ticket")  # refusals are never offered for undo
    assert station.last_undoable().id == second.entry_id
    station.undo(second.entry_id)
    assert station.last_undoable().id == first.entry_id
    station.undo(first.entry_id)
    assert station.last_undoable() is None
    assert [e.seq for e in station.replica.station_entries(station.station_id, last=2)] == [4, 5]


def test_counters_start_afresh_at_local_midnight(tmp_path, seeded_event):
    from conftest import make_station

    clock = {"now": 1_767_311_400_000}  # 2026-01-01 23:50 UTC (the seeded gates run on UTC)
    station = make_station(tmp_path / "door", seeded_event.snapshot, wall=lambda: clock["now"])
    codes = [c for c in seeded_event.codes if c["ticket_type"] != "Day pass"]
    assert station.scan(codes[0]["code"]).verdict is Verdict.ADMITTED
    station.scan("not a ticket")
    before = station.counters()
    assert (before.inside, before.admitted_today, before.refused_today) == (1, 1, 1)
    clock["now"] += 20 * 60_000  # 00:10 the next day
    assert station.scan(codes[1]["code"]).verdict is Verdict.ADMITTED
    after = station.counters()
    assert (after.inside, after.admitted_today, after.refused_today) == (2, 1, 0)
    station.replica.close()
