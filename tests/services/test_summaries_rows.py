"""The case list's light rows (Dossier.list_rows): the same cases and facts as
summaries(), fetched in chunks, derived a slice at a time for another day, and
stoppable midway by a superseded job."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core.model import Case, Event, Name
from dossier.services import summaries
from dossier.services.demo import build_demo
from dossier.services.summaries import ListRow
from dossier.store import search

PAST = date(2018, 2, 3)


class Stop(Exception):
    pass


@pytest.fixture
def demo(dossier):
    build_demo(dossier)
    dossier.add_case(Case(name="Zero Facts", names=[Name("无事", "zh-Hans")], tags=["b", "a"]))
    return dossier


def same(rows: list[ListRow], sums) -> None:
    """Rows equal the summaries they stand for (facts without the segments)."""
    assert [r.id for r in rows] == [s.id for s in sums]
    for r, s in zip(rows, sums, strict=True):
        want = ListRow.from_summary(s)
        assert r == want
        assert r.tags == s.tags and r.native_name == s.native_name


@pytest.mark.parametrize("day", [None, PAST, date(2015, 9, 1)])
def test_rows_match_summaries_on_any_day(demo, day):
    same(demo.list_rows(day), demo.summaries(as_of=day))


@pytest.mark.parametrize(
    "filters",
    [
        {"status": "disappeared"},
        {"status": "house_arrest"},
        {"tag": "lawyers"},
        {"alert": "no_lawyer_access"},
        {"alert": "disappeared_over_limit"},
        {"query": "王全"},
        {"query": "Tashi"},
        {"tag": "lawyers", "alert": "no_lawyer_access"},
    ],
)
@pytest.mark.parametrize("day", [None, PAST])
def test_filters_match_summaries(demo, filters, day):
    same(demo.list_rows(day, **filters), demo.summaries(as_of=day, **filters))


def test_first_page_and_id_subsets(demo, monkeypatch):
    everyone = demo.list_rows()
    assert [r.id for r in demo.list_rows(limit=2)] == [r.id for r in everyone[:2]]
    some = [everyone[3].id, everyone[0].id]
    assert [r.id for r in demo.list_rows(case_ids=some)] == [everyone[0].id, everyone[3].id]
    monkeypatch.setattr(summaries, "SMALL_SET", 1)  # the whole-table path, filtered here
    assert [r.id for r in demo.list_rows(case_ids=some)] == [everyone[0].id, everyone[3].id]
    assert demo.list_rows(case_ids=[]) == []


def test_tags_and_native_name_of_a_row(demo):
    row = next(r for r in demo.list_rows() if r.name == "Zero Facts")
    assert row.tags == ["a", "b"] and row.native_name == "无事"
    assert row.status == "unknown" and row.facts.alerts == ()


def test_rows_are_fetched_in_chunks_and_check_runs_between(demo, monkeypatch):
    monkeypatch.setattr(summaries, "FETCH_CHUNK", 2)
    calls = []
    rows = demo.list_rows(check=lambda: calls.append(1))
    assert len(rows) == 6 and len(calls) >= 3


def test_another_day_is_derived_in_slices_screen_first_and_stops_early(demo, monkeypatch):
    monkeypatch.setattr(summaries, "DERIVE_CHUNK", 2)
    everyone = demo.list_rows(PAST)
    last = everyone[-1].id
    slices: list[list[str]] = []
    rows = demo.list_rows(PAST, first=[last], on_chunk=lambda rs: slices.append([r.id for r in rs]))
    assert rows == everyone
    # the day's facts were cached by the first call: nothing left to derive
    assert slices == []
    demo.add_case(Case(name="New"))  # a write: the cached day is forgotten
    rows = demo.list_rows(PAST, first=[last], on_chunk=lambda rs: slices.append([r.id for r in rs]))
    assert slices[0][0] == last  # the rows on screen come first
    assert sorted(i for s in slices for i in s) == sorted(r.id for r in rows)

    demo.add_case(Case(name="Newer"))
    checks = []

    def check() -> None:
        checks.append(1)
        if len(slices) >= 1:
            raise Stop()

    slices.clear()
    with pytest.raises(Stop):
        demo.list_rows(PAST, check=check, on_chunk=lambda rs: slices.append([r.id for r in rs]))
    assert len(slices) == 1  # stopped after one slice of 2 out of 8 cases
    # the next job resumes: only the cases not derived yet are derived
    rest: list[list[str]] = []
    demo.list_rows(PAST, on_chunk=lambda rs: rest.append([r.id for r in rs]))
    assert sum(map(len, rest)) == len(demo.all_case_ids()) - 2


def test_case_ids_matching_and_a_stopped_query(demo, monkeypatch):
    assert {s.id for s in demo.summaries(query="Wang")} == demo.matching_case_ids("Wang")
    assert demo.matching_case_ids("   ") == set()
    assert len(demo.matching_case_ids("刘霞")) == 1  # a two-character name: the LIKE path

    def stop() -> None:
        raise Stop()

    demo.add_event(demo.all_case_ids()[0], Event(type="other", date="2019-01-01", note="a note"))
    monkeypatch.setattr(search, "PROGRESS_STEPS", 1)  # SQLite asks at every step
    with pytest.raises(Stop):
        demo.matching_case_ids("note", check=stop)
    assert demo.matching_case_ids("note", check=lambda: None)  # a check that lets it run
