"""The window's language: Qt's translation system, one compiled catalogue per language.

Every string the windows show goes through `tr()` (or `QCoreApplication.translate` outside a
widget). The sources are Qt Linguist files, `kiosk/ui/i18n/doorline_<code>.ts`, updated from
the code with `pyside6-lupdate` and compiled to `.qm` with `pyside6-lrelease` (both ship with
PySide6) by `.ci/setup.sh`; the `.qm` files are build output, not kept in git. English is the
source language; its small catalogue holds only its plural forms ("1 badge" / "2 badges").
Arabic turns the whole layout right-to-left.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent / "i18n"
SOURCE_LANGUAGE = "en"
# Each language in its own words, as the kiosk's language buttons show them.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
}
RIGHT_TO_LEFT = frozenset({"ar"})

_installed: list[QTranslator] = []
_current: str | None = None  # nothing installed yet


def catalogue_path(code: str) -> Path:
    return I18N_DIR / f"doorline_{code}.qm"


def current_language() -> str | None:
    """The language installed by the last `use_language` (None before the first call)."""
    return _current


def use_language(code: str) -> bool:
    """Switch the application's translations (and layout direction) to `code`.

    Returns False, staying in English, for an unknown code or a catalogue that was never
    compiled (a checkout without `.ci/setup.sh`); the reason is logged. Windows built after
    the call speak the new language; built ones rebuild or retranslate themselves.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("use_language needs a QApplication")
    code = code if code in LANGUAGES else SOURCE_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator(app)
    loaded = ours.load(str(catalogue_path(code)))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no compiled translations for %s at %s", code, catalogue_path(code))
        if code != SOURCE_LANGUAGE:
            use_language(SOURCE_LANGUAGE)
            return False
    if code != SOURCE_LANGUAGE:
        qt_own = QTranslator(app)  # Qt's own words (standard buttons, context menus)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{code}", qt_dir):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    _current = code
    QLocale.setDefault(QLocale(code))
    if isinstance(app, QApplication):
        rtl = code in RIGHT_TO_LEFT
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
    return loaded


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for the catalogues (under `context`) where it is defined; translated later
    with `translate(context, text)`. Qt's own marker is typed `object`; this one is `str`."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the current language, for words made outside a widget (`context`: the
    window's name in the .ts files); `n` picks a plural form ("%n" in `text`). The same
    arguments as `QCoreApplication.translate`, so `pyside6-lupdate` finds the calls.

    Without any catalogue installed (a script or test that never chose a language), an
    English "(s)" plural still reads as English: "1 day", "2 days", never "2 day(s)"."""
    words = QCoreApplication.translate(context, text, disambiguation, n)
    if n >= 0 and "(s)" in words and "(s)" in text:
        words = words.replace("(s)", "" if n == 1 else "s")
    return words
