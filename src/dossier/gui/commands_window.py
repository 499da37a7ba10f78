"""Commands about the window itself: preferences (applied at once), the shortcuts list,
About, and closing every dialog that may show case data when the store locks.

`WindowCommands` receives what those touch — the settings, the idle, session and
clipboard watchers, the actions (for the shortcuts list), the way to switch language —
and the window only as the dialogs' parent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from dossier import __version__

from .dialogs.passphrase import CreateDialog, UnlockDialog
from .dialogs.preferences import PreferencesDialog
from .dialogs.shortcuts import ShortcutsDialog
from .lock import ClipboardGuard, IdleWatcher, SessionWatcher
from .menus import Actions
from .settings import Settings

translate = QCoreApplication.translate

# Dialogs that never show case data: they may stay open over the locked window.
DATA_FREE_DIALOGS = (UnlockDialog, CreateDialog, PreferencesDialog, ShortcutsDialog)


class WindowCommands:
    """Tools ▸ Preferences…; Help ▸ Keyboard shortcuts, About Dossier, About Qt."""

    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        actions: Actions,
        idle: IdleWatcher,
        clipboard: ClipboardGuard,
        session: SessionWatcher,
        set_language: Callable[[str], None],
    ) -> None:
        self.parent = parent
        self.settings = settings
        self.actions = actions
        self.idle = idle
        self.clipboard = clipboard
        self.session = session
        self.set_language = set_language
        self.preferences_dialog: PreferencesDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

    def close_data_dialogs(self) -> None:
        """On lock: close every open dialog that may show case data."""
        for dlg in self.parent.findChildren(QDialog):
            if dlg.isVisible() and not isinstance(dlg, DATA_FREE_DIALOGS):
                dlg.reject()

    # -- preferences -------------------------------------------------------------------------
    def preferences(self) -> None:
        dlg = PreferencesDialog(self.settings, self.parent)
        dlg.accepted.connect(self.apply_preferences)
        self.preferences_dialog = dlg
        dlg.open()

    def apply_preferences(self) -> None:
        s = self.settings
        self.idle.set_timeout(s.idle_minutes * 60)
        self.clipboard.seconds = s.clipboard_seconds
        self.session.enabled = s.lock_on_suspend
        self.set_language(s.language)

    # -- help --------------------------------------------------------------------------------
    def shortcuts(self) -> None:
        dlg = ShortcutsDialog(self.actions.all_with_shortcuts(), self.parent)
        self.shortcuts_dialog = dlg
        dlg.open()

    def about(self) -> None:
        QMessageBox.about(
            self.parent,
            translate("Tools", "About Dossier"),
            translate(
                "Tools",
                "<h3>Dossier %1</h3><p>Offline, encrypted case dossiers on detained and "
                "disappeared people, with briefing packets and signed share files.</p><p>Licence: "
                "GPL-3.0-or-later.</p>",
            ).replace("%1", __version__),
        )

    def about_qt(self) -> None:
        QMessageBox.aboutQt(self.parent)
