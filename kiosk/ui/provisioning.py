"""Provisioning a station from the window (no Qt here): a one-time token, or a bundle file.

The operator screen runs these on a worker thread and shows their progress and errors. Both
leave a closed, provisioned station database in `data_dir` (the window then opens it as a
long-running station), or raise `ProvisionFailed` with words an operator can act on.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from kiosk.core.station import provision
from kiosk.core.station_setup import UnknownGate, choose_gate, new_identity
from kiosk.domain.bundle import BundleError, read_bundle
from kiosk.station_store import DB_FILENAME, ReplicaError

Progress = Callable[[str, int, "int | None"], None]


class SetupProblem(StrEnum):
    """Why a set-up failed, for the window to say in its language (`setup_words`); the
    values of `sync.errors.ProvisioningProblem` and, prefixed "bundle_", of
    `kiosk.domain.bundle.BundleProblem` are among them, with the same parameters."""

    ADDRESS_MISSING = "address_missing"
    TOKEN_MISSING = "token_missing"
    BUNDLE_MISSING = "bundle_missing"
    NOT_A_FOLDER = "not_a_folder"  # (folder)
    CANNOT_WRITE = "cannot_write"  # (folder, the system's reason)
    ALREADY_PROVISIONED = "already_provisioned"  # (folder)
    TOKEN_REFUSED = "token_refused"
    UNKNOWN_GATE = "unknown_gate"  # (gate)
    UNREACHABLE = "unreachable"  # (server address)
    SERVER_FAILED = "server_failed"  # (what the server answered)
    EVENT_UNREAD = "event_unread"
    DOWNLOAD_STOPPED = "download_stopped"
    DOWNLOAD_FAILED = "download_failed"  # (what went wrong)
    DISK_FULL = "disk_full"
    BUNDLE_UNREADABLE = "bundle_unreadable"  # (the system's reason)
    BUNDLE_NEEDS_PASSPHRASE = "bundle_needs_passphrase"
    BUNDLE_WRONG_PASSPHRASE = "bundle_wrong_passphrase"
    BUNDLE_NOT_A_BUNDLE = "bundle_not_a_bundle"
    BUNDLE_DAMAGED = "bundle_damaged"
    BUNDLE_UNUSABLE = "bundle_unusable"  # (what is wrong in it)
    OTHER = "other"  # (the English words)


class ProvisionFailed(Exception):
    """Provisioning did not happen; the message says why and what to do (in English, for the
    log), `problem` and `params` the same for the window's language."""

    def __init__(self, message: str, problem: SetupProblem = SetupProblem.OTHER, *params: object):
        super().__init__(message)
        self.problem = problem
        self.params = tuple(str(p) for p in params) or (
            (message,) if problem is SetupProblem.OTHER else ()
        )


@dataclass(frozen=True)
class TokenText:
    """What was pasted or scanned: a token, and the server's address when it came along."""

    token: str
    server_url: str | None = None


def parse_token_text(text: str) -> TokenText:
    """Read a pasted or scanned provisioning token.

    Accepted: the token alone (the QR of `doorline server station-token --qr`);
    "SERVER_URL TOKEN"; `SERVER_URL?token=TOKEN`;
    or JSON `{"server": ..., "token": ...}`.
    """
    text = text.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("token"), str):
            server = data.get("server") or data.get("url")
            return TokenText(data["token"].strip(), str(server).strip() if server else None)
    parts = text.split()
    if len(parts) == 2 and parts[0].startswith(("http://", "https://")):
        return TokenText(parts[1], parts[0].rstrip("/"))
    if text.startswith(("http://", "https://")):
        url = urlsplit(text)
        token = (parse_qs(url.query).get("token") or [""])[0]
        if token:
            server = urlunsplit((url.scheme, url.netloc, url.path, "", ""))
            return TokenText(token, server.rstrip("/"))
    return TokenText(text)


def default_station_name() -> str:
    return socket.gethostname() or "Doorline station"


def _empty_data_dir(data_dir: Path) -> None:
    if (Path(data_dir) / DB_FILENAME).exists():
        raise ProvisionFailed(
            f"{data_dir} already holds a station: start Doorline with an empty data folder"
            " to set up another one",
            SetupProblem.ALREADY_PROVISIONED,
            data_dir,
        )


def provision_with_token(
    data_dir: Path,
    server_url: str,
    token: str,
    gate: str | None = None,
    name: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Exchange the one-time token, download the event; returns the data folder."""
    from sync.provisioning import ProvisioningError, provision_from_server

    server_url, token = server_url.strip(), token.strip()
    if not server_url.startswith(("http://", "https://")):
        raise ProvisionFailed(
            "Enter the server's address, e.g. http://192.168.1.10:8765",
            SetupProblem.ADDRESS_MISSING,
        )
    if not token:
        raise ProvisionFailed(
            "Paste, type or scan the one-time token from the operator.",
            SetupProblem.TOKEN_MISSING,
        )
    try:
        station = provision_from_server(
            Path(data_dir),
            server_url,
            token,
            gate or None,
            name or default_station_name(),
            progress=progress,
        )
    except ProvisioningError as error:
        problem = SetupProblem(str(error.problem))
        raise ProvisionFailed(_sentence(str(error)), problem, *error.params) from error
    except (OSError, ReplicaError) as error:
        raise _cannot_write(data_dir, error) from error
    station.replica.close()
    return Path(data_dir)


def provision_with_bundle(
    data_dir: Path,
    bundle: Path,
    passphrase: str = "",
    gate: str | None = None,
    name: str | None = None,
) -> Path:
    """Read an offline bundle (encrypted ones need their passphrase); returns the data folder."""
    _empty_data_dir(data_dir)
    try:
        snapshot = read_bundle(Path(bundle), passphrase.encode() if passphrase else None)
    except BundleError as error:
        problem = SetupProblem(f"bundle_{error.problem}")
        raise ProvisionFailed(_sentence(str(error)), problem, *error.params) from error
    try:
        gate_id = choose_gate((g["id"] for g in _gates(snapshot)), gate or None)
    except UnknownGate as error:
        unknown = SetupProblem.UNKNOWN_GATE
        raise ProvisionFailed(_sentence(str(error)), unknown, gate or "") from error
    identity = new_identity(int(snapshot["event"]["id"]), name or default_station_name(), gate_id)
    try:
        provision(Path(data_dir), identity, snapshot).replica.close()
    except (OSError, ReplicaError) as error:
        raise _cannot_write(data_dir, error) from error
    return Path(data_dir)


def _cannot_write(data_dir: Path, error: Exception) -> ProvisionFailed:
    reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
    return ProvisionFailed(
        f"Cannot write the station data in {data_dir}: {reason}",
        SetupProblem.CANNOT_WRITE,
        data_dir,
        reason,
    )


def _gates(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    return [g for g in snapshot.get("gates", []) if isinstance(g, dict) and "id" in g]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return "Provisioning failed."
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
