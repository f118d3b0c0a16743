"""`doorline station scan-video`: a recording through the real pipeline into a real station."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from scanning_support import small_ticket_video, write_image_folder

from kiosk.cli import main as cli_main
from kiosk.core.station import Station

MODULE = "kiosk.cli.scan_video_cmd"
Tickets = list[dict[str, Any]]


@pytest.fixture(autouse=True)
def scan_video_is_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until the lead lists the module in COMMAND_MODULES, register it the same way main does."""
    if MODULE not in cli_main.COMMAND_MODULES:
        monkeypatch.setattr(cli_main, "COMMAND_MODULES", (*cli_main.COMMAND_MODULES, MODULE))


def _doorline(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli_main.main(["station", "scan-video", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _at_main_entrance(codes: Tickets) -> Tickets:
    return [c for c in codes if c["ticket_type"] != "Day pass"]  # day passes use their own desk


def _data_dir(station: Station) -> str:
    return str(station.replica.path.parent)


def test_a_video_of_twenty_tickets_admits_each_once_and_refuses_the_forged(
    provisioned_station: tuple[Station, Tickets],
    forge: Callable[[str], str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    station, codes = provisioned_station
    tickets = _at_main_entrance(codes)[:20]
    genuine, forged_from = tickets[:16], tickets[16:]
    shown = [t["code"] for t in genuine] + [forge(t["code"]) for t in forged_from]
    shown = shown[::2] + shown[1::2]  # forged ones among the genuine
    shown.append(genuine[0]["code"])  # someone shows an already used ticket again
    video = tmp_path / "door.avi"
    small_ticket_video(video, shown)

    status, out, err = _doorline(capsys, "--data-dir", _data_dir(station), str(video), "--json")

    assert status == 0, err
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(shown)  # one verdict per showing
    admitted = Counter(r["ticket_id"] for r in results if r["verdict"] == "admitted")
    assert admitted == Counter(t["ticket_id"] for t in genuine)
    assert Counter(r["verdict"] for r in results) == {
        "admitted": len(genuine),
        "bad_signature": len(forged_from),
        "already_checked_in": 1,
    }
    assert results[-1]["verdict"] == "already_checked_in"
    assert results[-1]["ticket_id"] == genuine[0]["ticket_id"]
    for r in results:
        assert {"verdict", "ticket_id", "offline", "detail"} <= r.keys()
        assert 0 < r["verdict_ms"] <= r["latency_ms"]


def test_each_scan_is_one_readable_line_without_json(
    provisioned_station: tuple[Station, Tickets],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    station, codes = provisioned_station
    ticket = _at_main_entrance(codes)[0]
    video = tmp_path / "door.avi"
    small_ticket_video(video, [ticket["code"]])
    status, out, _ = _doorline(capsys, "--data-dir", _data_dir(station), str(video))
    assert status == 0
    (line,) = out.splitlines()
    assert line.startswith("ADMITTED")
    assert ticket["name"] in line
    assert line.endswith(" ms]")


def test_a_picture_folder_stands_in_for_the_camera_too(
    provisioned_station: tuple[Station, Tickets],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from scanning_support import SMALL_FRAME, FrameRenderer, ticket_frames

    station, codes = provisioned_station
    ticket = _at_main_entrance(codes)[1]
    frames = ticket_frames([ticket["code"]], renderer=FrameRenderer(SMALL_FRAME), hold_frames=3)
    write_image_folder(tmp_path / "pics", (f for f, _ in frames))
    status, out, _ = _doorline(
        capsys, "--data-dir", _data_dir(station), str(tmp_path / "pics"), "--json"
    )
    assert status == 0
    assert [json.loads(x)["ticket_id"] for x in out.splitlines()] == [ticket["ticket_id"]]


def test_realtime_rehearsal_prints_throughput_and_latency_at_the_end(
    provisioned_station: tuple[Station, Tickets],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    station, codes = provisioned_station
    tickets = _at_main_entrance(codes)[:3]
    video = tmp_path / "door.avi"
    frames = small_ticket_video(video, [t["code"] for t in tickets], fps=30)
    status, out, _ = _doorline(
        capsys, "--data-dir", _data_dir(station), str(video), "--json", "--realtime"
    )
    assert status == 0
    *verdicts, last = [json.loads(line) for line in out.splitlines()]
    assert [v["verdict"] for v in verdicts] == ["admitted"] * 3
    summary = last["summary"]
    assert summary["scans"] == 3
    assert summary["elapsed_s"] >= 0.8 * frames / 30  # it played at the recording's pace
    assert summary["scans_per_min"] > 0
    assert summary["latency_ms_p50"] <= summary["latency_ms_p95"] <= summary["latency_ms_p99"]
    assert summary["frames_decoded"] + summary["frames_dropped"] == frames


def test_realtime_summary_is_a_sentence_without_json(
    provisioned_station: tuple[Station, Tickets],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    station, codes = provisioned_station
    video = tmp_path / "door.avi"
    small_ticket_video(video, [_at_main_entrance(codes)[0]["code"]], fps=30)
    status, out, _ = _doorline(capsys, "--data-dir", _data_dir(station), str(video), "--realtime")
    assert status == 0
    assert "1 scans in" in out.splitlines()[-1]
    assert "frame→verdict p50" in out


def test_a_missing_file_is_a_usage_error(
    provisioned_station: tuple[Station, Tickets], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station, _ = provisioned_station
    status, out, err = _doorline(capsys, "--data-dir", _data_dir(station), str(tmp_path / "x.avi"))
    assert status == 2
    assert out == ""
    assert "no such video file" in err


def test_a_file_that_is_not_a_video_is_an_environment_error(
    provisioned_station: tuple[Station, Tickets], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station, _ = provisioned_station
    bogus = tmp_path / "notes.avi"
    bogus.write_text("hello")
    status, _, err = _doorline(capsys, "--data-dir", _data_dir(station), str(bogus))
    assert status == 2
    assert "not a video" in err
    assert len(err.splitlines()) == 1, f"one line of words, said once: {err!r}"


def test_an_unprovisioned_station_is_an_environment_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    video = tmp_path / "door.avi"
    small_ticket_video(video, ["1ABC"])
    status, _, err = _doorline(capsys, "--data-dir", str(tmp_path / "empty"), str(video))
    assert status == 2
    assert "provision" in err
