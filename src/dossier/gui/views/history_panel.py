"""The change history of a case: who changed what, when (Dossier.history)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.model import HistoryEntry
from dossier.gui.colors import muted_text
from dossier.gui.models.history_model import HistoryModel


class HistoryPanel(QWidget):
    """Newest change first; the case view hands it the entries it loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.note = QLabel(self)
        self.note.setStyleSheet(f"color: {muted_text(self.palette()).name()};")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.view)
        lay.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("Change history"))
        self.note.setText(self.tr("Every change is saved at once; undo with Ctrl+Z."))
        self.model.retranslate()

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.model.set_entries(entries)
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def clear(self) -> None:
        self.model.set_rows([])
