"""USB-stick stations: the bundles that provision them, and their log files coming home.

`BundleStations.record_bundle_export(event_id, bundle_id, file)` remembers each offline provisioning
bundle (its id travels inside the bundle and into the station), so the report can name bundles
from which no log ever came back. `import_station_log(log)` takes a verified `StationLogFile`
(kiosk.domain.station_log_file), registers the station if the server has never seen it (a
bundle station has no credential; it is recorded with one nobody holds, so it can never
authenticate), and hands every entry to the same `push` a connected station's upload goes
through: idempotent by entry id, conflicts flagged, sequence gaps reported. Each import is
recorded.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from kiosk.domain.log_entry import verify_chain
from kiosk.domain.station_log_file import StationLogFile
from server_stub.storage.catalog import EventCatalog, now_ms
from server_stub.storage.change_counter import next_change
from server_stub.storage.credentials import secret_hash
from server_stub.storage.database import Database
from server_stub.storage.interface import AckStatus, SeqGap, StationPrincipal, StoreError
from server_stub.storage.push import LogUploads
from server_stub.storage.reports import LogReports


@dataclass(frozen=True)
class LogImportResult:
    station_id: str
    station_name: str
    new_station: bool
    entries: int
    accepted: int
    duplicate: int
    rejected: list[tuple[str, str]] = field(default_factory=list)
    gaps: list[SeqGap] = field(default_factory=list)
    conflicts_touched: int = 0


@dataclass(frozen=True)
class UnreturnedBundle:
    bundle_id: str
    file: str
    created_ms: int


class BundleStations:
    """`Bundles` over a `Database`."""

    def __init__(
        self, db: Database, catalog: EventCatalog, pushes: LogUploads, reports: LogReports
    ) -> None:
        self.db = db
        self.catalog = catalog
        self.pushes = pushes
        self.reports = reports

    def record_bundle_export(self, event_id: int, bundle_id: str, file: str) -> None:
        """Remember that bundle `bundle_id` of `event_id` was written to `file`. Called once the
        file is written: a bundle that failed to write must not be reported as missing."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO bundle_exports (id, event_id, created_ms, file) VALUES (?, ?, ?, ?)",
                (bundle_id, event_id, now_ms(), file),
            )

    def bundles_never_imported(self, event_id: int) -> list[UnreturnedBundle]:
        """Bundles of the event from which no station log was ever imported."""
        with self.db.reading() as tx:
            rows = tx.execute(
                "SELECT b.id, b.file, b.created_ms FROM bundle_exports b WHERE b.event_id = ? AND "
                "NOT EXISTS (SELECT 1 FROM log_imports i WHERE i.bundle_id = b.id) "
                "ORDER BY b.created_ms",
                (event_id,),
            ).fetchall()
        return [UnreturnedBundle(*row) for row in rows]

    def import_station_log(self, log: StationLogFile) -> LogImportResult:
        """Merge the file's entries; raises StoreError for an unknown event, or a station id the
        server knows for another event."""
        self.catalog.event(log.event_id)
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT event_id, name, chain_key FROM stations WHERE id = ?", (log.station_id,)
            ).fetchone()
            if row is not None and row[0] != log.event_id:
                raise StoreError(
                    f"station {log.station_id} belongs to event {row[0]}, but its log file says "
                    f"event {log.event_id}"
                )
            new_station = row is None
            if new_station:
                conn.execute(
                    "INSERT INTO stations (id, event_id, name, credential_hash, created_ms, "
                    "bundle_id, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        log.station_id,
                        log.event_id,
                        log.station_name,
                        secret_hash(secrets.token_urlsafe(32)),  # nobody holds it: no sign-in
                        now_ms(),
                        log.bundle_id,
                        next_change(conn),  # the other stations learn its name
                    ),
                )
        name = log.station_name if new_station else row[1]
        key = bytes.fromhex(row[2]) if row is not None and row[2] else None
        _check_keyed_chain(log, key)
        principal = StationPrincipal(log.station_id, log.event_id, name, key)
        result = self.pushes.push(principal, [e.to_json() for e in log.entries])
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO log_imports (station_id, event_id, bundle_id, imported_ms, entries, "
                "head_hash) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    log.station_id,
                    log.event_id,
                    log.bundle_id,
                    now_ms(),
                    len(log.entries),
                    log.head_hash,
                ),
            )
        return LogImportResult(
            station_id=log.station_id,
            station_name=name,
            new_station=new_station,
            entries=len(log.entries),
            accepted=result.count(AckStatus.ACCEPTED),
            duplicate=result.count(AckStatus.DUPLICATE),
            rejected=[(a.id, a.reason) for a in result.acks if a.status is AckStatus.REJECTED],
            gaps=self.reports.sequence_gaps(log.event_id, log.station_id),
            conflicts_touched=result.conflicts_touched,
        )


def _check_keyed_chain(log: StationLogFile, key: bytes | None) -> None:
    """A file whose entries are keyed (a network station's log brought home as a file) is
    checked whole with the station's chain key before anything of it is merged: the file
    reader could only check their links. StoreError names the first entry that fails."""
    if not any(e.keyed for e in log.entries):
        return
    if key is None:
        raise StoreError(
            f"station {log.station_id}'s log is keyed, and this server has never seen that "
            "station sign in: it cannot check the entries (nothing was imported)"
        )
    report = verify_chain(list(log.entries), key)
    if not report.ok:
        raise StoreError(
            f"entry {report.first_bad_seq} of the file: {report.problem} (nothing was imported)"
        )
