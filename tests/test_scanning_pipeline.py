"""The camera path on worker threads: every showing is one scan; nothing raises at the caller."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from scanning_support import (
    SMALL_FRAME,
    FakeCameraPort,
    FrameRenderer,
    Placement,
    Shot,
    random_codes,
    small_ticket_video,
    write_image_folder,
    write_video,
)

from kiosk.scanning.capture import CaptureState, ReconnectPolicy
from kiosk.scanning.decoder import DecodedCode, make_decoder
from kiosk.scanning.dedupe import ScanDeduplicator
from kiosk.scanning.errors import (
    CameraDisconnected,
    CameraUnavailable,
    ScanningError,
    SourceUnavailable,
)
from kiosk.scanning.frame_slot import Delivery
from kiosk.scanning.frame_sources import CameraSource, ImageFolderSource, VideoFileSource
from kiosk.scanning.pipeline import ScanPipeline
from kiosk.scanning.zxing_decoder import ZxingDecoder

QUICK_RECONNECT = ReconnectPolicy(first_delay_s=0.01, max_delay_s=0.05)


class Recorder:
    """Collects what the pipeline reports, from its threads."""

    def __init__(self) -> None:
        self.codes: list[tuple[str, float, tuple[tuple[int, int], ...]]] = []
        self.errors: list[ScanningError] = []
        self.states: list[CaptureState] = []
        self.threads: set[str] = set()

    def on_code(self, text: str, frame_time: float, polygon: tuple[tuple[int, int], ...]) -> None:
        self.threads.add(threading.current_thread().name)
        self.codes.append((text, frame_time, polygon))

    @property
    def texts(self) -> list[str]:
        return [c[0] for c in self.codes]

    def pipeline(self, source, decoder=None, **kwargs) -> ScanPipeline:  # type: ignore[no-untyped-def]
        return ScanPipeline(
            source,
            decoder or make_decoder(),
            self.on_code,
            on_error=self.errors.append,
            on_state=self.states.append,
            **kwargs,
        )


def _wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def _code_frames(code: str, count: int) -> list[np.ndarray]:
    renderer = FrameRenderer(SMALL_FRAME, seed=2)
    frame, _ = renderer.render(Shot(((code, Placement(code_size=0.5)),)))
    return [frame] * count


def test_every_ticket_in_a_video_is_scanned_once_in_order(tmp_path: Path) -> None:
    codes = random_codes(6, seed=11)
    video = tmp_path / "door.avi"
    frames = small_ticket_video(video, codes)
    rec = Recorder()
    pipeline = rec.pipeline(VideoFileSource(video))
    pipeline.start()
    assert pipeline.wait(30)
    assert rec.texts == codes
    assert rec.errors == []
    assert rec.states[0] is CaptureState.OPENING
    assert rec.states[-1] is CaptureState.FINISHED
    stats = pipeline.stats()
    assert (stats.frames_captured, stats.frames_decoded, stats.frames_dropped) == (
        frames,
        frames,
        0,
    )
    assert stats.scans == len(codes)
    assert stats.decode_ms_p50 > 0


def test_dark_mode_tickets_in_a_video_are_each_scanned_once(tmp_path: Path) -> None:
    codes = random_codes(6, seed=13)
    video = tmp_path / "dark-mode.avi"
    small_ticket_video(video, codes, inverted=True)
    rec = Recorder()
    pipeline = rec.pipeline(VideoFileSource(video))
    pipeline.start()
    assert pipeline.wait(30)
    assert rec.texts == codes


def test_scans_come_with_the_frame_time_and_the_codes_outline(tmp_path: Path) -> None:
    video = tmp_path / "door.avi"
    small_ticket_video(video, random_codes(1, seed=12))
    rec = Recorder()
    before = time.monotonic()
    pipeline = rec.pipeline(VideoFileSource(video))
    pipeline.start()
    pipeline.wait(30)
    ((_, frame_time, polygon),) = rec.codes
    assert before <= frame_time <= time.monotonic()
    assert len(polygon) == 4
    assert all(0 <= x < SMALL_FRAME[0] and 0 <= y < SMALL_FRAME[1] for x, y in polygon)
    assert rec.threads == {"doorline-decode"}


def test_a_picture_folder_runs_through_the_same_pipeline(tmp_path: Path) -> None:
    code = random_codes(1, seed=13)[0]
    write_image_folder(tmp_path / "pics", _code_frames(code, 3))
    rec = Recorder()
    pipeline = rec.pipeline(ImageFolderSource(tmp_path / "pics"))
    pipeline.start()
    pipeline.wait(30)
    assert rec.texts == [code]


def test_the_preview_shows_the_newest_frame_with_the_code_outlined(tmp_path: Path) -> None:
    code = random_codes(1, seed=14)[0]
    write_image_folder(tmp_path / "pics", _code_frames(code, 2))
    rec = Recorder()
    pipeline = rec.pipeline(ImageFolderSource(tmp_path / "pics"))
    assert pipeline.preview() is None
    pipeline.start()
    pipeline.wait(30)
    preview = pipeline.preview()
    assert preview is not None
    assert preview.frame.index == 1
    assert [c.text for c in preview.codes] == [code]
    assert preview.codes_from_frame == 1


def test_a_failing_on_code_handler_is_reported_and_scanning_goes_on(tmp_path: Path) -> None:
    codes = random_codes(3, seed=15)
    video = tmp_path / "door.avi"
    small_ticket_video(video, codes)
    seen: list[str] = []
    errors: list[ScanningError] = []

    def on_code(text: str, frame_time: float, polygon: object) -> None:
        seen.append(text)
        raise RuntimeError("the UI crashed")

    pipeline = ScanPipeline(VideoFileSource(video), make_decoder(), on_code, on_error=errors.append)
    pipeline.start()
    assert pipeline.wait(30)
    assert seen == codes
    assert len(errors) == 3
    assert "could not be handled" in str(errors[0])


class ReaderThatFailsOnFrame:
    """A code reader that breaks on one picture (a library bug), then works again."""

    name = "zxing"

    def __init__(self, bad_call: int) -> None:
        self._inner = ZxingDecoder()
        self._calls = 0
        self._bad_call = bad_call

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        self._calls += 1
        if self._calls == self._bad_call:
            raise MemoryError("simulated reader failure")
        return self._inner.decode(gray)


def test_a_reader_failure_on_one_frame_is_reported_not_raised(tmp_path: Path) -> None:
    codes = random_codes(2, seed=16)
    video = tmp_path / "door.avi"
    small_ticket_video(video, codes)
    rec = Recorder()
    pipeline = rec.pipeline(VideoFileSource(video), ReaderThatFailsOnFrame(bad_call=3))
    pipeline.start()
    assert pipeline.wait(30)
    assert rec.texts == codes
    assert [str(e) for e in rec.errors] == [
        "The code reader failed on one picture; scanning goes on."
    ]


def test_a_missing_video_is_reported_through_the_error_callback(tmp_path: Path) -> None:
    rec = Recorder()
    pipeline = rec.pipeline(VideoFileSource(tmp_path / "missing.avi"))
    pipeline.start()  # does not raise
    assert pipeline.wait(10)
    assert isinstance(rec.errors[0], SourceUnavailable)
    assert rec.states[-1] is CaptureState.FAILED
    assert rec.codes == []


def test_a_camera_drops_stale_frames_and_a_recording_keeps_them(tmp_path: Path) -> None:
    camera = ScanPipeline(CameraSource(), make_decoder(), lambda *a: None)
    recording = ScanPipeline(VideoFileSource(tmp_path / "x.avi"), make_decoder(), lambda *a: None)
    assert camera.delivery is Delivery.NEWEST
    assert recording.delivery is Delivery.EVERY


def test_a_camera_faster_than_the_reader_has_its_stale_frames_dropped() -> None:
    code = random_codes(1, seed=17)[0]
    port = FakeCameraPort(_code_frames(code, 1), frame_period_s=0.0)  # frames faster than decoding
    rec = Recorder()
    pipeline = rec.pipeline(CameraSource(open_capture=port.open))
    pipeline.start()
    _wait_for(lambda: pipeline.stats().frames_decoded >= 20)
    pipeline.stop(5)
    stats = pipeline.stats()
    assert rec.texts == [code]
    assert stats.frames_dropped > 0
    assert stats.frames_decoded + stats.frames_dropped <= stats.frames_captured


def test_a_camera_unplugged_and_plugged_back_resumes_scanning_by_itself() -> None:
    first, second = random_codes(2, seed=18)
    port = FakeCameraPort(_code_frames(first, 1))
    rec = Recorder()
    pipeline = rec.pipeline(CameraSource(open_capture=port.open), reconnect=QUICK_RECONNECT)
    pipeline.start()
    _wait_for(lambda: rec.texts == [first])
    port.plugged_in = False
    _wait_for(lambda: CaptureState.RECONNECTING in rec.states)
    assert isinstance(rec.errors[0], CameraDisconnected)
    port.frames = _code_frames(second, 1)
    port.plugged_in = True
    _wait_for(lambda: rec.texts == [first, second])
    assert pipeline.stop(5)
    assert len(rec.errors) == 1  # told once per outage, not once per attempt
    assert rec.states[-1] is CaptureState.STOPPED


def test_a_camera_missing_at_start_is_reported_and_picked_up_when_plugged_in() -> None:
    code = random_codes(1, seed=19)[0]
    port = FakeCameraPort(_code_frames(code, 1), plugged_in=False)
    rec = Recorder()
    pipeline = rec.pipeline(CameraSource(open_capture=port.open), reconnect=QUICK_RECONNECT)
    pipeline.start()
    _wait_for(lambda: rec.errors != [])
    assert isinstance(rec.errors[0], CameraUnavailable)
    assert "No camera found" in str(rec.errors[0])
    port.plugged_in = True
    _wait_for(lambda: rec.texts == [code])
    assert pipeline.stop(5)


def test_stop_ends_a_camera_pipeline_promptly_even_while_reconnecting() -> None:
    port = FakeCameraPort([], plugged_in=False)
    rec = Recorder()
    slow = ReconnectPolicy(first_delay_s=30, max_delay_s=30)
    pipeline = rec.pipeline(CameraSource(open_capture=port.open), reconnect=slow)
    pipeline.start()
    _wait_for(lambda: CaptureState.RECONNECTING in rec.states)
    started = time.monotonic()
    assert pipeline.stop(5)
    assert time.monotonic() - started < 2
    assert not pipeline.running


def test_a_pipeline_runs_once(tmp_path: Path) -> None:
    pipeline = ScanPipeline(VideoFileSource(tmp_path / "x.avi"), make_decoder(), lambda *a: None)
    assert pipeline.wait(0)  # never started: nothing to wait for
    pipeline.start()
    with pytest.raises(RuntimeError):
        pipeline.start()
    assert pipeline.wait(5)


def test_the_cooldown_is_a_setting_of_the_pipeline(tmp_path: Path) -> None:
    code = random_codes(1, seed=20)[0]
    frames = _code_frames(code, 2) + [np.full_like(_code_frames(code, 1)[0], 128)] * 10
    frames += _code_frames(code, 2)
    video = tmp_path / "again.avi"
    write_video(video, frames, fps=10)  # the code leaves view for one second
    for cooldown, expected in ((2.0, [code]), (0.5, [code, code])):
        rec = Recorder()
        pipeline = rec.pipeline(VideoFileSource(video), dedupe=ScanDeduplicator(cooldown))
        pipeline.start()
        pipeline.wait(30)
        assert rec.texts == expected
