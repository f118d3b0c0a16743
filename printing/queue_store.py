"""The print queue's own database file, `print_queue.sqlite3` in the station's data directory.

This module is the only code that runs SQL on that file. Printing keeps its queue apart from the
station's database (`station.sqlite3`, owned by the station store) so that a printer's worker
threads never hold the door's write lock, the queue's schema can change without touching the
station's, and the station file carries only what syncs. The two files are tied by one rule:
a badge counts as printed when the station's log has its `badge_printed` entry, whose id is
derived from the job id (`record_badge_printed(..., job_id=)`), so a crash between the two
commits is recovered by asking the station (`badge_printed_by_job`).

Connection policy: one connection per thread (`QueueStore` is not shared between threads; the
`PrintQueue` keeps one per worker thread and one for its caller), WAL journal so readers never
wait for a printing worker, `synchronous=FULL` so a queued badge survives a power cut, a 10 s
busy timeout, and every write in one `BEGIN IMMEDIATE` transaction (a claim is a read-decide-
write and must not interleave with another process sharing the queue, such as the CLI).

Schema versions are numbered in `PRAGMA user_version` (`MIGRATIONS`, never edit a shipped one).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from kiosk.sqlite_file import migrate, write_transaction
from printing.errors import (
    BadgeAlreadyQueued,
    NoSuchJob,
    PrintingError,
    PrintProblem,
    PrintTrouble,
)

DB_FILENAME = "print_queue.sqlite3"

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE print_jobs (
            id TEXT PRIMARY KEY, ticket_id INTEGER NOT NULL, printer TEXT NOT NULL,
            template TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, reprint INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL, next_attempt_ms INTEGER NOT NULL DEFAULT 0,
            printed_entry_id TEXT, may_have_printed INTEGER NOT NULL DEFAULT 0,
            backend_ref TEXT)""",
        "CREATE INDEX idx_print_jobs_due ON print_jobs (printer, state, next_attempt_ms)",
        "CREATE INDEX idx_print_jobs_ticket ON print_jobs (ticket_id, state)",
    ],
    # 2: what a printed badge shows differently from the attendee's data (a fallback name).
    ["ALTER TABLE print_jobs ADD COLUMN note TEXT"],
    # 3: the template an attempt used, kept apart from the one asked for, so a retry chooses
    # again (the station's template for the ticket type may have changed meanwhile).
    ["ALTER TABLE print_jobs ADD COLUMN used_template TEXT"],
    # 4: why the last attempt failed as a code with values (`PrintTrouble`), for a window to
    # say in its own language; `last_error` keeps the English for the log and the CLI.
    ["ALTER TABLE print_jobs ADD COLUMN last_problem TEXT"],
]

_COLUMNS = (
    "id, ticket_id, printer, template, state, attempts, last_error, reprint, created_ms,"
    " updated_ms, next_attempt_ms, printed_entry_id, may_have_printed, backend_ref, note,"
    " used_template, last_problem"
)
# Waiting for a printer or for an operator's decision: a new badge for the same ticket is refused.
_WAITING = (
    "(state IN ('queued', 'printing', 'unconfirmed') OR (state = 'failed' AND next_attempt_ms > 0))"
)


class JobState(StrEnum):
    """queued → printing → done; or failed (the printer never got it: safe to send again), or
    unconfirmed (sent, but no printer confirmed it: it may have printed, an operator decides)."""

    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class PrintJob:
    """One badge for one printer, as stored.

    `next_attempt_ms` 0 on a failed job means no automatic retry (gave up, or not retryable);
    `may_have_printed` says the printer may hold or have printed it (never resent by itself);
    `backend_ref` is the printer's own job id where it has one (CUPS job id); `note` says how
    a printed badge differs from the attendee's data (a name no font could print, replaced).
    `template` is the template asked for (None: chosen per attempt), and on a done job the
    one that printed; `used_template` the one the last attempt used (`shown_template`).
    """

    id: str
    ticket_id: int
    printer: str
    template: str | None
    state: JobState
    attempts: int
    last_error: str | None
    reprint: bool
    created_ms: int
    updated_ms: int
    next_attempt_ms: int
    printed_entry_id: str | None
    may_have_printed: bool = False
    backend_ref: str | None = None
    note: str | None = None
    used_template: str | None = None
    last_problem: str | None = None  # `PrintTrouble.encode()` of the last failure

    @property
    def trouble(self) -> PrintTrouble | None:
        """Why the last attempt failed, as a code with values (None: none known)."""
        return PrintTrouble.decode(self.last_problem) if self.last_error else None

    @property
    def shown_template(self) -> str | None:
        """The template to name in lists: the one last used, else the one asked for."""
        return self.used_template or self.template

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> PrintJob:
        values = list(row)
        values[4] = JobState(values[4])
        values[7] = bool(values[7])
        values[12] = bool(values[12])
        return cls(*values)

    @property
    def will_retry(self) -> bool:
        """A failed job the queue will try again by itself (else an operator must retry it)."""
        return self.state is JobState.FAILED and self.next_attempt_ms > 0

    @property
    def needs_operator(self) -> bool:
        """Sent but not confirmed: only a person who looked at the printer can say."""
        return self.state is JobState.UNCONFIRMED


