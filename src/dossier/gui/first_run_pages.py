"""The pages of the first-run assistant (gui/first_run.py): what each step asks and does.

Split from the wizard so each file reads on a screen or two; the page classes keep their
names, which are also their translation contexts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, cast, runtime_checkable

from PySide6.QtCore import QCoreApplication, QStorageInfo, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dossier.services import maintenance, sharing

from .backend import Backend
from .colors import error_color, is_dark, muted_text
from .dialogs.passphrase import MIN_SCORE, accept_weak, error_message, show_strength
from .locations import STORE_FILTER, data_folder

WB = QWizard.WizardButton
INTRO, STORE, IDENTITY, BACKUP, DONE = range(5)


@runtime_checkable  # the tests check that FirstRunWizard is one
class SetupAssistant(Protocol):
    """What the pages ask of the assistant that holds them: gui.first_run.FirstRunWizard,
    which imports this module, so the pages name it by what they use (no import cycle)."""

    backend: Backend

    @property
    def store_path(self) -> Path | None: ...

    @property
    def identity(self) -> IdentityPage: ...

    @property
    def backup(self) -> BackupPage: ...

    def set_busy(self, page: QWizardPage, busy: bool) -> None: ...

    def store_created(self) -> None: ...

    def button(self, which: QWizard.WizardButton) -> QAbstractButton: ...


header_file = (
    maintenance.key_header_file
)  # `dossier.db` → `dossier.db.key`, by the store's own rule


def default_store_path() -> Path:
    """`dossier.db` (or `dossier-2.db`, …) in the user data folder, as docs/cli.md says:
    the command line then opens it without --store. The folder is made (0700) on create."""
    folder = data_folder()
    for n in range(1, 100):
        p = folder / ("dossier.db" if n == 1 else f"dossier-{n}.db")
        if not p.exists() and not header_file(p).exists():
            return p
    return folder / "dossier.db"


def removable_folder() -> Path | None:
    """A mounted, writable removable volume (USB stick) to suggest for the key backup."""
    for v in QStorageInfo.mountedVolumes():
        root = v.rootPath()
        if not (v.isValid() and v.isReady()) or v.isReadOnly() or v.isRoot():
            continue
        if root.startswith(("/media/", "/run/media/", "/Volumes/")):
            return Path(root)
    return None


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.hide()
    return bar


def _error_label() -> QLabel:
    label = _wrapped()
    label.setStyleSheet(f"color: {error_color(is_dark()).name()}")
    label.hide()
    return label


class _Page(QWizardPage):
    """A page with an error line and a busy bar; complete unless a job is running."""

    def __init__(self) -> None:
        super().__init__()
        self.error = _error_label()
        self.busy = _busy_bar()
        self.working = False
        self.lay = QVBoxLayout(self)

    def wiz(self) -> SetupAssistant:
        return cast(SetupAssistant, self.wizard())  # pages live only in FirstRunWizard

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return not self.working and super().isComplete()

    def next_text(self) -> str:
        """The wizard's own (platform, translated) text of Next, to put back after a change."""
        w = self.wizard()
        return w.buttonText(WB.NextButton) if w is not None else ""

    def set_busy(self, busy: bool) -> None:
        self.working = busy
        self.busy.setVisible(busy)
        if busy:
            self.error.hide()
        self.wiz().set_busy(self, busy)

    def fail(self, message: str, focus: QWidget | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        if focus is not None:
            focus.setFocus()

    def failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.fail(error_message(exc))

    def note(self) -> QLabel:
        """The reassurance shown once the store exists: closing keeps it."""
        label = _wrapped(
            QCoreApplication.translate(
                "FirstRunWizard",
                "Your dossier is created and open. If you close this assistant now, "
                "it stays as it is; you can do the rest later.",
            )
        )
        pal = label.palette()
        pal.setColor(label.foregroundRole(), muted_text(pal))
        label.setPalette(pal)
        self.note_label = label
        return label


class IntroPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to Dossier"))
        self.text = _wrapped(
            self.tr(
                "Everything you record in Dossier — names, events, sources, files — is kept encrypted "
                "on this computer, readable only with your passphrase. If you lose the passphrase, "
                "nobody (not us, not you) can recover the data: write it down and keep it somewhere safe."
            )
        )
        self.steps = _wrapped(
            self.tr(
                "This assistant creates your dossier and your identity for sharing, and offers to "
                "back up the dossier's key. It takes a minute."
            )
        )
        self.lay.addWidget(self.text)
        self.lay.addSpacing(12)
        self.lay.addWidget(self.steps)
        self.lay.addStretch(1)
        self.setButtonText(WB.NextButton, self.tr("&Continue"))


class StorePage(_Page):
    """Where the store goes and its passphrase; leaving it creates the store (commit)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Where and passphrase"))
        self.setCommitPage(True)
        self.setButtonText(WB.CommitButton, self.tr("C&reate the dossier"))
        self.path = QLineEdit(str(default_store_path()))
        self.path.setAccessibleName(self.tr("Store file"))
        self.path.setToolTip(self.tr("The new store file; its key file is written beside it"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(QCoreApplication.translate("CreateDialog", "New passphrase"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(QCoreApplication.translate("CreateDialog", "Passphrase again"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setAccessibleName(
            QCoreApplication.translate("CreateDialog", "Passphrase strength")
        )
        self.meter.setToolTip(
            QCoreApplication.translate(
                "CreateDialog", "Estimated by zxcvbn: 3 (good) or 4 (strong) is wanted"
            )
        )
        self.feedback = _wrapped()
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, where)
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("A&gain:"), self.again)
        form.addRow(QCoreApplication.translate("CreateDialog", "Strength:"), self.meter)
        self.lay.addWidget(
            _wrapped(self.tr("Choose where to keep the dossier and the passphrase that opens it."))
        )
        self.lay.addLayout(form)
        self.lay.addWidget(self.feedback)
        self.lay.addWidget(self.error)
        self.lay.addWidget(self.busy)
        self.lay.addStretch(1)
        self.first.textChanged.connect(self._rate)
        for w in (self.path, self.first, self.again):
            w.textEdited.connect(lambda _t: self.error.hide())
        self.created: Path | None = None
        self.score = 0
        self._rate("")

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.first.setFocus()

    def _rate(self, text: str) -> None:
        self.score = show_strength(self.meter, self.feedback, text)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Where to keep the new dossier"),
            self.path.text(),
            STORE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            p = Path(path)
            self.path.setText(str(p if p.suffix else p.with_suffix(".db")))
            self.error.hide()

    def target(self) -> Path | None:
        """The store path typed, if it is usable (else None and the reason shown)."""
        text = self.path.text().strip()
        if not text:
            return self.fail(self.tr("Choose where to keep the dossier."), self.path)
        p = Path(text).expanduser()
        if not p.is_absolute():
            return self.fail(
                self.tr("Give the full path of the new file, or choose it with Browse…"), self.path
            )
        if not p.suffix:
            p = p.with_suffix(".db")
        if not p.parent.is_dir() and p.parent == data_folder():
            p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # first run: not there yet
        if not p.parent.is_dir():
            return self.fail(
                self.tr("The folder %1 does not exist.").replace("%1", str(p.parent)), self.path
            )
        for f in (p, header_file(p)):
            if f.exists():
                return self.fail(
                    self.tr("%1 already exists; choose another name.").replace("%1", str(f)),
                    self.path,
                )
        self.path.setText(str(p))
        return p

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        if self.created is not None:
            return True
        path = self.target()
        if path is None:
            return False
        first, again = self.first.text(), self.again.text()
        if not first:
            self.fail(QCoreApplication.translate("CreateDialog", "Type a passphrase."), self.first)
            return False
        if first != again:
            self.fail(
                QCoreApplication.translate("CreateDialog", "The two passphrases differ."),
                self.again,
            )
            return False
        if self.score < MIN_SCORE and not accept_weak(self):
            self.first.setFocus()
            return False
        self.set_busy(True)
        self.wiz().backend.open(
            path,
            first,
            create=True,
            on_done=lambda _d: self._created(path),
            on_error=self.failed,
            context=self,
        )
        return False

    def _created(self, path: Path) -> None:
        self.created = path
        self.first.clear()  # no passphrase left in a hidden widget
        self.again.clear()
        for w in (self.path, self.browse, self.first, self.again):
            w.setEnabled(False)
        self.set_busy(False)
        self.wiz().store_created()


class IdentityPage(_Page):
    """The researcher's key pair for sharing: made on Next when the box is ticked."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Your identity"))
        self.create_box = QCheckBox(self.tr("Create my &identity for sharing"))
        self.create_box.setChecked(True)
        self.what = _wrapped(
            self.tr(
                "Your identity is a key pair, kept inside the dossier: with it, colleagues can send you "
                "encrypted files and check that what you send them really comes from you."
            )
        )
        self.later = _wrapped(self.tr("You can also create it later, under Tools ▸ Contacts."))
        self.fp_caption = QLabel(
            self.tr("Your fingerprint — read it out to colleagues so they can verify your key:")
        )
        self.fp_caption.setWordWrap(True)
        self.fingerprint = QLabel()
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAccessibleName(self.tr("Your fingerprint"))
        f = self.fingerprint.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.fingerprint.setFont(f)
        self.fp_caption.hide()
        self.fingerprint.hide()
        for w in (self.create_box, self.what, self.later):
            self.lay.addWidget(w)
        self.lay.addSpacing(12)
        self.lay.addWidget(self.fp_caption)
        self.lay.addWidget(self.fingerprint)
        self.lay.addWidget(self.error)
        self.lay.addWidget(self.busy)
        self.lay.addStretch(1)
        self.lay.addWidget(self.note())
        self.create_box.toggled.connect(self._update_button)
        self.info: sharing.IdentityInfo | None = None

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self._update_button()

    def _update_button(self) -> None:
        todo = self.create_box.isChecked() and self.info is None
        self.setButtonText(
            WB.NextButton, self.tr("C&reate my identity") if todo else self.next_text()
        )

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        if self.info is not None or not self.create_box.isChecked():
            return True
        self.set_busy(True)
        try:
            self.wiz().backend.run(
                sharing.create_identity, on_done=self._created, on_error=self.failed, context=self
            )
        except Exception as exc:  # locked meanwhile: LockedError, shown like any other
            self.failed(exc)
        return False

    def _created(self, info: sharing.IdentityInfo) -> None:
        """Stay on the page once, so the researcher sees the fingerprint."""
        self.info = info
        self.fingerprint.setText(info.fingerprint)
        self.fp_caption.show()
        self.fingerprint.show()
        self.create_box.setEnabled(False)
        self.later.hide()
        self._update_button()
        self.set_busy(False)
        self.wiz().button(WB.NextButton).setFocus()


class BackupPage(_Page):
    """An optional copy of the key header, somewhere other than beside the store."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("A backup of the key"))
        self.why = _wrapped()
        self.save = QPushButton(self.tr("&Save a backup copy…"))
        self.save.setToolTip(
            self.tr("A USB stick or another disk is best: not the folder of the dossier")
        )
        self.save.clicked.connect(self._save)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addStretch(1)
        self.result_label = _wrapped()
        self.result_label.hide()
        self.lay.addWidget(self.why)
        self.lay.addSpacing(8)
        self.lay.addLayout(row)
        self.lay.addWidget(self.result_label)
        self.lay.addWidget(self.error)
        self.lay.addWidget(self.busy)
        self.lay.addStretch(1)
        self.lay.addWidget(self.note())
        self.saved: Path | None = None
        self.setButtonText(WB.NextButton, self.tr("S&kip"))

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        store = self.wiz().store_path
        name = header_file(store or "dossier.db").name
        self.why.setText(
            self.tr(
                "The small file %1 beside the dossier holds its key, locked by your passphrase: if that "
                "file is lost or damaged, the dossier cannot be opened, even with the passphrase. A copy "
                "is useless without the passphrase, so it is safe to keep one elsewhere — on a USB stick, say."
            ).replace("%1", name)
        )

    def _save(self) -> None:
        store = self.wiz().store_path
        assert store is not None
        folder = removable_folder() or store.parent
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a backup copy of the key"),
            str(maintenance.key_backup_file(store, folder)),
        )
        if not path:
            return
        self.set_busy(True)
        # The file dialog already asked before replacing an existing file.
        job = lambda d, p: maintenance.backup_key_header(d, p, overwrite=True)  # noqa: E731
        try:
            self.wiz().backend.run(
                job, path, on_done=self._saved, on_error=self.failed, context=self
            )
        except Exception as exc:  # locked meanwhile
            self.failed(exc)

    def _saved(self, path: Path) -> None:
        self.saved = Path(path)
        self.result_label.setText(self.tr("Saved a copy to %1.").replace("%1", str(path)))
        self.result_label.show()
        self.save.setText(self.tr("&Save another copy…"))
        self.setButtonText(WB.NextButton, self.next_text())
        self.set_busy(False)


class DonePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Your dossier is ready"))
        self.setFinalPage(True)
        self.setButtonText(WB.FinishButton, self.tr("&Open my dossier"))
        self.store = _wrapped()
        self.identity = _wrapped()
        self.backup = _wrapped()
        form = QFormLayout()
        form.addRow(self.tr("Dossier:"), self.store)
        form.addRow(self.tr("Fingerprint:"), self.identity)
        form.addRow(self.tr("Key backup:"), self.backup)
        self.lay.addLayout(form)
        self.lay.addStretch(1)
        self.lay.addWidget(
            _wrapped(self.tr("Remember: without your passphrase nobody can open it."))
        )

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        w = self.wiz()
        self.store.setText(str(w.store_path))
        info = w.identity.info
        self.identity.setText(info.fingerprint if info else self.tr("none yet (Tools ▸ Contacts)"))
        saved = w.backup.saved
        self.backup.setText(str(saved) if saved else self.tr("not made"))
