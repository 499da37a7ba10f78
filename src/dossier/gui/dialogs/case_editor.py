"""The case editor: who the person is — names in every script they are known by,
tags, sensitivity, summary, occupation, nationality, birth year, related people.

Events, asks and sources are edited where they are shown (the case view); this dialog
keeps the case's asks as they are so an edit here never loses them. OK goes through
an undo command (AddCase / EditCase); a refusal leaves the dialog open with the
message.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.errors import DossierError
from dossier.core.model import Case, Name, Relation
from dossier.core.vocab import LAWYER_ROLES, NAME_KINDS, SENSITIVITIES
from dossier.gui import undo
from dossier.gui.dialogs.pending import push_then_close
from dossier.gui.models.case_parts import LANGUAGES, NamesModel, RelationsModel
from dossier.gui.widgets import both_labels, error_label_and_buttons, ui_lang
from dossier.gui.widgets.edtf_edit import EdtfEdit
from dossier.gui.widgets.translation_edit import TranslationEdit, merged


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor: fixed choices, or suggestions one may type past."""

    def __init__(self, choices: list[tuple[str, str]], editable: bool, parent=None) -> None:
        super().__init__(parent)
        self.choices = choices  # (value, label)
        self.editable = editable

    def createEditor(self, parent, _option, _index):  # noqa: N802
        box = QComboBox(parent)
        box.setEditable(self.editable)
        for value, label in self.choices:
            box.addItem(label, value)
        return box

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        i = editor.findData(value)
        if i >= 0:
            editor.setCurrentIndex(i)
        elif self.editable:
            editor.setEditText(value)

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:  # noqa: N802
        text = editor.currentText()
        i = editor.findText(text)
        value = editor.itemData(i) if i >= 0 else text.strip()
        model.setData(index, value, Qt.ItemDataRole.EditRole)


