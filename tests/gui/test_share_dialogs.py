"""The sharing dialogs driven as a researcher would: contacts and own fingerprint,
Share… to a colleague, and Import share file… with its preview, a conflict resolved in
the table, and an unknown signer accepted through the warning. Modal boxes are stubbed."""

from __future__ import annotations

import ctypes
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")
if sys.version_info < (3, 12):  # PySide6 6.12 (abi3) drops a reference to None on every
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40  # void call: see G2's report

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox  # noqa: E402

from dossier.gui.dialogs import share_dialogs  # noqa: E402
from dossier.services import sharing  # noqa: E402
from tests.share.helpers import PASS_A, PASS_B, add_sample, exchange, researcher  # noqa: E402


@pytest.fixture
def people(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_KDF_FAST", "1")
    a = researcher(tmp_path / "a", "alice", PASS_A)
    b = researcher(tmp_path / "b", "bob", PASS_B)
    exchange(a, b)
    ids = add_sample(a.d, tmp_path / "files")
    yield a, b, ids
    a.d.close()
    b.d.close()


@pytest.fixture
def stub_boxes(monkeypatch):
    """QMessageBox statics answer at once (and are recorded) instead of blocking."""
    seen: list[tuple[str, str]] = []

    def info(parent, title, text, *a, **k):
        seen.append(("information", text))
        return QMessageBox.StandardButton.Ok

    def warn(parent, title, text, *a, **k):
        seen.append(("warning", text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "information", info)
    monkeypatch.setattr(QMessageBox, "warning", warn)
    return seen


def _idle(qtbot, backend, dlg=None) -> None:
    assert backend.wait_idle(20)
    if dlg is not None:
        qtbot.waitUntil(dlg.isEnabled, timeout=5000)


def _check(dlg, name: str) -> None:
    for i in range(dlg.contacts.count()):
        item = dlg.contacts.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == name:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"no contact {name}")


def test_contacts_dialog_shows_my_fingerprint_and_manages_colleagues(
    qtbot, backend, people, monkeypatch
):
    a, _b, _ids = people
    backend.adopt(a.d)
    dlg = share_dialogs.open_contacts(None, backend)
    qtbot.addWidget(dlg)
    _idle(qtbot, backend, dlg)
    assert dlg.fingerprint.text() == a.info.fingerprint
    assert a.info.recipient in dlg.keys.text()
    assert not dlg.create_button.isVisibleTo(dlg)
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 0).text() == "bob"
    from dossier.crypto import keys

    other = keys.Identity.generate()
    card = f"recipient: {other.recipient}\nsigning-key: {other.signing_key}\nfingerprint: X\n"

    def fake_exec(self):
        self.name.setText("carol")
        self.card.setPlainText(card)  # pasted as `identity show` prints it
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(share_dialogs.AddContactDialog, "exec", fake_exec)
    dlg.add_contact()
    _idle(qtbot, backend, dlg)
    _idle(qtbot, backend, dlg)
    assert [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())] == ["bob", "carol"]
    assert dlg.table.item(1, 1).text() == other.fingerprint
    assert sharing.parse_contact_card(card) == (other.recipient, other.signing_key)
    dlg.table.selectRow(1)
    dlg.toggle_verified()
    _idle(qtbot, backend, dlg)
    _idle(qtbot, backend, dlg)
    assert sharing.get_contact(a.d, "carol").verified
    dlg.table.selectRow(1)
    dlg.remove_selected()
    _idle(qtbot, backend, dlg)
    _idle(qtbot, backend, dlg)
    assert [c.name for c in sharing.list_contacts(a.d)] == ["bob"]
    dlg.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert a.info.fingerprint in QGuiApplication.clipboard().text()
    QGuiApplication.clipboard().clear()


def test_contacts_dialog_creates_an_identity(qtbot, backend, tmp_path):
    from dossier.services.dossier import Dossier

    d = Dossier.create(tmp_path / "new.db", PASS_A)
    backend.adopt(d)
    dlg = share_dialogs.open_contacts(None, backend)
    qtbot.addWidget(dlg)
    _idle(qtbot, backend, dlg)
    assert dlg.create_button.isVisibleTo(dlg) and not dlg.copy_button.isEnabled()
    dlg.create_button.click()
    _idle(qtbot, backend, dlg)
    _idle(qtbot, backend, dlg)
    assert dlg.fingerprint.text() == sharing.identity_info(d).fingerprint


