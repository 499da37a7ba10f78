"""File-menu commands that look after the store: back up, verify, change the
passphrase, export JSON, back up and restore the key file — what `dossier backup`,
`verify`, `passwd`, `export-json`, `key-backup` and `key-restore` do, from the window —
and the file questions behind New and Open.

Each runs on the backend's worker through `services.maintenance` / `services.transfer`
(never a session on the UI thread) behind a progress dialog that appears when the work
lasts more than a moment, and ends with a message that says where the file went and
what it is (a backup opens with the same passphrase; a JSON export is NOT encrypted).

`StoreCommands` is given what it works with — the backend, the window as the dialogs'
parent, the status bar, and the window's lock — and knows nothing else of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QStatusBar,
    QWidget,
)

from dossier.core import vocab
from dossier.core.fileio import atomic_write_bytes
from dossier.services import maintenance, transfer

from .backend import Backend
from .dialogs.change_passphrase import ChangePassphraseDialog
from .dialogs.passphrase import error_message
from .locations import STORE_FILTER
from .widgets import ui_lang
from .workers import ProgressDialog, run_with_progress

translate = QCoreApplication.translate


def documents_folder() -> Path:
    """Where the save dialogs start: the user's Documents folder, else home."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


class StoreCommands:
    """File ▸ New/Open (the questions), Back up…, Back up key file…, Restore key file…,
    Verify, Change passphrase…, Export JSON…."""

    def __init__(
        self,
        parent: QWidget,
        backend: Backend,
        status: QStatusBar,
        lock: Callable[[str], None],
    ) -> None:
        self.parent = parent
        self.backend = backend
        self.status = status
        self.lock = lock  # hide everything and close the store, with a status message
        self.change_passphrase_dialog: ChangePassphraseDialog | None = None

    def _store_name(self) -> str:
        path = self.backend.path
        return path.stem if path else "dossier"

    def _failed(self, title: str) -> Callable[[BaseException], None]:
        def show(exc: BaseException) -> None:
            QMessageBox.warning(self.parent, title, error_message(exc))

        return show

    # -- new and open: the file questions (the window opens what is chosen) ---------------
    def ask_new_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            translate("Tools", "New dossier"),
            str(Path.home() / "dossier.db"),
            STORE_FILTER,
        )
        if not path:
            return None
        p = Path(path)
        return p if p.suffix else p.with_suffix(".db")

    def ask_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, translate("Tools", "Open dossier"), str(Path.home()), STORE_FILTER
        )
        return Path(path) if path else None

    # -- backup --------------------------------------------------------------------------
    def backup(self) -> None:
        """File ▸ Back up…: a consistent encrypted copy (FILE and FILE.key)."""
        if not self.backend.is_open:
            return
        default = documents_folder() / f"{self._store_name()}-backup-{date.today().isoformat()}.db"
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            translate("StoreActions", "Back up the store"),
            str(default),
            translate("StoreActions", "Dossier stores (*.db);;All files (*)"),
        )
        if not path:
            return
        out = Path(path) if Path(path).suffix else Path(path).with_suffix(".db")

        def done(written: Path) -> None:
            text = translate(
                "StoreActions",
                "Backed up to %1 and %2. The copy opens with the same passphrase; keep both "
                "files together, away from this computer.",
            )
            text = text.replace("%1", str(written)).replace(
                "%2", str(maintenance.key_header_file(written))
            )
            self.status.showMessage(
                translate("StoreActions", "Backed up to %1.").replace("%1", str(written)), 8000
            )
            QMessageBox.information(self.parent, translate("StoreActions", "Backup written"), text)

        run_with_progress(
            self.parent,
            self.backend,
            maintenance.backup,
            out,
            title=translate("StoreActions", "Backing up"),
            label=translate("StoreActions", "Copying the store to %1…").replace("%1", out.name),
            on_done=done,
            on_error=self._failed(translate("StoreActions", "Backup failed")),
            cancellable=False,
        )

    # -- verify --------------------------------------------------------------------------
    def verify(self) -> None:
        """File ▸ Verify: page authentication, integrity check, attachment hashes, index."""
        if not self.backend.is_open:
            return

        def done(rep: maintenance.VerifyReport) -> None:
            if rep.ok:
                self.status.showMessage(
                    translate("StoreActions", "Verified: the store is intact."), 8000
                )
                QMessageBox.information(
                    self.parent,
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
                self.parent,
                translate("StoreActions", "Verify"),
                translate(
                    "StoreActions", "Verification failed: %1.\n\nRestore the store from a backup."
                ).replace("%1", "; ".join(problems)),
            )

        run_with_progress(
            self.parent,
            self.backend,
            maintenance.verify,
            title=translate("StoreActions", "Verifying"),
            label=translate("StoreActions", "Checking every page of the store…"),
            on_done=done,
            on_error=self._failed(translate("StoreActions", "Verify")),
            cancellable=False,
        )

    # -- change passphrase -----------------------------------------------------------------
    def change_passphrase(self) -> None:
        """File ▸ Change passphrase…: asks the current one again, then the new one twice."""
        if not self.backend.is_open:
            return
        dlg = ChangePassphraseDialog(self.backend, self.parent)
        dlg.accepted.connect(
            lambda: self.status.showMessage(
                translate("StoreActions", "The passphrase was changed."), 8000
            )
        )
        self.change_passphrase_dialog = dlg
        dlg.open()

    # -- export JSON -----------------------------------------------------------------------
    def export_json(self) -> None:
        """File ▸ Export JSON…: the interchange format, plain — said before and after."""
        if not self.backend.is_open:
            return
        labels = [(key, term.label(ui_lang())) for key, term in vocab.AUDIENCES.items()]
        names = [label for _k, label in labels]
        current = next((i for i, (k, _l) in enumerate(labels) if k == "internal"), 0)
        choice, ok = QInputDialog.getItem(
            self.parent,
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
        default = documents_folder() / f"{self._store_name()}-{date.today().isoformat()}.json"
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            translate("StoreActions", "Export JSON"),
            str(default),
            translate("StoreActions", "JSON files (*.json);;All files (*)"),
        )
        if not path:
            return
        out = Path(path) if Path(path).suffix else Path(path).with_suffix(".json")

        def work(d, target: Path, aud: str) -> Path:
            atomic_write_bytes(target, transfer.export_json(d, None, aud), mode=0o600)
            return target

        def done(written: Path) -> None:
            self.status.showMessage(
                translate("StoreActions", "Wrote %1 (unencrypted).").replace("%1", str(written)),
                8000,
            )
            QMessageBox.warning(
                self.parent,
                translate("StoreActions", "Export written"),
                translate(
                    "StoreActions",
                    "Wrote %1. It is NOT encrypted: anyone who gets the file can read it. Delete "
                    "it once it has served.",
                ).replace("%1", str(written)),
            )

        run_with_progress(
            self.parent,
            self.backend,
            work,
            out,
            audience,
            title=translate("StoreActions", "Exporting"),
            label=translate("StoreActions", "Writing %1…").replace("%1", out.name),
            on_done=done,
            on_error=self._failed(translate("StoreActions", "Export failed")),
            cancellable=False,
        )

    # -- key file backup -------------------------------------------------------------------
    def key_backup(self) -> None:
        """File ▸ Back up key file…: a copy of STORE.key, which opens nothing by itself."""
        if not self.backend.is_open:
            return
        store = self.backend.path
        default = maintenance.key_backup_file(store or "dossier.db", documents_folder())
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            translate("StoreActions", "Back up the key file"),
            str(default),
            translate("StoreActions", "Key file backups (*.backup);;All files (*)"),
        )
        if not path:
            return

        def work(d, target: Path) -> Path:
            # The file dialog has already asked before replacing an existing file.
            return maintenance.backup_key_header(d, target, overwrite=True)

        def done(written: Path) -> None:
            self.status.showMessage(
                translate("StoreActions", "Wrote %1.").replace("%1", str(written)), 8000
            )
            QMessageBox.information(
                self.parent,
                translate("StoreActions", "Key file backed up"),
                translate(
                    "StoreActions",
                    "Wrote a copy of the key file to %1. It opens nothing without the passphrase, "
                    "and brings back a lost or damaged key file (dossier key-restore).",
                ).replace("%1", str(written)),
            )

        run_with_progress(
            self.parent,
            self.backend,
            work,
            Path(path),
            title=translate("StoreActions", "Backing up the key file"),
            label=translate("StoreActions", "Writing %1…").replace("%1", Path(path).name),
            on_done=done,
            on_error=self._failed(translate("StoreActions", "Backup failed")),
            cancellable=False,
        )

    # -- key file restore --------------------------------------------------------------------
    def key_restore(self) -> None:
        """File ▸ Restore key file…: put back a lost or damaged STORE.key from a copy
        (`dossier key-restore`). Works on a store that is not open: the open one is closed
        (locked) first, since its key header is what is being replaced."""
        parent, backend = self.parent, self.backend
        start = backend.path.parent if backend.path else documents_folder()
        store, _ = QFileDialog.getOpenFileName(
            parent,
            translate("StoreActions", "Restore key file: the store"),
            str(start),
            translate("StoreActions", "Dossier stores (*.db);;All files (*)"),
        )
        if not store:
            return
        backup_file, _ = QFileDialog.getOpenFileName(
            parent,
            translate("StoreActions", "Restore key file: the copy made by Back up key file"),
            str(Path(store).parent),
            translate("StoreActions", "Key file backups (*.backup);;All files (*)"),
        )
        if not backup_file:
            return
        secret, ok = QInputDialog.getText(
            parent,
            translate("StoreActions", "Restore key file"),
            translate("StoreActions", "The passphrase of %1:").replace("%1", Path(store).name),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not secret:
            return
        if backend.is_open and backend.path and Path(store).resolve() == backend.path.resolve():
            self.lock(translate("StoreActions", "Locked to restore its key file."))

        def done(report) -> None:
            key = str(maintenance.key_header_file(store))
            if report.aside is None:  # there was no key file to replace
                text = translate("StoreActions", "Restored %1.").replace("%1", key)
            else:
                text = translate(
                    "StoreActions", "Restored %1. The key file it replaced is kept as %2."
                )
                text = text.replace("%1", key).replace("%2", str(report.aside))
            QMessageBox.information(parent, translate("StoreActions", "Key file restored"), text)

        # No dossier is needed (or open): the work runs unlocked, behind the same progress
        # dialog.
        dialog = ProgressDialog(
            parent,
            translate("StoreActions", "Restoring the key file"),
            translate("StoreActions", "Checking the passphrase and the copy…"),
            False,
        )
        job = backend.run_unlocked(
            maintenance.restore_key_header,
            store,
            backup_file,
            secret,
            on_done=done,
            on_error=self._failed(translate("StoreActions", "Restore failed")),
            context=parent,
        )
        dialog.bind(job)
