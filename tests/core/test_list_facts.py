"""The list's typed facts (core.facts.ListFacts) say what derive() says, over
generated timelines: the fast path without segments, the SQL columns and back, the
JSON facts of older stores and back, and the derive processes' rows."""

from __future__ import annotations

import json

from hypothesis import given, settings

from dossier.core import derive_worker
from dossier.core.facts import ListFacts
from dossier.core.timeline import derive, list_facts

from .test_timeline_model_properties import cases, days

SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(cases, days, days)
def test_list_facts_equal_derives_facts_for_the_same_day(events, as_of, known_on) -> None:
    full = derive(events, as_of)
    fast = list_facts(events, as_of)
    assert fast == ListFacts.of(full)
    assert fast.status == full.status and fast.stage == full.stage
    assert [a.rule for a in fast.alerts] == [a.rule for a in full.alerts]
    assert fast.days_in_custody == full.days_in_custody
    assert fast.custody_since == full.custody_since
    assert list_facts(events, as_of, known_on) == ListFacts.of(derive(events, as_of, known_on))
    assert derive(events, as_of, segments=False).segments == []


@SETTINGS
@given(cases, days)
def test_columns_and_json_round_trip(events, as_of) -> None:
    full = derive(events, as_of)
    f = ListFacts.of(full)
    assert ListFacts.from_row(f.to_row()) == f
    assert ListFacts.from_json(full.to_json()) == f


def _row(e) -> tuple:
    """An event as the processes read it from the store (case id first)."""
    return (
        "c1",
        e.id,
        e.type,
        e.date,
        e.end,
        json.dumps(e.charges),
        e.sentence,
        e.seq,
        e.reported,
        e.outcome,
        e.probation,
        e.political_rights,
        e.whereabouts,
        e.last_confirmed,
    )


@SETTINGS
@given(cases, days)
def test_the_worker_derives_the_same_from_plain_rows(events, as_of) -> None:
    rows = [_row(e) for e in events]
    kept = derive_worker.keep(rows)
    [(cid, *cols)] = derive_worker.derive_slice(kept, ["c1"], as_of)
    assert cid == "c1"
    assert ListFacts.from_row(cols) == list_facts(events, as_of)


@SETTINGS
@given(cases, days, days, days)
def test_a_kept_plan_answers_as_derive_on_every_day(events, day1, day2, known_on) -> None:
    """A process plans each case once per store generation and only counts for each
    new day: for any day, before, inside or after the case's events, and as known on
    any day, the answer is derive()'s."""
    kept = derive_worker.keep([_row(e) for e in events]).get("c1")
    if kept is None:  # no events: derive_slice answers for the case without a plan
        assert derive_worker.derive_slice({}, ["c1"], day1)[0][1:] == list_facts([], day1).to_row()
        return
    for day in (day1, day2, day1):
        assert kept.facts(day, None) == ListFacts.of(derive(events, day)), day
    assert kept.facts(day2, known_on) == ListFacts.of(derive(events, day2, known_on))
