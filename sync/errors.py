"""Why a sync attempt failed, in words for the door staff; "offline" is one of them, not a crash."""

from __future__ import annotations

from enum import StrEnum


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


class ProvisioningProblem(StrEnum):
    """What went wrong setting a station up, for a window to say in its own language (the
    message keeps the English words of the command line). Parameters, in order, in
    `ProvisioningError.params`."""

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
    OTHER = "other"


class ProvisioningError(Exception):
    """Station provisioning from a server failed; the message tells the operator what to do,
    `problem` and `params` say the same for a window to translate."""

    def __init__(
        self,
        message: str,
        problem: ProvisioningProblem = ProvisioningProblem.OTHER,
        *params: object,
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.params = tuple(str(p) for p in params)
