"""Related people and the asks made on a case; asks and lawyers are added here, and
the case linked to a related person's own case (each undoable); people are edited in
full in the case editor."""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.errors import DossierError
from dossier.core.model import Ask, Case, Relation
from dossier.core.vocab import SENSITIVITIES
from dossier.gui import undo
from dossier.gui.dialogs import case_editor
from dossier.gui.dialogs.people_dialogs import LawyerDialog, LinkDialog
from dossier.gui.models.case_parts import AsksModel, RelationsModel
from dossier.gui.undo_people import LinkCases
from dossier.gui.widgets import both_labels


class AskDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add ask"))
        self.setMinimumWidth(520)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(
            self.tr("e.g. Disclose his whereabouts and allow his family to meet him.")
        )
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Ask"))
        self.addressee = QLineEdit(self)
        self.addressee.setPlaceholderText(self.tr("e.g. PRC authorities, UN member states"))
        self.sensitivity = QComboBox(self)
        for t in SENSITIVITIES.values():
            self.sensitivity.addItem(both_labels(t), t.id)
        form = QFormLayout(self)
        form.addRow(self.tr("&Ask:"), self.text)
        form.addRow(self.tr("&Of whom:"), self.addressee)
        form.addRow(self.tr("Sensiti&vity:"), self.sensitivity)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.text.textChanged.connect(lambda: ok.setEnabled(bool(self.text.toPlainText().strip())))

    def value(self, case_id: str) -> Ask:
        return Ask(
            case_id=case_id,
            text=self.text.toPlainText().strip(),
            addressee=self.addressee.text().strip() or None,
            sensitivity=self.sensitivity.currentData(),
        )


def _table(model, parent: QWidget, name: str) -> QTableView:
    v = QTableView(parent)
    v.setModel(model)
    v.setAccessibleName(name)
    v.verticalHeader().hide()
    v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    v.horizontalHeader().setStretchLastSection(True)
    v.setAlternatingRowColors(True)
    v.setWordWrap(False)
    return v


