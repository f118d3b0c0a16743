"""Provisioning a station from a server: one-time token in, station credential out, first pull.

The credential is written to the replica before the first pull starts and the pull cursor is
stored page by page, so an interrupted first pull is resumed (by calling this again, or by
`doorline station sync`) instead of starting over or needing a new token.

The attempt itself is kept on disk (`provisioning-attempt.json` in the data directory, readable
by its owner only) from before the token exchange until the first pull is stored: the nonce,
and as soon as it arrives the server's answer. A network drop right after the exchange used to
burn the token ("already used") and leave an orphan station on the server; now running the
same command again resends the same nonce (the server answers with the same station) or, when
the answer had arrived, goes on with the credential it holds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from kiosk.core.station import ADMIT_UNLISTED_KEY, Station, reissued
from kiosk.core.station_setup import UnknownGate, choose_gate, new_identity
from kiosk.domain.hlc import wall_ms_now
from kiosk.domain.log_entry import chain_key
from kiosk.station_store import DB_FILENAME, ReplicaError, StationStore
from sync.answers import check_event_info, check_provisioned
from sync.client import SyncClient
from sync.engine import LOG_CHAIN_KEYED, PULL_PAGE, ProgressCallback, SyncEngine
from sync.errors import (
    AccessRefused,
    ProvisioningError,
    RequestRefused,
    ServerUnreachable,
    SyncError,
)
from sync.errors import (
    ProvisioningProblem as Problem,
)
from sync.pulled_changes import INITIAL_PULL_KEY

log = logging.getLogger(__name__)

EXCHANGE_ATTEMPTS = 3
ATTEMPT_FILENAME = "provisioning-attempt.json"
REGISTER_DEADLINE_S = 60.0  # token exchange + event info, all attempts together
# One `station init` downloads for at most this long; a longer first pull is resumable (the
# pages stored so far stay) by running the command again or `doorline station sync`.
FIRST_PULL_DEADLINE_S = 120.0


def provision_from_server(
    data_dir: Path,
    server_url: str,
    token: str,
    gate: str | None = None,
    name: str | None = None,
    progress: ProgressCallback | None = None,
    page_size: int = PULL_PAGE,
    transport: httpx.BaseTransport | None = None,
    admit_unlisted: bool = False,
) -> Station:
    """Provision `data_dir` from the server at `server_url` with a one-time `token`, then pull
    the full replica (pages of `page_size` rows); returns the station, ready to scan.

    A folder whose first download stopped is resumed instead. `transport` (default: the
    network) is the httpx transport every request goes through. `admit_unlisted`: the
    operator's choice to admit genuine tickets not on the list even before the first download
    completes. Raises `ProvisioningError` in words.
    """
    data_dir = Path(data_dir)
    path = data_dir / DB_FILENAME
    if path.exists() and _identity_clashed(path):
        _reprovision(data_dir, path, server_url, token, name, transport)
    elif path.exists():
        _check_resumable(path)
        _first_pull(path, progress, page_size, None, transport)
    else:
        _check_data_dir(data_dir)  # before the one-time token is spent
        # One HTTP client (~30 ms to create) for the token exchange and the first pull.
        with SyncClient(server_url, transport=transport) as client:
            with client.deadline.within(REGISTER_DEADLINE_S):
                _register(client, data_dir, server_url, token, gate, name, admit_unlisted)
            _first_pull(path, progress, page_size, client, None)
    _forget_attempt(data_dir)
    return Station(StationStore(path))


def _attempt_path(data_dir: Path) -> Path:
    return data_dir / ATTEMPT_FILENAME


def _load_attempt(data_dir: Path, server_url: str, token: str) -> dict[str, Any]:
    """The stored attempt for this very token and server, or a new one (saved at once)."""
    key = hashlib.sha256(f"{server_url.rstrip('/')}\n{token}".encode()).hexdigest()
    path = _attempt_path(data_dir)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and stored.get("key") == key and stored.get("nonce"):
            return stored
    except (OSError, ValueError):
        pass
    attempt = {"key": key, "nonce": str(uuid.uuid4())}
    _save_attempt(data_dir, attempt)
    return attempt


def _save_attempt(data_dir: Path, attempt: dict[str, Any]) -> None:
    """Written whole (temp file, fsync, rename), readable by the owner only: it may hold the
    station's credential until the replica does."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        temp = _attempt_path(data_dir).with_suffix(".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(attempt, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, _attempt_path(data_dir))
    except OSError as error:
        reason = error.strerror or str(error)
        raise ProvisioningError(
            f"cannot write to {data_dir}: {reason}", Problem.CANNOT_WRITE, data_dir, reason
        ) from error