class HandedOverJob(Protocol):
    """A job the station file held before the queue had its own (see the station's schema 3)."""

    @property
    def id(self) -> str: ...
    @property
    def ticket_id(self) -> int: ...
    @property
    def printer(self) -> str: ...
    @property
    def template(self) -> str | None: ...
    @property
    def state(self) -> str: ...
    @property
    def attempts(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def reprint(self) -> bool: ...
    @property
    def created_ms(self) -> int: ...
    @property
    def updated_ms(self) -> int: ...


@dataclass(frozen=True)
class PrinterRecord:
    """One printer as the job table remembers it (for health shown by a process that did not
    print itself, such as the CLI)."""

    printer: str
    last_success_ms: int | None
    last_error: str | None
    last_error_ms: int | None
    waiting_jobs: int
    last_problem: str | None = None


class QueueStore:
    """The print queue's file: typed reads and writes, one connection (one thread)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=10)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")  # a queued badge survives a power cut
            self._lock = threading.RLock()
            migrate(self.conn, self._lock, MIGRATIONS, self._too_new)
        except (sqlite3.DatabaseError, OSError) as error:
            raise PrintingError(f"cannot open the print queue {self.path}: {error}") from error

    def close(self) -> None:
        self.conn.close()

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return write_transaction(self.conn, self._lock)

    def _too_new(self, version: int) -> PrintingError:
        return PrintingError(
            f"the print queue {self.path} is from a newer Doorline (schema {version})"
        )

    # -- reads ------------------------------------------------------------------------------

    def job(self, job_id: str) -> PrintJob:
        """The job `job_id`; NoSuchJob when there is none."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE id = ?", (job_id,)
        ).fetchone()
        if row is None:
            raise NoSuchJob(f"no print job {job_id} in {self.path}")
        return PrintJob.from_row(row)

    def jobs_starting(self, prefix: str, limit: int = 2) -> list[PrintJob]:
        """Jobs whose id starts with `prefix` (the 8 characters lists show); at most `limit`."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE id LIKE ? ESCAPE '\\'"
            " ORDER BY created_ms DESC LIMIT ?",
            (escaped + "%", limit),
        ).fetchall()
        return [PrintJob.from_row(r) for r in rows]

    def jobs(self, states: Sequence[JobState] = (), limit: int = 200) -> list[PrintJob]:
        """Newest first, optionally only in `states`."""
        where = f"WHERE state IN ({', '.join('?' * len(states))})" if states else ""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM print_jobs {where} ORDER BY created_ms DESC LIMIT ?",
            (*[s.value for s in states], limit),
        ).fetchall()
        return [PrintJob.from_row(r) for r in rows]

    def waiting_count(self, printer: str | None = None) -> int:
        """Badges waiting for a printer or an operator (all printers, or one)."""
        sql = f"SELECT count(*) FROM print_jobs WHERE {_WAITING}"
        args: tuple[Any, ...] = ()
        if printer:
            sql, args = sql + " AND printer = ?", (printer,)
        return int(self.conn.execute(sql, args).fetchone()[0])

    def busy_count(self, printer: str | None = None) -> int:
        """Jobs queued or printing now (failed ones waiting for a retry don't count)."""
        sql = "SELECT count(*) FROM print_jobs WHERE state IN ('queued', 'printing')"
        args: tuple[Any, ...] = ()
        if printer:
            sql, args = sql + " AND printer = ?", (printer,)
        return int(self.conn.execute(sql, args).fetchone()[0])

    def printers_with_work(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT printer FROM print_jobs WHERE state IN ('queued', 'printing')"
            " OR (state = 'failed' AND next_attempt_ms > 0)"
        ).fetchall()
        return [row[0] for row in rows]

    def next_retry_ms(self, printer: str) -> int | None:
        """When the earliest failed job of `printer` is due again (epoch ms), if any is."""
        row = self.conn.execute(
            "SELECT min(next_attempt_ms) FROM print_jobs WHERE printer = ? AND state = 'failed'"
            " AND next_attempt_ms > 0",
            (printer,),
        ).fetchone()
        return int(row[0]) if row and row[0] else None

    def printer_records(self) -> list[PrinterRecord]:
        """Per printer: last success, last error (unless a later success answered it) and the
        badges waiting."""
        found = []
        rows = self.conn.execute(
            "SELECT printer, max(CASE WHEN state = 'done' THEN updated_ms END),"
            f" sum(CASE WHEN {_WAITING} THEN 1 ELSE 0 END) FROM print_jobs GROUP BY printer"
        ).fetchall()
        for printer, last_success, waiting in rows:
            error = self.conn.execute(
                "SELECT last_error, updated_ms, last_problem FROM print_jobs WHERE printer = ?"
                " AND state IN ('failed', 'unconfirmed') ORDER BY updated_ms DESC LIMIT 1",
                (printer,),
            ).fetchone()
            last_error, error_ms, problem = error if error else (None, None, None)
            if last_success and error_ms and last_success > error_ms:
                last_error, error_ms, problem = None, None, None
            found.append(
                PrinterRecord(printer, last_success, last_error, error_ms, int(waiting), problem)
            )
        return found

    # -- writes -----------------------------------------------------------------------------

    def add(
        self,
        job_id: str,
        ticket_id: int,
        printer: str,
        template: str | None,
        *,
        reprint: bool,
        now_ms: int,
    ) -> PrintJob:
        """Queue a new job; BadgeAlreadyQueued if one for the ticket waits and this is no
        reprint (checked in the same transaction as the insert)."""
        with self._write() as conn:
            if not reprint:
                row = conn.execute(
                    f"SELECT id, printer, state FROM print_jobs WHERE ticket_id = ? AND {_WAITING}"
                    " LIMIT 1",
                    (ticket_id,),
                ).fetchone()
                if row and row[2] == JobState.UNCONFIRMED:
                    raise BadgeAlreadyQueued(
                        f"a badge for ticket {ticket_id} was sent to {row[1]} but never"
                        f" confirmed (job {row[0][:8]}): check that printer, then confirm or"
                        " reprint that job"
                    )
                if row:
                    raise BadgeAlreadyQueued(
                        f"a badge for ticket {ticket_id} is already waiting for {row[1]}"
                        f" (job {row[0][:8]})"
                    )
            conn.execute(
                f"INSERT INTO print_jobs ({_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, 0, NULL, 0, NULL, NULL, NULL, NULL)",
                (
                    job_id,
                    ticket_id,
                    printer,
                    template,
                    JobState.QUEUED,
                    int(reprint),
                    now_ms,
                    now_ms,
                ),
            )
        return self.job(job_id)

    def claim(self, job_id: str | None, printer: str | None, now_ms: int) -> PrintJob | None:
        """Atomically move one job to `printing` and count the attempt: `job_id` if it is
        queued or failed, else the oldest job of `printer` that is due. None if nothing is."""
        with self._write() as conn:
            if job_id is not None:
                row = conn.execute(
                    "SELECT id FROM print_jobs WHERE id = ? AND state IN ('queued', 'failed')",
                    (job_id,),
                ).fetchone()
            else:
                row = conn.execute(
                    "SELECT id FROM print_jobs WHERE printer = ? AND ((state = 'queued' AND"
                    " next_attempt_ms <= ?) OR (state = 'failed' AND next_attempt_ms > 0 AND"
                    " next_attempt_ms <= ?)) ORDER BY created_ms LIMIT 1",
                    (printer, now_ms, now_ms),
                ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE print_jobs SET state = 'printing', attempts = attempts + 1,"
                " may_have_printed = 0, backend_ref = NULL, updated_ms = ? WHERE id = ?",
                (now_ms, row[0]),
            )
        return self.job(row[0])

    def set_backend_ref(self, job_id: str, ref: str) -> None:
        """The printer's own id for the job (CUPS job id), stored as soon as it exists so a
        restart can follow or withdraw it."""
        with self._write() as conn:
            conn.execute("UPDATE print_jobs SET backend_ref = ? WHERE id = ?", (ref, job_id))

    def mark_done(
        self,
        job_id: str,
        entry_id: str,
        now_ms: int,
        template: str | None = None,
        note: str | None = None,
    ) -> PrintJob:
        """Printed and logged; `template` records the template that printed (if known), `note`
        how the badge differs from the attendee's data (if it does)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE print_jobs SET state = 'done', last_error = NULL, next_attempt_ms = 0,"
                " may_have_printed = 0, printed_entry_id = ?, updated_ms = ?,"
                " template = coalesce(?, template), used_template = coalesce(?, used_template),"
                " note = coalesce(?, note) WHERE id = ?",
                (entry_id, now_ms, template, template, note, job_id),
            )
        return self.job(job_id)

    def mark_failed(
        self,
        job_id: str,
        error: str,
        next_attempt_ms: int,
        now_ms: int,
        template: str | None = None,
        trouble: PrintTrouble | None = None,
    ) -> PrintJob:
        """The printer never got the badge: `next_attempt_ms` > 0 retries it then, 0 waits for
        an operator. `template`: the one the attempt used, if it got that far."""
        with self._write() as conn:
            conn.execute(
                "UPDATE print_jobs SET state = 'failed', last_error = ?, next_attempt_ms = ?,"
                " may_have_printed = 0, updated_ms = ?, last_problem = ?,"
                " used_template = coalesce(?, used_template) WHERE id = ?",
                (error, next_attempt_ms, now_ms, _encoded(trouble), template, job_id),
            )
        return self.job(job_id)

    def mark_unconfirmed(
        self,
        job_id: str,
        note: str,
        now_ms: int,
        template: str | None = None,
        trouble: PrintTrouble | None = None,
    ) -> PrintJob:
        """Sent, but no printer confirmed it (or it broke off mid-job): an operator decides."""
        with self._write() as conn:
            conn.execute(
                "UPDATE print_jobs SET state = 'unconfirmed', last_error = ?, next_attempt_ms = 0,"
                " may_have_printed = 1, updated_ms = ?, last_problem = ?,"
                " used_template = coalesce(?, used_template) WHERE id = ?",
                (note, now_ms, _encoded(trouble), template, job_id),
            )
        return self.job(job_id)

    def requeue(self, job_id: str, now_ms: int, *, from_states: Sequence[JobState]) -> bool:
        """An operator's retry: a fresh set of attempts, starting now; False if the job is not
        in one of `from_states`."""
        marks = ", ".join("?" * len(from_states))
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE print_jobs SET state = 'queued', attempts = 0, next_attempt_ms = 0,"
                f" may_have_printed = 0, updated_ms = ? WHERE id = ? AND state IN ({marks})",
                (now_ms, job_id, *[s.value for s in from_states]),
            ).rowcount
        return bool(updated)

    def cancel(
        self, job_id: str, note: str, now_ms: int, *, from_states: Sequence[JobState]
    ) -> bool:
        """An operator's cancel: the job ends failed, never retried, with `note` as its
        reason; False if it is not in one of `from_states` (checked in the same transaction)."""
        marks = ", ".join("?" * len(from_states))
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE print_jobs SET state = 'failed', last_error = ?, next_attempt_ms = 0,"
                " last_problem = ?, may_have_printed = 0, updated_ms = ?"
                f" WHERE id = ? AND state IN ({marks})",
                (note, _CANCELLED, now_ms, job_id, *[s.value for s in from_states]),
            ).rowcount
        return bool(updated)

    def stop_retrying(self, job_id: str, now_ms: int) -> PrintJob:
        with self._write() as conn:
            conn.execute(
                "UPDATE print_jobs SET next_attempt_ms = 0, updated_ms = ? WHERE id = ?"
                " AND state = 'failed'",
                (now_ms, job_id),
            )
        return self.job(job_id)

    def in_flight(self) -> list[PrintJob]:
        """Jobs left in `printing` (the station stopped mid-print)."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE state = 'printing' ORDER BY created_ms"
        ).fetchall()
        return [PrintJob.from_row(r) for r in rows]

    def adopt(self, jobs: Sequence[HandedOverJob]) -> int:
        """Take over jobs the station file held (once: a job already here is left alone).
        A job cut off mid-print there may have printed: it waits for an operator here.
        Returns how many were new."""
        added = 0
        with self._write() as conn:
            for job in jobs:
                cut_off = job.state == JobState.PRINTING
                state = JobState.UNCONFIRMED if cut_off else JobState(job.state)
                note = (
                    "interrupted mid-print by a station restart: check the printer, then"
                    " confirm or reprint"
                    if cut_off
                    else job.last_error
                )
                added += conn.execute(
                    f"INSERT OR IGNORE INTO print_jobs ({_COLUMNS})"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, NULL, NULL, NULL, NULL)",
                    (
                        job.id,
                        job.ticket_id,
                        job.printer,
                        job.template,
                        state.value,
                        job.attempts,
                        note,
                        int(job.reprint),
                        job.created_ms,
                        job.updated_ms,
                        int(cut_off),
                    ),
                ).rowcount
        return added


_CANCELLED = PrintTrouble(PrintProblem.CANCELLED).encode()


def _encoded(trouble: PrintTrouble | None) -> str | None:
    return trouble.encode() if trouble else None
