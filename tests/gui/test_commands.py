"""The menu commands (gui/commands_*.py) work from the collaborators they are given:
a parent widget, the backend, the undo stack, the list's model, a `CaseFocus`, a status
bar — no main window. The window is one `CaseFocus`; here a small stand-in is another."""

from __future__ import annotations

import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QStatusBar, QWidget  # noqa: E402

from dossier.core.errors import NotFoundError  # noqa: E402
from dossier.gui.case_focus import CaseFocus  # noqa: E402
from dossier.gui.commands_case import CaseCommands  # noqa: E402
from dossier.gui.commands_tools import ToolsCommands  # noqa: E402
from dossier.gui.lock import ClipboardGuard  # noqa: E402
from dossier.gui.models.case_table import CaseTableModel  # noqa: E402


class StandInFocus:
    """A CaseFocus without a window: one selected case, a fixed day, and a log."""

    def __init__(self, case_id: str | None) -> None:
        self.case_id = case_id
        self.shown: list[str] = []
        self.tab_shown = 0

    def current_case_id(self) -> str | None:
        return self.case_id

    def as_of_day(self) -> date:
        return date(2018, 2, 5)

    def show_case_id(self, case_id: str) -> None:
        self.shown.append(case_id)

    def show_case_tab(self) -> None:
        self.tab_shown += 1


@pytest.fixture
def parts(qtbot, demo, stack, settings):
    backend, ids = demo
    parent = QWidget()
    qtbot.addWidget(parent)
    model = CaseTableModel(parent)
    model.set_rows(backend.call_sync(lambda d: d.summaries()))
    status = QStatusBar(parent)
    clipboard = ClipboardGuard(settings.clipboard_seconds, parent)
    yield parent, backend, ids, model, status, clipboard
    clipboard.clear_now()


def test_the_window_is_the_case_focus_its_commands_are_given(window):
    assert isinstance(window, CaseFocus) and isinstance(StandInFocus(None), CaseFocus)
    assert window.case_commands.focus is window and window.tools_commands.focus is window
    assert window.case_commands.model is window.list_panel.model


def test_delete_case_asks_by_name_and_undo_puts_it_back(parts, stack, settings, monkeypatch):
    parent, backend, ids, model, status, clipboard = parts
    liu = ids["Liu Xia"]
    cmds = CaseCommands(
        parent, backend, stack, model, StandInFocus(liu), status, clipboard, settings
    )
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    cmds.delete_case()
    assert backend.wait_idle(10)
    assert len(asked) == 1 and "Liu Xia" in asked[0]
    with pytest.raises(NotFoundError):
        backend.call_sync(lambda d: d.get_case(liu))
    assert status.currentMessage() == "Deleted Liu Xia."
    stack.undo()
    assert backend.wait_idle(10)
    assert backend.call_sync(lambda d: d.get_case(liu)).name == "Liu Xia"


def test_delete_case_does_nothing_without_a_selection(parts, stack, settings, monkeypatch):
    parent, backend, _ids, model, status, clipboard = parts
    n = backend.call_sync(lambda d: d.case_count())
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked"))
    CaseCommands(
        parent, backend, stack, model, StandInFocus(None), status, clipboard, settings
    ).delete_case()
    assert backend.call_sync(lambda d: d.case_count()) == n and stack.count() == 0


def test_copy_name_goes_through_the_clipboard_guard(parts, stack, settings):
    parent, backend, ids, model, status, clipboard = parts
    settings.clipboard_seconds = 7
    cmds = CaseCommands(
        parent,
        backend,
        stack,
        model,
        StandInFocus(ids["Liu Xia"]),
        status,
        clipboard,
        settings,
    )
    cmds.copy_name()
    assert QApplication.clipboard().text() == "Liu Xia"
    assert clipboard.seconds == 7 and "7 s" in status.currentMessage()
    clipboard.clear_now()
    assert QApplication.clipboard().text() == ""


def test_the_briefing_gets_the_focus_selection_and_day(parts, monkeypatch):
    from dossier.gui.dialogs import briefing_dialog

    parent, backend, ids, _model, status, _clipboard = parts
    calls = []
    monkeypatch.setattr(briefing_dialog, "open_briefing_dialog", lambda *a: calls.append(a))
    ToolsCommands(parent, backend, StandInFocus(ids["Liu Xia"]), status, QUndoStack()).briefing()
    ToolsCommands(parent, backend, StandInFocus(None), status, QUndoStack()).briefing()
    assert calls == [
        (parent, backend, [ids["Liu Xia"]], date(2018, 2, 5)),
        (parent, backend, [], date(2018, 2, 5)),
    ]