def _forget_attempt(data_dir: Path) -> None:
    try:
        _attempt_path(data_dir).unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove %s", _attempt_path(data_dir))


def _check_data_dir(data_dir: Path) -> None:
    """A local mistake must not burn the one-time token: the data folder must exist (or be
    creatable) and be writable before the token is exchanged. Raises ProvisioningError."""
    if data_dir.exists() and not data_dir.is_dir():
        raise ProvisioningError(
            f"{data_dir} is a file, not a folder: choose a folder for the station's data"
            " (the token was not used)",
            Problem.NOT_A_FOLDER,
            data_dir,
        )
    probe = data_dir / ".doorline-write-test"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ProvisioningError(
            f"cannot write the station's data in {data_dir}: {reason} (the token was not used)",
            Problem.CANNOT_WRITE,
            data_dir,
            reason,
        ) from error


def _check_resumable(path: Path) -> None:
    replica = StationStore(path)
    try:
        identity = replica.identity()
        pending = replica.get_state(INITIAL_PULL_KEY) == "pending"
    finally:
        replica.close()
    if identity is None or not identity.credential or not pending:
        raise ProvisioningError(
            f"{path.parent} already holds a provisioned station; use an empty data directory",
            Problem.ALREADY_PROVISIONED,
            path.parent,
        )


def _identity_clashed(path: Path) -> bool:
    """The server refused some of this station's entries because another copy of its identity
    had used their sequence numbers (`Station.identity_clash`)."""
    replica = StationStore(path)
    try:
        identity = replica.identity()
        return bool(
            identity is not None
            and identity.credential
            and replica.stranded_count(identity.station_id)[0]
        )
    finally:
        replica.close()


def _reprovision(
    data_dir: Path,
    path: Path,
    server_url: str,
    token: str,
    name: str | None,
    transport: httpx.BaseTransport | None,
) -> None:
    """A folder whose identity is also used by another copy gets a new identity from a new
    one-time token (same event), and its entries the server does not hold (stranded by the
    clash, or still waiting) are re-issued under it in one transaction (`reissued`), then
    uploaded. The token exchange is resumable like a first provisioning (the attempt file);
    the old identity's entries the server holds stay as they are."""
    replica = StationStore(path)
    try:
        old = replica.identity()
    finally:
        replica.close()
    assert old is not None  # _identity_clashed checked it
    with (
        SyncClient(server_url, transport=transport) as client,
        client.deadline.within(REGISTER_DEADLINE_S),
    ):
        attempt = _load_attempt(data_dir, server_url, token)
        answer = attempt.get("answer")
        if not isinstance(answer, dict):
            answer = _exchange(client, token, str(attempt["nonce"]), name or old.name)
            _save_attempt(data_dir, {**attempt, "answer": answer})
    if int(answer["event_id"]) != old.event_id:
        raise ProvisioningError(
            f"the token is for event {answer['event_id']}, but this folder holds event "
            f"{old.event_id}: ask for a token of event {old.event_id} (nothing was changed "
            "here; the token is spent)"
        )
    identity = replace(
        old,
        station_id=str(answer["station_id"]),
        name=str(answer["name"]),
        server_url=server_url.rstrip("/"),
        credential=str(answer["credential"]),
        provisioned_ms=wall_ms_now(),
    )
    keyed = answer.get("log_chain") == LOG_CHAIN_KEYED
    key = chain_key(identity.credential) if keyed and identity.credential else None
    replica = StationStore(path)
    try:
        carried = replica.reissue_under(
            identity,
            lambda entries, head: reissued(entries, identity.station_id, head, key),
            wall_ms_now(),
            keyed=key is not None,
        )
    finally:
        replica.close()
    log.info("re-provisioned as %s; %d entries carried over", identity.station_id, carried)
    engine = SyncEngine(path, transport=transport)
    try:
        engine.sync_once()
    except SyncError as error:
        log.warning("re-provisioned; the carried-over entries upload with the next sync: %s", error)
    finally:
        engine.close()


