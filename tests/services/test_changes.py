"""Issue #14 item 1: every write says what it changed, and the derived tables (search
index, facts cache) stay true because the store's unit of work keeps them, not callers.

`derived_tables_are_true` rebuilds the index and the cache from the records and
compares: it is run after every kind of write the services make.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from dossier.core.changes import Changes
from dossier.core.errors import ValidationError
from dossier.core.model import Case, Event, Name, Relation, Source
from dossier.services import drafting, merging, transfer
from dossier.store import facts_cache, repo, search

STATEMENT = """Statement on Zhou Lanfeng

12 March 2024

Lawyer Zhou Lanfeng (周岚峰) was detained on 14 September 2022. He was formally arrested on 27 March 2023.
"""


def derived_tables_are_true(d) -> None:
    """The index and the cache hold exactly what a rebuild from the records would."""
    today = date.today()
    with d.store.read() as s:
        ids = list(s.execute(text("SELECT id FROM cases")).scalars())
        want_rows, want_names = set(), set()
        for cid in ids:
            c = repo.get_case(s, cid)
            want_names.add((search.name_text(c), cid))
            want_rows |= {(r["t"], r["c"], r["k"], r["r"]) for r in search._rows_for_case(c)}
        for src in repo.get_sources(s).values():
            body = " · ".join(
                p
                for p in (
                    src.title,
                    src.publisher,
                    src.note,
                    *search._versions(src, "title"),
                    *search._versions(src, "note"),
                )
                if p
            )
            want_rows.add((body, None, "source", src.id))
        have_rows = set(
            s.execute(text("SELECT text, case_id, kind, ref_id FROM search_index")).all()
        )
        have_names = set(s.execute(text("SELECT text, case_id FROM name_index")).all())
        assert have_rows == want_rows
        assert have_names == want_names
        cached = dict(
            s.execute(
                text("SELECT case_id, data FROM facts_cache WHERE as_of = :d"), {"d": str(today)}
            ).all()
        )
        assert set(cached) == set(ids)
        evs = facts_cache.events_by_case(s, ids)
        for cid in ids:
            assert json.loads(cached[cid]) == facts_cache.facts_json(evs.get(cid, []), today)


def recorded(d, fn):
    with d.recording() as rec:
        value = fn()
    return value, rec.changes


def test_each_edit_names_what_it_changed_and_keeps_index_and_cache_true(dossier):
    d = dossier
    src, ch = recorded(d, lambda: d.add_source(Source(title="HRIC report, April 2018")))
    assert ch == Changes(sources=frozenset({src.id}))
    case, ch = recorded(d, lambda: d.add_case(Case(name="Wang Quanzhang")))
    assert ch.cases == {case.id} and not ch.removed_cases and not ch.sources
    derived_tables_are_true(d)

    ev, ch = recorded(
        d,
        lambda: d.add_event(
            case.id, Event(type="disappearance", date="2015-08-03", source_ids=[src.id])
        ),
    )
    assert ch.cases == {case.id}
    assert d.facts(case.id).whereabouts == "unknown"
    derived_tables_are_true(d)

    ev.note = "Taken from his home in Beijing"
    _, ch = recorded(d, lambda: d.update_event(ev))
    assert ch.cases == {case.id}
    assert any(h.ref_id == ev.id for h in d.search("Beijing"))
    derived_tables_are_true(d)

    _, ch = recorded(d, lambda: d.delete_event(ev.id))
    assert ch.cases == {case.id}
    assert not any(h.ref_id == ev.id for h in d.search("Beijing"))
    derived_tables_are_true(d)

    case.names = [Name("王全璋", "zh-Hans")]
    _, ch = recorded(d, lambda: d.update_case(case))
    assert ch.cases == {case.id}
    assert any(h.case_id == case.id for h in d.search("王全璋"))
    derived_tables_are_true(d)

    whole, ch = recorded(d, lambda: d.delete_case(case.id))
    assert ch.cases == ch.removed_cases == {case.id}
    assert not d.search("王全璋")
    derived_tables_are_true(d)
    _, ch = recorded(d, lambda: d.restore_case(whole))
    assert ch.cases == {case.id} and not ch.removed_cases
    derived_tables_are_true(d)

    src.title = "HRIC, updated"
    _, ch = recorded(d, lambda: d.update_source(src))
    assert ch.sources == {src.id}
    assert any(h.ref_id == src.id for h in d.search("updated"))
    gone, ch = recorded(d, lambda: d.delete_source(src.id))
    assert ch.sources == {src.id}
    assert not any(h.ref_id == src.id for h in d.search("updated"))
    derived_tables_are_true(d)
    recorded(d, lambda: d.restore_source(gone))
    derived_tables_are_true(d)


def test_attachments_and_settings_are_named(dossier, tmp_path):
    d = dossier
    src = d.add_source(Source(title="Verdict scan"))
    f = tmp_path / "verdict.txt"
    f.write_text("判决书")
    att, ch = recorded(d, lambda: d.add_attachment(src.id, f))
    assert ch.attachments == {att.id} and ch.sources == {src.id}
    (_, body), ch = recorded(d, lambda: d.delete_attachment(att.id))
    assert ch.attachments == {att.id} and body == "判决书".encode()
    _, ch = recorded(d, lambda: d.set_opens_as_of(date(2018, 2, 5)))
    assert ch == Changes(settings=True)


def test_a_failed_write_changes_nothing_and_reports_nothing(dossier):
    d = dossier
    case = d.add_case(Case(name="Li Heping"))
    with d.recording() as rec, pytest.raises(ValidationError):
        d.add_case(Case(id=case.id, name="Li Heping again"))
    assert not rec.changes
    derived_tables_are_true(d)


def test_merge_unmerge_draft_and_import_keep_derived_tables_true(dossier, tmp_path):
    d = dossier
    a = d.add_case(Case(name="Wang Quanzhang", events=[Event(type="detention", date="2015-08")]))
    b = d.add_case(Case(name="Wang Quan-zhang", events=[Event(type="arrest", date="2016-01-10")]))
    c = d.add_case(
        Case(name="Li Wenzu", relations=[Relation(name="W", relation="spouse", other_case_id=b.id)])
    )
    res, ch = recorded(d, lambda: merging.merge_cases(d, a.id, b.id, {"name": "A"}))
    assert {a.id, b.id, c.id} <= ch.cases and ch.removed_cases == {b.id}
    derived_tables_are_true(d)
    _, ch = recorded(d, lambda: merging.unmerge(d, res))
    assert {a.id, b.id} <= ch.cases and not ch.removed_cases
    derived_tables_are_true(d)

    p = drafting.plan(drafting.draft_statement(d, STATEMENT), title="Statement")
    p, ch = recorded(d, lambda: drafting.apply(d, p))
    assert set(p.case_ids()) <= ch.cases and p.source.id in ch.sources
    derived_tables_are_true(d)
    _, ch = recorded(d, lambda: drafting.revert(d, p))
    derived_tables_are_true(d)

    bundle = transfer.export_json(d, None, None)
    other = tmp_path / "cases.json"
    other.write_bytes(bundle)
    for cid in d.all_case_ids():
        d.delete_case(cid)
    rep, ch = recorded(d, lambda: transfer.import_file(d, other))
    assert rep.cases_added == len(ch.cases) > 0
    derived_tables_are_true(d)


def test_changes_combine_and_a_case_put_back_is_no_longer_removed():
    removed = Changes(cases=frozenset({"a"}), removed_cases=frozenset({"a"}))
    back = Changes(cases=frozenset({"a"}))
    assert (removed | back).removed_cases == frozenset()
    assert (back | removed).removed_cases == {"a"}
    assert not Changes() and Changes(settings=True)
    assert (Changes.of_cases(["x"]) | Changes(people=True)).describe() == "1 cases, people"