def _table(model, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    return view


class CaseEditor(QDialog):
    """Create a case (case=None) or edit a copy of `case`."""

    def __init__(
        self, parent: QWidget | None, backend, undo_stack: QUndoStack, case: Case | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.original = copy.deepcopy(case) if case else None
        self.setWindowTitle(self.tr("Edit case") if case else self.tr("New case"))
        self.setMinimumWidth(900)
        self._build()
        if case is not None:
            self.set_case(case)
        # After set_case: a model reset puts the header's sections back to the default.
        self.relations_view.setColumnWidth(0, 140)  # names and relations were squeezed to a word
        self.relations_view.setColumnWidth(1, 100)
        self._update_ok()

    def _build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(
            self.tr("Name as usually written in English, e.g. Wang Quanzhang")
        )
        self.name_edit.setAccessibleName(self.tr("Display name"))
        self.occupation_edit = QLineEdit(self)
        self.nationality_edit = QLineEdit(self)
        self.gender_edit = QLineEdit(self)
        self.birth_edit = EdtfEdit(
            self, optional=True, placeholder=self.tr("e.g. 1976, 197X, 1976~")
        )
        self.birth_edit.setAccessibleName(self.tr("Birth year"))
        self.sensitivity_box = QComboBox(self)
        for t in SENSITIVITIES.values():
            self.sensitivity_box.addItem(both_labels(t), t.id)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("comma-separated, e.g. lawyers, 709-crackdown"))
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        try:
            tags = self.backend.call_sync(lambda d: d.tags())
        except DossierError:
            tags = []
        completer = QCompleter(QStringListModel(tags, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setPlaceholderText(self.tr("A short account of the case, for briefings"))
        self.summary_edit.setAccessibleName(self.tr("Summary"))
        self.summary_edit.setTabChangesFocus(True)
        self.summary_tr = TranslationEdit(self, multiline=True)  # beside it: its translation
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary_edit, 1)
        summary_row.addWidget(self.summary_tr, 1)

        form = QFormLayout()
        form.setHorizontalSpacing(12)  # "Occupation:" must not touch its field
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Occupation:"), self.occupation_edit)
        form.addRow(self.tr("Nationa&lity:"), self.nationality_edit)
        form.addRow(self.tr("&Gender:"), self.gender_edit)
        form.addRow(self.tr("&Born:"), self.birth_edit)
        form.addRow(self.tr("Sensiti&vity:"), self.sensitivity_box)
        form.addRow(self.tr("&Tags:"), self.tags_edit)
        form.addRow(self.tr("S&ummary:"), summary_row)

        self.names = NamesModel(self)
        self.names_view = _table(self.names, self)
        self.names_view.setAccessibleName(self.tr("Names in other scripts"))
        langs = [(k, f"{k} — {v}") for k, v in LANGUAGES.items()]
        self.names_view.setItemDelegateForColumn(1, ChoiceDelegate(langs, True, self))
        kinds = [(k, t.label(ui_lang())) for k, t in NAME_KINDS.items()]
        self.names_view.setItemDelegateForColumn(2, ChoiceDelegate(kinds, False, self))
        head = self.names_view.horizontalHeader()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.names_view.setColumnWidth(1, 110)
        self.names_view.setColumnWidth(2, 140)
        self.relations = RelationsModel(self)
        self.relations_view = _table(self.relations, self)
        self.relations_view.setAccessibleName(self.tr("Related people"))
        self._relation_delegates()

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Names in other scripts and transliterations:")))
        right.addWidget(self.names_view, 1)
        right.addLayout(
            self._row_buttons(
                self.names_view,
                lambda: Name("", "zh-Hans", "legal"),
                self.tr("Add name"),
                self.tr("Remove name"),
            )
        )
        right.addWidget(QLabel(self.tr("Related people:")))
        right.addWidget(self.relations_view, 1)
        right.addLayout(
            self._row_buttons(
                self.relations_view,
                lambda: Relation(name="", relation=""),
                self.tr("Add person"),
                self.tr("Remove person"),
            )
        )

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.addLayout(form, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.error_label, self.buttons = error_label_and_buttons(self)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update_ok)
        self.birth_edit.validityChanged.connect(self._update_ok)

    def _relation_delegates(self) -> None:
        """Choices for a related person: how they are related (or any word), a lawyer's
        role, and the case of their own this one links to (a wife's, a husband's)."""
        from dossier.services.people import case_names

        try:
            names = self.backend.call_sync(case_names)
        except DossierError:
            names = {}
        own = self.original.id if self.original else None
        names = {i: n for i, n in names.items() if i != own}
        self.relations.set_case_names(names)
        kinds = [
            (k, k)
            for k in ("spouse", "lawyer", "client", "parent", "child", "sibling", "colleague")
        ]
        roles = [("", self.tr("— not a lawyer / not known —"))] + [
            (k, both_labels(t)) for k, t in LAWYER_ROLES.items()
        ]
        linked = [("", self.tr("— no case of their own —"))] + list(names.items())
        m = RelationsModel
        self.relations_view.setItemDelegateForColumn(m.RELATION, ChoiceDelegate(kinds, True, self))
        self.relations_view.setItemDelegateForColumn(m.ROLE, ChoiceDelegate(roles, False, self))
        self.relations_view.setItemDelegateForColumn(m.LINKED, ChoiceDelegate(linked, False, self))

    def _row_buttons(self, view: QTableView, make, add_text: str, remove_text: str) -> QHBoxLayout:
        add, remove = QPushButton(add_text, self), QPushButton(remove_text, self)
        model = view.model()

        def on_add() -> None:
            row = model.append(make())
            view.setFocus()
            view.edit(model.index(row, 0))

        def on_remove() -> None:
            rows = sorted({i.row() for i in view.selectionModel().selectedIndexes()}, reverse=True)
            for r in rows:
                model.remove(r)

        add.clicked.connect(on_add)
        remove.clicked.connect(on_remove)
        box = QHBoxLayout()
        box.addWidget(add)
        box.addWidget(remove)
        box.addStretch(1)
        return box

    # -- values ------------------------------------------------------------------------
    def set_case(self, c: Case) -> None:
        self.name_edit.setText(c.name)
        self.occupation_edit.setText(c.occupation or "")
        self.nationality_edit.setText(c.nationality or "")
        self.gender_edit.setText(c.gender or "")
        self.birth_edit.setText(c.birth_year)
        self.sensitivity_box.setCurrentIndex(max(0, self.sensitivity_box.findData(c.sensitivity)))
        self.tags_edit.setText(", ".join(c.tags))
        self.summary_edit.setPlainText(c.summary or "")
        self.summary_tr.load(c.translations.get("summary"), c.summary)
        self.names.set_rows([copy.deepcopy(n) for n in c.names])
        self.relations.set_rows([copy.deepcopy(r) for r in c.relations])
        self.relations_view.resizeColumnsToContents()
        for col in (RelationsModel.ROLE, RelationsModel.LINKED, RelationsModel.NOTE):
            self.relations_view.setColumnWidth(col, max(self.relations_view.columnWidth(col), 120))

    def value(self) -> Case:
        """The case as the fields say; events, asks and ids are kept from the original."""
        c = copy.deepcopy(self.original) if self.original else Case()
        c.name = self.name_edit.text().strip()
        c.occupation = self.occupation_edit.text().strip() or None
        c.nationality = self.nationality_edit.text().strip() or None
        c.gender = self.gender_edit.text().strip() or None
        c.birth_year = self.birth_edit.text() or None
        c.sensitivity = self.sensitivity_box.currentData()
        c.tags = [
            t.strip() for t in self.tags_edit.text().replace("，", ",").split(",") if t.strip()
        ]
        c.summary = self.summary_edit.toPlainText().strip() or None
        c.translations = merged(c.translations, "summary", self.summary_tr.versions())
        c.names = self.names.names()
        c.relations = [copy.deepcopy(r) for r in self.relations.relations()]
        for r in c.relations:
            r.case_id = c.id
        return c

    def _update_ok(self, *_args) -> None:
        ok = bool(self.name_edit.text().strip()) and self.birth_edit.is_valid()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def accept(self) -> None:
        """Write the case on the worker; close once the store took it."""
        try:
            c = self.value()
        except DossierError as exc:
            self.show_error(str(exc))
            return
        cmd: undo.Command = (
            undo.AddCase(self.backend, c)
            if self.original is None
            else undo.EditCase(self.backend, c)
        )
        self.case_id = c.id
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        push_then_close(self, self.undo_stack, cmd, ok, self.show_error)


def new_case(parent: QWidget | None, backend, undo_stack: QUndoStack) -> None:
    """Open the editor for a new case; OK adds it (undoable)."""
    CaseEditor(parent, backend, undo_stack).exec()


def edit_case(parent: QWidget | None, backend, undo_stack: QUndoStack, case_id: str) -> None:
    """Open the editor on a case; OK replaces its own fields (undoable)."""
    case = backend.call_sync(lambda d, i: d.get_case(i), case_id)
    CaseEditor(parent, backend, undo_stack, case).exec()
