"""Test-only helpers for the scanning tests: keyboard layouts, a fake camera, small videos."""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from kiosk.cli.main import CliGroups
from kiosk.domain.ticket_codec import ALPHABET
from kiosk.scanning.frame_generator import (
    Camera,
    FrameRenderer,
    Placement,
    Shot,
    Surface,
    appearances,
    idle_shot,
    qr_matrix,
    random_shot,
    ticket_frames,
    write_image_folder,
    write_video,
)

__all__ = [
    "LAYOUTS",
    "SMALL_FRAME",
    "Camera",
    "FakeCameraPort",
    "FrameRenderer",
    "Placement",
    "Shot",
    "Surface",
    "appearances",
    "idle_shot",
    "keystrokes",
    "qr_matrix",
    "random_codes",
    "random_shot",
    "small_ticket_video",
    "station_parser",
    "ticket_frames",
    "typed_on",
    "write_image_folder",
    "write_video",
]

SMALL_FRAME = (640, 360)  # small videos keep the tests fast; decoding at 720p is benchmarked


def random_codes(count: int, seed: int = 0, length: int = 43) -> list[str]:
    """Ticket-shaped texts (version "1" + alphabet), for tests that need no signature."""
    rng = np.random.default_rng(seed)
    return ["1" + "".join(rng.choice(list(ALPHABET), length - 1)) for _ in range(count)]


def small_ticket_video(
    path: Path,
    codes: Sequence[str],
    *,
    fps: float = 15.0,
    hold: int = 5,
    gap: int = 2,
    inverted: bool = False,
) -> int:
    """Write `codes` shown one after another; return the number of frames."""
    renderer = FrameRenderer(SMALL_FRAME, seed=len(codes))
    frames = ticket_frames(
        codes, renderer=renderer, hold_frames=hold, gap_frames=gap, seed=1, inverted=inverted
    )
    write_video(path, (f for f, _ in frames), fps)
    return appearances(codes, hold, gap)[-1].last_frame + 1 if codes else 0


# --------------------------------------------------------------------------------------------
# Keyboard layouts: what a scanner configured for a US keyboard produces on other layouts.
# A scanner sends key positions (USB HID usages), not characters: "A" is Shift + the key a US
# keyboard labels A. The computer's layout decides what that key position types.

_US_DIGITS = "1234567890"
_AZERTY_FR_DIGIT_ROW = "&é\"'(-è_çà"
_AZERTY_BE_DIGIT_ROW = "&é\"'(§è!çà"
#: Digit rows 1234567890 as a US-configured scanner types them (no Shift) on QWERTZ layouts.
_QWERTZ_DIGIT_ROWS = {
    "cz-qwertz": "+ěščřžýáíé",
    "sk-qwertz": "+ľščťžýáíé",
    "de-qwertz": "1234567890",
    "ch-qwertz": "1234567890",
}


def _us_key(char: str) -> tuple[str, bool]:
    """The US key position and Shift state a scanner uses to type `char`."""
    if char.isdigit():
        return f"digit{char}", False
    return f"key{char.lower()}", char.isupper()


def _azerty(digit_row: str, key: str, shift: bool) -> str:
    if key.startswith("digit"):
        d = key[-1]
        return d if shift else digit_row[_US_DIGITS.index(d)]
    letter = key[-1]
    swapped = {"q": "a", "a": "q", "w": "z", "z": "w", "m": ","}.get(letter, letter)
    if swapped == ",":
        return "?" if shift else ","
    return swapped.upper() if shift else swapped


def _qwertz(digit_row: str, key: str, shift: bool) -> str:
    if key.startswith("digit"):
        return digit_row[_US_DIGITS.index(key[-1])]
    letter = {"y": "z", "z": "y"}.get(key[-1], key[-1])
    return letter.upper() if shift else letter


LAYOUTS = (
    "us",
    "fr-azerty",
    "be-azerty",
    "de-qwertz",
    "cz-qwertz",
    "sk-qwertz",
    "ch-qwertz",
    "nordic",
)


def typed_on(layout: str, code: str) -> str:
    """What appears on screen when a US-configured scanner types `code` on `layout`."""
    out = []
    for char in code:
        key, shift = _us_key(char)
        if layout == "us":
            out.append(char)
        elif layout == "fr-azerty":
            out.append(_azerty(_AZERTY_FR_DIGIT_ROW, key, shift))
        elif layout == "be-azerty":
            out.append(_azerty(_AZERTY_BE_DIGIT_ROW, key, shift))
        elif layout in _QWERTZ_DIGIT_ROWS:
            out.append(_qwertz(_QWERTZ_DIGIT_ROWS[layout], key, shift))
        elif layout == "nordic":  # digits and letters sit where US has them
            out.append(char)
        else:
            raise ValueError(layout)
    return "".join(out)


def keystrokes(text: str, start: float, gap_s: float) -> list[tuple[str, float]]:
    """(character, timestamp) pairs typed `gap_s` apart from `start`."""
    return [(ch, start + i * gap_s) for i, ch in enumerate(text)]


# --------------------------------------------------------------------------------------------
# A fake camera: the one physical device the tests cannot have.


class FakeCapture:
    """Behaves like `cv2.VideoCapture` on a webcam that can be unplugged and plugged back."""

    def __init__(self, camera: FakeCameraPort, frames: Iterable[np.ndarray]) -> None:
        self._camera = camera
        self._frames = list(frames)
        self._next = 0
        self.settings: dict[int, float] = {}
        self.released = False

    def isOpened(self) -> bool:  # OpenCV's spelling
        return self._camera.plugged_in and not self.released

    def read(self) -> tuple[bool, np.ndarray | None]:
        time.sleep(self._camera.frame_period_s)  # a real camera's read waits for the next frame
        if not self._camera.plugged_in or self.released or not self._frames:
            return False, None
        frame = self._frames[self._next % len(self._frames)]
        self._next += 1
        return True, frame

    def set(self, prop_id: int, value: float) -> bool:
        self.settings[prop_id] = value
        return True

    def get(self, prop_id: int) -> float:
        return self.settings.get(prop_id, 0.0)

    def release(self) -> None:
        self.released = True


class FakeCameraPort:
    """A USB port with (or without) a webcam: hands out FakeCaptures like cv2.VideoCapture(i)."""

    def __init__(
        self, frames: Iterable[np.ndarray], plugged_in: bool = True, frame_period_s: float = 0.005
    ) -> None:
        self.frames = list(frames)
        self.frame_period_s = frame_period_s
        self.plugged_in = plugged_in
        self.opened: list[FakeCapture] = []

    def open(self, index: int) -> FakeCapture:
        capture = FakeCapture(self, self.frames)
        self.opened.append(capture)
        return capture


# --------------------------------------------------------------------------------------------
# The CLI command on its own parser, exactly as kiosk.cli.main registers command modules.


def station_parser(*modules: object) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="doorline")
    top = parser.add_subparsers(dest="command", required=True)
    server = top.add_parser("server")
    station = top.add_parser("station")
    groups = CliGroups(
        top=top,
        server=server.add_subparsers(dest="server_command", required=True),
        station=station.add_subparsers(dest="station_command", required=True),
    )
    for module in modules:
        module.register(groups)  # type: ignore[attr-defined]
    return parser
