"""Help ▸ Keyboard shortcuts: every key of the window, searchable.

Built from the window's live QActions, so the list is always what the keys do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 520)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to find a command or a key…"))
        self.filter.setAccessibleName(self.tr("Find a shortcut"))
        self.filter.setClearButtonEnabled(True)
        rows = sorted(
            (
                (
                    a.text().replace("&", "").rstrip("…"),
                    ", ".join(
                        k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()
                    ),
                )
                for a in actions
                if a.text()
            ),
            key=lambda r: r[0].casefold(),
        )
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Shortcut")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        for i, (name, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(keys)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 1, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.table.rowCount()):
            hay = " ".join(self.table.item(i, c).text() for c in (0, 1)).casefold()
            self.table.setRowHidden(i, bool(needle) and needle not in hay)

    def visible_commands(self) -> list[str]:
        return [
            self.table.item(i, 0).text()
            for i in range(self.table.rowCount())
            if not self.table.isRowHidden(i)
        ]
