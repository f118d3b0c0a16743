"""Why the last sync failed, in the window's language.

The sync engine says why as a `SyncProblem` with values (the server's address, an HTTP status);
its English message stays the log's and the command line's. Here each problem has its own words
in the catalogues, so the Sync tab and the status strip's tooltip speak the window's language.
"""

from __future__ import annotations

from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate
from kiosk.ui.sync_port import SyncStatus
from sync.errors import SyncProblem

_WORDS: dict[SyncProblem, str] = {
    SyncProblem.NOT_FROM_SERVER: QT_TRANSLATE_NOOP(
        "SyncWords", "This station was set up without a server: it has nothing to sync."
    ),
    SyncProblem.NOT_AN_ADDRESS: QT_TRANSLATE_NOOP(
        "SyncWords", "{0} is not a server address: set the station up again."
    ),
    SyncProblem.UNREACHABLE: QT_TRANSLATE_NOOP(
        "SyncWords", "Cannot reach the server at {0}. Scanning still works; sync retries."
    ),
    SyncProblem.NO_ANSWER_IN_TIME: QT_TRANSLATE_NOOP(
        "SyncWords", "The server at {0} did not answer in time. Sync retries."
    ),
    SyncProblem.ROUND_TOO_LONG: QT_TRANSLATE_NOOP(
        "SyncWords", "The server at {0} took too long; this sync round stopped and retries."
    ),
    SyncProblem.REFUSED: QT_TRANSLATE_NOOP(
        "SyncWords",
        "The server refused this station ({0}): its access was revoked or is for another"
        " event. Set the station up again.",
    ),
    SyncProblem.REQUEST_REFUSED: QT_TRANSLATE_NOOP(
        "SyncWords", "The server refused a request ({0}). Sync retries."
    ),
    SyncProblem.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "SyncWords", "The server had an error ({0}). Sync retries."
    ),
    SyncProblem.BAD_ANSWER: QT_TRANSLATE_NOOP(
        "SyncWords", "The server sent an answer this station cannot read; nothing was stored."
    ),
    SyncProblem.ANSWER_TOO_LARGE: QT_TRANSLATE_NOOP(
        "SyncWords", "The server's answer is larger than {0} MB; it was not read."
    ),
    SyncProblem.NOTHING_ACKNOWLEDGED: QT_TRANSLATE_NOOP(
        "SyncWords", "The server accepted none of the uploaded entries. Sync retries."
    ),
    SyncProblem.MORE_NEXT_ROUND: QT_TRANSLATE_NOOP(
        "SyncWords", "The server had more after {0} pages; the next sync round continues."
    ),
    SyncProblem.UNEXPECTED: QT_TRANSLATE_NOOP(
        "SyncWords", "Sync failed unexpectedly (details in the log). Sync retries."
    ),
    SyncProblem.OTHER: QT_TRANSLATE_NOOP("SyncWords", "Sync failed (details in the log)."),
}


def sync_error_words(status: SyncStatus) -> str:
    """The last sync failure in the window's language, "" when the last round succeeded.
    A status without a problem code (an older engine) falls back to its English words."""
    if not status.last_error:
        return ""
    if status.last_problem is None:
        return status.last_error
    return translate("SyncWords", _WORDS[status.last_problem]).format(*status.last_params)
