"""Guard against PySide6 builds that leak references to None (6.12.0 on Python 3.11
drops one per void call, and the process aborts after a few thousand)."""

from __future__ import annotations

import sys


def test_void_calls_keep_none_alive(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 50
