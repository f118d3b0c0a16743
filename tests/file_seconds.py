"""How long each test file takes in CI, so the workers start the long files first.

`.ci/test` runs a file on one worker (pytest-xdist `--dist loadfile`) and a worker takes the next
file in collection order when it is almost out of work: if a 15 s file comes last, the others
idle for up to 15 s at the end. tests/conftest.py orders files longest first (greedy
longest-processing-time scheduling) from `file_seconds.json` (CI seconds per file: setup, call
and teardown summed from a JUnit report; files under 1 s left out). A file missing from it
counts as long when a test in it is marked `slow`, else as short. The numbers only order the
files: stale ones cost balance, never a result.

Refresh after a change that moves a file's time a lot:

    CI=true bash .ci/test --junitxml=/tmp/junit.xml
    .venv/bin/python -m tests.file_seconds /tmp/junit.xml
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).with_name("file_seconds.json")
SHORTEST_LISTED_S = 1.0


def expected_seconds() -> dict[str, float]:
    """{"tests/test_x.py": seconds} from the table; empty when it is missing or unreadable."""
    try:
        table = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in table.items()} if isinstance(table, dict) else {}


def seconds_from_junit(report: Path) -> dict[str, float]:
    """Each test file's summed time in a pytest JUnit XML report, longest first, rounded to
    0.1 s; files under `SHORTEST_LISTED_S` left out."""
    per_file: Counter[str] = Counter()
    for case in ElementTree.parse(report).iter("testcase"):
        module = case.get("classname", "").split(".")
        if len(module) >= 2 and module[0] == "tests":
            per_file[f"tests/{module[1]}.py"] += float(case.get("time") or 0)
    return {
        name: round(seconds, 1)
        for name, seconds in per_file.most_common()
        if seconds >= SHORTEST_LISTED_S
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.file_seconds JUNIT.xml")
    TABLE.write_text(json.dumps(seconds_from_junit(Path(sys.argv[1])), indent=1) + "\n")
    print(f"wrote {TABLE}")
