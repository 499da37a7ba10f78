"""The window's shell driven for real: welcome → create/open → browse → tools → screenshot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from dossier.gui.dialogs.passphrase import CreateDialog, UnlockDialog

from .conftest import DEMO_PASSPHRASE, names, select_name, wait_loaded

STRONG = "correct horse battery staple 1877"


def test_create_a_store_through_the_menu_and_passphrase_flow(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "new" / "mine"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.No
    )
    # File ▸ New is the quick path; the welcome button starts the assistant (test_first_run.py)
    window.actions_.new_store.trigger()
    dlg: CreateDialog = window.create_dialog
    assert dlg.isVisible() and dlg.path == target.with_suffix(".db")

    dlg.first.setText("abc")
    dlg.again.setText("abd")
    dlg.ok.click()
    assert "differ" in dlg.error.text()

    dlg.again.setText("abc")
    assert dlg.score < 3 and dlg.meter.value() == dlg.score
    dlg.ok.click()  # weak: asked, refused
    assert asked and not dlg.busy.isVisible()
    assert not target.with_suffix(".db").exists()

    dlg.first.setText(STRONG)
    dlg.again.setText(STRONG)
    assert dlg.score >= 3
    dlg.ok.click()
    assert len(asked) == 1
    wait_loaded(qtbot, window)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert window.pages.currentIndex() == window.WORK
    assert dlg.first.text() == dlg.again.text() == ""  # no passphrase left behind
    assert window.list_panel.model.rowCount() == 0
    assert target.with_suffix(".db").exists()
    assert window.settings.recent()[0] == str(target.with_suffix(".db").resolve())


def test_open_with_a_wrong_then_the_right_passphrase(qtbot, window, demo_store, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo_store), ""))
    window.welcome.open_button.click()
    dlg: UnlockDialog = window.unlock_dialog
    dlg.panel.field.setText("not the passphrase")
    dlg.panel.button.click()
    qtbot.waitUntil(dlg.panel.error.isVisible, timeout=5000)
    assert "wrong passphrase" in dlg.panel.error.text()
    assert dlg.isVisible() and not window.backend.is_open
    dlg.panel.field.setText(DEMO_PASSPHRASE)
    dlg.panel.button.click()
    wait_loaded(qtbot, window)
    assert sorted(names(window)) == [
        "Gui Minhai",
        "Liu Xia",
        "Tashi Wangchuk",
        "Wang Quanzhang",
        "Yu Wensheng",
    ]
    assert not dlg.isVisible() and dlg.panel.field.text() == ""


def test_demo_is_created_on_first_use_then_unlocked_with_a_hint(qtbot, window):
    from dossier.gui.locations import demo_store_path

    assert not demo_store_path().exists()
    window.welcome.demo_button.click()
    wait_loaded(qtbot, window)
    assert demo_store_path().exists() and len(names(window)) == 5
    window.close_store()
    assert window.pages.currentIndex() == window.WELCOME
    window.welcome.demo_button.click()
    dlg = window.unlock_dialog
    assert "demo" in dlg.panel.hint.text() and dlg.panel.hint.isVisibleTo(dlg)
    dlg.reject()


def test_search_in_chinese(qtbot, open_demo):
    w = open_demo
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.list_panel.search.setText("王全")
    assert names(w) == ["Wang Quanzhang"]
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.list_panel.search.setText("刘霞")
    assert names(w) == ["Liu Xia"]


def test_filter_by_status(qtbot, open_demo):
    w = open_demo
    with qtbot.waitSignal(w.list_panel.loaded, timeout=10_000):
        w.list_panel.today.click()  # the demo opens as of its letter; released is today's news
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.list_panel.status.setCurrentIndex(w.list_panel.status.findData("released"))
    assert "Liu Xia" in names(w)
    assert all(
        w.list_panel.model.summary(r).status == "released"
        for r in range(w.list_panel.model.rowCount())
    )


def test_as_of_day_recomputes_status(qtbot, open_demo):
    w = open_demo

    def liu_status() -> str:
        m = w.list_panel.model
        return next(
            m.summary(r).status for r in range(m.rowCount()) if m.summary(r).name == "Liu Xia"
        )

    # The demo opens as of its letter's day (5 Feb 2018), with Today one click away.
    assert w.list_panel.day() == date(2018, 2, 5) and w._as_of == date(2018, 2, 5)
    assert liu_status() == "house_arrest"
    with qtbot.waitSignal(w.list_panel.loaded, timeout=10_000):
        w.list_panel.today.click()
    assert liu_status() == "released"
    assert w._as_of == date.today()
    with qtbot.waitSignal(w.list_panel.loaded, timeout=10_000):
        w.list_panel.as_of.setDate(QDate(2018, 2, 3))
    assert liu_status() == "house_arrest"
    assert w._as_of == date(2018, 2, 3)


def test_a_store_without_a_story_day_opens_on_today(qtbot, window, tmp_path):
    from dossier.services.dossier import Dossier

    path = tmp_path / "plain.db"
    Dossier.create(path, "pw").close()
    window.open_with_passphrase(path, "pw")
    wait_loaded(qtbot, window)
    assert window.list_panel.day() == date.today()


def test_the_demo_keeps_the_day_the_researcher_chose_across_a_lock(qtbot, open_demo):
    w = open_demo
    with qtbot.waitSignal(w.list_panel.loaded, timeout=10_000):
        w.list_panel.today.click()
    w.lock("test")
    w.unlock_panel.field.setText(DEMO_PASSPHRASE)
    w.unlock_panel.button.click()
    wait_loaded(qtbot, w)
    assert w.list_panel.day() == date.today()  # the researcher's day wins over the story's


def test_selecting_a_case_shows_it_and_enables_case_actions(qtbot, open_demo):
    w = open_demo
    case_id = select_name(w, "Wang Quanzhang")
    assert w.current_case_id() == case_id
    assert w.actions_.copy_name.isEnabled() and w.actions_.add_event.isEnabled()


def test_delete_case_and_undo(qtbot, open_demo, monkeypatch):
    w = open_demo
    select_name(w, "Gui Minhai")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.actions_.delete_case.trigger()
    assert "Gui Minhai" not in names(w)
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.actions_.undo.trigger()
        assert w.backend.wait_idle(10)
    assert "Gui Minhai" in names(w)
    assert (
        w.list_panel.model.summary(w.list_panel.model.row_of(w.current_case_id())).name
        == "Gui Minhai"
    )


def test_import_spreadsheet_with_progress(qtbot, open_demo, tmp_path, monkeypatch):
    w = open_demo
    sheet = tmp_path / "cases.csv"
    sheet.write_text(
        "case,native_name,lang,event_type,date\nIlham Tohti,ئىلھام توختى,ug,detention,2014-01-15\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    with qtbot.waitSignal(w.list_panel.loaded, timeout=10_000):
        w.actions_.import_sheet.trigger()
    assert "Ilham Tohti" in names(w)
    assert "Imported 1 new" in w.statusBar().currentMessage()


def test_bad_import_says_nothing_changed(qtbot, open_demo, tmp_path, monkeypatch):
    w = open_demo
    bad = tmp_path / "cases.txt"
    bad.write_text("nonsense", encoding="utf-8")
    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok
    )
    w.actions_.import_sheet.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "expected a .csv, .xlsx or .json file" in shown[0] and "Nothing was changed" in shown[0]


def test_shortcuts_are_listed_and_findable(qtbot, open_demo):
    w = open_demo
    w.actions_.shortcuts.trigger()
    dlg = w.window_commands.shortcuts_dialog
    assert "Lock" in dlg.visible_commands()
    dlg.filter.setText("undo")
    assert dlg.visible_commands() == ["Undo"]
    dlg.filter.setText("Ctrl+Shift+L")
    assert dlg.visible_commands() == ["Lock"]
    dlg.reject()


def test_preferences_apply_at_once(qtbot, open_demo):
    w = open_demo
    w.actions_.preferences.trigger()
    dlg = w.window_commands.preferences_dialog
    dlg.idle.setValue(2)
    dlg.clip.setValue(12)
    dlg.accept()
    assert w.settings.idle_minutes == 2 and w.idle.timeout == 120
    assert w.clipboard.seconds == 12


def test_every_tools_action_is_there_once_a_store_is_open(open_demo):
    """Every dialog ships with every build: nothing in the Tools menu is greyed out."""
    a = open_demo.actions_
    for act in (a.briefing, a.share, a.import_share, a.import_sheet, a.contacts):
        assert act in a.tools_menu.actions() and act.isEnabled(), act.text()


def test_tools_hand_the_selected_case_to_the_briefing_and_share_dialogs(open_demo, monkeypatch):
    from dossier.gui import commands_tools
    from dossier.gui.dialogs import briefing_dialog, share_dialogs

    w = open_demo
    case_id = select_name(w, "Liu Xia")
    calls = {}

    def fake(name):
        return lambda *a, **_k: calls.setdefault(name, a)

    monkeypatch.setattr(briefing_dialog, "open_briefing_dialog", fake("briefing"))
    monkeypatch.setattr(share_dialogs, "open_share_export", fake("share"))
    monkeypatch.setattr(share_dialogs, "open_share_import", fake("import_share"))
    monkeypatch.setattr(commands_tools, "open_contacts", fake("contacts"))
    for attr in ("briefing", "share", "import_share", "contacts"):
        getattr(w.actions_, attr).trigger()
    assert calls == {
        "briefing": (w, w.backend, [case_id], w.as_of_day()),
        "share": (w, w.backend, [case_id]),
        "import_share": (w, w.backend),
        "contacts": (w, w.backend),
    }


def test_window_geometry_is_remembered(qtbot, backend, settings):
    from dossier.gui.main_window import MainWindow

    w = MainWindow(backend, settings)
    qtbot.addWidget(w)
    w.resize(720, 520)  # the offscreen screen is small: Qt clamps what it restores
    w.show()
    w.splitter.setSizes([200, 500])
    size, split = w.size(), w.splitter.sizes()
    w.close()
    assert settings.state("geometry") is not None
    w2 = MainWindow(backend, settings)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.size() == size and (w2.width(), w2.height()) != (1400, 900)
    assert w2.splitter.sizes() == split
    assert not any("Wang" in str(v) for v in settings._s.allKeys())


@pytest.mark.parametrize("view", ["case", "overview", "welcome"])
def test_screenshot_mode_writes_a_png(qapp, tmp_path, demo_store, monkeypatch, view):
    from dossier.cli import build_parser
    from dossier.gui.app import run

    out = tmp_path / f"shot-{view}.png"
    monkeypatch.setenv("DOSSIER_PASSPHRASE", DEMO_PASSPHRASE)
    args = build_parser().parse_args(
        ["gui", str(demo_store), "--screenshot", str(out), "--view", view]
    )
    assert run(args) == 0
    data = Path(out).read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_screenshot_with_a_wrong_passphrase_fails_with_exit_code_3(
    qapp, tmp_path, demo_store, monkeypatch
):
    from dossier.cli import build_parser
    from dossier.gui.app import run

    monkeypatch.setenv("DOSSIER_PASSPHRASE", "nope")
    args = build_parser().parse_args(
        ["gui", "--store", str(demo_store), "--screenshot", str(tmp_path / "x.png")]
    )
    assert run(args) == 3
    assert not (tmp_path / "x.png").exists()


def test_new_case_and_events_through_the_editors_with_undo_and_redo(qtbot, open_demo, monkeypatch):
    """End to end with G2's editors: Case ▸ New case, Case ▸ Add event, Edit ▸ Undo/Redo."""
    from dossier.gui.dialogs.case_editor import CaseEditor
    from dossier.gui.dialogs.event_editor import EventEditor

    w = open_demo
    fills = {
        "case": lambda d: d.name_edit.setText("Ilham Tohti"),
        "detention": lambda d: (
            d.type_box.setCurrentIndex(d.type_box.findData("detention")),
            d.date_edit.setText("2014-01-15"),
        ),
        "verdict": lambda d: (
            d.type_box.setCurrentIndex(d.type_box.findData("verdict")),
            d.date_edit.setText("2014-09-23"),
            d.sentence_edit.setText("life"),
        ),
    }
    plan: list[str] = []

    def fake_exec(dlg):  # the modal exec(), stubbed: fill the form and press OK
        fills[plan.pop(0)](dlg)
        dlg.accept()
        assert w.backend.wait_idle(10)
        assert dlg.result() == QDialog.DialogCode.Accepted, dlg.error_label.text()
        return dlg.result()

    monkeypatch.setattr(CaseEditor, "exec", fake_exec)
    monkeypatch.setattr(EventEditor, "exec", fake_exec)

    plan.append("case")
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.actions_.new_case.trigger()
    assert "Ilham Tohti" in names(w)
    case_id = w.current_case_id()
    assert w.list_panel.model.summary(w.list_panel.model.row_of(case_id)).name == "Ilham Tohti"

    def status() -> str:
        return w.backend.call_sync(lambda d: d.facts(case_id).status)

    for what, expected in (("detention", "detained"), ("verdict", "sentenced")):
        plan.append(what)
        with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
            w.actions_.add_event.trigger()
        assert status() == expected
    assert w.undo_stack.count() == 3
    m = w.list_panel.model
    assert m.summary(m.row_of(case_id)).status == "sentenced"

    w.actions_.undo.trigger()  # the verdict

    assert w.backend.wait_idle(10)
    assert status() == "detained"
    w.actions_.undo.trigger()  # the detention
    assert w.backend.wait_idle(10)
    assert status() == "unknown"
    with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
        w.actions_.undo.trigger()  # the case itself
        assert w.backend.wait_idle(10)
    assert "Ilham Tohti" not in names(w)
    for _ in range(3):
        with qtbot.waitSignal(w.list_panel.loaded, timeout=5000):
            w.actions_.redo.trigger()
            assert w.backend.wait_idle(10)
    assert status() == "sentenced"
    assert "Ilham Tohti" in names(w)
    qtbot.waitUntil(
        lambda: (
            w.list_panel.model.summary(w.list_panel.model.row_of(case_id)).status == "sentenced"
        ),
        timeout=5000,
    )


