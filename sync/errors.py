"""Why a sync attempt failed, in words for the door staff; "offline" is one of them, not a crash."""

from __future__ import annotations


class SyncError(Exception):
    """A sync attempt did not complete; the station keeps working and retries later."""

    retryable = True


class ServerUnreachable(SyncError):
    """No answer from the server (network down, server stopped, timeout): the normal offline."""


class ServerFailed(SyncError):
    """The server answered with an error of its own (5xx) or an unreadable answer."""


class RequestRefused(ServerFailed):
    """The server refused the request itself (a 4xx other than 401/403, e.g. an unknown gate
    at provisioning). The sync engine treats it like any server failure; provisioning says
    it at once instead of trying the same request again."""


class AccessRefused(SyncError):
    """The server refused this station's credential (401/403): revoked or wrong event.
    Retrying will not help until an operator re-provisions the station."""

    retryable = False

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code


class ProvisioningError(Exception):
    """Station provisioning from a server failed; the message tells the operator what to do."""
