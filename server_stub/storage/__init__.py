"""The central server's database: its one owner.

Nothing outside this package runs SQL on the server database or holds its connection. Callers
get a `ServerStorage` from `open_storage(DB)` and use its parts (`interface.py` lists them):

| module | area |
|---|---|
| `interface.py` | the Protocols callers use, their values and errors |
| `database.py` | the engine seam: transactions, `?` SQL, the few dialect differences |
| `sqlite_database.py` | the SQLite engine (the embedded default) and its connection policy |
| `schema.py` | numbered migrations, the same versions on every engine |
| `change_counter.py` | the server cursor and why a pull never skips a late commit |
| `write_order.py` | how concurrent pushes are ordered on PostgreSQL (per-ticket locks) |
| `catalog.py` | events, keys, ticket types, gates, tickets, revocations, snapshots |
| `event_records.py` | an event file applied, and the stored event as a file |
| `attendee_records.py` | a ticket shop's attendees imported, all or nothing |
| `ticket_roster.py` | the event's tickets as they are sent out |
| `credentials.py` | provisioning tokens, station credentials, authentication |
| `pull.py` | pages of changes rendered as JSON by the database |
| `entry_check.py` | an uploaded entry's fields and hash |
| `push.py` | idempotent uploads, answered entry by entry |
| `conflicts.py` | the shared merge after each push; acknowledgements |
| `bundle_stations.py` | USB-stick stations: bundles out, their logs home |
| `reports.py` | totals, sequence gaps, the whole log |
"""

from server_stub.storage.interface import (
    AuthError,
    NotFound,
    ServerStorage,
    StoreError,
    SyncStorageError,
)
from server_stub.storage.server_storage import is_postgres_url, open_storage

__all__ = [
    "AuthError",
    "NotFound",
    "ServerStorage",
    "StoreError",
    "SyncStorageError",
    "is_postgres_url",
    "open_storage",
]
