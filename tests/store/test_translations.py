"""Versions by language are kept with their records: store, JSON, spreadsheet, Uwazi,
share hashes, search and the packet."""

from __future__ import annotations

import dataclasses

from dossier.core.model import Case, Event, Source
from dossier.interchange import json_format
from dossier.services import transfer
from dossier.share.units import content_hash

ZH_NOTE = "被天津警方以“指定居所监视居住”名义羁押。"


def _case() -> Case:
    return Case(
        name="Example Person",
        summary="A lawyer held since 2015.",
        translations={"summary": {"zh": "一名自2015年起被羁押的律师。"}},
        events=[
            Event(
                type="rsdl",
                date="2015-08",
                note="Held under RSDL.",
                place="Tianjin",
                translations={"note": {"zh": ZH_NOTE}, "place": {"zh": "天津"}},
            )
        ],
    )


def test_store_json_and_search_keep_them(dossier):
    c = dossier.add_case(_case())
    got = dossier.get_case(c.id)
    assert got.translations == {"summary": {"zh": "一名自2015年起被羁押的律师。"}}
    assert got.events[0].translations["note"]["zh"] == ZH_NOTE
    doc = json_format.dump(transfer.export_bundle(dossier, None, None))
    assert doc["cases"][0]["events"][0]["translations"]["place"] == {"zh": "天津"}
    back = json_format.load(doc)
    assert back.cases[0].events[0].translations == got.events[0].translations
    assert [h.case_id for h in dossier.search("指定居所监视居住")] == [c.id]


def test_hash_unchanged_without_versions_and_changed_with_them():
    bare = Event(type="rsdl", date="2015-08", note="Held.")
    assert (
        "translations"
        not in json_format.dump(
            json_format.Bundle(
                cases=[
                    Case(
                        id="9f5b6f3e-8f5e-4f8e-9a55-5d6f1c1e2a77",
                        name="N",
                        events=[
                            dataclasses.replace(bare, id="1f5b6f3e-8f5e-4f8e-9a55-5d6f1c1e2a77")
                        ],
                    )
                ]
            )
        )["cases"][0]
    )
    with_zh = dataclasses.replace(bare, translations={"note": {"zh": "被羁押。"}})
    assert content_hash(bare) != content_hash(with_zh)
    src = Source(title="T")
    assert content_hash(src) == content_hash(dataclasses.replace(src, translations={}))


def test_spreadsheet_columns(dossier, tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "姓名,事件,日期,备注,备注_中文,地点_英文\n"
        "Example Person,刑事拘留,2020-02-15,Detained.,被刑事拘留。,Beijing\n",
        encoding="utf-8",
    )
    transfer.import_file(dossier, sheet)
    case = dossier.get_case(dossier.all_case_ids()[0])
    assert case.events[0].translations == {
        "note": {"zh": "被刑事拘留。"},
        "place": {"en": "Beijing"},
    }


def test_uwazi_multilingual_columns(dossier, tmp_path):
    dossier.add_case(_case())
    transfer.export_uwazi(dossier, tmp_path / "u", None, None)
    head = (tmp_path / "u" / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "note__zh" in head and "place__zh" in head
    assert "summary__zh" in (tmp_path / "u" / "cases.csv").read_text(encoding="utf-8")
    from dossier.services.dossier import Dossier
    from tests.conftest import PASSPHRASE

    other = Dossier.create(tmp_path / "o.db", PASSPHRASE)
    try:
        transfer.import_uwazi(other, tmp_path / "u")
        got = other.get_case(other.all_case_ids()[0])
        assert got.events[0].translations["note"]["zh"] == ZH_NOTE
        assert got.translations["summary"]["zh"] == "一名自2015年起被羁押的律师。"
    finally:
        other.close()
