"""The "ready for doors" check: each item green or red, with the fix in words.

Runs on a worker: probing a camera and test-printing take a moment. The words are in the
window's language (`translate`, which Qt allows from any thread); what a device or the
printing package reports about itself (a camera's resolution, a printer's own error) is
shown as it came.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.station import Station
from kiosk.domain.clock_offset import CLOCK_TOLERANCE_MS
from kiosk.station_store import ClockOffset
from kiosk.ui.camera_words import camera_problem_words
from kiosk.ui.clock_words import offset_amount, offset_text
from kiosk.ui.languages import translate
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
    age = translate("Readiness", "{0} min") if minutes < 120 else translate("Readiness", "{0} h")
    age = age.format(minutes if minutes < 120 else f"{hours:.0f}")
    tickets = translate("Readiness", "%n ticket(s)", None, station.replica.counts().tickets)
    if last:
        words = translate("Readiness", "Guest list synced {0} ago ({1})").format(age, tickets)
    else:
        words = translate("Readiness", "Guest list provisioned {0} ago ({1})").format(age, tickets)
    return Check(
        translate("Readiness", "Data age"),
        ok,
        words,
        "" if ok else translate("Readiness", "Sync now (Sync tab), or load a fresh bundle."),
    )


def keys_present(station: Station) -> Check:
    count = len(station.replica.keyring())
    ok = count > 0
    return Check(
        translate("Readiness", "Ticket keys"),
        ok,
        translate("Readiness", "%n verification key(s)", None, count),
        "" if ok else translate("Readiness", "Provision the station again: it holds no keys."),
    )


def identity_unique(station: Station) -> Check:
    """The server stored this station's entries: none was refused because another copy of
    its identity (a copied data folder, a restored backup) had used its sequence numbers."""
    name = translate("Readiness", "Station identity")
    entries, checkins = station.replica.stranded_count(station.station_id)
    if not entries:
        return Check(name, True, translate("Readiness", "Only this folder uses this identity"))
    return Check(
        name,
        False,
        translate(
            "Readiness",
            "This station's identity is also used by another copy; {0} check-ins ({1} log "
            "entries) are not on the server",
        ).format(checkins, entries),
        translate(
            "Readiness",
            "Ask an operator for a new token and set this station up again with it: its "
            "check-ins then reach the server under a new identity.",
        ),
    )


def operator_pin_known(station: Station) -> Check:
    """The station holds the event's operator PIN verifier from its server or bundle: without
    it, overrides and acknowledgements made here cannot be signed and the server refuses them."""
    name = translate("Readiness", "Operator PIN")
    if station.pin_verifier() is not None:
        return Check(name, True, translate("Readiness", "The event's operator PIN is known here"))
    return Check(
        name,
        False,
        translate(
            "Readiness",
            "No operator PIN from the server: overrides and acknowledgements made here will "
            "be refused",
        ),
        translate("Readiness", "Set one on the server, then sync."),
    )


def clock_sane(now_ms: int, offset: ClockOffset | None = None) -> Check:
    """The laptop's clock: plausible at all, and (once a sync measured it) within two
    minutes of the server's."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(now_ms / 1000))
    name = translate("Readiness", "Clock")
    if now_ms <= EARLIEST_SANE_MS:
        return Check(
            name,
            False,
            translate("Readiness", "Laptop clock says {0}").format(when),
            translate("Readiness", "Set the date and time."),
        )
    if offset is None:
        return Check(
            name,
            True,
            translate("Readiness", "Laptop clock says {0} (not yet compared with a server)").format(
                when
            ),
        )
    if abs(offset.offset_ms) > CLOCK_TOLERANCE_MS:
        return Check(
            name,
            False,
            translate("Readiness", "Laptop clock: {0} (measured at the last sync, {1} ms)").format(
                offset_text(offset.offset_ms), offset.offset_ms
            ),
            translate("Readiness", "Set the laptop's date and time, then sync again."),
        )
    return Check(
        name,
        True,
        translate("Readiness", "Within {0} of the server's clock").format(
            offset_amount(offset.offset_ms)
        ),
    )


def camera_found(probe: Callable[[], str]) -> Check:
    try:
        words = probe()
    except Exception as error:
        fix = translate("Readiness", "Plug in the webcam or choose another camera.")
        return Check(translate("Readiness", "Camera"), False, camera_problem_words(error), fix)
    return Check(translate("Readiness", "Camera"), True, words)


