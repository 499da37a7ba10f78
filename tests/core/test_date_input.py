"""Typed and pasted dates → EDTF: a table of what researchers write, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.date_input import DateInput, future_warning, parse_date_input
from dossier.core.dates import parse_edtf
from dossier.core.errors import ValidationError

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

TABLE = [
    # (typed, stored EDTF, understood in English, understood in Chinese)
    ("2015年7月9日", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("2015年7月9号", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("2015年7月", "2015-07", "July 2015 (1–31 Jul)", "2015年7月（1日至31日）"),
    ("2015年", "2015", "2015 (1 Jan – 31 Dec)", "2015年（1月1日至12月31日）"),
    ("二〇一五年七月九日", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("２０１５年７月９日", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("2015/7/9", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("2015.7.9", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("2015-7-9", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("2015/7", "2015-07", "July 2015 (1–31 Jul)", "2015年7月（1日至31日）"),
    ("2015-07-09", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("9 July 2015", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("9th of July, 2015", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("July 9, 2015", "2015-07-09", "9 July 2015", "2015年7月9日"),
    ("July 2015", "2015-07", "July 2015 (1–31 Jul)", "2015年7月（1日至31日）"),
    ("Sept. 2015", "2015-09", "September 2015 (1–30 Sep)", "2015年9月（1日至30日）"),
    ("25/7/2015", "2015-07-25", "25 July 2015", "2015年7月25日"),
    ("7/25/2015", "2015-07-25", "25 July 2015", "2015年7月25日"),
    ("07/2015", "2015-07", "July 2015 (1–31 Jul)", "2015年7月（1日至31日）"),
    (
        "early 2017",
        "2017-01/2017-04",
        "between January 2017 and April 2017 (1 Jan – 30 Apr)",
        "介于2017年1月与2017年4月之间（1月1日至4月30日）",
    ),
    (
        "mid 2017",
        "2017-05/2017-08",
        "between May 2017 and August 2017 (1 May – 31 Aug)",
        "介于2017年5月与2017年8月之间（5月1日至8月31日）",
    ),
    (
        "late 2017",
        "2017-09/2017-12",
        "between September 2017 and December 2017 (1 Sep – 31 Dec)",
        "介于2017年9月与2017年12月之间（9月1日至12月31日）",
    ),
    ("2015年初", "2015-01/2015-04", None, None),
    ("2015年中", "2015-05/2015-08", None, None),
    ("2015年底", "2015-09/2015-12", None, None),
    ("2015年末", "2015-09/2015-12", None, None),
    ("2015年下半年", "2015-07/2015-12", None, None),
    ("2015年7月下旬", "2015-07-21/2015-07-31", None, None),
    ("late July 2015", "2015-07-21/2015-07-31", None, None),
    ("late February 2015", "2015-02-21/2015-02-28", None, None),
    ("2017年春", "2017-21", "spring 2017 (1 Mar – 31 May)", "2017年春季（3月1日至5月31日）"),
    ("spring 2017", "2017-21", None, None),
    ("the 1990s", "199X", None, None),
    ("2010年代", "201X", None, None),
    ("about 2015", "2015~", "about 2015 (1 Jan – 31 Dec)", "约2015年（1月1日至12月31日）"),
    ("约2015年10月", "2015-10~", None, None),
    ("2015年左右", "2015~", None, None),
    ("2015年7月至2016年", "2015-07/2016", None, None),
    ("July 2015 to March 2016", "2015-07/2016-03", None, None),
    ("between 2015 and 2017", "2015/2017", None, None),
    ("2015/7/9 – 2016/1/2", "2015-07-09/2016-01-02", None, None),
    ("2015–2017", "2015/2017", None, None),
    ("2015~2017", "2015/2017", None, None),
    ("from 2015 to 2017", "2015/2017", None, None),
    # a start that lasts: the date is the start (the End field stays empty)
    ("2010年起", "2010", None, None),
    ("2010年10月以来", "2010-10", None, None),
    ("2010年至今", "2010", None, None),
    ("since October 2010", "2010-10", None, None),
    ("2010 – present", "2010", None, None),
    # EDTF comes back unchanged
    ("2015-10~", "2015-10~", None, None),
    ("2015/2016", "2015/2016", None, None),
    ("2015-10-17/..", "2015-10-17/..", None, None),
    ("201X", "201X", None, None),
]


@pytest.mark.parametrize(("typed", "edtf", "en", "zh"), TABLE)
def test_the_forms_researchers_type(typed: str, edtf: str, en: str | None, zh: str | None) -> None:
    got = parse_date_input(typed)
    assert got.edtf == edtf
    assert got.text == typed
    assert got.converted == (edtf != typed)
    parse_edtf(got.edtf)  # what is stored is always EDTF this program reads
    if en is not None:
        assert got.understood == en
    if zh is not None:
        assert parse_date_input(typed, lang="zh_CN").understood == zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_ambiguous_order_is_refused_with_why_and_what_to_type(lang: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_date_input("09/07/2015", lang=lang)
    msg = str(err.value)
    if lang == "en":
        assert "ambiguous" in msg and "9 July 2015" in msg and "September 7, 2015" in msg
        assert "2015-07-09" in msg and "2015-09-07" in msg
    else:
        assert "歧义" in msg and "2015年7月9日" in msg and "2015年9月7日" in msg


@pytest.mark.parametrize(
    ("typed", "en", "zh"),
    [
        ("hello", "not a date this program understands", "无法把“hello”识别为日期"),
        ("2015年2月30日", "February 2015 has no day 30", "2015年2月没有30日"),
        ("2015-13", "month 13 does not exist", "没有13月"),
        ("", "A date is needed", "需要填写日期"),
        ("tomorrow", "not a date", "识别为日期"),
    ],
)
def test_refusals_speak_the_interface_language(typed: str, en: str, zh: str) -> None:
    with pytest.raises(ValidationError, match=en):
        parse_date_input(typed, lang="en")
    with pytest.raises(ValidationError) as err:
        parse_date_input(typed, lang="zh_CN")
    assert zh in str(err.value)
    assert not any(w in str(err.value) for w in ("valid", "month", "date"))


def test_future_warning() -> None:
    today = date(2026, 12, 5)
    assert future_warning("2030-05-01", today) is not None
    assert "未来" in (future_warning("2030", today, lang="zh") or "")
    assert future_warning("2026-12", today) is None  # may have begun already
    assert future_warning("2015-10/..", today) is None
    assert future_warning("not a date", today) is None


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(days)
def test_every_written_form_of_a_day_is_that_day(d: date) -> None:
    iso = d.isoformat()
    forms = [
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}-{d.month}-{d.day}",
        f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
        f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
        iso,
    ]
    for text in forms:
        got = parse_date_input(text)
        assert got == DateInput(text, iso, got.understood, text != iso), text


@given(days)
def test_day_and_month_first_are_read_only_when_one_reading_exists(d: date) -> None:
    text = f"{d.day:02d}/{d.month:02d}/{d.year}"
    if d.day > 12 or d.day == d.month:
        assert parse_date_input(text).edtf == d.isoformat()
    else:
        with pytest.raises(ValidationError, match="ambiguous"):
            parse_date_input(text)


@given(st.integers(1000, 9998))
def test_early_mid_late_cut_the_year_in_three_without_gap(y: int) -> None:
    ranges = [parse_edtf(parse_date_input(f"{p} {y}").edtf) for p in ("early", "mid", "late")]
    assert ranges[0].earliest == date(y, 1, 1) and ranges[2].latest == date(y, 12, 31)
    for a, b in zip(ranges, ranges[1:], strict=False):
        assert a.latest + timedelta(days=1) == b.earliest
    zh = [parse_date_input(f"{y}年{p}").edtf for p in ("初", "中", "底")]
    assert zh == [parse_date_input(f"{p} {y}").edtf for p in ("early", "mid", "late")]


@settings(max_examples=300, deadline=None)  # the first dateparser call loads data
@given(st.text(alphabet="0123456789年月日号/.-~?X 初中底约左右 earlymidtJuly", max_size=16))
def test_any_text_gives_edtf_or_a_validation_error(text: str) -> None:
    try:
        got = parse_date_input(text, lang="zh")
    except ValidationError:
        return
    parse_edtf(got.edtf)
