"""`doorline station scan-video`: the camera pipeline fed from a video file or picture folder.

The same pipeline a door camera uses (capture → decode → de-duplicate) feeds the station, which
validates and records each scan durably before the verdict is printed. With `--realtime` the
recording plays at its own frame rate, frames the decoder cannot keep up with are dropped as
with a camera, and throughput and frame → verdict latency are printed at the end: a rehearsal.
"""

from __future__ import annotations

import argparse
import queue
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.errors import CliError
from kiosk.cli.station_cmds import load_station
from kiosk.cli.verdict_output import outcome_line, print_json, print_outcome
from kiosk.domain.verdicts import Direction
from kiosk.scanning.decoder import DECODER_NAMES, DEFAULT_DECODER, Polygon, make_decoder
from kiosk.scanning.dedupe import DEFAULT_COOLDOWN_S, ScanDeduplicator
from kiosk.scanning.errors import ScanningError
from kiosk.scanning.frame_timing import percentile
from kiosk.station_store import StorageFull

# OpenCV (the video reader and the pipeline) loads when the command runs, not at every
# `doorline` start.
if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups
    from kiosk.core.station import ScanOutcome, Station
    from kiosk.scanning.pipeline import ScanPipeline


def register(groups: CliGroups) -> None:
    p = groups.station.add_parser(
        "scan-video",
        help="run a video file or picture folder through the camera pipeline into this station",
        description=(
            "Decode every ticket code shown in FILE (a video, or a folder of pictures) exactly as "
            "the door camera would, validate and record each scan, and print one verdict per scan."
        ),
    )
    p.add_argument("--data-dir", required=True, type=Path, help="the provisioned station's folder")
    p.add_argument(
        "file", metavar="FILE", type=Path, help="video file (.avi, .mp4) or picture folder"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--realtime",
        action="store_true",
        help="play at the file's frame rate, dropping frames like a camera; print throughput "
        "(scans/min, frame→verdict latency p50/p95/p99) at the end",
    )
    p.add_argument("--exit", action="store_true", help="scan for the exit instead of the entry")
    p.add_argument(
        "--decoder",
        choices=DECODER_NAMES,
        default=DEFAULT_DECODER,
        help="code reader (default %(default)s)",
    )
    p.add_argument(
        "--cooldown",
        type=float,
        default=DEFAULT_COOLDOWN_S,
        help="seconds a code must be out of view before it counts again (default %(default)s)",
    )
    p.set_defaults(func=run)


@dataclass(frozen=True)
class _Seen:
    text: str
    frame_time: float
    polygon: Polygon


@dataclass(frozen=True)
class _Summary:
    scans: int
    elapsed_s: float
    latencies_ms: tuple[float, ...]
    frames_decoded: int
    frames_dropped: int

    def to_json(self) -> dict[str, Any]:
        per_min = self.scans / self.elapsed_s * 60 if self.elapsed_s > 0 else 0.0
        lat = list(self.latencies_ms)
        return {
            "scans": self.scans,
            "elapsed_s": round(self.elapsed_s, 3),
            "scans_per_min": round(per_min, 1),
            "latency_ms_p50": round(percentile(lat, 50), 2),
            "latency_ms_p95": round(percentile(lat, 95), 2),
            "latency_ms_p99": round(percentile(lat, 99), 2),
            "frames_decoded": self.frames_decoded,
            "frames_dropped": self.frames_dropped,
        }


def run(args: argparse.Namespace) -> int:
    from kiosk.scanning.capture import CaptureState
    from kiosk.scanning.frame_sources import source_for
    from kiosk.scanning.pipeline import ScanPipeline

    path: Path = args.file
    if not path.exists():
        raise CliError(f"no such video file or picture folder: {path}")
    station = load_station(args.data_dir)
    try:
        decoder = make_decoder(args.decoder)
    except ScanningError as error:
        raise CliError(str(error)) from error
    direction = Direction.EXIT if args.exit else Direction.ENTRY
    found: queue.SimpleQueue[_Seen] = queue.SimpleQueue()
    failures: list[ScanningError] = []
    states: list[CaptureState] = []
    pipeline = ScanPipeline(
        source_for(path, realtime=args.realtime),
        decoder,
        lambda text, at, polygon: found.put(_Seen(text, at, polygon)),
        on_error=lambda error: _warn(error, failures),
        on_state=states.append,
        dedupe=ScanDeduplicator(args.cooldown),
    )
    started = time.monotonic()
    pipeline.start()
    try:
        latencies = _record_scans(pipeline, found, station, direction, as_json=args.json)
    finally:
        pipeline.stop()
    if CaptureState.FAILED in states:
        if failures:  # each was said on stderr as it happened (_warn); say it once
            return 2
        raise CliError(f"cannot read {path}")
    if args.realtime:
        stats = pipeline.stats()
        summary = _Summary(
            len(latencies), time.monotonic() - started, tuple(latencies),
            stats.frames_decoded, stats.frames_dropped,
        )  # fmt: skip
        _print_summary(summary, as_json=args.json)
    return 0


def _record_scans(
    pipeline: ScanPipeline,
    found: queue.SimpleQueue[_Seen],
    station: Station,
    direction: Direction,
    *,
    as_json: bool,
) -> list[float]:
    """Validate and record each scan on this thread (the station's), print it; return latencies."""
    latencies: list[float] = []
    while True:
        try:
            seen = found.get(timeout=0.05)
        except queue.Empty:
            if pipeline.running:
                continue
            if found.empty():
                return latencies
            continue
        began = time.monotonic()
        try:
            outcome = station.scan(seen.text, direction, method="camera")
        except StorageFull as error:
            raise CliError(str(error)) from error
        done = time.monotonic()
        latency_ms = (done - seen.frame_time) * 1e3
        latencies.append(latency_ms)
        _print_outcome(outcome, latency_ms, (done - began) * 1e3, as_json=as_json)


def _print_outcome(
    outcome: ScanOutcome, latency_ms: float, verdict_ms: float, *, as_json: bool
) -> None:
    """The station's usual verdict line or object, plus how long the frame took to a verdict."""
    if as_json:
        timing = {"latency_ms": round(latency_ms, 3), "verdict_ms": round(verdict_ms, 3)}
        print_outcome(outcome, True, extra=timing)
    else:
        print(f"{outcome_line(outcome)}  [{latency_ms:.1f} ms]", flush=True)


def _print_summary(summary: _Summary, *, as_json: bool) -> None:
    data = summary.to_json()
    if as_json:
        print_json({"summary": data})
        return
    print(
        f"{data['scans']} scans in {data['elapsed_s']:.1f} s ({data['scans_per_min']:.0f}/min); "
        f"frame→verdict p50 {data['latency_ms_p50']:.1f} ms, p95 {data['latency_ms_p95']:.1f} ms, "
        f"p99 {data['latency_ms_p99']:.1f} ms; {data['frames_decoded']} frames decoded, "
        f"{data['frames_dropped']} dropped",
        flush=True,
    )


def _warn(error: ScanningError, failures: list[ScanningError]) -> None:
    failures.append(error)
    print(f"doorline: {error}", file=sys.stderr, flush=True)
