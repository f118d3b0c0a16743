"""Provisioning tokens and station credentials (PRODUCT §5).

An operator makes a one-time token; the station exchanges it for a credential scoped to one
event; the server can revoke that credential. Only hashes of tokens and credentials are stored.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from kiosk.domain.log_entry import chain_key
from server_stub.storage.catalog import event_in, now_ms
from server_stub.storage.change_counter import next_change
from server_stub.storage.database import Database, Tx, rows_as_dicts
from server_stub.storage.interface import (
    AuthError,
    AuthProblem,
    NotFound,
    ProvisionedStation,
    StationPrincipal,
)

DEFAULT_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000
STAMP_EVERY_MS = 10_000  # last_seen_ms / last_pull_ms / last_push_ms resolution
_STAMPED_COLUMNS = frozenset({"last_seen_ms", "last_pull_ms", "last_push_ms"})
# What `StationCredentials.admitted` reads of a station's row, in this order.
STATION_COLUMNS = "id, event_id, name, revoked_ms, chain_key"


def secret_hash(secret: str) -> str:
    """Tokens and credentials are 256-bit random strings, so a plain SHA-256 is enough to make
    a stolen database useless for impersonating a station (no slow KDF needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class StationCredentials:
    """`Credentials` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._stamped: dict[tuple[str, str], int] = {}

    def create_station_token(
        self, event_id: int, name: str, ttl_ms: int | None = None, created_by: str | None = None
    ) -> str:
        """A one-time token for a new station of `event_id` (NotFound: no such event),
        valid `ttl_ms` (default 7 days); `created_by` (who made it, e.g. "anna@laptop") is
        what the report says provisioned the station."""
        token = secrets.token_urlsafe(24)
        while token.startswith("-"):  # `--token -x...` would read as an option on a command line
            token = secrets.token_urlsafe(24)
        ttl = DEFAULT_TOKEN_TTL_MS if ttl_ms is None else ttl_ms
        with self.db.transaction() as tx:
            event_in(tx, event_id, self.db.location)  # NotFound: no such event
            tx.execute(
                "INSERT INTO provisioning_tokens (token_hash, event_id, name, created_ms, "
                "expires_ms, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                (secret_hash(token), event_id, name, now_ms(), now_ms() + ttl, created_by),
            )
        return token

    def exchange_token(
        self, token: str, nonce: str, name: str | None, gate: str | None = None
    ) -> ProvisionedStation:
        """One-time: the first exchange creates the station. Repeating it with the same nonce
        (the station never got the answer) re-issues the credential until the station has
        used it once; any other reuse is refused. A `gate` the event does not have raises
        NotFound before anything is written, so a typo does not spend the token; a known one
        is recorded on the station row (the gate it is provisioned on: `event apply` refuses
        removing it, and the heartbeat keeps it current)."""
        credential = secrets.token_urlsafe(32)
        with self.db.transaction() as tx:
            row = tx.execute(
                "SELECT event_id, name, expires_ms, used_ms, station_id, claim_nonce "
                "FROM provisioning_tokens WHERE token_hash = ?",
                (secret_hash(token),),
            ).fetchone()
            if row is None:
                raise AuthError(AuthProblem.UNKNOWN, "this provisioning token is not known")
            event_id, token_name, expires_ms, used_ms, station_id, claim_nonce = row
            if gate:
                gates = [
                    str(g[0])
                    for g in tx.execute(
                        "SELECT id FROM gates WHERE event_id = ? ORDER BY id", (event_id,)
                    ).fetchall()
                ]
                if gate not in gates:
                    raise NotFound(
                        f"no gate '{gate}' in this event; gates: {', '.join(gates) or 'none'}"
                        " (the token was not used)"
                    )
            station_name = name or token_name
            if used_ms is None:
                if expires_ms is not None and expires_ms < now_ms():
                    raise AuthError(AuthProblem.UNKNOWN, "this provisioning token has expired")
                station_id = str(uuid.uuid4())
                tx.execute(
                    "INSERT INTO stations (id, event_id, name, credential_hash, created_ms, "
                    "gate_id, change_seq, chain_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        station_id,
                        event_id,
                        station_name,
                        secret_hash(credential),
                        now_ms(),
                        gate or None,
                        next_change(tx),  # the other stations learn its name
                        chain_key(credential).hex(),
                    ),
                )
                tx.execute(
                    "UPDATE provisioning_tokens SET used_ms = ?, station_id = ?, claim_nonce = ? "
                    "WHERE token_hash = ?",
                    (now_ms(), station_id, nonce, secret_hash(token)),
                )
            else:
                seen = tx.execute(
                    "SELECT last_seen_ms, name FROM stations WHERE id = ?", (station_id,)
                ).fetchone()
                if claim_nonce != nonce or seen is None or seen[0] is not None:
                    raise AuthError(AuthProblem.UNKNOWN, "this provisioning token was already used")
                station_name = seen[1]
                tx.execute(
                    "UPDATE stations SET credential_hash = ?, gate_id = coalesce(?, gate_id), "
                    "change_seq = ?, chain_key = ? WHERE id = ?",
                    (
                        secret_hash(credential),
                        gate or None,
                        next_change(tx),
                        chain_key(credential).hex(),
                        station_id,
                    ),
                )
        return ProvisionedStation(station_id, event_id, station_name, credential)

    def authenticate(self, credential: str | None) -> StationPrincipal:
        """The station a credential belongs to; AuthError when missing, unknown or revoked."""
        if not credential:
            raise AuthError(AuthProblem.MISSING, "this request needs a station credential")
        with self.db.reading() as tx:
            row = tx.execute(
                f"SELECT {STATION_COLUMNS} FROM stations WHERE credential_hash = ?",
                (secret_hash(credential),),
            ).fetchone()
        station = self.admitted(credential, row)
        self.stamp("last_seen_ms", station_id=station.station_id)
        return station

    def admitted(
        self, credential: str, row: Sequence[Any] | None, event_id: int | None = None
    ) -> StationPrincipal:
        """The station a credential belongs to, from its `stations` row (`STATION_COLUMNS`,
        None when no row has the credential's hash), read by the caller within its own
        statement or transaction: the request's work and its credential check are one round
        trip, and a revocation committed before it is honoured. With `event_id`, the
        station must belong to that event. Raises AuthError: unknown (401), revoked (403),
        another event (403). The caller stamps `last_seen_ms` (`stamp`)."""
        if row is None:
            raise AuthError(AuthProblem.UNKNOWN, "this station credential is not known")
        station_id, station_event, name, revoked_ms, stored_key = row[:5]
        if revoked_ms is not None:
            raise AuthError(AuthProblem.REVOKED, "this station was revoked by an operator")
        if event_id is not None and event_id != station_event:
            raise AuthError(AuthProblem.WRONG_EVENT, "this station belongs to another event")
        key = chain_key(credential)
        if stored_key is None:  # provisioned before keyed chains: keep its key from now on
            with self.db.transaction() as tx:
                tx.execute(
                    "UPDATE stations SET chain_key = ? WHERE id = ?", (key.hex(), station_id)
                )
        return StationPrincipal(station_id, station_event, name, key)

    def stamp(self, *columns: str, station_id: str) -> None:
        """Record when a station was last seen / last pulled: written at once the first time
        (provisioning and the report rely on NULL meaning "never"), then at most every
        `STAMP_EVERY_MS`. Each write is a commit of its own (one statement, no transaction
        round trips), every column due in one; a pull of five pages once made eleven of
        them, and the report does not need them to the millisecond."""
        due = self.due_stamps(columns, station_id)
        if due:
            with self.db.statements() as tx:
                self.write_stamps(tx, due, station_id, now_ms())

    def due_stamps(self, columns: Sequence[str], station_id: str) -> list[str]:
        """Which of `columns` are due to be written for the station now (`stamp`); they are
        counted as written from here on."""
        assert set(columns) <= _STAMPED_COLUMNS
        now = now_ms()
        due = []
        for column in columns:
            key = (column, station_id)
            if now - self._stamped.get(key, -STAMP_EVERY_MS) >= STAMP_EVERY_MS:
                self._stamped[key] = now
                due.append(column)
        return due

    def write_stamps(self, tx: Tx, columns: Sequence[str], station_id: str, at: int) -> None:
        """Set the stamp `columns` (from `due_stamps`) of the station to `at`, in `tx`."""
        tx.execute(
            f"UPDATE stations SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            (*[at] * len(columns), station_id),
        )

    def revoke_station(self, station_id: str) -> None:
        """Refuse the station's credential from now on; NotFound if no active station."""
        with self.db.transaction() as tx:
            cursor = tx.execute(
                "UPDATE stations SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL",
                (now_ms(), station_id),
            )
            if not cursor.rowcount:
                raise NotFound(f"no active station {station_id}")

    def stations(self, event_id: int) -> list[dict[str, Any]]:
        """The event's stations, oldest first: id, name, created_ms (when it was provisioned),
        revoked_ms, last_seen_ms, last_push_ms, last_pull_ms, bundle_id, gate_id, and
        token_by (who made its token; None for a USB-stick station or an older token)."""
        with self.db.reading() as tx:
            return rows_as_dicts(
                tx.execute(
                    "SELECT s.id, s.name, s.created_ms, s.revoked_ms, s.last_seen_ms, "
                    "s.last_push_ms, s.last_pull_ms, s.bundle_id, s.gate_id, "
                    "t.created_by AS token_by FROM stations s "
                    "LEFT JOIN provisioning_tokens t ON t.station_id = s.id "
                    "WHERE s.event_id = ? ORDER BY s.created_ms, s.id",
                    (event_id,),
                )
            )
