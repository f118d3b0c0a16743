"""Everything `doorline demo` prepares before the window opens (no Qt here):

a seeded event on a local server stub, a station provisioned from it with a one-time token
(or from a bundle-style snapshot if the server cannot start), a generated camera video of
tickets (valid, forged, wrong entrance, shown twice, not a ticket) and a badge folder.

The video renders on a thread of its own while the station is provisioned and the window's
code loads: OpenCV and NumPy do its work without holding Python's lock, so on a machine with
two cores most of it costs no waiting.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.station import provision
from kiosk.core.station_setup import new_identity
from kiosk.scanning.frame_generator import ticket_video
from server_stub.local_server import LocalServer, station_token
from server_stub.seeding import seed_event, write_codes_csv
from server_stub.storage import open_storage
from server_stub.storage.interface import IssuedTicket, ServerStorage

log = logging.getLogger(__name__)
EVENT_NAME = "Doorline Demo Conference"
MAIN_GATE_TYPES = {"General admission", "VIP", "Speaker", "Staff"}


@dataclass
class DemoSetup:
    folder: Path
    data_dir: Path
    video: Path
    badges: Path
    codes_csv: Path
    server: LocalServer | None
    rendering: Future[None]  # the camera video, being written in the background

    def wait_for_video(self) -> None:
        """Return once the camera video is written; raises what writing it raised."""
        self.rendering.result()

    def stop(self) -> None:
        """Stop the server, then wait for a video still rendering (never left half-written)."""
        if self.server is not None:
            self.server.stop()
        self.rendering.exception()  # waits; what failed was said by wait_for_video, if asked


def _in_background(work: Callable[[], object], name: str) -> Future[None]:
    done: Future[None] = Future()

    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed to whoever waits on `done`
            done.set_exception(error)
        else:
            done.set_result(None)

    threading.Thread(target=run, name=name).start()
    return done


def _forged(code: str) -> str:
    last = code[-3]
    return code[:-3] + ("A" if last != "A" else "B") + code[-2:]


def demo_codes(tickets: list[IssuedTicket]) -> list[str]:
    """A door's worth of variety: admitted, admitted, forged, wrong gate, shown again…"""
    main = [t.code for t in tickets if t.ticket_type in MAIN_GATE_TYPES]
    other = [t.code for t in tickets if t.ticket_type not in MAIN_GATE_TYPES]
    sequence = [main[0], main[1], _forged(main[2]), main[3]]
    if other:
        sequence.append(other[0])
    sequence += [main[0], "HELLO-THIS-IS-NOT-A-TICKET", main[4], main[5]]
    return sequence


def _provision_from_server(store_db: Path, event_id: int, data_dir: Path) -> LocalServer:
    from sync.provisioning import provision_from_server

    server = LocalServer(store_db)
    server.start()
    try:
        token = station_token(store_db, event_id, "Demo door")
        station = provision_from_server(data_dir, server.url, token, "main", "Demo door")
    except BaseException:
        server.stop()  # not left running behind the offline fallback
        raise
    station.replica.close()
    return server


def _provision_offline(store: ServerStorage, event_id: int, data_dir: Path) -> None:
    snapshot = store.catalog.snapshot(event_id)
    identity = new_identity(event_id, "Demo door", "main")
    provision(data_dir, identity, snapshot).replica.close()


def _render_video(video: Path, codes: list[str]) -> None:
    # 640×360, a common webcam mode: every code of the demo still reads with either decoder
    # (zxing, pyzbar), and the video renders and decodes in under half the CPU of 960×540,
    # which the window waits for at start.
    ticket_video(
        video,
        codes,
        size=(640, 360),
        fps=10.0,
        hold_frames=12,
        gap_frames=10,
        steady_noise=True,  # to look at, not to measure read rates on: the cheap noise
    )


def prepare_demo(folder: Path, tickets: int = 40, with_server: bool = True) -> DemoSetup:
    """Seed, start the camera video rendering, provision the station (from the local server,
    or offline), make the badge folder. Takes the demo's folder, which exists (the command
    made it: `kiosk_cmds.make_demo_folder`, which says in words when it cannot be made);
    returns the `DemoSetup`, its video possibly still rendering (`wait_for_video`), its server
    (if any) running until `stop`. Raises what seeding or offline provisioning raises, once
    the video thread has ended."""
    db, data_dir = folder / "server.sqlite3", folder / "station"
    store = open_storage(db)
    seeded = seed_event(store, EVENT_NAME, tickets)
    codes_csv = folder / "codes.csv"
    write_codes_csv(codes_csv, seeded.tickets)
    video = folder / "camera.avi"
    codes = demo_codes(seeded.tickets)
    rendering = _in_background(lambda: _render_video(video, codes), "demo-video")
    server = None
    try:
        if with_server:
            try:
                server = _provision_from_server(db, seeded.event_id, data_dir)
            except Exception as error:  # one line, no traceback (-v logs it in full)
                log.error("demo server unavailable (%s); provisioning from a snapshot", error)
                log.debug("why the demo server is unavailable", exc_info=True)
                server = None
        if server is None:
            _provision_offline(store, seeded.event_id, data_dir)
    except BaseException:
        rendering.exception()  # not left writing behind the error
        raise
    finally:
        store.close()
    badges = folder / "badges"
    badges.mkdir(exist_ok=True)
    return DemoSetup(folder, data_dir, video, badges, codes_csv, server, rendering)
