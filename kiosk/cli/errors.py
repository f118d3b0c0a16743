"""The one exception the CLI turns into a message and an exit status instead of a traceback."""

from __future__ import annotations


class CliError(Exception):
    """A usage or environment problem, told in words an operator can act on (exit status 2)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
