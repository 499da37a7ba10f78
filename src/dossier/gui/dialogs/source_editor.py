"""The source editor: where a fact comes from, how far to trust it, whether the
source itself must be protected, and the files that back it (encrypted in the store).
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.errors import DossierError
from dossier.core.model import Source
from dossier.core.vocab import SENSITIVITIES
from dossier.gui import undo
from dossier.gui.colors import error_color, is_dark
from dossier.gui.dialogs.pending import push_then_close
from dossier.gui.widgets import both_labels
from dossier.gui.widgets.edtf_edit import EdtfEdit, confirm_future

RELIABILITY = ("", "A", "B", "C", "D", "E", "F")


class SourceEditor(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        backend,
        undo_stack: QUndoStack,
        source: Source | None = None,
        case_ids: list[str] | None = None,
        files: list[Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.case_ids = list(case_ids or [])
        self.original = copy.deepcopy(source) if source else None
        self.result_source: Source | None = None
        self.setWindowTitle(self.tr("Edit source") if source else self.tr("Add source"))
        self.setMinimumWidth(560)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.publisher_edit = QLineEdit(self)
        self.url_edit = QLineEdit(self)
        self.date_edit = EdtfEdit(self, optional=True)
        self.date_edit.setAccessibleName(self.tr("Date of the source"))
        self.reliability_box = QComboBox(self)
        self.reliability_box.setEditable(True)
        self.reliability_box.addItems(list(RELIABILITY))
        self.reliability_box.setToolTip(
            self.tr("A (reliable) to F (cannot be judged), or your own words")
        )
        self.protected_box = QCheckBox(self.tr("Protect the identity of this source"), self)
        self.protected_box.setToolTip(
            self.tr("A protected source never leaves the dossier below the internal audience.")
        )
        self.sensitivity_box = QComboBox(self)
        for t in SENSITIVITIES.values():
            self.sensitivity_box.addItem(both_labels(t), t.id)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(90)
        form = QFormLayout()
        form.setHorizontalSpacing(12)  # "Occupation:" must not touch its field
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Publisher:"), self.publisher_edit)
        form.addRow(self.tr("&Web address:"), self.url_edit)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Reliability:"), self.reliability_box)
        form.addRow("", self.protected_box)
        form.addRow(self.tr("Sensiti&vity:"), self.sensitivity_box)
        form.addRow(self.tr("&Note:"), self.note_edit)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        self.files_list = QListWidget(self)
        self.files_list.setMaximumHeight(80)
        if source is None:
            choose = QPushButton(self.tr("Add files…"), self)
            choose.clicked.connect(self._choose_files)
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("Files to keep with it (encrypted):")))
            row.addStretch(1)
            row.addWidget(choose)
            lay.addLayout(row)
            lay.addWidget(self.files_list)
            for f in files or []:
                self.files_list.addItem(str(f))
        else:
            self.files_list.hide()
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {error_color(is_dark(self.palette())).name()};")
        self.error_label.hide()
        lay.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._update_ok)
        self.date_edit.validityChanged.connect(self._update_ok)
        if source is not None:
            self.set_source(source)
        self._update_ok()

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Files for this source"))
        for n in names:
            self.files_list.addItem(n)

    def files(self) -> list[Path]:
        return [Path(self.files_list.item(i).text()) for i in range(self.files_list.count())]

    def set_source(self, s: Source) -> None:
        self.title_edit.setText(s.title)
        self.publisher_edit.setText(s.publisher or "")
        self.url_edit.setText(s.url or "")
        self.date_edit.setText(s.date)
        self.reliability_box.setCurrentText(s.reliability or "")
        self.protected_box.setChecked(s.protected)
        self.sensitivity_box.setCurrentIndex(max(0, self.sensitivity_box.findData(s.sensitivity)))
        self.note_edit.setPlainText(s.note or "")

    def value(self) -> Source:
        s = copy.deepcopy(self.original) if self.original else Source()
        s.title = self.title_edit.text().strip()
        s.publisher = self.publisher_edit.text().strip() or None
        s.url = self.url_edit.text().strip() or None
        s.date = self.date_edit.text() or None
        s.reliability = self.reliability_box.currentText().strip() or None
        s.protected = self.protected_box.isChecked()
        s.sensitivity = self.sensitivity_box.currentData()
        s.note = self.note_edit.toPlainText().strip() or None
        return s

    def _update_ok(self, *_a) -> None:
        ok = bool(self.title_edit.text().strip()) and self.date_edit.is_valid()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        if not confirm_future(self, self.date_edit):  # a source from 2030: a typo, or is it?
            self.date_edit.setFocus()
            return
        try:
            s = self.value()
        except DossierError as exc:
            self._show_error(str(exc))
            return
        cmd: undo.Command
        if self.original is None:
            cmd = undo.AddSource(self.backend, s, self.files())
        else:
            cmd = undo.EditSource(self.backend, s)
        self.result_source = s

        def keep(result) -> None:
            if self.original is None:
                self.result_source = result

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        push_then_close(self, self.undo_stack, cmd, ok, self._show_error, after=keep)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))


def add_source(
    parent: QWidget | None,
    backend,
    undo_stack: QUndoStack,
    case_ids: list[str] | None = None,
    files: list[Path] | None = None,
) -> Source | None:
    """Open the editor for a new source; returns it once added, else None."""
    dlg = SourceEditor(parent, backend, undo_stack, case_ids=case_ids, files=files)
    return dlg.result_source if dlg.exec() == QDialog.DialogCode.Accepted else None


def edit_source(
    parent: QWidget | None,
    backend,
    undo_stack: QUndoStack,
    source_id: str,
    case_ids: list[str] | None = None,
) -> None:
    src = backend.call_sync(lambda d, i: d.get_source(i), source_id)
    SourceEditor(parent, backend, undo_stack, source=src, case_ids=case_ids).exec()
