"""One case, whole: profile, where they stand as of the day, alerts, the drawn
timeline, and tabs for events, sources and files, people and asks, and history.

Everything is loaded in one job on the backend's worker (a snapshot of the case, its
facts, cited sources, history, photo) and shown when it comes back — if this view
still exists and still shows that case. The view reloads when the backend says its
case changed (an edit here, an undo in the main window, an import).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import Changes
from dossier.core.dates import format_day
from dossier.core.errors import DossierError, NotFoundError
from dossier.core.facts import CaseFacts
from dossier.core.model import Case, HistoryEntry, Source
from dossier.gui import undo
from dossier.gui.colors import muted_text
from dossier.gui.dialogs import case_editor
from dossier.gui.i18n import error_message
from dossier.gui.views.events_panel import EventsPanel
from dossier.gui.views.history_panel import HistoryPanel
from dossier.gui.views.people_panel import PeoplePanel
from dossier.gui.views.profile_panel import AlertStrip, FactsStrip, ProfileHeader
from dossier.gui.views.sources_panel import SourcesPanel
from dossier.gui.views.standing_strip import StandingStrip
from dossier.gui.views.timeline_widget import TimelineWidget
from dossier.gui.widgets import ui_lang


@dataclass
class CaseSnapshot:
    """What the worker hands back for one case as of one day."""

    case: Case
    facts: CaseFacts
    sources: dict[str, Source]
    cited: list[str]
    history: list[HistoryEntry]
    photo: bytes | None


def load_case(d, case_id: str, as_of: date) -> CaseSnapshot:
    """Runs on the worker: everything the case view shows, in one go."""
    case = d.get_case(case_id)
    facts = d.facts(case_id, as_of)
    cited = list(dict.fromkeys(s for e in case.events for s in e.source_ids))
    photo = None
    if case.photo_attachment_id:
        try:
            photo = d.attachment_bytes(case.photo_attachment_id)
        except DossierError:
            photo = None
    return CaseSnapshot(case, facts, d.sources(cited), cited, d.history(case_id, 300), photo)


class CaseView(QWidget):
    caseChanged = Signal(str)  # a case id, after it was edited (here or by undo/redo)
    openCase = Signal(str)  # a related person's own case
    statusMessage = Signal(str)

    def __init__(self, backend, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.case_id: str | None = None
        self.case: Case | None = None
        self.facts: CaseFacts | None = None
        self.as_of = date.today()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self._build()
        backend.changed.connect(self._on_changed)
        backend.locked.connect(self.clear)

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.header = ProfileHeader(self)
        self.edit_btn = QPushButton(self)
        self.edit_btn.clicked.connect(self.edit_case)
        self.alerts = AlertStrip(self)
        self.facts_strip = FactsStrip(self)
        self.standing_strip = StandingStrip(self)
        self.timeline = TimelineWidget(self)
        self.fit_btn = fit = QToolButton(self)
        fit.clicked.connect(self.timeline.zoom_to_fit)
        self.events = EventsPanel(self.backend, self.undo_stack, self)
        self.sources = SourcesPanel(self.backend, self.undo_stack, self)
        self.people = PeoplePanel(self.backend, self.undo_stack, self)
        self.history = HistoryPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for w in (self.events, self.sources, self.people, self.history):
            self.tabs.addTab(w, "")

        self.timeline.eventActivated.connect(self._on_mark)
        self.events.selected.connect(self.timeline.select_event)
        self.events.error.connect(self._error)
        self.people.error.connect(self._error)
        self.people.openCase.connect(self.openCase)
        self.sources.status.connect(self.statusMessage)

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.edit_btn, 0, Qt.AlignmentFlag.AlignTop)
        tl_caption = QHBoxLayout()
        self.tl_label = QLabel(self)
        self.tl_label.setStyleSheet(f"color: {muted_text(self.palette()).name()};")
        tl_caption.addWidget(self.tl_label)
        tl_caption.addStretch(1)
        tl_caption.addWidget(fit)
        page = QWidget(self)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(14, 12, 14, 8)
        lay.setSpacing(10)
        lay.addLayout(top)
        lay.addWidget(self.alerts)
        lay.addWidget(self.facts_strip)
        lay.addWidget(self.standing_strip)
        lay.addLayout(tl_caption)
        lay.setSpacing(8)
        lay.addWidget(self.timeline)
        lay.addWidget(self.tabs, 1)

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(f"color: {muted_text(self.palette()).name()};")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._placeholder_kind = "choose"
        self.retranslate()

    def retranslate(self) -> None:
        """Static texts in the interface language (again on a language change)."""
        self.edit_btn.setText(self.tr("Edit case…"))
        self.edit_btn.setToolTip(self.tr("Names, tags, summary, related people"))
        self.timeline.setWhatsThis(
            self.tr("Wheel to zoom, drag to move, double-click or 0 to fit.")
        )
        self.fit_btn.setText(self.tr("Fit"))
        self.fit_btn.setToolTip(self.tr("Show the whole case (0). Wheel to zoom, drag to move."))
        n = len(self.case.events) if self.case else None
        self.tabs.setTabText(
            0, self.tr("&Events ({n})").format(n=n) if n is not None else self.tr("&Events")
        )
        self.tabs.setTabText(1, self.tr("&Sources and files"))
        self.tabs.setTabText(2, self.tr("&People and asks"))
        self.tabs.setTabText(3, self.tr("&History"))
        day = self.facts.as_of if self.facts else self.as_of
        self.tl_label.setText(
            self.tr("Timeline as of {day}").format(day=format_day(day, ui_lang()))
        )
        if self._placeholder_kind == "gone":
            self.placeholder.setText(
                self.tr(
                    "This case no longer exists. Undo (Ctrl+Z) brings it back "
                    "if it was deleted here."
                )
            )
        else:
            self.placeholder.setText(self.tr("Choose a case in the list, or create a new one."))

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()  # vocabulary labels and dates in the new language
        super().changeEvent(ev)

    # -- the interface G1 uses ---------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        """Show `case_id` (None: nothing); loads on the worker."""
        if case_id is None:
            self.clear()
            return
        if case_id != self.case_id:
            self.events.select(None)
        self.case_id = case_id
        self.reload()

    def set_as_of(self, day: date) -> None:
        """Recompute status, days, alerts and the timeline as of `day`."""
        self.as_of = day
        if self.case_id is not None:
            self.reload()

    def clear(self) -> None:
        """Forget the case (lock, deselect): nothing of it stays on screen."""
        self.case_id, self.case, self.facts = None, None, None
        self.header.set_photo(None)
        self.timeline.clear()
        self.events.clear()
        self.sources.clear()
        self.people.set_case(None)
        self.history.clear()
        self._show_placeholder("choose")

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        if self.case_id is None or not self.backend.is_open:
            return
        cid, day = self.case_id, self.as_of
        self.backend.run(
            load_case,
            cid,
            day,
            on_done=lambda snap: self._show(cid, snap),
            on_error=lambda exc: self._failed(cid, exc),
            context=self,
            key=f"case-view-{id(self)}",
        )

    def _show(self, case_id: str, snap: CaseSnapshot) -> None:
        if case_id != self.case_id:
            return
        lang = ui_lang()
        self.case, self.facts = snap.case, snap.facts
        self.header.set_case(snap.case, lang)
        self.header.set_photo(snap.photo)
        self.alerts.set_alerts(snap.facts, lang)
        self.facts_strip.set_facts(snap.facts, lang)
        self.standing_strip.set_facts(snap.facts, lang)
        same = self.timeline.property("_case") == case_id  # keep the zoom across edits
        self.timeline.set_case(snap.facts, snap.case.events, keep_view=same)
        self.timeline.setProperty("_case", case_id)
        self.events.set_events(case_id, snap.case.events, snap.sources)
        self.sources.set_case(case_id, snap.cited, snap.sources)
        self.people.set_case(snap.case)
        self.history.set_entries(snap.history)
        self.retranslate()
        self.stack.setCurrentIndex(1)

    def _failed(self, case_id: str, exc: BaseException) -> None:
        if case_id != self.case_id:
            return
        if isinstance(exc, NotFoundError):
            self.clear()
            self._show_placeholder("gone")
        else:
            self._error(error_message(exc))

    def _on_changed(self, changes: Changes) -> None:
        """Reload the case shown if the store says this write touched it (or its
        sources: they are listed on it)."""
        if self.case_id is None:
            return
        if changes.everything or self.case_id in changes.cases:
            self._reload_timer.start()
            if not changes.everything:
                self.caseChanged.emit(self.case_id)
        elif changes.sources or changes.attachments:
            self._reload_timer.start()

    def _show_placeholder(self, kind: str) -> None:
        self._placeholder_kind = kind
        self.retranslate()
        self.stack.setCurrentIndex(0)

    def _on_mark(self, event_id: str) -> None:
        self.tabs.setCurrentWidget(self.events)
        self.events.select(event_id)

    def _error(self, message: str) -> None:
        self.statusMessage.emit(message)
        QMessageBox.warning(self, self.tr("Dossier"), message)

    # -- actions -------------------------------------------------------------------------
    def edit_case(self) -> None:
        if self.case_id is not None:
            case_editor.edit_case(self, self.backend, self.undo_stack, self.case_id)

    def add_event(self) -> None:
        self.events.add()

    def delete_case(self, confirm: bool = True) -> None:
        """Delete the shown case with its events (undoable), after asking."""
        if self.case is None:
            return
        case = copy.deepcopy(self.case)
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete case"),
                self.tr("Delete {name} and their {n} events? You can undo this (Ctrl+Z).").format(
                    name=case.name, n=len(case.events)
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        cmd = undo.DeleteCase(self.backend, case.id, case.name)
        undo.push(self.undo_stack, cmd, on_error=self._error, context=self)
