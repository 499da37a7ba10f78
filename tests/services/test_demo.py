"""The demo store (issue #11 item 9, #17 item 2): the letter's five cases, brought up to
what is publicly known, every later fact sourced, opening as of the letter's day."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core.timeline import derive
from dossier.services import demo_sources as S
from dossier.services.demo import LETTER_DAY, build_demo
from dossier.services.dossier import Dossier
from dossier.services.people import people


@pytest.fixture(scope="module")
def d(tmp_path_factory):
    with Dossier.create(tmp_path_factory.mktemp("demo") / "demo.db", "demo") as dossier:
        build_demo(dossier)
        yield dossier


def _case(d, name):
    return d.get_case(d.resolve_case(name))


def _facts(d, name, day):
    return derive(_case(d, name).events, day).to_json()


def test_five_cases_and_the_day_it_opens_on(d):
    assert sorted(s.name for s in d.summaries()) == [
        "Gui Minhai",
        "Liu Xia",
        "Tashi Wangchuk",
        "Wang Quanzhang",
        "Yu Wensheng",
    ]
    assert LETTER_DAY == date(2018, 2, 5) and d.opens_as_of == LETTER_DAY
    assert d.store.meta()["opens_as_of"] == "2018-02-05"  # what the window reads at open


def test_every_later_event_cites_a_public_source_with_an_address(d):
    later = {s.id for s in S.LATER}
    for s in d.summaries():
        for e in _case(d, s.name).events:
            if e.date[:4] >= "2018" and e.date > "2018-02-05" and e.type != "health_concern":
                assert e.source_ids and set(e.source_ids) <= later, (s.name, e.type, e.date)
    for src in S.LATER:
        assert src.url.startswith("https://") and src.title and src.publisher, src.title


def test_the_letter_day_stays_what_the_letter_knew(d):
    wang = _facts(d, "Wang Quanzhang", LETTER_DAY)
    assert (wang["stage"], wang["in_custody"], wang["whereabouts"]) == ("indicted", True, "unknown")
    assert wang["days_disappeared"]["min"] == 942
    assert "disappeared_over_limit" in [a["rule"] for a in wang["alerts"]]
    assert _facts(d, "Liu Xia", LETTER_DAY)["stage"] == "house_arrest"
    assert _facts(d, "Tashi Wangchuk", LETTER_DAY)["stage"] == "on_trial"
    assert _facts(d, "Gui Minhai", LETTER_DAY)["in_custody"] is True


@pytest.mark.parametrize(
    ("name", "day", "stage", "in_custody"),
    [
        ("Tashi Wangchuk", date(2018, 6, 1), "sentenced", True),  # sentenced 22 May 2018
        ("Liu Xia", date(2018, 7, 11), "exiled", False),  # left for Germany 10 July 2018
        ("Wang Quanzhang", date(2019, 2, 1), "sentenced", True),  # sentenced 28 January 2019
        (
            "Wang Quanzhang",
            date(2020, 4, 6),
            "released_under_control",
            False,
        ),  # "quarantine" in Jinan
        ("Gui Minhai", date(2020, 3, 1), "sentenced", True),  # sentenced 24 February 2020
        ("Yu Wensheng", date(2020, 7, 1), "sentenced", True),  # sentenced 17 June 2020
        ("Tashi Wangchuk", date(2021, 2, 1), "released", False),  # released 28 January 2021
        ("Yu Wensheng", date(2022, 3, 2), "released", False),  # released 1 March 2022
        ("Yu Wensheng", date(2023, 4, 14), "criminal_detention", True),  # taken again 13 April 2023
    ],
)
def test_what_is_known_today(d, name, day, stage, in_custody):
    f = _facts(d, name, day)
    assert (f["stage"], f["in_custody"]) == (stage, in_custody)


def test_sentences_and_political_rights_as_the_courts_gave_them(d):
    verdicts = {
        s.name: [e for e in _case(d, s.name).events if e.type == "verdict"] for s in d.summaries()
    }
    assert [(e.date, e.sentence, e.political_rights) for e in verdicts["Wang Quanzhang"]] == [
        ("2019-01-28", "P4Y6M", "P5Y")
    ]
    assert [
        (e.date, e.sentence, e.political_rights, e.reported) for e in verdicts["Gui Minhai"]
    ] == [("2020-02-24", "P10Y", "P5Y", "2020-02-25")]
    assert [(e.date, e.sentence, e.political_rights) for e in verdicts["Tashi Wangchuk"]] == [
        ("2018-05-22", "P5Y", "P5Y")
    ]
    assert [(e.date, e.sentence) for e in verdicts["Yu Wensheng"]] == [
        ("2020-06-17", "P4Y"),
        ("2024-10-29", "P3Y"),
    ]
    assert all(e.outcome == "custodial" and e.court for v in verdicts.values() for e in v)


def test_new_vocabulary_in_the_demo(d):
    types = {e.type for s in d.summaries() for e in _case(d, s.name).events}
    assert {
        "exile",
        "controlled_release",
        "televised_confession",
        "family_visit",
        "consular_visit_denied",
    } <= types


def test_wang_and_his_lawyer_yu_are_linked_both_ways(d):
    wang, yu = d.resolve_case("Wang Quanzhang"), d.resolve_case("Yu Wensheng")
    assert [
        (p.relation.relation, p.other_name) for p in people(d, wang) if p.relation.other_case_id
    ] == [("lawyer", "Yu Wensheng")]
    assert [
        (p.relation.relation, p.other_name) for p in people(d, yu) if p.relation.other_case_id
    ] == [("client", "Wang Quanzhang")]
    assert [p.relation.role for p in people(d, wang) if p.relation.relation == "lawyer"][
        0
    ] == "family_appointed"


def test_facts_reported_later_are_not_known_before(d):
    """`reported`: Gui Minhai's verdict of 24 Feb 2020 was made public the next day; Yu
    Wensheng's move to Nanjing Prison (26 Jan 2021) was confirmed to his wife on 3 Feb."""
    gui = _case(d, "Gui Minhai").events
    day = date(2020, 2, 24)
    assert derive(gui, day).stage == "sentenced"
    assert derive(gui, day, known_on=day).stage != "sentenced"
    assert derive(gui, day, known_on=date(2020, 2, 25)).stage == "sentenced"
    from dossier.core.timeline import known_events

    yu = _case(d, "Yu Wensheng").events
    moved = [e for e in yu if e.type == "imprisonment"]
    assert moved and moved[0].reported == "2021-02-03"
    assert moved[0] not in known_events(yu, date(2021, 1, 30)) and moved[0] in known_events(
        yu, date(2021, 2, 3)
    )
