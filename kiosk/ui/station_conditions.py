"""What the running kiosk tells the sync engine's heartbeat: its mode, printer and camera.

The sync engine never imports the UI; the shell hands it this provider instead
(`SyncService.set_conditions_provider`). It is called on the sync thread once per round: the
camera's state arrives here by signal on the UI thread (a plain attribute, read whole), and
the printer's health is asked of the print queue, which answers through its own worker.
"""

from __future__ import annotations

from kiosk.domain.heartbeat import DeviceState, StationConditions
from kiosk.ui.station_services import StationServices

_CAMERA_STATES = {
    "running": DeviceState.READY,
    "opening": DeviceState.BUSY,
    "reconnecting": DeviceState.BUSY,
    "failed": DeviceState.FAILED,
    "finished": DeviceState.NONE,  # a recording stood in for the camera and ended
    "stopped": DeviceState.NONE,
}


class ShellConditions:
    """A `ConditionsProvider` (sync.engine) for one station window."""

    def __init__(self, services: StationServices, has_camera: bool) -> None:
        self._services = services
        self._camera = DeviceState.UNKNOWN if has_camera else DeviceState.NONE

    def camera_state(self, state: str) -> None:
        """The camera feed's `state_changed` signal (running, reconnecting, failed, …)."""
        self._camera = _CAMERA_STATES.get(state, DeviceState.UNKNOWN)

    def __call__(self) -> StationConditions:
        printing = self._services.printing
        mode = str(self._services.settings.mode)
        if not printing.configured:
            return StationConditions(mode, DeviceState.NONE, None, self._camera)
        health = printing.health()
        printer = DeviceState.READY if health.ok else DeviceState.FAILED
        return StationConditions(mode, printer, health.waiting, self._camera)
