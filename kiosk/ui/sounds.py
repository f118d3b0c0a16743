"""Verdict sounds. PySide6-Essentials has no QtMultimedia, so a WAV is played by the system's
player (`paplay`, `pw-play` or `aplay`) in a child process; with none, or no audio device,
the door stays silent and the verdict card still says everything."""

from __future__ import annotations

import logging
import shutil
import subprocess
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from kiosk.domain.verdicts import Verdict
from kiosk.ui.sound_synth import SOUNDS_DIR

log = logging.getLogger(__name__)
PLAYERS = ("paplay", "pw-play", "aplay")


class Cue(StrEnum):
    ADMITTED = "admitted"
    EXIT = "exit"
    REFUSED = "refused"
    SUPERVISOR = "supervisor"


def cue_for(verdict: Verdict) -> Cue:
    if verdict is Verdict.ADMITTED:
        return Cue.ADMITTED
    if verdict is Verdict.EXIT_RECORDED:
        return Cue.EXIT
    if verdict is Verdict.NEEDS_SUPERVISOR:
        return Cue.SUPERVISOR
    return Cue.REFUSED


class SoundPlayer(Protocol):
    def play(self, cue: Cue) -> None: ...


class SilentPlayer:
    """No sound (settings off, no player found, tests); remembers what it would have played."""

    def __init__(self) -> None:
        self.played: list[Cue] = []

    def play(self, cue: Cue) -> None:
        self.played.append(cue)


class CommandPlayer:
    """Plays `verdict_sounds/<cue>.wav` with a system player without waiting for it."""

    def __init__(self, command: str, folder: Path = SOUNDS_DIR) -> None:
        self._command = command
        self._folder = folder
        self._broken = False

    def play(self, cue: Cue) -> None:
        path = self._folder / f"{cue}.wav"
        if self._broken or not path.exists():
            return
        try:
            subprocess.Popen(
                [self._command, str(path)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            log.warning("sound player %s failed (%s); sounds off", self._command, error)
            self._broken = True


def make_player(enabled: bool) -> SoundPlayer:
    if not enabled:
        return SilentPlayer()
    for name in PLAYERS:
        found = shutil.which(name)
        if found:
            return CommandPlayer(found)
    log.info("no audio player (%s) found; verdict sounds off", ", ".join(PLAYERS))
    return SilentPlayer()
