"""The first run: a short, skippable assistant that creates the store and the
researcher's identity, says in two sentences what is encrypted and what a lost
passphrase means, and offers to copy the key header somewhere safe.

Why a QWizard: Back/Next/Cancel, Enter for the default button, Esc to close and
*commit pages* come with it. Creating the store is the commit: once it exists the
assistant cannot go back to that page, and closing it from then on leaves the store
created and open (it says so) — nothing is ever half made. Every slow step (Argon2id,
key generation, the header copy) runs on the backend's worker behind a busy bar, and
its error appears inline as the DossierError's own sentence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
    QWizardPage,
)

from . import assets
from .backend import Backend
from .first_run_pages import (
    BACKUP,
    DONE,
    IDENTITY,
    INTRO,
    STORE,
    WB,
    BackupPage,
    DonePage,
    IdentityPage,
    IntroPage,
    StorePage,
    default_store_path,
    header_file,
    removable_folder,
)
from .settings import Settings

__all__ = [
    "BACKUP",
    "DONE",
    "IDENTITY",
    "INTRO",
    "STORE",
    "FirstRunWizard",
    "default_store_path",
    "header_file",
    "removable_folder",
    "wants_first_run",
]


def wants_first_run(settings: Settings) -> bool:
    """Greet only a person at a screen (not a headless screenshot or CI run) who never
    opened a store here and never dismissed the assistant."""
    return (
        QGuiApplication.platformName() not in ("offscreen", "minimal") and settings.is_first_run()
    )


class FirstRunWizard(QWizard):
    """Welcome → where and passphrase → identity → key backup → done.

    `first_run`: shown at the first launch, with "Skip — I'll explore the demo".
    Any way it closes marks the first run as done, so it does not nag.
    """

    demo_requested = Signal()
    status_message = Signal(str)

    def __init__(
        self,
        backend: Backend,
        settings: Settings,
        *,
        first_run: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.settings = settings
        self.first_run = first_run
        self._busy = False
        self.setWindowTitle(self.tr("Set up Dossier"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, first_run)
        self.setButtonText(WB.CustomButton1, self.tr("S&kip — I'll explore the demo"))
        self.setButtonLayout(
            [
                WB.CustomButton1,
                WB.Stretch,
                WB.BackButton,
                WB.NextButton,
                WB.CommitButton,
                WB.FinishButton,
                WB.CancelButton,
            ]
        )
        icon = assets.icon_file()
        if icon is not None:
            self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QIcon(str(icon)).pixmap(QSize(48, 48)))
        self.intro, self.store, self.identity, self.backup, self.done_page = (
            IntroPage(),
            StorePage(),
            IdentityPage(),
            BackupPage(),
            DonePage(),
        )
        pages = (self.intro, self.store, self.identity, self.backup, self.done_page)
        for pid, page in enumerate(pages):
            self.setPage(pid, page)
            page.setSubTitle(
                self.tr("Step %1 of %2").replace("%1", str(pid + 1)).replace("%2", str(len(pages)))
            )
        self.setMinimumSize(640, 460)
        self.customButtonClicked.connect(self._custom)
        self.currentIdChanged.connect(self._page_changed)
        backend.locked.connect(self._on_locked)

    @property
    def store_path(self) -> Path | None:
        return self.store.created

    def _page_changed(self, pid: int) -> None:
        self.button(WB.CustomButton1).setVisible(self.first_run and pid == INTRO)

    def set_busy(self, page: QWizardPage, busy: bool) -> None:
        """While a job runs: no Next, Back or Cancel (nothing may be left half made)."""
        self._busy = busy
        if not busy:
            self.button(WB.CancelButton).setEnabled(True)
        page.completeChanged.emit()  # Qt re-evaluates Next/Back from the page
        if busy:
            for b in (WB.BackButton, WB.CancelButton, WB.CustomButton1):
                self.button(b).setEnabled(False)

    def store_created(self) -> None:
        """The commit happened: from now on Cancel only closes the assistant."""
        self.setButtonText(WB.CancelButton, self.tr("Close"))
        self.next()

    def _custom(self, which: int) -> None:
        if which == WB.CustomButton1.value:
            self.reject()
            self.demo_requested.emit()

    def reject(self) -> None:
        if self._busy:
            return  # the job finishes first; its result decides what is there
        if self.store_path is not None and self.backend.is_open:
            self.status_message.emit(
                self.tr("The new dossier %1 is created and open.").replace(
                    "%1", self.store_path.name
                )
            )
        super().reject()

    def _on_locked(self) -> None:
        """The store locked under us (idle, panic key): the rest needs it open."""
        if self.isVisible() and self.store_path is not None:
            self._busy = False
            super().reject()

    def done(self, result: int) -> None:
        """Closing any way: no passphrase left in a widget, and the first run is over."""
        self.store.first.clear()
        self.store.again.clear()
        self.settings.first_run_done = True
        super().done(result)
