"""A damaged station file, told in words: what SQLite says, which log rows, what to do.

A station's database can be damaged by a failing disk, a power cut on hardware that lies about
fsync, or a hand that edits it. Every command and the door then say "the station's database is
damaged" and what to do (exit 2; the door shows a banner and admits no one), instead of a
traceback or a misleading "disk is full"; `doorline station verify-log` names the rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

DAMAGED = "the station's database is damaged"
# What a database file raises when it cannot be used: for callers that must not import sqlite3
# (only the database owners do) but still catch it at their last line of defence.
DatabaseFault = sqlite3.DatabaseError
_CHUNK = 256


def damaged_words(path: Path, detail: str) -> str:
    """The message every command and the door show for a damaged station file."""
    return (
        f"{DAMAGED} ({detail}): stop scanning at this station; run 'doorline station "
        f"verify-log --data-dir {path.parent}' to see which rows, keep {path} for the "
        "operator, and provision this station again into an empty data directory (entries "
        "already synced are safe on the server)"
    )


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """True when `error` means the file's content is broken (not a full disk, a lock, a
    constraint or a programming error)."""
    if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
        return False
    text = str(error).lower()
    if isinstance(error, sqlite3.OperationalError):
        return any(w in text for w in ("malformed", "decode", "not a database", "corrupt"))
    return True


def quick_problems(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """`PRAGMA quick_check` (every page and row readable and well-formed; O(N), skips the
    index-content comparison of integrity_check): its findings, [] when the file is sound."""
    try:
        rows = conn.execute(f"PRAGMA quick_check({int(limit)})").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return [str(error)]
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def full_problems(conn: sqlite3.Connection, limit: int = 50) -> list[str]:
    """`PRAGMA integrity_check` findings (pages, rows missing from indexes), [] when sound."""
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return [str(error)]
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def unreadable_log_rows(conn: sqlite3.Connection) -> list[str]:
    """Which rows of the check-in log cannot be read, as "row R (seq S)" or "rows A..B": the
    log is read in chunks of row ids, and a chunk that fails is read row by row."""
    try:
        high = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM checkin_log").fetchone()[0])
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return [f"the log table cannot be read ({error})"]
    bad: list[int] = []
    for start in range(1, high + 1, _CHUNK):
        end = min(high, start + _CHUNK - 1)
        try:
            conn.execute(
                "SELECT * FROM checkin_log WHERE rowid BETWEEN ? AND ?", (start, end)
            ).fetchall()
            continue
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            pass
        for rowid in range(start, end + 1):
            try:
                conn.execute("SELECT * FROM checkin_log WHERE rowid = ?", (rowid,)).fetchall()
            except (sqlite3.DatabaseError, UnicodeDecodeError):
                bad.append(rowid)
    return _ranges(bad)


def _ranges(rowids: list[int]) -> list[str]:
    runs: list[list[int]] = []
    for rowid in rowids:
        if runs and runs[-1][1] == rowid - 1:
            runs[-1][1] = rowid
        else:
            runs.append([rowid, rowid])
    return [f"log row {a}" if a == b else f"log rows {a}..{b}" for a, b in runs]


def inspect_file(path: Path) -> list[str]:
    """A damaged station file examined read-only, without opening it as a station (which may
    be impossible): SQLite's integrity check and the unreadable log rows, or why the file
    cannot be read at all."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as error:
        return [f"the file cannot be opened ({error})"]
    try:
        found = full_problems(conn)
        return [*unreadable_log_rows(conn), *found] if found else []
    finally:
        conn.close()
