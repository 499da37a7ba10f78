"""The unlock dialog and an older copy of the store (the rollback guard's RollbackError).

Yes ("I restored it from my own backup") accepts the copy on the worker and unlocks; No
leaves it refused, with the message that says what happened and what to do.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dossier.core.model import Case
from dossier.gui.dialogs.passphrase import UnlockDialog
from dossier.services.dossier import Dossier
from dossier.store import rollback_guard
from dossier.store.engine import key_header_path

PASS = "rollback prompt passphrase"


@pytest.fixture
def rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with an older copy of it (store and key header) put back in its place."""
    monkeypatch.setenv("DOSSIER_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "s.db"
    with Dossier.create(path, PASS) as d:
        d.add_case(Case(name="Before the backup"))
    old = tmp_path / "old"
    old.mkdir()
    for p in (path, key_header_path(path)):
        shutil.copy2(p, old / p.name)
    with Dossier.open(path, PASS) as d:
        d.add_case(Case(name="After the backup"))
    for p in (path, key_header_path(path)):
        shutil.copy2(old / p.name, p)
    return path


def _ask(monkeypatch, answer) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _unlock(qtbot, backend, path: Path) -> UnlockDialog:
    dlg = UnlockDialog(backend, path)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.panel.field.setText(PASS)
    dlg.panel.button.click()
    return dlg


def test_yes_accepts_the_restored_copy_and_unlocks(qtbot, backend, rolled_back, monkeypatch):
    asked = _ask(monkeypatch, QMessageBox.StandardButton.Yes)
    dlg = _unlock(qtbot, backend, rolled_back)
    with qtbot.waitSignal(dlg.accepted, timeout=20_000):
        pass
    assert backend.is_open
    assert len(asked) == 1 and "older than the one this computer last saw" in asked[0]
    assert backend.dossier.case_count() == 1  # the restored copy, without the later case
    header = backend.dossier.store.header
    seen = rollback_guard.seen(header.store_id, backend.dossier.store.data_key, where=rolled_back)
    assert seen is not None and seen.counter == header.commit_counter  # the new baseline


def test_no_leaves_it_refused(qtbot, backend, rolled_back, monkeypatch):
    asked = _ask(monkeypatch, QMessageBox.StandardButton.No)
    dlg = _unlock(qtbot, backend, rolled_back)
    qtbot.waitUntil(lambda: dlg.panel.error.isVisible(), timeout=20_000)
    assert len(asked) == 1
    assert not backend.is_open
    text = dlg.panel.error.text()
    assert "older copy" in text and "--accept-restore" in text
    assert dlg.result() == 0 and dlg.panel.field.text() == ""


def test_wrong_passphrase_never_asks(qtbot, backend, rolled_back, monkeypatch):
    asked = _ask(monkeypatch, QMessageBox.StandardButton.Yes)
    dlg = UnlockDialog(backend, rolled_back)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.panel.field.setText("not the passphrase")
    dlg.panel.button.click()
    qtbot.waitUntil(lambda: dlg.panel.error.isVisible(), timeout=20_000)
    assert asked == [] and not backend.is_open
