"""The People tab: lawyers with their role, links between related cases (both ways,
one undo), the linked case shown by name, and the case editor's role/link columns."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from dossier.core.model import Relation  # noqa: E402
from dossier.gui.dialogs.case_editor import CaseEditor  # noqa: E402
from dossier.gui.dialogs.people_dialogs import LawyerDialog, LinkDialog  # noqa: E402
from dossier.gui.models.case_parts import RelationsModel  # noqa: E402
from dossier.gui.views.case_view import CaseView  # noqa: E402

from .conftest import LETTER_DAY, settle  # noqa: E402


@pytest.fixture
def view(qtbot, demo, stack):
    backend, ids = demo
    v = CaseView(backend, stack)
    qtbot.addWidget(v)
    v.resize(1100, 820)
    v.show()
    return v, backend, ids, stack


def _show(v, backend, cid):
    v.set_as_of(LETTER_DAY)
    v.show_case(cid)
    settle(backend)


def _rels(backend, cid):
    return backend.call_sync(lambda d: d.get_case(cid)).relations


def test_the_demo_links_wang_and_his_lawyer_yu_both_ways(view):
    v, backend, ids, _ = view
    _show(v, backend, ids["Wang Quanzhang"])
    m = v.people.relations
    rows = {m.index(r, RelationsModel.NAME).data(): r for r in range(m.rowCount())}
    yu_row = rows["Yu Wensheng (余文生)"]
    assert m.index(yu_row, RelationsModel.LINKED).data() == "Yu Wensheng"
    fam = rows["Lawyers retained by his family"]
    assert m.index(fam, RelationsModel.ROLE).data() == "Appointed by the family"
    yu_back = [
        r for r in _rels(backend, ids["Yu Wensheng"]) if r.other_case_id == ids["Wang Quanzhang"]
    ]
    assert [r.relation for r in yu_back] == ["client"]


def test_add_a_lawyer_and_link_two_cases_then_undo(qtbot, view, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    v, backend, ids, stack = view
    liu, gui = ids["Liu Xia"], ids["Gui Minhai"]
    _show(v, backend, liu)
    v.people.add_lawyer(Relation(name="A. Lawyer", relation="lawyer", role="state_imposed"))
    settle(backend)
    assert [(r.name, r.role) for r in _rels(backend, liu) if r.relation == "lawyer"] == [
        ("A. Lawyer", "state_imposed")
    ]
    v.people.link_case(gui, "colleague", note="for the test")
    settle(backend)
    assert [r.other_case_id for r in _rels(backend, liu) if r.other_case_id] == [gui]
    assert [r.other_case_id for r in _rels(backend, gui)] == [liu]
    m = v.people.relations
    linked = [m.index(r, RelationsModel.LINKED).data() for r in range(m.rowCount())]
    assert "Gui Minhai" in linked
    stack.undo()  # one undo takes the link off both cases
    assert backend.wait_idle(10)
    assert not any(r.other_case_id for r in _rels(backend, liu)) and _rels(backend, gui) == []
    stack.redo()
    assert backend.wait_idle(10)
    assert [r.other_case_id for r in _rels(backend, gui)] == [liu]
    errors = []
    v.people.error.connect(errors.append)
    v.people.link_case(gui, "spouse")  # already linked: refused, said, nothing pushed
    settle(backend)
    assert errors and "already linked" in errors[0]


def test_dialogs_give_what_they_show(qtbot):
    dlg = LawyerDialog()
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(dlg.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dlg.name.setText("Liang Xiaojun")
    dlg.role.setCurrentIndex(dlg.role.findData("dismissed"))
    assert ok.isEnabled()
    rel = dlg.value("c1")
    assert (rel.name, rel.relation, rel.role, rel.case_id) == (
        "Liang Xiaojun",
        "lawyer",
        "dismissed",
        "c1",
    )
    link = LinkDialog({"id-a": "A", "id-b": "B"})
    qtbot.addWidget(link)
    link.other.setCurrentIndex(1)
    link.relation.setCurrentText("spouse")
    assert link.value() == ("id-b", "spouse", None, True)


def test_case_editor_sets_role_and_linked_case(qtbot, demo, stack):
    backend, ids = demo
    case = backend.call_sync(lambda d, i: d.get_case(i), ids["Tashi Wangchuk"])
    dlg = CaseEditor(None, backend, stack, case)
    qtbot.addWidget(dlg)
    m = dlg.relations
    assert (
        ids["Tashi Wangchuk"] not in m.case_names
        and m.case_names[ids["Yu Wensheng"]] == "Yu Wensheng"
    )
    row = [m.index(r, 0).data() for r in range(m.rowCount())].index("Liang Xiaojun")
    assert m.setData(
        m.index(row, RelationsModel.ROLE), "family_appointed", Qt.ItemDataRole.EditRole
    )
    assert m.index(row, RelationsModel.ROLE).data() == "Appointed by the family"
    new = m.append(Relation(name="", relation="colleague"))
    m.setData(m.index(new, RelationsModel.LINKED), ids["Yu Wensheng"], Qt.ItemDataRole.EditRole)
    assert m.index(new, RelationsModel.NAME).data() == "Yu Wensheng"  # named after the case chosen
    dlg.accept()
    assert backend.wait_idle(10)
    rels = {r.name: r for r in _rels(backend, ids["Tashi Wangchuk"])}
    assert rels["Liang Xiaojun"].role == "family_appointed"
    assert rels["Yu Wensheng"].other_case_id == ids["Yu Wensheng"]
