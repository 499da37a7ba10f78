"""Sources and their files: what each fact rests on, and the documents behind it.

Files dropped onto a source are attached to it (encrypted in the store, on the
worker). Opening a file shows images and text in memory; anything else is written to
a core.scratch private folder (memory backed where there is one, 0700, files 0600) for
the system viewer, and wiped when Dossier locks or quits — nothing decrypted is left
behind on purpose. A program or shortcut type (core.scratch.is_risky: 'ruling.pdf.exe',
.hta, .lnk, .desktop …) is never handed to the system: the researcher is warned and
may save a copy where they choose instead.
"""

from __future__ import annotations

import atexit
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core import scratch
from dossier.core.errors import DossierError
from dossier.core.fileio import atomic_write_bytes
from dossier.core.model import Attachment, Source
from dossier.gui import undo
from dossier.gui.colors import muted_text
from dossier.gui.dialogs import source_editor
from dossier.gui.i18n import error_message
from dossier.gui.models.sources_model import AttachmentsModel, SourcesModel

TEXT_TYPES = ("text/", "application/json", "application/xml")
MAX_INLINE_TEXT = 2_000_000


class DecryptedCopies(QObject):
    """Decrypted copies for the system viewer, in a core.scratch private folder (memory
    backed where there is one), wiped on lock, on quit and at exit."""

    def __init__(self, backend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scratch = scratch.ScratchDir("open")
        backend.locked.connect(self.purge)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.purge)
        atexit.register(self.purge)

    @property
    def folder(self) -> Path | None:
        return self._scratch.folder

    def write(self, filename: str, data: bytes) -> Path:
        return self._scratch.write(filename, data)

    def purge(self) -> None:
        self._scratch.close()


