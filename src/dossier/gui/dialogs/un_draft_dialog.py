"""Case ▸ UN communication draft…: a WGEID, WGAD or urgent-appeal draft for one case.

The options the case cannot answer (submitter, what the family did, remedies, the WGAD
categories, mandates) are on the left; the checklist of required elements — missing
ones in red — and the draft as text are on the right, rebuilt on the backend's worker
a moment after each change. Copy puts the text on the clipboard for the online forms;
Save PDF… and Save text… write an unencrypted file (the dialog says so); Mark as sent…
logs the communication on the case with the UN's reference. Confidential records stay
out unless "Include confidential records" is ticked.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dossier.briefing.un import (
    MANDATES,
    MECHANISMS,
    WGAD_CATEGORIES,
    DraftOptions,
    draft_pdf,
    draft_text,
)
from dossier.core.fileio import atomic_write_bytes
from dossier.gui.backend import Backend
from dossier.gui.i18n import error_message
from dossier.gui.undo import AddEvent, EditCase, push
from dossier.services import un_drafts

_RED, _GREEN = QColor("#b00020"), QColor("#1e6b2e")


def _load(d, case_id: str):
    return un_drafts.draft_options(d, case_id), d.get_case(case_id)


def _build(d, case_id: str, mechanism: str, opts: DraftOptions, as_of, confidential: bool):
    draft = un_drafts.un_draft(
        d, case_id, mechanism, opts, as_of=as_of, include_confidential=confidential
    )
    un_drafts.save_draft_options(d, case_id, opts)
    return draft, draft_text(draft)


class UnDraftDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, backend: Backend, undo_stack: QUndoStack, case_id: str
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.case_id = case_id
        self.draft = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("UN communication draft"))
        self.setSizeGripEnabled(True)
        self.resize(1100, 760)
        self._loading = True

        left = QWidget(self)
        left.setMinimumWidth(360)
        form = QFormLayout(left)
        self.mechanism = QComboBox(left)
        for key, label in ((k, self._mechanism_label(k)) for k in MECHANISMS):
            self.mechanism.addItem(label, key)
        self.as_of = QDateEdit(QDate.currentDate(), left)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.confidential = QCheckBox(self.tr("Include confidential records"), left)
        self.confidential.setToolTip(
            self.tr(
                "Confidential events and the names of protected "
                "sources leave the store only if you tick this"
            )
        )
        self.organisation = QLineEdit(left)
        self.organisation.setPlaceholderText(self.tr("Name and address of the submitter"))
        self.public = QCheckBox(self.tr("The submitter may be named"), left)
        self.consent = QComboBox(left)
        self.consent.addItem(self.tr("Not recorded"), None)
        self.consent.addItem(self.tr("Given"), "given")
        self.consent.addItem(self.tr("Refused"), "refused")
        self.consent.addItem(self.tr("Not asked yet"), "not_asked")
        self.consent.setToolTip(
            self.tr(
                "Recorded on the case (undoable): the mechanisms take "
                "cases from families or with their consent"
            )
        )
        self.case = None
        self.family_steps = self._text(left, self.tr("Inquiries, complaints, petitions…"))
        self.remedies = self._text(left, self.tr("Domestic remedies tried and their results"))
        self.warrant = QLineEdit(left)
        self.categories = {
            k: QCheckBox(v.split(" — ")[0], left) for k, v in WGAD_CATEGORIES.items()
        }
        for k, box in self.categories.items():
            box.setToolTip(WGAD_CATEGORIES[k])
        cats = QHBoxLayout()
        for box in self.categories.values():
            cats.addWidget(box)
        self.mandates = QListWidget(left)
        for key, name in MANDATES.items():
            item = QListWidgetItem(name, self.mandates)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.mandates.setMaximumHeight(130)
        self.mandates.setWordWrap(True)
        self.account = self._text(left, self.tr("Default: the case summary and its timeline"))
        form.addRow(self.tr("Mechanism"), self.mechanism)
        form.addRow(self.tr("Facts as of"), self.as_of)
        form.addRow("", self.confidential)
        form.addRow(self.tr("Submitted by"), self.organisation)
        form.addRow("", self.public)
        form.addRow(self.tr("Family's consent"), self.consent)
        form.addRow(self.tr("Steps by the family"), self.family_steps)
        form.addRow(self.tr("Domestic remedies"), self.remedies)
        form.addRow(self.tr("Warrant shown"), self.warrant)
        form.addRow(self.tr("WGAD categories"), cats)
        form.addRow(self.tr("Mandates"), self.mandates)
        form.addRow(self.tr("Account"), self.account)

        right = QWidget(self)
        col = QVBoxLayout(right)
        col.setContentsMargins(8, 0, 0, 0)
        col.addWidget(QLabel(self.tr("Checklist of required elements"), right))
        self.checklist = QListWidget(right)
        self.checklist.setMaximumHeight(190)
        self.checklist.setWordWrap(True)
        col.addWidget(self.checklist)
        self.text = QPlainTextEdit(right)
        self.text.setReadOnly(True)
        col.addWidget(self.text, 1)
        self.note = QLabel(
            self.tr("Saved files are not encrypted: keep them only as long as you need them."),
            right,
        )
        self.note.setWordWrap(True)
        col.addWidget(self.note)
        self.error = QLabel(right)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        col.addWidget(self.error)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(
            self.tr("Copy text"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.pdf_button = buttons.addButton(
            self.tr("Save PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.txt_button = buttons.addButton(
            self.tr("Save text…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sent_button = buttons.addButton(
            self.tr("Mark as sent…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_text)
        self.pdf_button.clicked.connect(lambda: self.save(pdf=True))
        self.txt_button.clicked.connect(lambda: self.save(pdf=False))
        self.sent_button.clicked.connect(self.mark_sent)
        buttons.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        main.addWidget(split, 1)
        main.addWidget(buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(300)
        self.timer.timeout.connect(self.rebuild)
        for sig in (
            self.mechanism.currentIndexChanged,
            self.as_of.dateChanged,
            self.confidential.toggled,
            self.organisation.textChanged,
            self.public.toggled,
            self.family_steps.textChanged,
            self.remedies.textChanged,
            self.warrant.textChanged,
            self.account.textChanged,
            self.mandates.itemChanged,
        ):
            sig.connect(self._changed)
        for box in self.categories.values():
            box.toggled.connect(self._changed)
        backend.locked.connect(self.reject)
        backend.run(_load, case_id, on_done=self._fill, on_error=self._failed, context=self)

    def _mechanism_label(self, key: str) -> str:
        return {
            "wgeid": self.tr("WGEID — enforced disappearance"),
            "wgad": self.tr("WGAD — arbitrary detention"),
            "ua": self.tr("Special Procedures — urgent appeal"),
        }[key]

    @staticmethod
    def _text(parent: QWidget, hint: str) -> QPlainTextEdit:
        box = QPlainTextEdit(parent)
        box.setTabChangesFocus(True)
        box.setPlaceholderText(hint)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 12)
        return box

    # -- options ------------------------------------------------------------------------
    def _fill(self, loaded) -> None:
        opts, self.case = loaded
        self.setWindowTitle(self.tr("UN communication draft — %1").replace("%1", self.case.name))
        self.consent.setCurrentIndex(max(0, self.consent.findData(self.case.family_consent)))
        self.consent.currentIndexChanged.connect(self._consent_changed)
        self.organisation.setText(opts.organisation)
        self.public.setChecked(not opts.confidential_submitter)
        self.family_steps.setPlainText(opts.family_steps)
        self.remedies.setPlainText(opts.remedies)
        self.warrant.setText(opts.warrant)
        self.account.setPlainText(opts.account)
        for k, box in self.categories.items():
            box.setChecked(k in opts.categories)
        for i in range(self.mandates.count()):
            item = self.mandates.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in opts.mandates
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._loading = False
        self.rebuild()

    def options(self) -> DraftOptions:
        mandates = tuple(
            self.mandates.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.mandates.count())
            if self.mandates.item(i).checkState() == Qt.CheckState.Checked
        )
        return DraftOptions(
            organisation=self.organisation.text().strip(),
            confidential_submitter=not self.public.isChecked(),
            family_steps=self.family_steps.toPlainText().strip(),
            remedies=self.remedies.toPlainText().strip(),
            warrant=self.warrant.text().strip(),
            categories=tuple(k for k, b in self.categories.items() if b.isChecked()),
            mandates=mandates,
            account=self.account.toPlainText().strip(),
        )

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.timer.start()

    # -- building -----------------------------------------------------------------------
    def rebuild(self) -> None:
        if not self.backend.is_open:
            return
        self.backend.run(
            _build,
            self.case_id,
            self.mechanism.currentData(),
            self.options(),
            self.as_of.date().toPython(),
            self.confidential.isChecked(),
            on_done=self._built,
            on_error=self._failed,
            context=self,
            key=f"un-draft-{id(self)}",
        )

    def _built(self, result) -> None:
        self.draft, text = result
        self.error.hide()
        self.checklist.clear()
        for e in sorted(self.draft.checklist(), key=lambda e: not e.missing):
            label = (self.tr("Missing: %1") if e.missing else "✓ %1").replace("%1", e.label)
            item = QListWidgetItem(label, self.checklist)
            item.setForeground(_RED if e.missing else _GREEN)
            if e.missing and e.note:
                item.setToolTip(e.note)
        self.text.setPlainText(text)

    def _failed(self, exc: BaseException) -> None:
        msg = error_message(exc)
        self.error.setText(self.tr("Could not make the draft: %1").replace("%1", msg))
        self.error.show()

    # -- output -------------------------------------------------------------------------
    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def save(self, *, pdf: bool) -> None:
        if self.draft is None:
            return
        suffix = ".pdf" if pdf else ".txt"
        default = str(Path.home() / f"{self.draft.mechanism}-draft{suffix}")
        flt = self.tr("PDF files (*.pdf)") if pdf else self.tr("Text files (*.txt)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the draft"), default, flt)
        if not path:
            return
        target = Path(path) if path.lower().endswith(suffix) else Path(path + suffix)
        text = self.text.toPlainText()
        self.backend.run_unlocked(
            _write,
            target,
            self.draft,
            pdf,
            text,
            on_done=lambda _r: self.note.setText(
                self.tr("Saved to %1 (not encrypted)").replace("%1", str(target))
            ),
            on_error=self._failed,
            context=self,
        )

    def mark_sent(self) -> None:
        reference, ok = QInputDialog.getText(
            self,
            self.tr("Mark as sent"),
            self.tr("Reference the UN gave (e.g. UA CHN 5/2018), if any:"),
        )
        if not ok:
            return
        event = un_drafts.un_action_event(
            self.case_id,
            self.mechanism.currentData(),
            QDate.currentDate().toString("yyyy-MM-dd"),
            reference=reference.strip() or None,
        )
        # one undoable edit, like every other edit of a case
        push(
            self.undo_stack,
            AddEvent(self.backend, self.case_id, event, on_error=self._show),
            on_done=lambda _e: self.note.setText(
                self.tr("Logged on the case as a UN action (Edit ▸ Undo takes it back).")
            ),
            on_error=self._show,
            context=self,
        )

    def _consent_changed(self) -> None:
        """The family's consent is a fact of the case: one undoable edit of it."""
        if self.case is None:
            return
        case = copy.deepcopy(self.case)
        case.family_consent = self.consent.currentData()
        self.case = case
        push(
            self.undo_stack,
            EditCase(self.backend, case, on_error=self._show),
            on_done=lambda _c: self.rebuild(),  # the draft reads the case as stored
            context=self,
        )

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def _write(target: Path, draft, pdf: bool, text: str) -> None:
    """Off the UI thread: lay out the PDF (or take the text) and write it atomically."""
    atomic_write_bytes(target, draft_pdf(draft) if pdf else text.encode("utf-8"))


def open_un_draft_dialog(
    parent: QWidget | None, backend: Backend, undo_stack: QUndoStack, case_id: str
) -> UnDraftDialog:
    """Case ▸ UN communication draft…, for the selected case, window-modal."""
    dlg = UnDraftDialog(parent, backend, undo_stack, case_id)
    dlg.open()
    return dlg
