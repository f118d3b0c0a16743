"""Provisioning does not burn a one-time token on a local mistake, and the token's QR carries
the server's address, so the set-up screen's camera fills both fields."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.cli.main import main
from kiosk.ui.provisioning import ProvisionFailed, provision_with_token
from kiosk.ui.settings_store import KioskSettings
from kiosk.ui.setup_window import SetupWindow
from server_stub.local_server import station_token


def test_a_data_folder_that_is_a_file_does_not_burn_the_token(
    seeded_event, local_server, tmp_path: Path
) -> None:
    token = station_token(local_server.db, seeded_event.event_id, "Door F")
    not_a_folder = tmp_path / "station"
    not_a_folder.write_text("oops")
    with pytest.raises(ProvisionFailed, match="is a file, not a folder"):
        provision_with_token(not_a_folder, local_server.url, token, name="Door F")
    # The same token still provisions a proper folder: the mistake cost nothing.
    done = provision_with_token(tmp_path / "good", local_server.url, token, name="Door F")
    assert (done / "station.sqlite3").exists()


def test_the_token_qr_holds_the_server_address_and_the_set_up_camera_fills_both(
    seeded_event, qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "server.sqlite3"
    db.write_bytes(seeded_event.db_path.read_bytes())
    qr = tmp_path / "token.png"
    url = "http://192.168.1.10:8765"
    args = ["server", "station-token", "--db", str(db), "--event", str(seeded_event.event_id)]
    assert main([*args, "--name", "Door Q", "--qr", str(qr), "--server", url]) == 0
    token = capsys.readouterr().out.strip()
    [text] = [r.text for r in zxingcpp.read_barcodes(Image.open(qr))]
    assert text == f"{url} {token}"
    setup = SetupWindow(tmp_path / "new", KioskSettings())
    qtbot.addWidget(setup)
    setup.unlock()
    setup.panel.accept_scanned(text)  # what the camera hands over
    assert setup.panel.server_url.text() == url
    assert setup.panel.token.text() == token
    assert main([*args, "--name", "Door R", "--qr", str(qr), "--server", "192.168.1.10"]) == 2
    assert "http://" in capsys.readouterr().err


def test_an_unknown_gate_is_refused_before_the_token_is_spent(
    seeded_event, local_server, tmp_path: Path
) -> None:
    token = station_token(local_server.db, seeded_event.event_id, "Door G")
    with pytest.raises(ProvisionFailed, match="no gate 'mian'"):
        provision_with_token(tmp_path / "a", local_server.url, token, gate="mian", name="Door G")
    done = provision_with_token(tmp_path / "b", local_server.url, token, gate="main", name="Door G")
    assert (done / "station.sqlite3").exists()
