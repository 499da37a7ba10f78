"""What the sharing and contacts dialogs share: a base dialog and small table helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QWidget,
)

from ..i18n import error_message


def _fit_columns(table: QTableWidget) -> None:
    """The first column takes the room; the others are as wide as their contents."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in range(1, table.columnCount()):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().hide()


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class _Dialog(QDialog):
    """Shared bits: an error line, a busy flag, the backend."""

    def __init__(self, parent: QWidget | None, backend) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def run(self, fn, *args, on_done, write: bool = False) -> None:
        """`fn(dossier, *args)` on the worker, the dialog disabled until it answers.
        A `write` goes through `Backend.perform` (the views hear what it changed)."""
        self.show_error("")
        self.setEnabled(False)

        def done(value) -> None:
            self.setEnabled(True)
            on_done(value)

        if write:

            def refused(message: str) -> None:
                self.setEnabled(True)
                self.show_error(message)

            self.backend.perform(
                fn,
                *args,
                label=getattr(fn, "__name__", ""),
                on_done=done,
                on_error=refused,
                context=self,
            )
            return

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            self.on_failure(exc)

        self.backend.run(fn, *args, on_done=done, on_error=failed, context=self)

    def on_failure(self, exc: BaseException) -> None:
        self.show_error(error_message(exc))


# --- Share… ---------------------------------------------------------------------------------
