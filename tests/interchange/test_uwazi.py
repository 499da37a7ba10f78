"""Uwazi CSV both ways (issue #15, item 5): Dossier's own export round-trips exactly, a
sheet written the way Uwazi users write one imports, and bad cells are named by file,
row and column with the store left as it was."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dossier.core.errors import ValidationError
from dossier.interchange import uwazi
from dossier.services import transfer
from dossier.services.dossier import Dossier
from tests.conftest import PASSPHRASE


def _comparable(d: Dossier) -> list[dict]:
    """Every case with its events, sources and asks, without edit times."""
    bundle = transfer.export_bundle(d, None, None)
    out = []
    for c in sorted(bundle.cases, key=lambda c: c.id):
        doc = dataclasses.asdict(c)
        for k in ("created", "updated"):
            doc.pop(k)
        for e in doc["events"]:
            e.pop("created"), e.pop("updated")
        for a in doc["asks"]:
            a.pop("created")
        out.append(doc)
    srcs = sorted((dataclasses.asdict(s) for s in bundle.sources), key=lambda s: s["id"])
    for s in srcs:
        s.pop("created"), s.pop("updated")
    return out + srcs


def test_export_then_import_is_exact(demo_dossier, tmp_path):
    folder = tmp_path / "uwazi"
    paths = transfer.export_uwazi(demo_dossier, folder, None, None)
    assert sorted(p.name for p in paths) == ["cases.csv", "events.csv", "sources.csv"]
    head = (folder / "events.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert head[0] == "title" and "case" in head and "date_edtf" in head
    other = Dossier.create(tmp_path / "other.db", PASSPHRASE)
    try:
        rep = transfer.import_uwazi(other, folder)
        assert rep.cases_added == len(demo_dossier.all_case_ids())
        assert _comparable(other) == _comparable(demo_dossier)
        again = transfer.import_uwazi(other, folder)  # same ids: nothing new
        assert again.cases_added == 0 and again.skipped > 0
    finally:
        other.close()


def test_vague_dates_travel_as_uwazi_ranges():
    assert uwazi.uwazi_date("2015-07-09") == "2015/07/09"
    assert uwazi.uwazi_date("2015-07") == "2015/07/01:2015/07/31"
    assert uwazi.uwazi_date("2018") == "2018/01/01:2018/12/31"
    assert uwazi.uwazi_date("2015/..") == "2015/01/01:"


UWAZI_CASES = """Title,Tags,Gender,Occupation
Example Person A,lawyers|709,male,lawyer
Example Person B,,female,
"""
UWAZI_EVENTS = """Title,Case,Event Type,Date,Place,Charges
A detained,Example Person A,Criminal detention,2015/07/01:2015/07/31,Tianjin,Inciting subversion of state power|Picking quarrels and provoking trouble
A released,Example Person A,Release,"January 15, 2019",,
B disappeared,Example Person B,被迫失踪,2016/01/01:2016/12/31,,
"""


def _write(folder: Path, **tables: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def test_a_sheet_written_in_uwazi_imports(dossier, tmp_path):
    folder = _write(tmp_path / "u", cases=UWAZI_CASES, events=UWAZI_EVENTS)
    rep = transfer.import_uwazi(dossier, folder)
    assert (rep.cases_added, rep.events_added) == (2, 3)
    a = next(
        c for c in transfer.export_bundle(dossier, None, None).cases if c.name == "Example Person A"
    )
    assert sorted(a.tags) == ["709", "lawyers"] and a.occupation == "lawyer"
    detained, released = sorted(a.events, key=lambda e: e.seq)
    assert (detained.type, detained.date, detained.place) == ("detention", "2015-07", "Tianjin")
    assert detained.charges == ["inciting_subversion", "picking_quarrels"]
    assert (released.type, released.date) == ("release", "2019-01-15")
    b = next(
        c for c in transfer.export_bundle(dossier, None, None).cases if c.name == "Example Person B"
    )
    assert [(e.type, e.date) for e in b.events] == [("disappearance", "2016")]


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (
            "Title,Case,Event Type,Date\nx,Example Person A,Criminal detention,2015/13/40\n",
            "events.csv row 2, column date: '2015/13/40' is not a date",
        ),
        (
            "Title,Case,Event Type,Date\nx,Example Person A,Tea with police,2015/01/01\n",
            "events.csv row 2, column event_type: 'Tea with police' is not an event type",
        ),
        (
            "Title,Case,Event Type,Date\nx,Nobody,Release,2015/01/01\n",
            "events.csv row 2, column case: no person titled 'Nobody'",
        ),
    ],
)
def test_bad_cells_are_named_and_nothing_is_written(dossier, tmp_path, events, message):
    folder = _write(tmp_path / "bad", cases=UWAZI_CASES, events=events)
    before = dossier.all_case_ids()
    with pytest.raises(ValidationError) as err:
        transfer.import_uwazi(dossier, folder)
    assert message in str(err.value)
    assert dossier.all_case_ids() == before


def test_export_is_redacted_for_the_audience(demo_dossier, tmp_path):
    from dossier.services import dossier as _  # noqa: F401  (the demo holds public records)

    bundle = transfer.export_bundle(demo_dossier, None, None)
    case = bundle.cases[0]
    demo_dossier.update_case(dataclasses.replace(case, sensitivity="confidential"))
    transfer.export_uwazi(demo_dossier, tmp_path / "pub", None, "diplomatic")
    text = (tmp_path / "pub" / "cases.csv").read_text(encoding="utf-8")
    assert case.id not in text and case.name not in text.split("\n", 1)[1]


def test_a_separator_inside_a_value_is_refused_on_export():
    doc = {
        "cases": [
            {
                "id": "x",
                "name": "N",
                "names": [],
                "tags": ["a|b"],
                "asks": [],
                "relations": [],
                "events": [],
            }
        ],
        "sources": [],
    }
    with pytest.raises(ValidationError, match="Uwazi reads as a separator"):
        uwazi.export_tables(doc)


def test_no_cases_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValidationError, match="no cases.csv"):
        uwazi.read_folder(tmp_path)


def test_huridocs_terms_travel_beside_event_types(tmp_path):
    doc = {
        "cases": [
            {
                "id": "c",
                "name": "N",
                "names": [],
                "tags": [],
                "asks": [],
                "relations": [],
                "events": [
                    {
                        "id": "e",
                        "type": "travel_ban",
                        "date": "2019",
                        "end": None,
                        "charges": [],
                        "source_ids": [],
                    }
                ],
            }
        ],
        "sources": [],
    }
    events = uwazi.export_tables(doc)["events.csv"]
    assert "MT4 05.01.06 Restriction on travel" in events
