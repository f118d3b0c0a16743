"""The door never loses the staff's work: a camera read during a search is held as a notice
(the search and its typed words stay), and Undo names what it will undo and asks first — only
this station's own last scan of the last few minutes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from kiosk.domain.hlc import wall_ms_now
from kiosk.domain.verdicts import Verdict
from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.door_window import UNDO_WINDOW_S, DoorWindow
from kiosk.ui.languages import use_language
from kiosk.ui.verdict_style import headline_words
from tests.conftest import make_station
from tests.ui_support import make_services


def _main(codes: list[dict]) -> list[dict]:
    return [c for c in codes if c["ticket_type"] in ("General admission", "VIP", "Speaker")]


def _door(qtbot, station, tmp_path: Path, feed: CameraFeed | None = None) -> DoorWindow:
    door = DoorWindow(make_services(station, tmp_path), feed)
    qtbot.addWidget(door)
    door.resize(1280, 800)
    door.show()
    return door


def test_a_camera_read_during_a_search_is_held_and_the_search_kept(
    provisioned_station, qtbot, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    searched, walked_past = _main(codes)[0], _main(codes)[1]
    feed = CameraFeed(str(tmp_path / "no-camera"), realtime=False)
    door = _door(qtbot, station, tmp_path, feed)
    door.show_search()
    door.search.query.setText(searched["last_name"][:3])
    door.search.run_search()
    qtbot.waitUntil(lambda: door.search.results.count() > 0, timeout=5000)
    feed.code_seen.emit(walked_past["code"])  # someone's ticket drifts past the camera
    qtbot.wait(200)
    assert door.pages.currentWidget() is door.search
    assert door.search.query.text() == searched["last_name"][:3]
    assert door.search.results.count() > 0
    assert door.search.held.isVisible()
    assert station.counters().admitted_today == 0  # nothing recorded behind the staff's back
    # Staff check the held ticket when ready; the verdict shows, then the search comes back.
    with qtbot.waitSignal(door.outcome_shown, timeout=5000) as shown:
        door.search._check_held()
    assert shown.args[0].verdict is Verdict.ADMITTED
    assert door.pages.currentWidget() is door.card
    door.card.dismissed.emit()
    assert door.pages.currentWidget() is door.search
    assert door.search.query.text() == searched["last_name"][:3]
    assert not door.search.held.isVisible()


def test_undo_names_the_person_and_time_and_asks_first(
    provisioned_station, qtbot, tmp_path: Path
) -> None:
    station, codes = provisioned_station
    person = _main(codes)[2]
    door = _door(qtbot, station, tmp_path)
    with qtbot.waitSignal(door.outcome_shown, timeout=5000):
        door.submit_code(person["code"], "wedge")
    door.undo_last()
    qtbot.waitUntil(lambda: door.undo_question is not None, timeout=5000)
    question = door.undo_question
    assert question.isVisible()
    assert person["name"] in question.text() and " at " in question.text()
    assert station.counters().inside == 1  # nothing undone before staff confirm
    keep = next(b for b in question.buttons() if b.text() == "Keep it")
    keep.click()
    assert station.counters().inside == 1
    door.undo_last()
    qtbot.waitUntil(lambda: door.undo_question is not question, timeout=5000)
    [undo] = [b for b in door.undo_question.buttons() if b.text() == "Undo it"]
    undo.click()
    qtbot.waitUntil(lambda: "Undone" in door.last.text(), timeout=5000)
    assert person["name"] in door.last.text()
    assert station.counters().inside == 0


def test_undo_offers_nothing_older_than_a_few_minutes(seeded_event, qtbot, tmp_path: Path) -> None:
    now = [wall_ms_now()]
    station = make_station(tmp_path / "st", seeded_event.snapshot, wall=lambda: now[0])
    try:
        person = _main(seeded_event.codes)[3]
        door = _door(qtbot, station, tmp_path)
        with qtbot.waitSignal(door.outcome_shown, timeout=5000):
            door.submit_code(person["code"], "wedge")
        now[0] += (UNDO_WINDOW_S + 60) * 1000  # a minute past the undo window
        door.undo_last()
        qtbot.waitUntil(lambda: "Nothing to undo" in door.last.text(), timeout=5000)
        assert door.undo_question is None
        assert station.counters().inside == 1
        assert not any(isinstance(w, QMessageBox) and w.isVisible() for w in door.children())
        door.close()
        door.scans.wait()
    finally:
        station.replica.close()


def test_a_missing_camera_says_so_in_the_preview(provisioned_station, qtbot, tmp_path) -> None:
    station, _codes = provisioned_station
    feed = CameraFeed("7", realtime=False)  # no /dev/video7 on this machine
    door = _door(qtbot, station, tmp_path, feed)
    feed.start()
    try:
        qtbot.waitUntil(lambda: "No camera picture" in door.camera.message, timeout=10_000)
        assert "camera 7" in door.camera.message  # the reason, in words
        assert "camera" in door.banner.messages()
    finally:
        feed.stop()


def test_opencvs_own_warnings_stay_out_of_the_terminal() -> None:
    """Every reconnect attempt used to print OpenCV's "[ WARN:0@…] can't open camera"."""
    script = (
        "from kiosk.scanning.frame_sources import CameraSettings, CameraSource\n"
        "from kiosk.scanning.errors import ScanningError\n"
        "source = CameraSource(CameraSettings(index=7))\n"
        "for _ in range(3):\n"
        "    try:\n"
        "        source.open()\n"
        "    except ScanningError:\n"
        "        pass\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "WARN" not in done.stderr
    assert done.stderr.count("did not open") <= 1  # our own words: once per outage


def test_the_door_search_says_when_it_shows_only_the_first_and_who_is_inside(
    seeded_event, qtbot, tmp_path: Path
) -> None:
    from tests.test_ui_kiosk_bookings import _issue

    people = [
        {"first_name": f"Kim{n:02d}", "last_name": "Schneider", "email": f"k{n}@example.org"}
        | {"type_id": 0}
        for n in range(36)
    ]
    station, booked = _issue(tmp_path, seeded_event, people)
    try:
        station.manual_checkin(booked[0].ticket_id)
        door = _door(qtbot, station, tmp_path)
        door.show_search()
        door.search.query.setText("Schneider")
        door.search.run_search()
        qtbot.waitUntil(lambda: door.search.results.count() > 0, timeout=5000)
        assert door.search.results.count() == 20
        assert door.search.status.text() == "20 of 36 shown — type more to narrow the list"
        rows = [door.search.results.item(i).text() for i in range(20)]
        kim00 = next(r for r in rows if r.startswith("Kim00 "))
        assert "● inside" in kim00
        assert all("○ not checked in" in r for r in rows if r is not kim00)
        door.search.query.setText("Kim07 Schneider")
        door.search.run_search()
        qtbot.waitUntil(lambda: door.search.results.count() == 1, timeout=5000)
        assert door.search.status.text() == "1 found"
        door.close()
        door.scans.wait()
        door.io.wait()
    finally:
        station.replica.close()


def test_the_last_scan_line_speaks_the_windows_language(
    provisioned_station, qtbot, tmp_path: Path
) -> None:
    """Under the camera the door repeats the last verdict: in German, not 'Welcome — admitted'."""
    station, codes = provisioned_station
    person = _main(codes)[3]
    use_language("de")
    try:
        door = _door(qtbot, station, tmp_path)
        with qtbot.waitSignal(door.outcome_shown, timeout=5000):
            door.submit_code(person["code"], "wedge")
        german = headline_words(Verdict.ADMITTED)
        assert german != Verdict.ADMITTED.headline
        assert german in door.last.text() and person["name"] in door.last.text()
        assert Verdict.ADMITTED.headline not in door.last.text()
    finally:
        use_language("en")
