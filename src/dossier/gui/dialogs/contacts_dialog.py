"""The contacts manager: colleagues' keys, the verified flag, and your own fingerprint
to read out or paste. Store access runs on the backend's worker, like the share dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dossier.services import sharing

from .share_common import _Dialog, _fit_columns, _selectable

# --- Contacts ----------------------------------------------------------------------------------


class AddContactDialog(QDialog):
    """Name, then a pasted card (`identity show` output) or the two keys one by one."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a colleague"))
        self.name = QLineEdit(self)
        self.card = QPlainTextEdit(self)
        self.card.setPlaceholderText(self.tr("Paste their recipient: and signing-key: lines here"))
        self.recipient = QLineEdit(self)
        self.signing_key = QLineEdit(self)
        self.verified = QCheckBox(
            self.tr("I compared the fingerprint with them in person or by phone"), self
        )
        self.card.textChanged.connect(self._parse_card)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Card"), self.card)
        form.addRow(self.tr("Recipient (age1…)"), self.recipient)
        form.addRow(self.tr("Signing key (ed25519:…)"), self.signing_key)
        form.addRow("", self.verified)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _parse_card(self) -> None:
        recipient, key = sharing.parse_contact_card(self.card.toPlainText())
        if recipient:
            self.recipient.setText(recipient)
        if key:
            self.signing_key.setText(key)

    def values(self) -> tuple[str, str, str | None, bool]:
        return (
            self.name.text().strip(),
            self.recipient.text().strip(),
            self.signing_key.text().strip() or None,
            self.verified.isChecked(),
        )


class ContactsDialog(_Dialog):
    def __init__(self, parent: QWidget | None, backend) -> None:
        super().__init__(parent, backend)
        self.setWindowTitle(self.tr("Contacts and your identity"))
        self.setMinimumSize(640, 420)
        self.card_text = ""
        mine = QGroupBox(self.tr("You"), self)
        self.fingerprint = _selectable(QLabel(mine))
        f = self.fingerprint.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.fingerprint.setFont(f)
        self.keys = _selectable(QLabel(mine))
        self.keys.setWordWrap(False)  # an age1… string has no place to break
        self.keys.setMinimumWidth(self.keys.fontMetrics().horizontalAdvance("m" * 64))
        self.create_button = QPushButton(self.tr("Create my identity"), mine)
        self.create_button.clicked.connect(
            lambda: self.run(sharing.create_identity, on_done=lambda _: self.refresh(), write=True)
        )
        self.copy_button = QPushButton(self.tr("Copy my card"), mine)
        self.copy_button.clicked.connect(self._copy_card)
        self.export_button = QPushButton(self.tr("Export age identity…"), mine)
        self.export_button.clicked.connect(self._export_identity)
        row = QHBoxLayout()
        for b in (self.create_button, self.copy_button, self.export_button):
            row.addWidget(b)
        lay = QVBoxLayout(mine)
        lay.addWidget(self.fingerprint)
        lay.addWidget(self.keys)
        lay.addLayout(row)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Fingerprint"), self.tr("Verified")]
        )
        _fit_columns(self.table)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Contacts"))
        add, remove, verify = (
            QPushButton(t, self)
            for t in (self.tr("Add…"), self.tr("Remove"), self.tr("Verified / not verified"))
        )
        add.clicked.connect(self.add_contact)
        remove.clicked.connect(self.remove_selected)
        verify.clicked.connect(self.toggle_verified)
        buttons = QHBoxLayout()
        for b in (add, remove, verify):
            buttons.addWidget(b)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        main.addWidget(mine)
        main.addWidget(self.table, 1)
        main.addLayout(buttons)
        main.addWidget(self.error)
        main.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self.run(_contacts_context, on_done=self._fill)

    def _fill(self, ctx: dict) -> None:
        me = ctx["me"]
        self.create_button.setVisible(me is None)
        self.copy_button.setEnabled(me is not None)
        self.export_button.setEnabled(me is not None)
        if me is None:
            self.fingerprint.setText(self.tr("No identity yet"))
            self.keys.setText(self.tr("Create one to receive and sign share files."))
        else:
            self.fingerprint.setText(me.fingerprint)
            self.keys.setText(f"{me.recipient}\n{me.signing_key}")
            self.card_text = me.card()
        self.table.setRowCount(0)
        for c in ctx["contacts"]:
            r = self.table.rowCount()
            self.table.insertRow(r)
            for col, text in enumerate(
                (
                    c.name,
                    c.fingerprint or self.tr("no signing key"),
                    self.tr("yes") if c.verified else self.tr("no"),
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (c.name, c.verified))
                self.table.setItem(r, col, item)

    def _copy_card(self) -> None:
        guard = getattr(self.parent(), "clipboard", None)
        if guard is not None and hasattr(guard, "copy"):
            guard.copy(self.card_text)
        else:
            QGuiApplication.clipboard().setText(self.card_text)

    def _export_identity(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export your age identity"), str(Path.home() / "dossier-age-identity.txt")
        )
        if not path:
            return
        answer = QMessageBox.warning(
            self,
            self.tr("Your private key"),
            self.tr(
                "The file will hold your PRIVATE key, unencrypted: anyone who gets it can read "
                "every share sent to you. Write it anyway?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run(
                lambda d, p: sharing.export_age_identity(d, p, overwrite=True),
                path,
                on_done=lambda _: None,
            )

    def _selected(self) -> tuple[str, bool] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def add_contact(self) -> None:
        dlg = AddContactDialog(self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        self.run(sharing.add_contact, *dlg.values(), on_done=lambda _: self.refresh(), write=True)

    def remove_selected(self) -> None:
        sel = self._selected()
        if sel is not None:
            self.run(sharing.remove_contact, sel[0], on_done=lambda _: self.refresh(), write=True)

    def toggle_verified(self) -> None:
        sel = self._selected()
        if sel is not None:
            self.run(
                sharing.set_contact_verified,
                sel[0],
                not sel[1],
                on_done=lambda _: self.refresh(),
                write=True,
            )


def _contacts_context(d) -> dict:
    me = sharing.identity_info(d) if sharing.has_identity(d) else None
    return {"me": me, "contacts": sharing.list_contacts(d)}


def open_contacts(parent: QWidget | None, backend) -> ContactsDialog:
    """Tools ▸ Contacts…: your fingerprint and keys, and your colleagues'."""
    dlg = ContactsDialog(parent, backend)
    dlg.open()
    return dlg
