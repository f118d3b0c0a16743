"""One row of a benchmark table, and the printer for a list of rows.

Every benchmark module returns rows of the same shape so `python -m benchmarks` prints one table
that can be pasted into docs/benchmarks.md as it is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    what: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""


def _verdict(met: bool | None) -> str:
    return {True: "yes", False: "**NO**", None: ""}[met]


def format_table(rows: list[Result]) -> str:
    header = "| what | measured | target | met | note |\n|---|---|---|---|---|"
    lines = [header]
    for r in rows:
        value = f"{r.value:,.3f}".rstrip("0").rstrip(".") if r.value == r.value else "n/a"
        lines.append(f"| {r.what} | {value} {r.unit} | {r.target} | {_verdict(r.met)} | {r.note} |")
    return "\n".join(lines)


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile: honest for tails, no interpolation that flatters p99."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
