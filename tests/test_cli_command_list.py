"""`doorline` lists its commands without importing them, and the list is the commands' own.

`kiosk.cli.main.COMMANDS` names every command with its help line so a `doorline` process imports
only the module of the command it runs; these tests keep that list equal to what the command
modules register, and keep `doorline --help` free of command modules.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

from kiosk.cli.main import COMMAND_MODULES, COMMANDS, CliGroups


def _registered_by_modules() -> list[tuple[str, str, str, str]]:
    """(group, name, help, module) of every command, registered eagerly module by module."""
    found = []
    for module in COMMAND_MODULES:
        parser = argparse.ArgumentParser(prog="doorline")
        top = parser.add_subparsers()
        groups = CliGroups(
            top=top,
            server=top.add_parser("server").add_subparsers(),
            station=top.add_parser("station").add_subparsers(),
        )
        importlib.import_module(module).register(groups)
        for group in ("top", "server", "station"):
            for choice in getattr(groups, group)._choices_actions:
                if group != "top" or choice.dest not in ("server", "station"):
                    found.append((group, choice.dest, choice.help or "", module))
    return found


def test_the_command_list_is_what_the_modules_register() -> None:
    listed = sorted((c.group, c.name, c.help, c.module) for c in COMMANDS)
    assert listed == sorted(_registered_by_modules())


def test_help_imports_no_command_module() -> None:
    probe = (
        "import contextlib, io, sys\n"
        "from kiosk.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for argv in (['--help'], ['server', '--help'], ['station', '--help']):\n"
        "        try:\n"
        "            main(argv)\n"
        "        except SystemExit:\n"
        "            pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('kiosk.cli.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['kiosk.cli.errors', 'kiosk.cli.main']"
