"""The main window: welcome → unlock → the case list beside the case view, and back to
locked whenever the researcher walks away.

The window owns the undo stack, the safety watchers and the three pages of a stacked
central widget (welcome, unlock, work). It never holds case data itself: the list
model and G2's views do, and all of them are cleared when the store locks.

What the menu commands do lives in the command objects (gui/commands_*.py), which the
window builds with the collaborators each needs and wires to its actions; the window
keeps the layout, the pages and the open/lock life cycle.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import Changes
from dossier.services.demo import build_demo

from . import assets
from .backend import Backend
from .case_list import CaseListPanel, ListState
from .commands_case import CaseCommands
from .commands_store import StoreCommands
from .commands_tools import ToolsCommands
from .commands_window import WindowCommands
from .dialogs.passphrase import CreateDialog, UnlockDialog, UnlockPanel, error_message
from .first_run import FirstRunWizard, wants_first_run
from .i18n import Translations, normalize, system_language, ui_lang
from .locations import DEMO_PASSPHRASE, demo_store_path
from .lock import ClipboardGuard, IdleWatcher, SessionWatcher
from .menus import Actions
from .settings import Settings
from .views.case_view import CaseView
from .views.overview import OverviewView
from .welcome import WelcomeWidget
from .workers import BusyIndicator, run_with_progress

__all__ = ["DEMO_PASSPHRASE", "MainWindow", "demo_store_path"]  # gui.app takes all three here


class MainWindow(QMainWindow):
    """The window; also the `CaseFocus` (gui/case_focus.py) its commands are given."""

    WELCOME, LOCKED, WORK = range(3)

    def __init__(
        self, backend: Backend, settings: Settings, translations: Translations | None = None
    ) -> None:
        super().__init__()
        self.backend = backend
        self.settings = settings
        self.translations = translations
        self.undo_stack = QUndoStack(self)
        self._saved_state: ListState | None = None
        self._as_of: date = date.today()
        self._overview_dirty = True
        icon = assets.icon_file()
        if icon is not None:
            self.setWindowIcon(QIcon(str(icon)))

        self.welcome = WelcomeWidget()
        self.unlock_panel = UnlockPanel()
        locked_page = QWidget()
        lay = QVBoxLayout(locked_page)
        lay.addStretch(1)
        lay.addWidget(self.unlock_panel, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)
        self.list_panel = CaseListPanel(backend)
        self.case_view = CaseView(backend, self.undo_stack)
        self.overview = OverviewView(backend)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.case_view, "")
        self.tabs.addTab(self.overview, "")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([620, 780])
        self.splitter.setChildrenCollapsible(False)
        self.pages = QStackedWidget()
        for w in (self.welcome, locked_page, self.splitter):
            self.pages.addWidget(w)
        self.setCentralWidget(self.pages)

        self.actions_ = Actions(self, self.undo_stack)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.store_label)
        self._busy_indicator = BusyIndicator(backend, self.busy.setVisible, parent=self)

        self.idle = IdleWatcher(settings.idle_minutes * 60, self)
        self.idle.idle.connect(
            lambda: self.lock(
                self.tr("Locked after %1 idle minutes.").replace(
                    "%1", f"{self.idle.timeout / 60:g}"
                )
            )
        )
        self.session = SessionWatcher(self)
        self.session.enabled = settings.lock_on_suspend
        self.session.should_lock.connect(
            lambda: self.lock(self.tr("Locked: the session was suspended."))
        )
        self.clipboard = ClipboardGuard(settings.clipboard_seconds, self)
        self.clipboard.cleared.connect(
            lambda: self.statusBar().showMessage(self.tr("Clipboard cleared."), 3000)
        )

        status = self.statusBar()
        self.store_commands = StoreCommands(self, backend, status, self.lock)
        self.case_commands = CaseCommands(
            self,
            backend,
            self.undo_stack,
            self.list_panel.model,
            self,
            status,
            self.clipboard,
            settings,
        )
        self.tools_commands = ToolsCommands(self, backend, self, status, self.undo_stack)
        self.window_commands = WindowCommands(
            self,
            settings,
            self.actions_,
            self.idle,
            self.clipboard,
            self.session,
            self.set_language,
        )
        self._connect()
        self._restore_geometry()
        self.welcome.set_recent(settings.recent())
        self._show_page(self.WELCOME)
        self.retranslate()
        QTimer.singleShot(0, self, self._greet)  # once the event loop runs

    # -- wiring -----------------------------------------------------------------------
    def _connect(self) -> None:
        a = self.actions_
        b = self.backend
        b.opened.connect(self._on_opened)
        b.locked.connect(self._on_locked)
        b.changed.connect(self._on_changed)
        b.failed.connect(self._on_failed)
        b.performing_changed.connect(self._undo_actions)
        self.undo_stack.canUndoChanged.connect(self._undo_actions)
        self.undo_stack.canRedoChanged.connect(self._undo_actions)
        self.welcome.new_requested.connect(self.set_up_dossier)
        self.welcome.open_requested.connect(self.open_store)
        self.welcome.recent_chosen.connect(self.open_path)
        self.welcome.demo_requested.connect(self.open_demo)
        self.unlock_panel.submitted.connect(self._unlock)
        self.list_panel.case_selected.connect(self._case_selected)
        self.list_panel.as_of_changed.connect(self._as_of_changed)
        self.list_panel.loaded.connect(self._list_loaded)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.case_view.openCase.connect(self.show_case_id)
        self.case_view.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 5000))
        self.overview.caseActivated.connect(self.show_case_id)
        a.new_store.triggered.connect(self.new_store)
        a.open_store.triggered.connect(self.open_store)
        a.close_store.triggered.connect(self.close_store)
        a.lock.triggered.connect(lambda: self.lock(self.tr("Locked.")))
        a.quit.triggered.connect(self.close)
        st = self.store_commands
        a.backup.triggered.connect(st.backup)
        a.key_backup.triggered.connect(st.key_backup)
        a.key_restore.triggered.connect(st.key_restore)
        a.verify.triggered.connect(st.verify)
        a.change_passphrase.triggered.connect(st.change_passphrase)
        a.export_json.triggered.connect(st.export_json)
        cc = self.case_commands
        a.copy_name.triggered.connect(cc.copy_name)
        a.find.triggered.connect(self._focus_search)
        a.new_case.triggered.connect(cc.new_case)
        a.add_event.triggered.connect(cc.add_event)
        a.draft_statement.triggered.connect(cc.draft_statement)
        a.delete_case.triggered.connect(cc.delete_case)
        a.find_duplicates.triggered.connect(cc.find_duplicates)
        a.merge_cases.triggered.connect(cc.merge_cases)
        a.un_draft.triggered.connect(cc.un_draft)
        a.view_case.triggered.connect(self.show_case_tab)
        a.view_overview.triggered.connect(lambda: self.tabs.setCurrentIndex(1))
        a.lang_group.triggered.connect(lambda act: self.set_language(act.data()))
        tc = self.tools_commands
        a.briefing.triggered.connect(tc.briefing)
        a.share.triggered.connect(tc.share_export)
        a.import_share.triggered.connect(tc.share_import)
        a.contacts.triggered.connect(tc.contacts)
        a.import_sheet.triggered.connect(tc.import_spreadsheet)
        wc = self.window_commands
        a.preferences.triggered.connect(wc.preferences)
        a.shortcuts.triggered.connect(wc.shortcuts)
        a.about.triggered.connect(wc.about)
        a.about_qt.triggered.connect(wc.about_qt)

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self.tabs.setTabText(0, self.tr("Case"))
        self.tabs.setTabText(1, self.tr("Overview"))
        self.tabs.setTabToolTip(0, self.tr("The selected case: profile, timeline, events, sources"))
        self.tabs.setTabToolTip(1, self.tr("All cases on one timeline, with counts by status"))
        self.busy.setAccessibleName(self.tr("Working"))
        self.unlock_panel.hint.setText(self._hint(self.backend.path))
        self.unlock_panel.hint.setVisible(bool(self.unlock_panel.hint.text()))
        self.list_panel.model.set_language(ui_lang())
        for act in self.actions_.lang_actions:
            act.setChecked(act.data() == (self.settings.language or ""))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "actions_"):
            self.actions_.retranslate()
            self.retranslate()
        super().changeEvent(event)

    def _title(self) -> str:
        p = self.backend.path
        return (
            f"{p.name} — Dossier"
            if p is not None and self.pages.currentIndex() != self.WELCOME
            else "Dossier"
        )

    def _hint(self, path: Path | None) -> str:
        if path is not None and path == demo_store_path():
            return self.tr("This is the demo store; its passphrase is: demo")
        return ""

    # -- pages ------------------------------------------------------------------------
    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        open_ = page == self.WORK
        for act in self.actions_.data_actions:
            act.setEnabled(open_)
        self.actions_.lock.setEnabled(open_)
        self.actions_.close_store.setEnabled(page != self.WELCOME)
        self.setWindowTitle(self._title())
        p = self.backend.path
        self.store_label.setText(p.name if p is not None and page != self.WELCOME else "")
        self.store_label.setToolTip(str(p) if p is not None else "")

    # -- opening ----------------------------------------------------------------------
    def new_store(self) -> None:
        path = self.store_commands.ask_new_path()
        if path is None:
            return
        self.undo_stack.clear()
        self.backend.lock()
        dlg = CreateDialog(self.backend, path, self)
        self.create_dialog = dlg
        dlg.open()

    def set_up_dossier(self, first_run: bool = False) -> FirstRunWizard:
        """The guided setup: store, identity, key backup (welcome button, first launch)."""
        old = getattr(self, "first_run_wizard", None)
        if old is not None:
            old.deleteLater()
        self.undo_stack.clear()
        self.backend.lock()
        wiz = FirstRunWizard(self.backend, self.settings, first_run=first_run, parent=self)
        wiz.demo_requested.connect(self.open_demo)
        wiz.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.first_run_wizard = wiz
        wiz.open()
        return wiz

    def _greet(self) -> None:
        """At the first launch — nothing asked on the command line — offer the setup."""
        busy = (
            self.backend.is_open
            or self.backend.busy
            or any(d.isVisible() for d in self.findChildren(QDialog))
        )
        if self.isVisible() and not busy and wants_first_run(self.settings):
            self.set_up_dossier(first_run=True)

    def open_store(self) -> None:
        path = self.store_commands.ask_open_path()
        if path is not None:
            self.open_path(str(path))

    def open_path(self, path: str, hint: str = "") -> UnlockDialog:
        """Ask for the passphrase of `path` in a window-modal dialog (non-blocking)."""
        self.backend.lock()
        self._saved_state = None
        dlg = UnlockDialog(self.backend, path, hint or self._hint(Path(path)), self)
        self.unlock_dialog = dlg
        dlg.open()
        return dlg

    def open_demo(self, on_error=None) -> None:
        """Open the demo store, creating it first (passphrase "demo") if it is not there."""
        path = demo_store_path()
        if path.exists():
            self.open_path(str(path))
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self.statusBar().showMessage(self.tr("Creating the demo store (passphrase: demo)…"))
        self.open_with_passphrase(path, DEMO_PASSPHRASE, create=True, demo=True, on_error=on_error)

    def open_with_passphrase(
        self,
        path: Path,
        passphrase: str,
        *,
        create: bool = False,
        demo: bool = False,
        on_error=None,
    ) -> None:
        """Open without a dialog (command line, --demo, screenshots); errors in a message box."""
        self.backend.lock()
        self._saved_state = None

        def prepare(d):
            if demo and create:
                build_demo(d)

        def failed(exc: BaseException) -> None:
            if on_error is not None:
                on_error(exc)
            else:
                QMessageBox.critical(
                    self, self.tr("Could not open the dossier"), error_message(exc)
                )

        self.backend.open(
            path, passphrase, create=create, prepare=prepare, on_error=failed, context=self
        )

    def close_store(self) -> None:
        """Lock and return to the start screen."""
        self._saved_state = None
        if self.backend.is_open:
            self.lock(self.tr("Closed."))
        self.welcome.set_recent(self.settings.recent())
        self._show_page(self.WELCOME)

    # -- open / lock transitions ---------------------------------------------------------
    def _on_opened(self) -> None:
        d = self.backend.dossier
        assert d is not None
        self.unlock_panel.field.clear()  # no passphrase left in a hidden widget
        self.settings.add_recent(d.path)
        self.welcome.set_recent(self.settings.recent())
        self._show_page(self.WORK)
        # A new day (or a big import elsewhere) means every case's facts are recomputed
        # once: on the worker, behind a progress dialog if it takes more than a moment.
        # The list's load is queued behind it on the same worker.
        run_with_progress(
            self,
            self.backend,
            lambda d: d.ensure_facts(),
            title=self.tr("Opening"),
            label=self.tr("Bringing every case up to today…"),
            cancellable=False,
        )
        state = self._saved_state or ListState()
        self._saved_state = None
        story_day = d.opens_as_of if state.as_of is None else None
        if story_day is not None:
            # A store that tells a story as of a past day (the demo: the NGO letter of
            # 5 Feb 2018) opens on that day; the Today button beside it shows now.
            state.as_of = story_day
        if state.as_of is not None:
            self._as_of = state.as_of
        self.list_panel.restore(state)
        self.case_view.set_as_of(self._as_of)
        self._overview_dirty = True
        if self.tabs.currentIndex() == 1:
            self._refresh_overview()
        self.idle.set_timeout(self.settings.idle_minutes * 60)
        self.idle.start()
        if story_day is not None:
            self.statusBar().showMessage(
                self.tr(
                    "Unlocked %1, shown as of %2 (the day its story is told); press Today for now."
                )
                .replace("%1", d.path.name)
                .replace("%2", story_day.isoformat()),
                10000,
            )
        else:
            self.statusBar().showMessage(self.tr("Unlocked %1.").replace("%1", d.path.name), 4000)
        self.list_panel.search.setFocus()

    def lock(self, message: str = "") -> None:
        """Hide everything now, close the store (its key zeroed), clear models and undo."""
        if not self.backend.is_open:
            return
        self._saved_state = self.list_panel.state()
        self.backend.lock()  # emits locked → _on_locked
        if message:
            self.statusBar().showMessage(message)

    def _on_locked(self) -> None:
        self.idle.stop()
        self.clipboard.clear_now()
        self.undo_stack.clear()
        self.list_panel.clear()
        self.case_view.clear()
        self.overview.clear()
        self._overview_dirty = True
        for dlg in self.findChildren(UnlockDialog) + self.findChildren(CreateDialog):
            if not dlg.isVisible():
                dlg.deleteLater()
        self.window_commands.close_data_dialogs()
        path = self.backend.path
        self.unlock_panel.reset(path, self._hint(path))
        if self.pages.currentIndex() != self.WELCOME:
            self._show_page(self.LOCKED)

    def _unlock(self, passphrase: str) -> None:
        path = self.backend.path
        if path is None:
            self._show_page(self.WELCOME)
            return
        self.backend.open(
            path,
            passphrase,
            on_error=lambda e: self.unlock_panel.show_error(error_message(e)),
            context=self.unlock_panel,
        )

    # -- reactions --------------------------------------------------------------------
    def _case_selected(self, case_id: str | None) -> None:
        if case_id is None:
            self.case_view.clear()
        else:
            self.case_view.show_case(case_id)
        has = case_id is not None
        for act in (
            self.actions_.copy_name,
            self.actions_.add_event,
            self.actions_.delete_case,
            self.actions_.merge_cases,
        ):
            act.setEnabled(has and self.backend.is_open)

    def as_of_day(self) -> date:
        """The day the window shows facts as of (the "As of" box)."""
        return self._as_of

    def _as_of_changed(self, day: date) -> None:
        self._as_of = day
        self.case_view.set_as_of(day)
        self._overview_dirty = True
        if self.tabs.currentIndex() == 1:
            self._refresh_overview()

    def _on_changed(self, changes: Changes) -> None:
        """The store says what a write touched: the list redraws exactly those rows."""
        if not self.backend.is_open:
            return
        if changes.case_list:
            self.list_panel.refresh_changes(changes)
            if not self.overview.isVisible():  # a visible overview refreshes itself
                self._overview_dirty = True

    def _on_failed(self, message: str) -> None:
        """A write nobody else was waiting for (an undo, a redo) failed."""
        QMessageBox.warning(self, "Dossier", message)

    def _undo_actions(self, *_args) -> None:
        """No undo or redo while a write is on its way: the next one needs its answer."""
        busy = self.backend.performing
        self.actions_.undo.setEnabled(not busy and self.undo_stack.canUndo())
        self.actions_.redo.setEnabled(not busy and self.undo_stack.canRedo())

    def _list_loaded(self, n: int) -> None:
        if n == 0 and self.list_panel.search.text():
            self.statusBar().showMessage(self.tr("No case matches."), 3000)

    def _tab_changed(self, index: int) -> None:
        (self.actions_.view_overview if index == 1 else self.actions_.view_case).setChecked(True)
        if index == 1 and self._overview_dirty:
            self._refresh_overview()

    def _refresh_overview(self) -> None:
        if self.backend.is_open:
            self._overview_dirty = False
            self.overview.refresh(self._as_of)

    def show_case_id(self, case_id: str) -> None:
        """Bring a case up in the list and the case view (from the overview or a
        related person), clearing the filters if they hide it."""
        self.tabs.setCurrentIndex(0)
        if not self.list_panel.select(case_id):
            self.list_panel.restore(ListState(case_id=case_id, as_of=self._as_of))

    def show_case_tab(self) -> None:
        self.tabs.setCurrentIndex(0)

    def _focus_search(self) -> None:
        self.list_panel.search.setFocus()
        self.list_panel.search.selectAll()

    def current_case_id(self) -> str | None:
        return self.list_panel.current_id()

    # -- language ---------------------------------------------------------------------------
    def set_language(self, lang: str | None) -> None:
        """Switch the interface language now ("" follows the system) and remember it."""
        self.settings.language = lang or ""
        if self.translations is not None:
            self.translations.install(normalize(lang) or system_language())

    # -- window state -------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geo = self.settings.state("geometry")
        if geo is None or not self.restoreGeometry(geo):
            self.resize(1400, 900)
        st = self.settings.state("state")
        if st is not None:
            self.restoreState(st)
        sp = self.settings.state("splitter")
        if sp is not None:
            self.splitter.restoreState(sp)

    def save_geometry(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("state", self.saveState())
        self.settings.set_state("splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_geometry()
        self.clipboard.clear_now()
        self.backend.lock()
        super().closeEvent(event)
