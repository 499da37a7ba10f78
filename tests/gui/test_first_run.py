"""The first-run assistant driven for real: store, identity, key backup, skip, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWizard

from dossier.gui import first_run, first_run_pages, locations
from dossier.gui.first_run import BACKUP, DONE, IDENTITY, INTRO, STORE, FirstRunWizard
from dossier.services import sharing
from dossier.store.engine import key_header_path

from .conftest import names, wait_loaded

STRONG = "correct horse battery staple 1877"
WB = QWizard.WizardButton


def _wizard(window, first_run: bool = True) -> FirstRunWizard:
    wiz = window.set_up_dossier(first_run=first_run)
    assert wiz.isVisible() and wiz.currentId() == INTRO
    return wiz


def _fill(wiz: FirstRunWizard, path: Path, first: str = STRONG, again: str | None = None) -> None:
    if wiz.currentId() == INTRO:
        wiz.next()
    assert wiz.currentId() == STORE
    wiz.store.path.setText(str(path))
    wiz.store.first.setText(first)
    wiz.store.again.setText(first if again is None else again)


def _create(qtbot, wiz: FirstRunWizard, path: Path) -> None:
    _fill(wiz, path)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentId() == IDENTITY, timeout=10_000)


def test_the_whole_way_creates_store_identity_and_backup(qtbot, window, tmp_path, monkeypatch):
    store = tmp_path / "mine.db"
    wiz = _wizard(window)
    assert wiz.button(WB.CustomButton1).isVisible()  # "Skip — I'll explore the demo"
    wiz.next()
    assert not wiz.button(WB.CustomButton1).isVisible()
    _create(qtbot, wiz, store)
    assert store.exists() and key_header_path(store).exists()
    assert window.backend.is_open and window.backend.path == store
    assert window.pages.currentIndex() == window.WORK  # open behind the assistant
    assert wiz.store.first.text() == wiz.store.again.text() == ""  # no passphrase left behind
    assert not wiz.button(WB.BackButton).isEnabled()  # the store is committed: no way back
    assert wiz.buttonText(WB.CancelButton) == "Close"

    # identity: Next creates it and stays, showing the fingerprint
    assert wiz.identity.create_box.isChecked()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.identity.info is not None, timeout=10_000)
    assert wiz.currentId() == IDENTITY and wiz.identity.fingerprint.isVisibleTo(wiz)
    info = window.backend.call_sync(sharing.identity_info)
    assert wiz.identity.fingerprint.text() == info.fingerprint
    wiz.next()
    assert wiz.currentId() == BACKUP

    # backup of the key header, identical to the header right after it was written
    usb = tmp_path / "usb"
    usb.mkdir()
    dest = usb / "mine.db.key.backup"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    wiz.backup.save.click()
    qtbot.waitUntil(lambda: wiz.backup.saved is not None, timeout=10_000)
    assert dest.read_bytes() == key_header_path(store).read_bytes()
    assert str(dest) in wiz.backup.result_label.text()

    wiz.next()
    assert wiz.currentId() == DONE
    summary = " ".join(
        label.text()
        for label in (wiz.done_page.store, wiz.done_page.identity, wiz.done_page.backup)
    )
    assert str(store) in summary and info.fingerprint in summary and str(dest) in summary
    assert wiz.button(WB.FinishButton).text() == "&Open my dossier"
    wiz.button(WB.FinishButton).click()
    assert wiz.result() == QDialog.DialogCode.Accepted and not wiz.isVisible()
    assert window.settings.first_run_done
    assert window.settings.recent()[0] == str(store.resolve())
    assert not any("mine" in str(v) for k, v in _all(window.settings) if k != "recent/stores")


def _all(settings):
    return [(k, settings._s.value(k)) for k in settings._s.allKeys()]


def test_skip_opens_the_demo_and_ends_the_first_run(qtbot, window):
    from dossier.gui.locations import demo_store_path

    wiz = _wizard(window)
    assert window.settings.is_first_run()
    wiz.button(WB.CustomButton1).click()
    assert not wiz.isVisible()
    assert window.settings.first_run_done and not window.settings.is_first_run()
    wait_loaded(qtbot, window)
    assert window.backend.path == demo_store_path() and len(names(window)) == 5


@pytest.mark.parametrize(
    ("setup", "typed", "first", "again", "expected"),
    [
        ("exists", "taken.db", STRONG, STRONG, "already exists"),
        ("key_exists", "orphan.db", STRONG, STRONG, "orphan.db.key already exists"),
        ("", "no/such/folder/x.db", STRONG, STRONG, "does not exist"),
        ("", "relative.db", STRONG, STRONG, "full path"),
        ("", "ok.db", "", "", "Type a passphrase"),
        ("", "ok.db", STRONG, STRONG + "!", "differ"),
    ],
)
def test_store_page_refuses_what_cannot_work(
    qtbot, window, tmp_path, setup, typed, first, again, expected
):
    (tmp_path / "taken.db").write_bytes(b"something")
    (tmp_path / "orphan.db.key").write_bytes(b"header")
    wiz = _wizard(window)
    target = typed if typed == "relative.db" else str(tmp_path / typed)
    _fill(wiz, Path(target), first, again)
    wiz.store.path.setText(target)
    wiz.next()
    assert wiz.currentId() == STORE and expected in wiz.store.error.text()
    assert (
        wiz.store.error.isVisibleTo(wiz) and not window.backend.is_open and not window.backend.busy
    )
    assert not (tmp_path / "ok.db").exists()


def test_a_weak_passphrase_is_asked_about_like_in_the_plain_dialog(
    qtbot, window, tmp_path, monkeypatch
):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or answers.pop(0)
    )
    store = tmp_path / "weak.db"
    wiz = _wizard(window)
    _fill(wiz, store, "abc")
    assert wiz.store.score < 3 and wiz.store.meter.value() == wiz.store.score
    wiz.next()  # asked, refused
    assert len(asked) == 1 and "easy to guess" in asked[0]
    assert wiz.currentId() == STORE and not store.exists() and not window.backend.busy
    wiz.next()  # asked, accepted
    qtbot.waitUntil(lambda: wiz.currentId() == IDENTITY, timeout=10_000)
    assert len(asked) == 2 and store.exists() and window.backend.is_open


def test_a_path_without_suffix_gets_db_and_browse_fills_the_field(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "picked"), "")
    )
    wiz = _wizard(window)
    wiz.next()
    wiz.store.browse.click()
    assert wiz.store.path.text() == str(tmp_path / "picked.db")
    wiz.store.first.setText(STRONG)
    wiz.store.again.setText(STRONG)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentId() == IDENTITY, timeout=10_000)
    assert (tmp_path / "picked.db").exists()


def test_cancel_after_creation_keeps_the_store_created_and_open(qtbot, window, tmp_path):
    store = tmp_path / "kept.db"
    wiz = _wizard(window)
    _fill(wiz, store)
    wiz.next()
    wiz.reject()  # while Argon2id runs: ignored, nothing is left half made
    assert wiz.isVisible()
    qtbot.waitUntil(lambda: wiz.currentId() == IDENTITY, timeout=10_000)
    assert "stays as it is" in wiz.identity.note_label.text()
    wiz.button(WB.CancelButton).click()
    assert not wiz.isVisible() and wiz.result() == QDialog.DialogCode.Rejected
    assert window.backend.is_open and window.backend.path == store
    assert window.pages.currentIndex() == window.WORK
    assert "created and open" in window.statusBar().currentMessage()
    assert not window.backend.call_sync(sharing.has_identity)  # the identity was not asked for
    assert window.settings.first_run_done


def test_unticked_identity_is_not_created_and_the_summary_says_so(qtbot, window, tmp_path):
    wiz = _wizard(window)
    _create(qtbot, wiz, tmp_path / "plain.db")
    wiz.identity.create_box.setChecked(False)
    assert wiz.button(WB.NextButton).text() == wiz.buttonText(WB.NextButton)
    wiz.next()
    assert wiz.currentId() == BACKUP and wiz.button(WB.NextButton).text() == "S&kip"
    wiz.next()
    assert wiz.currentId() == DONE
    assert "Tools" in wiz.done_page.identity.text() and wiz.done_page.backup.text() == "not made"
    assert not window.backend.call_sync(sharing.has_identity)


def test_backup_errors_are_shown_inline(qtbot, window, tmp_path, monkeypatch):
    store = tmp_path / "s.db"
    wiz = _wizard(window)
    _create(qtbot, wiz, store)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.identity.info is not None, timeout=10_000)
    wiz.next()
    # the store's own header is refused by the service, with its own sentence
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(key_header_path(store)), "")
    )
    wiz.backup.save.click()
    qtbot.waitUntil(lambda: wiz.backup.error.isVisibleTo(wiz), timeout=10_000)
    assert "store's own file" in wiz.backup.error.text() and wiz.backup.saved is None
    assert wiz.button(WB.NextButton).isEnabled()  # still skippable


def test_locking_closes_the_assistant_once_the_store_exists(qtbot, window, tmp_path):
    wiz = _wizard(window)
    _create(qtbot, wiz, tmp_path / "l.db")
    window.lock("Locked.")
    assert not wiz.isVisible() and not window.backend.is_open
    assert window.pages.currentIndex() == window.LOCKED


def test_the_pages_find_what_they_ask_of_the_assistant(window):
    wiz = _wizard(window)
    assert isinstance(wiz, first_run_pages.SetupAssistant)
    assert all(page.wiz() is wiz for page in (wiz.intro, wiz.store, wiz.done_page))
    assert wiz.identity.wiz().backup is wiz.backup and wiz.store.wiz().backend is window.backend
    wiz.reject()


def test_welcome_button_opens_the_assistant_without_the_demo_skip(qtbot, window):
    window.welcome.new_button.click()
    wiz = window.first_run_wizard
    assert wiz.isVisible() and not wiz.first_run
    assert not wiz.button(WB.CustomButton1).isVisible()
    wiz.button(WB.CancelButton).click()
    assert not wiz.isVisible() and window.pages.currentIndex() == window.WELCOME


def test_first_launch_greets_once(qtbot, backend, settings, monkeypatch):
    from dossier.gui.main_window import MainWindow

    assert not first_run.wants_first_run(settings)  # offscreen: nobody at the screen
    monkeypatch.setattr("dossier.gui.main_window.wants_first_run", lambda s: s.is_first_run())
    w = MainWindow(backend, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: getattr(w, "first_run_wizard", None) is not None, timeout=3000)
    wiz = w.first_run_wizard
    assert wiz.isVisible() and wiz.first_run
    wiz.reject()  # closed before creating anything: no nagging next time
    assert settings.first_run_done and not settings.is_first_run()
    w2 = MainWindow(backend, settings)
    qtbot.addWidget(w2)
    w2.show()
    qtbot.wait(50)
    assert getattr(w2, "first_run_wizard", None) is None


def test_a_store_opened_from_the_command_line_is_not_interrupted(
    qtbot, backend, settings, tmp_path, monkeypatch
):
    from dossier.gui.main_window import MainWindow

    monkeypatch.setattr("dossier.gui.main_window.wants_first_run", lambda s: s.is_first_run())
    w = MainWindow(backend, settings)
    qtbot.addWidget(w)
    w.show()
    w.open_path(str(tmp_path / "given.db"))  # what app.start does right after show()
    qtbot.wait(50)
    assert getattr(w, "first_run_wizard", None) is None
    w.unlock_dialog.reject()


def test_default_store_path_is_free_and_in_the_user_data_folder(tmp_path, monkeypatch):
    """docs/cli.md: the default store is `dossier.db` in the platform's user data folder —
    the assistant proposes that same file, so the CLI opens it without --store."""
    from dossier.cli.common import default_store

    assert first_run.default_store_path() == default_store()  # nothing there yet
    folder = tmp_path / "data" / "Dossier"
    monkeypatch.setattr(locations.platformdirs, "user_data_dir", lambda *a, **k: str(folder))
    folder.mkdir(parents=True)
    (folder / "dossier.db").write_bytes(b"x")
    (folder / "dossier-2.db.key").write_bytes(b"x")
    assert first_run.default_store_path() == folder / "dossier-3.db"
