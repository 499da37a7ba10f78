"""What the window's menu commands do, beyond opening and locking.

Kept out of main_window.py so that file stays about the window's life cycle. Commands
whose dialogs other engineers write (briefing, share, contacts) are looked up when
needed; if the module is not there, the action is disabled and says why.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from dossier import __version__

from .assets import STORE_FILTER
from .dialogs.passphrase import CreateDialog, UnlockDialog, error_message
from .workers import run_with_progress

# The window these helpers act on: gui.main_window.MainWindow, not imported here because
# it imports this module (no import circle).
MainWindow = Any

translate = QCoreApplication.translate

# action attribute → (module, function) provided by the briefing and sharing engineers
OPTIONAL = {
    "briefing": ("dossier.gui.dialogs.briefing_dialog", "open_briefing_dialog"),
    "share": ("dossier.gui.dialogs.share_dialogs", "open_share_export"),
    "import_share": ("dossier.gui.dialogs.share_dialogs", "open_share_import"),
    "contacts": ("dossier.gui.dialogs.share_dialogs", "open_contacts"),
}


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def update_availability(w: MainWindow) -> None:
    """Disable, with a tooltip saying why, the actions whose dialogs are not installed."""
    for attr, (module, _fn) in OPTIONAL.items():
        act = getattr(w.actions_, attr)
        if not _available(module):
            act.setEnabled(False)
            act.setToolTip(translate("Tools", "Not available in this build"))
            act.setStatusTip(translate("Tools", "Not available in this build"))


def _optional(w: MainWindow, attr: str):
    module, fn = OPTIONAL[attr]
    try:
        return getattr(importlib.import_module(module), fn)
    except (ImportError, AttributeError):
        QMessageBox.information(
            w, "Dossier", translate("Tools", "This feature is not available in this build.")
        )
        return None


def _selected_ids(w: MainWindow) -> list[str]:
    cid = w.current_case_id()
    return [cid] if cid else []


def briefing(w: MainWindow) -> None:
    fn = _optional(w, "briefing")
    if fn is not None and w.backend.is_open:
        fn(w, w.backend, _selected_ids(w), w.as_of_day())  # the PDF says what the screen says


def un_draft(w: MainWindow) -> None:
    cid = w.current_case_id()
    if w.backend.is_open and cid:
        # imported here: the drafts load reportlab, which the window's start does not need
        from .dialogs.un_draft_dialog import open_un_draft_dialog

        open_un_draft_dialog(w, w.backend, w.undo_stack, cid)


def share_export(w: MainWindow) -> None:
    fn = _optional(w, "share")
    if fn is not None and w.backend.is_open:
        fn(w, w.backend, _selected_ids(w))


def share_import(w: MainWindow) -> None:
    fn = _optional(w, "import_share")
    if fn is not None and w.backend.is_open:
        fn(w, w.backend)


def contacts(w: MainWindow) -> None:
    fn = _optional(w, "contacts")
    if fn is not None and w.backend.is_open:
        fn(w, w.backend)


# -- files --------------------------------------------------------------------------------
def ask_new_store_path(w: MainWindow) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        w, translate("Tools", "New dossier"), str(Path.home() / "dossier.db"), STORE_FILTER
    )
    if not path:
        return None
    p = Path(path)
    return p if p.suffix else p.with_suffix(".db")


def ask_open_store_path(w: MainWindow) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        w, translate("Tools", "Open dossier"), str(Path.home()), STORE_FILTER
    )
    return Path(path) if path else None


def import_spreadsheet(w: MainWindow) -> None:
    """Import cases from a spreadsheet or JSON bundle — all or nothing, on the worker."""
    if not w.backend.is_open:
        return
    path, _ = QFileDialog.getOpenFileName(
        w,
        translate("Tools", "Import spreadsheet"),
        str(Path.home()),
        translate("Tools", "Spreadsheets and bundles (*.csv *.xlsx *.json);;All files (*)"),
    )
    if not path:
        return

    def work(d, p):
        from dossier.services.transfer import import_file

        return import_file(d, p)

    def done(rep) -> None:
        w.backend.notify_changed([])
        text = translate("Tools", "Imported %1 new and %2 updated cases, %3 events, %4 sources.")
        for i, n in enumerate(
            (rep.cases_added, rep.cases_updated, rep.events_added, rep.sources_added), 1
        ):
            text = text.replace(f"%{i}", str(n))
        w.statusBar().showMessage(text, 8000)
        if rep.warnings:
            QMessageBox.information(
                w,
                translate("Tools", "Import finished"),
                text + "\n\n" + "\n".join(rep.warnings[:20]),
            )

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(
            w,
            translate("Tools", "Import failed"),
            error_message(exc) + "\n" + translate("Tools", "Nothing was changed."),
        )

    # The import writes everything in one transaction: it cannot stop halfway.
    run_with_progress(
        w,
        w.backend,
        work,
        path,
        title=translate("Tools", "Importing"),
        label=translate("Tools", "Importing %1…").replace("%1", Path(path).name),
        on_done=done,
        on_error=failed,
        cancellable=False,
    )


# -- cases -----------------------------------------------------------------------------
def new_case(w: MainWindow) -> None:
    if not w.backend.is_open:
        return
    from .dialogs.case_editor import new_case as open_new_case

    open_new_case(w, w.backend, w.undo_stack)


def add_event(w: MainWindow) -> None:
    cid = w.current_case_id()
    if w.backend.is_open and cid:
        from .dialogs.event_editor import add_event as open_add_event

        w.tabs.setCurrentIndex(0)
        open_add_event(w, w.backend, w.undo_stack, cid)


def draft_statement(w: MainWindow):
    """Case ▸ Draft from statement…: drafts for review; accepting is one undoable step."""
    if not w.backend.is_open:
        return None
    from .dialogs.draft_dialog import draft_from_statement

    return draft_from_statement(w, w.backend, w.undo_stack, on_error=lambda m: _warn(w, m))


def delete_case(w: MainWindow) -> None:
    from .undo import DeleteCase, push

    cid = w.current_case_id()
    if not cid or not w.backend.is_open:
        return
    s = w.list_panel.model.summary(w.list_panel.model.row_of(cid))
    name = s.name if s else cid
    answer = QMessageBox.question(
        w,
        translate("Tools", "Delete case"),
        translate(
            "Tools",
            "Delete the case of %1 with all its events? You can undo this with Edit ▸ Undo.",
        ).replace("%1", name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        push(w.undo_stack, DeleteCase(w.backend, cid, name, on_error=lambda m: _warn(w, m)))
    except Exception as exc:  # a DossierError from the store, shown plainly
        _warn(w, error_message(exc))
        return
    w.statusBar().showMessage(translate("Tools", "Deleted %1.").replace("%1", name), 5000)


def _warn(w: MainWindow, message: str) -> None:
    QMessageBox.warning(w, "Dossier", message)


def close_data_dialogs(w: MainWindow) -> None:
    """On lock: close every open dialog that may show case data."""
    from .dialogs.preferences import PreferencesDialog
    from .dialogs.shortcuts import ShortcutsDialog

    keep = (UnlockDialog, CreateDialog, PreferencesDialog, ShortcutsDialog)
    for dlg in w.findChildren(QDialog):
        if dlg.isVisible() and not isinstance(dlg, keep):
            dlg.reject()


# -- help and preferences -----------------------------------------------------------------
def preferences(w: MainWindow) -> None:
    from .dialogs.preferences import PreferencesDialog

    dlg = PreferencesDialog(w.settings, w)
    dlg.accepted.connect(lambda: apply_preferences(w))
    w.preferences_dialog = dlg
    dlg.open()


def apply_preferences(w: MainWindow) -> None:
    s = w.settings
    w.idle.set_timeout(s.idle_minutes * 60)
    w.clipboard.seconds = s.clipboard_seconds
    w.session.enabled = s.lock_on_suspend
    w.set_language(s.language)


def shortcuts(w: MainWindow) -> None:
    from .dialogs.shortcuts import ShortcutsDialog

    dlg = ShortcutsDialog(w.actions_.all_with_shortcuts(), w)
    w.shortcuts_dialog = dlg
    dlg.open()


def about(w: MainWindow) -> None:
    QMessageBox.about(
        w,
        translate("Tools", "About Dossier"),
        translate(
            "Tools",
            "<h3>Dossier %1</h3><p>Offline, encrypted case dossiers on detained and disappeared "
            "people, with briefing packets and signed share files.</p><p>Licence: GPL-3.0-or-later."
            "</p>",
        ).replace("%1", __version__),
    )
