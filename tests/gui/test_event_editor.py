"""The EDTF field, the event editor and the case editor, driven as a researcher would:
fill the fields, press OK, and check the store really changed — and that undo and redo
take it back and forth."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QDialogButtonBox  # noqa: E402

from dossier.core.dates import parse_edtf  # noqa: E402
from dossier.core.errors import ValidationError  # noqa: E402
from dossier.gui.dialogs import case_editor, event_editor  # noqa: E402
from dossier.gui.dialogs.case_editor import CaseEditor  # noqa: E402
from dossier.gui.dialogs.event_editor import EventEditor  # noqa: E402
from dossier.gui.models.case_parts import NamesModel, RelationsModel  # noqa: E402
from dossier.gui.widgets.edtf_edit import EdtfEdit  # noqa: E402


def _ok(dlg) -> object:
    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)


# -- the EDTF field ---------------------------------------------------------------------
def test_edtf_edit_says_how_it_understood_the_date(qtbot):
    w = EdtfEdit()
    qtbot.addWidget(w)
    qtbot.keyClicks(w.edit, "2015-10")
    assert w.is_valid()
    assert w.message() == "October 2015 (1–31 Oct)"
    assert w.explain.text() == "October 2015 (1–31 Oct)"
    assert w.edit.styleSheet() == ""


def test_edtf_edit_refuses_what_the_parser_refuses(qtbot):
    w = EdtfEdit()
    qtbot.addWidget(w)
    w.setText("2015-10")
    with qtbot.waitSignal(w.validityChanged) as sig:
        w.setText("2015-13")
    assert sig.args == [False]
    with pytest.raises(ValidationError) as exc:
        parse_edtf("2015-13")
    assert w.message() == str(exc.value)
    assert "month 13 does not exist" in w.explain.text()
    assert "border" in w.edit.styleSheet()  # the red frame
    assert not w.is_valid()


def test_edtf_edit_optional_accepts_empty(qtbot):
    required, optional = EdtfEdit(), EdtfEdit(optional=True)
    qtbot.addWidget(required)
    qtbot.addWidget(optional)
    assert not required.is_valid() and optional.is_valid()
    optional.setText("2018~")
    assert optional.text() == "2018~" and optional.message() == "about 2018 (1 Jan – 31 Dec)"


# -- the event editor -------------------------------------------------------------------
def test_type_list_shows_english_and_chinese(qtbot, demo, stack):
    backend, ids = demo
    dlg = EventEditor(None, backend, stack, case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    labels = [dlg.type_box.itemText(i) for i in range(dlg.type_box.count())]
    assert "Residential surveillance at a designated location — 指定居所监视居住" in labels
    from dossier.services.demo_sources import ALL

    assert dlg.sources_list.count() == len(ALL)  # every source in the store


def test_ok_is_disabled_until_the_date_parses(qtbot, demo, stack):
    backend, ids = demo
    dlg = EventEditor(None, backend, stack, case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    assert not _ok(dlg).isEnabled()  # no date yet
    dlg.date_edit.setText("2015-13")
    assert not _ok(dlg).isEnabled()
    dlg.date_edit.setText("2015-10")
    assert _ok(dlg).isEnabled()
    dlg.sentence_edit.setText("four years")
    assert not _ok(dlg).isEnabled() and "not a valid sentence" in dlg.sentence_note.text()
    dlg.sentence_edit.setText("有期徒刑四年六个月")
    assert _ok(dlg).isEnabled() and dlg.sentence_note.text() == "4 years 6 months (P4Y6M)"


def test_add_event_through_the_dialog_then_undo_and_redo(qtbot, demo, stack):
    backend, ids = demo
    cid = ids["Tashi Wangchuk"]
    before = backend.call_sync(lambda d: len(d.get_case(cid).events))
    dlg = EventEditor(None, backend, stack, case_id=cid)
    qtbot.addWidget(dlg)
    dlg.type_box.setCurrentIndex(dlg.type_box.findData("verdict"))
    qtbot.keyClicks(dlg.date_edit.edit, "2018-05-22")
    dlg.place_edit.setText("Yushu")
    dlg.set_charges(["inciting_separatism"])
    dlg.other_charges.setText("泄露国家秘密罪")
    dlg.sentence_edit.setText("5 years")
    dlg.sources_list.item(0).setCheckState(Qt.CheckState.Checked)
    dlg.note_edit.setPlainText("Sentenced to five years.")
    with qtbot.waitSignal(backend.changed) as sig:
        qtbot.mouseClick(_ok(dlg), Qt.MouseButton.LeftButton)
    assert sig.args[0].cases == {cid}
    assert dlg.result() == QDialog.DialogCode.Accepted
    case = backend.call_sync(lambda d: d.get_case(cid))
    assert len(case.events) == before + 1
    added = next(
        e for e in case.events if e.type == "verdict" and e.note == "Sentenced to five years."
    )
    assert (added.date, added.place, added.sentence) == ("2018-05-22", "Yushu", "P5Y")
    assert added.charges == ["inciting_separatism", "泄露国家秘密罪"]
    assert len(added.source_ids) == 1 and added.note == "Sentenced to five years."
    from datetime import date

    facts = backend.call_sync(lambda d: d.facts(cid, date(2018, 6, 1)))
    assert facts.status == "sentenced"  # (today he is released: January 2021)

    stack.undo()
    assert backend.wait_idle(10)
    assert all(e.id != added.id for e in backend.call_sync(lambda d: d.get_case(cid).events))
    stack.redo()
    assert backend.wait_idle(10)
    again = backend.call_sync(lambda d: d.get_case(cid).events)
    assert any(e.id == added.id and e.sentence == "P5Y" for e in again)


def test_add_event_function_opens_the_editor(qtbot, demo, stack, monkeypatch):
    backend, ids = demo
    cid = ids["Yu Wensheng"]

    def fake_exec(dlg):
        dlg.type_box.setCurrentIndex(dlg.type_box.findData("lawyer_denied"))
        dlg.date_edit.setText("2018-02")
        dlg.accept()
        assert backend.wait_idle(10)
        return dlg.result()

    monkeypatch.setattr(EventEditor, "exec", fake_exec)
    event_editor.add_event(None, backend, stack, cid)
    assert stack.count() == 1
    assert any(
        e.type == "lawyer_denied" for e in backend.call_sync(lambda d: d.get_case(cid).events)
    )


def test_edit_event_then_undo_restores_the_previous_values(qtbot, demo, stack, monkeypatch):
    backend, ids = demo
    cid = ids["Gui Minhai"]
    ev = next(
        e for e in backend.call_sync(lambda d: d.get_case(cid).events) if e.date == "2015-10-17"
    )

    def fake_exec(dlg):
        assert dlg.date_edit.text() == "2015-10-17" and dlg.place_edit.text() == "Pattaya, Thailand"
        dlg.date_edit.setText("2015-10-15/2015-10-17")
        dlg.place_edit.setText("Pattaya")
        dlg.confidence_box.setCurrentIndex(dlg.confidence_box.findData("disputed"))
        dlg.accept()
        assert backend.wait_idle(10)
        return dlg.result()

    monkeypatch.setattr(EventEditor, "exec", fake_exec)
    event_editor.edit_event(None, backend, stack, ev.id)  # found without the case id

    def stored():
        return next(e for e in backend.call_sync(lambda d: d.get_case(cid).events) if e.id == ev.id)

    now = stored()
    assert (now.date, now.place, now.confidence) == ("2015-10-15/2015-10-17", "Pattaya", "disputed")
    stack.undo()
    assert backend.wait_idle(10)
    back = stored()
    assert (back.date, back.place, back.confidence) == (ev.date, ev.place, ev.confidence)
    stack.redo()
    assert backend.wait_idle(10)
    assert stored().place == "Pattaya"


def test_a_refused_event_keeps_the_dialog_open(qtbot, demo, stack):
    backend, ids = demo
    dlg = EventEditor(None, backend, stack, case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    dlg.date_edit.setText("2015-10")
    dlg.end_edit.setText("2015-01")  # each parses; together the store refuses them
    assert _ok(dlg).isEnabled()
    dlg.accept()
    assert backend.wait_idle(10)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert "before the date" in dlg.error_label.text() and not dlg.error_label.isHidden()
    assert stack.count() == 0


# -- the case editor --------------------------------------------------------------------
def test_new_case_through_the_editor_then_undo(qtbot, demo, stack, monkeypatch):
    backend, _ids = demo
    made = {}

    def fake_exec(dlg):
        dlg.name_edit.setText("Ilham Tohti")
        dlg.names.append(case_editor.Name("ئىلھام توختى", "ug", "legal"))
        dlg.names.append(case_editor.Name("伊力哈木·土赫提", "zh-Hans", "transliteration"))
        dlg.tags_edit.setText("uyghurs, scholars")
        dlg.birth_edit.setText("1969")
        dlg.relations.append(case_editor.Relation(name="Jewher Ilham", relation="daughter"))
        dlg.accept()
        assert backend.wait_idle(10)
        made["id"] = dlg.case_id
        return dlg.result()

    monkeypatch.setattr(CaseEditor, "exec", fake_exec)
    n = backend.call_sync(lambda d: d.case_count())
    case_editor.new_case(None, backend, stack)
    case = backend.call_sync(lambda d: d.get_case(made["id"]))
    assert case.name == "Ilham Tohti" and case.birth_year == "1969"
    assert [(x.value, x.lang, x.kind) for x in case.names] == [
        ("ئىلھام توختى", "ug", "legal"),
        ("伊力哈木·土赫提", "zh-Hans", "transliteration"),
    ]
    assert case.tags == ["scholars", "uyghurs"]
    assert [r.name for r in case.relations] == ["Jewher Ilham"]
    stack.undo()
    assert backend.wait_idle(10)
    assert backend.call_sync(lambda d: d.case_count()) == n
    stack.redo()
    assert backend.wait_idle(10)
    assert backend.call_sync(lambda d: d.get_case(made["id"])).name == "Ilham Tohti"


def test_edit_case_keeps_asks_and_undo_restores(qtbot, demo, stack, monkeypatch):
    backend, ids = demo
    cid = ids["Wang Quanzhang"]
    original = backend.call_sync(lambda d: d.get_case(cid))

    def fake_exec(dlg):
        assert dlg.name_edit.text() == "Wang Quanzhang" and dlg.names.rowCount() == 1
        dlg.occupation_edit.setText("lawyer (disbarred)")
        dlg.names.setData(dlg.names.index(0, 1), "zh-Hant")
        dlg.accept()
        assert backend.wait_idle(10)
        return dlg.result()

    monkeypatch.setattr(CaseEditor, "exec", fake_exec)
    case_editor.edit_case(None, backend, stack, cid)
    now = backend.call_sync(lambda d: d.get_case(cid))
    assert now.occupation == "lawyer (disbarred)" and now.names[0].lang == "zh-Hant"
    assert [a.text for a in now.asks] == [a.text for a in original.asks]
    stack.undo()
    assert backend.wait_idle(10)
    back = backend.call_sync(lambda d: d.get_case(cid))
    assert back.occupation == original.occupation and back.names[0].lang == "zh-Hans"


def test_case_editor_needs_a_name(qtbot, demo, stack):
    backend, _ = demo
    dlg = CaseEditor(None, backend, stack)
    qtbot.addWidget(dlg)
    assert not _ok(dlg).isEnabled()
    dlg.name_edit.setText("  ")
    assert not _ok(dlg).isEnabled()
    dlg.name_edit.setText("Someone")
    dlg.birth_edit.setText("19XX-05")  # not a date this program reads
    assert not _ok(dlg).isEnabled()
    dlg.birth_edit.setText("197X")
    assert _ok(dlg).isEnabled()


def test_editor_models_pass_the_model_tester(qtmodeltester):
    names = NamesModel()
    names.set_rows(
        [case_editor.Name("王全璋", "zh-Hans", "legal"), case_editor.Name("Wang", "en", "alias")]
    )
    qtmodeltester.check(names, force_py=True)
    assert names.setData(names.index(1, 2), "transliteration")
    assert names.names()[1].kind == "transliteration"
    assert names.index(1, 2).data() == "Transliteration"
    rels = RelationsModel()
    rels.set_rows([case_editor.Relation(name="Liu Xiaobo", relation="spouse", note="Nobel 2010")])
    qtmodeltester.check(rels, force_py=True)
    rels.append(case_editor.Relation(name="", relation=""))
    assert len(rels.relations()) == 1  # a blank row is not saved


def test_the_timeline_model_fields_round_trip_through_the_editor(qtbot, demo, stack):
    """Issue #11: reported, outcome, probation, political rights, whereabouts, last
    confirmed, court, judge and facility are edited in the window, and a suspended
    sentence typed as researchers write it is split by the store."""
    backend, ids = demo
    cid = ids["Tashi Wangchuk"]
    dlg = EventEditor(None, backend, stack, case_id=cid)
    qtbot.addWidget(dlg)
    dlg.type_box.setCurrentIndex(dlg.type_box.findData("verdict"))
    qtbot.keyClicks(dlg.date_edit.edit, "2019-03-01")
    dlg.sentence_edit.setText("有期徒刑三年缓刑四年")
    assert "Suspended" in dlg.sentence_note.text() and "P4Y" in dlg.sentence_note.text()
    m = dlg.more
    m.reported.setText("2021")
    m.political_rights.setText("P2Y")
    m.whereabouts.setCurrentIndex(m.whereabouts.findData("known"))
    m.court.setText("Yushu Intermediate People's Court")
    m.judge.setText("A judge")
    m.facility.setText("Yushu Detention Centre")
    m.last_confirmed.setText("not a date")
    assert not _ok(dlg).isEnabled()
    m.last_confirmed.setText("")
    assert _ok(dlg).isEnabled()
    dlg.note_edit.setPlainText("test verdict")
    qtbot.mouseClick(_ok(dlg), Qt.MouseButton.LeftButton)
    assert backend.wait_idle(10)
    assert dlg.result() == QDialog.DialogCode.Accepted
    e = next(
        x for x in backend.call_sync(lambda d: d.get_case(cid)).events if x.note == "test verdict"
    )
    assert (e.sentence, e.outcome, e.probation, e.political_rights) == (
        "P3Y",
        "suspended",
        "P4Y",
        "P2Y",
    )
    assert (e.reported, e.whereabouts, e.court, e.judge, e.facility) == (
        "2021",
        "known",
        "Yushu Intermediate People's Court",
        "A judge",
        "Yushu Detention Centre",
    )
    again = EventEditor(None, backend, stack, event=e)
    qtbot.addWidget(again)
    assert again.more.court.text() == e.court and again.more.outcome.currentData() == "suspended"
    assert again.more.reported.text() == "2021"
