"""Renders every screen of the real app to PNG, for docs/screenshots/ and the README.

    tools/screenshots.sh [--out docs/screenshots]     # under Xvfb with the xcb platform
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py --out DIR   # no X

A documentation tool, not part of the product: it lives outside the shipped packages. The wrapper
installs what Xvfb needs and runs this module under `xvfb-run`; run directly, it
falls back to Qt's offscreen platform. Everything on the pictures is real: a local server stub
with a seeded event, stations provisioned with one-time tokens, scans recorded by the station,
badges through the print queue to an emulated network thermal printer (switched off for the
printer-trouble pictures), and a double admission between two doors for the conflicts list.
PNGs are at most 1280 px wide and palette-compressed to stay small.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.station import ScanOutcome, Station, open_station
from kiosk.domain.person_name import display_name
from kiosk.domain.ticket_codec import ALPHABET
from kiosk.domain.verdicts import Direction, Verdict
from kiosk.scanning.decoder import DecodedCode
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.gui_thread_collector import collect_on_gui_thread
from kiosk.ui.kiosk_flow import Candidate, Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.languages import translate, use_language
from kiosk.ui.operator_window import (
    TAB_CONFLICTS,
    TAB_PRINTERS,
    TAB_READY,
    TAB_SETTINGS,
    TAB_STATION,
    TAB_SYNC,
    OperatorWindow,
)
from kiosk.ui.print_port import QueuePrinting
from kiosk.ui.settings_store import KioskSettings, SettingsStore
from kiosk.ui.setup_window import SetupWindow
from kiosk.ui.sounds import SilentPlayer
from kiosk.ui.station_services import StationServices
from kiosk.ui.sync_port import EngineSync
from printing.print_queue import RetryPolicy
from printing.printer_emulator import EscposPrinterEmulator
from printing.printer_spec import parse_printer_spec
from server_stub.local_server import LocalServer, station_token
from server_stub.seeding import seed_event
from server_stub.storage import open_storage
from server_stub.storage.interface import IssuedTicket
from sync.engine import SyncEngine

SIZE = (1280, 800)
VENUE_SIZES = ((1024, 768), (1920, 1080))  # a small and a large venue screen
PORTRAIT = (1080, 1920)  # a kiosk screen on its side
MAX_WIDTH = 1280
EVENT = "Doorline Demo Conference"
MAIN_TYPES = ("General admission", "VIP", "Speaker")


@dataclass
class Scene:
    """The world the pictures are taken in."""

    folder: Path
    server: LocalServer
    tickets: list[IssuedTicket]
    door: Station  # "Door 1", the station on every picture
    other: Station  # "Door 2", for a double admission
    printer: EscposPrinterEmulator
    services: StationServices

    def main(self) -> list[IssuedTicket]:
        return [t for t in self.tickets if t.ticket_type in MAIN_TYPES]


def _scene(folder: Path) -> Scene:
    from sync.provisioning import provision_from_server

    db = folder / "server.sqlite3"
    store = open_storage(db)
    seeded = seed_event(store, EVENT, 40)
    # One attendee the organisers asked the door to look out for, through the server's API.
    general = next(
        t["id"]
        for t in store.catalog.ticket_types(seeded.event_id)
        if t["name"] == "General admission"
    )
    store.catalog.issue_tickets(
        seeded.event_id,
        [
            {
                "first_name": "Morgan",
                "last_name": "Ellery",
                "email": "morgan.ellery@example.org",
                "type_id": general,
                "flagged": True,
                "note": "check ID with the organiser",
            }
        ],
    )
    store.close()
    server = LocalServer(db)
    server.start()
    for data_dir, name in ((folder / "door1", "Door 1"), (folder / "door2", "Door 2")):
        token = station_token(db, seeded.event_id, name)
        provision_from_server(data_dir, server.url, token, "main", name).replica.close()
    door = open_station(folder / "door1", long_running=True)
    other = open_station(folder / "door2")
    printer = EscposPrinterEmulator()
    printer.start()
    spec = parse_printer_spec(printer.spec)
    services = StationServices(
        station=door,
        settings=KioskSettings(verdict_hold_s=600, printer=printer.spec, camera="0"),
        store=SettingsStore(folder / "settings.json"),
        sync=EngineSync(_started(SyncEngine(door.replica.path, interval_s=2.0))),
        printing=QueuePrinting(door, spec, policy=RetryPolicy(first_delay_ms=600_000)),
        sounds=SilentPlayer(),
    )
    return Scene(folder, server, seeded.tickets, door, other, printer, services)


def _started(engine: SyncEngine) -> SyncEngine:
    engine.start()
    return engine


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait(app: QApplication, done: Callable[[], bool], timeout_s: float = 10.0) -> None:
    end = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > end:
            raise RuntimeError("the screen did not get there in time")
        app.processEvents()
        time.sleep(0.02)


def _png(widget: QWidget) -> bytes:
    """The widget as a small PNG: at most MAX_WIDTH wide, 256-colour palette when smaller."""
    from PIL import Image

    image = widget.grab().toImage()
    if image.width() > MAX_WIDTH:
        from PySide6.QtCore import Qt

        image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12's stub types the format as bytes, but at run time only a str is accepted.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    full = bytes(buffer.data().data())
    picture = Image.open(io.BytesIO(full)).convert("RGB")
    small = io.BytesIO()
    picture.quantize(256, method=Image.Quantize.MEDIANCUT).save(small, "PNG", optimize=True)
    return small.getvalue() if small.tell() < len(full) else full


def _shot(app: QApplication, widget: QWidget, path: Path, settle_s: float = 0.3) -> None:
    _settle(app, settle_s)
    if widget.width() > MAX_WIDTH:
        print(f"note: {path.name} is {widget.width()} px wide; scaled to {MAX_WIDTH}")
    path.write_bytes(_png(widget))
    print(f"{path}  ({widget.width()}×{widget.height()}, {path.stat().st_size // 1024} KB)")


def _forged(station: Station, code: str) -> str:
    """The same code with one character changed so the signature, not the format, fails."""
    for position in range(len(code) - 4, 0, -1):
        if code[position] not in ALPHABET:
            continue
        changed = ALPHABET[(ALPHABET.index(code[position]) + 1) % len(ALPHABET)]
        candidate = code[:position] + changed + code[position + 1 :]
        from kiosk.domain.admission import decide

        now = int(time.time() * 1000)
        decision = decide(candidate, station.replica, station.gate, now, Direction.ENTRY)
        if decision.verdict is Verdict.BAD_SIGNATURE:
            return candidate
    return code[:-6] + "AAAAAA"


def _camera_picture(code: str) -> tuple[np.ndarray, tuple[DecodedCode, ...]]:
    from kiosk.scanning.decoder import make_decoder
    from kiosk.scanning.frame_generator import FrameRenderer, random_shot
    from kiosk.scanning.pipeline import to_gray

    frame, _truth = FrameRenderer((1280, 720), 3).render(
        random_shot(code, np.random.default_rng(4), hard=False)
    )
    return frame, tuple(make_decoder().decode(to_gray(frame)))


def _door_shots(app: QApplication, scene: Scene, out: Path) -> DoorWindow:
    from kiosk.scanning.frame_sources import Frame
    from kiosk.scanning.pipeline import Preview

    station, main = scene.door, scene.main()
    door = DoorWindow(scene.services)
    door.resize(*SIZE)
    door.show()
    _wait(app, lambda: "Online" in door.status.connection.text())
    picture = _camera_picture(main[0].code)
    door.camera.show_preview(Preview(Frame(picture[0], 1, 0.0, 0.0), picture[1], 1))
    door.last.setText("Ready. Point a ticket at the camera.")
    _shot(app, door, out / "door-scanning.png")
    day_pass = next(t for t in scene.tickets if t.ticket_type == "Day pass")
    flagged = station.replica.first_flagged_ticket()
    cases: list[tuple[str, Callable[[], ScanOutcome]]] = [
        ("door-admitted.png", lambda: station.scan(main[1].code, method="camera")),
        ("door-already-checked-in.png", lambda: station.scan(main[1].code, method="camera")),
        ("door-exit.png", lambda: station.scan(main[2].code, Direction.EXIT, method="camera")),
        ("door-wrong-gate.png", lambda: station.scan(day_pass.code, method="camera")),
        ("door-forged.png", lambda: station.scan(_forged(station, main[3].code), method="camera")),
        ("door-not-a-ticket.png", lambda: station.scan("HELLO WORLD", method="wedge")),
    ]
    if flagged is not None:
        cases.append(("door-supervisor.png", lambda: station.manual_checkin(flagged)))
    for name, scan in cases:
        door._scanned((scan(), station.counters()))
        _shot(app, door, out / name)
    door.show_search()
    door.search.query.setText(main[4].last_name[:3])
    door.search.run_search()
    _wait(app, lambda: door.search.results.count() > 0)
    door.search.results.setCurrentRow(0)
    _shot(app, door, out / "door-search.png")
    door.show_scanner()
    return door


def _double_admission(app: QApplication, scene: Scene) -> None:
    """Door 2 admits a ticket Door 1 admitted (neither had synced): a conflict on both."""

    ticket = scene.main()[1]
    scene.other.scan(ticket.code, method="camera")
    engine = SyncEngine(scene.other.replica.path)
    try:
        engine.sync_once()
    finally:
        engine.close()
    scene.services.sync.request_sync()
    _wait(app, lambda: bool(scene.door.replica.conflicts()), timeout_s=20)


def _printer_trouble(app: QApplication, scene: Scene, door: DoorWindow, out: Path) -> None:
    """Badges printed on the thermal printer, then it is switched off mid-event."""
    _wait(app, lambda: len(scene.printer.jobs) >= 1)
    scene.printer.stop()
    late = scene.main()[5]
    door._scanned((scene.door.scan(late.code, method="camera"), scene.door.counters()))
    door.show_scanner()
    door.last.setText(f"✔ Welcome — admitted — {display_name(late.first_name, late.last_name)}")
    _wait(app, lambda: "printer" in door.banner.messages())
    _shot(app, door, out / "door-printer-banner.png")


def _kiosk_shots(app: QApplication, scene: Scene, out: Path) -> None:
    tickets = scene.tickets
    kiosk = KioskWindow(scene.services)
    kiosk.allow_close = True
    kiosk.resize(*SIZE)
    kiosk.show()
    _shot(app, kiosk, out / "kiosk-attract.png")
    kiosk.go(Step.FIND)
    kiosk.surname.setText(tickets[6].last_name)
    kiosk.email.setText("someone@example.org")
    kiosk.find_message.setText(
        "We could not find a ticket with those details. Check them, or see the desk."
    )
    _shot(app, kiosk, out / "kiosk-find.png")
    person = tickets[7]
    name = display_name(person.first_name, person.last_name)  # as the badge writes it
    kiosk._offer([Candidate(person.ticket_id, name, person.ticket_type)])
    _shot(app, kiosk, out / "kiosk-confirm.png")
    kiosk.go(Step.PRINTING)
    _shot(app, kiosk, out / "kiosk-printing.png")
    kiosk.welcome_words.setText(f"Welcome, {name}!")
    kiosk.go(Step.TAKE_BADGE)
    _shot(app, kiosk, out / "kiosk-take-badge.png")
    kiosk.go(Step.SEE_DESK)
    kiosk.desk_reason.setText("This ticket has already been used to check in.")
    _shot(app, kiosk, out / "kiosk-see-desk.png")
    kiosk.ask_pin()
    assert kiosk.pin_dialog is not None
    kiosk.pin_dialog.entry.setText("12")
    _shot(app, kiosk.pin_dialog, out / "pin-dialog.png")
    kiosk.pin_dialog.reject()
    kiosk.close()
    kiosk.runner.wait()


def _operator_shots(app: QApplication, scene: Scene, out: Path) -> None:
    operator = OperatorWindow(scene.services, lambda: "camera 0 (USB webcam): 1280×720")
    operator.show()
    operator.run_checks()
    _wait(app, lambda: operator.checks.rowCount() > 0, timeout_s=30)
    _shot(app, operator, out / "operator-ready-check.png")
    _wait(app, lambda: operator.jobs.rowCount() >= 2 and operator.conflicts.rowCount() == 1)
    for index, name in (
        (TAB_SYNC, "operator-sync.png"),
        (TAB_PRINTERS, "operator-printers.png"),
        (TAB_CONFLICTS, "operator-conflicts.png"),
        (TAB_STATION, "operator-station.png"),
        (TAB_SETTINGS, "operator-settings.png"),
    ):
        operator.tabs.setCurrentIndex(index)
        if index == TAB_CONFLICTS:
            operator.conflicts.selectRow(0)
            operator.ack_note.setText("Checked ID: same person, came back through door 2")
        _shot(app, operator, out / name, settle_s=1.2)
    operator.close()
    operator.runner.wait()


def _venue_shots(app: QApplication, scene: Scene, door: DoorWindow, out: Path) -> None:
    """Door, operator and kiosk at 1024×768 and 1920×1080, and a portrait kiosk: the same
    windows sized as the venue's screens (the layouts wrap and fit, nothing is cut off)."""

    def shot(widget: QWidget, name: str) -> None:
        _shot(app, widget, out / name)

    again = scene.main()[1]  # admitted on an earlier picture: "already checked in"
    for width, height in VENUE_SIZES:
        size = f"{width}x{height}"
        door.setGeometry(0, 0, width, height)
        door.show_scanner()
        shot(door, f"door-{size}.png")
        door._scanned((scene.door.scan(again.code, method="camera"), scene.door.counters()))
        shot(door, f"door-card-{size}.png")
        door.show_scanner()
        operator = OperatorWindow(scene.services, lambda: "camera 0 (USB webcam): 1280×720")
        operator.setGeometry(0, 0, width, height)
        operator.show()
        operator.tabs.setCurrentIndex(TAB_PRINTERS)
        _settle(app, 1.2)
        shot(operator, f"operator-{size}.png")
        operator.close()
        operator.runner.wait()
    kiosk = KioskWindow(scene.services)
    kiosk.allow_close = True
    kiosk.show()
    for (width, height), name in (
        (VENUE_SIZES[0], "kiosk-1024x768"),
        (VENUE_SIZES[1], "kiosk-1920x1080"),
        (PORTRAIT, "kiosk-portrait-1080x1920"),
    ):
        kiosk.setGeometry(0, 0, width, height)
        kiosk.reset()
        shot(kiosk, f"{name}.png")
        kiosk.start_finding()
        kiosk.surname.setText("Núñez-Øster")
        kiosk.surname.setFocus()
        kiosk.show_keyboard(kiosk.surname)
        shot(kiosk, f"{name}-find.png")
    kiosk.setGeometry(0, 0, *VENUE_SIZES[0])
    kiosk.reset()
    kiosk.set_language("de")
    shot(kiosk, "kiosk-de-1024x768.png")
    kiosk.start_finding()
    kiosk.show_keyboard(kiosk.surname)
    shot(kiosk, "kiosk-de-1024x768-find.png")
    kiosk.set_language("ar")
    shot(kiosk, "kiosk-ar-1024x768.png")
    kiosk.reset()
    kiosk.close()
    kiosk.runner.wait()


