"""The case view on the demo store: facts, alerts and timeline follow the as-of day;
edits anywhere refresh it; files dropped on a source are attached; every model of the
view passes Qt's model tester."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from dossier.core.model import Ask, Attachment  # noqa: E402
from dossier.gui.models.case_parts import AsksModel  # noqa: E402
from dossier.gui.models.events_model import EventsModel  # noqa: E402
from dossier.gui.models.history_model import HistoryModel  # noqa: E402
from dossier.gui.models.sources_model import AttachmentsModel, SourcesModel  # noqa: E402
from dossier.gui.views.case_view import CaseView  # noqa: E402
from dossier.gui.views.sources_panel import DecryptedCopies  # noqa: E402

from .conftest import LETTER_DAY, settle  # noqa: E402


@pytest.fixture
def view(qtbot, demo, stack):
    backend, ids = demo
    v = CaseView(backend, stack)
    qtbot.addWidget(v)
    v.resize(1100, 820)
    v.show()
    return v, backend, ids, stack


def show(v, backend, case_id, day=LETTER_DAY) -> None:
    v.set_as_of(day)
    v.show_case(case_id)
    settle(backend)


def test_wang_quanzhang_as_of_the_letter(view):
    v, backend, ids, _ = view
    show(v, backend, ids["Wang Quanzhang"])
    assert v.stack.currentIndex() == 1
    assert v.header.name.text() == "Wang Quanzhang"
    assert "王全璋" in v.header.names.text() and "zh-Hans" in v.header.names.text()
    facts = v.facts_strip.texts()
    assert facts["Status"].endswith("Disappeared")
    assert facts["In custody"] == "940 days" and facts["Disappeared"] == "940 days"
    assert facts["Since"] == "9 Jul 2015"
    assert [a.rule for a in v.facts.alerts][0] == "disappeared_over_limit"
    assert (
        "Held incommunicado beyond 24 hours without notice to family since 10 Jul 2015"
        in v.alerts.texts
    )
    assert v.alerts.isVisible()
    assert "Disappeared since 9 Jul 2015 (as of 3 Feb 2018)" in v.timeline.accessibleDescription()
    case = backend.dossier.get_case(ids["Wang Quanzhang"])
    assert v.events.model.rowCount() == len(case.events)  # every event, later ones too
    assert v.sources.model.rowCount() == len(
        {s for e in case.events for s in e.source_ids}
    )  # those its events cite
    assert v.history.model.rowCount() >= 1
    assert v.people.asks.rowCount() == 4


def test_status_days_and_alerts_follow_the_as_of_day(view):
    v, backend, ids, _ = view
    cid = ids["Wang Quanzhang"]
    show(v, backend, cid, date(2015, 7, 9))
    assert v.facts_strip.texts()["In custody"] == "0 days"
    assert v.alerts.texts == [] and not v.alerts.isVisible()
    v.set_as_of(date(2015, 7, 20))
    settle(backend)
    assert v.facts_strip.texts()["In custody"] == "11 days"
    assert v.alerts.texts == [
        "Held incommunicado beyond 24 hours without notice to family since 10 Jul 2015"
    ]
    v.set_as_of(date(2015, 7, 1))
    settle(backend)
    assert v.facts_strip.texts()["Status"].endswith("Unknown")
    assert "In custody" not in v.facts_strip.texts()


def test_vague_start_shows_a_range_of_days(view):
    v, backend, ids, _ = view
    show(v, backend, ids["Yu Wensheng"])
    facts = v.facts_strip.texts()
    assert facts["Status"].endswith("RSDL")
    assert facts["In custody"] == "15–33 days"
    assert facts["Since"] == "between 1 Jan 2018 and 19 Jan 2018"
    assert "Inciting subversion of state power" in facts["Charges"]


def test_timeline_hover_names_the_event(view):
    v, backend, ids, _ = view
    show(v, backend, ids["Gui Minhai"])
    tl = v.timeline
    tl._layout_marks(tl._scale())
    mark = next(m for m in tl._marks if m.event.date == "2015-10")
    text = tl.hover_text_at(mark.rect.center())
    assert text.startswith("Enforced disappearance\nOctober 2015 (1–31 Oct)")
    tl.eventActivated.emit(mark.event.id)  # clicking a mark selects its row
    assert v.events.selected_event().id == mark.event.id


def test_an_undo_elsewhere_refreshes_the_view(qtbot, view):
    from dossier.core.model import Event
    from dossier.gui import undo

    v, backend, ids, stack = view
    cid = ids["Tashi Wangchuk"]
    show(v, backend, cid)
    rows = v.events.model.rowCount()
    with qtbot.waitSignal(v.caseChanged) as sig:
        undo.push(
            stack,
            undo.AddEvent(backend, cid, Event(type="verdict", date="2018-05-22", sentence="P5Y")),
        )
    assert sig.args == [cid]
    settle(backend)
    assert v.facts_strip.texts()["Status"].endswith(
        "Detained"
    )  # as of the letter: verdict still to come
    v.set_as_of(date(2018, 6, 1))
    settle(backend)
    assert v.facts_strip.texts()["Sentence"] == "5 years"
    stack.undo()
    assert backend.wait_idle(10)
    settle(backend)
    assert v.events.model.rowCount() == rows
    assert "Sentence" in v.facts_strip.texts()  # the demo's own verdict of 22 May 2018 stays


def test_delete_case_from_the_view_and_undo(view):
    v, backend, ids, stack = view
    cid = ids["Liu Xia"]
    show(v, backend, cid)
    v.delete_case(confirm=False)
    settle(backend)
    assert v.stack.currentIndex() == 0 and "no longer exists" in v.placeholder.text()
    stack.undo()
    assert backend.wait_idle(10)
    v.show_case(cid)
    settle(backend)
    assert v.events.model.rowCount() == 5


def test_asks_add_and_remove(view):
    v, backend, ids, stack = view
    cid = ids["Yu Wensheng"]
    show(v, backend, cid)
    v.people.add_ask(Ask(text="Release him.", addressee="PRC authorities"))
    settle(backend)
    assert [a.text for a in backend.call_sync(lambda d: d.get_case(cid)).asks][-1] == "Release him."
    v.people.ask_view.selectRow(v.people.asks.rowCount() - 1)
    v.people.remove_selected_ask()
    settle(backend)
    assert "Release him." not in [a.text for a in backend.call_sync(lambda d: d.get_case(cid)).asks]
    stack.undo()
    assert backend.wait_idle(10)
    assert "Release him." in [a.text for a in backend.call_sync(lambda d: d.get_case(cid)).asks]


def test_lock_clears_the_view(view):
    v, backend, ids, _ = view
    show(v, backend, ids["Wang Quanzhang"])
    backend.lock()
    assert v.case is None and v.stack.currentIndex() == 0
    assert v.events.model.rowCount() == 0 and v.sources.model.rowCount() == 0


def test_dropping_a_file_on_a_source_attaches_it(qtbot, view, tmp_path):
    v, backend, ids, _ = view
    cid = ids["Wang Quanzhang"]
    show(v, backend, cid)
    v.tabs.setCurrentWidget(v.sources)
    QApplication.processEvents()
    panel = v.sources
    target = panel.model.record(0)
    f = tmp_path / "court notice.txt"
    f.write_text("通知书", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    vp = panel.view.viewport()
    pos = QPointF(panel.view.visualRect(panel.model.index(0, 0)).center())
    ipos = pos.toPoint()  # enter/move take a QPoint in PySide6 6.11, drop a QPointF
    for ev in (
        QDragEnterEvent(
            ipos,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
        QDragMoveEvent(
            ipos,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    ):
        QApplication.sendEvent(vp, ev)
    with qtbot.waitSignal(panel.model.filesDropped) as sig:
        drop = QDropEvent(
            pos,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(vp, drop)
    assert sig.args[0] == target.id
    settle(backend)
    stored = backend.call_sync(lambda d: d.get_source(target.id))
    assert [a.filename for a in stored.attachments] == ["court notice.txt"]
    assert (
        backend.call_sync(lambda d: d.attachment_bytes(stored.attachments[0].id))
        == "通知书".encode()
    )
    settle(backend)
    row = panel.model.row_of(target.id)
    assert panel.model.index(row, 6).data() == "1"
    # a drop outside any source is refused
    assert not panel.model.canDropMimeData(
        mime, Qt.DropAction.CopyAction, -1, -1, panel.model.index(-1, -1)
    )


def test_decrypted_copies_are_private_and_removed_on_lock(qapp, demo):
    backend, _ = demo
    copies = DecryptedCopies(backend)
    path = copies.write("../../etc/evil name?.pdf", b"%PDF-1.4")
    folder = copies.folder
    assert path.parent == folder and path.name == "evil name_.pdf"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = copies.write("evil name_.pdf", b"x")
    assert second != path and second.exists()
    backend.lock()
    assert not folder.exists() and copies.folder is None


def test_every_model_of_the_view_passes_the_model_tester(qtmodeltester, view):
    v, backend, ids, _ = view
    show(v, backend, ids["Gui Minhai"])
    case = v.case
    sources = backend.call_sync(lambda d: d.sources())
    events = EventsModel()
    events.set_events(case.events, sources)
    qtmodeltester.check(events, force_py=True)
    assert events.index(0, 0).data() == "2015-10"
    assert events.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "October 2015 (1–31 Oct)"
    srcs = SourcesModel()
    srcs.set_rows(list(sources.values()))
    qtmodeltester.check(srcs, force_py=True)
    atts = AttachmentsModel()
    atts.set_attachments([Attachment(filename="a.pdf", media_type="application/pdf", size=2048)])
    qtmodeltester.check(atts, force_py=True)
    assert atts.index(0, 2).data() == "2.0 KB"
    hist = HistoryModel()
    hist.set_entries(backend.call_sync(lambda d: d.history(case.id)))
    qtmodeltester.check(hist, force_py=True)
    asks = AsksModel()
    asks.set_rows(case.asks)
    qtmodeltester.check(asks, force_py=True)
    for model in (
        v.events.model,
        v.sources.model,
        v.sources.attachments,
        v.history.model,
        v.people.asks,
        v.people.relations,
    ):
        qtmodeltester.check(model, force_py=True)


def test_delete_event_from_the_list(view, monkeypatch):
    v, backend, ids, stack = view
    cid = ids["Gui Minhai"]
    show(v, backend, cid)
    v.events.select(v.events.model.record(0).id)
    gone = v.events.selected_event().id
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    v.events.delete_selected()
    settle(backend)
    assert all(e.id != gone for e in backend.call_sync(lambda d: d.get_case(cid)).events)
    stack.undo()
    assert backend.wait_idle(10)
    settle(backend)
    assert v.events.model.row_of(gone) >= 0


def test_photo_is_shown_when_the_case_has_one(view, tmp_path):
    from PySide6.QtGui import QColor, QImage

    v, backend, ids, _ = view
    cid = ids["Liu Xia"]
    img = QImage(40, 50, QImage.Format.Format_RGB32)
    img.fill(QColor("#446688"))
    png = tmp_path / "portrait.png"
    assert img.save(str(png))
    sid = next(iter(backend.call_sync(lambda d: d.sources())))
    att = backend.call_sync(lambda d: d.add_attachment(sid, png))

    def set_photo(d):
        case = d.get_case(cid)
        case.photo_attachment_id = att.id
        d.update_case(case)

    backend.call_sync(set_photo)
    show(v, backend, cid)
    assert not v.header.photo.isHidden()
    assert v.header.photo.pixmap().height() == v.header.photo.height()  # scaled to fit
    show(v, backend, ids["Wang Quanzhang"])
    assert v.header.photo.isHidden()


def test_labels_follow_the_interface_language(view, monkeypatch):
    import dossier.gui.widgets as widgets

    v, backend, ids, _ = view
    monkeypatch.setattr(widgets, "ui_lang", lambda: "zh")
    for mod in (
        "dossier.gui.views.case_view",
        "dossier.gui.views.profile_panel",
        "dossier.gui.views.timeline_widget",
        "dossier.gui.models.events_model",
    ):
        monkeypatch.setattr(sys.modules[mod], "ui_lang", lambda: "zh", raising=False)
    show(v, backend, ids["Yu Wensheng"])
    assert v.facts_strip.texts()["Status"].endswith("指定居所监视居住")
    assert v.facts_strip.texts()["Since"] == "2018年1月1日至2018年1月19日之间"
    assert "煽动颠覆国家政权罪" in v.facts_strip.texts()["Charges"]
    assert v.events.model.index(3, 1).data() == "指定居所监视居住"
    assert v.timeline.accessibleDescription().startswith("羁押中")


def test_a_language_change_retranslates_and_reloads(qtbot, view):
    from PySide6.QtCore import QEvent

    v, backend, ids, _ = view
    show(v, backend, ids["Gui Minhai"])
    v.tabs.setTabText(1, "stale")
    v.sources.add_btn.setText("stale")
    QApplication.sendEvent(v, QEvent(QEvent.Type.LanguageChange))
    for w in (v.sources, v.events, v.people, v.history, v.facts_strip):
        QApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))
    settle(backend)
    n = len(backend.dossier.get_case(ids["Gui Minhai"]).events)
    assert v.tabs.tabText(1) == "&Sources and files" and v.tabs.tabText(0) == f"&Events ({n})"
    assert v.sources.add_btn.text() == "Add source…"
    assert v.tl_label.text() == "Timeline as of 3 Feb 2018"
    assert v.events.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
