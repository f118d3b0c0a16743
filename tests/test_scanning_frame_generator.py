"""The frame generator tells the truth about what it drew, so read rates on it mean something."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from scanning_support import (
    SMALL_FRAME,
    FrameRenderer,
    Placement,
    Shot,
    Surface,
    appearances,
    random_codes,
    random_shot,
    small_ticket_video,
)

from kiosk.scanning.decoder import make_decoder
from kiosk.scanning.pipeline import to_gray


def _near(polygon: tuple[tuple[int, int], ...], truth: tuple[tuple[int, int], ...]) -> bool:
    return all(min(abs(x - tx) + abs(y - ty) for tx, ty in truth) < 12 for x, y in polygon)


def test_the_drawn_outline_is_where_a_reader_finds_the_code() -> None:
    renderer = FrameRenderer(seed=1)
    code = random_codes(1, seed=30)[0]
    for surface in Surface:
        placement = Placement(surface=surface, code_size=0.4, rotation_deg=20, tilt_deg=25)
        frame, truth = renderer.render(Shot(((code, placement),)))
        (found,) = make_decoder().decode(to_gray(frame))
        assert truth.codes == (code,)
        assert _near(found.polygon, truth.polygons[0])


def test_frames_are_webcam_shaped_colour_pictures() -> None:
    frame, truth = FrameRenderer(SMALL_FRAME).render(Shot())
    assert frame.shape == (SMALL_FRAME[1], SMALL_FRAME[0], 3)
    assert frame.dtype == np.uint8
    assert truth.codes == ()


def test_the_same_seed_draws_the_same_scene() -> None:
    code = random_codes(1, seed=31)[0]
    shots = [random_shot(code, np.random.default_rng(5)) for _ in range(2)]
    assert shots[0] == shots[1]


def test_a_ticket_video_holds_each_code_where_appearances_says(tmp_path: Path) -> None:
    codes = random_codes(3, seed=32)
    video = tmp_path / "door.avi"
    count = small_ticket_video(video, codes, hold=4, gap=2)
    capture = cv2.VideoCapture(str(video))
    decoder = make_decoder()
    seen: dict[str, list[int]] = {}
    index = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        for found in decoder.decode(to_gray(frame)):
            seen.setdefault(found.text, []).append(index)
        index += 1
    capture.release()
    assert index == count
    for shown in appearances(codes, hold_frames=4, gap_frames=2):
        assert seen[shown.code]
        assert all(shown.first_frame <= i <= shown.last_frame for i in seen[shown.code])
