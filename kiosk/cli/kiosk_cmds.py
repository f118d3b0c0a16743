"""`doorline kiosk` (run a provisioned station's window) and `doorline demo` (everything at once).

Qt is imported only when one of these commands runs, so the rest of the CLI works without a
display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.errors import CliError
from kiosk.station_store import ReplicaError

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups


def register(groups: CliGroups) -> None:
    kiosk = groups.top.add_parser(
        "kiosk",
        help="open the door-station or self-check-in window",
        description="Run a station's window. A data folder without a station opens the set-up"
        " screen (one-time token or bundle file, behind the operator PIN) instead.",
    )
    kiosk.add_argument("--data-dir", required=True, type=Path, help="the station's data folder")
    kiosk.add_argument("--mode", choices=("door", "self"), help="default: the mode last used")
    kiosk.add_argument("--camera", help="camera index, video file or image folder")
    kiosk.add_argument(
        "--printer",
        help="badge printer for the print queue: pdf:DIR, cups:NAME, escpos-net:HOST[:PORT],"
        " escpos-usb:VID:PID, escpos-serial:DEVICE, escpos-file:PATH",
    )
    kiosk.add_argument("--config", type=Path, help="settings file (default: user config dir)")
    kiosk.add_argument("--quit-after", type=float, metavar="SECONDS", help="for smoke tests")
    kiosk.add_argument("--windowed", action="store_true", help="never full screen")
    kiosk.set_defaults(func=run_kiosk_command)

    demo = groups.top.add_parser("demo", help="server + seeded event + station + door window")
    demo.add_argument("--dir", type=Path, help="where to put the demo (default: a new temp dir)")
    demo.add_argument("--mode", choices=("door", "self"), default="door")
    demo.add_argument("--quit-after", type=float, metavar="SECONDS", help="for smoke tests/CI")
    demo.add_argument(
        "--quit-after-badges",
        type=int,
        metavar="N",
        help="quit once N badges have printed (smoke tests/CI; --quit-after still caps the run)",
    )
    demo.add_argument("--offline", action="store_true", help="no server: a bundle-style station")
    demo.set_defaults(func=run_demo_command)


def require_screen() -> None:
    """Refuse in words before Qt aborts in its own: a headless machine has no window to show."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise CliError(
        "no screen found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run this on the "
        "station's desktop session, or try it headless for 20 seconds with: "
        "QT_QPA_PLATFORM=offscreen doorline demo --quit-after 20"
    )


def run_kiosk_command(args: argparse.Namespace) -> int:
    require_screen()
    from kiosk.ui.app import LaunchOptions, run_kiosk
    from kiosk.ui.settings_store import Mode

    options = LaunchOptions(
        data_dir=args.data_dir,
        mode=Mode(args.mode) if args.mode else None,
        camera=args.camera,
        printer=args.printer,
        config=args.config,
        quit_after_s=args.quit_after,
        fullscreen=False if args.windowed else None,
    )
    try:
        return run_kiosk(options)
    except ReplicaError as error:
        raise CliError(str(error)) from error


def run_demo_command(args: argparse.Namespace) -> int:
    require_screen()
    from kiosk.cli.demo_setup import prepare_demo
    from kiosk.ui.app import LaunchOptions, run_kiosk
    from kiosk.ui.operator_pin import DEFAULT_PIN
    from kiosk.ui.settings_store import Mode

    folder = args.dir or Path(tempfile.mkdtemp(prefix="doorline-demo-"))
    print(f"Doorline demo in {folder}", flush=True)
    print("  seeding an event, provisioning a station, rendering the camera video…", flush=True)
    setup = prepare_demo(folder, with_server=not args.offline)
    server = setup.server.url if setup.server else "none (offline station)"
    print(f"  server:        {server}")
    print(f"  station data:  {setup.data_dir}")
    print(f"  camera video:  {setup.video}")
    print(f"  ticket codes:  {setup.codes_csv}")
    print(f"  badges (PDF):  {setup.badges}")
    print(f"  operator PIN:  {DEFAULT_PIN}", flush=True)
    options = LaunchOptions(
        data_dir=setup.data_dir,
        mode=Mode(args.mode),
        camera=str(setup.video),
        printer=f"pdf:{setup.badges}",
        config=folder / "kiosk-settings.json",
        quit_after_s=args.quit_after,
        quit_after_badges=args.quit_after_badges,
        loop_camera=True,
        fullscreen=False,
        verdict_hold_s=1.2,
    )
    try:
        return run_kiosk(options)
    finally:
        setup.stop()
