"""Setting a station up from the window: an empty data folder opens the set-up screen (behind
the PIN), and a one-time token from a real server (scanned with the camera) or a real
encrypted bundle file provisions it; mistakes get clear words and can be corrected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.core.station import open_station
from kiosk.domain.bundle import write_bundle
from kiosk.station_store import DB_FILENAME
from kiosk.ui.app import KioskApp, LaunchOptions
from kiosk.ui.door_window import DoorWindow
from kiosk.ui.operator_pin import hash_pin
from kiosk.ui.provisioning import TokenText, parse_token_text
from kiosk.ui.settings_store import KioskSettings
from kiosk.ui.setup_window import SetupWindow
from server_stub.local_server import station_token
from tests.ui_support import small_ticket_video

ROOT = Path(__file__).resolve().parents[1]


def test_pasted_or_scanned_token_text_is_understood() -> None:
    url = "http://192.168.1.10:8765"
    assert parse_token_text(" abc-DEF_123 ") == TokenText("abc-DEF_123")
    assert parse_token_text(f"{url}/ abc") == TokenText("abc", url)
    assert parse_token_text(f"{url}/?token=abc") == TokenText("abc", url)
    assert parse_token_text(f'{{"server": "{url}", "token": "abc"}}') == TokenText("abc", url)


def test_an_empty_folder_opens_set_up_and_a_scanned_token_from_the_server_provisions_it(
    qtbot, seeded_event, local_server, tmp_path: Path
) -> None:

    server = local_server
    db = server.db
    token = station_token(db, seeded_event.event_id, "Door QR")
    video = small_ticket_video(tmp_path / "token.avi", [f"{server.url} {token}"])
    options = LaunchOptions(
        data_dir=tmp_path / "station",
        camera=str(video),
        config=tmp_path / "settings.json",
        fullscreen=False,
    )
    kiosk = KioskApp(options, QApplication.instance())
    try:
        setup = kiosk.start()
        assert isinstance(setup, SetupWindow) and setup.isVisible()
        assert not setup.unlocked  # the set-up form is behind the operator PIN
        setup.ask_pin()
        setup.pin_dialog.entry.setText("1234")
        assert setup.pin_dialog.submit()
        assert setup.unlocked
        panel = setup.panel

        # A mistyped token: the server's refusal, in words, and the form stays usable.
        panel.server_url.setText(server.url)
        panel.token.setText("not-the-token")
        with qtbot.waitSignal(panel.failed, timeout=10_000) as failed:
            panel.connect_button.click()
        assert "refused this token" in failed.args[0]
        assert "refused this token" in panel.status.text()
        assert panel.connect_button.isEnabled()
        assert not (tmp_path / "station" / DB_FILENAME).exists()

        # The token's QR held up to the camera fills the form (server address included).
        panel.server_url.clear()
        setup.scan_button.click()
        qtbot.waitUntil(lambda: panel.token.text() == token, timeout=15_000)
        assert panel.server_url.text() == server.url
        panel.name.setText("Door QR")
        panel.connect_button.click()
        qtbot.waitUntil(lambda: kiosk.shell is not None, timeout=20_000)

        assert kiosk.setup is None
        assert kiosk.shell.isVisible()
        assert isinstance(kiosk.shell.stack.currentWidget(), DoorWindow)
        station = kiosk.services.station
        assert station.identity.server_url == server.url
        assert station.identity.name == "Door QR"
        assert station.replica.counts().tickets == len(seeded_event.codes)
    finally:
        kiosk.shutdown()
        server.stop()


def test_a_bundle_file_with_its_passphrase_provisions_the_station(
    qtbot, seeded_event, tmp_path: Path
) -> None:
    bundle = tmp_path / "event.dlbundle"
    write_bundle(bundle, seeded_event.snapshot, b"open sesame")
    data_dir = tmp_path / "station"
    setup = SetupWindow(data_dir, KioskSettings(pin_hash=hash_pin("4711")))
    qtbot.addWidget(setup)
    setup.show()
    setup.unlock_button.click()
    setup.pin_dialog.entry.setText("1234")
    assert not setup.pin_dialog.submit() and not setup.unlocked  # not the default PIN here
    setup.pin_dialog.entry.setText("4711")
    assert setup.pin_dialog.submit() and setup.unlocked
    panel = setup.panel
    panel.bundle_path.setText(str(bundle))
    panel.passphrase.setText("open sesam")
    with qtbot.waitSignal(panel.failed, timeout=10_000) as failed:
        panel.load_button.click()
    assert "wrong passphrase" in failed.args[0].lower()
    assert not (data_dir / DB_FILENAME).exists()

    panel.passphrase.setText("open sesame")
    panel.gate.setText("main")
    with qtbot.waitSignal(setup.provisioned, timeout=10_000) as done:
        panel.load_button.click()
    assert done.args[0] == data_dir
    assert "Station ready" in panel.status.text()
    setup.close()
    station = open_station(data_dir)
    try:
        assert station.identity.server_url is None  # an offline (bundle) station
        assert station.identity.gate_id == "main"
        assert station.replica.counts().tickets == len(seeded_event.codes)
        code = next(c for c in seeded_event.codes if c["ticket_type"] == "General admission")
        assert station.scan(code["code"]).verdict.lets_through
    finally:
        station.replica.close()


@pytest.mark.slow
def test_doorline_kiosk_on_an_empty_folder_starts_instead_of_failing(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOORLINE_CONFIG_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "kiosk.cli.main", "kiosk", "--data-dir"]
    done = subprocess.run(
        [*command, str(tmp_path / "new"), "--windowed", "--quit-after", "0.3"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (tmp_path / "new" / DB_FILENAME).exists()
