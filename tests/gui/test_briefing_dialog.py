"""Tools ▸ Export briefing… driven as a researcher would: choose, preview, save.

The packet is built for real (the demo store, the real engine) on the backend's
worker; the save dialog is stubbed. A gate inside the engine's progress callback
holds a build mid-way so that Cancel and closing are tested while it is running.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import threading
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402
from shiboken6 import Shiboken  # noqa: E402

from dossier.core import scratch  # noqa: E402
from dossier.core.errors import DossierError  # noqa: E402
from dossier.gui.dialogs.briefing_dialog import BriefingDialog, open_briefing_dialog  # noqa: E402
from dossier.services import briefing  # noqa: E402
from dossier.services.dossier import Dossier  # noqa: E402
from tests.gui.conftest import DEMO_PASSPHRASE, select_name, wait_loaded  # noqa: E402

NAME = "Wang Quanzhang"


@pytest.fixture
def opened(backend, demo_store):
    backend.adopt(Dossier.open(demo_store, DEMO_PASSPHRASE))
    return backend


@pytest.fixture
def make_dialog(opened):
    """Opens dialogs and closes at the end those a test left open (they delete
    themselves on close, so pytest-qt's own clean-up cannot hold them)."""
    made: list[BriefingDialog] = []

    def make(case_ids: list[str]) -> BriefingDialog:
        dlg = open_briefing_dialog(None, opened, case_ids)
        made.append(dlg)
        assert opened.wait_idle(10)  # the tags and counts have arrived
        return dlg

    yield make
    for dlg in made:
        if Shiboken.isValid(dlg):
            dlg.close()
    opened.wait_idle(10)


@pytest.fixture
def dialog(make_dialog):
    return make_dialog([])


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """QFileDialog.getSaveFileName answers with the next path in `answers` (recorded)."""
    calls: list[str] = []
    answers: list[str] = []

    def fake(parent, caption, default, *a, **k):
        calls.append(default)
        return (answers.pop(0) if answers else "", "PDF files (*.pdf)")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return answers, calls


@pytest.fixture
def gate(monkeypatch):
    """Holds the engine after it has reported its first case until `release` is set;
    records how the engine call ended and what it was asked to write into."""
    state = {
        "reached": threading.Event(),
        "release": threading.Event(),
        "ended": None,
        "out": None,
    }
    real = briefing.make_briefing

    def held(d, out, case_ids, *, progress, **kw):
        state["out"] = out

        def prog(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:
                state["reached"].set()
                state["release"].wait(20)

        try:
            result = real(d, out, case_ids, progress=prog, **kw)
        except BaseException as exc:
            state["ended"] = exc
            raise
        state["ended"] = "finished"
        return result

    monkeypatch.setattr(briefing, "make_briefing", held)
    yield state
    state["release"].set()


def preview(qtbot, dlg: BriefingDialog) -> None:
    dlg.preview_button.click()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=30_000)
    assert not dlg.error.text(), dlg.error.text()
    assert dlg.preview is not None


def save(qtbot, dlg: BriefingDialog, answers: list[str], path: Path) -> Path:
    answers.append(str(path))
    dlg.save_button.click()
    qtbot.waitUntil(lambda: dlg.saved_path is not None, timeout=10_000)
    return dlg.saved_path


def pdf_text(path_or_bytes) -> str:
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    return "\n".join(p.extract_text() or "" for p in PdfReader(src).pages)


def test_preview_builds_and_shows_the_pages(qtbot, dialog):
    assert dialog.everything.isChecked() and not dialog.selected.isEnabled()
    assert dialog.by_tag.isEnabled() and dialog.tag_box.count() > 0
    assert not dialog.save_button.isEnabled()
    preview(qtbot, dialog)
    shown = dialog.pdf.document.pageCount()
    assert shown > 0 and shown == dialog.preview.page_count
    assert dialog.preview.case_count == 5
    assert dialog.save_button.isEnabled()
    assert dialog.preview.document_id in dialog.status.text()


def test_audience_and_language_reach_the_pdf(qtbot, dialog, save_to, tmp_path):
    answers, _ = save_to
    dialog.audience.setCurrentIndex(dialog.audience.findData("public"))
    dialog.lang.setCurrentIndex(dialog.lang.findData("en"))
    dialog.title_edit.setText("HRC 61 side event")
    preview(qtbot, dialog)
    public = pdf_text(save(qtbot, dialog, answers, tmp_path / "public.pdf"))
    assert NAME in public and "HRC 61 side event" in public
    assert "severe depression" not in public and "Restricted" not in public

    dialog.audience.setCurrentIndex(dialog.audience.findData("diplomatic"))
    assert not dialog.save_button.isEnabled()  # the pages shown are not what would be saved
    dialog.saved_path = None
    preview(qtbot, dialog)
    diplomatic = pdf_text(save(qtbot, dialog, answers, tmp_path / "diplomatic.pdf"))
    assert "severe depression" in diplomatic and "Restricted — for diplomatic use" in diplomatic

    dialog.lang.setCurrentIndex(dialog.lang.findData("zh"))
    dialog.title_edit.clear()
    preview(qtbot, dialog)
    chinese = pdf_text(dialog.preview.data)
    assert "简报" in chinese and "限制级" in chinese and "Restricted" not in chinese


def test_choice_of_cases_selection_and_tag(qtbot, opened, make_dialog):
    ids = opened.call_sync(lambda d: briefing.choose_cases(d, all_cases=True))
    dlg = make_dialog(ids[:2])
    assert dlg.selected.isChecked() and dlg.selected_names.isVisible() is not None
    preview(qtbot, dlg)
    assert dlg.preview.case_count == 2
    tag = "tibetans"
    dlg.tag_box.setCurrentIndex(dlg.tag_box.findData(tag))
    dlg.tag_box.activated.emit(dlg.tag_box.currentIndex())  # as a user's pick does
    assert dlg.by_tag.isChecked() and not dlg.save_button.isEnabled()
    preview(qtbot, dlg)
    n_tagged = opened.call_sync(lambda d: len(d.case_ids_with_tag(tag)))
    assert dlg.preview.case_count == n_tagged and dlg.preview.request.mode == "tag"


def test_changing_options_back_makes_the_preview_current_again(qtbot, dialog):
    preview(qtbot, dialog)
    dialog.org_edit.setText("Example Watch")
    assert not dialog.save_button.isEnabled() and "Preview" in dialog.status.text()
    dialog.org_edit.clear()
    assert dialog.save_button.isEnabled()


def test_cancel_stops_the_build_and_the_dialog_stays_usable(qtbot, dialog, gate, save_to, tmp_path):
    dialog.preview_button.click()
    assert gate["reached"].wait(20)
    qtbot.waitUntil(lambda: dialog.cancel_button.isVisible(), timeout=5000)
    assert not dialog.preview_button.isEnabled()
    dialog.cancel_button.click()
    gate["release"].set()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert isinstance(gate["ended"], DossierError)  # the engine itself stopped
    assert isinstance(gate["out"], io.BytesIO)  # the packet was going into memory
    assert dialog.preview is None and dialog.pdf.page_count() == 0
    assert not dialog.save_button.isEnabled() and not dialog.error.isVisible()
    assert save_to[1] == []  # nothing asked where to save, nothing written
    # usable again: the next preview goes through
    preview(qtbot, dialog)
    assert gate["ended"] == "finished" and dialog.pdf.page_count() > 0


def test_save_writes_where_the_file_dialog_says(qtbot, dialog, save_to, tmp_path):
    answers, calls = save_to
    preview(qtbot, dialog)
    out = tmp_path / "out"
    out.mkdir()
    written = save(qtbot, dialog, answers, out / "packet")  # no suffix typed
    assert written == out / "packet.pdf"
    assert written.read_bytes() == dialog.preview.data  # exactly what was previewed
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["packet.pdf"]  # no temp file left
    assert calls[0].endswith(f"briefing-{date.today().isoformat()}.pdf")
    assert str(written) in dialog.status.text()
    # a cancelled file dialog writes nothing
    dialog.saved_path = None
    dialog.save_button.click()
    assert dialog.saved_path is None and sorted(p.name for p in out.iterdir()) == ["packet.pdf"]


def test_save_into_a_missing_folder_shows_a_message(qtbot, dialog, save_to, tmp_path):
    answers, _ = save_to
    preview(qtbot, dialog)
    answers.append(str(tmp_path / "nowhere" / "x.pdf"))
    dialog.save_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "does not exist" in dialog.error.text() and "Traceback" not in dialog.error.text()
    assert dialog.save_button.isEnabled()


def test_errors_appear_as_a_message(qtbot, dialog, monkeypatch):
    def broken(*a, **k):
        raise DossierError("the packet could not be laid out: a record is too long")

    monkeypatch.setattr(briefing, "make_briefing", broken)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
    assert dialog.error.isVisible()
    assert "a record is too long" in dialog.error.text()
    assert dialog.preview_button.isEnabled() and not dialog.save_button.isEnabled()

    def crash(*a, **k):  # an unexpected failure quoting record text it choked on
        raise ValueError("cannot lay out 'Wang Quanzhang, held at the Tianjin No. 2 centre'")

    monkeypatch.setattr(briefing, "make_briefing", crash)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
    assert "ValueError" in dialog.error.text()
    assert "Wang Quanzhang" not in dialog.error.text() and "Tianjin" not in dialog.error.text()
    assert "Traceback" not in dialog.error.text()


def _briefing_leftovers(folder: str) -> set[str]:
    return {n for n in os.listdir(folder) if n.startswith("dossier-briefing-")}


def _files_naming(folder: str, before: set[str]) -> list[str]:
    """Files new in `folder` (top level and one below) whose bytes or PDF text hold NAME."""
    hits = []
    for entry in set(os.listdir(folder)) - before:
        root = Path(folder) / entry
        for p in [root] if root.is_file() else (root.rglob("*") if root.is_dir() else []):
            try:
                data = p.read_bytes() if p.is_file() else b""
            except OSError:
                continue
            text = pdf_text(data) if data.startswith(b"%PDF") else ""
            if NAME.encode() in data or NAME in text:
                hits.append(str(p))
    return hits


def test_no_plaintext_on_disk_during_or_after_a_build(qtbot, opened, make_dialog, gate):
    """The preview is built into memory: no file or scratch folder holds the packet, not
    even while the engine is half way (held there by the gate)."""
    roots = {tempfile.gettempdir(), str(scratch.private_root())}
    before = {r: set(os.listdir(r)) for r in roots}
    dlg = make_dialog([])
    dlg.preview_button.click()
    assert gate["reached"].wait(20)
    assert isinstance(gate["out"], io.BytesIO)
    for r in roots:  # mid-build
        assert _briefing_leftovers(r) <= before[r]
        assert _files_naming(r, before[r]) == []
    gate["release"].set()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=30_000)
    assert NAME in pdf_text(dlg.preview.data)  # the packet does name him…
    dlg.close()
    assert opened.wait_idle(10)
    for r in roots:  # …but no file on disk does
        assert _briefing_leftovers(r) <= before[r]
        assert _files_naming(r, before[r]) == []


