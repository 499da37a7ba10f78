"""The event list of a case with add, edit and delete (all undoable)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.model import Event, Source
from dossier.core.vocab import EVENT_TYPES
from dossier.gui import undo
from dossier.gui.dialogs import event_editor
from dossier.gui.models.events_model import EventsModel
from dossier.gui.widgets import term_label


class EventsPanel(QWidget):
    """A table of events; selection is mirrored to the timeline by the case view."""

    selected = Signal(str)  # event id
    error = Signal(str)

    def __init__(self, backend, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.case_id: str | None = None
        self.model = EventsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        self.add_btn = QPushButton(self)
        self.add_btn.clicked.connect(self.add)
        self.edit_btn = QPushButton(self)
        self.edit_btn.clicked.connect(self.edit_selected)
        self.delete_btn = QPushButton(self)
        self.delete_btn.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.add_btn)
        bar.addWidget(self.edit_btn)
        bar.addWidget(self.delete_btn)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        sc = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        sc.setContext(Qt.ShortcutContext.WidgetShortcut)
        sc.activated.connect(self.delete_selected)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.edit_selected)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("Events"))
        self.add_btn.setText(self.tr("Add event…"))
        self.add_btn.setToolTip(self.tr("Add an event to this case"))
        self.edit_btn.setText(self.tr("Edit…"))
        self.edit_btn.setToolTip(self.tr("Edit the selected event (Enter or double-click)"))
        self.delete_btn.setText(self.tr("Delete"))
        self.delete_btn.setToolTip(self.tr("Delete the selected event (Delete; undo with Ctrl+Z)"))
        self.model.retranslate()

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    def set_events(
        self, case_id: str | None, events: list[Event], sources: dict[str, Source]
    ) -> None:
        keep = self.selected_event()
        new_case = case_id != self.case_id
        self.case_id = case_id
        self.model.set_events(events, sources)
        if keep is not None and not new_case:
            self.select(keep.id)
        if new_case or self.model.rowCount() <= 1:  # size columns once per case, not per edit
            self.view.resizeColumnsToContents()
            for col, cap in ((1, 320), (2, 200), (5, 240)):
                self.view.setColumnWidth(col, min(self.view.columnWidth(col), cap))
        self._update_buttons()

    def clear(self) -> None:
        self.case_id = None
        self.model.set_rows([])
        self._update_buttons()

    def select(self, event_id: str | None) -> None:
        row = self.model.row_of(event_id) if event_id else -1
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        else:
            self.view.clearSelection()

    def selected_event(self) -> Event | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _on_selection(self, *_a) -> None:
        ev = self.selected_event()
        self._update_buttons()
        if ev is not None:
            self.selected.emit(ev.id)

    def _update_buttons(self) -> None:
        has = self.selected_event() is not None
        self.add_btn.setEnabled(self.case_id is not None)
        self.edit_btn.setEnabled(has)
        self.delete_btn.setEnabled(has)

    # -- actions ------------------------------------------------------------------------
    def add(self) -> None:
        if self.case_id is not None:
            event_editor.add_event(self, self.backend, self.undo_stack, self.case_id)

    def edit_selected(self) -> None:
        ev = self.selected_event()
        if ev is not None:
            event_editor.edit_event(
                self, self.backend, self.undo_stack, ev.id, ev.case_id or self.case_id
            )

    def delete_selected(self) -> None:
        ev = self.selected_event()
        if ev is None:
            return
        label = f"{term_label(EVENT_TYPES, ev.type, 'en')} {ev.date}"
        cmd = undo.DeleteEvent(self.backend, ev.id, self.case_id or "", label)
        undo.push(self.undo_stack, cmd, on_error=self.error.emit, context=self)
