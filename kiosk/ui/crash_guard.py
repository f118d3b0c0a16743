"""Uncaught exceptions (in a slot, a timer, a callback) are logged, never fatal: the door
returns to its scan screen and the steward sees a short banner instead of a dead window."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)

Recover = Callable[[str], None]


class CrashGuard:
    def __init__(self, recover: Recover) -> None:
        self._recover = recover
        self._previous = sys.excepthook
        self.count = 0

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        self.count += 1
        text = "".join(traceback.format_exception(kind, error, trace))
        log.error("uncaught exception, returning to the scan screen:\n%s", text)
        try:
            self._recover(f"Something went wrong ({kind.__name__}); back to scanning.")
        except Exception:
            log.exception("recovering from an uncaught exception failed")
