"""The window's actions and menu bar, kept apart from what the actions do.

Every command is a QAction with a standard role where the platform has one (Quit,
Preferences, About go to the application menu on macOS), a shortcut, a tooltip and
a status tip; the keyboard-shortcuts dialog lists them from here, so the list can
never drift from what the keys do. Texts are set in `retranslate()` so a language
switch re-labels everything without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from .i18n import LANGUAGES

K = QKeySequence


class Actions(QObject):
    """All actions of the main window, created once, labelled in `retranslate()`."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self.window = window

        def act(shortcut=None, role=QAction.MenuRole.NoRole, checkable=False) -> QAction:
            a = QAction(window)
            if shortcut is not None:
                a.setShortcuts(shortcut if isinstance(shortcut, list) else [K(shortcut)])
            a.setMenuRole(role)
            a.setCheckable(checkable)
            window.addAction(a)  # shortcuts work while the menu bar is hidden (locked)
            return a

        # File
        self.new_store = act("Ctrl+Shift+N")
        self.open_store = act(K.StandardKey.Open)
        self.close_store = act("Ctrl+Shift+W")
        self.lock = act("Ctrl+Shift+L")
        self.lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        # Looking after the store: what `dossier backup/key-backup/verify/passwd/export-json` do.
        self.backup = act("Ctrl+Shift+B")
        self.key_backup = act()
        self.verify = act()
        self.change_passphrase = act()
        self.export_json = act()
        self.key_restore = act()  # works on a closed store: not a data action
        self.quit = act(K.StandardKey.Quit, QAction.MenuRole.QuitRole)
        # Edit
        self.undo = undo_stack.createUndoAction(window)
        self.undo.setShortcuts(K.keyBindings(K.StandardKey.Undo))
        self.redo = undo_stack.createRedoAction(window)
        self.redo.setShortcuts(K.keyBindings(K.StandardKey.Redo))
        window.addAction(self.undo)
        window.addAction(self.redo)
        self.copy_name = act("Ctrl+Shift+C")
        self.find = act(K.StandardKey.Find)
        # Case
        self.new_case = act("Ctrl+N")
        self.add_event = act("Ctrl+E")
        self.draft_statement = act("Ctrl+Shift+D")
        self.delete_case = act("Ctrl+Del")
        self.find_duplicates = act()
        self.merge_cases = act("Ctrl+Shift+M")
        self.un_draft = act("Ctrl+Shift+U")
        # View
        self.view_case = act("Ctrl+1", checkable=True)
        self.view_overview = act("Ctrl+2", checkable=True)
        self.view_group = QActionGroup(window)
        for a in (self.view_case, self.view_overview):
            self.view_group.addAction(a)
        self.view_case.setChecked(True)
        self.lang_group = QActionGroup(window)
        self.lang_system = act(checkable=True)
        self.lang_system.setData("")
        self.lang_group.addAction(self.lang_system)
        self.lang_actions = [self.lang_system]
        for code, name in LANGUAGES.items():
            a = act(checkable=True)
            a.setData(code)
            a.setText(name)  # a language's own name, never translated
            self.lang_group.addAction(a)
            self.lang_actions.append(a)
        # Tools
        self.briefing = act("Ctrl+P")
        self.share = act("Ctrl+Shift+S")
        self.import_share = act("Ctrl+Shift+I")
        self.import_sheet = act()
        self.contacts = act()
        self.preferences = act(K.StandardKey.Preferences, QAction.MenuRole.PreferencesRole)
        if self.preferences.shortcut().isEmpty():
            self.preferences.setShortcut(K("Ctrl+,"))
        # Help
        self.shortcuts = act([K("Ctrl+/"), K(K.StandardKey.HelpContents)])
        self.about = act(role=QAction.MenuRole.AboutRole)
        self.about_qt = act(role=QAction.MenuRole.AboutQtRole)

        # Data actions: enabled only while a dossier is open.
        self.data_actions = [
            self.close_store,
            self.lock,
            self.backup,
            self.key_backup,
            self.verify,
            self.change_passphrase,
            self.export_json,
            self.copy_name,
            self.find,
            self.new_case,
            self.add_event,
            self.draft_statement,
            self.delete_case,
            self.find_duplicates,
            self.merge_cases,
            self.un_draft,
            self.view_case,
            self.view_overview,
            self.briefing,
            self.share,
            self.import_share,
            self.import_sheet,
            self.contacts,
        ]
        self._build_menus(window)
        self.retranslate()

    def _build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        self.file_menu = QMenu(window)
        for a in (
            self.new_store,
            self.open_store,
            self.close_store,
            None,
            self.backup,
            self.key_backup,
            self.key_restore,
            self.verify,
            self.change_passphrase,
            None,
            self.export_json,
            None,
            self.lock,
            None,
            self.quit,
        ):
            self._add(self.file_menu, a)
        self.edit_menu = QMenu(window)
        for a in (self.undo, self.redo, None, self.copy_name, self.find):
            self._add(self.edit_menu, a)
        self.case_menu = QMenu(window)
        for a in (
            self.new_case,
            self.add_event,
            self.draft_statement,
            None,
            self.find_duplicates,
            self.merge_cases,
            None,
            self.un_draft,
            None,
            self.delete_case,
        ):
            self._add(self.case_menu, a)
        self.view_menu = QMenu(window)
        for a in (self.view_case, self.view_overview, None):
            self._add(self.view_menu, a)
        self.lang_menu = self.view_menu.addMenu("")
        for a in self.lang_actions:
            self.lang_menu.addAction(a)
        self.tools_menu = QMenu(window)
        for a in (
            self.briefing,
            self.share,
            self.import_share,
            None,
            self.import_sheet,
            self.contacts,
            None,
            self.preferences,
        ):
            self._add(self.tools_menu, a)
        self.help_menu = QMenu(window)
        for a in (self.shortcuts, None, self.about, self.about_qt):
            self._add(self.help_menu, a)
        for m in (
            self.file_menu,
            self.edit_menu,
            self.case_menu,
            self.view_menu,
            self.tools_menu,
            self.help_menu,
        ):
            bar.addMenu(m)

    @staticmethod
    def _add(menu: QMenu, action: QAction | None) -> None:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)

    def retranslate(self) -> None:
        def s(a: QAction, text: str, tip: str = "") -> None:
            a.setText(text)
            a.setToolTip(tip or text.replace("&", "").rstrip("…"))
            a.setStatusTip(tip or text.replace("&", "").rstrip("…"))

        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.case_menu.setTitle(self.tr("&Case"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.lang_menu.setTitle(self.tr("&Language"))
        s(self.new_store, self.tr("&New dossier…"), self.tr("Create a new encrypted store"))
        s(self.open_store, self.tr("&Open dossier…"), self.tr("Open an existing store"))
        s(
            self.close_store,
            self.tr("&Close dossier"),
            self.tr("Lock the store and go back to the start screen"),
        )
        s(
            self.lock,
            self.tr("&Lock"),
            self.tr("Hide everything and close the store now (panic key)"),
        )
        s(
            self.backup,
            self.tr("&Back up…"),
            self.tr("Write an encrypted copy of the store (it opens with the same passphrase)"),
        )
        s(
            self.key_backup,
            self.tr("Back up &key file…"),
            self.tr("A copy of the store's key file: without it the store cannot be opened"),
        )
        s(
            self.key_restore,
            self.tr("&Restore key file…"),
            self.tr("Put back a lost or damaged key file from its backup copy"),
        )
        s(
            self.verify,
            self.tr("&Verify"),
            self.tr("Check every page, attachment and the search index"),
        )
        s(
            self.change_passphrase,
            self.tr("Change &passphrase…"),
            self.tr("Choose a new passphrase for this store"),
        )
        s(
            self.export_json,
            self.tr("Export &JSON…"),
            self.tr("All cases in the interchange format — an unencrypted file"),
        )
        s(self.quit, self.tr("&Quit"))
        self.undo.setText(self.tr("&Undo"))
        self.redo.setText(self.tr("&Redo"))
        s(
            self.copy_name,
            self.tr("Copy &name"),
            self.tr("Copy the case's name; the clipboard is cleared after a while"),
        )
        s(self.find, self.tr("&Find…"), self.tr("Search the cases"))
        s(self.new_case, self.tr("&New case…"), self.tr("Add a case"))
        s(self.add_event, self.tr("Add &event…"), self.tr("Add an event to the selected case"))
        s(
            self.draft_statement,
            self.tr("&Draft from statement…"),
            self.tr("Draft cases and events from a pasted statement, for review"),
        )
        s(
            self.delete_case,
            self.tr("&Delete case…"),
            self.tr("Delete the selected case (undoable)"),
        )
        s(
            self.find_duplicates,
            self.tr("Find d&uplicates…"),
            self.tr("Cases that look like one person entered twice (by pinyin)"),
        )
        s(
            self.merge_cases,
            self.tr("&Merge cases…"),
            self.tr(
                "Fold another case into the selected one: names, events and sources united (undoable)"
            ),
        )
        s(
            self.un_draft,
            self.tr("&UN communication draft…"),
            self.tr("Draft a WGEID, WGAD or urgent-appeal communication for the selected case"),
        )
        s(self.view_case, self.tr("&Case"), self.tr("Show the selected case"))
        s(
            self.view_overview,
            self.tr("&Overview"),
            self.tr("All cases on one timeline, with counts by status"),
        )
        self.lang_system.setText(self.tr("Follow the system"))
        s(
            self.briefing,
            self.tr("Export &briefing…"),
            self.tr("Print a briefing packet (PDF) for the selected cases"),
        )
        s(
            self.share,
            self.tr("&Share…"),
            self.tr("Write an encrypted, signed share file for colleagues"),
        )
        s(
            self.import_share,
            self.tr("&Import share file…"),
            self.tr("Merge a share file from a colleague"),
        )
        s(
            self.import_sheet,
            self.tr("Import &spreadsheet…"),
            self.tr("Import cases from a .csv, .xlsx or .json file"),
        )
        s(
            self.contacts,
            self.tr("&Contacts…"),
            self.tr("Colleagues you share with, and your own keys"),
        )
        s(self.preferences, self.tr("&Preferences…"), self.tr("Language, auto-lock and clipboard"))
        s(
            self.shortcuts,
            self.tr("&Keyboard shortcuts"),
            self.tr("A searchable list of every shortcut"),
        )
        s(self.about, self.tr("&About Dossier"))
        s(self.about_qt, self.tr("About &Qt"))

    def all_with_shortcuts(self) -> list[QAction]:
        """Every action that has a key, for the shortcuts dialog."""
        seen, out = set(), []
        for a in self.window.actions():
            if a.shortcuts() and id(a) not in seen:
                seen.add(id(a))
                out.append(a)
        return out
