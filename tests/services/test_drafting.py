"""Accepting drafts: one write (source + attachment, new cases, events on matched
cases, every event citing the source), all or nothing, and undone in one write."""

from __future__ import annotations

import pytest

from dossier.core.errors import ValidationError
from dossier.core.model import Case, Event, Name
from dossier.services import drafting

TEXT = """Statement on Zhou Lanfeng and Gao Yiming

12 March 2024

Lawyer Zhou Lanfeng (周岚峰) was detained on 14 September 2022. He was formally arrested on 27 March 2023.
Labour activist Gao Yiming was criminally detained on 2 November 2022. His lawyers have been denied access to him.
We call for their release.
"""


@pytest.fixture
def with_zhou(dossier):
    case = Case(name="Zhou Lan-feng", events=[Event(type="detention", date="2022-09")])
    dossier.add_case(case)
    return dossier, case.id


def _counts(d) -> tuple[int, int, int]:
    return d.case_count(), d.event_count(), d.source_count()


def test_draft_matches_existing_case_and_apply_writes_once(with_zhou):
    d, zhou_id = with_zhou
    draft = drafting.draft_statement(d, TEXT)
    assert draft.statement_date == "2024-03-12"
    by_name = {c.name: c for c in draft.cases}
    assert by_name["Zhou Lanfeng"].match_id == zhou_id
    assert by_name["Gao Yiming"].is_new
    before = _counts(d)
    generation = d.store.generation
    p = drafting.plan(draft, title="Joint statement, 12 March 2024")
    assert [s.event_type for s in p.skipped] == ["lawyer_denied"]  # no date: listed, not written
    drafting.apply(d, p)
    assert d.store.generation == generation + 1  # one transaction
    assert _counts(d) == (before[0] + 1, before[1] + 3, before[2] + 1)
    src = d.get_source(p.source.id)
    assert src.date == "2024-03-12" and src.attachments[0].filename == "statement.txt"
    assert d.attachment_bytes(src.attachments[0].id).decode("utf-8") == TEXT
    zhou = d.get_case(zhou_id)
    added = [e for e in zhou.events if p.source.id in e.source_ids]
    assert [(e.type, e.date) for e in added] == [
        ("detention", "2022-09-14"),
        ("arrest", "2023-03-27"),
    ]
    assert "周岚峰" in [n.value for n in zhou.names]
    assert added[0].note.startswith("«Lawyer Zhou Lanfeng")
    gao = d.get_case(p.new_cases[0].id)
    assert [(e.type, e.date, e.source_ids) for e in gao.events] == [
        ("detention", "2022-11-02", [p.source.id])
    ]

    drafting.revert(d, p)
    assert _counts(d) == before
    assert [n.value for n in d.get_case(zhou_id).names] == []
    drafting.apply(d, p)  # redo: the same records again
    assert _counts(d) == (before[0] + 1, before[1] + 3, before[2] + 1)


def test_a_bad_draft_writes_nothing(with_zhou):
    d, _ = with_zhou
    draft = drafting.draft_statement(d, TEXT)
    draft.cases[0].events[0].date = "14 Sept"  # edited badly in the review
    before, generation = _counts(d), d.store.generation
    with pytest.raises(ValidationError, match="draft event"):
        drafting.plan(draft, title="x")
    with pytest.raises(ValidationError, match="title"):
        drafting.plan(draft, title=" ")
    assert (_counts(d), d.store.generation) == (before, generation)


def test_failure_inside_the_write_rolls_everything_back(with_zhou, monkeypatch):
    d, _ = with_zhou
    p = drafting.plan(drafting.draft_statement(d, TEXT), title="t")
    p.new_cases[0].id = d.all_case_ids()[0]  # collides with an existing case: refused mid-write
    before = _counts(d)
    with pytest.raises(ValidationError, match="already exists"):
        drafting.apply(d, p)
    assert _counts(d) == before


def test_nothing_to_write_is_refused(dossier):
    draft = drafting.draft_statement(dossier, "The weather was fine. 今天天气很好。")
    assert draft.cases == [] and len(draft.not_used) == 2
    with pytest.raises(ValidationError, match="nothing to write"):
        drafting.plan(draft, title="t")


def test_known_cases_include_every_name(dossier):
    dossier.add_case(Case(name="Wanqing Xu", names=[Name("徐婉清", "zh-Hans")]))
    (k,) = drafting.known_cases(dossier)
    assert k.names == ("徐婉清",)
