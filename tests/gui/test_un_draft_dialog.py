"""Case ▸ UN communication draft…: the checklist turns green as the researcher fills the
options, the text is what the CLI prints, and Mark as sent is one undoable edit."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QInputDialog

from dossier.gui.dialogs.un_draft_dialog import UnDraftDialog
from dossier.services import un_drafts
from dossier.services.dossier import Dossier
from tests.gui.conftest import DEMO_PASSPHRASE


def _case_id(backend, name):
    out = {}
    backend.run(lambda d: d.resolve_case(name), on_done=lambda v: out.update(id=v))
    assert backend.wait_idle(10)
    return out["id"]


def test_checklist_fills_and_sent_is_undoable(qtbot, backend, demo_store, monkeypatch):
    backend.adopt(Dossier.open(demo_store, DEMO_PASSPHRASE))
    cid = _case_id(backend, "Wang Quanzhang")
    stack = QUndoStack()
    dlg = UnDraftDialog(None, backend, stack, cid)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.draft is not None, timeout=10_000)
    red = [dlg.checklist.item(i).text() for i in range(dlg.checklist.count())]
    assert any("Person or organisation submitting" in t and t.startswith("Missing") for t in red)
    dlg.organisation.setText("Example NGO, Geneva")
    qtbot.waitUntil(lambda: "Example NGO, Geneva" in dlg.text.toPlainText(), timeout=10_000)
    items = [dlg.checklist.item(i).text() for i in range(dlg.checklist.count())]
    assert "✓ Person or organisation submitting (name and address)" in items
    # the options are remembered for the case
    saved = {}
    backend.run(lambda d: un_drafts.draft_options(d, cid), on_done=lambda o: saved.update(o=o))
    assert backend.wait_idle(10) and saved["o"].organisation == "Example NGO, Geneva"
    dlg.copy_text()
    assert QGuiApplication.clipboard().text().startswith("DRAFT — Working Group on Enforced")
    dlg.mechanism.setCurrentIndex(dlg.mechanism.findData("wgad"))
    qtbot.waitUntil(lambda: "Arbitrary Detention" in dlg.text.toPlainText(), timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Opinion No. 62/2018", True))
    dlg.mark_sent()
    assert backend.wait_idle(10) and stack.count() == 1

    def un_actions(d):
        return [
            e
            for e in d.get_case(cid).events
            if e.type == "un_action" and e.note and "Opinion No. 62/2018" in e.note
        ]

    found = {}
    backend.run(un_actions, on_done=lambda v: found.update(n=len(v)))
    assert backend.wait_idle(10) and found["n"] == 1
    stack.undo()
    backend.run(un_actions, on_done=lambda v: found.update(n=len(v)))
    assert backend.wait_idle(10) and found["n"] == 0
    # the family's consent is recorded on the case, as one more undoable edit
    dlg.consent.setCurrentIndex(dlg.consent.findData("given"))
    assert backend.wait_idle(10) and stack.count() == 1
    got = {}
    backend.run(lambda d: d.get_case(cid).family_consent, on_done=lambda v: got.update(c=v))
    assert backend.wait_idle(10) and got["c"] == "given"
    dlg.close()
