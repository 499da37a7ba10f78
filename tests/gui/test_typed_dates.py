"""Dates typed into the window's date fields as researchers write them (issue #17 item 1
and 9): Chinese and spreadsheet forms are understood and stored as EDTF, the ambiguous
09/07/2015 is refused, messages follow the interface's language, and a future date asks
before it is saved."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox  # noqa: E402

from dossier.gui.dialogs.event_editor import EventEditor  # noqa: E402
from dossier.gui.widgets.edtf_edit import EdtfEdit  # noqa: E402


@pytest.fixture
def chinese():
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QLocale.setDefault(old)


def type_text(qtbot, edit, text: str) -> None:
    """Type as a person does: keys for ASCII, an input method's commit for Chinese (QTest
    can only press ASCII keys; a Chinese IME commits whole characters like this)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(edit, ch)
        else:
            ev = QInputMethodEvent()
            ev.setCommitString(ch)
            QApplication.sendEvent(edit, ev)


def _field(qtbot, text: str) -> EdtfEdit:
    w = EdtfEdit()
    qtbot.addWidget(w)
    type_text(qtbot, w.edit, text)
    return w


@pytest.mark.parametrize(
    ("typed", "edtf", "shown"),
    [
        ("2015年10月", "2015-10", "October 2015 (1–31 Oct)"),
        ("2015/7/9", "2015-07-09", "9 July 2015"),
        ("9 July 2015", "2015-07-09", "9 July 2015"),
        ("late 2017", "2017-09/2017-12", "between September 2017 and December 2017"),
    ],
)
def test_typed_forms_are_understood_and_stored_as_edtf(qtbot, typed, edtf, shown):
    w = _field(qtbot, typed)
    assert w.is_valid()
    assert w.text() == edtf and w.typed() == typed
    assert w.message().startswith(shown)
    assert ("\nstored as " + edtf in w.message()) == (typed != edtf)


def test_in_the_chinese_window_the_field_answers_in_chinese(qtbot, chinese):
    w = _field(qtbot, "2015年10月")
    assert w.is_valid() and w.text() == "2015-10"
    assert w.message().startswith("2015年10月（1日至31日）")
    w.setText("")
    type_text(qtbot, w.edit, "09/07/2015")
    assert not w.is_valid()
    assert "有歧义" in w.message() and "2015年7月9日" in w.message()
    w.setText("")
    qtbot.keyClicks(w.edit, "2015-13")
    assert not w.is_valid() and "valid EDTF" not in w.message()


def test_the_ambiguous_order_is_refused_in_english(qtbot):
    w = _field(qtbot, "09/07/2015")
    assert not w.is_valid()
    assert "ambiguous" in w.message() and "2015-07-09" in w.message()
    assert "border" in w.edit.styleSheet()


def test_an_event_typed_in_chinese_is_saved_as_edtf(qtbot, demo, stack):
    backend, ids = demo
    dlg = EventEditor(None, backend, stack, case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    type_text(qtbot, dlg.date_edit.edit, "2015年7月9日")
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dlg.value().date == "2015-07-09"


@pytest.mark.parametrize(
    ("answer", "saved"),
    [(QMessageBox.StandardButton.No, False), (QMessageBox.StandardButton.Yes, True)],
)
def test_a_future_date_asks_before_saving(qtbot, demo, stack, monkeypatch, answer, saved):
    backend, ids = demo
    asked: list[str] = []

    def fake_question(_parent, _title, text, *_a):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", fake_question)
    dlg = EventEditor(None, backend, stack, case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.date_edit.edit, "2030-05-01")
    assert "in the future" in dlg.date_edit.message()
    before = stack.count()
    dlg.accept()
    assert backend.wait_idle(10)
    assert asked and "2030-05-01" in asked[0]
    assert (stack.count() > before) is saved


def test_a_past_date_is_not_questioned(qtbot, demo, stack, monkeypatch):
    backend, ids = demo
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked"))
    dlg = EventEditor(None, backend, stack, case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    type_text(qtbot, dlg.date_edit.edit, "2015年7月")
    before = stack.count()
    dlg.accept()
    assert backend.wait_idle(10)
    assert stack.count() == before + 1


def test_a_source_dated_in_the_future_asks_too(qtbot, demo, stack, monkeypatch):
    from dossier.gui.dialogs.source_editor import SourceEditor

    backend, ids = demo
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.No,
    )
    dlg = SourceEditor(None, backend, stack, case_ids=[ids["Wang Quanzhang"]])
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.title_edit, "A report")
    type_text(qtbot, dlg.date_edit.edit, "2030年1月")
    assert dlg.date_edit.text() == "2030-01"
    before = stack.count()
    dlg.accept()
    assert backend.wait_idle(10)
    assert asked and stack.count() == before  # No: nothing saved, the dialog stays


def test_the_as_of_box_takes_a_chinese_day(qtbot, open_demo):
    from datetime import date

    from tests.gui.conftest import settle

    box = open_demo.list_panel.as_of
    box.setFocus()
    box.lineEdit().selectAll()
    type_text(qtbot, box, "2018年2月3日")
    from PySide6.QtCore import Qt

    qtbot.keyClick(box, Qt.Key.Key_Return)
    settle(open_demo.backend)
    assert box.date().toPython() == date(2018, 2, 3)