def test_share_then_import_with_a_conflict_resolved(qtbot, backend, people, tmp_path, stub_boxes):
    a, b, ids = people
    backend.adopt(a.d)
    out = tmp_path / "to-bob.age"
    dlg = share_dialogs.open_share_export(None, backend, [ids["wang"]])
    qtbot.addWidget(dlg)
    _idle(qtbot, backend, dlg)
    assert a.info.fingerprint in dlg.signer.text()
    assert dlg.selected.isChecked() and dlg.audience.currentData() == "internal"
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # no file, no recipient yet
    assert dlg.error.isVisibleTo(dlg)
    _check(dlg, "bob")
    dlg.output.setText(str(out))
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _idle(qtbot, backend)
    qtbot.waitUntil(lambda: out.exists(), timeout=10_000)
    assert stub_boxes and stub_boxes[-1][0] == "information"
    # Bob edits his copy-to-be first: import once, then both change the summary.
    sharing.import_share(b.d, out)
    for r, text in ((a, "Alice's words"), (b, "Bob's words")):
        c = r.d.get_case(ids["wang"])
        c.summary = text
        r.d.update_case(c)
    sharing.export_share(a.d, tmp_path / "again.age", [ids["wang"]], to=["bob"])

    backend.adopt(b.d)
    changed: list = []
    backend.changed.connect(changed.append)
    imp = share_dialogs.open_share_import(None, backend)
    qtbot.addWidget(imp)
    imp.path.setText(str(tmp_path / "again.age"))
    imp.check.click()
    _idle(qtbot, backend, imp)
    assert "alice" in imp.summary.text() and imp.import_button.isEnabled()
    assert imp.conflicts.rowCount() == 1
    assert imp.conflicts.item(0, 1).text() == "summary"
    box = imp.conflicts.cellWidget(0, 2)
    assert box.currentData() == "both"  # the default loses nothing
    box.setCurrentIndex(box.findData("theirs"))
    imp.import_button.click()
    _idle(qtbot, backend, imp)
    assert imp.report is not None and "took theirs" in imp.result.toPlainText()
    assert b.d.get_case(ids["wang"]).summary == "Alice's words"
    assert changed and ids["wang"] in changed[-1].cases


def test_unknown_signer_needs_an_explicit_yes(qtbot, backend, people, tmp_path, stub_boxes):
    a, b, ids = people
    sharing.remove_contact(b.d, "alice")
    out = tmp_path / "u.age"
    sharing.export_share(a.d, out, [ids["jiang"]], to=["bob"])
    backend.adopt(b.d)
    imp = share_dialogs.open_share_import(None, backend)
    qtbot.addWidget(imp)
    imp.path.setText(str(out))
    imp.check.click()
    _idle(qtbot, backend)
    _idle(qtbot, backend, imp)
    (kind, text) = stub_boxes[-1]
    assert kind == "warning" and a.info.fingerprint in text
    assert imp.import_button.isEnabled() and "UNKNOWN" in imp.summary.text()
    imp.import_button.click()
    _idle(qtbot, backend, imp)
    assert b.d.get_case(ids["jiang"]).name == "Jiang Tianyong"


def test_cancelling_a_preview_throws_its_staged_attachments_away(qtbot, backend, people, tmp_path):
    """The preview staged the share's attachment bodies beside Bob's blobs; Cancel
    removes them, and nothing of the share is in the store."""
    a, b, ids = people
    out = tmp_path / "s.age"
    sharing.export_share(a.d, out, [ids["wang"]], to=["bob"])
    backend.adopt(b.d)
    folder = b.d.store.blobs.path
    imp = share_dialogs.open_share_import(None, backend)  # deleted on close: not qtbot's
    imp.path.setText(str(out))
    imp.check.click()
    _idle(qtbot, backend, imp)
    stage = imp.pending.stage
    assert stage is not None and stage.blobs and stage.exists
    imp.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not stage.exists
    assert not [n for n in os.listdir(folder) if n.startswith(".stage-")]
    assert ids["wang"] not in b.d.all_case_ids()


def test_a_damaged_file_says_nothing_was_imported(qtbot, backend, people, tmp_path):
    a, b, ids = people
    out = tmp_path / "bad.age"
    sharing.export_share(a.d, out, [ids["jiang"]], to=["bob"])
    data = bytearray(out.read_bytes())
    data[-3] ^= 1
    out.write_bytes(bytes(data))
    backend.adopt(b.d)
    imp = share_dialogs.open_share_import(None, backend)
    qtbot.addWidget(imp)
    imp.path.setText(str(out))
    imp.check.click()
    _idle(qtbot, backend, imp)
    assert imp.error.isVisibleTo(imp) and "Nothing was imported" in imp.error.text()
    assert not imp.import_button.isEnabled()


@pytest.mark.attack
def test_an_unverified_signers_change_comes_for_review(qtbot, backend, people, tmp_path):
    """Issue #12: Alice is Bob's contact but not verified in person; her change to a
    record Bob holds is a conflict (kept both by default), and the dialog says why."""
    a, b, ids = people
    sharing.set_contact_verified(b.d, "alice", False)
    sharing.export_share(a.d, tmp_path / "first.age", [ids["jiang"]], to=["bob"])
    sharing.import_share(b.d, tmp_path / "first.age")
    c = a.d.get_case(ids["jiang"])
    c.summary = "Alice's later words"
    a.d.update_case(c)
    sharing.export_share(a.d, tmp_path / "again.age", [ids["jiang"]], to=["bob"])
    backend.adopt(b.d)
    imp = share_dialogs.open_share_import(None, backend)
    qtbot.addWidget(imp)
    imp.path.setText(str(tmp_path / "again.age"))
    imp.check.click()
    _idle(qtbot, backend, imp)
    assert "not a contact you verified in person" in imp.summary.text()
    assert imp.conflicts.rowCount() == 1
    assert imp.conflicts.cellWidget(0, 2).currentData() == "both"
    imp.import_button.click()
    _idle(qtbot, backend, imp)
    assert b.d.get_case(ids["jiang"]).summary != "Alice's later words"
