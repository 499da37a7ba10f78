"""Where a person stands, in words (core/standing_text.py): the lines the window and the
briefing both print, in English and Chinese."""

from __future__ import annotations

from datetime import date

from dossier.core.facts import DaysRange
from dossier.core.model import Event
from dossier.core.standing_text import days_words, standing
from dossier.core.timeline import derive


def _ev(type_, day, seq, **kw):
    return Event(type=type_, date=day, seq=seq, **kw)


def test_an_open_ended_measure_last_confirmed_reads_at_least():
    assert (
        days_words(DaysRange(2654, 2684), "en", date(2018, 3, 1))
        == "at least 2,654 days (last confirmed 1 Mar 2018)"
    )
    assert days_words(DaysRange(942, 942), "en") == "942 days"
    assert days_words(DaysRange(740, 766), "zh") == "740–766天"
    assert days_words(None, "en") == ""


def test_wang_quanzhang_as_of_the_letter_in_both_languages():
    events = [
        _ev("disappearance", "2015-07-09", 1),
        _ev("arrest", "2016-01-08", 2, whereabouts="unknown"),
        _ev("indictment", "2017-02", 3),
    ]
    f = derive(events, date(2018, 2, 5))
    en, zh = standing(f, "en"), standing(f, "zh")
    assert (en.stage, en.custody, en.whereabouts, en.days) == (
        "Indicted",
        "in custody (detention centre)",
        "Unknown",
        "942 days",
    )
    assert (zh.stage, zh.whereabouts, zh.days) == ("已起诉", "下落不明", "942天")
    first = en.alerts[0]
    assert first.rule == "disappeared_over_limit" and first.certainty == "certain"
    assert first.basis == "Criminal Procedure Law (2018 revision), arts. 75, 85, 93"
    assert zh.alerts[0].basis.startswith("《刑事诉讼法》（2018年修正）")


def test_a_possible_breach_is_worded_as_possible():
    events = [_ev("detention", "2016-01", 1), _ev("arrest", "2016-03", 2)]
    lines = standing(derive(events, date(2016, 6, 1)), "en").alerts
    possible = [a for a in lines if a.rule == "detention_over_limit"]
    assert (
        possible
        and possible[0].certainty == "possible"
        and possible[0].text.startswith("Possibly: ")
    )


def test_political_rights_after_release_with_their_end():
    events = [
        _ev("detention", "2015-08-03", 1),
        _ev("verdict", "2019-01-28", 2, sentence="P4Y6M", political_rights="P5Y"),
        _ev("controlled_release", "2020-04-05", 3),
    ]
    f = derive(events, date(2021, 1, 1))
    assert standing(f, "en").custody == "not in custody"
    assert standing(f, "en").political_rights.startswith("5 years, until ")
    assert standing(f, "zh").political_rights.startswith("剥夺政治权利五年，至")
