"""Interface language: English or Simplified Chinese, chosen at start and switchable.

Strings in the window go through Qt's `tr()`; their Chinese lives in
resources/i18n/dossier_zh_CN.qm (compiled from the .ts by pyside6-lrelease). Labels of
the controlled vocabularies (statuses, event types) come from core/vocab.py instead —
one table for both languages — so views ask :func:`ui_lang` which column to show.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from dossier.core.errors import present

from . import assets

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def normalize(lang: str | None) -> str | None:
    """ "zh", "zh-CN", "zh_Hans" → "zh_CN"; "en_GB" → "en"; unknown → None."""
    if not lang:
        return None
    low = lang.replace("-", "_").lower()
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en"):
        return "en"
    return None


def system_language() -> str:
    """The system's language if we have it, else English."""
    loc = QLocale.system()
    if loc.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def choose(cli_lang: str | None, saved: str | None) -> str:
    """--lang wins, then the saved preference, then the system."""
    return normalize(cli_lang) or normalize(saved) or system_language()


def ui_lang() -> str:
    """ "zh" or "en": which label of a vocabulary Term to show (Term.label(lang))."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def error_message(exc: BaseException) -> str:
    """What the window shows for a failure: core.errors.present in the window's language
    (a DossierError's own message; for anything else only its type, never its text)."""
    return present(exc, ui_lang())


class Translations:
    """Installs and swaps the translators of one application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.lang = "en"

    def install(self, lang: str) -> bool:
        """Switch to `lang` ("en" / "zh_CN"); returns False if its .qm is missing.

        Widgets receive a LanguageChange event and re-run their retranslate code.
        """
        lang = normalize(lang) or "en"
        for t in self._installed:
            self._app.removeTranslator(t)
        self._installed.clear()
        ok = True
        QLocale.setDefault(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China)
            if lang == "zh_CN"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        if lang != "en":
            qm = assets.translation_file(lang)
            own = QTranslator(self._app)
            if qm is not None and own.load(str(qm)):
                self._app.installTranslator(own)
                self._installed.append(own)
            else:
                ok = False
            qt = QTranslator(self._app)  # Qt's own strings: OK/Cancel buttons, dialogs
            if qt.load(
                QLocale(lang),
                "qtbase",
                "_",
                QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            ):
                self._app.installTranslator(qt)
                self._installed.append(qt)
        self.lang = lang
        if not self._installed:
            # No translator change event fires when going back to English: send one.
            QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        return ok
