"""Undo commands over the services: each redo writes at once, each undo applies the
inverse from the returned "before" value, and the views are told what changed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import copy  # noqa: E402

import pytest  # noqa: E402

from dossier.core.errors import NotFoundError, ValidationError  # noqa: E402
from dossier.core.model import Case, Event, Source  # noqa: E402
from dossier.gui import undo  # noqa: E402


def _case(backend, cid):
    return backend.call_sync(lambda d: d.get_case(cid))


def test_add_case_undo_redo(qtbot, demo, stack):
    backend, _ = demo
    case = Case(name="Zhang Zhan", tags=["journalists"])
    with qtbot.waitSignal(backend.changed) as sig:
        undo.push(stack, undo.AddCase(backend, case))
    assert sig.args == [[case.id]]
    assert _case(backend, case.id).name == "Zhang Zhan"
    assert stack.undoText() == "Add case Zhang Zhan"
    stack.undo()
    with pytest.raises(NotFoundError):
        _case(backend, case.id)
    stack.redo()
    assert _case(backend, case.id).tags == ["journalists"]


def test_delete_case_undo_restores_its_events(demo, stack):
    backend, ids = demo
    cid = ids["Gui Minhai"]
    before = _case(backend, cid)
    undo.push(stack, undo.DeleteCase(backend, cid, before.name))
    with pytest.raises(NotFoundError):
        _case(backend, cid)
    stack.undo()
    after = _case(backend, cid)
    assert [(e.id, e.date, e.note) for e in after.events] == [
        (e.id, e.date, e.note) for e in before.events
    ]
    assert [a.text for a in after.asks] == [a.text for a in before.asks]
    assert (
        backend.call_sync(lambda d: d.facts(cid)).status == "sentenced"
    )  # ten years since February 2020
    stack.redo()
    with pytest.raises(NotFoundError):
        _case(backend, cid)


def test_edit_case_undo_restores_previous_values(demo, stack):
    backend, ids = demo
    cid = ids["Liu Xia"]
    before = _case(backend, cid)
    edited = copy.deepcopy(before)
    edited.summary = "Poet."
    edited.tags = ["writers"]
    undo.push(stack, undo.EditCase(backend, edited))
    assert _case(backend, cid).summary == "Poet."
    stack.undo()
    back = _case(backend, cid)
    assert (back.summary, back.tags) == (before.summary, before.tags)
    stack.redo()
    assert _case(backend, cid).tags == ["writers"]


def test_event_commands(demo, stack):
    backend, ids = demo
    cid = ids["Yu Wensheng"]
    n = len(_case(backend, cid).events)
    ev = Event(type="arrest", date="2018-04-19", charges=["inciting_subversion"])
    undo.push(stack, undo.AddEvent(backend, cid, ev))
    assert len(_case(backend, cid).events) == n + 1

    changed = copy.deepcopy(ev)
    changed.place = "Xuzhou"
    undo.push(stack, undo.EditEvent(backend, changed))
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).place == "Xuzhou"

    undo.push(stack, undo.DeleteEvent(backend, ev.id, cid, "arrest"))
    assert all(e.id != ev.id for e in _case(backend, cid).events)

    stack.undo()  # delete undone: back, with the edit
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).place == "Xuzhou"
    stack.undo()  # edit undone
    assert next(e for e in _case(backend, cid).events if e.id == ev.id).place is None
    stack.undo()  # add undone
    assert len(_case(backend, cid).events) == n
    for _ in range(3):
        stack.redo()
    assert all(e.id != ev.id for e in _case(backend, cid).events)


def test_a_refused_write_never_reaches_the_stack(demo, stack):
    backend, ids = demo
    with pytest.raises(ValidationError):
        undo.push(
            stack, undo.AddEvent(backend, ids["Liu Xia"], Event(type="release", date="2018-13"))
        )
    assert stack.count() == 0


def test_undo_after_lock_is_reported_and_dropped(demo, stack):
    backend, ids = demo
    errors: list[str] = []
    cmd = undo.AddEvent(
        backend, ids["Liu Xia"], Event(type="advocacy", date="2018-03"), on_error=errors.append
    )
    undo.push(stack, cmd)
    backend.lock()
    stack.undo()
    assert errors and "locked" in errors[0]
    assert stack.count() == 0  # the obsolete command was dropped from the stack


def test_edit_source_undo(demo, stack):
    backend, _ = demo
    src = next(s for s in backend.call_sync(lambda d: d.sources()).values() if s.reliability == "A")
    edited = copy.deepcopy(src)
    edited.reliability = "B"
    undo.push(stack, undo.EditSource(backend, edited))
    assert backend.call_sync(lambda d: d.get_source(src.id)).reliability == "B"
    stack.undo()
    assert backend.call_sync(lambda d: d.get_source(src.id)).reliability == "A"


def test_add_source_is_saved_and_only_stacked_when_it_can_be_undone(demo, stack, tmp_path):
    backend, _ = demo
    f = tmp_path / "statement.txt"
    f.write_text("Statement of the family", encoding="utf-8")
    cmd = undo.AddSource(backend, Source(title="Family statement"), [f])
    src = undo.add_source(stack, cmd)
    stored = backend.call_sync(lambda d: d.get_source(src.id))
    assert stored.title == "Family statement" and [a.filename for a in stored.attachments] == [
        "statement.txt"
    ]
    assert stack.count() == (1 if cmd.can_undo() else 0)
