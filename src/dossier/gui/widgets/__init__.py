"""Small widgets and helpers shared by the case views and editors.

`ui_lang()` is the one place the views ask which language to label vocabulary in:
G1's `gui/i18n.py` owns the choice (preferences, system default).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from dossier.core.vocab import Term


def ui_lang() -> str:
    """ "zh" or "en": the language vocabulary labels are shown in right now.

    Asks G1's `gui.i18n` (which follows the chosen interface language); falls back to
    the default QLocale when that module is not importable.
    """
    try:
        from dossier.gui.i18n import ui_lang as shell_lang
    except ImportError:
        shell_lang = None
    if shell_lang is not None:
        try:
            lang = str(shell_lang() or "")
        except Exception:  # a half-initialised i18n module must not break a view
            lang = ""
        if lang:
            return "zh" if lang.lower().startswith("zh") else "en"
    return "zh" if QLocale().name().lower().startswith("zh") else "en"


def term_label(table: dict[str, Term], term_id: str | None, lang: str | None = None) -> str:
    """The label of a vocabulary id in the UI language; free text comes back as is."""
    if not term_id:
        return ""
    t = table.get(term_id)
    if t is None:
        return term_id
    return t.label(lang or ui_lang())


def both_labels(t: Term, lang: str | None = None) -> str:
    """ "Residential surveillance at a designated location — 指定居所监视居住"; the
    interface's language first ("指定居所监视居住 — Residential surveillance…" in the
    Chinese window), so a list can be read — and typed into — in that language."""
    if (lang or ui_lang()).startswith("zh"):
        return f"{t.zh} — {t.en}"
    return f"{t.en} — {t.zh}"


def days_text(rng, tr=None) -> str:
    """ "940 days" or "912–942 days" from a DaysRange (or its JSON dict); "" if none.

    The words are translated here, under the literal context "Days", so that
    `pyside6-lupdate` can extract them: a `tr` handed in by the caller was looked up
    under the caller's class at run time but extracted under no context at all, so the
    Chinese never matched. `tr` is still accepted (and ignored) so callers that pass
    their `self.tr` keep working. The count goes in as the numerus argument: Qt puts it
    in place of `%n`. (lupdate's Python parser takes a bare name in that position for
    the old encoding argument, so it files these as plain messages, not plural ones;
    Chinese has one form, so the single translation is all it needs.) English has no
    translation file, so its singular is a message of its own.
    """
    if not rng:
        return ""
    lo, hi = (rng["min"], rng["max"]) if isinstance(rng, dict) else (rng.min, rng.max)
    if lo == hi:
        if lo == 1:
            return QCoreApplication.translate("Days", "1 day")
        return QCoreApplication.translate("Days", "%n days", None, lo)
    return QCoreApplication.translate("Days", "{lo}–%n days", None, hi).format(lo=lo)


def error_label_and_buttons(dialog):
    """The editors' shared footer: a hidden red error line and OK/Cancel wired to the dialog."""
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from dossier.gui.colors import error_color, is_dark

    label = QLabel(dialog)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {error_color(is_dark(dialog.palette())).name()};")
    label.hide()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return label, buttons
