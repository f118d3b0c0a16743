"""The ready-for-doors check says when "Play verdict sounds" cannot play: no player, no device."""

from __future__ import annotations

from kiosk.ui.readiness import sounds_play


def test_play_verdict_sounds_without_a_player_or_device_says_so(tmp_path) -> None:
    cards = tmp_path / "cards"
    assert sounds_play(False).ok
    missing = sounds_play(True, which=lambda _name: None, cards=cards)
    assert not missing.ok and "no sound player" in missing.words and "alsa-utils" in missing.fix
    no_device = sounds_play(True, which=lambda name: f"/usr/bin/{name}", cards=cards)
    assert not no_device.ok and "no audio device" in no_device.words
    cards.write_text("--- no soundcards ---\n")
    assert not sounds_play(True, which=lambda name: f"/usr/bin/{name}", cards=cards).ok
    cards.write_text(" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n")
    ready = sounds_play(True, which=lambda name: f"/usr/bin/{name}", cards=cards)
    assert ready.ok and "paplay" in ready.words and "HDA Intel" in ready.words
