"""Run every benchmark module (benchmarks/bench_*.py) and print one table.

.venv/bin/python -m benchmarks            # full sizes (the targets in PRODUCT §9)
.venv/bin/python -m benchmarks --quick    # small sizes, for a smoke run
.venv/bin/python -m benchmarks --only codec --only replica
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import platform
import sys
import time
from pathlib import Path

from benchmarks.table import Result, format_table


def _modules(only: list[str]) -> list[str]:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if only:
        names = [n for n in names if any(o in n for o in only)]
    return names


def machine_line() -> str:
    import os

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()}: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--only", action="append", default=[], help="substring of a module name")
    args = parser.parse_args(argv)
    rows: list[Result] = []
    print(f"machine: {machine_line()}", file=sys.stderr)
    for name in _modules(args.only):
        started = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        rows.extend(module.run(quick=args.quick))
        print(f"{name}: {time.perf_counter() - started:.1f}s", file=sys.stderr)
    print(format_table(rows))
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
