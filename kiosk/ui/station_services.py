"""Everything a window talks to, built once per run: station, sync, printer, sounds, settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.station import Station
from kiosk.ui.operator_pin import PinGuard, check_pin
from kiosk.ui.print_port import BadgePrinting, NoPrinter, badge_printing_for
from kiosk.ui.settings_store import KioskSettings, SettingsStore
from kiosk.ui.sounds import SilentPlayer, SoundPlayer, make_player
from kiosk.ui.sync_port import SyncService, sync_service_for


@dataclass
class StationServices:
    station: Station
    settings: KioskSettings
    store: SettingsStore
    sync: SyncService
    printing: BadgePrinting = field(default_factory=NoPrinter)
    sounds: SoundPlayer = field(default_factory=SilentPlayer)
    pin_guard: PinGuard = field(default_factory=PinGuard)  # wrong PINs count across prompts

    def check_operator_pin(self, pin: str) -> bool:
        """The PIN prompt's check. A station holding its server's PIN verifier checks against
        it and, when right, is unlocked: overrides and acknowledgements made until
        `lock_operator` carry the PIN's signature the server requires. A station without one
        (an older server, or no PIN set there) checks the PIN of this laptop's settings."""
        if self.station.pin_verifier() is not None:
            return self.station.unlock_operator(pin)
        return check_pin(pin, self.settings.pin())

    def lock_operator(self) -> None:
        """The operator screens closed: the station forgets the PIN's signing key."""
        self.station.lock_operator()

    def save_settings(self, settings: KioskSettings) -> None:
        self.settings = settings
        self.store.save(settings)

    def stop(self) -> None:
        self.sync.stop()
        self.printing.stop()


def build_services(
    station: Station, store: SettingsStore, settings: KioskSettings
) -> StationServices:
    if settings.gate and settings.gate != station.identity.gate_id:
        rules = station.replica.gate_rules(settings.gate)
        if rules is not None:
            station = station.with_gate(rules)
    return StationServices(
        station=station,
        settings=settings,
        store=store,
        sync=sync_service_for(station),
        printing=badge_printing_for(station, settings.printer),
        sounds=make_player(settings.sounds),
    )
