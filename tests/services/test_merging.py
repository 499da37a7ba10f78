"""Issue #17 item 12: finding duplicates inside one store, merging two cases (one
transaction, everything united, conflicts chosen per field), undoing a merge exactly."""

from __future__ import annotations

import pytest

from dossier.core.errors import UsageError
from dossier.core.model import Ask, Case, Event, Name, Relation, Source
from dossier.services import merging


def _two(d):
    src = d.add_source(Source(title="RFA report", url="https://www.rfa.org/x"))
    a = d.add_case(
        Case(
            name="Wang Quanzhang",
            names=[Name("王全璋", "zh-Hans")],
            tags=["lawyers"],
            summary="A lawyer.",
            birth_year="1976",
        )
    )
    b = d.add_case(
        Case(
            name="Wang Quan-zhang",
            tags=["709"],
            summary="Human rights lawyer.",
            occupation="lawyer",
            sensitivity="restricted",
            asks=[Ask(text="Release him")],
            relations=[Relation(name="Li Wenzu", relation="spouse")],
        )
    )
    d.add_event(a.id, Event(type="disappearance", date="2015-08-03"))
    d.add_event(b.id, Event(type="detention", date="2016-01-10", source_ids=[src.id]))
    third = d.add_case(
        Case(
            name="Li Wenzu",
            relations=[Relation(name="Wang Quan-zhang", relation="spouse", other_case_id=b.id)],
        )
    )
    return a, b, third, src


def test_find_duplicates_inside_one_store(dossier):
    a, b, *_ = _two(dossier)
    dossier.add_case(Case(name="Quanzhang WANG"))
    dossier.add_case(Case(name="Liu Xia"))
    pairs = {frozenset((p.incoming_id, p.local_id)) for p in merging.find_duplicates(dossier)}
    assert frozenset((a.id, b.id)) in pairs
    assert all(len(p) == 2 for p in pairs) and len(pairs) == 3  # the three Wangs, no Liu Xia


def test_plan_shows_conflicts_side_by_side(dossier):
    a, b, *_ = _two(dossier)
    p = merging.plan_merge(dossier, a.id, b.id)
    by = {c.field: c for c in p.conflicts}
    assert set(by) == {"name", "summary", "sensitivity"}
    assert (by["summary"].a, by["summary"].b) == ("A lawyer.", "Human rights lawyer.")
    assert by["sensitivity"].choice == "B"  # unchosen: the stricter one
    assert {c.field for c in p.undecided} == {"name", "summary"}
    assert p.merged.occupation == "lawyer" and p.merged.birth_year == "1976"  # one side only: kept


def test_merge_unites_everything_and_undo_restores_exactly(dossier):
    a, b, third, src = _two(dossier)
    before = (dossier.get_case(a.id), dossier.get_case(b.id), dossier.get_case(third.id))
    n_cases = dossier.case_count()
    with pytest.raises(UsageError, match="summary"):
        merging.merge_cases(dossier, a.id, b.id)
    assert dossier.case_count() == n_cases  # nothing written
    res = merging.merge_cases(dossier, a.id, b.id, {"name": "A", "summary": "B"})
    m = dossier.get_case(a.id)
    assert dossier.case_count() == n_cases - 1
    assert m.summary == "Human rights lawyer." and m.name == "Wang Quanzhang"
    assert m.sensitivity == "restricted" and m.occupation == "lawyer"
    assert {n.value for n in m.names} >= {"王全璋", "Wang Quan-zhang"}
    assert m.tags == ["709", "lawyers"]
    assert [e.type for e in m.events] == ["disappearance", "detention"]
    assert m.events[1].source_ids == [src.id]
    assert [x.text for x in m.asks] == ["Release him"] and m.asks[0].case_id == a.id
    assert [r.name for r in m.relations] == ["Li Wenzu"]
    assert dossier.get_case(third.id).relations[0].other_case_id == a.id
    assert merging.merged_ids(dossier) == {b.id: a.id}
    assert dossier.resolve_case("Wang Quan-zhang") == a.id  # the old name still finds him
    assert {h.case_id for h in dossier.search("Quan-zhang")} == {a.id}

    merging.unmerge(dossier, res)
    after = (dossier.get_case(a.id), dossier.get_case(b.id), dossier.get_case(third.id))
    for x, y in zip(before, after, strict=True):
        x.updated = y.updated = ""
        assert x == y
    assert merging.merged_ids(dossier) == {}
    assert dossier.case_count() == n_cases


def test_merge_chains_follow_to_the_last_survivor(dossier):
    a = dossier.add_case(Case(name="A"))
    b = dossier.add_case(Case(name="A"))
    c = dossier.add_case(Case(name="A"))
    merging.merge_cases(dossier, b.id, c.id)
    merging.merge_cases(dossier, a.id, b.id)
    assert merging.merged_ids(dossier) == {b.id: a.id, c.id: a.id}


def test_a_case_is_not_merged_with_itself(dossier):
    a = dossier.add_case(Case(name="A"))
    with pytest.raises(UsageError):
        merging.merge_cases(dossier, a.id, a.id)
