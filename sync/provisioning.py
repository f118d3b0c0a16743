"""Provisioning a station from a server: one-time token in, station credential out, first pull.

The credential is written to the replica before the first pull starts and the pull cursor is
stored page by page, so an interrupted first pull is resumed (by calling this again, or by
`doorline station sync`) instead of starting over or needing a new token.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

import httpx

from kiosk.core.station import Station
from kiosk.core.station_setup import UnknownGate, choose_gate, new_identity
from kiosk.station_store import DB_FILENAME, StationStore
from sync.client import SyncClient
from sync.engine import PULL_PAGE, ProgressCallback, SyncEngine
from sync.errors import AccessRefused, ProvisioningError, ServerUnreachable, SyncError
from sync.pulled_changes import INITIAL_PULL_KEY

log = logging.getLogger(__name__)

EXCHANGE_ATTEMPTS = 3


def provision_from_server(
    data_dir: Path,
    server_url: str,
    token: str,
    gate: str | None = None,
    name: str | None = None,
    progress: ProgressCallback | None = None,
    page_size: int = PULL_PAGE,
    transport: httpx.BaseTransport | None = None,
) -> Station:
    """Provision `data_dir` from the server at `server_url` with a one-time `token`, then pull
    the full replica (pages of `page_size` rows); returns the station, ready to scan.

    A folder whose first download stopped is resumed instead. `transport` (default: the
    network) is the httpx transport every request goes through. Raises `ProvisioningError`.
    """
    data_dir = Path(data_dir)
    path = data_dir / DB_FILENAME
    if path.exists():
        _check_resumable(path)
        _first_pull(path, progress, page_size, None, transport)
    else:
        # One HTTP client (~30 ms to create) for the token exchange and the first pull.
        with SyncClient(server_url, transport=transport) as client:
            _register(client, data_dir, server_url, token, gate, name)
            _first_pull(path, progress, page_size, client, None)
    return Station(StationStore(path))


def _check_resumable(path: Path) -> None:
    replica = StationStore(path)
    try:
        identity = replica.identity()
        pending = replica.get_state(INITIAL_PULL_KEY) == "pending"
    finally:
        replica.close()
    if identity is None or not identity.credential or not pending:
        raise ProvisioningError(
            f"{path.parent} already holds a provisioned station; use an empty data directory"
        )


def _register(
    client: SyncClient,
    data_dir: Path,
    server_url: str,
    token: str,
    gate: str | None,
    name: str | None,
) -> None:
    answer = _exchange(client, token, name)
    client.set_credential(answer["credential"])
    try:
        info = client.event_info(int(answer["event_id"]))
    except SyncError as error:
        raise ProvisioningError(f"provisioned, but reading the event failed: {error}") from error
    try:
        gate_id = choose_gate((g["id"] for g in info["gates"]), gate)
    except UnknownGate as error:
        raise ProvisioningError(str(error)) from error
    data_dir.mkdir(parents=True, exist_ok=True)
    replica = StationStore(data_dir / DB_FILENAME)
    try:
        event_id = int(info["event"]["id"])
        replica.upsert_event(info["event"])
        replica.set_contact_key(info["contact_key"])
        replica.upsert_gates(event_id, info["gates"])
        replica.set_state(INITIAL_PULL_KEY, "pending")
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
    finally:
        replica.close()


def _exchange(client: SyncClient, token: str, name: str | None) -> dict[str, Any]:
    """The same nonce on every attempt: if an answer was lost, the retry gets a credential
    for the same station instead of "token already used"."""
    nonce = str(uuid.uuid4())
    for attempt in range(1, EXCHANGE_ATTEMPTS + 1):
        try:
            return client.provision(token, nonce, name)
        except AccessRefused as error:
            raise ProvisioningError(f"the server refused the token: {error}") from error
        except SyncError as error:
            if attempt == EXCHANGE_ATTEMPTS:
                raise ProvisioningError(str(error)) from error
            log.info("token exchange attempt %d failed: %s", attempt, error)
    raise ProvisioningError("token exchange failed")


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
        engine.pull_all()
        engine.replica.set_state(INITIAL_PULL_KEY, "done")
    except ServerUnreachable as error:
        raise ProvisioningError(
            f"the first download stopped ({error}); run 'doorline station sync --data-dir "
            f"{path.parent}' to resume it"
        ) from error
    except SyncError as error:
        raise ProvisioningError(f"the first download failed: {error}") from error
    finally:
        engine.close()


__all__ = ["ProvisioningError", "provision_from_server"]
