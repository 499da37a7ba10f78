"""Crash reports: the versions, the exception's type and frames — never its message or
local values (they may hold case data); the dialog copies it; faulthandler logs."""

from __future__ import annotations

import faulthandler
import sys
import threading

import pytest

from dossier.gui import crash

MARKER = "Wang Quanzhang 王全璋 detained in Tianjin"


def _inner(case_name: str) -> None:
    secret = {"note": case_name}  # a local value the report must not show
    raise ValueError(f"bad case {secret['note']}")


def _outer() -> None:
    try:
        {}["missing " + MARKER]
    except KeyError as exc:
        try:
            _inner(MARKER)
        except ValueError as err:
            raise RuntimeError(MARKER) from err
        raise exc


def _caught() -> tuple:
    try:
        _outer()
    except RuntimeError:
        return sys.exc_info()
    raise AssertionError("expected an exception")


@pytest.fixture
def log_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "_fault_file", None)
    yield tmp_path / "state"
    faulthandler.disable()
    if crash._fault_file is not None:
        crash._fault_file.close()


def test_report_has_types_and_frames_but_no_message_or_values():
    report = crash.format_report(*_caught())
    assert "builtins.RuntimeError" in report
    assert "caused by: builtins.ValueError" in report
    assert "while handling: builtins.KeyError" in report
    assert "test_crash.py" in report and ":_outer" in report and ":_inner" in report
    assert "Dossier " in report and "Python " in report and "Qt " in report
    for leak in ("Wang", "王全璋", "Tianjin", "secret", "bad case", "missing"):
        assert leak not in report


def test_report_paths_do_not_name_the_home_folder():
    report = crash.format_report(*_caught())
    home = str(__import__("pathlib").Path.home())
    assert home not in report


def test_install_routes_exceptions_to_dialog_and_log(log_home, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(crash, "show_dialog", shown.append)
    crash.install(None)
    assert sys.excepthook is crash.handle
    sys.excepthook(*_caught())
    assert len(shown) == 1 and "builtins.RuntimeError" in shown[0] and MARKER not in shown[0]
    folder = crash.log_dir()
    assert str(folder).startswith(str(log_home))
    log = (folder / crash.CRASH_LOG).read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in log and "王全璋" not in log
    assert (folder / crash.FAULT_LOG).exists() and faulthandler.is_enabled()


def test_worker_thread_errors_are_logged_without_a_dialog(log_home, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(crash, "show_dialog", shown.append)
    crash.install(None)
    t = threading.Thread(target=_inner, args=(MARKER,))
    t.start()
    t.join()
    assert shown == []
    log = (crash.log_dir() / crash.CRASH_LOG).read_text(encoding="utf-8")
    assert "builtins.ValueError" in log and ":_inner" in log and "王全璋" not in log


def test_dialog_copy_button_puts_the_report_on_the_clipboard(qapp, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    def fake_exec(box: QMessageBox) -> int:
        copy = next(b for b in box.buttons() if "Copy" in b.text())
        copy.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    report = crash.format_report(*_caught())
    crash.show_dialog(report)
    assert QApplication.clipboard().text() == report
    QApplication.clipboard().clear()


def test_the_log_folder_is_private(tmp_path, monkeypatch):
    import os
    import stat

    folder = tmp_path / "logs" / "Dossier"
    monkeypatch.setattr(crash.platformdirs, "user_log_dir", lambda *a, **k: str(folder))
    assert crash.log_dir() == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    os.chmod(folder, 0o755)  # as older versions left it
    crash.log_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
