"""Issue #14 item 4: the window shows failures by the command line's rule
(core.errors.present): an unexpected error's type, never its text, which can quote a
record; an expected DossierError's own message."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dossier.core.errors import IntegrityError
from dossier.gui.i18n import error_message
from dossier.services import maintenance

RECORD_TEXT = "Wang Quanzhang: held at the Tianjin No. 2 detention centre since 10 Jul 2015"


def _messages(monkeypatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, title, text, *a, _k=kind: seen.append((_k, text))
        )
    return seen


def _back_up_failing_with(qtbot, window, monkeypatch, tmp_path, exc) -> str:
    seen = _messages(monkeypatch)

    def broken(d, target):
        raise exc

    monkeypatch.setattr(maintenance, "backup", broken)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "copy.db"), "")
    )
    window.actions_.backup.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0][0] == "warning"
    return seen[0][1]


def test_an_unexpected_failure_shows_its_type_not_the_record_text(
    qtbot, open_demo, monkeypatch, tmp_path
):
    shown = _back_up_failing_with(qtbot, open_demo, monkeypatch, tmp_path, KeyError(RECORD_TEXT))
    assert "KeyError" in shown and "nothing was changed" in shown
    assert "Wang" not in shown and "Tianjin" not in shown
    assert not (tmp_path / "copy.db").exists()


def test_an_expected_failure_shows_its_message_and_remedy(qtbot, open_demo, monkeypatch, tmp_path):
    exc = IntegrityError("page 12 failed authentication", remedy="restore from a backup")
    shown = _back_up_failing_with(qtbot, open_demo, monkeypatch, tmp_path, exc)
    assert shown == "page 12 failed authentication (restore from a backup)"


def test_the_chinese_window_says_it_in_chinese(qapp):
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        shown = error_message(ValueError(RECORD_TEXT))
    finally:
        QLocale.setDefault(before)
    assert shown.startswith("内部错误（ValueError）") and "Wang" not in shown
    assert error_message(ValueError(RECORD_TEXT)).startswith("internal error (ValueError)")