class PeoplePanel(QWidget):
    """Relations (double-click one with a case of their own to open it) and asks."""

    openCase = Signal(str)
    error = Signal(str)

    def __init__(self, backend, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.case: Case | None = None
        self.relations = RelationsModel(self)
        self.rel_view = _table(self.relations, self, "")
        self.rel_view.doubleClicked.connect(self._open_related)
        self.asks = AsksModel(self)
        self.ask_view = _table(self.asks, self, "")
        head = self.ask_view.horizontalHeader()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.edit_people_btn = QPushButton(self)
        self.edit_people_btn.clicked.connect(self._edit_people)
        self.add_lawyer_btn = QPushButton(self)
        self.add_lawyer_btn.clicked.connect(lambda: self.add_lawyer())
        self.link_btn = QPushButton(self)
        self.link_btn.clicked.connect(lambda: self.link_case())
        self.add_ask_btn = QPushButton(self)
        self.add_ask_btn.clicked.connect(lambda: self.add_ask())
        self.remove_ask_btn = QPushButton(self)
        self.remove_ask_btn.clicked.connect(self.remove_selected_ask)
        self.people_label, self.asks_label = QLabel(self), QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.people_label)
        top.addStretch(1)
        top.addWidget(self.add_lawyer_btn)
        top.addWidget(self.link_btn)
        top.addWidget(self.edit_people_btn)
        mid = QHBoxLayout()
        mid.addWidget(self.asks_label)
        mid.addStretch(1)
        mid.addWidget(self.add_ask_btn)
        mid.addWidget(self.remove_ask_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.rel_view, 2)  # lawyers and linked cases: room for several rows
        lay.addLayout(mid)
        lay.addWidget(self.ask_view, 2)
        self.retranslate()
        self.set_case(None)

    def retranslate(self) -> None:
        self.rel_view.setAccessibleName(self.tr("Related people"))
        self.ask_view.setAccessibleName(self.tr("Asks"))
        self.people_label.setText(
            self.tr("<b>Related people</b> — double-click one with a case of their own to open it")
        )
        self.asks_label.setText(self.tr("<b>Asks</b> — what is being requested, and of whom"))
        self.edit_people_btn.setText(self.tr("Edit people…"))
        self.add_lawyer_btn.setText(self.tr("Add lawyer…"))
        self.link_btn.setText(self.tr("Link to case…"))
        self.link_btn.setToolTip(
            self.tr("Link this case to a related person's own case (a wife's, a husband's)")
        )
        self.add_ask_btn.setText(self.tr("Add ask…"))
        self.remove_ask_btn.setText(self.tr("Remove ask"))
        self.relations.retranslate()
        self.asks.retranslate()

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    def set_case(self, case: Case | None) -> None:
        self.case = copy.deepcopy(case) if case else None
        self.relations.set_rows(case.relations if case else [])
        if case is not None and any(r.other_case_id for r in case.relations):
            self.relations.set_case_names(self._case_names())
        self.asks.set_rows(case.asks if case else [])
        self.rel_view.resizeColumnsToContents()
        self.rel_view.setColumnWidth(0, max(self.rel_view.columnWidth(0), 220))
        self.rel_view.setColumnWidth(1, max(self.rel_view.columnWidth(1), 140))
        enabled = case is not None
        for b in (
            self.add_ask_btn,
            self.remove_ask_btn,
            self.edit_people_btn,
            self.add_lawyer_btn,
            self.link_btn,
        ):
            b.setEnabled(enabled)

    def _open_related(self, index) -> None:
        rel = self.relations.record(index.row())
        if rel is not None and rel.other_case_id:
            self.openCase.emit(rel.other_case_id)

    def _edit_people(self) -> None:
        if self.case is not None:
            case_editor.edit_case(self, self.backend, self.undo_stack, self.case.id)

    def _case_names(self) -> dict[str, str]:
        from dossier.services.people import case_names

        try:
            return self.backend.call_sync(case_names)
        except DossierError:
            return {}

    def add_lawyer(self, rel: Relation | None = None) -> None:
        """Add a lawyer (or `rel`) to the case, undoably."""
        if self.case is None:
            return
        if rel is None:
            dlg = LawyerDialog(self)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            rel = dlg.value(self.case.id)
        case = copy.deepcopy(self.case)
        case.relations = [*case.relations, rel]
        cmd = undo.EditCase(self.backend, case, text=self.tr("Add lawyer"))
        undo.push(self.undo_stack, cmd, on_error=self.error.emit, context=self)

    def link_case(
        self,
        other_id: str | None = None,
        relation: str = "",
        note: str | None = None,
        both_ways: bool = True,
    ) -> None:
        """Link the case to another case (a chooser unless `other_id`), undoably, both ways."""
        if self.case is None:
            return
        names = self._case_names()
        names.pop(self.case.id, None)
        if other_id is None:
            dlg = LinkDialog(names, self)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            other_id, relation, note, both_ways = dlg.value()
        cmd = LinkCases(
            self.backend,
            self.case.id,
            other_id,
            relation,
            note,
            both_ways,
            names=(self.case.name, names.get(other_id, "")),
        )
        undo.push(self.undo_stack, cmd, on_error=self.error.emit, context=self)

    def _push_asks(self, asks: list[Ask], text: str) -> None:
        assert self.case is not None
        case = copy.deepcopy(self.case)
        case.asks = asks
        cmd = undo.EditCase(self.backend, case, text=text)
        undo.push(self.undo_stack, cmd, on_error=self.error.emit, context=self)

    def add_ask(self, ask: Ask | None = None) -> None:
        """Add `ask` (or one typed in a dialog) to the case, undoably."""
        if self.case is None:
            return
        if ask is None:
            dlg = AskDialog(self)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            ask = dlg.value(self.case.id)
        self._push_asks(self.case.asks + [ask], self.tr("Add ask"))

    def remove_selected_ask(self) -> None:
        rows = {i.row() for i in self.ask_view.selectionModel().selectedRows()}
        if self.case is None or not rows:
            return
        gone = {self.asks.record(r).id for r in rows}
        self._push_asks([a for a in self.case.asks if a.id not in gone], self.tr("Remove ask"))
