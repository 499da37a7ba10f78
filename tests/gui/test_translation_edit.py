"""The editors show a narrative field's version in the other language beside the text as
typed (issue #15, item 1), and keep every other version a record holds."""

from __future__ import annotations

from dossier.core.model import Event
from dossier.gui.widgets.translation_edit import TranslationEdit, merged


def test_offers_the_other_language_and_keeps_both(qtbot):
    box = TranslationEdit(multiline=True)
    qtbot.addWidget(box)
    box.load(None, "Taken from his home by police.")
    assert box.lang_box.currentData() == "zh"
    box.edit.setPlainText("被警方从家中带走。")
    box.lang_box.setCurrentIndex(box.lang_box.findData("en"))
    box.edit.setPlainText("Taken away by police.")
    assert box.versions() == {"zh": "被警方从家中带走。", "en": "Taken away by police."}
    box.load(None, "被警方带走。")
    assert box.lang_box.currentData() == "en" and box.versions() == {}


def test_merged_replaces_one_field_only():
    t = {"note": {"zh": "旧"}, "place": {"zh": "北京"}}
    assert merged(t, "note", {"zh": "新"}) == {"note": {"zh": "新"}, "place": {"zh": "北京"}}
    assert merged(t, "note", {}) == {"place": {"zh": "北京"}}


def test_event_editor_round_trips_versions(qtbot, backend, demo_store):
    from PySide6.QtGui import QUndoStack

    from dossier.gui.dialogs.event_editor import EventEditor
    from dossier.services.dossier import Dossier
    from tests.gui.conftest import DEMO_PASSPHRASE

    backend.adopt(Dossier.open(demo_store, DEMO_PASSPHRASE))
    ev = Event(
        case_id="c",
        type="detention",
        date="2015-07-09",
        place="Beijing",
        note="Held.",
        translations={"note": {"zh": "被羁押。"}, "place": {"zh": "北京"}},
    )
    dlg = EventEditor(None, backend, QUndoStack(), case_id="c", event=ev)
    qtbot.addWidget(dlg)
    assert dlg.note_tr.edit.toPlainText() == "被羁押。" and dlg.place_tr.edit.text() == "北京"
    dlg.authority_edit.setText("Tianjin PSB")
    dlg.authority_tr.edit.setText("天津市公安局")
    out = dlg.value()
    assert out.translations == {
        "authority": {"zh": "天津市公安局"},
        "note": {"zh": "被羁押。"},
        "place": {"zh": "北京"},
    }
