"""The "Derived facts" rules of spec/cli.md, example by example."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dossier.core.facts import DayRange, DaysRange
from dossier.core.model import Event
from dossier.core.timeline import STATUS_OF_TYPE, add_months, alert_text, derive

D = date.fromisoformat


def ev(type_: str, when: str, seq: int = 0, **kw) -> Event:
    return Event(type=type_, date=when, seq=seq, **kw)


def facts(events: list[Event], as_of: str):
    return derive(events, D(as_of))


def rules(f) -> list[tuple[str, str, str | None]]:
    return [
        (a.rule, a.since.isoformat(), a.until.isoformat() if a.until else None) for a in f.alerts
    ]


# --- status and periods --------------------------------------------------------------


def test_status_of_type_follows_the_vocabulary_table() -> None:
    assert STATUS_OF_TYPE == {
        "disappearance": "disappeared",
        "detention": "detained",
        "administrative_detention": "detained",
        "rsdl": "rsdl",
        "arrest": "detained",
        "indictment": "detained",
        "trial": "detained",
        "verdict": "sentenced",
        "imprisonment": "sentenced",
        "release": "released",
        "bail": "released",
        "house_arrest": "house_arrest",
        "death": "deceased",
        # issue #11: the new types keep the old summary word's meaning
        "deportation": "released",
        "exile": "released",
        "controlled_release": "released",
        "unofficial_detention": "detained",
    }


def test_no_events_no_status() -> None:
    f = facts([], "2020-01-01")
    assert f.status == "unknown"
    assert f.custody_since is None and f.days_in_custody is None
    assert f.alerts == [] and f.segments == [] and f.charges == []


def test_non_status_events_do_not_change_status() -> None:
    f = facts(
        [
            ev("arrest", "2016-01-08"),
            ev("appeal", "2017-01-01", 1),
            ev("advocacy", "2017-02-01", 2),
            ev("lawyer_visit", "2017-03-01", 3),
        ],
        "2018-01-01",
    )
    assert f.status == "detained"


def test_wang_quanzhang_spec_example() -> None:
    f = facts(
        [ev("disappearance", "2015-07-09", charges=["inciting_subversion"], place="Beijing")],
        "2018-02-03",
    )
    j = f.to_json()
    assert j["status"] == "disappeared"
    assert j["custody_since"] == {"earliest": "2015-07-09", "latest": "2015-07-09"}
    assert j["days_in_custody"] == {"min": 940, "max": 940}
    assert j["days_disappeared"] == {"min": 940, "max": 940}
    assert j["days_in_house_arrest"] is None
    assert j["charges"] == ["inciting_subversion"]
    assert j["sentence"] is None and j["expected_release"] is None
    assert [(a["rule"], a["since"], a["until"]) for a in j["alerts"]] == [
        ("disappeared_over_limit", "2015-07-10", None)
    ]
    assert j["alerts"][0]["text"]


def test_vague_start_gives_min_below_max() -> None:
    f = facts([ev("rsdl", "2015-08")], "2016-03-01")
    assert f.custody_since == DayRange(D("2015-08-01"), D("2015-08-31"))
    assert f.days_in_custody == DaysRange(183, 213)


def test_a_later_sharper_date_narrows_the_latest_start() -> None:
    f = facts([ev("rsdl", "2015-08"), ev("rsdl", "2015-08-20", 1)], "2016-03-01")
    assert f.custody_since == DayRange(D("2015-08-01"), D("2015-08-20"))
    assert f.days_in_custody == DaysRange((D("2016-03-01") - D("2015-08-20")).days, 213)


def test_days_never_negative_when_the_date_reaches_past_as_of() -> None:
    f = facts([ev("detention", "2020")], "2020-03-01")
    assert f.days_in_custody == DaysRange(0, 60)


def test_custody_period_spans_statuses_disappearance_period_does_not() -> None:
    f = facts(
        [
            ev("disappearance", "2015-07-09"),
            ev("rsdl", "2015-07-15", 1),
            ev("arrest", "2016-01-08", 2),
        ],
        "2016-02-01",
    )
    # Issue #11: RSDL and arrest notices do not disclose where the person is, so the
    # disappearance goes on (status "disappeared", stage "arrested").
    assert (f.status, f.stage, f.whereabouts, f.in_custody) == (
        "disappeared",
        "arrested",
        "unknown",
        True,
    )
    assert f.custody_since == DayRange(D("2015-07-09"), D("2015-07-09"))
    assert f.days_in_custody == DaysRange(207, 207)
    assert f.days_disappeared == DaysRange(207, 207)
    # A lawyer's visit discloses the whereabouts: the disappearance period ends there.
    g = facts(
        [
            ev("disappearance", "2015-07-09"),
            ev("rsdl", "2015-07-15", 1),
            ev("arrest", "2016-01-08", 2),
            ev("lawyer_visit", "2016-01-20", 3),
        ],
        "2016-02-01",
    )
    assert (g.status, g.whereabouts, g.days_disappeared) == ("detained", "known", None)
    assert g.days_in_custody == DaysRange(207, 207)


def test_release_ends_the_custody_period() -> None:
    evs = [
        ev("detention", "2014-01-01"),
        ev("release", "2014-02-01", 1),
        ev("detention", "2015-05-01", 2),
    ]
    f = facts(evs, "2015-06-01")
    assert f.custody_since == DayRange(D("2015-05-01"), D("2015-05-01"))
    assert f.days_in_custody == DaysRange(31, 31)
    g = facts(evs, "2014-03-01")
    assert g.status == "released" and g.days_in_custody is None and g.custody_since is None


def test_disappeared_period_from_detention() -> None:
    f = facts([ev("detention", "2018-01-01"), ev("disappearance", "2018-03-01", 1)], "2018-04-01")
    assert f.days_in_custody == DaysRange(90, 90)
    assert f.days_disappeared == DaysRange(31, 31)
    assert rules(f)[-1] == ("disappeared_over_limit", "2018-03-02", None)


def test_house_arrest_days() -> None:
    f = facts([ev("release", "2017-01-01"), ev("house_arrest", "2017-01")], "2017-03-01")
    assert f.status == "house_arrest"
    assert f.days_in_house_arrest == DaysRange(29, 59)
    assert f.days_in_custody is None and f.custody_since is None


def test_deceased() -> None:
    f = facts([ev("detention", "2017-01-01"), ev("death", "2017-07-13", 1)], "2018-01-01")
    assert f.status == "deceased"
    assert f.days_in_custody is None
    # the detention measure broke the limit and stays listed with its end
    assert rules(f) == [("detention_over_limit", "2017-02-07", "2017-07-12")]


def test_events_after_as_of_are_ignored() -> None:
    evs = [ev("detention", "2020-01-01"), ev("release", "2020-02-01", 1, charges=["fraud"])]
    f = facts(evs, "2020-01-31")
    assert f.status == "detained" and f.charges == []


def test_event_whose_earliest_day_is_as_of_counts() -> None:
    f = facts([ev("detention", "2020-01-01")], "2020-01-01")
    assert f.status == "detained" and f.days_in_custody == DaysRange(0, 0)


# --- ordering ------------------------------------------------------------------------


def test_ties_are_broken_by_order_of_entry_not_list_order() -> None:
    a = ev("arrest", "2016-01-08", seq=2)
    r = ev("release", "2016-01-08", seq=1)
    assert facts([a, r], "2016-02-01").status == "detained"
    assert facts([r, a], "2016-02-01").status == "detained"
    a2 = ev("arrest", "2016-01-08", seq=1)
    r2 = ev("release", "2016-01-08", seq=2)
    assert facts([r2, a2], "2016-02-01").status == "released"


def test_vague_dates_order_by_latest_day() -> None:
    # Issue #11: "2016" may fall after the exact 8 Jan release, so it never sorts before
    # it (the order was by earliest day before schema 3, which made the release last).
    f = facts([ev("release", "2016-01-08", 0), ev("detention", "2016", 1)], "2017-01-01")
    assert f.status == "detained"
    g = facts([ev("detention", "2015-07-10", 0), ev("release", "2015-07", 1)], "2016-01-01")
    assert g.status == "released"  # "2015-07" must not cut a period starting 10 July


# --- charges and sentence ------------------------------------------------------------


def test_charges_first_mention_first_no_repeats_ids_or_free_text() -> None:
    evs = [
        ev("detention", "2015-07-10", 0, charges=["picking_quarrels"]),
        ev("arrest", "2015-08-01", 1, charges=["煽动颠覆国家政权罪", "picking_quarrels"]),
        ev("indictment", "2016-01-01", 2, charges=["inciting_subversion", "disturbing order"]),
        ev("trial", "2016-06-01", 3, charges=["subversion"]),
    ]
    f = facts(evs, "2016-03-01")
    assert f.charges == ["picking_quarrels", "inciting_subversion", "disturbing order"]


def test_sentence_is_the_latest_verdicts_term() -> None:
    evs = [
        ev("detention", "2015-01-01"),
        ev("verdict", "2016-01-01", 1, sentence="P7Y"),
        ev("verdict", "2016-06-01", 2, sentence="P5Y"),
    ]
    assert facts(evs, "2016-03-01").sentence == "P7Y"
    assert facts(evs, "2016-07-01").sentence == "P5Y"
    assert facts(evs[:1], "2016-07-01").sentence is None


def test_life_sentence_has_no_expected_release() -> None:
    f = facts(
        [ev("detention", "2015-01-01"), ev("verdict", "2016-01-01", 1, sentence="life")],
        "2017-01-01",
    )
    assert f.sentence == "life" and f.expected_release is None


# --- expected release ----------------------------------------------------------------


def test_expected_release_credits_detention_day_for_day() -> None:
    evs = [
        ev("detention", "2016-01-01"),
        ev("arrest", "2016-02-01", 1),
        ev("verdict", "2017-01-01", 2, sentence="P2Y"),
    ]
    er = facts(evs, "2017-06-01").expected_release
    assert er is not None
    assert er.date == D("2018-01-01")
    assert er.credited_days == (D("2017-01-01") - D("2016-01-01")).days
    assert er.term == "P2Y"
    assert "day for day" in er.explanation and "1 Jan 2016" in er.explanation


def test_expected_release_credits_rsdl_two_days_for_one() -> None:
    evs = [
        ev("rsdl", "2015-07-09"),
        ev("arrest", "2016-01-08", 1),
        ev("verdict", "2019-01-28", 2, sentence="P4Y6M"),
    ]
    er = facts(evs, "2019-06-01").expected_release
    assert er is not None
    rsdl_days = (D("2016-01-08") - D("2015-07-09")).days  # 183
    detained = (D("2019-01-28") - D("2016-01-08")).days
    assert er.credited_days == detained + rsdl_days // 2
    # the 92 RSDL days not credited move the start of the term later; then 4y6m
    effective_start = D("2015-07-09") + timedelta(days=rsdl_days - rsdl_days // 2)
    assert effective_start == D("2015-10-09")
    assert er.date == add_months(effective_start, 54) == D("2020-04-09")
    assert "two for one" in er.explanation and "art. 76" in er.explanation


def test_expected_release_without_pretrial_custody_counts_from_verdict() -> None:
    evs = [ev("bail", "2015-01-01"), ev("verdict", "2016-08-31", 1, sentence="P6M")]
    er = facts(evs, "2016-09-01").expected_release
    assert er is not None
    assert er.date == D("2017-02-28") and er.credited_days == 0
    assert "no pre-trial custody" in er.explanation


def test_expected_release_uses_earliest_possible_custody_start() -> None:
    evs = [ev("detention", "2016-01"), ev("verdict", "2016-06-01", 1, sentence="P1Y")]
    er = facts(evs, "2016-07-01").expected_release
    assert er is not None and er.date == D("2017-01-01")


def test_release_due_within_30_days_or_passed() -> None:
    evs = [
        ev("detention", "2019-01-01"),
        ev("arrest", "2019-02-01", 1),
        ev("verdict", "2019-06-01", 2, sentence="P1Y"),
    ]
    # expected release 2020-01-01
    assert facts(evs, "2019-12-01").alerts == []
    assert rules(facts(evs, "2019-12-02")) == [("release_due", "2019-12-02", None)]
    assert rules(facts(evs, "2020-03-01")) == [("release_due", "2019-12-02", None)]
    released = evs + [ev("release", "2020-01-01", 3)]
    assert facts(released, "2020-03-01").alerts == []


# --- limit alerts --------------------------------------------------------------------


def test_rsdl_over_limit_spec_example() -> None:
    f = facts([ev("rsdl", "2015-08-01")], "2016-03-01")
    assert rules(f) == [("rsdl_over_limit", "2016-02-01", None)]
    assert f.alerts[0].text == "RSDL beyond the 6-month legal limit since 1 Feb 2016"


def test_rsdl_ended_by_arrest_on_the_limit_day_is_no_breach() -> None:
    f = facts([ev("rsdl", "2015-08-01"), ev("arrest", "2016-02-01", 1)], "2016-03-01")
    assert f.alerts == []


def test_rsdl_ended_a_day_later_is_a_past_breach() -> None:
    f = facts([ev("rsdl", "2015-08-01"), ev("arrest", "2016-02-02", 1)], "2016-03-01")
    assert rules(f) == [("rsdl_over_limit", "2016-02-01", "2016-02-01")]


def test_rsdl_not_yet_over_limit() -> None:
    assert facts([ev("rsdl", "2015-08-01")], "2016-01-31").alerts == []
    assert rules(facts([ev("rsdl", "2015-08-01")], "2016-02-01")) == [
        ("rsdl_over_limit", "2016-02-01", None)
    ]


def test_month_clamping_31_august_plus_6_months_is_29_february() -> None:
    assert add_months(D("2015-08-31"), 6) == D("2016-02-29")
    assert add_months(D("2014-08-31"), 6) == D("2015-02-28")
    assert add_months(D("2015-01-31"), 1) == D("2015-02-28")
    assert add_months(D("2015-12-15"), 1) == D("2016-01-15")
    assert add_months(D("2015-03-31"), -1) == D("2015-02-28")
    f = facts([ev("rsdl", "2015-08-31")], "2016-03-01")
    assert rules(f) == [("rsdl_over_limit", "2016-02-29", None)]


def test_consecutive_same_type_events_are_one_measure_from_the_first() -> None:
    evs = [
        ev("rsdl", "2015-08-01"),
        ev("health_concern", "2015-09-01", 1),
        ev("rsdl", "2015-11-01", 2),
        ev("arrest", "2016-03-01", 3),
    ]
    assert rules(facts(evs, "2016-04-01")) == [
        ("rsdl_over_limit", "2016-02-01", "2016-02-29"),
    ]


def test_another_status_type_splits_measures() -> None:
    evs = [ev("rsdl", "2015-08-01"), ev("detention", "2015-10-01", 1), ev("rsdl", "2015-11-01", 2)]
    # second RSDL measure from 1 Nov: over limit from 1 May 2016; the detention lasted
    # 31 days (not over 37)
    assert rules(facts(evs, "2016-04-30")) == []
    assert rules(facts(evs, "2016-05-01")) == [("rsdl_over_limit", "2016-05-01", None)]


def test_end_closes_the_measure_through_its_day() -> None:
    evs = [ev("rsdl", "2015-08-01", end="2016-02-10")]
    assert rules(facts(evs, "2016-03-01")) == [("rsdl_over_limit", "2016-02-01", "2016-02-10")]
    evs = [ev("rsdl", "2015-08-01", end="2016-01-31")]
    f = facts(evs, "2016-03-01")
    assert f.alerts == [] and f.status == "rsdl"  # end does not change status
    # an end on as_of closes it that day; an end after as_of is still going on
    assert rules(facts([ev("rsdl", "2015-08-01", end="2016-03-01")], "2016-03-01")) == [
        ("rsdl_over_limit", "2016-02-01", "2016-03-01")
    ]
    assert rules(facts([ev("rsdl", "2015-08-01", end="2016-05-01")], "2016-03-01")) == [
        ("rsdl_over_limit", "2016-02-01", None)
    ]


def test_vague_rsdl_start_counts_since_from_earliest_day() -> None:
    f = facts([ev("rsdl", "2015-08~")], "2016-03-01")
    assert rules(f) == [("rsdl_over_limit", "2016-02-01", None)]


def test_detention_over_limit_spec_example() -> None:
    f = facts([ev("detention", "2020-02-15")], "2020-04-01")
    assert rules(f) == [("detention_over_limit", "2020-03-23", None)]
    assert "37-day" in f.alerts[0].text and "23 Mar 2020" in f.alerts[0].text


def test_detention_ended_by_arrest() -> None:
    ok = [ev("detention", "2020-02-15"), ev("arrest", "2020-03-23", 1)]
    assert facts(ok, "2020-04-01").alerts == []
    late = [ev("detention", "2020-02-15"), ev("arrest", "2020-03-25", 1)]
    assert rules(facts(late, "2020-04-01")) == [
        ("detention_over_limit", "2020-03-23", "2020-03-24")
    ]


def test_administrative_detention_is_not_a_criminal_detention_measure() -> None:
    f = facts([ev("administrative_detention", "2020-01-01")], "2020-06-01")
    assert f.alerts == []


def test_past_breaches_stay_listed_after_release() -> None:
    evs = [ev("rsdl", "2015-08-01"), ev("arrest", "2016-03-01", 1), ev("release", "2016-06-01", 2)]
    f = facts(evs, "2019-01-01")
    assert f.status == "released"
    assert rules(f) == [("rsdl_over_limit", "2016-02-01", "2016-02-29")]


def test_disappeared_over_limit_spec_example() -> None:
    f = facts([ev("disappearance", "2015-07-09")], "2015-07-09")
    assert f.alerts == []
    f = facts([ev("disappearance", "2015-07-09")], "2015-07-10")
    assert rules(f) == [("disappeared_over_limit", "2015-07-10", None)]


def test_disappearance_alert_runs_until_whereabouts_are_disclosed() -> None:
    # Issue #11: an RSDL notice does not end a disappearance (the alert went away before);
    # a family visit does, and the past breach keeps its closed alert.
    evs = [ev("disappearance", "2015-07-09"), ev("rsdl", "2015-07-20", 1)]
    assert rules(facts(evs, "2015-08-01")) == [("disappeared_over_limit", "2015-07-10", None)]
    evs.append(ev("family_visit", "2015-07-25", 2))
    assert rules(facts(evs, "2015-08-01")) == [
        ("disappeared_over_limit", "2015-07-10", "2015-07-24")
    ]


# --- lawyers -------------------------------------------------------------------------


def test_no_lawyer_access() -> None:
    evs = [
        ev("detention", "2020-01-01"),
        ev("lawyer_denied", "2020-01-05", 1),
        ev("lawyer_denied", "2020-01-20", 2),
    ]
    f = facts(evs, "2020-01-30")
    assert rules(f) == [("no_lawyer_access", "2020-01-05", None)]
    assert f.alerts[0].event_id == evs[1].id


def test_a_visit_after_the_denial_ends_it_and_a_later_denial_starts_again() -> None:
    base = [ev("detention", "2020-01-01"), ev("lawyer_denied", "2020-01-05", 1)]
    assert facts(base + [ev("lawyer_visit", "2020-01-10", 2)], "2020-01-30").alerts == []
    again = base + [ev("lawyer_visit", "2020-01-10", 2), ev("lawyer_denied", "2020-01-15", 3)]
    assert rules(facts(again, "2020-01-30")) == [("no_lawyer_access", "2020-01-15", None)]


def test_visit_on_the_same_day_entered_after_the_denial_counts_as_after() -> None:
    evs = [
        ev("detention", "2020-01-01"),
        ev("lawyer_visit", "2020-01-05", 2),
        ev("lawyer_denied", "2020-01-05", 1),
    ]
    assert facts(evs, "2020-01-30").alerts == []


def test_vague_denial_within_custody_counts_from_custody_start() -> None:
    evs = [ev("detention", "2020-03-01"), ev("lawyer_denied", "2020", 1)]
    assert rules(facts(evs, "2020-04-01")) == [("no_lawyer_access", "2020-03-01", None)]


def test_no_lawyer_alert_when_not_in_custody_or_from_an_earlier_custody() -> None:
    evs = [
        ev("detention", "2020-01-01"),
        ev("lawyer_denied", "2020-01-05", 1),
        ev("release", "2020-01-20", 2),
    ]
    assert facts(evs, "2020-01-30").alerts == []
    evs.append(ev("detention", "2020-05-01", 3))
    assert facts(evs, "2020-05-10").alerts == []


# --- robustness ----------------------------------------------------------------------


def test_invalid_dates_ends_and_sentences_do_not_crash() -> None:
    evs = [
        ev("detention", "2015-13"),
        ev("detention", "2016-01-01", 1, end="not a date"),
        ev("verdict", "2016-06-01", 2, sentence="ten lashes"),
        ev("unknown_type", "2016-07-01", 3),
    ]
    f = facts(evs, "2017-01-01")
    assert f.status == "sentenced"
    assert f.custody_since == DayRange(D("2016-01-01"), D("2016-01-01"))
    assert f.sentence == "ten lashes" and f.expected_release is None


def test_open_interval_end_gives_zero_minimum_days() -> None:
    f = facts([ev("detention", "2015-10/..")], "2016-01-01")
    assert f.days_in_custody == DaysRange(0, 92)
    assert rules(f) == [("detention_over_limit", "2015-11-07", None)]


# --- segments ------------------------------------------------------------------------


def test_segments() -> None:
    evs = [
        ev("disappearance", "2015-07"),
        ev("rsdl", "2015-07-15", 1),
        ev("arrest", "2016-01-08", 2),
        ev("trial", "2016-08-01", 3),
        ev("verdict", "2016-08-02", 4, sentence="P3Y"),
        ev("advocacy", "2017-01-01", 5),
        ev("release", "2019-01-08", 6),
    ]
    f = facts(evs, "2020-01-01")
    got = [
        (s.status, s.start.to_json(), s.end.to_json() if s.end else None, s.event_ids)
        for s in f.segments
    ]
    r = lambda a, b=None: {"earliest": a, "latest": b or a}  # noqa: E731
    # Issue #11: "2015-07" may follow 15 July, so the disappearance comes after the RSDL;
    # RSDL and arrest do not disclose the whereabouts, the (open) trial does.
    assert got == [
        ("rsdl", r("2015-07-15"), r("2015-07-15", "2015-07-31"), (evs[1].id,)),
        ("disappeared", r("2015-07-15", "2015-07-31"), r("2016-08-01"), (evs[0].id, evs[2].id)),
        ("detained", r("2016-08-01"), r("2016-08-02"), (evs[3].id,)),
        ("sentenced", r("2016-08-02"), r("2019-01-08"), (evs[4].id,)),
        ("released", r("2019-01-08"), None, (evs[6].id,)),
    ]
    assert f.segments[1].to_json()["status"] == "disappeared"
    # Entered as "up to 15 July", the disappearance comes first, as the researcher meant.
    evs[0] = ev("disappearance", "2015-07-01/2015-07-14")
    segs = facts(evs, "2020-01-01").segments
    assert (segs[0].status, segs[0].event_ids) == ("disappeared", (evs[0].id, evs[1].id, evs[2].id))


def test_segment_closed_by_its_own_end() -> None:
    f = facts([ev("house_arrest", "2018-01-01", end="2018-06-01")], "2019-01-01")
    assert f.segments[0].end == DayRange(D("2018-06-01"), D("2018-06-01"))
    assert f.status == "house_arrest"
    g = facts([ev("house_arrest", "2018-01-01", end="2019-06-01")], "2019-01-01")
    assert g.segments[0].end is None


# --- alert sentences -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "since", "until", "en", "zh"),
    [
        (
            "rsdl_over_limit",
            "2016-02-01",
            None,
            "RSDL beyond the 6-month legal limit since 1 Feb 2016",
            "指定居所监视居住超过六个月法定期限，自2016年2月1日起",
        ),
        (
            "rsdl_over_limit",
            "2016-02-01",
            "2016-02-29",
            "RSDL beyond the 6-month legal limit from 1 Feb 2016 to 29 Feb 2016",
            "指定居所监视居住超过六个月法定期限，自2016年2月1日起至2016年2月29日止",
        ),
        (
            "release_due",
            "2019-12-02",
            None,
            "Release due on 1 Jan 2020: check it happens",
            "预计于2020年1月1日刑满释放，请核实",
        ),
    ],
)
def test_alert_text(rule, since, until, en, zh) -> None:
    u = D(until) if until else None
    assert alert_text(rule, D(since), u) == en
    assert alert_text(rule, D(since), u, "zh-Hans") == zh


def test_every_rule_has_english_and_chinese_text() -> None:
    for rule in (
        "rsdl_over_limit",
        "detention_over_limit",
        "disappeared_over_limit",
        "no_lawyer_access",
        "release_due",
    ):
        en = alert_text(rule, D("2020-01-01"), None)
        zh = alert_text(rule, D("2020-01-01"), None, "zh")
        assert "2020" in en and "2020年" in zh and rule not in en and rule not in zh


def test_a_vague_report_of_the_same_fact_takes_the_sharper_reports_place() -> None:
    # The letter's "January 2018" detention and another report's 19 January are one fact:
    # the RSDL of 27 January still follows it (issue #11, docs/cli.md T1).
    evs = [
        ev("detention", "2018-01"),
        ev("detention", "2018-01-19", 1),
        ev("rsdl", "2018-01-27", 2),
    ]
    f = facts(evs, "2018-02-03")
    assert (f.status, f.stage) == ("rsdl", "rsdl")
    assert f.custody_since == DayRange(D("2018-01-01"), D("2018-01-19"))
    # A vague event of another type is not merged: it may follow the exact one.
    g = facts([ev("detention", "2018-01-19"), ev("release", "2018-01", 1)], "2018-02-03")
    assert g.status == "released"


def test_last_confirmed_stops_the_count_of_an_open_ended_measure() -> None:
    # Issue #11: "at least N days (last confirmed D)", never counting up past D.
    evs = [ev("house_arrest", "2010-10", last_confirmed="2018-05-01")]
    f = facts(evs, "2020-01-01")
    assert f.last_confirmed == D("2018-05-01")
    assert f.days_in_house_arrest == DaysRange(
        (D("2018-05-01") - D("2010-10-31")).days, (D("2018-05-01") - D("2010-10-01")).days
    )
    assert f.to_json()["last_confirmed"] == "2018-05-01"
    assert facts(evs, "2021-01-01").days_in_house_arrest == f.days_in_house_arrest
    # before the confirmation day, the count runs to the as-of day as before
    assert (
        facts(evs, "2011-01-01").days_in_house_arrest.max
        == (D("2011-01-01") - D("2010-10-01")).days
    )
    # exile ends it: no count, stage exiled
    g = facts(evs + [ev("exile", "2018-07-10", 1)], "2019-01-01")
    assert (g.stage, g.status, g.days_in_house_arrest, g.last_confirmed) == (
        "exiled",
        "released",
        None,
        None,
    )


def test_controlled_release_and_deportation_are_stages() -> None:
    f = facts(
        [ev("detention", "2019-01-01"), ev("controlled_release", "2019-03-01", 1)], "2019-06-01"
    )
    assert (f.stage, f.in_custody, f.status, f.whereabouts) == (
        "released_under_control",
        False,
        "released",
        "known",
    )
    assert rules(f) == [("detention_over_limit", "2019-02-07", "2019-02-28")]


def test_expected_release_is_a_range_when_vague_and_none_once_released() -> None:
    evs = [
        ev("rsdl", "2015-08"),
        ev("arrest", "2016-01-08", 1),
        ev("verdict", "2016-08-01", 2, sentence="P3Y"),
    ]
    f = facts(evs, "2017-01-01")
    er = f.expected_release
    assert er.earliest < er.range.latest  # the vague RSDL start leaves a range
    assert f.to_json()["expected_release_range"] == {
        "earliest": er.date.isoformat(),
        "latest": er.range.latest.isoformat(),
    }
    g = facts(evs + [ev("release", "2018-06-01", 3)], "2018-07-01")
    assert g.expected_release is None and g.to_json()["expected_release"] is None
    assert g.sentence == "P3Y"  # the term stays on record


def test_unspecified_digits_never_make_a_certain_alert() -> None:
    f = facts([ev("detention", "201X")], "2026-01-01")
    assert [(a.rule, a.certainty) for a in f.alerts] == [("detention_over_limit", "possible")]
