"""A date field that speaks EDTF and says, as you type, how it understood you.

Researchers write what they know: "2015-10", "2018~", "2015-10-17/2017-10-17". The
field answers underneath — "October 2015 (1–31 Oct)" — so a typo that still parses
(2015-01 for 2015-10) is caught by reading, and it refuses what the parser refuses,
with the parser's own message, a red frame and `validityChanged(False)` so the dialog
can disable OK. The same `core.dates` code checks the value again on save.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from dossier.core.dates import describe
from dossier.core.errors import ValidationError
from dossier.gui.colors import error_color, is_dark, muted_text
from dossier.gui.widgets import ui_lang


class EdtfEdit(QWidget):
    """A QLineEdit for an EDTF date plus a live line of explanation under it."""

    validityChanged = Signal(bool)
    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False,
                 placeholder: str | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._optional = optional
        self._valid = optional
        self._message = ""
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder or self.tr("e.g. 2015-07-09, 2015-10, 2018~"))
        self.edit.setToolTip(
            self.tr(
                "A date in EDTF: 2015-07-09 (a day), 2015-10 (a month), 2018 (a year); "
                "end with ~ for 'about', ? for 'uncertain'; 2015-10-17/2017-10-17 for "
                "'some time between'."
            )
        )
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.explain.setObjectName("edtfExplanation")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit)
        lay.addWidget(self.explain)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._on_text)
        self._on_text("")

    # -- API -------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str | None) -> None:  # noqa: N802 (Qt naming)
        self.edit.setText(text or "")
        self._on_text(self.edit.text())

    def is_valid(self) -> bool:
        return self._valid

    def message(self) -> str:
        """What the field says under the date: the understanding, or the error."""
        return self._message

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    # -- internals -----------------------------------------------------------------------
    def _on_text(self, raw: str) -> None:
        text = raw.strip()
        was = self._valid
        dark = is_dark(self.palette())
        if not text:
            self._valid = self._optional
            self._message = "" if self._optional else self.tr("A date is needed.")
            self._show(self._message, error=False)
        else:
            try:
                self._message = describe(text, ui_lang())
                self._valid = True
                self._show(self._message, error=False)
            except ValidationError as exc:
                self._message = str(exc)
                self._valid = False
                self._show(self._message, error=True)
        red = error_color(dark).name()
        self.edit.setStyleSheet(
            "" if self._valid or not text else f"QLineEdit {{ border: 2px solid {red}; border-radius: 3px; }}"
        )
        self.edit.setAccessibleDescription(self._message)
        self.textChanged.emit(text)
        if was != self._valid:
            self.validityChanged.emit(self._valid)

    def _show(self, message: str, error: bool) -> None:
        color = error_color(is_dark(self.palette())) if error else muted_text(self.palette())
        self.explain.setStyleSheet(f"color: {color.name()};")
        self.explain.setText(message)
