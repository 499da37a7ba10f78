"""Issue #12, item 4: opened attachments. A decrypted copy goes to a core.scratch
folder (memory backed where there is one), is wiped on lock, and a program or shortcut
type -- a share's author chooses the name -- is never handed to the system: the window
warns and offers "Save a copy as…" instead."""

from __future__ import annotations

import os
import stat

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from dossier.core import scratch  # noqa: E402
from dossier.core.model import Attachment  # noqa: E402
from dossier.gui.views import sources_panel  # noqa: E402
from dossier.gui.views.sources_panel import SourcesPanel  # noqa: E402

pytestmark = pytest.mark.attack  # issue #12; kept by `make test-reliability`


@pytest.fixture
def panel(qtbot, demo, stack, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    backend, _ids = demo
    p = SourcesPanel(backend, stack)
    qtbot.addWidget(p)
    opened: list = []
    monkeypatch.setattr(sources_panel.QDesktopServices, "openUrl", lambda url: opened.append(url))
    return p, backend, opened


def _answer_warning(button_text: str | None, seen: list) -> None:
    """Click `button_text` (None: Cancel) on the warning box once it is up."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for b in box.buttons():
            if (button_text is None and box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole) or (
                button_text and b.text() == button_text
            ):
                b.click()
                return

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(
    "name",
    [
        "ruling.pdf.exe",
        "notice.hta",
        "photo.jpg.scr",
        "court.lnk",
        "open-me.desktop",
        "run.sh",
        "ruling.pdf.exe.",
        "x\u202efdp.js",
    ],
)
def test_a_program_or_shortcut_is_never_handed_to_the_system(panel, name, monkeypatch):
    p, _backend, opened = panel
    seen: list = []
    _answer_warning(None, seen)
    asked: list = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    p._open(Attachment(filename=name, media_type="application/pdf"), b"MZ\x90\x00")
    assert opened == [] and asked == []
    assert seen and "program" in seen[0]
    assert p.copies.folder is None  # nothing was written anywhere


def test_save_a_copy_as_writes_only_where_the_researcher_chose(panel, tmp_path, monkeypatch):
    p, _backend, opened = panel
    seen: list = []
    _answer_warning("Save a copy as…", seen)
    target = tmp_path / "kept.bin"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    p._open(Attachment(filename="ruling.pdf.exe", media_type="application/pdf"), b"MZ")
    assert opened == [] and target.read_bytes() == b"MZ"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_pdf_opens_from_a_private_scratch_folder_wiped_on_lock(panel, tmp_path):
    p, backend, opened = panel
    p._open(Attachment(filename="CON.pdf", media_type="application/pdf"), b"%PDF-1.4 secret")
    assert len(opened) == 1
    path = opened[0].toLocalFile()
    folder = p.copies.folder
    assert folder.parent == tmp_path / "run"  # the memory-backed runtime folder
    assert folder.name.startswith(f"dossier-open-{os.getpid()}-")
    assert os.path.basename(path) == "_CON.pdf"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    link = tmp_path / "hardlink"
    os.link(path, link)  # sees the same bytes after the name is gone
    backend.lock()
    assert not folder.exists() and p.copies.folder is None
    assert link.read_bytes() == b"\0" * len(b"%PDF-1.4 secret")  # overwritten, not just unlinked


def test_leftovers_of_a_killed_session_are_swept(tmp_path, monkeypatch):
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    left = tmp_path / f"dossier-open-{dead}-0123abcd"
    left.mkdir(mode=0o700)
    (left / "ruling.pdf").write_bytes(b"secret")
    assert scratch.sweep_leftovers([tmp_path]) == [left]
    assert not left.exists()