def _language_shots(app: QApplication, scene: Scene, out: Path) -> None:
    """The door's "already checked in" card and the operator's ready check and conflicts in
    German and Arabic (right to left) at both venue sizes: every word in the window's
    language, down to the core's reasons and the other station's name."""
    try:
        for code in ("de", "ar"):
            use_language(code)
            _shots_in(app, scene, out, code)
    finally:
        use_language("en")


def _shots_in(app: QApplication, scene: Scene, out: Path, code: str) -> None:
    again = scene.main()[1]  # admitted by both doors: a conflict, and "already checked in"
    door = DoorWindow(scene.services)
    door.show()
    camera = translate("StationShell", "camera {0}").format(0) + ": 1280×720"
    operator = OperatorWindow(scene.services, lambda: camera)
    operator.show()
    operator.run_checks()
    _wait(app, lambda: operator.checks.rowCount() > 0, timeout_s=30)
    for width, height in VENUE_SIZES:
        size = f"{code}-{width}x{height}"
        door.setGeometry(0, 0, width, height)
        outcome = scene.door.scan(again.code, method="camera")
        door._scanned((outcome, scene.door.counters()))
        _shot(app, door, out / f"door-card-{size}.png")
        door.show_scanner()
        operator.setGeometry(0, 0, width, height)
        operator.tabs.setCurrentIndex(TAB_READY)
        _shot(app, operator, out / f"operator-ready-{size}.png", settle_s=1.2)
        operator.tabs.setCurrentIndex(TAB_CONFLICTS)
        _wait(app, lambda: operator.conflicts.rowCount() == 1)
        _shot(app, operator, out / f"operator-conflicts-{size}.png", settle_s=1.2)
    operator.close()
    operator.runner.wait()
    door.close()


