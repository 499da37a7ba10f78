"""The window's sharing dialogs: Share… and Import share file… (Contacts: contacts_dialog).

Every store access runs on the backend's worker through `backend.run` (decrypting and
verifying a share takes as long as the file is big); the dialogs only collect choices
and show results. The import dialog is the preview the security design asks for: who
signed the file and whether they are a verified contact, what would be added or
updated, each conflict with its own choice (keep both — the default, so nothing is
lost —, keep mine, take theirs), and likely duplicates; nothing is written until
Import is pressed, and then in one transaction. An unknown signer is refused unless
the researcher, shown the signer's fingerprint, accepts it explicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dossier.core.errors import IntegrityError
from dossier.core.vocab import AUDIENCES
from dossier.gui.widgets import both_labels
from dossier.services import sharing

from ..i18n import error_message
from .contacts_dialog import AddContactDialog, ContactsDialog, open_contacts  # noqa: F401  (the Tools menu opens contacts from here)
from .share_common import _Dialog, _fit_columns, _selectable

SHARE_FILTER = "Share files (*.age *.dshare);;All files (*)"


class ShareExportDialog(_Dialog):
    def __init__(self, parent: QWidget | None, backend, case_ids: list[str]) -> None:
        super().__init__(parent, backend)
        self.case_ids = list(case_ids)
        self.report: sharing.ExportReport | None = None
        self.setWindowTitle(self.tr("Share cases"))
        self.setMinimumWidth(560)
        what = QGroupBox(self.tr("What to share"), self)
        self.selected = QRadioButton(
            self.tr("The selected cases (%n)", "", len(self.case_ids)), what
        )
        self.by_tag = QRadioButton(self.tr("Cases with the tag"), what)
        self.tag_box = QComboBox(what)
        self.everything = QRadioButton(self.tr("All cases"), what)
        self.which = QButtonGroup(self)
        for b in (self.selected, self.by_tag, self.everything):
            self.which.addButton(b)
        (self.selected if self.case_ids else self.everything).setChecked(True)
        self.selected.setEnabled(bool(self.case_ids))
        row = QHBoxLayout()
        row.addWidget(self.by_tag)
        row.addWidget(self.tag_box, 1)
        lay = QVBoxLayout(what)
        lay.addWidget(self.selected)
        lay.addLayout(row)
        lay.addWidget(self.everything)
        self.audience = QComboBox(self)
        for key, term in AUDIENCES.items():
            self.audience.addItem(both_labels(term), key)
        self.audience.setCurrentIndex(self.audience.findData("internal"))
        self.audience.setToolTip(self.tr("Records more sensitive than this never leave the store"))
        self.contacts = QListWidget(self)
        self.contacts.setAccessibleName(self.tr("Recipients"))
        self.extra = QLineEdit(self)
        self.extra.setPlaceholderText(self.tr("or paste an age1… recipient"))
        self.use_passphrase = QCheckBox(self.tr("Protect with a passphrase instead"), self)
        self.pass1, self.pass2 = QLineEdit(self), QLineEdit(self)
        for f, text in ((self.pass1, self.tr("Share passphrase")), (self.pass2, self.tr("Again"))):
            f.setEchoMode(QLineEdit.EchoMode.Password)
            f.setPlaceholderText(text)
            f.setAccessibleName(text)
            f.setEnabled(False)
        self.use_passphrase.toggled.connect(self._toggle_passphrase)
        self.output = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        self.signer = _selectable(QLabel(self))
        form = QFormLayout()
        form.addRow(self.tr("Audience"), self.audience)
        form.addRow(self.tr("For"), self.contacts)
        form.addRow("", self.extra)
        form.addRow("", self.use_passphrase)
        form.addRow("", self.pass1)
        form.addRow("", self.pass2)
        form.addRow(self.tr("Save as"), out_row)
        form.addRow(self.tr("Signed by"), self.signer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Share"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        main.addWidget(what)
        main.addLayout(form)
        main.addWidget(self.error)
        main.addWidget(self.buttons)
        self.run(_export_context, on_done=self._fill)

    def _fill(self, ctx: dict) -> None:
        self.tag_box.addItems(ctx["tags"])
        self.by_tag.setEnabled(bool(ctx["tags"]))
        for c in ctx["contacts"]:
            mark = self.tr("verified") if c.verified else self.tr("not verified")
            self.contacts.addItem(
                f"{c.name} — {c.fingerprint or self.tr('no signing key')} ({mark})"
            )
            item = self.contacts.item(self.contacts.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, c.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        me = ctx["me"]
        self.signer.setText(
            self.tr("you — fingerprint %1").replace("%1", me.fingerprint)
            if me
            else self.tr("You have no identity yet: create it under Tools ▸ Contacts.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(me is not None)

    def _toggle_passphrase(self, on: bool) -> None:
        for w in (self.pass1, self.pass2):
            w.setEnabled(on)
        self.contacts.setEnabled(not on)
        self.extra.setEnabled(not on)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the share file"), str(Path.home() / "share.age"), SHARE_FILTER
        )
        if path:
            self.output.setText(path)

    def recipients(self) -> list[str]:
        out = []
        for i in range(self.contacts.count()):
            item = self.contacts.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        if self.extra.text().strip():
            out.append(self.extra.text().strip())
        return out

    def accept(self) -> None:
        path = self.output.text().strip()
        if not path:
            self.show_error(self.tr("Choose where to save the share file."))
            return
        passphrase = None
        to = self.recipients()
        if self.use_passphrase.isChecked():
            if not self.pass1.text() or self.pass1.text() != self.pass2.text():
                self.show_error(self.tr("The two passphrases are empty or differ."))
                return
            passphrase, to = self.pass1.text(), []
        elif not to:
            self.show_error(self.tr("Choose at least one colleague, or a passphrase."))
            return
        mode = "all" if self.everything.isChecked() else "tag" if self.by_tag.isChecked() else "ids"
        self.run(
            _export,
            path,
            mode,
            self.case_ids,
            self.tag_box.currentText(),
            to,
            passphrase,
            self.audience.currentData(),
            on_done=self._exported,
        )

    def _exported(self, report: sharing.ExportReport) -> None:
        self.report = report
        c = report.counts
        text = self.tr("Wrote %1: %2 cases, %3 events, %4 attachments.")
        for i, v in enumerate((report.output, c["cases"], c["events"], c["attachments"]), 1):
            text = text.replace(f"%{i}", str(v))
        QMessageBox.information(self, self.tr("Share written"), text)
        super().accept()


def _export_context(d) -> dict:
    me = sharing.identity_info(d) if sharing.has_identity(d) else None
    return {"tags": d.tags(), "contacts": sharing.list_contacts(d), "me": me}


def _export(d, path, mode, case_ids, tag, to, passphrase, audience):
    ids = None if mode == "all" else d.case_ids_with_tag(tag) if mode == "tag" else case_ids
    return sharing.export_share(d, path, ids, to=to, passphrase=passphrase, audience=audience)


def open_share_export(parent: QWidget | None, backend, case_ids: list[str]) -> ShareExportDialog:
    """Tools ▸ Share…: choose cases, audience and colleagues, then write the file."""
    dlg = ShareExportDialog(parent, backend, case_ids)
    dlg.open()
    return dlg


# --- Import share file… ----------------------------------------------------------------------


class ShareImportDialog(_Dialog):
    imported = Signal()  # a share was merged: the undo history before it no longer holds

    def __init__(self, parent: QWidget | None, backend, path: str = "") -> None:
        super().__init__(parent, backend)
        self.pending: sharing.PendingImport | None = None
        self.report = None
        self._accepting = False
        self._closing = False
        self.setWindowTitle(self.tr("Import a share file"))
        self.setMinimumSize(640, 480)
        self.path = QLineEdit(path, self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Only for a passphrase share"))
        self.check = QPushButton(self.tr("Check"), self)
        self.check.clicked.connect(lambda: self.preview(False))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.check)
        self.summary = _selectable(QLabel(self))
        self.conflicts = QTableWidget(0, 3, self)
        self.conflicts.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Changed on both sides"), self.tr("Resolution")]
        )
        _fit_columns(self.conflicts)
        self.conflicts.setAccessibleName(self.tr("Conflicts"))
        self.duplicates = QListWidget(self)
        self.duplicates.setAccessibleName(self.tr("Likely duplicates"))
        self.result = QPlainTextEdit(self)
        self.result.setReadOnly(True)
        self.result.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Share passphrase"), self.passphrase)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(QLabel(self.tr("Conflicts — records changed on both sides:"), self))
        lay.addWidget(self.conflicts, 2)
        lay.addWidget(
            QLabel(self.tr("Likely duplicates (a suggestion to merge, nothing automatic):"), self)
        )
        lay.addWidget(self.duplicates, 1)
        lay.addWidget(self.result, 2)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a share file"), str(Path.home()), SHARE_FILTER
        )
        if path:
            self.path.setText(path)
            self.preview(False)

    def _drop_pending(self) -> None:
        """A preview not applied: its staged attachment bodies are thrown away now."""
        if self.pending is not None:
            self.pending.discard()
        self.pending = None

    def reject(self) -> None:
        self._closing = True
        self._drop_pending()
        super().reject()

    def preview(self, accept_unknown: bool) -> None:
        self._drop_pending()
        self.import_button.setEnabled(False)
        self._accepting = accept_unknown
        self.run(
            _preview,
            self.path.text().strip(),
            self.passphrase.text() or None,
            accept_unknown,
            on_done=self._show_preview,
        )

    def on_failure(self, exc: BaseException) -> None:
        text = error_message(exc)
        if isinstance(exc, IntegrityError) and "unknown key" in text and not self._accepting:
            answer = QMessageBox.warning(
                self,
                self.tr("Unknown signer"),
                self.tr(
                    "%1\n\nImport it only if you trust where it came from. Accept this "
                    "signer for this import?"
                ).replace("%1", exc.message),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.preview(True)
                return
        self.show_error(text + "\n" + self.tr("Nothing was imported."))

    def _show_preview(self, pending: sharing.PendingImport) -> None:
        if self._closing:  # cancelled while it was being checked
            pending.discard()
            return
        self._drop_pending()
        self.pending = pending
        doc = pending.preview.to_json()
        lines = pending.info.lines()[:3]

        def counts(c: dict) -> str:
            return ", ".join(f"{n} {k}" for k, n in c.items() if n) or self.tr("nothing")

        lines.append(self.tr("New: %1").replace("%1", counts(doc["new"])))
        lines.append(
            self.tr("Changed on their side only: %1").replace("%1", counts(doc["changed"]))
        )
        lines.append(self.tr("Unchanged: %1").replace("%1", str(doc["unchanged"])))
        if any(c.note == sharing.UNVERIFIED_NOTE for c in pending.preview.conflicts):
            lines.append(
                self.tr(
                    "The signer is not a contact you verified in person: their "
                    "changes to your records are listed below for review."
                )
            )
        if pending.info.passphrase:
            lines.append(
                self.tr(
                    "A passphrase share is not bound to its passphrase: anyone who "
                    "knows it can re-encrypt the file, and it still verifies. The "
                    "signature shows who made it, not who sent it to you."
                )
            )
        # why not undoable: a share is merged record by record (conflicts, deletions,
        # trusted keys); the undo history before it is cleared (services/undoing.py)
        lines.append(
            self.tr(
                "Importing a share cannot be undone: it merges records one by one. "
                "Make a backup first if you may want to go back."
            )
        )
        self.summary.setText("\n".join(lines))
        self.conflicts.setRowCount(0)
        for c in pending.preview.conflicts:
            r = self.conflicts.rowCount()
            self.conflicts.insertRow(r)
            item = QTableWidgetItem(f"{c.kind}: {c.label}")
            item.setData(Qt.ItemDataRole.UserRole, c.key)
            self.conflicts.setItem(r, 0, item)
            self.conflicts.setItem(r, 1, QTableWidgetItem(", ".join(c.fields)))
            box = QComboBox(self.conflicts)
            box.addItem(self.tr("Keep both"), "both")  # the default: nothing is lost
            box.addItem(self.tr("Keep mine"), "mine")
            box.addItem(self.tr("Take theirs"), "theirs")
            self.conflicts.setCellWidget(r, 2, box)
        self.duplicates.clear()
        for dup in pending.preview.duplicates:
            self.duplicates.addItem(
                self.tr("“%1” looks like your “%2”: %3")
                .replace("%1", dup.incoming_name)
                .replace("%2", dup.local_name)
                .replace("%3", dup.reason)
            )
        self.import_button.setEnabled(True)

    def resolutions(self) -> dict:
        out = {}
        for r in range(self.conflicts.rowCount()):
            key = self.conflicts.item(r, 0).data(Qt.ItemDataRole.UserRole)
            out[tuple(key)] = sharing.Resolution(self.conflicts.cellWidget(r, 2).currentData())
        return out

    def accept(self) -> None:
        if self.report is not None:
            super().accept()
            return
        if self.pending is None:
            return
        self.show_error("")
        self.setEnabled(False)

        def failed(message: str) -> None:
            self.setEnabled(True)
            self.show_error(message)

        def done(report) -> None:
            self.setEnabled(True)
            self._applied(report)

        self.backend.perform(
            sharing.apply_share,
            self.pending,
            self.resolutions(),
            label="share import",
            on_done=done,
            on_error=failed,
            context=self,
        )

    def _applied(self, report) -> None:
        self.report = report
        self.result.setPlainText("\n".join(report.lines()))
        self.result.show()
        self.import_button.setText(self.tr("Close"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.check.setEnabled(False)
        self.imported.emit()


def _preview(d, path: str, passphrase: str | None, accept_unknown: bool) -> sharing.PendingImport:
    return sharing.preview_share(d, path, passphrase, accept_unknown_signer=accept_unknown)


def open_share_import(
    parent: QWidget | None, backend, on_imported: Callable[[], None] | None = None
) -> ShareImportDialog:
    """Tools ▸ Import share file…: choose a file, see the preview, resolve, import.
    `on_imported` runs once a share was merged (the window clears its undo history)."""
    dlg = ShareImportDialog(parent, backend)
    if on_imported is not None:
        dlg.imported.connect(on_imported)
    dlg.open()
    return dlg