def _register(
    client: SyncClient,
    data_dir: Path,
    server_url: str,
    token: str,
    gate: str | None,
    name: str | None,
    admit_unlisted: bool,
) -> None:
    attempt = _load_attempt(data_dir, server_url, token)
    answer = attempt.get("answer")
    if not isinstance(answer, dict):
        answer = _exchange(client, token, str(attempt["nonce"]), name, gate)
        _save_attempt(data_dir, {**attempt, "answer": answer})
    client.set_credential(answer["credential"])
    try:
        info = check_event_info(client.event_info(int(answer["event_id"])))
    except SyncError as error:
        raise ProvisioningError(
            f"provisioned, but reading the event failed: {error}; run the same command again "
            "to finish",
            Problem.EVENT_UNREAD,
        ) from error
    try:
        gate_id = choose_gate((g["id"] for g in info["gates"]), gate)
    except UnknownGate as error:
        raise ProvisioningError(str(error), Problem.UNKNOWN_GATE, gate or "") from error
    data_dir.mkdir(parents=True, exist_ok=True)
    replica = StationStore(data_dir / DB_FILENAME)
    try:
        event_id = int(info["event"]["id"])
        replica.upsert_event(info["event"])
        replica.set_contact_key(info["contact_key"])
        if info.get("operator_pin"):
            replica.set_pin_verifier(info["operator_pin"])
        replica.upsert_gates(event_id, info["gates"])
        replica.set_state(INITIAL_PULL_KEY, "pending")
        if admit_unlisted:
            replica.set_state(ADMIT_UNLISTED_KEY, "yes")
        replica.set_identity(
            new_identity(
                event_id,
                answer["name"],
                gate_id,
                server_url=server_url.rstrip("/"),
                credential=answer["credential"],
                station_id=answer["station_id"],
            )
        )
        if answer.get("log_chain") == LOG_CHAIN_KEYED:
            replica.start_keyed_chain(answer["station_id"])  # from its first entry
    finally:
        replica.close()


def _exchange(
    client: SyncClient, token: str, nonce: str, name: str | None, gate: str | None = None
) -> dict[str, Any]:
    """The same nonce on every attempt (and every run of the same command): if an answer was
    lost, the retry gets a credential for the same station instead of "token already used"."""
    for attempt in range(1, EXCHANGE_ATTEMPTS + 1):
        try:
            return check_provisioned(client.provision(token, nonce, name, gate))
        except AccessRefused as error:
            raise ProvisioningError(
                f"the server refused the token: {error}", Problem.TOKEN_REFUSED
            ) from error
        except RequestRefused as error:  # e.g. an unknown gate: the token was not spent
            if gate and " 404:" in str(error):
                raise ProvisioningError(str(error), Problem.UNKNOWN_GATE, gate) from error
            raise ProvisioningError(str(error), Problem.SERVER_FAILED, error) from error
        except SyncError as error:
            if attempt == EXCHANGE_ATTEMPTS:
                words = f"{error}; run the same command again to retry with the same token"
                if isinstance(error, ServerUnreachable):
                    raise ProvisioningError(
                        words, Problem.UNREACHABLE, client.server_url
                    ) from error
                raise ProvisioningError(words, Problem.SERVER_FAILED, error) from error
            log.info("token exchange attempt %d failed: %s", attempt, error)
    raise ProvisioningError("token exchange failed", Problem.SERVER_FAILED, "")


def _first_pull(
    path: Path,
    progress: ProgressCallback | None,
    page_size: int,
    client: SyncClient | None,
    transport: httpx.BaseTransport | None,
) -> None:
    engine = SyncEngine(
        path, client=client, transport=transport, progress=progress, pull_page=page_size
    )
    try:
        with engine.client.deadline.within(FIRST_PULL_DEADLINE_S):
            engine.pull_all()
        engine.replica.set_state(INITIAL_PULL_KEY, "done")
    except ServerUnreachable as error:
        raise ProvisioningError(
            f"the first download stopped ({error}); run the same command again, or 'doorline "
            f"station sync --data-dir {path.parent}', to resume it",
            Problem.DOWNLOAD_STOPPED,
        ) from error
    except SyncError as error:
        raise ProvisioningError(
            f"the first download failed: {error}", Problem.DOWNLOAD_FAILED, error
        ) from error
    except ReplicaError as error:  # a full disk: the page being written was not stored
        raise ProvisioningError(
            f"the first download stopped: {error}; free some space, then run the same "
            "command again to resume it",
            Problem.DISK_FULL,
        ) from error
    finally:
        engine.close()


__all__ = ["ProvisioningError", "provision_from_server"]
