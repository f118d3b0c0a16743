"""Renders every screen of the real app to PNG (offscreen), for docs/screenshots/ and the README.

QT_QPA_PLATFORM=offscreen .venv/bin/python -m kiosk.ui.screenshots [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.hlc import wall_ms_now
from kiosk.core.replica import StationIdentity
from kiosk.core.station import Station, provision
from kiosk.core.verdicts import Direction
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.kiosk_flow import Candidate, Step
from kiosk.ui.kiosk_window import KioskWindow
from kiosk.ui.operator_window import OperatorWindow
from kiosk.ui.print_port import PdfFolderPrinting
from kiosk.ui.readiness import run_checks
from kiosk.ui.settings_store import KioskSettings, SettingsStore
from kiosk.ui.sounds import SilentPlayer
from kiosk.ui.station_services import StationServices
from kiosk.ui.sync_port import LocalOnlySync
from server_stub.seeding import seed_event
from server_stub.store import IssuedTicket, ServerStore

SIZE = (1280, 800)


def _station(folder: Path) -> tuple[Station, list[IssuedTicket]]:
    store = ServerStore(folder / "server.sqlite3")
    seeded = seed_event(store, "Doorline Demo Conference", 40)
    identity = StationIdentity(
        str(uuid.uuid4()), "Door 1", seeded.event_id, "main", None, None, wall_ms_now()
    )
    station = provision(folder / "station", identity, store.snapshot(seeded.event_id))
    store.close()
    return station, seeded.tickets


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _shot(app: QApplication, widget: QWidget, path: Path) -> None:
    _settle(app)
    widget.grab().save(str(path))
    print(path)


def _door_shots(app: QApplication, services: StationServices, tickets: list, out: Path) -> None:
    from kiosk.scanning.frame_sources import Frame
    from kiosk.scanning.pipeline import Preview

    station = services.station
    main = [t for t in tickets if t.ticket_type in ("General admission", "VIP", "Speaker")]
    door = DoorWindow(services)
    door.resize(*SIZE)
    door.show()
    preview = _camera_picture(main[0].code)
    door.camera.show_preview(Preview(Frame(preview[0], 1, 0.0, 0.0), preview[1], 1))
    _shot(app, door, out / "door-scanning.png")
    day_pass = next(t for t in tickets if t.ticket_type == "Day pass")
    flagged = station.replica.conn.execute("SELECT id FROM tickets WHERE flagged = 1").fetchone()
    cases = [
        ("door-admitted.png", lambda: station.scan(main[1].code, method="camera")),
        ("door-already-checked-in.png", lambda: station.scan(main[1].code, method="camera")),
        ("door-exit.png", lambda: station.scan(main[2].code, Direction.EXIT, method="camera")),
        ("door-wrong-gate.png", lambda: station.scan(day_pass.code, method="camera")),
        ("door-forged.png", lambda: station.scan(main[3].code[:-3] + "AAA", method="camera")),
        ("door-not-a-ticket.png", lambda: station.scan("HELLO WORLD", method="wedge")),
    ]
    if flagged:
        cases.append(("door-supervisor.png", lambda: station.manual_checkin(flagged[0])))
    for name, scan in cases:
        door._scanned((scan(), station.counters()))
        _shot(app, door, out / name)
    door.show_search()
    door.search.query.setText(main[4].last_name[:4])
    door.search.run_search()
    door.io.wait()
    _shot(app, door, out / "door-search.png")
    door.show_scanner()
    door.banner.post(
        "printer", "Printer: badge printer not answering (10.0.0.7:9100). Scanning continues."
    )
    _shot(app, door, out / "door-printer-banner.png")
    door.close()


def _camera_picture(code: str):
    from kiosk.scanning.decoder import make_decoder
    from kiosk.scanning.pipeline import to_gray
    from kiosk.ui.demo_setup import _ticket_video

    _ticket_video()  # makes `benchmarks` importable from a source checkout
    import numpy as np

    from benchmarks.frame_generator import FrameRenderer, random_shot

    frame, _truth = FrameRenderer((1280, 720), 3).render(
        random_shot(code, np.random.default_rng(4), hard=False)
    )
    return frame, tuple(make_decoder().decode(to_gray(frame)))


def _kiosk_shots(app: QApplication, services: StationServices, tickets: list, out: Path) -> None:
    kiosk = KioskWindow(services)
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
    kiosk._offer(
        Candidate(
            tickets[7].ticket_id,
            f"{tickets[7].first_name} {tickets[7].last_name}",
            tickets[7].ticket_type,
        )
    )
    _shot(app, kiosk, out / "kiosk-confirm.png")
    kiosk.go(Step.PRINTING)
    _shot(app, kiosk, out / "kiosk-printing.png")
    kiosk.welcome_words.setText(f"Welcome, {tickets[7].first_name} {tickets[7].last_name}!")
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


def _operator_shots(app: QApplication, services: StationServices, out: Path) -> None:
    operator = OperatorWindow(services, lambda: "camera 0: 1280×720")
    operator.show()
    operator.show_checks(
        run_checks(services.station, services.printing, lambda: "camera 0: 1280×720")
    )
    _shot(app, operator, out / "operator-ready-check.png")
    for index, name in (
        (1, "operator-sync.png"),
        (2, "operator-printers.png"),
        (4, "operator-settings.png"),
    ):
        operator.tabs.setCurrentIndex(index)
        _shot(app, operator, out / name)
    operator.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render every Doorline screen to PNG.")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        station, tickets = _station(Path(tmp))
        services = StationServices(
            station=station,
            settings=KioskSettings(verdict_hold_s=600, printer=f"pdf:{tmp}/badges"),
            store=SettingsStore(Path(tmp) / "settings.json"),
            sync=LocalOnlySync(station),
            printing=PdfFolderPrinting(station, Path(tmp) / "badges"),
            sounds=SilentPlayer(),
        )
        _door_shots(app, services, tickets, args.out)
        _kiosk_shots(app, services, tickets, args.out)
        _operator_shots(app, services, args.out)
        services.stop()
        station.replica.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
