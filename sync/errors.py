"""Why a sync attempt failed, in words for the door staff; "offline" is one of them, not a crash."""

from __future__ import annotations

from enum import StrEnum


class SyncProblem(StrEnum):
    """Why a sync attempt failed, for a window to say in its own language (the exception's
    message keeps the English of the log and the command line). Parameters, in order, in
    `SyncError.params`."""

    NOT_FROM_SERVER = "not_from_server"
    NOT_AN_ADDRESS = "not_an_address"  # (server address)
    UNREACHABLE = "unreachable"  # (server address)
    NO_ANSWER_IN_TIME = "no_answer_in_time"  # (server address)
    ROUND_TOO_LONG = "round_too_long"  # (server address)
    REFUSED = "refused"  # (HTTP status)
    REQUEST_REFUSED = "request_refused"  # (HTTP status)
    SERVER_ERROR = "server_error"  # (HTTP status)
    BAD_ANSWER = "bad_answer"
    ANSWER_TOO_LARGE = "answer_too_large"  # (megabytes)
    NOTHING_ACKNOWLEDGED = "nothing_acknowledged"
    MORE_NEXT_ROUND = "more_next_round"  # (pages)
    UNEXPECTED = "unexpected"
    OTHER = "other"


class SyncError(Exception):
    """A sync attempt did not complete; the station keeps working and retries later.

    `problem` and `params` say why for a window to translate; the message says it in English."""

    retryable = True

    def __init__(self, message: str, problem: SyncProblem = SyncProblem.OTHER, *params: object):
        super().__init__(message)
        self.problem = problem
        self.params = tuple(str(p) for p in params)


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
        super().__init__(message, SyncProblem.REFUSED, status_code)
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
