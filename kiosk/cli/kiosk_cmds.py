"""`doorline kiosk` (run a provisioned station's window) and `doorline demo` (everything at once).

Qt is imported only when one of these commands runs, so the rest of the CLI works without a
display.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.counts import at_least_one
from kiosk.cli.errors import CliError
from kiosk.station_store import ReplicaError

if TYPE_CHECKING:
    from kiosk.cli.main import CliGroups
    from kiosk.ui.app import KioskOutcome

MAX_QUIT_AFTER_S = 24 * 60 * 60  # a day: longer is a typo, and Qt's timer takes int ms
DEMO_FILES = ("server.sqlite3", "station")  # what a folder that already holds a demo has


def quit_after_seconds(text: str) -> float:
    """`--quit-after`: a finite number of seconds, > 0 and at most a day; refused (exit 2 by
    argparse) otherwise, since nan/inf/huge values crash Qt's timer and <= 0 never waits."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_QUIT_AFTER_S:
        raise argparse.ArgumentTypeError(
            f"--quit-after must be a number of seconds above 0 and at most {MAX_QUIT_AFTER_S}"
            f" (a day), not {text!r}"
        )
    return seconds


# `--quit-after-badges`: a whole number of badges, at least 1 (0 or less never fires).
badge_count = at_least_one(
    "{text!r} is not a whole number of badges",
    "--quit-after-badges must be at least 1, not {value}",
)


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
    kiosk.add_argument(
        "--quit-after",
        type=quit_after_seconds,
        metavar="SECONDS",
        help="close the window after this many seconds (smoke tests); at most a day",
    )
    kiosk.add_argument("--windowed", action="store_true", help="never full screen")
    kiosk.set_defaults(func=run_kiosk_command)

    demo = groups.top.add_parser(
        "demo",
        help="server + seeded event + station + door window",
        description="Seed an event on a local server, provision a station from it and open its"
        " window on a generated camera video. In door mode the video's tickets are scanned and"
        " 5 of them are admitted (each prints a badge); in self mode a person must confirm each"
        " check-in on the screen.",
    )
    demo.add_argument(
        "--dir",
        type=Path,
        help="an empty or new folder to put the demo in (default: a new temp dir)",
    )
    demo.add_argument(
        "--mode",
        choices=("door", "self"),
        default="door",
        help="door: staff station, scans admit by themselves (default); self: attendee kiosk,"
        " each check-in needs a person to confirm it",
    )
    demo.add_argument(
        "--quit-after",
        type=quit_after_seconds,
        metavar="SECONDS",
        help="close the demo after this many seconds (smoke tests/CI); at most a day. With"
        " --quit-after-badges it is a cap: reaching it first exits 1",
    )
    demo.add_argument(
        "--quit-after-badges",
        type=badge_count,
        metavar="N",
        help="quit (exit 0) once N badges have printed; door mode's video admits 5",
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


def refuse_used_folder(folder: Path) -> None:
    """A demo starts in a new or empty folder. A second run in the same one would find the
    first's station already provisioned (from a server now gone) and mix two events in one
    station, so it is refused in words (exit 2) and nothing of the first run is touched."""
    if folder.exists() and not folder.is_dir():
        raise CliError(f"--dir {folder} is a file, not a folder; use an empty or new folder")
    if any((folder / name).exists() for name in DEMO_FILES):
        raise CliError(
            f"{folder} already holds a demo; use an empty --dir or delete it"
            " (its station and badges are kept as they are)"
        )
    if folder.is_dir() and any(folder.iterdir()):
        raise CliError(f"{folder} is not empty; use an empty or new folder for --dir")


def make_demo_folder(folder: Path) -> None:
    """Create the demo's folder (and its parents) before anything runs in it; CliError (exit 2)
    in words when it cannot be made: a file on its path, a read-only or virtual file system,
    no permission."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        why = error.strerror or type(error).__name__
        message = f"cannot make the demo folder {folder}: {why}; choose another --dir"
        raise CliError(message) from error


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
    if args.dir is not None:  # words about the folder first, with or without a screen
        refuse_used_folder(args.dir)
    require_screen()
    from kiosk.cli.demo_setup import prepare_demo

    folder = args.dir or Path(tempfile.mkdtemp(prefix="doorline-demo-"))
    make_demo_folder(folder)
    print(f"Doorline demo in {folder}", flush=True)
    print("  seeding an event, provisioning a station, rendering the camera video…", flush=True)
    setup = prepare_demo(folder, with_server=not args.offline)
    try:
        # Qt and the window's code load while the camera video renders on.
        from kiosk.ui.app import LaunchOptions, run_kiosk_outcome
        from kiosk.ui.operator_pin import DEFAULT_PIN
        from kiosk.ui.settings_store import Mode

        setup.wait_for_video()
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
            on_running=demo_running,
        )
        outcome = run_kiosk_outcome(options)
    finally:
        setup.stop()
    return demo_ending(outcome, args.quit_after_badges, setup.badges)


def demo_running() -> None:
    """The window is open and the camera video plays: say so, and how to stop."""
    print("Demo window open, scanning the camera video; Ctrl-C quits", flush=True)


def demo_ending(outcome: KioskOutcome, target: int | None, badges: Path) -> int:
    """Say how the demo ended in one line and return its exit status: 130 after Ctrl-C, 1 when
    --quit-after-badges was not reached before the --quit-after cap, else Qt's status (a
    window closed by hand before the target is the operator's choice, not a failure)."""
    printed = sorted(path.name for path in badges.glob("badge-*.pdf"))
    names = ", ".join(printed) if printed else "none"
    if outcome.interrupted:
        print(f"Demo interrupted; badges printed: {names}", flush=True)
        return outcome.status
    if outcome.capped and target is not None and len(outcome.badges) < target:
        print(
            f"doorline: stopped at the --quit-after cap after {len(outcome.badges)} of {target}"
            f" badges (printed: {names})",
            file=sys.stderr,
            flush=True,
        )
        return 1
    plural = "badge" if len(printed) == 1 else "badges"
    print(f"Demo done; {len(printed)} {plural} printed: {names}", flush=True)
    return outcome.status
