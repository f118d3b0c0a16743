"""The door station window, driven through its real widgets and a real station."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.station import Station
from kiosk.domain.verdicts import Verdict
from kiosk.ui.camera_feed import CameraFeed
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.verdict_style import Icon
from tests.ui_support import make_services, small_ticket_video


def test_a_scan_from_the_video_camera_updates_card_and_counters(
    provisioned_station, qtbot: tuple[Station, list[dict]], tmp_path: Path
) -> None:
    station, codes = provisioned_station
    main = next(c for c in codes if c["ticket_type"] in ("General admission", "VIP"))
    video = small_ticket_video(tmp_path / "door.avi", [main["code"]])
    feed = CameraFeed(str(video), realtime=False)
    window = DoorWindow(make_services(station, tmp_path), feed)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    with qtbot.waitSignal(window.outcome_shown, timeout=15_000) as shown:
        feed.start()
    feed.stop()
    assert shown.args[0].verdict is Verdict.ADMITTED
    assert window.pages.currentWidget() is window.card
    assert "admitted" in window.card.headline.text()
    assert main["name"] in window.card.person.text()
    assert window.card.icon.icon is Icon.CHECK
    assert "Inside now: 1" in window.status.inside.text()
    assert "Admitted today: 1" in window.status.admitted.text()
