"""The shared wording of the timeline model's facts (core.phrases), both languages."""

from __future__ import annotations

from datetime import date

from dossier.core.facts import DaysRange
from dossier.core.model import Event
from dossier.core.phrases import (
    alert_sentence,
    custody_label,
    days_phrase,
    stage_label,
    whereabouts_label,
)
from dossier.core.timeline import derive


def test_labels_in_both_languages() -> None:
    assert (stage_label("arrested"), stage_label("arrested", "zh")) == (
        "Formally arrested",
        "已逮捕",
    )
    assert (custody_label("detention_centre", "zh"), custody_label(None)) == ("看守所", "")
    assert (whereabouts_label("unknown"), whereabouts_label("unknown", "zh_CN")) == (
        "Unknown",
        "下落不明",
    )


def test_days_phrase() -> None:
    assert days_phrase(DaysRange(942, 942)) == "942 days"
    assert days_phrase(DaysRange(150, 204), lang="zh") == "150–204天"
    assert (
        days_phrase(DaysRange(2739, 2769), date(2018, 5, 1))
        == "at least 2,739 days (last confirmed 1 May 2018)"
    )
    assert (
        days_phrase(DaysRange(2739, 2769), date(2018, 5, 1), "zh")
        == "至少2739天（最后确认：2018年5月1日）"
    )
    assert days_phrase(None) == ""


def test_alert_sentence_says_possible_and_cites_the_law() -> None:
    f = derive(
        [
            Event(type="rsdl", date="2015-07-10/2015-08-03"),
            Event(type="arrest", date="2016-01", seq=1),
        ],
        date(2016, 6, 1),
    )
    [a] = [x for x in f.alerts if x.rule == "rsdl_over_limit"]
    en = alert_sentence(a, with_basis=True)
    assert en.startswith("Possibly: RSDL beyond the 6-month legal limit from 10 Jan 2016")
    assert en.endswith(
        "Criminal Procedure Law (2018 revision), art. 79: RSDL may last at most six months"
    )
    zh = alert_sentence(a, "zh", with_basis=True)
    assert (
        zh.startswith("可能：指定居所监视居住超过六个月法定期限")
        and "《刑事诉讼法》（2018年修正）第79条" in zh
    )
