"""A dialog that writes waits for the store: OK disabled and busy until it answers.

The write runs on the worker (`undo.push` → `Backend.perform`); the dialog stays up,
its OK button disabled and a busy cursor shown, until the store accepted the write —
then it closes — or refused it — then it stays open with the message and OK again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QPushButton

from dossier.gui import undo


def push_then_close(
    dialog: QDialog,
    stack: QUndoStack,
    cmd: undo.Command,
    ok: QPushButton | None,
    show_error: Callable[[str], None],
    after: Callable[[Any], None] | None = None,
) -> None:
    """Perform `cmd`; close `dialog` (accepted) once the store took it."""
    if dialog.property("pending"):
        return  # OK pressed twice: the first write is on its way
    dialog.setProperty("pending", True)
    if ok is not None:
        ok.setEnabled(False)
    show_error("")
    dialog.setCursor(Qt.CursorShape.BusyCursor)

    def settle() -> None:
        dialog.setProperty("pending", False)
        dialog.unsetCursor()

    def done(result: Any) -> None:
        settle()
        if after is not None:
            after(result)
        QDialog.accept(dialog)

    def failed(message: str) -> None:
        settle()
        if ok is not None:
            ok.setEnabled(True)
        show_error(message)

    undo.push(stack, cmd, on_done=done, on_error=failed, context=dialog)
