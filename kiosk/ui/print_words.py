"""Why a badge did not print, in the window's language.

The printing package says why as a `PrintProblem` with values (a port, seconds, a path, CUPS's
own reasons); its English message stays the log's, the command line's and `--json`'s. Here each
problem has its own words in the catalogues: the door's banner, the ready check and the
operator's Printers tab read "die Klappe ist offen", not "its cover is open". Values such as
CUPS's reason keywords or the system's error are the device's words and stay as reported.
"""

from __future__ import annotations

from kiosk.ui.languages import QT_TRANSLATE_NOOP, translate
from printing.errors import PrintProblem, PrintTrouble

_WORDS: dict[PrintProblem, str] = {
    PrintProblem.REFUSED_CONNECTION: QT_TRANSLATE_NOOP(
        "PrintWords", "it refused the connection: is it switched on, and is {0} its port?"
    ),
    PrintProblem.NO_ANSWER: QT_TRANSLATE_NOOP(
        "PrintWords", "no answer within {0} s: is it switched on and on this network?"
    ),
    PrintProblem.UNREACHABLE: QT_TRANSLATE_NOOP("PrintWords", "it cannot be reached ({0})"),
    PrintProblem.BUSY_OR_JAMMED: QT_TRANSLATE_NOOP(
        "PrintWords", "it took the connection but gave no answer within {0} s (busy or jammed?)"
    ),
    PrintProblem.CONNECTION_DROPPED: QT_TRANSLATE_NOOP("PrintWords", "it dropped the connection"),
    PrintProblem.COVER_OPEN: QT_TRANSLATE_NOOP("PrintWords", "its cover is open"),
    PrintProblem.PAPER_OUT: QT_TRANSLATE_NOOP("PrintWords", "it is out of paper"),
    PrintProblem.PRINTER_ERROR: QT_TRANSLATE_NOOP(
        "PrintWords", "it reports an error (cutter jam or overheating?)"
    ),
    PrintProblem.OFFLINE: QT_TRANSLATE_NOOP("PrintWords", "it is offline"),
    PrintProblem.NOT_PLUGGED_IN: QT_TRANSLATE_NOOP(
        "PrintWords", "it was not found: is it plugged in and switched on?"
    ),
    PrintProblem.NO_PERMISSION: QT_TRANSLATE_NOOP(
        "PrintWords", "no permission to write {0} (is this user in the lp group?)"
    ),
    PrintProblem.CANNOT_WRITE: QT_TRANSLATE_NOOP("PrintWords", "cannot write {0} ({1})"),
    PrintProblem.DISK_FULL: QT_TRANSLATE_NOOP(
        "PrintWords", "{0} is not complete on disk: the disk may be full"
    ),
    PrintProblem.NEEDS_PACKAGE: QT_TRANSLATE_NOOP(
        "PrintWords", "this computer lacks the {0} package the printer needs"
    ),
    PrintProblem.WOULD_OVERWRITE: QT_TRANSLATE_NOOP(
        "PrintWords", "{0} holds something else: a badge never overwrites it"
    ),
    PrintProblem.NOT_ESCPOS: QT_TRANSLATE_NOOP("PrintWords", "it is not an ESC/POS printer"),
    PrintProblem.CUPS_MISSING: QT_TRANSLATE_NOOP(
        "PrintWords", "printing through CUPS is not installed on this computer (pycups)"
    ),
    PrintProblem.CUPS_STOPPED: QT_TRANSLATE_NOOP(
        "PrintWords", "the CUPS print service is not running on this computer"
    ),
    PrintProblem.CUPS_NO_ANSWER: QT_TRANSLATE_NOOP("PrintWords", "CUPS did not answer ({0})"),
    PrintProblem.CUPS_NO_SUCH_PRINTER: QT_TRANSLATE_NOOP(
        "PrintWords", "CUPS has no printer named “{0}”"
    ),
    PrintProblem.CUPS_PRINTER_PAUSED: QT_TRANSLATE_NOOP(
        "PrintWords", "CUPS printer “{0}” is paused ({1})"
    ),
    PrintProblem.CUPS_NOT_ACCEPTING: QT_TRANSLATE_NOOP(
        "PrintWords", "CUPS printer “{0}” is not accepting jobs ({1})"
    ),
    PrintProblem.CUPS_REFUSED: QT_TRANSLATE_NOOP("PrintWords", "CUPS refused the badge ({0})"),
    PrintProblem.CUPS_WITHDRAWN: QT_TRANSLATE_NOOP(
        "PrintWords", "CUPS did not print the badge (job {0}: {1}); it was withdrawn"
    ),
    PrintProblem.CUPS_NOT_STARTED: QT_TRANSLATE_NOOP(
        "PrintWords", "CUPS did not start the badge within {0} s; it was withdrawn"
    ),
    PrintProblem.CANCELLED: QT_TRANSLATE_NOOP("PrintWords", "cancelled by an operator"),
    PrintProblem.MAY_HAVE_PRINTED: QT_TRANSLATE_NOOP(
        "PrintWords", "the printer did not confirm the badge: it may have printed"
    ),
    PrintProblem.CUT_SHORT: QT_TRANSLATE_NOOP(
        "PrintWords", "the printer stopped mid-badge: part of it may have printed"
    ),
}


def print_trouble_words(trouble: PrintTrouble | None, english: str) -> str:
    """Why printing failed, in the window's language; `english` (the printing package's own
    message) when no code says it (an unexpected error, a job from an older queue file)."""
    if trouble is None or trouble.problem not in _WORDS:
        return english
    words = translate("PrintWords", _WORDS[trouble.problem]).format(*trouble.params)
    return words.replace(" ()", "").replace("()", "")  # CUPS gave no reason
