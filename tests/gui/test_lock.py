"""Safety in the window: lock and unlock, idle auto-lock, the panic key, the clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from dossier.gui.lock import ClipboardGuard, IdleWatcher

from .conftest import DEMO_PASSPHRASE, select_name, wait_loaded


def test_lock_hides_data_closes_store_and_unlock_returns_to_the_same_place(qtbot, open_demo):
    w = open_demo
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.list_panel.tag.setCurrentIndex(w.list_panel.tag.findData("lawyers"))
    case_id = select_name(w, "Yu Wensheng")
    dossier = w.backend.dossier
    w.undo_stack.setClean()

    w.lock("test")
    assert w.pages.currentIndex() == w.LOCKED
    assert not w.backend.is_open
    assert w.list_panel.model.rowCount() == 0
    assert w.undo_stack.count() == 0
    assert w.list_panel.search.text() == ""
    assert not w.actions_.new_case.isEnabled()
    assert w.backend.wait_idle(5)
    assert not dossier.is_open  # connections closed
    assert dossier.store._key is None  # and our copy of the key gone

    w.unlock_panel.field.setText("wrong")
    w.unlock_panel.button.click()
    qtbot.waitUntil(lambda: w.unlock_panel.error.isVisible(), timeout=5000)
    assert "wrong passphrase" in w.unlock_panel.error.text()
    assert w.pages.currentIndex() == w.LOCKED

    w.unlock_panel.field.setText(DEMO_PASSPHRASE)
    w.unlock_panel.button.click()
    wait_loaded(qtbot, w)
    assert w.pages.currentIndex() == w.WORK
    assert w.unlock_panel.field.text() == ""
    assert w.list_panel.tag.currentData() == "lawyers"
    assert w.current_case_id() == case_id


def test_panic_shortcut_locks(qtbot, open_demo):
    w = open_demo
    w.activateWindow()
    qtbot.keyClick(
        w.list_panel.table,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not w.backend.is_open, timeout=3000)
    assert w.pages.currentIndex() == w.LOCKED


def test_auto_lock_after_idle(qtbot, open_demo):
    w = open_demo
    w.idle.set_timeout(0.3)
    w.idle.start()
    qtbot.waitUntil(lambda: not w.backend.is_open, timeout=5000)
    assert w.pages.currentIndex() == w.LOCKED


def test_input_postpones_auto_lock(qtbot, qapp):
    watcher = IdleWatcher(0.4)
    fired = []
    watcher.idle.connect(lambda: fired.append(1))
    watcher.start()
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    for _ in range(4):
        qtbot.wait(200)
        qtbot.keyClick(edit, Qt.Key.Key_A)
    assert not fired
    qtbot.waitUntil(lambda: bool(fired), timeout=3000)
    watcher.set_timeout(0)  # 0: never
    watcher.start()
    qtbot.wait(300)
    assert len(fired) == 1


def test_clipboard_is_cleared_only_if_it_still_holds_our_text(qtbot, qapp):
    cb = QGuiApplication.clipboard()
    guard = ClipboardGuard(1)
    guard.seconds = 0.2
    guard.copy("Wang Quanzhang")
    assert cb.text() == "Wang Quanzhang"
    with qtbot.waitSignal(guard.cleared, timeout=3000):
        pass
    assert cb.text() == ""

    guard.copy("Liu Xia")
    cb.setText("something the user copied since")
    with qtbot.waitSignal(guard.cleared, timeout=3000):
        pass
    assert cb.text() == "something the user copied since"


def test_copy_name_action_and_clearing_on_lock(qtbot, open_demo):
    w = open_demo
    select_name(w, "Liu Xia")
    w.settings.clipboard_seconds = 60
    w.actions_.copy_name.trigger()
    assert QGuiApplication.clipboard().text() == "Liu Xia"
    assert w.clipboard.pending
    w.lock()
    assert QGuiApplication.clipboard().text() == ""
