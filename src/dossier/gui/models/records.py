"""A read-only table model over a short list of records (a case's events, asks, …).

A case has tens of events, not thousands, so these models hold the records a view
was given (a snapshot the worker handed back) rather than fetching rows on demand as
the 50,000-row case list must. Each column is a header plus functions of a record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass
class Column:
    header: str
    value: Callable[[Any], str]
    tooltip: Callable[[Any], str | None] | None = None
    align: Qt.AlignmentFlag | None = None
    edit: Callable[[Any, str], None] | None = None  # makes the column editable
    raw: Callable[[Any], str] | None = None  # the value an editor starts from


class RecordTableModel(QAbstractTableModel):
    """Rows are records with an `id`; columns are `Column`s."""

    def __init__(self, columns: Callable[[], list[Column]], parent: QObject | None = None) -> None:
        """`columns` builds the columns; it runs again on `retranslate()` so headers
        and labels follow a change of interface language."""
        super().__init__(parent)
        self._make_columns = columns
        self._columns = columns()
        self._rows: list[Any] = []

    def retranslate(self) -> None:
        self._columns = self._make_columns()
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows and self._columns:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, record_id: str) -> int:
        return next(
            (i for i, r in enumerate(self._rows) if getattr(r, "id", None) == record_id), -1
        )

    def record(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.value(rec)
        if role == Qt.ItemDataRole.EditRole:
            return (col.raw or col.value)(rec)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(rec)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return getattr(rec, "id", None)
        if role == RECORD_ROLE:
            return rec
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._columns[index.column()].edit is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self._columns[index.column()]
        if col.edit is None or not 0 <= index.row() < len(self._rows):
            return False
        col.edit(self._rows[index.row()], "" if value is None else str(value))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def append(self, record: Any) -> int:
        """Add a row at the end (editors); returns its row number."""
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(record)
        self.endInsertRows()
        return n

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None


def first_line(text: str | None, limit: int = 120) -> str:
    """The first line of a note, shortened for a table cell."""
    if not text:
        return ""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
