"""A narrative field's version in another language, edited beside the text as typed.

The field itself keeps what the researcher typed (core.bilingual); this widget edits one
version of it by language — English or Chinese, chosen in its combo box — and shows it
next to the original, so a summary or a note is translated where it is written. Other
versions a record holds (another language, another field) are left as they were.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dossier.core.bilingual import LANGS, written_in

_NAMES = {"en": "English", "zh": "中文"}  # each language in its own script, never translated


class TranslationEdit(QWidget):
    def __init__(self, parent: QWidget | None = None, *, multiline: bool = False) -> None:
        super().__init__(parent)
        self.lang_box = QComboBox(self)
        for lang in LANGS:
            self.lang_box.addItem(_NAMES[lang], lang)
        self.lang_box.setToolTip(self.tr("The language of this version"))
        self.edit = QPlainTextEdit(self) if multiline else QLineEdit(self)
        if multiline:
            self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(self.tr("Translation"))
        # A note: the language above its box; a one-line field: the language after it.
        lay = QVBoxLayout(self) if multiline else QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        if multiline:
            lay.addWidget(self.lang_box)
        lay.addWidget(self.edit, 1)
        if not multiline:
            lay.addWidget(self.lang_box)
        self._versions: dict[str, str] = {}
        self._shown = LANGS[-1]
        self.lang_box.currentIndexChanged.connect(self._switch)
        self.load(None, None)

    # -- the text of the current version --------------------------------------------
    def _text(self) -> str:
        e = self.edit
        return (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()

    def _set_text(self, text: str) -> None:
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)

    def _switch(self) -> None:
        self._versions[self._shown] = self._text()
        self._show(self.lang_box.currentData())

    def _show(self, lang: str) -> None:
        self._shown = lang
        self._set_text(self._versions.get(lang, ""))
        self.edit.setPlaceholderText(
            self.tr("Version in %1 (optional)").replace("%1", _NAMES[self._shown])
        )

    def load(self, versions: dict[str, str] | None, typed: str | None) -> None:
        """Show the versions of one field; the language offered first is the one the
        typed text is not written in (an English note is translated into Chinese)."""
        self._versions = dict(versions or {})
        if any(self._versions.get(lang) for lang in LANGS):
            first = next(lang for lang in LANGS if self._versions.get(lang))
        else:
            first = "en" if typed and written_in(typed, "zh") else "zh"
        self.lang_box.blockSignals(True)
        self.lang_box.setCurrentIndex(self.lang_box.findData(first))
        self.lang_box.blockSignals(False)
        self._show(first)  # the text of the record loaded before is not carried over

    def versions(self) -> dict[str, str]:
        """Every version of the field, this one as edited (empty ones dropped)."""
        out = dict(self._versions)
        out[self._shown] = self._text()
        return {k: v for k, v in out.items() if v}


def merged(record_translations: dict, field: str, versions: dict[str, str]) -> dict:
    """The record's translations with `field`'s versions replaced."""
    out = {k: dict(v) for k, v in (record_translations or {}).items() if k != field}
    if versions:
        out[field] = dict(sorted(versions.items()))
    return out
