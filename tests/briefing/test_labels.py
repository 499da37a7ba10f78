"""Both languages for every fixed string, and the day/range formats."""

from __future__ import annotations

import re
from datetime import date

from dossier.briefing import labels
from dossier.core.facts import DayRange, DaysRange


def test_every_label_in_both_languages_with_same_placeholders():
    for key, (en, zh) in labels.LABELS.items():
        assert en and zh, key
        assert set(re.findall(r"\{(\w+)\}", en)) == set(re.findall(r"\{(\w+)\}", zh)), key


def test_days_text():
    assert labels.days_text(DaysRange(940, 940)) == "940 days"
    assert labels.days_text(DaysRange(912, 942)) == "912–942 days"
    assert labels.days_text(DaysRange(1, 1)) == "1 day"
    assert labels.days_text(DaysRange(1200, 1200), "zh") == "1,200天"
    assert labels.days_text(None) == "—"


def test_range_text():
    assert labels.range_text(DayRange(date(2015, 7, 9), date(2015, 7, 9))) == "9 Jul 2015"
    assert labels.range_text(DayRange(date(2015, 10, 1), date(2015, 10, 31))) == "Oct 2015"
    assert labels.range_text(DayRange(date(2015, 10, 1), date(2015, 10, 31)), "zh") == "2015年10月"
    assert labels.range_text(DayRange(date(2018, 1, 1), date(2018, 12, 31))) == "2018"
    assert (
        labels.range_text(DayRange(date(2015, 7, 9), date(2015, 7, 10)))
        == "9 Jul 2015 – 10 Jul 2015"
    )
    assert labels.range_text(DayRange(date(1, 1, 1), date(2016, 1, 1))) == "before 1 Jan 2016"
