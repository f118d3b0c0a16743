"""Everything a window talks to, built once per run: station, sync, printer, sounds, settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.station import Station
from kiosk.ui.operator_pin import PinGuard
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
