"""Issue #12, item 3, the window's way in: a name or summary holding ESC or U+202E
(pasted from a hostile document) is refused in the case editor with the field named,
nothing is stored and nothing reaches the undo stack; Uyghur text is kept."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402

from dossier.gui.dialogs.case_editor import CaseEditor  # noqa: E402

pytestmark = pytest.mark.attack  # issue #12; kept by `make test-reliability`

UYGHUR = "ئىلھام توختى"


@pytest.mark.parametrize(
    ("name", "field", "char"),
    [
        ("Ilham\x1b[2JTohti", "name", "U+001B"),
        ("Ilham\u202eitohT", "name", "U+202E"),
    ],
)
def test_case_editor_refuses_control_characters(qtbot, demo, stack, name, field, char):
    backend, _ids = demo
    before = backend.call_sync(lambda d: d.case_count())
    dlg = CaseEditor(None, backend, stack)
    qtbot.addWidget(dlg)
    dlg.name_edit.setText(name)
    dlg.accept()
    assert backend.wait_idle(10)
    assert not dlg.error_label.isHidden()
    assert dlg.error_label.text().startswith(f"{field}: contains {char}")
    assert stack.count() == 0
    assert backend.call_sync(lambda d: d.case_count()) == before


def test_case_editor_keeps_uyghur(qtbot, demo, stack):
    backend, _ids = demo
    dlg = CaseEditor(None, backend, stack)
    qtbot.addWidget(dlg)
    dlg.name_edit.setText(UYGHUR)
    dlg.accept()
    assert backend.wait_idle(10)
    assert dlg.error_label.isHidden()
    assert backend.call_sync(lambda d, i: d.get_case(i).name, dlg.case_id) == UYGHUR
