"""File-menu commands that look after the store: back up, verify, change the
passphrase, export JSON, back up the key file — what `dossier backup`, `verify`,
`passwd`, `export-json` and `key-backup` do, from the window.

Each runs on the backend's worker through `services.maintenance` / `services.transfer`
(never a session on the UI thread) behind a progress dialog that appears when the work
lasts more than a moment, and ends with a message that says where the file went and
what it is (a backup opens with the same passphrase; a JSON export is NOT encrypted).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from dossier.core import vocab
from dossier.services.maintenance import key_backup_file, key_header_file

from .dialogs.passphrase import error_message
from .widgets import ui_lang
from .workers import ProgressDialog, run_with_progress

# gui.main_window.MainWindow, not imported: it imports this module (no import circle).
MainWindow = Any


translate = QCoreApplication.translate


def _folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def _store_name(w: MainWindow) -> str:
    path = w.backend.path
    return path.stem if path else "dossier"


def _failed(w: MainWindow, title: str):
    def show(exc: BaseException) -> None:
        QMessageBox.warning(w, title, error_message(exc))

    return show


# -- backup --------------------------------------------------------------------------
def backup(w: MainWindow) -> None:
    """File ▸ Back up…: a consistent encrypted copy (FILE and FILE.key)."""
    if not w.backend.is_open:
        return
    default = _folder() / f"{_store_name(w)}-backup-{date.today().isoformat()}.db"
    path, _ = QFileDialog.getSaveFileName(
        w,
        translate("StoreActions", "Back up the store"),
        str(default),
        translate("StoreActions", "Dossier stores (*.db);;All files (*)"),
    )
    if not path:
        return
    out = Path(path) if Path(path).suffix else Path(path).with_suffix(".db")

    def work(d, target):
        from dossier.services.maintenance import backup as do_backup

        return do_backup(d, target)

    def done(written: Path) -> None:
        text = translate(
            "StoreActions",
            "Backed up to %1 and %2. The copy opens with the same passphrase; keep both "
            "files together, away from this computer.",
        )
        text = text.replace("%1", str(written)).replace("%2", str(key_header_file(written)))
        w.statusBar().showMessage(
            translate("StoreActions", "Backed up to %1.").replace("%1", str(written)), 8000
        )
        QMessageBox.information(w, translate("StoreActions", "Backup written"), text)

    run_with_progress(
        w,
        w.backend,
        work,
        out,
        title=translate("StoreActions", "Backing up"),
        label=translate("StoreActions", "Copying the store to %1…").replace("%1", out.name),
        on_done=done,
        on_error=_failed(w, translate("StoreActions", "Backup failed")),
        cancellable=False,
    )


# -- verify --------------------------------------------------------------------------
def verify(w: MainWindow) -> None:
    """File ▸ Verify: page authentication, integrity check, attachment hashes, index."""
    if not w.backend.is_open:
        return

    def work(d):
        from dossier.services.maintenance import verify as do_verify

        return do_verify(d)

    def done(rep) -> None:
        if rep.ok:
            w.statusBar().showMessage(
                translate("StoreActions", "Verified: the store is intact."), 8000
            )
            QMessageBox.information(
                w,
                translate("StoreActions", "Verify"),
                translate(
                    "StoreActions",
                    "The store is intact: page authentication, integrity check, attachment "
                    "hashes and search index all verified.",
                ),
            )
            return
        problems = []
        if rep.cipher_pages_failed:
            problems.append(
                translate("StoreActions", "%1 pages failed authentication").replace(
                    "%1", str(rep.cipher_pages_failed)
                )
            )
        if rep.integrity:
            problems.append(
                translate("StoreActions", "integrity check: %1").replace(
                    "%1", "; ".join(rep.integrity[:3])
                )
            )
        if rep.bad_attachments:
            problems.append(
                translate("StoreActions", "attachments changed: %1").replace(
                    "%1", ", ".join(rep.bad_attachments[:5])
                )
            )
        if not rep.search_index_ok:
            problems.append(translate("StoreActions", "the search index is damaged"))
        QMessageBox.critical(
            w,
            translate("StoreActions", "Verify"),
            translate(
                "StoreActions", "Verification failed: %1.\n\nRestore the store from a backup."
            ).replace("%1", "; ".join(problems)),
        )

    run_with_progress(
        w,
        w.backend,
        work,
        title=translate("StoreActions", "Verifying"),
        label=translate("StoreActions", "Checking every page of the store…"),
        on_done=done,
        on_error=_failed(w, translate("StoreActions", "Verify")),
        cancellable=False,
    )


# -- change passphrase -----------------------------------------------------------------
def change_passphrase(w: MainWindow) -> None:
    """File ▸ Change passphrase…: asks the current one again, then the new one twice."""
    if not w.backend.is_open:
        return
    from .dialogs.change_passphrase import ChangePassphraseDialog

    dlg = ChangePassphraseDialog(w.backend, w)
    dlg.accepted.connect(
        lambda: w.statusBar().showMessage(
            translate("StoreActions", "The passphrase was changed."), 8000
        )
    )
    w.change_passphrase_dialog = dlg
    dlg.open()


# -- export JSON -----------------------------------------------------------------------
def export_json(w: MainWindow) -> None:
    """File ▸ Export JSON…: the interchange format, plain — said before and after."""
    if not w.backend.is_open:
        return
    labels = [(key, term.label(ui_lang())) for key, term in vocab.AUDIENCES.items()]
    names = [label for _k, label in labels]
    current = next((i for i, (k, _l) in enumerate(labels) if k == "internal"), 0)
    choice, ok = QInputDialog.getItem(
        w,
        translate("StoreActions", "Export JSON"),
        translate(
            "StoreActions",
            "The JSON file is NOT encrypted: anyone who gets it can read it.\n\n"
            "What may it contain (as for a briefing's audience)?",
        ),
        names,
        current,
        False,
    )
    if not ok:
        return
    audience = labels[names.index(choice)][0]
    default = _folder() / f"{_store_name(w)}-{date.today().isoformat()}.json"
    path, _ = QFileDialog.getSaveFileName(
        w,
        translate("StoreActions", "Export JSON"),
        str(default),
        translate("StoreActions", "JSON files (*.json);;All files (*)"),
    )
    if not path:
        return
    out = Path(path) if Path(path).suffix else Path(path).with_suffix(".json")

    def work(d, target, aud):
        from dossier.core.fileio import atomic_write_bytes
        from dossier.services.transfer import export_json as do_export

        atomic_write_bytes(target, do_export(d, None, aud), mode=0o600)
        return target

    def done(written: Path) -> None:
        w.statusBar().showMessage(
            translate("StoreActions", "Wrote %1 (unencrypted).").replace("%1", str(written)), 8000
        )
        QMessageBox.warning(
            w,
            translate("StoreActions", "Export written"),
            translate(
                "StoreActions",
                "Wrote %1. It is NOT encrypted: anyone who gets the file can read it. Delete it "
                "once it has served.",
            ).replace("%1", str(written)),
        )

    run_with_progress(
        w,
        w.backend,
        work,
        out,
        audience,
        title=translate("StoreActions", "Exporting"),
        label=translate("StoreActions", "Writing %1…").replace("%1", out.name),
        on_done=done,
        on_error=_failed(w, translate("StoreActions", "Export failed")),
        cancellable=False,
    )


# -- key file backup -------------------------------------------------------------------
def key_backup(w: MainWindow) -> None:
    """File ▸ Back up key file…: a copy of STORE.key, which opens nothing by itself."""
    if not w.backend.is_open:
        return
    default = key_backup_file(w.backend.path or "dossier.db", _folder())
    path, _ = QFileDialog.getSaveFileName(
        w,
        translate("StoreActions", "Back up the key file"),
        str(default),
        translate("StoreActions", "Key file backups (*.backup);;All files (*)"),
    )
    if not path:
        return

    def work(d, target):
        from dossier.services.maintenance import backup_key_header

        # The file dialog has already asked before replacing an existing file.
        return backup_key_header(d, target, overwrite=True)

    def done(written: Path) -> None:
        w.statusBar().showMessage(
            translate("StoreActions", "Wrote %1.").replace("%1", str(written)), 8000
        )
        QMessageBox.information(
            w,
            translate("StoreActions", "Key file backed up"),
            translate(
                "StoreActions",
                "Wrote a copy of the key file to %1. It opens nothing without the passphrase, "
                "and brings back a lost or damaged key file (dossier key-restore).",
            ).replace("%1", str(written)),
        )

    run_with_progress(
        w,
        w.backend,
        work,
        Path(path),
        title=translate("StoreActions", "Backing up the key file"),
        label=translate("StoreActions", "Writing %1…").replace("%1", Path(path).name),
        on_done=done,
        on_error=_failed(w, translate("StoreActions", "Backup failed")),
        cancellable=False,
    )


# -- key file restore --------------------------------------------------------------------
def key_restore(w: MainWindow) -> None:
    """File ▸ Restore key file…: put back a lost or damaged STORE.key from a copy
    (`dossier key-restore`). Works on a store that is not open: the open one is closed
    (locked) first, since its key header is what is being replaced."""
    start = w.backend.path.parent if w.backend.path else _folder()
    store, _ = QFileDialog.getOpenFileName(
        w,
        translate("StoreActions", "Restore key file: the store"),
        str(start),
        translate("StoreActions", "Dossier stores (*.db);;All files (*)"),
    )
    if not store:
        return
    backup_file, _ = QFileDialog.getOpenFileName(
        w,
        translate("StoreActions", "Restore key file: the copy made by Back up key file"),
        str(Path(store).parent),
        translate("StoreActions", "Key file backups (*.backup);;All files (*)"),
    )
    if not backup_file:
        return
    secret, ok = QInputDialog.getText(
        w,
        translate("StoreActions", "Restore key file"),
        translate("StoreActions", "The passphrase of %1:").replace("%1", Path(store).name),
        QLineEdit.EchoMode.Password,
    )
    if not ok or not secret:
        return
    if w.backend.is_open and w.backend.path and Path(store).resolve() == w.backend.path.resolve():
        w.lock(translate("StoreActions", "Locked to restore its key file."))

    def done(report) -> None:
        key = str(key_header_file(store))
        if report.aside is None:  # there was no key file to replace
            text = translate("StoreActions", "Restored %1.").replace("%1", key)
        else:
            text = translate("StoreActions", "Restored %1. The key file it replaced is kept as %2.")
            text = text.replace("%1", key).replace("%2", str(report.aside))
        QMessageBox.information(w, translate("StoreActions", "Key file restored"), text)

    from dossier.services.maintenance import restore_key_header

    # No dossier is needed (or open): the work runs unlocked, behind the same progress dialog.
    dialog = ProgressDialog(
        w,
        translate("StoreActions", "Restoring the key file"),
        translate("StoreActions", "Checking the passphrase and the copy…"),
        False,
    )
    job = w.backend.run_unlocked(
        restore_key_header,
        store,
        backup_file,
        secret,
        on_done=done,
        on_error=_failed(w, translate("StoreActions", "Restore failed")),
        context=w,
    )
    dialog.bind(job)
