"""The Case menu (and Edit ▸ Copy name): what each command does, given what it works with.

`CaseCommands` receives its collaborators — the backend, the undo stack, the case list's
model (for the selected case's name), the window's case focus (`CaseFocus`), the status
bar, the clipboard guard and the settings — and the window as the dialogs' parent. It
never reaches into the window for anything else.

The dialogs that load much the window's start does not need (the statement drafter,
the UN drafts with reportlab, the merge engine) are imported in the method that opens
them: still plain imports, which the import linter and PyInstaller see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from .backend import Backend
from .case_focus import CaseFocus
from .dialogs.case_editor import new_case as open_new_case
from .dialogs.event_editor import add_event as open_add_event
from .lock import ClipboardGuard
from .models.case_table import CaseTableModel
from .settings import Settings
from .undo import DeleteCase, push

if TYPE_CHECKING:  # the drafting engine loads only when the dialog opens
    from .dialogs.draft_dialog import DraftDialog

translate = QCoreApplication.translate


class CaseCommands:
    """Case ▸ New case…, Add event…, Draft from statement…, Find duplicates…, Merge
    cases…, UN communication draft…, Delete case…; Edit ▸ Copy name."""

    def __init__(
        self,
        parent: QWidget,
        backend: Backend,
        undo_stack: QUndoStack,
        model: CaseTableModel,
        focus: CaseFocus,
        status: QStatusBar,
        clipboard: ClipboardGuard,
        settings: Settings,
    ) -> None:
        self.parent = parent
        self.backend = backend
        self.undo_stack = undo_stack
        self.model = model
        self.focus = focus
        self.status = status
        self.clipboard = clipboard
        self.settings = settings

    def _selected(self) -> str | None:
        """The selected case's id while the store is open, else None."""
        cid = self.focus.current_case_id()
        return cid if cid and self.backend.is_open else None

    def _name_of(self, case_id: str | None) -> str | None:
        s = self.model.summary(self.model.row_of(case_id))
        return s.name if s else None

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self.parent, "Dossier", message)

    # -- edit ------------------------------------------------------------------------------
    def copy_name(self) -> None:
        """Edit ▸ Copy name: the clipboard is cleared again after the set seconds."""
        name = self._name_of(self.focus.current_case_id())
        if name is None:
            return
        self.clipboard.seconds = self.settings.clipboard_seconds
        self.clipboard.copy(name)
        self.status.showMessage(
            QCoreApplication.translate(
                "MainWindow", "Copied the name; the clipboard will be cleared in %1 s."
            ).replace("%1", str(self.clipboard.seconds)),
            4000,
        )

    # -- new and edit ----------------------------------------------------------------------
    def new_case(self) -> None:
        if self.backend.is_open:
            open_new_case(self.parent, self.backend, self.undo_stack)

    def add_event(self) -> None:
        cid = self._selected()
        if cid:
            self.focus.show_case_tab()
            open_add_event(self.parent, self.backend, self.undo_stack, cid)

    def draft_statement(self) -> DraftDialog | None:
        """Case ▸ Draft from statement…: drafts for review; accepting is one undoable step."""
        if not self.backend.is_open:
            return None
        from .dialogs.draft_dialog import draft_from_statement  # loads the drafting engine

        return draft_from_statement(self.parent, self.backend, self.undo_stack, on_error=self._warn)

    def delete_case(self) -> None:
        cid = self._selected()
        if not cid:
            return
        name = self._name_of(cid) or cid
        answer = QMessageBox.question(
            self.parent,
            translate("Tools", "Delete case"),
            translate(
                "Tools",
                "Delete the case of %1 with all its events? You can undo this with Edit ▸ Undo.",
            ).replace("%1", name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        push(
            self.undo_stack,
            DeleteCase(self.backend, cid, name, on_error=self._warn),
            on_done=lambda _c: self.status.showMessage(
                translate("Tools", "Deleted %1.").replace("%1", name), 5000
            ),
        )

    # -- duplicates and merging --------------------------------------------------------------
    def find_duplicates(self) -> None:
        from .dialogs.merge_dialog import open_duplicates  # loads the merge engine

        open_duplicates(self.parent, self.backend, self.undo_stack, self.focus.show_case_id)

    def merge_cases(self) -> None:
        keep = self._selected()
        if keep:
            from .dialogs.merge_dialog import open_merge  # loads the merge engine

            open_merge(self.parent, self.backend, self.undo_stack, keep, self.focus.show_case_id)

    # -- UN drafts ---------------------------------------------------------------------------
    def un_draft(self) -> None:
        cid = self._selected()
        if cid:
            # the drafts load reportlab, which the window's start does not need
            from .dialogs.un_draft_dialog import open_un_draft_dialog

            open_un_draft_dialog(self.parent, self.backend, self.undo_stack, cid)
