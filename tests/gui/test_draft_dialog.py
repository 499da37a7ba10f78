"""Case ▸ Draft from statement…: drafting on the worker, highlights linked to the draft
events, edits, and accepting as one undoable write (apply and revert on the worker)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

from PySide6.QtGui import QTextCursor, QUndoStack  # noqa: E402

from dossier.core.model import Case  # noqa: E402
from dossier.gui.dialogs.draft_dialog import DraftDialog, utf16_positions  # noqa: E402

TEXT = """Statement on Zhou Lanfeng and Gao Yiming

12 March 2024

Lawyer Zhou Lanfeng (周岚峰) was detained on 14 September 2022. He was formally arrested on 27 March 2023.
Labour activist Gao Yiming was criminally detained on 2 November 2022. His lawyers have been denied access to him.
We call for their release.
"""


def _counts(backend):
    return backend.call_sync(lambda d: (d.case_count(), d.event_count(), d.source_count()))


def _drafted(qtbot, backend, text=TEXT):
    stack = QUndoStack()
    dlg = DraftDialog(None, backend, stack, text=text)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.run_draft()
    qtbot.waitUntil(lambda: dlg.draft is not None, timeout=10_000)
    return dlg, stack


def test_draft_review_edit_accept_undo_redo(qtbot, demo):
    backend, _ids = demo
    zhou = Case(name="Zhou Lan-feng")
    backend.call_sync(lambda d: d.add_case(zhou))
    before = _counts(backend)
    dlg, stack = _drafted(qtbot, backend)
    draft = dlg.draft
    assert dlg.day.text() == "2024-03-12"
    assert dlg.title.text() == "Statement on Zhou Lanfeng and Gao Yiming"
    names = {c.name: c for c in draft.cases}
    assert names["Zhou Lanfeng"].match_id == zhou.id and names["Gao Yiming"].is_new
    # two top-level rows, events under them; the unused sentences listed
    assert dlg.tree.topLevelItemCount() == 2
    assert dlg.unused.count() == len(draft.not_used) >= 2
    assert len(dlg.text.extraSelections()) > 5
    # a click on the words of an event selects that event and shows it in the editor
    arrest = next(e for e in names["Zhou Lanfeng"].events if e.type == "arrest")
    cur = QTextCursor(dlg.text.document())
    cur.setPosition(utf16_positions(draft.text)[arrest.trigger.start + 1])
    dlg.text.setTextCursor(cur)
    assert dlg.editor.ev is arrest and dlg.editor.currentIndex() == 2
    # edit its date in the editor; drop the undated lawyer_denied by unticking it
    dlg.editor.date.setText("2023-03-28")
    assert arrest.date == "2023-03-28"
    denied = next(e for e in names["Gao Yiming"].events if e.type == "lawyer_denied")
    dlg.tree.select_event(denied)
    dlg.editor.include.setChecked(False)
    assert denied.include is False
    assert "3 event(s)" in dlg.summary.text()

    with qtbot.waitSignal(dlg.accepted, timeout=10_000):
        dlg.accept_btn.click()
    assert backend.wait_idle(10)
    assert _counts(backend) == (before[0] + 1, before[1] + 3, before[2] + 1)
    got = backend.call_sync(lambda d: d.get_case(zhou.id))
    assert ("arrest", "2023-03-28") in [(e.type, e.date) for e in got.events]
    assert stack.count() == 1 and "Statement on Zhou Lanfeng" in stack.undoText()

    stack.undo()
    assert backend.wait_idle(10)
    assert _counts(backend) == before
    stack.redo()
    assert backend.wait_idle(10)
    assert _counts(backend) == (before[0] + 1, before[1] + 3, before[2] + 1)


def test_nothing_found_says_so_and_writes_nothing(qtbot, demo):
    backend, _ = demo
    before = _counts(backend)
    dlg, _stack = _drafted(qtbot, backend, "The weather was fine. 今天天气很好。")
    assert dlg.draft.cases == [] and dlg.unused.count() == 2
    assert not dlg.accept_btn.isEnabled()
    assert not dlg.error.isHidden()
    assert _counts(backend) == before


def test_matching_to_another_case_in_the_editor(qtbot, demo):
    backend, _ = demo
    dlg, _stack = _drafted(
        qtbot, backend, "Labour activist Gao Yiming was detained on 2 November 2022."
    )
    (case,) = dlg.draft.cases
    dlg.tree.setCurrentItem(dlg.tree.topLevelItem(0))
    assert dlg.editor.currentIndex() == 1 and dlg.editor.match.currentData() is None  # a new case
    dlg.editor.name.setText("Gao Yi-ming")
    dlg.editor.name.editingFinished.emit()
    assert case.name == "Gao Yi-ming" and "Gao Yi-ming" in dlg.tree.topLevelItem(0).text(0)


def test_utf16_positions_count_astral_characters_twice():
    assert utf16_positions("a𠀀b") == [0, 1, 3, 4]


def test_a_new_statement_date_drafts_again(qtbot, demo):
    backend, _ = demo
    dlg, _stack = _drafted(qtbot, backend, "Gao Yiming was detained in May last year.")
    assert (
        dlg.draft.cases == [] or dlg.draft.cases[0].events[0].date is None
    )  # no date to count from
    assert not dlg.draft_btn.isEnabled()
    dlg.day.setText("2024-10-03")
    dlg.day.textEdited.emit("2024-10-03")
    assert dlg.draft_btn.isEnabled()
    old = dlg.draft
    dlg.run_draft()
    qtbot.waitUntil(lambda: dlg.draft is not old, timeout=10_000)
    assert [(e.type, e.date) for _c, e in dlg.draft.events()] == [("detention", "2023-05")]


def test_case_menu_opens_the_dialog_and_lock_closes_it(qtbot, open_demo):
    w = open_demo
    act = w.actions_.draft_statement
    assert act in w.actions_.case_menu.actions() and act.isEnabled()
    assert act.shortcut().toString() == "Ctrl+Shift+D"
    dlg = w.case_commands.draft_statement()
    assert isinstance(dlg, DraftDialog) and dlg.isVisible()
    w.lock("Locked.")
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=5_000)
