"""The installed Doorline's version, as the heartbeat reports it to operators."""

from __future__ import annotations

from functools import cache
from importlib import metadata


@cache
def app_version() -> str:
    """The `doorline` distribution's version (pyproject.toml), or "unknown" when Doorline runs
    from a checkout that was never installed."""
    try:
        return metadata.version("doorline")
    except metadata.PackageNotFoundError:
        return "unknown"