def test_closing_during_a_build_cancels_it(qtbot, opened, make_dialog, gate):
    dlg = make_dialog([])
    dlg.preview_button.click()
    assert gate["reached"].wait(20)
    dlg.close()
    gate["release"].set()
    assert opened.wait_idle(20)
    assert isinstance(gate["ended"], DossierError)


def test_locking_closes_the_dialog(qtbot, dialog, opened):
    preview(qtbot, dialog)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        opened.lock()
    assert dialog.preview is None and dialog.pdf.page_count() == 0


def test_tools_menu_opens_it_for_the_selected_case(qtbot, open_demo):
    cid = select_name(open_demo, NAME)
    open_demo.actions_.briefing.trigger()
    dlg = open_demo.findChild(BriefingDialog)
    assert dlg is not None and dlg.case_ids == [cid] and dlg.selected.isChecked()
    wait_loaded(qtbot, open_demo)
    assert dlg.selected_names.text() == NAME
    dlg.close()


def test_it_takes_the_windows_as_of_day_and_says_the_pdf_is_unencrypted(qtbot, open_demo):
    """Issue #17 item 4: the PDF counts days as the screen does, and the dialog warns."""
    from PySide6.QtCore import QDate

    select_name(open_demo, NAME)
    open_demo.list_panel.as_of.setDate(QDate(2018, 2, 3))
    assert open_demo.as_of_day() == date(2018, 2, 3)
    open_demo.actions_.briefing.trigger()
    dlg = open_demo.findChild(BriefingDialog)
    assert dlg is not None
    assert dlg.as_of.date().toPython() == date(2018, 2, 3)
    assert dlg.request().as_of == date(2018, 2, 3)
    assert "unencrypted" in dlg.plain_note.text() and dlg.plain_note.isVisibleTo(dlg)
    wait_loaded(qtbot, open_demo)
    dlg.close()


