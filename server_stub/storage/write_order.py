"""How concurrent log writers are put in order on PostgreSQL, where several server processes
write at once: what keeps a double admission from slipping between two pushes, and pulls
gap-free.

Two promises have to hold whichever process takes a push:

1. **A double admission is always found.** When the two halves of one (ticket 7 admitted at
   door A, and at door B) arrive at two processes at the same moment, the second push to
   commit must see the first one's entry when it re-merges ticket 7.
2. **A pull never skips a row** (`server_stub.storage.change_counter`): cursor values are
   handed out in commit order, so no row commits later with a smaller value than one a pull
   has already passed.

Three ways to keep them were measured (`benchmarks/bench_admission_locks.py`; the numbers are
in docs/benchmarks.md, "Ordering concurrent pushes on PostgreSQL"):

- `TICKET_LOCKS` (the server's): a log writer first takes transaction-scoped advisory locks
  (`pg_advisory_xact_lock`, PostgreSQL manual §9.27.10) on its station and on every ticket it
  names, in one order (`change_counter.lock_for_log_write`), and takes the counter last, just
  before COMMIT (`change_counter.number_log_rows`). Pushes of different tickets run side by
  side; two pushes of one ticket take turns, and the later one reads the earlier one's
  committed entries (READ COMMITTED takes a fresh snapshot per statement).
- `COUNTER_FIRST`: the writer locks the one counter row as its first step and keeps it until
  COMMIT: every log writer of every process waits for the one before it, for its whole merge.
- `SERIALIZABLE`: no locks of our own; write transactions run at SERIALIZABLE isolation
  (Serializable Snapshot Isolation, PostgreSQL manual §13.2.3) and a push PostgreSQL aborts
  (SQLSTATE 40001) is run again. The counter is still taken last, but every push writes that
  one row, so any two overlapping pushes are a serialisation failure.

All three keep both promises (bench_admission_locks checks it: conflicts flagged against an
independent count, and a concurrent puller that must receive every row); per-ticket locks are
the fastest, so they are the server's. The other two are only for the benchmark
(`open_storage(url, ordering)`). On SQLite the file's single writer (`BEGIN IMMEDIATE`) orders
everything by itself and `ordering` does not apply.
"""

from __future__ import annotations

from enum import StrEnum


class PushOrdering(StrEnum):
    TICKET_LOCKS = "ticket-locks"
    COUNTER_FIRST = "counter-first"
    SERIALIZABLE = "serializable"


# What `open_storage` uses: the fastest of the three that kept both promises.
DEFAULT_ORDERING = PushOrdering.TICKET_LOCKS
