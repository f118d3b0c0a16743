"""Cameras, video files and picture folders all deliver frames the same way."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from scanning_support import (
    SMALL_FRAME,
    FakeCameraPort,
    FrameRenderer,
    idle_shot,
    small_ticket_video,
    write_image_folder,
)

from kiosk.scanning.errors import CameraDisconnected, CameraUnavailable, SourceUnavailable
from kiosk.scanning.frame_slot import Delivery, FrameSlot
from kiosk.scanning.frame_sources import (
    CameraSettings,
    CameraSource,
    Frame,
    FrameSource,
    ImageFolderSource,
    RealtimeSource,
    VideoFileSource,
    probe_camera,
    source_for,
)


def _frames(count: int) -> list[np.ndarray]:
    renderer = FrameRenderer(SMALL_FRAME, seed=9)
    rng = np.random.default_rng(0)
    return [renderer.render(idle_shot(rng))[0] for _ in range(count)]


def _read_all(source: FrameSource) -> list[Frame]:
    out = []
    source.open()
    while (frame := source.read()) is not None:
        out.append(frame)
    source.close()
    return out


# -- camera -------------------------------------------------------------------------------------


def test_no_camera_is_a_clear_error_for_the_steward() -> None:
    port = FakeCameraPort([], plugged_in=False)
    source = CameraSource(CameraSettings(index=2), open_capture=port.open)
    with pytest.raises(CameraUnavailable, match=r"No camera found \(camera 2\).*plugged in"):
        source.open()
    assert port.opened[0].released


def test_the_camera_is_asked_for_the_resolution_in_settings() -> None:
    port = FakeCameraPort(_frames(1))
    source = CameraSource(CameraSettings(width=1920, height=1080, fps=30), open_capture=port.open)
    source.open()
    asked = port.opened[0].settings
    assert asked[cv2.CAP_PROP_FRAME_WIDTH] == 1920
    assert asked[cv2.CAP_PROP_FRAME_HEIGHT] == 1080
    assert asked[cv2.CAP_PROP_FPS] == 30
    assert asked[cv2.CAP_PROP_FOURCC] == cv2.VideoWriter.fourcc(*"MJPG")
    source.close()


def test_camera_frames_are_numbered_and_timed() -> None:
    port = FakeCameraPort(_frames(2))
    source = CameraSource(open_capture=port.open)
    source.open()
    first, second = source.read(), source.read()
    assert first is not None and second is not None
    assert (first.index, second.index) == (0, 1)
    assert first.captured_at <= second.captured_at <= time.monotonic()
    assert 0 <= first.position_s <= second.position_s


def test_an_unplugged_camera_is_reported_as_disconnected() -> None:
    port = FakeCameraPort(_frames(1))
    source = CameraSource(open_capture=port.open)
    source.open()
    port.plugged_in = False
    with pytest.raises(CameraDisconnected, match="USB cable"):
        source.read()


def test_the_readiness_probe_reports_the_picture_size() -> None:
    port = FakeCameraPort(_frames(1))
    assert probe_camera(open_capture=port.open) == SMALL_FRAME
    assert port.opened[0].released


def test_the_real_opencv_camera_path_reports_a_missing_camera_in_plain_words() -> None:
    # This machine has no webcam; index 99 is absent on any door laptop.
    with pytest.raises(CameraUnavailable, match="No camera found"):
        CameraSource(CameraSettings(index=99)).open()


# -- recordings ---------------------------------------------------------------------------------


def test_a_video_file_delivers_every_frame_with_its_time_in_the_recording(tmp_path: Path) -> None:
    video = tmp_path / "door.avi"
    count = small_ticket_video(video, ["1ABC", "1DEF"], fps=20)
    frames = _read_all(VideoFileSource(video))
    assert [f.index for f in frames] == list(range(count))
    assert frames[3].position_s == pytest.approx(3 / 20)
    assert frames[0].image.shape == (SMALL_FRAME[1], SMALL_FRAME[0], 3)


def test_an_mp4_video_plays_too(tmp_path: Path) -> None:
    video = tmp_path / "door.mp4"
    count = small_ticket_video(video, ["1ABC"], fps=10)
    assert len(_read_all(VideoFileSource(video))) == count


def test_a_missing_video_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match="Video file not found"):
        VideoFileSource(tmp_path / "nope.avi").open()


def test_a_file_that_is_not_a_video_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.avi"
    bogus.write_text("not a video")
    with pytest.raises(SourceUnavailable, match="not a video"):
        VideoFileSource(bogus).open()


def test_a_picture_folder_plays_in_name_order_and_skips_broken_pictures(tmp_path: Path) -> None:
    write_image_folder(tmp_path / "pics", _frames(3))
    (tmp_path / "pics" / "frame-00002.jpg").write_bytes(b"broken")
    (tmp_path / "pics" / "readme.txt").write_text("ignored")
    frames = _read_all(ImageFolderSource(tmp_path / "pics", frame_rate=5))
    assert [f.index for f in frames] == [0, 1]
    assert frames[1].position_s == pytest.approx(0.2)


def test_an_empty_picture_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match="No pictures"):
        ImageFolderSource(tmp_path).open()


def test_real_time_playback_waits_for_each_frames_moment(tmp_path: Path) -> None:
    write_image_folder(tmp_path / "pics", _frames(3))
    now = [50.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    source = RealtimeSource(ImageFolderSource(tmp_path / "pics", 10), lambda: now[0], sleep)
    frames = _read_all(source)
    assert source.live
    assert [round(f.captured_at, 6) for f in frames] == [50.0, 50.1, 50.2]
    assert slept == pytest.approx([0.1, 0.1])


def test_a_setting_names_a_camera_a_folder_or_a_file(tmp_path: Path) -> None:
    camera = source_for("1", camera=CameraSettings(width=640, height=480))
    assert isinstance(camera, CameraSource)
    assert (camera.settings.index, camera.settings.width) == (1, 640)
    assert isinstance(source_for(tmp_path), ImageFolderSource)
    assert isinstance(source_for(tmp_path / "x.avi"), VideoFileSource)
    assert isinstance(source_for(tmp_path / "x.avi", realtime=True), RealtimeSource)


# -- the hand-over slot -------------------------------------------------------------------------


def _frame(index: int) -> Frame:
    return Frame(np.zeros((2, 2), np.uint8), index, float(index), float(index))


def test_a_live_slot_hands_over_the_newest_frame_and_drops_the_rest() -> None:
    slot = FrameSlot(Delivery.NEWEST)
    for i in range(3):
        assert slot.put(_frame(i))
    taken = slot.take(timeout=0)
    assert taken is not None and taken.index == 2
    assert slot.dropped == 2
    assert slot.take(timeout=0) is None


def test_a_recording_slot_hands_over_every_frame() -> None:
    slot = FrameSlot(Delivery.EVERY)
    received: list[int] = []

    def consume() -> None:
        while (frame := slot.take(timeout=2)) is not None:
            received.append(frame.index)

    consumer = threading.Thread(target=consume)
    consumer.start()
    for i in range(50):
        slot.put(_frame(i))
    slot.close()
    consumer.join(5)
    assert received == list(range(50))
    assert slot.dropped == 0


def test_closing_the_slot_wakes_a_waiting_taker_and_refuses_new_frames() -> None:
    slot = FrameSlot()
    threading.Timer(0.05, slot.close).start()
    assert slot.take(timeout=5) is None
    assert not slot.put(_frame(0))
    assert slot.latest is None
