"""core.scratch: the one place plaintext scratch files go -- private, memory backed
where possible, wiped, swept after a crash -- and the file-name rules for Windows,
macOS and Linux."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core import scratch
from dossier.core.scratch import ScratchDir, is_risky, safe_filename, sweep_leftovers


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Aux.tar.gz", "_Aux.tar.gz"),
        ("NUL", "_NUL"),
        ("COM1.pdf", "_COM1.pdf"),
        ("lpt9", "_lpt9"),
        ("console.pdf", "console.pdf"),
        ("report.pdf. . ", "report.pdf"),
        ('a<b>:c"d|e?f*g.pdf', "a_b_c_d_e_f_g.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        (".hidden", "hidden"),
        ("", "attachment"),
        ("...", "attachment"),
        ("ئىلھام توختى.pdf", "ئىلھام توختى.pdf"),
        ("刘晓波 判决书.pdf", "刘晓波 判决书.pdf"),
        ("x\u202egpj.exe", "x_gpj.exe"),
    ],
)
def test_safe_filename(name, clean):
    assert safe_filename(name) == clean


@given(st.text(max_size=400))
def test_safe_filename_is_always_plain(name):
    out = safe_filename(name)
    assert out and len(out) <= scratch.MAX_NAME
    assert not any(c in out for c in '<>:"/\\|?*') and not out.startswith(".")
    assert not out.endswith((".", " ")) and all(ord(c) >= 32 for c in out)
    assert not scratch._WINDOWS_RESERVED.fullmatch(out.split(".")[0].strip())


@pytest.mark.parametrize(
    "name",
    [
        "ruling.pdf.exe",
        "RULING.PDF.EXE",
        "a.hta",
        "a.scr",
        "a.lnk",
        "a.desktop",
        "a.bat",
        "a.cmd",
        "a.com",
        "a.js",
        "a.jse",
        "a.vbs",
        "a.vbe",
        "a.wsf",
        "a.msi",
        "a.ps1",
        "a.jar",
        "a.app",
        "a.command",
        "a.sh",
        "ruling.exe.",
        "ruling.exe ",
        "x\u202efdp.exe",
        "a.url",
        "a.webloc",
    ],
)
def test_risky(name):
    assert is_risky(name)


@pytest.mark.parametrize(
    "name",
    ["ruling.pdf", "photo.jpg", "notes.txt", "exe.pdf", "sheet.xlsx", "archive.tar.gz", "README"],
)
def test_not_risky(name):
    assert not is_risky(name)


def test_scratch_folder_is_private_memory_backed_and_wiped(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with ScratchDir("open") as sd:
        p = sd.write("a.pdf", b"secret bytes")
        again = sd.write("a.pdf", b"x")
        assert again.name == "a (1).pdf"
        assert sd.folder.parent == tmp_path
        assert stat.S_IMODE(sd.folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
        os.link(p, tmp_path / "kept")
        folder = sd.folder
    assert not folder.exists()
    assert (tmp_path / "kept").read_bytes() == b"\0" * 12


def test_default_root_prefers_a_memory_file_system(monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK | os.X_OK):
        assert str(scratch.private_root()) == "/dev/shm"
        assert scratch.is_memory_backed(scratch.private_root())


def test_sweep_takes_only_our_dead_folders(tmp_path):
    dead = int(
        subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
        ).stdout
    )
    gone = tmp_path / f"dossier-open-{dead}-0123abcd"
    live = tmp_path / f"dossier-open-{os.getpid()}-0123abcd"
    legacy_old = tmp_path / "dossier-open-k2j4h5"
    legacy_new = tmp_path / "dossier-briefing-zz9x8y"
    other = tmp_path / "somebody-else"
    for d in (gone, live, legacy_old, legacy_new, other):
        d.mkdir()
        (d / "f.pdf").write_bytes(b"plaintext")
    old = time.time() - 7200
    os.utime(legacy_old, (old, old))
    assert sorted(sweep_leftovers([tmp_path])) == sorted([gone, legacy_old])
    assert live.exists() and legacy_new.exists() and other.exists()
