"""Typing a day into the main window's "As of" box (issue #17 item 3): keystrokes, not
setDate, and the day sticks — in the box, the list's facts and the case view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from tests.gui.conftest import settle


def test_typing_a_day_into_as_of_sticks(qtbot, open_demo):
    w = open_demo
    box = w.list_panel.as_of
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "2018-02-03")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    settle(w.backend)
    qtbot.wait(400)  # past the list's debounce
    settle(w.backend)
    assert box.date().toPython() == date(2018, 2, 3), box.text()
    assert w.list_panel.day() == date(2018, 2, 3)
    assert w._as_of == date(2018, 2, 3)