ALSA_CARDS = Path("/proc/asound/cards")  # the kernel's list of sound cards (ALSA)


def sounds_play(
    enabled: bool,
    which: Callable[[str], str | None] = shutil.which,
    cards: Path = ALSA_CARDS,
) -> Check:
    """ "Play verdict sounds" needs a player (paplay, pw-play or aplay) and an audio device;
    without either the door is silent, so the check says so instead of passing quietly."""
    name = translate("Readiness", "Sounds")
    if not enabled:
        return Check(name, True, translate("Readiness", "Verdict sounds are off (Settings)"))
    players = [player for player in PLAYERS if which(player)]
    if not players:
        return Check(
            name,
            False,
            translate(
                "Readiness", "Play verdict sounds is on, but no sound player ({0}) is installed"
            ).format(", ".join(PLAYERS)),
            translate(
                "Readiness",
                "Install one ({0}), or turn sounds off in Settings; the verdict card still says"
                " everything.",
            ).format("apt-get install --no-install-recommends alsa-utils"),
        )
    try:
        listed = cards.read_text(encoding="utf-8", errors="replace")
    except OSError:
        listed = ""
    if not listed.strip() or "no soundcards" in listed:
        return Check(
            name,
            False,
            translate(
                "Readiness",
                "Play verdict sounds is on, but no audio device was found ({0} is ready)",
            ).format(players[0]),
            translate(
                "Readiness",
                "Plug in speakers or a USB sound card, or turn sounds off in Settings; the"
                " verdict card still says everything.",
            ),
        )
    return Check(name, True, f"{players[0]}, {listed.strip().splitlines()[0].strip()}")


def printer_answers(printing: BadgePrinting, needed: bool = True) -> Check:
    name = translate("Readiness", "Printer")
    if not printing.configured:
        if not needed:
            return Check(
                name, True, translate("Readiness", "No badge printer: this door prints no badges")
            )
        health = printing.health()
        return Check(
            name,
            False,
            health.words,
            translate("Readiness", "Set a badge printer in Station settings."),
        )
    health = printing.check()
    fix = translate(
        "Readiness", "Switch the printer on, check its cable or network, then Printers → Check."
    )
    return Check(name, health.ok, health.words, "" if health.ok else fix)


def test_scan(station: Station, decode_probe: Callable[[str], str]) -> Check:
    """Render a real ticket's QR, read it back, and validate it without recording anything."""
    name = translate("Readiness", "Test scan")
    code = station.replica.some_ticket_code()
    if code is None:
        return Check(
            name,
            False,
            translate("Readiness", "No tickets on this station."),
            translate("Readiness", "Sync or provision."),
        )
    other_reader = translate("Readiness", "Choose another code reader in Settings.")
    try:
        read = decode_probe(code)
    except Exception as error:
        return Check(name, False, str(error), other_reader)
    ok = read == code
    return Check(
        name,
        ok,
        translate("Readiness", "A ticket code was read back correctly")
        if ok
        else translate("Readiness", "The code read back differs"),
        "" if ok else other_reader,
    )


def test_print(printing: BadgePrinting, needed: bool = True) -> Check:
    name = translate("Readiness", "Test print")
    if not printing.configured and not needed:
        return Check(name, True, translate("Readiness", "Skipped: no badge printer"))
    health = printing.test_print()
    fix = translate(
        "Readiness", "Check the printer's paper and settings, then run the checks again."
    )
    return Check(name, health.ok, health.words, "" if health.ok else fix)


def decode_rendered(code: str, decoder_name: str = "zxing") -> str:
    """Draw `code` as a QR and decode it with the configured reader."""
    import numpy as np
    import segno

    from kiosk.scanning.decoder import make_decoder

    matrix = np.array(segno.make_qr(code).matrix, dtype=np.uint8)
    image = np.kron(np.pad(1 - matrix, 4, constant_values=1) * 255, np.ones((6, 6), np.uint8))
    found = make_decoder(decoder_name).decode(image.astype(np.uint8))
    if not found:
        raise RuntimeError(
            translate("Readiness", "The code reader found no code in a clean test picture.")
        )
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
        identity_unique(station),
        operator_pin_known(station),
        clock_sane(now, station.replica.clock_offset()),
        camera_found(camera_probe),
        printer_answers(printing, needs_printer),
        test_scan(station, lambda code: decode_rendered(code, decoder_name)),
        test_print(printing, needs_printer),
        sounds_play(sounds),
    ]