class AttachmentViewer(QDialog):
    """An image or a text file shown from memory: no copy ever touches the disk."""

    def __init__(self, att: Attachment, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(att.filename)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lay = QVBoxLayout(self)
        if att.media_type.startswith("image/"):
            pix = QPixmap()
            pix.loadFromData(data)
            label = QLabel(self)
            label.setPixmap(pix)
            label.setAccessibleName(att.filename)
            area = QScrollArea(self)
            area.setWidget(label)
            area.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lay.addWidget(area)
        else:
            text = QPlainTextEdit(self)
            text.setReadOnly(True)
            text.setPlainText(data[:MAX_INLINE_TEXT].decode("utf-8", errors="replace"))
            lay.addWidget(text)
        self.resize(760, 560)


def viewable_inline(att: Attachment) -> bool:
    return att.media_type.startswith("image/") or att.media_type.startswith(TEXT_TYPES)


def _view(model, parent: QWidget) -> QTableView:
    v = QTableView(parent)
    v.setModel(model)
    v.verticalHeader().hide()
    v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    v.horizontalHeader().setStretchLastSection(True)
    v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    v.setAlternatingRowColors(True)
    v.setWordWrap(False)
    return v


class SourcesPanel(QWidget):
    """The sources of a case (those its events cite), their files, drop to attach."""

    status = Signal(str)  # a message for the status bar

    def __init__(self, backend, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.case_id: str | None = None
        self._cited: list[str] = []
        self._extra: set[str] = set()
        self.copies = DecryptedCopies(backend, self)
        self.model = SourcesModel(self)
        self.model.filesDropped.connect(self.attach)
        self.view = _view(self.model, self)
        self.view.setAcceptDrops(True)
        self.view.viewport().setAcceptDrops(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.view.setDragDropOverwriteMode(True)
        self.view.setDropIndicatorShown(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.attachments = AttachmentsModel(self)
        self.att_view = _view(self.attachments, self)
        ahead = self.att_view.horizontalHeader()
        ahead.setStretchLastSection(False)
        ahead.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ahead.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        ahead.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.att_view.doubleClicked.connect(lambda _i: self.open_selected())

        self.show_all = QCheckBox(self)
        self.show_all.toggled.connect(lambda _on: self.reload())
        self.add_btn = add = QPushButton(self)
        add.clicked.connect(self.add_source)
        self.edit_btn = QPushButton(self)
        self.edit_btn.clicked.connect(self.edit_selected)
        self.attach_btn = QPushButton(self)
        self.attach_btn.clicked.connect(self.choose_files)
        self.open_btn = QPushButton(self)
        self.open_btn.clicked.connect(self.open_selected)
        bar = QHBoxLayout()
        for w in (add, self.edit_btn, self.attach_btn):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.show_all)
        self.drop_hint = drop_hint = QLabel(self)
        drop_hint.setStyleSheet(f"color: {muted_text(self.palette()).name()};")
        att_bar = QHBoxLayout()
        att_bar.addWidget(drop_hint)
        att_bar.addStretch(1)
        att_bar.addWidget(self.open_btn)
        bottom = QWidget(self)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addLayout(att_bar)
        bl.addWidget(self.att_view)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(split)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_attachments())
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("Sources"))
        self.view.setToolTip(self.tr("Drop files onto a source to keep them, encrypted, with it."))
        self.att_view.setAccessibleName(self.tr("Files of the selected source"))
        hint = self.tr(
            "Images and text open inside Dossier, from memory. Other files open "
            "in their usual program from a decrypted copy in a private folder "
            "(readable only by you) that is deleted when Dossier locks or quits."
        )
        self.att_view.setToolTip(hint)
        self.open_btn.setToolTip(hint)
        self.open_btn.setText(self.tr("Open file"))
        self.show_all.setText(self.tr("Show all sources"))
        self.show_all.setToolTip(
            self.tr("Show every source in the dossier, not only those this case cites")
        )
        self.add_btn.setText(self.tr("Add source…"))
        self.edit_btn.setText(self.tr("Edit…"))
        self.attach_btn.setText(self.tr("Attach files…"))
        self.drop_hint.setText(self.tr("Drop files onto a source to attach them."))
        self.model.retranslate()
        self.attachments.retranslate()

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    # -- data ------------------------------------------------------------------------
    def set_case(
        self, case_id: str | None, cited_ids: list[str], sources: dict[str, Source]
    ) -> None:
        """Show the sources `cited_ids` of a case (already loaded by the case view)."""
        if case_id != self.case_id:
            self._extra.clear()
        self.case_id = case_id
        self._cited = list(cited_ids)
        if self.show_all.isChecked() or self._extra - set(sources):
            self.reload()
        else:
            self._fill(sources)

    def clear(self) -> None:
        self.case_id = None
        self._cited, self._extra = [], set()
        self.model.set_rows([])
        self.attachments.set_rows([])
        self.copies.purge()
        self._update_buttons()

    def reload(self) -> None:
        if not self.backend.is_open:
            return
        ids = (
            None
            if self.show_all.isChecked()
            else list(dict.fromkeys(self._cited + sorted(self._extra)))
        )
        self.backend.run(
            lambda d, i: d.sources(i) if i is None or i else {},
            ids,
            on_done=self._fill,
            context=self,
            key=f"sources-{id(self)}",
        )

    def _fill(self, sources: dict[str, Source]) -> None:
        keep = self.selected_source()
        rows = sorted(sources.values(), key=lambda s: (s.id not in self._cited, s.title.lower()))
        self.model.set_rows(rows)
        if keep is not None and (r := self.model.row_of(keep.id)) >= 0:
            self.view.selectRow(r)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0), 240), 420))
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 280))
        self._show_attachments()

    def selected_source(self) -> Source | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.record(rows[0].row()) if rows else None

    def selected_attachment(self) -> Attachment | None:
        rows = self.att_view.selectionModel().selectedRows()
        return self.attachments.record(rows[0].row()) if rows else None

    def _show_attachments(self) -> None:
        src = self.selected_source()
        self.attachments.set_attachments(src.attachments if src else [])
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_source() is not None
        self.edit_btn.setEnabled(has)
        self.attach_btn.setEnabled(has)
        self.open_btn.setEnabled(self.attachments.rowCount() > 0)

    # -- actions -----------------------------------------------------------------------
    def add_source(self) -> None:
        src = source_editor.add_source(
            self, self.backend, self.undo_stack, [self.case_id] if self.case_id else []
        )
        if src is not None:
            self._extra.add(src.id)
            self.reload()

    def edit_selected(self) -> None:
        src = self.selected_source()
        if src is not None:
            source_editor.edit_source(
                self, self.backend, self.undo_stack, src.id, [self.case_id] if self.case_id else []
            )

    def choose_files(self) -> None:
        src = self.selected_source()
        if src is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach files to “{t}”").format(t=src.title)
        )
        if names:
            self.attach(src.id, [Path(n) for n in names])

    def attach(self, source_id: str, paths: list) -> None:
        """Attach `paths` to a source on the worker; the list refreshes when done."""
        paths = [Path(p) for p in paths]
        self.status.emit(self.tr("Attaching {n} file(s)…").format(n=len(paths)))

        def done(atts) -> None:
            self.status.emit(
                self.tr("Attached {names}").format(names=", ".join(a.filename for a in atts))
            )
            self._extra.add(source_id)
            self.reload()

        # undoable: Edit ▸ Undo removes exactly these attachments
        undo.push(
            self.undo_stack,
            undo.AttachFiles(self.backend, source_id, paths),
            on_done=done,
            on_error=self.status.emit,
            context=self,
        )

    def open_selected(self) -> None:
        att = self.selected_attachment()
        if att is None and self.attachments.rowCount():
            att = self.attachments.record(0)
        if att is None:
            return
        self.backend.run(
            lambda d, i: d.attachment_bytes(i),
            att.id,
            on_done=lambda data: self._open(att, data),
            on_error=lambda e: self.status.emit(error_message(e)),
            context=self,
        )

    def _open(self, att: Attachment, data: bytes) -> None:
        if scratch.is_risky(att.filename):
            self.save_risky_copy(att, data)
            return
        if viewable_inline(att):
            AttachmentViewer(att, data, self).show()
            return
        path = self.copies.write(att.filename, data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.status.emit(
            self.tr("Opened a decrypted copy; it is deleted when Dossier locks or quits.")
        )

    def save_risky_copy(self, att: Attachment, data: bytes) -> Path | None:
        """A program or shortcut type: warn, and offer to save a copy (never open it)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Not opened: this file could run a program"),
            self.tr(
                "“{name}” is a program or shortcut type. Opening it could run "
                "code on this computer, and a file from someone else may be "
                "a trap. Dossier does not open such files.\n\nYou can save a "
                "copy and examine it with care, ideally on another computer."
            ).format(name=att.filename),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name is the share author's choice
        save = box.addButton(self.tr("Save a copy as…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not save:
            self.status.emit(
                self.tr("Not opened: {name} could run a program.").format(name=att.filename)
            )
            return None
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy as…"), scratch.safe_filename(att.filename) + ".bin"
        )
        if not name:
            return None
        try:
            atomic_write_bytes(name, data)
        except DossierError as e:
            self.status.emit(str(e))
            return None
        self.status.emit(self.tr("Saved an unencrypted copy to {path}.").format(path=name))
        return Path(name)