def test_switch_language_without_restart(qtbot, open_demo, qapp):
    from dossier.gui.i18n import Translations

    w = open_demo
    w.translations = Translations(qapp)
    try:
        w.set_language("zh_CN")
        qtbot.waitUntil(lambda: w.actions_.file_menu.title() == "文件(&F)", timeout=3000)
        assert w.list_panel.status.itemText(0) == "全部状态"
        assert w.list_panel.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
        statuses = [w.list_panel.model.data(w.list_panel.model.index(r, 2)) for r in range(5)]
        assert "软禁" in statuses  # Liu Xia, as of the letter's day the demo opens on
        assert w.settings.language == "zh_CN"
    finally:
        w.set_language("en")
    qtbot.waitUntil(lambda: w.actions_.file_menu.title() == "&File", timeout=3000)
    assert w.list_panel.status.itemText(0) == "All statuses"


def test_translations_are_complete_and_keep_their_placeholders():
    import re
    import xml.etree.ElementTree as ET

    from dossier.gui import assets

    ts = assets.resource("i18n", "dossier_zh_CN.ts")
    assert ts is not None and assets.translation_file("zh_CN") is not None
    unfinished = []
    for m in ET.parse(ts).getroot().iter("message"):
        src = m.find("source").text or ""
        tr = m.find("translation")
        text = "".join(tr.itertext())
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            unfinished.append(src)
            continue
        for ph in set(re.findall(r"%\d|%n|\{[a-z_]+\}", src)):
            assert ph in text, f"{src!r}: the translation lost {ph}"
    assert not unfinished, unfinished


