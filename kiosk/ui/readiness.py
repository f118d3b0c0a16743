"""The "ready for doors" check: each item green or red, with the fix in words (no Qt here).

Runs on a worker: probing a camera and test-printing take a moment.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.station import Station
from kiosk.domain.clock_offset import CLOCK_TOLERANCE_MS, offset_words
from kiosk.station_store import ClockOffset
from kiosk.ui.print_port import BadgePrinting
from kiosk.ui.sounds import PLAYERS

MAX_DATA_AGE_H = 24
# a laptop clock before this is surely wrong (a flat CMOS battery resets to 1970 or 2000)
EARLIEST_SANE_MS = 1_700_000_000_000


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    words: str  # what was found
    fix: str = ""  # what to do when not ok


def data_age(station: Station, now_ms: int) -> Check:
    last = station.replica.get_state("last_sync_ms")
    stamp = int(last) if last else station.identity.provisioned_ms
    hours = (now_ms - stamp) / 3_600_000
    ok = hours <= MAX_DATA_AGE_H
    minutes = max(0, int(hours * 60))
    age = f"{minutes} min" if minutes < 120 else f"{hours:.0f} h"
    what = "synced" if last else "provisioned"
    return Check(
        "Data age",
        ok,
        f"Guest list {what} {age} ago ({station.replica.counts().tickets} tickets)",
        "" if ok else "Sync now (Sync tab), or load a fresh bundle.",
    )


def keys_present(station: Station) -> Check:
    count = len(station.replica.keyring())
    ok = count > 0
    return Check(
        "Ticket keys",
        ok,
        f"{count} verification key(s)",
        "" if ok else "Provision the station again: it holds no keys.",
    )


def clock_sane(now_ms: int, offset: ClockOffset | None = None) -> Check:
    """The laptop's clock: plausible at all, and (once a sync measured it) within two
    minutes of the server's."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(now_ms / 1000))
    if now_ms <= EARLIEST_SANE_MS:
        return Check("Clock", False, f"Laptop clock says {when}", "Set the date and time.")
    if offset is None:
        return Check("Clock", True, f"Laptop clock says {when} (not yet compared with a server)")
    if abs(offset.offset_ms) > CLOCK_TOLERANCE_MS:
        return Check(
            "Clock",
            False,
            f"Laptop clock is {offset_words(offset.offset_ms)} of the server's "
            f"(measured at the last sync, {offset.offset_ms} ms)",
            "Set the laptop's date and time, then sync again.",
        )
    return Check("Clock", True, f"Within {offset_words(offset.offset_ms)} of the server's clock")


def camera_found(probe: Callable[[], str]) -> Check:
    try:
        words = probe()
    except Exception as error:
        return Check("Camera", False, str(error), "Plug in the webcam or choose another camera.")
    return Check("Camera", True, words)


ALSA_CARDS = Path("/proc/asound/cards")  # the kernel's list of sound cards (ALSA)


def sounds_play(
    enabled: bool,
    which: Callable[[str], str | None] = shutil.which,
    cards: Path = ALSA_CARDS,
) -> Check:
    """ "Play verdict sounds" needs a player (paplay, pw-play or aplay) and an audio device;
    without either the door is silent, so the check says so instead of passing quietly."""
    if not enabled:
        return Check("Sounds", True, "Verdict sounds are off (Settings)")
    players = [name for name in PLAYERS if which(name)]
    keep_on = "or turn sounds off in Settings; the verdict card still says everything."
    if not players:
        return Check(
            "Sounds",
            False,
            f"Play verdict sounds is on, but no sound player ({', '.join(PLAYERS)}) is installed",
            f"Install one (apt-get install --no-install-recommends alsa-utils) {keep_on}",
        )
    try:
        listed = cards.read_text(encoding="utf-8", errors="replace")
    except OSError:
        listed = ""
    if not listed.strip() or "no soundcards" in listed:
        return Check(
            "Sounds",
            False,
            f"Play verdict sounds is on, but no audio device was found ({players[0]} is ready)",
            f"Plug in speakers or a USB sound card, {keep_on}",
        )
    return Check("Sounds", True, f"{players[0]}, {listed.strip().splitlines()[0].strip()}")


def printer_answers(printing: BadgePrinting, needed: bool = True) -> Check:
    if not printing.configured:
        if not needed:
            return Check("Printer", True, "No badge printer: this door prints no badges")
        health = printing.health()
        return Check("Printer", False, health.words, "Set a badge printer in Station settings.")
    health = printing.check()
    fix = "Switch the printer on, check its cable or network, then Printers → Check."
    return Check("Printer", health.ok, health.words, "" if health.ok else fix)


def test_scan(station: Station, decode_probe: Callable[[str], str]) -> Check:
    """Render a real ticket's QR, read it back, and validate it without recording anything."""
    code = station.replica.some_ticket_code()
    if code is None:
        return Check("Test scan", False, "No tickets on this station.", "Sync or provision.")
    try:
        read = decode_probe(code)
    except Exception as error:
        return Check("Test scan", False, str(error), "Choose another code reader in Settings.")
    ok = read == code
    return Check(
        "Test scan",
        ok,
        "A ticket code was read back correctly" if ok else "The code read back differs",
        "" if ok else "Choose another code reader in Settings.",
    )


def test_print(printing: BadgePrinting, needed: bool = True) -> Check:
    if not printing.configured and not needed:
        return Check("Test print", True, "Skipped: no badge printer")
    health = printing.test_print()
    fix = "Check the printer's paper and settings, then run the checks again."
    return Check("Test print", health.ok, health.words, "" if health.ok else fix)


def decode_rendered(code: str, decoder_name: str = "zxing") -> str:
    """Draw `code` as a QR and decode it with the configured reader."""
    import numpy as np
    import segno

    from kiosk.scanning.decoder import make_decoder

    matrix = np.array(segno.make_qr(code).matrix, dtype=np.uint8)
    image = np.kron(np.pad(1 - matrix, 4, constant_values=1) * 255, np.ones((6, 6), np.uint8))
    found = make_decoder(decoder_name).decode(image.astype(np.uint8))
    if not found:
        raise RuntimeError("The code reader found no code in a clean test picture.")
    return found[0].text


def run_checks(
    station: Station,
    printing: BadgePrinting,
    camera_probe: Callable[[], str],
    decoder_name: str = "zxing",
    now_ms: int | None = None,
    needs_printer: bool = True,
    sounds: bool = False,
) -> list[Check]:
    """Every check in order; `needs_printer` False (a door without badges) lets a station
    with no printer pass; `sounds` is the "Play verdict sounds" setting."""
    now = now_ms if now_ms is not None else station.now_ms()  # corrected by the last sync
    return [
        data_age(station, now),
        keys_present(station),
        clock_sane(now, station.replica.clock_offset()),
        camera_found(camera_probe),
        printer_answers(printing, needs_printer),
        test_scan(station, lambda code: decode_rendered(code, decoder_name)),
        test_print(printing, needs_printer),
        sounds_play(sounds),
    ]
