"""Two small dialogs of the People tab: add a lawyer (name, role, note) and link the
case to another case in the store (how they are related, both ways or one)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from dossier.core.model import Relation
from dossier.core.vocab import LAWYER_ROLES
from dossier.gui.widgets import both_labels

RELATION_WORDS = ("spouse", "lawyer", "client", "parent", "child", "sibling", "colleague")


def _buttons(dlg: QDialog, form: QFormLayout, ready) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dlg.accept)
    box.rejected.connect(dlg.reject)
    form.addRow(box)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setEnabled(ready())
    return box


class LawyerDialog(QDialog):
    """A lawyer on the case, and who appointed them or what became of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add lawyer"))
        self.setMinimumWidth(460)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Lawyer's name"))
        self.role = QComboBox(self)
        self.role.setAccessibleName(self.tr("Lawyer's role"))
        self.role.addItem(self.tr("— not known —"), "")
        for t in LAWYER_ROLES.values():
            self.role.addItem(both_labels(t), t.id)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("e.g. refused access since March 2016"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("N&ote:"), self.note)
        self.buttons = _buttons(self, form, lambda: False)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))

    def value(self, case_id: str) -> Relation:
        return Relation(
            case_id=case_id,
            name=self.name.text().strip(),
            relation="lawyer",
            role=self.role.currentData() or None,
            note=self.note.text().strip() or None,
        )


class LinkDialog(QDialog):
    """Choose another case and say how that person is related to this one."""

    def __init__(self, cases: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link to another case"))
        self.setMinimumWidth(460)
        self.other = QComboBox(self)
        self.other.setAccessibleName(self.tr("Other case"))
        for cid, name in cases.items():
            self.other.addItem(name, cid)
        self.relation = QComboBox(self)
        self.relation.setEditable(True)
        self.relation.setAccessibleName(self.tr("Relation"))
        self.relation.addItems(list(RELATION_WORDS))
        self.note = QLineEdit(self)
        self.both = QCheckBox(self.tr("Also link the other case back to this one"), self)
        self.both.setChecked(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Case:"), self.other)
        form.addRow(self.tr("&Is this person's:"), self.relation)
        form.addRow(self.tr("N&ote:"), self.note)
        form.addRow("", self.both)
        self.buttons = _buttons(self, form, lambda: bool(cases))

    def value(self) -> tuple[str, str, str | None, bool]:
        """(other case id, relation, note, both ways)."""
        return (
            self.other.currentData(),
            self.relation.currentText().strip(),
            self.note.text().strip() or None,
            self.both.isChecked(),
        )
