"""Issue #14 item 2: the window performs operations and never writes on the UI thread.
Dialogs wait for the store (OK disabled until it answers, open on a refusal), and the
case list redraws only the rows the store says changed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import copy  # noqa: E402
import threading  # noqa: E402

from PySide6.QtWidgets import QDialog, QDialogButtonBox  # noqa: E402

from dossier.core.changes import Changes  # noqa: E402
from dossier.gui.dialogs.event_editor import EventEditor  # noqa: E402

from .conftest import select_name  # noqa: E402


def _ok(dlg):
    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _hold_the_worker(backend) -> threading.Event:
    """Keep the worker busy until the returned event is set: the store 'has not answered'."""
    gate = threading.Event()
    backend.run(lambda _d: gate.wait(10))
    return gate


def test_the_event_editor_waits_for_the_store_then_closes(qtbot, demo, stack):
    backend, ids = demo
    cid = ids["Liu Xia"]
    ev = backend.call_sync(lambda d: d.get_case(cid).events[0])
    dlg = EventEditor(None, backend, stack, event=ev)
    qtbot.addWidget(dlg)
    dlg.note_edit.setPlainText("written on the worker")
    gate = _hold_the_worker(backend)
    dlg.accept()
    assert not _ok(dlg).isEnabled()  # pending: a second OK cannot write twice
    assert dlg.result() != QDialog.DialogCode.Accepted and stack.count() == 0
    gate.set()
    assert backend.wait_idle(10)
    assert dlg.result() == QDialog.DialogCode.Accepted and stack.count() == 1
    stored = backend.call_sync(lambda d: d.get_event(ev.id))
    assert stored.note == "written on the worker"


def test_a_refusal_keeps_the_editor_open_with_ok_enabled_again(qtbot, demo, stack):
    backend, ids = demo
    dlg = EventEditor(None, backend, stack, case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    dlg.date_edit.setText("2015-10")
    dlg.end_edit.setText("2015-01")  # the store refuses an end before the start
    gate = _hold_the_worker(backend)
    dlg.accept()
    assert not _ok(dlg).isEnabled()
    gate.set()
    assert backend.wait_idle(10)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert _ok(dlg).isEnabled() and "before the date" in dlg.error_label.text()
    assert stack.count() == 0


def test_the_list_redraws_only_the_changed_rows(qtbot, open_demo, monkeypatch):
    w = open_demo
    panel = w.list_panel
    cid = select_name(w, "Liu Xia")
    reloads: list = []
    monkeypatch.setattr(panel, "reload", lambda *a, **k: reloads.append(a))
    updated: list = []
    real = panel.model.update_rows
    monkeypatch.setattr(
        panel.model, "update_rows", lambda rows: updated.append([r.id for r in rows]) or real(rows)
    )
    ev = w.backend.call_sync(lambda d: d.get_case(cid).events[0])
    edited = copy.deepcopy(ev)
    edited.type, edited.date = "release", "2011-07-10"  # before the day the list shows
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        w.backend.perform(lambda d, e: d.update_event(e), edited, label="edit")
    assert reloads == [] and updated == [[cid]]
    row = panel.model.summary(panel.model.row_of(cid))
    fresh = w.backend.call_sync(lambda d: d.list_rows(panel.day(), case_ids=[cid])[0])
    assert row == fresh and w.current_case_id() == cid


def test_everything_changed_reloads_the_whole_list(qtbot, open_demo, monkeypatch):
    w = open_demo
    reloads: list = []
    monkeypatch.setattr(w.list_panel, "reload", lambda *a, **k: reloads.append(a))
    w.list_panel.refresh_changes(Changes(everything=True))
    assert reloads


def test_an_edit_under_a_search_keeps_the_rows_the_next_keystroke_filters(qtbot, open_demo):
    """The panel keeps the filtered rows a keystroke searches (BaseRows); an edit swaps
    the changed row into them, so the next keystroke shows the row as stored now."""
    from dossier.gui.case_list_jobs import BaseRows

    w = open_demo
    panel = w.list_panel
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.search.setText("Liu")
    cid = select_name(w, "Liu Xia")
    ev = w.backend.call_sync(lambda d: d.get_case(cid).events[0])
    edited = copy.deepcopy(ev)
    edited.type, edited.date = "release", "2011-07-10"
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        w.backend.perform(lambda d, e: d.update_event(e), edited, label="edit")
    assert isinstance(panel._base, BaseRows)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.search.setText("Liu X")
    row = panel.model.summary(panel.model.row_of(cid))
    fresh = w.backend.call_sync(lambda d: d.list_rows(panel.day(), case_ids=[cid])[0])
    assert row == fresh
