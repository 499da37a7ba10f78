"""Issue #14 item 2: the inverse operations that make a spreadsheet import and attaching
files undoable (services/undoing.py). An undo puts the store back exactly as it was —
every case with its events, every source, the counts — and a redo exactly as the import
left it; the derived tables stay true throughout."""

from __future__ import annotations

import csv

from dossier.core.model import Case, Event, Name, Source
from dossier.services import undoing

from .test_changes import derived_tables_are_true


def _snapshot(d) -> dict:
    """Everything an import can touch, comparable (history aside: it records the undo)."""
    cases = {cid: d.get_case(cid) for cid in d.all_case_ids()}
    return {
        "counts": (d.case_count(), d.event_count(), d.source_count()),
        "cases": {cid: repr(c) for cid, c in cases.items()},
        "sources": {sid: repr(s) for sid, s in d.sources().items()},
    }


def _sheet(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case", "tags", "event_type", "date", "note", "source_title"])
        w.writerows(rows)


def _store_with_a_case(d) -> Case:
    case = d.add_case(
        Case(
            name="Wang Quanzhang",
            names=[Name(value="王全璋", lang="zh")],
            tags=["lawyers"],
            events=[Event(type="detention", date="2015-08-03")],
        )
    )
    d.add_source(Source(title="Older statement"))
    return case


def test_undo_of_a_spreadsheet_import_puts_the_store_back_exactly(dossier, tmp_path):
    d = dossier
    _store_with_a_case(d)
    sheet = tmp_path / "cases.csv"
    _sheet(
        sheet,
        [
            ["Zhang Zhan", "journalists", "detention", "2020-05-14", "Wuhan", "New report"],
            ["Zhang Zhan", "journalists", "trial", "2020-12-28", "", "New report"],
            ["Wang Quanzhang", "709", "release", "2020-04-05", "home", "Older statement"],
        ],
    )
    before = _snapshot(d)
    report, record = undoing.import_file(d, sheet)
    assert record is not None and report.cases_added == 1 and report.events_added == 3
    assert [c.name for c in record.new_cases] == ["Zhang Zhan"]
    assert [s.title for s in record.new_sources] == ["New report"]
    assert [e.type for e in record.added_events] == ["release"]
    after = _snapshot(d)
    assert after != before

    with d.recording() as rec:
        undoing.undo_import(d, record)
    assert rec.changes.cases >= {c.id for c in record.new_cases}
    assert _snapshot(d) == before
    derived_tables_are_true(d)

    undoing.redo_import(d, record)
    assert _snapshot(d) == after
    derived_tables_are_true(d)
    undoing.undo_import(d, record)
    assert _snapshot(d) == before


def test_a_json_import_is_undone_too(dossier, tmp_path):
    from dossier.services import transfer

    d = dossier
    _store_with_a_case(d)
    bundle = tmp_path / "cases.json"
    bundle.write_bytes(transfer.export_json(d, None, None))
    for cid in d.all_case_ids():
        d.delete_case(cid)
    before = _snapshot(d)
    _report, record = undoing.import_file(d, bundle)
    assert record is not None and len(record.new_cases) == 1
    undoing.undo_import(d, record)
    assert _snapshot(d) == before


def test_attach_and_detach_exactly_those_files(dossier, tmp_path):
    d = dossier
    src = d.add_source(Source(title="Family statement"))
    kept = tmp_path / "kept.txt"
    kept.write_text("already there", encoding="utf-8")
    d.add_attachment(src.id, kept)
    files = []
    for name in ("a.txt", "b.txt"):
        f = tmp_path / name
        f.write_text(name, encoding="utf-8")
        files.append(f)
    atts = undoing.attach(d, src.id, files)
    assert sorted(a.filename for a in d.get_source(src.id).attachments) == [
        "a.txt",
        "b.txt",
        "kept.txt",
    ]
    undoing.detach(d, [a.id for a in atts])
    assert [a.filename for a in d.get_source(src.id).attachments] == ["kept.txt"]
