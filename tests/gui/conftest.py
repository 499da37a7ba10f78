"""Fixtures for the window's tests: offscreen Qt, fast KDF, isolated settings and data
folders, a demo store built once and copied per test, and a main window to drive.

Modal dialogs are never left to block: the window opens its own dialogs with
`open()` (tests reach them through attributes), and tests monkeypatch
QMessageBox / QFileDialog static functions and QDialog.exec the pytest-qt way.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402

DEMO_PASSPHRASE = "demo"
LETTER_DAY = date(2018, 2, 3)  # the demo's reference day: the letter all its cases meet on


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and config folders (demo store, QSettings)."""
    home = tmp_path / "home"
    for sub in ("data", "config", "cache"):
        (home / sub).mkdir(parents=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("DOSSIER_PASSPHRASE", raising=False)
    monkeypatch.delenv("DOSSIER_STORE", raising=False)
    return home


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store, built once per session (copied by `demo_store`)."""
    from dossier.services.demo import build_demo
    from dossier.services.dossier import Dossier

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    d = Dossier.create(path, DEMO_PASSPHRASE)
    try:
        build_demo(d)
        d.ensure_facts()
    finally:
        d.close()
    return path


def copy_store(src: Path, dest: Path) -> Path:
    """A store is two files: the database and its key header beside it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)
    shutil.copy2(src.with_name(src.name + ".key"), dest.with_name(dest.name + ".key"))
    return dest


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Path:
    return copy_store(demo_template, tmp_path / "stores" / "demo.db")


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    from dossier.gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def backend(qapp):
    from dossier.gui.backend import Backend

    b = Backend()
    yield b
    b.shutdown()


@pytest.fixture
def window(qtbot, backend, settings):
    """The real main window on the welcome page (not yet holding a store)."""
    from dossier.gui.main_window import MainWindow

    w = MainWindow(backend, settings)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    yield w
    w.idle.stop()
    w.clipboard.clear_now()
    backend.lock()
    backend.wait_idle(10)


def wait_loaded(qtbot, window, timeout: int = 10_000) -> None:
    """Until the store is open and the case list has its rows (and the worker is idle)."""
    qtbot.waitUntil(lambda: window.backend.is_open, timeout=timeout)
    assert window.backend.wait_idle(timeout / 1000)
    qtbot.waitUntil(lambda: not window.backend.busy, timeout=timeout)


@pytest.fixture
def open_demo(qtbot, window, demo_store):
    """The main window holding a copy of the demo store, its list loaded."""
    window.open_with_passphrase(demo_store, DEMO_PASSPHRASE)
    wait_loaded(qtbot, window)
    return window


def names(window) -> list[str]:
    m = window.list_panel.model
    return [m.summary(r).name for r in range(m.rowCount())]


def select_name(window, name: str) -> str:
    m = window.list_panel.model
    for r in range(m.rowCount()):
        if m.summary(r).name == name:
            assert window.list_panel.select(m.case_id(r))
            return m.case_id(r)
    raise AssertionError(f"{name} is not in the list: {names(window)}")


# -- the views and editors without the main window ------------------------------------
@pytest.fixture
def demo(backend, demo_store):
    """The backend holding a copy of the demo store, and the case ids by name."""
    from dossier.services.dossier import Dossier

    d = Dossier.open(demo_store, DEMO_PASSPHRASE)
    backend.adopt(d)
    return backend, {s.name: s.id for s in d.summaries()}


@pytest.fixture
def stack(qapp):
    """An undo stack of its own, emptied afterwards (its commands hold the backend)."""
    from PySide6.QtGui import QUndoStack

    s = QUndoStack()
    yield s
    s.clear()


def settle(backend) -> None:
    """Until the worker is idle and the results it delivered have been handled — twice,
    since a delivered result may start the next load (a view refreshing after a change)."""
    from PySide6.QtWidgets import QApplication

    assert backend.wait_idle(10)
    QApplication.processEvents()
    assert backend.wait_idle(10)
