"""The Tools menu: briefing, sharing, contacts and importing a spreadsheet.

`ToolsCommands` receives the backend, the window's case focus (the selected case and
the "As of" day the briefing counts to), the status bar, and the window as the
dialogs' parent. The briefing and share dialogs ship with every build; they are
imported in the method that opens them because they load reportlab and the share
engine, which the window's start does not need — plain imports still, which the
import linter and PyInstaller see.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from dossier.services import transfer

from . import undo
from .backend import Backend
from .case_focus import CaseFocus
from .dialogs.contacts_dialog import open_contacts
from .workers import ProgressDialog

translate = QCoreApplication.translate


class ToolsCommands:
    """Tools ▸ Export briefing…, Share…, Import share file…, Import spreadsheet…,
    Contacts…."""

    def __init__(
        self,
        parent: QWidget,
        backend: Backend,
        focus: CaseFocus,
        status: QStatusBar,
        undo_stack: QUndoStack,
    ) -> None:
        self.parent = parent
        self.backend = backend
        self.undo_stack = undo_stack
        self.focus = focus
        self.status = status

    def _selected_ids(self) -> list[str]:
        cid = self.focus.current_case_id()
        return [cid] if cid else []

    def briefing(self) -> None:
        if self.backend.is_open:
            from .dialogs.briefing_dialog import open_briefing_dialog  # loads reportlab

            # the PDF says what the screen says: as of the window's day
            open_briefing_dialog(
                self.parent, self.backend, self._selected_ids(), self.focus.as_of_day()
            )

    def share_export(self) -> None:
        if self.backend.is_open:
            from .dialogs.share_dialogs import open_share_export  # loads the share engine

            open_share_export(self.parent, self.backend, self._selected_ids())

    def share_import(self) -> None:
        if self.backend.is_open:
            from .dialogs.share_dialogs import open_share_import  # loads the share engine

            # not undoable (services/undoing.py says why): the history before it goes
            open_share_import(self.parent, self.backend, on_imported=self.undo_stack.clear)

    def contacts(self) -> None:
        if self.backend.is_open:
            open_contacts(self.parent, self.backend)

    def import_spreadsheet(self) -> None:
        """Import cases from a spreadsheet or JSON bundle — all or nothing, on the worker."""
        if not self.backend.is_open:
            return
        parent, backend = self.parent, self.backend
        path, _ = QFileDialog.getOpenFileName(
            parent,
            translate("Tools", "Import spreadsheet"),
            str(Path.home()),
            translate("Tools", "Spreadsheets and bundles (*.csv *.xlsx *.json);;All files (*)"),
        )
        if not path:
            return

        def done(rep: transfer.ImportReport, undoable: bool) -> None:
            text = translate(
                "Tools", "Imported %1 new and %2 updated cases, %3 events, %4 sources."
            )
            for i, n in enumerate(
                (rep.cases_added, rep.cases_updated, rep.events_added, rep.sources_added), 1
            ):
                text = text.replace(f"%{i}", str(n))
            if not undoable:
                text += " " + translate("Tools", "This import cannot be undone.")
            self.status.showMessage(text, 8000)
            if rep.warnings:
                QMessageBox.information(
                    parent,
                    translate("Tools", "Import finished"),
                    text + "\n\n" + "\n".join(rep.warnings[:20]),
                )

        def failed(message: str) -> None:
            QMessageBox.warning(
                parent,
                translate("Tools", "Import failed"),
                message + "\n" + translate("Tools", "Nothing was changed."),
            )

        # The import writes everything in one transaction: it cannot stop halfway;
        # Edit ▸ Undo takes it back (exactly what it added).
        dialog = ProgressDialog(
            parent,
            translate("Tools", "Importing"),
            translate("Tools", "Importing %1…").replace("%1", Path(path).name),
            cancellable=False,
        )
        cmd = undo.ImportFile(backend, Path(path))
        dialog.bind(undo.push_import(self.undo_stack, cmd, on_done=done, on_error=failed))