def _setup_shots(app: QApplication, scene: Scene, out: Path) -> None:
    setup = SetupWindow(scene.folder / "new-station", KioskSettings())
    setup.resize(*SIZE)
    setup.show()
    _shot(app, setup, out / "setup-locked.png")
    setup.unlock()
    token = station_token(scene.server.db, int(scene.door.identity.event_id), "Door 3")
    setup.panel.accept_scanned(f"{scene.server.url} {token}")
    setup.panel.name.setText("Door 3")
    _shot(app, setup, out / "setup-provision.png")
    setup.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render every Doorline screen to PNG.")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication([])
    app.setApplicationName("Doorline")
    collect_on_gui_thread(app)
    with tempfile.TemporaryDirectory() as tmp:
        scene = _scene(Path(tmp))
        try:
            door = _door_shots(app, scene, args.out)
            _double_admission(app, scene)
            _kiosk_shots(app, scene, args.out)
            _printer_trouble(app, scene, door, args.out)
            _operator_shots(app, scene, args.out)
            _setup_shots(app, scene, args.out)
            _venue_shots(app, scene, door, args.out)
            door.close()
            _language_shots(app, scene, args.out)
        finally:
            scene.services.stop()
            scene.server.stop()
            scene.door.replica.close()
            scene.other.replica.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
