"""The scanning pipeline as Qt signals: codes, problems and state reach the UI thread queued.

Capture and decoding run on the pipeline's own threads; the UI only reads `preview()` to paint.
A recording can loop (the demo), which starts a fresh pipeline when one reaches its end.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.scanning.capture import CaptureState
from kiosk.scanning.decoder import make_decoder
from kiosk.scanning.errors import ScanningError
from kiosk.scanning.frame_sources import source_for
from kiosk.scanning.pipeline import Preview, ScanPipeline
from kiosk.ui.camera_words import camera_problem_words

log = logging.getLogger(__name__)


class CameraFeed(QObject):
    code_seen = Signal(str)
    problem = Signal(str)
    state_changed = Signal(str)

    def __init__(
        self,
        spec: str,
        decoder: str = "zxing",
        *,
        realtime: bool = True,
        loop: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._decoder_name = decoder
        self._realtime = realtime
        self._loop = loop
        self._pipeline: ScanPipeline | None = None
        self.state = CaptureState.STOPPED
        self._stopping = False
        self.state_changed.connect(self._on_state)

    @property
    def description(self) -> str:
        return f"camera {self.spec}" if self.spec.isdigit() else Path(self.spec).name

    def start(self) -> None:
        self._stopping = False
        try:
            decoder = make_decoder(self._decoder_name)
        except ScanningError as error:
            self.problem.emit(camera_problem_words(error))
            return
        source = source_for(self.spec, realtime=self._realtime and not self.spec.isdigit())
        self._pipeline = ScanPipeline(
            source,
            decoder,
            lambda text, _at, _poly: self.code_seen.emit(text),
            on_error=lambda error: self.problem.emit(camera_problem_words(error)),
            on_state=lambda state: self.state_changed.emit(str(state)),
        )
        self._pipeline.start()

    def stop(self) -> None:
        self._stopping = True
        if self._pipeline is not None:
            self._pipeline.stop(timeout=1.0)

    def preview(self) -> Preview | None:
        return self._pipeline.preview() if self._pipeline else None

    def _on_state(self, state: str) -> None:
        self.state = CaptureState(state)
        if self.state is CaptureState.FINISHED and self._loop and not self._stopping:
            log.info("looping %s", self.spec)
            self.start()
