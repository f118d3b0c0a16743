"""The station database, `station.sqlite3`: the only code that runs SQL on it.

Everything else (the station's scan logic in `kiosk.core`, the sync engine, printing, the UI
and the CLI) calls typed methods of `StationStore` and gets frozen values (`values.py`) or
domain objects (`LogEntry`, `GateRules`, `TicketRecord`) back; nobody outside this package
holds a connection or writes SQL for this file (`tests/test_architecture.py` checks both).

Connection policy
-----------------
- One `StationStore` object = one `sqlite3` connection, opened in autocommit mode
  (`isolation_level=None`), with one re-entrant lock (`threading.RLock`). Every statement
  runs while that lock is held, and a read fetches all its rows before the lock is let go, so
  the threads sharing a store (the door's scan worker, search and status workers, the print
  workers) never interleave half-read statements with another thread's transaction.
- Every write is one explicit `BEGIN IMMEDIATE … COMMIT` transaction per method
  (`write_transaction`): the write lock is taken up front, so a read-decide-write cannot
  interleave with another writer. The only transaction that runs caller code is
  `append_own_entry`: the admission rules read through the same store inside it (the lock is
  re-entrant, the connection the same), so the verdict and its entry commit together.
- Durability: WAL with `synchronous=FULL`. Each commit is fsync'd before the method returns,
  so a verdict that was shown survives a power cut (NORMAL would be ~7× faster and could lose
  the last commits). A long-running station moves WAL checkpoints to a background thread
  with its own connection that runs `PRAGMA wal_checkpoint` and nothing else
  (`start_background_checkpoints`), so no scan waits for a checkpoint.
- A station process opens the file through two stores: the door's (`Station`, shared by the
  UI, CLI and printing) and the sync engine's own (`staging_in_memory=True`), so a long pull
  never holds the lock the door scans through. SQLite's file lock orders the two (busy
  timeout 10 s); each store notices the other's commits with `PRAGMA data_version` and drops
  its cached keys, gates and ticket types (`refresh_if_changed`).
- One more connection, read-only and short-lived: `damage.inspect_file` examines a file that
  may not open as a store at all (`doorline station verify-log`); it never writes.
- Schema: numbered migrations (`schema.py`) in `PRAGMA user_version`, each in its own
  transaction; a file from a newer Doorline is refused, never guessed at; shipped migrations
  are never edited, so an existing station file keeps every log entry when it is upgraded.

sqlite-utils serves where it fits: the event row is upserted through `Table.upsert` (nested in
the store's transaction as a savepoint) and `counts()` uses `Table.count`. Hand-written SQL
stays where SQLite must do the work in one statement: the staged ticket upsert that keeps the
FTS5 index cheap, the push body rendered by `json_object`, and the door's indexed counters.

Modules: `store` (the class, the policy), `schema` (migrations), `checkin_log` (the log and
its rules: "admitted", "inside now", the upload queue), `event_data` (event, types, gates,
keys, tickets, revocations), `attendees` (tickets by id, search, confirmation, e-mail hash),
`conflicts` (the conflicts table: stores what `kiosk.domain.merge.reconcile_conflicts`
decides), `damage` (a damaged file, told in words),
`values` (what the methods return).
"""

from kiosk.station_store.damage import DatabaseFault, inspect_file
from kiosk.station_store.store import (
    DB_FILENAME,
    ReplicaError,
    StationDamaged,
    StationStore,
    StorageFull,
)
from kiosk.station_store.values import (
    AppliedPage,
    AttendeeMatch,
    BadgeFields,
    ClockOffset,
    DoorCounts,
    HandedOverPrintJob,
    LoggedTickets,
    LogHead,
    PushBatch,
    ReplicaCounts,
    StationIdentity,
    StoredConflict,
)

__all__ = [
    "DB_FILENAME",
    "AppliedPage",
    "AttendeeMatch",
    "BadgeFields",
    "ClockOffset",
    "DatabaseFault",
    "DoorCounts",
    "HandedOverPrintJob",
    "LogHead",
    "LoggedTickets",
    "PushBatch",
    "ReplicaCounts",
    "ReplicaError",
    "StationDamaged",
    "StationIdentity",
    "StationStore",
    "StorageFull",
    "StoredConflict",
    "inspect_file",
]
