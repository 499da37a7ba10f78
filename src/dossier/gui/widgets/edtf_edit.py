"""A date field that takes dates as researchers write them and says how it understood.

Researchers write what they know, the way they know it: "2015-10", "2018~",
"2015年7月9日" pasted from a report, "2015/7/9" from a Chinese spreadsheet, "late 2017".
`core.date_input` turns each into the EDTF the store keeps, and the field answers
underneath — "July 2015 (1–31 Jul)", plus "stored as 2017-09/2017-12" when what is kept
differs from what was typed — so a typo that still parses is caught by reading. It
refuses what the parser refuses (an ambiguous 09/07/2015 among them), with the parser's
own message in the interface's language, a red frame and `validityChanged(False)` so
the dialog can disable OK. A date whose every day is still to come is accepted with a
warning line (`future_warning()`): the dialog asks before saving it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from dossier.core.date_input import future_warning, parse_date_input
from dossier.core.errors import ValidationError
from dossier.gui.colors import error_color, is_dark, muted_text
from dossier.gui.widgets import ui_lang


class EdtfEdit(QWidget):
    """A QLineEdit for an EDTF date plus a live line of explanation under it."""

    validityChanged = Signal(bool)
    textChanged = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        placeholder: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._optional = optional
        self._valid = optional
        self._message = ""
        self._edtf = ""
        self._future = ""
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(
            placeholder or self.tr("e.g. 2015-07-09, 2015年7月, 2018~, late 2017")
        )
        self.edit.setToolTip(
            self.tr(
                "A day (2015-07-09, 2015年7月9日, 9 July 2015, 2015/7/9), a month (2015-10, "
                "2015年10月), a year (2018), part of one (early/mid/late 2017, 2017年初/年中/年底), "
                "or EDTF: end with ~ for 'about', ? for 'uncertain'; 2015-10-17/2017-10-17 for "
                "'some time between'. Write the year first: 09/07/2015 could be two days."
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
        """The EDTF to store (the understood form); what was typed while it is invalid."""
        return self._edtf or self.edit.text().strip()

    def typed(self) -> str:
        """The text as typed."""
        return self.edit.text().strip()

    def future_warning(self) -> str:
        """A warning when every day of the date is still to come, else ""."""
        return self._future

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

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit_explanation()

    def _fit_explanation(self) -> None:
        """The explanation wraps ("between September 2017 and December 2017 (…)", "stored
        as …" below): reserve the height its lines need at the field's width, which a
        form layout does not do by itself for a wrapped label inside a widget."""
        text = self.explain.text()
        need = self.explain.heightForWidth(max(self.width(), 120)) if text else 0
        if need != self.explain.minimumHeight():
            self.explain.setMinimumHeight(max(need, 0))

    # -- internals -----------------------------------------------------------------------
    def _on_text(self, raw: str) -> None:
        text = raw.strip()
        was = self._valid
        dark = is_dark(self.palette())
        self._edtf = self._future = ""
        if not text:
            self._valid = self._optional
            self._message = "" if self._optional else self.tr("A date is needed.")
            self._show(self._message, error=False)
        else:
            lang = ui_lang()
            try:
                got = parse_date_input(text, lang=lang)
            except ValidationError as exc:
                self._message = str(exc)
                self._valid = False
                self._show(self._message, error=True)
            else:
                self._edtf = got.edtf
                self._valid = True
                self._message = got.understood
                if got.converted:
                    self._message += "\n" + self.tr("stored as %1").replace("%1", got.edtf)
                self._future = future_warning(got.edtf, date.today(), lang=lang) or ""
                if self._future:
                    self._message += "\n" + self._future
                self._show(self._message, error=bool(self._future))
        red = error_color(dark).name()
        self.edit.setStyleSheet(
            ""
            if self._valid or not text
            else f"QLineEdit {{ border: 2px solid {red}; border-radius: 3px; }}"
        )
        self.edit.setAccessibleDescription(self._message)
        self.textChanged.emit(text)
        if was != self._valid:
            self.validityChanged.emit(self._valid)

    def _show(self, message: str, error: bool) -> None:
        color = error_color(is_dark(self.palette())) if error else muted_text(self.palette())
        self.explain.setStyleSheet(f"color: {color.name()};")
        self.explain.setText(message)
        self._fit_explanation()


def confirm_future(parent: QWidget, field: EdtfEdit) -> bool:
    """True unless `field` holds a future date and the researcher declines to keep it.

    A detention "in 2030" is far more often a typo (2003?) than a plan, yet some future
    dates are right (a scheduled trial): ask, default No, rather than refuse.
    """
    warning = field.future_warning()
    if not warning:
        return True
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("EdtfEdit", "A date in the future"),
        warning + "\n\n" + QCoreApplication.translate("EdtfEdit", "Save it anyway?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
