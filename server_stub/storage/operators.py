"""Operator accounts on the server and the record of what operators did (`Operators`).

Operators are people, separate from stations: a station credential pulls its event and pushes
its own entries, nothing else (docs/sync-protocol.md, "Credentials and roles"). An operator's
credential is a 256-bit random login token shown once by `doorline server operator add` (or
`POST /v1/operators`); only its SHA-256 is stored, so a stolen database cannot be used to log in,
and it expires (30 days by default).
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from server_stub.storage.catalog import now_ms
from server_stub.storage.credentials import secret_hash
from server_stub.storage.database import Database
from server_stub.storage.interface import (
    AuthError,
    AuthProblem,
    IssuedOperator,
    NotFound,
    OperatorAccount,
    OperatorAction,
    OperatorError,
    OperatorPrincipal,
    Role,
    StoreError,
)

OPERATOR_TOKEN_PREFIX = "dlo_"
DEFAULT_OPERATOR_TTL_MS = 30 * 24 * 3600 * 1000
MAX_OPERATOR_NAME = 100
SEEN_EVERY_MS = 60_000  # last_seen_ms resolution
_ACCOUNT_COLUMNS = "id, name, role, created_ms, expires_ms, revoked_ms, last_seen_ms"
# One statement numbers and inserts (SQLite needs the `WHERE true` to read `ON CONFLICT` as an
# upsert clause after a SELECT); RETURNING gives nothing when the number was taken meanwhile.
_RECORD_ACTION = (
    "INSERT INTO operator_actions (seq, at_ms, who, via, action, event_id, detail) "
    "SELECT coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ? FROM operator_actions WHERE true "
    "ON CONFLICT (seq) DO NOTHING RETURNING seq"
)
_NUMBER_ATTEMPTS = 100


def _account(row: Any) -> OperatorAccount:
    id_, name, role, created, expires, revoked, seen = row
    return OperatorAccount(str(id_), str(name), Role(role), int(created), expires, revoked, seen)


class OperatorAccounts:
    """`Operators` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self, name: str, role: Role, ttl_ms: int | None = DEFAULT_OPERATOR_TTL_MS
    ) -> IssuedOperator:
        """A new account and its login token; OperatorError when an active account already has
        this name or the name is empty or too long. `ttl_ms` None: never expires."""
        name = name.strip()
        if not name or len(name) > MAX_OPERATOR_NAME:
            raise OperatorError(f"an operator's name is 1 to {MAX_OPERATOR_NAME} characters")
        token = OPERATOR_TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = now_ms()
        expires = None if ttl_ms is None else now + ttl_ms
        account = OperatorAccount(str(uuid.uuid4()), name, role, now, expires, None, None)
        with self.db.transaction() as tx:
            taken = tx.execute(
                "SELECT 1 FROM operators WHERE name = ? AND revoked_ms IS NULL", (name,)
            ).fetchone()
            if taken:
                raise OperatorError(
                    f"there is already an active operator named {name!r}; revoke it first"
                )
            tx.execute(
                "INSERT INTO operators (id, name, role, credential_hash, created_ms, "
                "expires_ms) VALUES (?, ?, ?, ?, ?, ?)",
                (account.id, name, str(role), secret_hash(token), now, expires),
            )
        return IssuedOperator(account, token)

    def accounts(self) -> list[OperatorAccount]:
        """Every account, revoked and expired ones too, oldest first."""
        with self.db.reading() as tx:
            rows = tx.execute(
                f"SELECT {_ACCOUNT_COLUMNS} FROM operators ORDER BY created_ms, name"
            ).fetchall()
        return [_account(r) for r in rows]

    def revoke(self, name_or_id: str) -> OperatorAccount:
        """Revoke the active account with this name (or id) at once; NotFound when none."""
        now = now_ms()
        with self.db.transaction() as tx:
            row = tx.execute(
                f"SELECT {_ACCOUNT_COLUMNS} FROM operators WHERE revoked_ms IS NULL "
                "AND (name = ? OR id = ?)",
                (name_or_id, name_or_id),
            ).fetchone()
            if row is None:
                raise NotFound(f"no active operator {name_or_id!r}")
            tx.execute("UPDATE operators SET revoked_ms = ? WHERE id = ?", (now, row[0]))
        old = _account(row)
        return OperatorAccount(
            old.id, old.name, old.role, old.created_ms, old.expires_ms, now, old.last_seen_ms
        )

    def authenticate(self, credential: str) -> OperatorPrincipal | None:
        """The operator behind `credential`; None when it is nobody's operator token;
        AuthError when it was revoked (403) or has expired (401)."""
        now = now_ms()
        with self.db.transaction() as tx:
            row = tx.execute(
                "SELECT id, name, role, expires_ms, revoked_ms, last_seen_ms FROM operators "
                "WHERE credential_hash = ?",
                (secret_hash(credential),),
            ).fetchone()
            if row is None:
                return None
            operator_id, name, role, expires, revoked, seen = row
            if revoked is not None:
                raise AuthError(AuthProblem.REVOKED, "this operator credential was revoked")
            if expires is not None and expires <= now:
                raise AuthError(AuthProblem.EXPIRED, "this operator credential has expired")
            if seen is None or now - seen > SEEN_EVERY_MS:
                tx.execute("UPDATE operators SET last_seen_ms = ? WHERE id = ?", (now, operator_id))
        return OperatorPrincipal(operator_id, name, Role(role))

    def record(
        self, who: str, via: str, action: str, event_id: int | None = None, detail: str = ""
    ) -> None:
        """Append one action to the record, committed on its own.

        Numbered `max(seq) + 1` inside the insert itself, which skips a number another server
        process took at the same moment (`ON CONFLICT DO NOTHING`: PostgreSQL waits for that
        process's commit, then inserts nothing) and tries the next one: two workers recording
        at once both keep their action instead of one failing on the primary key."""
        values = (now_ms(), who, via, action, event_id, detail)
        with self.db.transaction() as tx:
            for _attempt in range(_NUMBER_ATTEMPTS):
                taken = tx.execute(_RECORD_ACTION, values).fetchone()
                if taken is not None:
                    return
        raise StoreError(
            f"could not number an operator action after {_NUMBER_ATTEMPTS} attempts "
            "(other server processes kept taking the next number)"
        )

    def actions(self, event_id: int | None = None) -> list[OperatorAction]:
        """Recorded actions, oldest first; with `event_id`, that event's and server-wide ones."""
        sql = "SELECT at_ms, who, via, action, event_id, detail FROM operator_actions"
        params: tuple[Any, ...] = ()
        if event_id is not None:
            sql += " WHERE event_id = ? OR event_id IS NULL"
            params = (event_id,)
        with self.db.reading() as tx:
            rows = tx.execute(sql + " ORDER BY seq", params).fetchall()
        return [OperatorAction(*r) for r in rows]
