"""Issue #17 item 12 in the window: Case → Find duplicates and Merge cases…, the merge
done on the worker (never the UI thread), one undoable command, undo restoring both."""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402

from dossier.core.errors import NotFoundError  # noqa: E402
from dossier.core.model import Case, Event  # noqa: E402
from dossier.services import merging  # noqa: E402

from .conftest import select_name, settle  # noqa: E402


def _count(backend) -> int:
    return backend.call_sync(lambda d: d.case_count())


def test_find_duplicates_then_merge_and_undo(qtbot, demo, stack, monkeypatch):
    from dossier.gui.dialogs.merge_dialog import DuplicatesDialog

    backend, ids = demo
    wang = ids["Wang Quanzhang"]
    twin = backend.call_sync(
        lambda d: d.add_case(
            Case(name="Wang Quan-zhang", summary="From a colleague.", tags=["colleague"])
        )
    )
    backend.call_sync(
        lambda d: d.add_event(
            twin.id, Event(type="health_concern", date="2018-12-27", note="TWIN-MARKER")
        )
    )
    n = _count(backend)
    threads = []
    real = merging.merge_cases

    def spy(*args, **kw):
        threads.append(threading.current_thread())
        return real(*args, **kw)

    monkeypatch.setattr(merging, "merge_cases", spy)
    dlg = DuplicatesDialog(backend, stack)
    qtbot.addWidget(dlg)
    dlg.start()
    qtbot.waitUntil(lambda: dlg.table.rowCount() > 0, timeout=20_000)
    (pair,) = dlg.pairs
    assert {pair.incoming_id, pair.local_id} == {wang, twin.id}
    dlg.table.selectRow(0)
    merge = dlg.merge_selected()
    qtbot.waitUntil(lambda: merge.plan is not None, timeout=10_000)
    if merge.plan.a.id != wang:
        merge._swap()
        qtbot.waitUntil(lambda: merge.plan is not None and merge.plan.a.id == wang, timeout=10_000)
    assert {c.field for c in merge.plan.conflicts} >= {"name", "summary"}
    assert not merge.merge_button.isEnabled()  # a choice is missing
    merge.choose("name", "A")
    merge.choose("summary", "B")
    assert merge.merge_button.isEnabled()
    with qtbot.waitSignal(merge.merged, timeout=10_000):
        merge.merge_button.click()
    settle(backend)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert _count(backend) == n - 1
    case = backend.call_sync(lambda d: d.get_case(wang))
    assert case.summary == "From a colleague." and "colleague" in case.tags
    assert "TWIN-MARKER" in {e.note for e in case.events}
    assert dlg.table.rowCount() == 0  # the merged pair is gone from the list
    assert stack.count() == 1 and "Wang Quan-zhang" in stack.undoText()

    stack.undo()
    settle(backend)
    assert _count(backend) == n
    assert backend.call_sync(lambda d: d.get_case(twin.id)).summary == "From a colleague."
    # (the demo's own Wang Quanzhang has a trial since it follows him to 2020: a marker
    # note tells the twin's event apart)
    assert "TWIN-MARKER" not in {
        e.note for e in backend.call_sync(lambda d: d.get_case(wang)).events
    }
    stack.redo()
    settle(backend)
    assert _count(backend) == n - 1
    with pytest.raises(NotFoundError):
        backend.call_sync(lambda d: d.get_case(twin.id))


def test_case_menu_has_find_duplicates_and_merge(qtbot, open_demo, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from dossier.gui.dialogs.merge_dialog import MergeDialog

    w = open_demo
    acts = w.actions_.case_menu.actions()
    assert w.actions_.find_duplicates in acts and w.actions_.merge_cases in acts
    assert w.actions_.find_duplicates.isEnabled()
    select_name(w, "Liu Xia")
    assert w.actions_.merge_cases.isEnabled()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("刘霞", True))
    w.actions_.merge_cases.trigger()  # the selected case itself: refused, nothing opens
    settle(w.backend)
    assert told == ["That is the selected case itself."]
    assert not [d for d in w.findChildren(MergeDialog) if d.isVisible()]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("余文生", True))
    w.actions_.merge_cases.trigger()
    settle(w.backend)
    dialogs = [d for d in w.findChildren(MergeDialog) if d.isVisible()]
    assert len(dialogs) == 1
    qtbot.waitUntil(lambda: dialogs[0].plan is not None, timeout=10_000)
    assert dialogs[0].plan.b.name == "Yu Wensheng"
    dialogs[0].reject()