def test_cover_is_prefilled_from_the_store_and_remembered_on_save(
    qtbot, opened, make_dialog, save_to, tmp_path
):
    opened.run(
        lambda d: briefing.remember_cover(
            d,
            briefing.CoverSettings(
                "HRC37 — cases of concern", "Coalition of NGOs", ("Release them all.",)
            ),
        )
    )
    assert opened.wait_idle(10)
    dialog = make_dialog([])
    assert dialog.title_edit.text() == "HRC37 — cases of concern"
    assert dialog.org_edit.text() == "Coalition of NGOs"
    assert dialog.asks_edit.toPlainText() == "Release them all."
    dialog.asks_edit.setPlainText("Release them all.\n\nAllow family visits.\n")
    assert dialog.request().asks == ("Release them all.", "Allow family visits.")
    answers, _calls = save_to
    preview(qtbot, dialog)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.preview.data)).pages[:1])
    assert "Allow family visits." in text
    save(qtbot, dialog, answers, tmp_path / "packet.pdf")
    assert opened.wait_idle(10)
    remembered = {}
    opened.run(briefing.cover_settings, on_done=lambda c: remembered.update(cover=c))
    assert opened.wait_idle(10)
    assert remembered["cover"].asks == ("Release them all.", "Allow family visits.")
