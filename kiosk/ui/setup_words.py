"""Why setting a station up failed, in the window's language.

`ProvisionFailed` carries a `SetupProblem` and its parameters (a folder, a gate, the server's
address); the English message stays for the log. What the system or the server said in its
own words (a disk's "Permission denied", a server's error) is a parameter, shown as it came.
"""

from __future__ import annotations

from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate
from kiosk.ui.provisioning import ProvisionFailed, SetupProblem

_WORDS: dict[SetupProblem, str] = {
    SetupProblem.ADDRESS_MISSING: QT_TRANSLATE_NOOP(
        "SetupWords", "Enter the server's address, e.g. http://192.168.1.10:8765"
    ),
    SetupProblem.TOKEN_MISSING: QT_TRANSLATE_NOOP(
        "SetupWords", "Paste, type or scan the one-time token from the operator."
    ),
    SetupProblem.BUNDLE_MISSING: QT_TRANSLATE_NOOP("SetupWords", "Choose the bundle file first."),
    SetupProblem.NOT_A_FOLDER: QT_TRANSLATE_NOOP(
        "SetupWords",
        "{0} is a file, not a folder: choose a folder for the station's data. The token was"
        " not used.",
    ),
    SetupProblem.CANNOT_WRITE: QT_TRANSLATE_NOOP(
        "SetupWords", "Cannot write the station's data in {0} ({1}). The token was not used."
    ),
    SetupProblem.ALREADY_PROVISIONED: QT_TRANSLATE_NOOP(
        "SetupWords",
        "{0} already holds a station: start Doorline with an empty data folder to set up"
        " another one.",
    ),
    SetupProblem.TOKEN_REFUSED: QT_TRANSLATE_NOOP(
        "SetupWords",
        "The server refused this token: it is unknown, has expired or was already used. Ask"
        " the operator for a new one.",
    ),
    SetupProblem.UNKNOWN_GATE: QT_TRANSLATE_NOOP(
        "SetupWords",
        "This event has no gate “{0}”. The token was not used: correct the gate and try again.",
    ),
    SetupProblem.UNREACHABLE: QT_TRANSLATE_NOOP(
        "SetupWords",
        "The server at {0} does not answer. Check the address and the network, then try again"
        " with the same token.",
    ),
    SetupProblem.SERVER_FAILED: QT_TRANSLATE_NOOP(
        "SetupWords",
        "The server could not set this station up ({0}). Try again with the same token.",
    ),
    SetupProblem.EVENT_UNREAD: QT_TRANSLATE_NOOP(
        "SetupWords",
        "The station was set up, but reading the event failed. Try again to finish: the same"
        " token still works.",
    ),
    SetupProblem.DOWNLOAD_STOPPED: QT_TRANSLATE_NOOP(
        "SetupWords",
        "The first download stopped: the server no longer answers. Try again to resume it.",
    ),
    SetupProblem.DOWNLOAD_FAILED: QT_TRANSLATE_NOOP(
        "SetupWords", "The first download failed ({0}). Try again to resume it."
    ),
    SetupProblem.DISK_FULL: QT_TRANSLATE_NOOP(
        "SetupWords",
        "The first download stopped: this laptop's disk is full. Free some space, then try"
        " again to resume it.",
    ),
    SetupProblem.BUNDLE_UNREADABLE: QT_TRANSLATE_NOOP(
        "SetupWords", "The bundle file cannot be read ({0})."
    ),
    SetupProblem.BUNDLE_NEEDS_PASSPHRASE: QT_TRANSLATE_NOOP(
        "SetupWords", "This bundle is encrypted: enter its passphrase."
    ),
    SetupProblem.BUNDLE_WRONG_PASSPHRASE: QT_TRANSLATE_NOOP(
        "SetupWords", "Wrong passphrase, or the bundle was altered."
    ),
    SetupProblem.BUNDLE_NOT_A_BUNDLE: QT_TRANSLATE_NOOP(
        "SetupWords", "This file is not a Doorline provisioning bundle."
    ),
    SetupProblem.BUNDLE_DAMAGED: QT_TRANSLATE_NOOP(
        "SetupWords", "The bundle is damaged or incomplete: copy it again."
    ),
    SetupProblem.BUNDLE_UNUSABLE: QT_TRANSLATE_NOOP(
        "SetupWords", "The bundle cannot be used ({0})."
    ),
}


def setup_words(error: ProvisionFailed) -> str:
    """The failure in the window's language; an unexpected one as its English words."""
    words = _WORDS.get(error.problem)
    if words is None:
        return str(error)
    return translate("SetupWords", words).format(*error.params)
