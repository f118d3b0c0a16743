"""One server database, by area: the object `open_storage` returns.

Every part runs its SQL through the same `Database` (one connection policy, in the engine's
module docstring); none holds a connection of its own.
"""

from __future__ import annotations

from pathlib import Path

from server_stub.storage.anchors import StationAnchors
from server_stub.storage.attendee_records import AttendeeImports
from server_stub.storage.bundle_stations import BundleStations
from server_stub.storage.catalog import EventCatalog
from server_stub.storage.conflicts import ConflictList
from server_stub.storage.credentials import StationCredentials
from server_stub.storage.database import Database
from server_stub.storage.door_view import DoorView
from server_stub.storage.event_records import EventRecords
from server_stub.storage.fleet import StationFleet
from server_stub.storage.operator_pins import OperatorPins
from server_stub.storage.operators import OperatorAccounts
from server_stub.storage.pull import PullPages
from server_stub.storage.push import LogUploads
from server_stub.storage.reports import LogReports
from server_stub.storage.ticket_roster import TicketRoster
from server_stub.storage.write_order import DEFAULT_ORDERING, PushOrdering

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class SqlServerStorage:
    """`ServerStorage` over any `Database` engine."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.location = db.location
        self.catalog = EventCatalog(db)
        self.event_files = EventRecords(db, self.catalog)
        self.attendees = AttendeeImports(db, self.catalog)
        self.roster = TicketRoster(db, self.catalog)
        self.credentials = StationCredentials(db)
        self.anchors = StationAnchors(db)
        self.fleet = StationFleet(db)
        self.pulls = PullPages(db, self.credentials, self.anchors, self.fleet)
        self.pushes = LogUploads(db, self.credentials)
        self.conflicts = ConflictList(db, self.catalog)
        self.reports = LogReports(db)
        self.bundles = BundleStations(db, self.catalog, self.pushes, self.reports)
        self.operators = OperatorAccounts(db)
        self.door_view = DoorView(db)
        self.pins = OperatorPins(db)

    def close(self) -> None:
        self.db.close()


def is_postgres_url(db: str | Path) -> bool:
    return str(db).startswith(POSTGRES_SCHEMES)


def open_storage(db: str | Path, ordering: PushOrdering = DEFAULT_ORDERING) -> SqlServerStorage:
    """The server database named by `db`: a PostgreSQL URL (`postgresql://user@host/db`, any
    libpq URL) or a SQLite file path (created if missing). Brings the schema up to date.
    `ordering` is how concurrent log writers are ordered on PostgreSQL (`write_order`: the
    default is the measured best; the others exist for bench_admission_locks).
    Raises StoreError with words for an operator when it cannot be opened."""
    if is_postgres_url(db):
        from server_stub.storage.postgres_database import PostgresDatabase

        return SqlServerStorage(PostgresDatabase(str(db), ordering=ordering))
    from server_stub.storage.sqlite_database import SqliteDatabase

    return SqlServerStorage(SqliteDatabase(db))
