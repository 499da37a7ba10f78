"""File menu: everything the CLI does to a store, from the window (issue #17 item 5).

Each action is triggered from the menu as a researcher would, its file dialog answered,
its work done on the worker, and the result checked on disk."""

from __future__ import annotations

import json
import stat

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from dossier.services.dossier import Dossier
from tests.gui.conftest import DEMO_PASSPHRASE, settle


def _messages(monkeypatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, title, text, *a, _k=kind: seen.append((_k, text))
        )
    return seen


def _save_as(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_the_file_menu_lists_the_store_commands(open_demo):
    texts = [a.text().replace("&", "") for a in open_demo.actions_.file_menu.actions()]
    for t in ("Back up…", "Back up key file…", "Verify", "Change passphrase…", "Export JSON…"):
        assert t in texts
    for a in (open_demo.actions_.backup, open_demo.actions_.verify, open_demo.actions_.export_json):
        assert a.isEnabled()


def test_back_up_writes_a_copy_that_opens_with_the_same_passphrase(
    qtbot, open_demo, monkeypatch, tmp_path
):
    seen = _messages(monkeypatch)
    _save_as(monkeypatch, tmp_path / "copy")
    open_demo.actions_.backup.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0][0] == "information" and "same passphrase" in seen[0][1]
    out = tmp_path / "copy.db"
    assert out.exists() and (tmp_path / "copy.db.key").exists()
    with Dossier.open(out, DEMO_PASSPHRASE) as d:
        assert len(d.summaries()) == open_demo.list_panel.model.rowCount()


def test_verify_reports_an_intact_store(qtbot, open_demo, monkeypatch):
    seen = _messages(monkeypatch)
    open_demo.actions_.verify.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen == [("information", seen[0][1])] and "intact" in seen[0][1]


def test_export_json_says_it_is_unencrypted(qtbot, open_demo, monkeypatch, tmp_path):
    seen = _messages(monkeypatch)
    asked: list[str] = []

    def get_item(_p, _title, label, items, current, _editable):
        asked.append(label)
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    _save_as(monkeypatch, tmp_path / "all.json")
    open_demo.actions_.export_json.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert "NOT encrypted" in asked[0]
    assert seen[0][0] == "warning" and "NOT encrypted" in seen[0][1]
    out = tmp_path / "all.json"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(out.read_text("utf-8"))
    assert any(c["name"] == "Wang Quanzhang" for c in doc["cases"])


def test_key_file_backup(qtbot, open_demo, monkeypatch, tmp_path):
    seen = _messages(monkeypatch)
    _save_as(monkeypatch, tmp_path / "demo.key.backup")
    open_demo.actions_.key_backup.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0][0] == "information", seen
    assert (tmp_path / "demo.key.backup").stat().st_size > 0


def test_change_passphrase_asks_the_current_one_first(qtbot, open_demo, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: QMessageBox.StandardButton.Yes)
    open_demo.actions_.change_passphrase.trigger()
    dlg = open_demo.store_commands.change_passphrase_dialog
    new = "correct horse battery staple 1989"
    dlg.current.setText("not the passphrase")
    dlg.first.setText(new)
    dlg.again.setText(new)
    dlg.ok.click()
    qtbot.waitUntil(lambda: dlg.error.isVisibleTo(dlg), timeout=20_000)
    assert "wrong" in dlg.error.text() and dlg.isVisible()
    dlg.current.setText(DEMO_PASSPHRASE)
    with qtbot.waitSignal(dlg.accepted, timeout=20_000):
        dlg.ok.click()
    path = open_demo.backend.path
    open_demo.lock("")
    settle(open_demo.backend)
    with Dossier.open(path, new) as d:
        assert d.summaries()


def test_restore_key_file_puts_back_a_lost_key_header(qtbot, open_demo, monkeypatch, tmp_path):
    seen = _messages(monkeypatch)
    store = open_demo.backend.path
    _save_as(monkeypatch, tmp_path / "demo.key.backup")
    open_demo.actions_.key_backup.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    seen.clear()
    answers = [str(store), str(tmp_path / "demo.key.backup")]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (answers.pop(0), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (DEMO_PASSPHRASE, True))
    open_demo.lock("")  # the store is closed, then its key header goes missing
    settle(open_demo.backend)
    key = store.with_name(store.name + ".key")
    key.unlink()
    assert open_demo.actions_.key_restore.isEnabled()
    open_demo.actions_.key_restore.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0] == ("information", f"Restored {key}."), seen  # none was there to keep
    assert key.exists()
    with Dossier.open(store, DEMO_PASSPHRASE) as d:
        assert d.summaries()