# -- the backend the views share -------------------------------------------------------------
def test_backend_delivers_on_the_ui_thread_and_drops_superseded_and_orphaned_results(
    qtbot, backend, demo_store
):
    import gc
    import threading

    from PySide6.QtWidgets import QWidget

    from dossier.services.dossier import Dossier

    backend.adopt(Dossier.open(demo_store, DEMO_PASSPHRASE))
    got, threads = [], []
    for q in ("a", "b", "c"):  # same key: only the newest one's result arrives
        backend.run(
            lambda d, x: (threads.append(threading.current_thread().name), x)[1],
            q,
            on_done=got.append,
            key="k",
        )
    gone = QWidget()
    backend.run(lambda d: "late", on_done=got.append, context=gone)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not backend.busy, timeout=5000)
    assert got == ["c"]
    assert set(threads) <= {"dossier-worker"}
    assert gc.isenabled()  # the collector is paused only while a job runs


def test_backend_lock_drops_pending_results_and_closes_the_store(qtbot, backend, demo_store):
    from dossier.services.dossier import Dossier

    d = Dossier.open(demo_store, DEMO_PASSPHRASE)
    backend.adopt(d)
    got, locked = [], []
    backend.locked.connect(lambda: locked.append(1))
    backend.run(lambda d: d.summaries(), on_done=got.append)
    backend.lock()
    assert locked and backend.dossier is None
    assert backend.wait_idle(10)
    assert got == [] and not d.is_open
    with pytest.raises(Exception, match="locked"):
        backend.call_sync(lambda d: d.case_count())


def test_backend_job_progress_and_cancel(qtbot, backend, demo_store):
    import threading

    from dossier.services.dossier import Dossier

    backend.adopt(Dossier.open(demo_store, DEMO_PASSPHRASE))
    ready, go = threading.Event(), threading.Event()
    seen, done = [], []

    def work(d, job):
        ready.wait(5)
        job.progress(1, 3)
        go.wait(5)
        job.progress(2, 3)  # raises Cancelled: the job stops here
        return "finished"

    job = backend.run(work, on_done=done.append, with_job=True)
    job.progressed.connect(lambda a, b: seen.append((a, b)))
    ready.set()
    qtbot.waitUntil(lambda: seen == [(1, 3)], timeout=5000)
    job.cancel()
    go.set()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert done == []
