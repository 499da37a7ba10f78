"""`dossier --self-test` run in-process (not frozen): every step passes on a good
install, a failing step is named, the temporary folder goes, and without a console
the result goes to the log folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dossier import selftest


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(selftest.tempfile, "tempdir", str(tmp_path))


def test_self_test_passes_in_process(capsys, tmp_path):
    assert selftest.run_self_test(verbose=True) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("SELF-TEST OK")
    for step in ("store: ok", "briefing: ok", "share: ok", "window: ok"):
        assert step in out
    assert not list(tmp_path.glob("dossier-selftest-*"))  # the private folder is removed


def test_a_failing_step_is_named_and_exits_1(capsys, monkeypatch, tmp_path):
    def broken(work: Path):
        (work / "alice.db").write_bytes(b"x")
        raise selftest.StepFailed("the store file is not encrypted")

    monkeypatch.setattr(selftest, "_step_store", broken)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "SELF-TEST FAILED: store: the store file is not encrypted" in out
    assert "SELF-TEST OK" not in out
    assert not list(tmp_path.glob("dossier-selftest-*"))


def test_an_unexpected_error_names_its_type(capsys, monkeypatch):
    monkeypatch.setattr(
        selftest, "_step_store", lambda work: (_ for _ in ()).throw(OSError("no lib"))
    )
    assert selftest.run_self_test() == 1
    assert "SELF-TEST FAILED: store: OSError: no lib" in capsys.readouterr().out


def test_without_a_console_the_result_goes_to_the_log_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(
        selftest, "_step_store", lambda work: (_ for _ in ()).throw(OSError("no lib"))
    )
    monkeypatch.setattr(sys, "stdout", None)
    assert selftest.run_self_test() == 1
    monkeypatch.undo()
    files = list((tmp_path / "state").rglob(selftest.RESULT_FILE))
    assert len(files) == 1
    assert "SELF-TEST FAILED: store: OSError" in files[0].read_text(encoding="utf-8")


def test_raw_font_count_reads_reportlab_descriptors():
    pdf = b"%PDF-1.4\n<< /FontFile2 5 0 R >>\n<< /FontFile2 6 0 R >>\n<< /Font 7 0 R >>"
    assert selftest._embedded_fonts_raw(pdf) == 2
