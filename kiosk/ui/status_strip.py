"""Always-visible station status: online/offline, last sync, queue depth, and counters."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.core.station import Counters
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.languages import translate
from kiosk.ui.sync_port import SyncStatus
from kiosk.ui.sync_words import sync_error_words


def age_words(ms: int | None, now_ms: int | None = None) -> str:
    """How long ago `ms` was ("12 s ago", "never"), in the window's language."""
    if ms is None:
        return translate("StatusStrip", "never")
    now_ms = now_ms if now_ms is not None else int(time.time() * 1000)
    seconds = max(0, (now_ms - ms) // 1000)
    if seconds < 60:
        return translate("StatusStrip", "{0} s ago").format(seconds)
    if seconds < 7200:
        return translate("StatusStrip", "{0} min ago").format(seconds // 60)
    return translate("StatusStrip", "{0} h ago").format(seconds // 3600)


def _chip(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setStyleSheet(
        "padding: 6px 14px; border-radius: 8px; font-size: 18px; font-weight: 600;"
        "background: #263238; color: #ECEFF1;"
    )
    return label


class StatusStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = _chip("connection")
        self.last_sync = _chip("lastSync")
        self.queue = _chip("queue")
        self.inside = _chip("inside")
        self.admitted = _chip("admitted")
        self.refused = _chip("refused")
        # Sync on the left, counters on the right; each side wraps onto a second line on a
        # narrow screen instead of pushing the window past the screen's edge.
        sync, counters = QWidget(), QWidget()
        left, right = FlowLayout(sync, spacing=6), FlowLayout(counters, spacing=6, align_right=True)
        for chip in (self.connection, self.last_sync, self.queue):
            left.addWidget(chip)
        for chip in (self.inside, self.admitted, self.refused):
            right.addWidget(chip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(sync, 1)
        layout.addWidget(counters, 1)
        self.show_counters(Counters(0, 0, 0))

    def show_sync(self, status: SyncStatus) -> None:
        if not status.has_server:
            words, colour = self.tr("● Offline station (no server)"), "#546E7A"
        elif status.syncing:
            words, colour = self.tr("⟳ Syncing…"), "#1565C0"
        elif status.online:
            words, colour = self.tr("● Online"), "#2E7D32"
        else:
            words, colour = self.tr("○ Offline — scanning still works"), "#B26A00"
        self.connection.setText(words)
        self.connection.setStyleSheet(self.connection.styleSheet() + f"background: {colour};")
        self.last_sync.setText(self.tr("Last sync: {0}").format(age_words(status.last_sync_ms)))
        self.queue.setText(self.tr("To upload: {0}").format(status.queue_depth))
        self.connection.setToolTip(sync_error_words(status))

    def show_counters(self, counters: Counters) -> None:
        self.inside.setText(self.tr("Inside now: {0}").format(counters.inside))
        self.admitted.setText(self.tr("Admitted today: {0}").format(counters.admitted_today))
        self.refused.setText(self.tr("Refused: {0}").format(counters.refused_today))
