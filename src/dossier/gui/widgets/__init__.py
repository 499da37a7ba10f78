"""Small widgets and helpers shared by the case views and editors.

`ui_lang()` is the one place the views ask which language to label vocabulary in:
G1's `gui/i18n.py` owns the choice (preferences, system default).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from dossier.core.vocab import Term


def ui_lang() -> str:
    """"zh" or "en": the language vocabulary labels are shown in right now.

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


def both_labels(t: Term) -> str:
    """"Residential surveillance at a designated location — 指定居所监视居住"."""
    return f"{t.en} — {t.zh}"


def days_text(rng, tr) -> str:
    """"940 days" or "912–942 days" from a DaysRange (or its JSON dict); "" if none.

    `tr` is the calling widget's `self.tr`, so the words are translated where shown.
    """
    if not rng:
        return ""
    lo, hi = (rng["min"], rng["max"]) if isinstance(rng, dict) else (rng.min, rng.max)
    if lo == hi:
        return tr("1 day") if lo == 1 else tr("{n} days").format(n=lo)
    return tr("{lo}–{hi} days").format(lo=lo, hi=hi)


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
