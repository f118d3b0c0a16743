"""Core speed: code in → verdict durable at 1M tickets, kiosk search at 100k, codec verifies/s."""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.table import Result, percentile
from kiosk.core.attendee_search import search
from kiosk.core.station import Station
from kiosk.domain.snapshot_format import SNAPSHOT_FORMAT
from kiosk.domain.ticket_codec import (
    KeyAlgorithm,
    Keyring,
    TicketClaims,
    encode,
    generate_key,
    verify,
)
from kiosk.station_store import DB_FILENAME, StationIdentity, StationStore

EVENT = 777
SURNAMES = [
    "Smith",
    "Müller",
    "Dubois",
    "Иванова",
    "Παπαδόπουλος",
    "王",
    "佐藤",
    "García",
    "Kowalski",
    "Nguyen",
    "Okafor",
    "Haddad",
    "Johansson",
    "Rossi",
    "Silva",
    "Kim",
]


def _replica(directory: Path, tickets: int) -> tuple[Station, list[str]]:
    key = generate_key(EVENT, 1, KeyAlgorithm.HMAC_SHA256)
    snapshot = {
        "format": SNAPSHOT_FORMAT,
        "event": {"id": EVENT, "name": "Bench", "timezone": "UTC"},
        "ticket_types": [{"id": 0, "name": "General", "colour": "#1E88E5"}],
        "gates": [
            {
                "id": "main",
                "name": "Main",
                "allowed_types": None,
                "entry_mode": "single",
                "unknown_policy": "admit",
                "timezone": "UTC",
            }
        ],
        "keys": [
            {"kid": 1, "algorithm": "hmac-sha256", "material": key.secret.hex(), "status": "active"}
        ],
        "contact_key": "00" * 32,
        "tickets": [],
        "revocations": [],
        "log": [],
    }
    replica = StationStore(directory / DB_FILENAME)
    replica.apply_snapshot(snapshot)
    rng = random.Random(1)
    batch: list[dict[str, object]] = []
    for tid in range(1, tickets + 1):
        batch.append(
            {
                "id": tid,
                "type_id": 0,
                "code": None,
                "confirmation": f"C{tid:09d}",
                "first_name": f"First{tid % 997}",
                "last_name": f"{rng.choice(SURNAMES)}{tid % 5000}",
                "organisation": None,
                "email_hash": None,
                "phone_hash": None,
                "flagged": 0,
                "note": None,
            }
        )
        if len(batch) == 50_000 or tid == tickets:
            replica.upsert_tickets(EVENT, batch)
            batch.clear()
    replica.set_identity(StationIdentity(str(uuid.uuid4()), "bench", EVENT, "main", None, None, 0))
    replica.checkpoint()
    replica.start_background_checkpoints()
    sample = rng.sample(range(1, tickets + 1), 2000)
    codes = [encode(TicketClaims(EVENT, t, 0), key) for t in sample]
    return Station(replica), codes


def _scan_latency(tickets: int, scans: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        station, codes = _replica(Path(tmp), tickets)
        build = time.perf_counter() - started
        samples = []
        for code in codes[:scans]:
            t0 = time.perf_counter()
            station.scan(code)
            samples.append((time.perf_counter() - t0) * 1000)
        station.replica.close()
    label = f"{tickets:,} tickets"
    return [
        Result(f"code → verdict durable (fsync), {label}, p50", percentile(samples, 50), "ms"),
        Result(
            f"code → verdict durable (fsync), {label}, p99",
            percentile(samples, 99),
            "ms",
            "≤ 2 ms",
            percentile(samples, 99) <= 2.0,
            f"{scans} scans; replica built in {build:.0f} s",
        ),
    ]


def _search_latency(tickets: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        station, _ = _replica(Path(tmp), tickets)
        rng = random.Random(2)
        queries = [rng.choice(SURNAMES)[: rng.randint(2, 4)] for _ in range(300)]
        queries += [f"C{rng.randint(1, tickets):09d}" for _ in range(100)]
        samples = []
        for q in queries:
            t0 = time.perf_counter()
            search(station.replica, q, limit=20)
            samples.append((time.perf_counter() - t0) * 1000)
        station.replica.close()
    p95 = percentile(samples, 95)
    return [
        Result(
            f"kiosk search (surname prefix / code), {tickets:,} attendees, p95",
            p95,
            "ms",
            "≤ 10 ms",
            p95 <= 10.0,
            f"{len(queries)} queries",
        )
    ]


def _codec_rate(algorithm: KeyAlgorithm, n: int) -> Result:
    key = generate_key(EVENT, 1, algorithm)
    ring = Keyring([key.verify_key()])
    codes = [encode(TicketClaims(EVENT, i, 0), key) for i in range(200)]
    t0 = time.perf_counter()
    for i in range(n):
        verify(codes[i % 200], ring, EVENT)
    rate = n / (time.perf_counter() - t0)
    return Result(
        f"codec verify, {algorithm}", rate, "codes/s", "", None, f"{1e6 / rate:.1f} µs each"
    )


def run(quick: bool) -> list[Result]:
    tickets = 20_000 if quick else 1_000_000
    rows = _scan_latency(tickets, 300 if quick else 2000)
    rows += _search_latency(10_000 if quick else 100_000)
    rows.append(_codec_rate(KeyAlgorithm.HMAC_SHA256, 20_000 if quick else 200_000))
    rows.append(_codec_rate(KeyAlgorithm.ED25519, 2_000 if quick else 20_000))
    return rows
