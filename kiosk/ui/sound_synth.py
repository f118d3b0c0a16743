"""Makes the verdict sounds (kiosk/ui/verdict_sounds/*.wav) from code, so the project owns them.

    .venv/bin/python -m kiosk.ui.sound_synth

Each cue differs in pitch *and* rhythm, so a steward tells them apart without looking:
admitted rises, exit is one soft tone, refused is a low double buzz, supervisor a repeated alarm.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
SOUNDS_DIR = Path(__file__).resolve().parent / "verdict_sounds"  # package data: ships installed

Note = tuple[float, float, str]  # frequency Hz (0 = rest), seconds, wave shape

CUES: dict[str, list[Note]] = {
    "admitted": [(880, 0.09, "sine"), (1320, 0.16, "sine")],
    "exit": [(660, 0.18, "sine")],
    "refused": [(220, 0.16, "square"), (0, 0.06, "sine"), (196, 0.22, "square")],
    "supervisor": [(740, 0.12, "triangle"), (0, 0.05, "sine")] * 3,
}


def _sample(freq: float, t: float, shape: str) -> float:
    phase = (freq * t) % 1.0
    if shape == "square":
        return 0.6 if phase < 0.5 else -0.6
    if shape == "triangle":
        return 4 * abs(phase - 0.5) - 1
    return math.sin(2 * math.pi * phase)


def _note(freq: float, seconds: float, shape: str) -> list[float]:
    count = int(RATE * seconds)
    fade = max(1, int(RATE * 0.01))
    out = []
    for i in range(count):
        envelope = min(1.0, i / fade, (count - i) / fade)
        out.append(0.0 if freq == 0 else _sample(freq, i / RATE, shape) * envelope * 0.5)
    return out


def render(notes: list[Note]) -> bytes:
    samples = [s for note in notes for s in _note(*note)]
    return b"".join(struct.pack("<h", int(s * 32767)) for s in samples)


def write_all(folder: Path = SOUNDS_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, notes in CUES.items():
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(render(notes))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all():
        print(written_path)
