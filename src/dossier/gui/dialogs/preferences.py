"""Preferences: interface language, auto-lock delay, clipboard clearing, lock on suspend.

Only these settings exist, and they say nothing about any case (SECURITY.md).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import LANGUAGES
from ..settings import Settings


class PreferencesDialog(QDialog):
    """Edits `Settings`; writes them only when accepted (OK)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setAccessibleName(self.tr("Interface language"))
        self.language.setToolTip(self.tr("The language of menus and labels; applied at once"))

        self.idle = QDoubleSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setDecimals(1)
        self.idle.setSingleStep(1)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))
        self.idle.setValue(settings.idle_minutes)
        self.idle.setAccessibleName(self.tr("Lock after idle minutes"))
        self.idle.setToolTip(
            self.tr("Lock the dossier after this many minutes without keyboard or mouse input")
        )

        self.clip = QSpinBox()
        self.clip.setRange(5, 600)
        self.clip.setSuffix(self.tr(" s"))
        self.clip.setValue(settings.clipboard_seconds)
        self.clip.setAccessibleName(self.tr("Clear the clipboard after seconds"))
        self.clip.setToolTip(
            self.tr("A copied name is removed from the clipboard after this many seconds")
        )

        self.suspend = QCheckBox(self.tr("Lock when the computer sleeps or the screen locks"))
        self.suspend.setChecked(settings.lock_on_suspend)

        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Auto-lock after:"), self.idle)
        form.addRow(self.tr("Clear clipboard after:"), self.clip)
        form.addRow("", self.suspend)
        note = QLabel(self.tr("Ctrl+Shift+L locks at once, from anywhere in the window."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(buttons)

    def accept(self) -> None:
        s = self.settings
        s.language = self.language.currentData() or ""
        s.idle_minutes = self.idle.value()
        s.clipboard_seconds = self.clip.value()
        s.lock_on_suspend = self.suspend.isChecked()
        s.sync()
        super().accept()
