"""Undo commands over the services: each redo writes at once, each undo applies the
inverse from the returned "before" value, and the views are told what changed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import copy  # noqa: E402

import pytest  # noqa: E402

from dossier.core.errors import NotFoundError  # noqa: E402
from dossier.core.model import Case, Event, Source  # noqa: E402
from dossier.gui import undo  # noqa: E402


def _case(backend, cid):
    return backend.call_sync(lambda d: d.get_case(cid))


def _push(backend, stack, cmd, **kw):
    undo.push(stack, cmd, **kw)
    assert backend.wait_idle(10)


def _undo(backend, stack):
    stack.undo()
    assert backend.wait_idle(10)


def _redo(backend, stack):
    stack.redo()
    assert backend.wait_idle(10)


def test_add_case_undo_redo(qtbot, demo, stack):
    backend, _ = demo
    case = Case(name="Zhang Zhan", tags=["journalists"])
    with qtbot.waitSignal(backend.changed) as sig:
        _push(backend, stack, undo.AddCase(backend, case))
    assert sig.args[0].cases == {case.id}
    assert _case(backend, case.id).name == "Zhang Zhan"
    assert stack.undoText() == "Add case Zhang Zhan"
    _undo(backend, stack)
    with pytest.raises(NotFoundError):
        _case(backend, case.id)
    _redo(backend, stack)
    assert _case(backend, case.id).tags == ["journalists"]


def test_delete_case_undo_restores_its_events(demo, stack):
    backend, ids = demo
    cid = ids["Gui Minhai"]
    before = _case(backend, cid)
    _push(backend, stack, undo.DeleteCase(backend, cid, before.name))
    with pytest.raises(NotFoundError):
        _case(backend, cid)
    _undo(backend, stack)
    after = _case(backend, cid)
    assert [(e.id, e.date, e.note) for e in after.events] == [
        (e.id, e.date, e.note) for e in before.events
    ]
    assert [a.text for a in after.asks] == [a.text for a in before.asks]
    assert (
        backend.call_sync(lambda d: d.facts(cid)).status == "sentenced"
    )  # ten years since February 2020
    _redo(backend, stack)
    with pytest.raises(NotFoundError):
        _case(backend, cid)


def test_edit_case_undo_restores_previous_values(demo, stack):
    backend, ids = demo
    cid = ids["Liu Xia"]
    before = _case(backend, cid)
    edited = copy.deepcopy(before)
    edited.summary = "Poet."
    edited.tags = ["writers"]
    _push(backend, stack, undo.EditCase(backend, edited))
    assert _case(backend, cid).summary == "Poet."
    _undo(backend, stack)
    back = _case(backend, cid)
    assert (back.summary, back.tags) == (before.summary, before.tags)
    _redo(backend, stack)
    assert _case(backend, cid).tags == ["writers"]


def test_event_commands(demo, stack):
    backend, ids = demo
    cid = ids["Yu Wensheng"]
    n = len(_case(backend, cid).events)
    ev = Event(type="arrest", date="2018-04-19", charges=["inciting_subversion"])
    _push(backend, stack, undo.AddEvent(backend, cid, ev))
    assert len(_case(backend, cid).events) == n + 1

    changed = copy.deepcopy(ev)
    changed.place = "Xuzhou"
    _push(backend, stack, undo.EditEvent(backend, changed))
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).place == "Xuzhou"

    _push(backend, stack, undo.DeleteEvent(backend, ev.id, cid, "arrest"))
    assert all(e.id != ev.id for e in _case(backend, cid).events)

    _undo(backend, stack)  # delete undone: back, with the edit
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).place == "Xuzhou"
    _undo(backend, stack)  # edit undone
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).place is None
    _undo(backend, stack)  # add undone
    assert len(_case(backend, cid).events) == n
    for _ in range(3):
        _redo(backend, stack)
    assert all(e.id != ev.id for e in _case(backend, cid).events)


def test_a_refused_write_never_reaches_the_stack(demo, stack):
    backend, ids = demo
    errors: list[str] = []
    cmd = undo.AddEvent(backend, ids["Liu Xia"], Event(type="release", date="2018-13"))
    _push(backend, stack, cmd, on_error=errors.append)
    assert stack.count() == 0
    assert errors and "Traceback" not in errors[0]


def test_undo_after_lock_is_reported_and_dropped(demo, stack):
    backend, ids = demo
    errors: list[str] = []
    cmd = undo.AddEvent(
        backend, ids["Liu Xia"], Event(type="advocacy", date="2018-03"), on_error=errors.append
    )
    _push(backend, stack, cmd)
    backend.lock()
    _undo(backend, stack)
    assert errors and "locked" in errors[0]
    assert stack.count() == 0  # the obsolete command was dropped from the stack


def test_edit_source_undo(demo, stack):
    backend, _ = demo
    src = next(s for s in backend.call_sync(lambda d: d.sources()).values() if s.reliability == "A")
    edited = copy.deepcopy(src)
    edited.reliability = "B"
    _push(backend, stack, undo.EditSource(backend, edited))
    assert backend.call_sync(lambda d: d.get_source(src.id)).reliability == "B"
    _undo(backend, stack)
    assert backend.call_sync(lambda d: d.get_source(src.id)).reliability == "A"


def test_add_source_undo_and_redo_with_its_file(demo, stack, tmp_path):
    backend, _ = demo
    f = tmp_path / "statement.txt"
    f.write_text("Statement of the family", encoding="utf-8")
    cmd = undo.AddSource(backend, Source(title="Family statement"), [f])
    _push(backend, stack, cmd)
    sid = cmd.source.id
    stored = backend.call_sync(lambda d: d.get_source(sid))
    assert [a.filename for a in stored.attachments] == ["statement.txt"]
    assert stack.count() == 1
    _undo(backend, stack)
    with pytest.raises(NotFoundError):
        backend.call_sync(lambda d: d.get_source(sid))
    _redo(backend, stack)
    stored = backend.call_sync(lambda d: d.get_source(sid))
    assert [a.filename for a in stored.attachments] == ["statement.txt"]


def test_perform_emits_the_changes_the_store_recorded(qtbot, demo):
    backend, ids = demo
    cid = ids["Liu Xia"]
    got: list = []
    with qtbot.waitSignal(backend.changed) as sig:
        backend.perform(
            lambda d, c: d.add_event(c, Event(type="advocacy", date="2019-02")),
            cid,
            label="add",
            on_done=got.append,
        )
    assert sig.args[0].cases == {cid} and not sig.args[0].everything
    assert backend.wait_idle(10)
    assert got and got[0].case_id == cid
    assert not backend.performing


def test_a_failed_perform_reaches_failed_without_record_text(qtbot, demo):
    backend, _ = demo

    def boom(_d):
        raise RuntimeError("Liu Xia's secret note")  # record text: must never be shown

    with qtbot.waitSignal(backend.failed) as sig:
        backend.perform(boom, label="boom")
    message = sig.args[0]
    assert "RuntimeError" in message
    assert "secret" not in message and "Traceback" not in message
    assert backend.wait_idle(10) and not backend.performing


def test_undo_and_redo_of_an_event_edit_never_write_on_the_ui_thread(demo, stack, monkeypatch):
    """Every write the flow makes runs on the worker: a write method of the Dossier
    called on the main thread fails the test."""
    import threading

    from dossier.services.dossier import Dossier

    backend, ids = demo
    on_ui: list[str] = []
    for name in ("update_event", "add_event", "delete_event", "restore_event", "update_case"):
        real = getattr(Dossier, name)

        def guarded(self, *a, _real=real, _name=name, **kw):
            if threading.current_thread() is threading.main_thread():
                on_ui.append(_name)
            return _real(self, *a, **kw)

        monkeypatch.setattr(Dossier, name, guarded)
    cid = ids["Yu Wensheng"]
    ev = _case(backend, cid).events[0]
    edited = copy.deepcopy(ev)
    edited.note = "edited off the UI thread"
    _push(backend, stack, undo.EditEvent(backend, edited))
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).note == edited.note
    _undo(backend, stack)
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).note == ev.note
    _redo(backend, stack)
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).note == edited.note
    assert on_ui == []


def test_attaching_files_is_undoable(demo, stack, tmp_path):
    backend, _ = demo
    src = backend.call_sync(lambda d: d.add_source(Source(title="Court notice")))
    f = tmp_path / "notice.txt"
    f.write_text("notice", encoding="utf-8")

    def names():
        return [a.filename for a in backend.call_sync(lambda d: d.get_source(src.id)).attachments]

    _push(backend, stack, undo.AttachFiles(backend, src.id, [f]))
    assert names() == ["notice.txt"] and stack.count() == 1
    _undo(backend, stack)
    assert names() == []
    _redo(backend, stack)
    assert names() == ["notice.txt"]


def test_a_spreadsheet_import_is_undone_exactly(demo, stack, tmp_path):
    import csv

    backend, ids = demo
    sheet = tmp_path / "more.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case", "event_type", "date", "source_title"])
        w.writerow(["Zhang Zhan", "detention", "2020-05-14", "A new report"])
        w.writerow(["Liu Xia", "advocacy", "2019-03-01", "A new report"])

    def state():
        return backend.call_sync(
            lambda d: (
                (d.case_count(), d.event_count(), d.source_count()),
                {c: repr(d.get_case(c)) for c in d.all_case_ids()},
                {s: repr(v) for s, v in d.sources().items()},
            )
        )

    before = state()
    outcome: list = []
    undo.push_import(
        stack,
        undo.ImportFile(backend, sheet),
        on_done=lambda rep, undoable: outcome.append((rep, undoable)),
        on_error=outcome.append,
    )
    assert backend.wait_idle(10)
    ((rep, undoable),) = outcome
    assert undoable and rep.cases_added == 1 and rep.events_added == 2
    after = state()
    assert after[0] == (before[0][0] + 1, before[0][1] + 2, before[0][2] + 1)
    _undo(backend, stack)
    assert state() == before
    _redo(backend, stack)
    assert state() == after


def test_undo_waits_for_the_store(demo, window, stack):
    """While a write is on its way, Undo and Redo are disabled (the next one needs the
    answer of this one)."""
    backend, ids = demo
    w = window
    cid = ids["Liu Xia"]
    ev = _case(backend, cid).events[0]
    edited = copy.deepcopy(ev)
    edited.note = "pending"
    undo.push(w.undo_stack, undo.EditEvent(backend, edited))
    assert backend.performing and not w.actions_.undo.isEnabled()
    assert backend.wait_idle(10)
    assert w.actions_.undo.isEnabled()
