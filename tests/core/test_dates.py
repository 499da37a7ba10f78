"""EDTF parsing: every form the spec and the importer rely on, and the messages."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core.dates import (
    OPEN_END,
    OPEN_START,
    describe,
    format_day,
    is_valid,
    parse_edtf,
    try_parse_edtf,
)
from dossier.core.errors import ValidationError
from dossier.core.facts import DayRange

D = date.fromisoformat


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2015-07-09", "2015-07-09", "2015-07-09"),
        ("2015-10", "2015-10-01", "2015-10-31"),
        ("2015-02", "2015-02-01", "2015-02-28"),
        ("2016-02", "2016-02-01", "2016-02-29"),
        ("2018", "2018-01-01", "2018-12-31"),
        ("2015-10~", "2015-10-01", "2015-10-31"),
        ("2015-10?", "2015-10-01", "2015-10-31"),
        ("2015-10%", "2015-10-01", "2015-10-31"),
        ("2015-07-09~", "2015-07-09", "2015-07-09"),
        ("2018?", "2018-01-01", "2018-12-31"),
        ("2015-10-17/2017-10-17", "2015-10-17", "2017-10-17"),
        ("2015-10/2016", "2015-10-01", "2016-12-31"),
        ("2015-10~/2016-03-01?", "2015-10-01", "2016-03-01"),
        ("2015/2015-06", "2015-01-01", "2015-06-30"),
        ("201X", "2010-01-01", "2019-12-31"),
        ("20XX", "2000-01-01", "2099-12-31"),
        ("2015-XX", "2015-01-01", "2015-12-31"),
        ("2015-XX-XX", "2015-01-01", "2015-12-31"),
        ("2015-10-XX", "2015-10-01", "2015-10-31"),
        ("2016-02-XX", "2016-02-01", "2016-02-29"),
        ("2015-21", "2015-03-01", "2015-05-31"),
        ("2015-22", "2015-06-01", "2015-08-31"),
        ("2015-23", "2015-09-01", "2015-11-30"),
        ("2015-24", "2015-12-01", "2016-02-29"),
        ("2016-24", "2016-12-01", "2017-02-28"),
        ("2015-21~", "2015-03-01", "2015-05-31"),
        ("2016-02-29", "2016-02-29", "2016-02-29"),
        ("2000-02-29", "2000-02-29", "2000-02-29"),
        ("2015-07-09T10:00:00Z", "2015-07-09", "2015-07-09"),
        ("2015-07-09T23:59:59+08:00", "2015-07-09", "2015-07-09"),
        ("  2015-10  ", "2015-10-01", "2015-10-31"),
        ("201x", "2010-01-01", "2019-12-31"),
    ],
)
def test_ranges(text: str, earliest: str, latest: str) -> None:
    assert parse_edtf(text) == DayRange(D(earliest), D(latest))
    assert is_valid(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2015-10/..", "2015-10-01", None),
        ("2015/", "2015-01-01", None),
        ("../2016", None, "2016-12-31"),
        ("/2016-03", None, "2016-03-31"),
    ],
)
def test_open_and_unknown_ends_stretch_to_the_calendar_limits(text, earliest, latest) -> None:
    r = parse_edtf(text)
    assert r.earliest == (D(earliest) if earliest else OPEN_START)
    assert r.latest == (D(latest) if latest else OPEN_END)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2015-13", "month 13 does not exist"),
        ("2015-00", "month 00 does not exist"),
        ("2015-02-29", "2015 is not a leap year"),
        ("1900-02-29", "1900 is not a leap year"),
        ("2015-04-31", "day 31 does not exist in April 2015"),
        ("2015-10-00", "day 00 does not exist"),
        ("2015-10-32", "day 32 does not exist"),
        ("Y170000002", "Y"),
        ("-1985", "before 1 AD"),
        ("0000", "year 0000"),
        ("20155", "four digits"),
        ("2015-25", "season 25"),
        ("2015-41", "season 41"),
        ("2015-1X", "month 1X"),
        ("2015-10-1X", "day 1X"),
        ("2X1X", "unspecified digits"),
        ("201X-10", "cannot have a month"),
        ("2015-XX-10", "unspecified month"),
        ("2015-21-01", "season cannot have a day"),
        ("2015-?10", "qualifier"),
        ("2017/2015", "ends before it starts"),
        ("../..", "at least one known end"),
        ("/", "at least one known end"),
        ("2015/2016/2017", "one slash"),
        ("", "empty"),
        ("   ", "empty"),
        ("October 2015", "expected YYYY"),
        ("2015-7-9", "expected YYYY"),
        ("2015-07-09T25:00:00", "not a time of day"),
        ("2015-07-09T10:00:00~", "qualifier"),
        ("2015-10~~", "qualifier"),
    ],
)
def test_invalid_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_edtf(text)
    msg = str(exc.value)
    assert reason in msg
    assert f'"{text}" is not a valid EDTF date' in msg
    assert "examples: 2015-07-09" in msg
    assert not is_valid(text)
    assert try_parse_edtf(text) is None


def test_message_matches_the_brief_exactly() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_edtf("2015-13")
    assert str(exc.value) == (
        '"2015-13" is not a valid EDTF date: month 13 does not exist (examples: 2015-07-09, '
        "2015-10, 2018, 2015-10~, 2015-10-17/2017-10-17)"
    )
    assert exc.value.exit_code == 1


def test_non_text_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        parse_edtf(2015)  # type: ignore[arg-type]
    assert try_parse_edtf(None) is None


@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        ("2015-07-09", "9 July 2015", "2015年7月9日"),
        ("2015-10", "October 2015 (1–31 Oct)", "2015年10月（1日至31日）"),
        ("2018", "2018 (1 Jan – 31 Dec)", "2018年（1月1日至12月31日）"),
        ("2015-10~", "about October 2015 (1–31 Oct)", "约2015年10月（1日至31日）"),
        ("2015-10?", "October 2015, uncertain (1–31 Oct)", "可能2015年10月（1日至31日）"),
        ("2015-10%", "about October 2015, uncertain (1–31 Oct)", "可能约2015年10月（1日至31日）"),
        (
            "2015-24",
            "winter 2015 (1 Dec 2015 – 29 Feb 2016)",
            "2015年冬季（2015年12月1日至2016年2月29日）",
        ),
        ("2015-21", "spring 2015 (1 Mar – 31 May)", "2015年春季（3月1日至5月31日）"),
        (
            "201X",
            "a year in 2010–2019 (1 Jan 2010 – 31 Dec 2019)",
            "2010至2019年间某年（2010年1月1日至2019年12月31日）",
        ),
        ("2015-10-XX", "a day in October 2015 (1–31 Oct)", "2015年10月某日（1日至31日）"),
        ("2015-XX", "some time in 2015 (1 Jan – 31 Dec)", "2015年内某时（1月1日至12月31日）"),
        (
            "2015-10-17/2017-10-17",
            "between 17 October 2015 and 17 October 2017",
            "介于2015年10月17日与2017年10月17日之间",
        ),
        (
            "2015-10/2016",
            "between October 2015 and 2016 (1 Oct 2015 – 31 Dec 2016)",
            "介于2015年10月与2016年之间（2015年10月1日至2016年12月31日）",
        ),
        ("2015-10/..", "October 2015 or later (open end)", "2015年10月或之后（无终点）"),
        ("2015/", "2015 or later (end unknown)", "2015年或之后（终点不详）"),
        ("../2016", "2016 or earlier (open start)", "2016年或之前（无起点）"),
    ],
)
def test_describe(text: str, en: str, zh: str) -> None:
    assert describe(text) == en
    assert describe(text, "zh-Hans") == zh


def test_describe_rejects_invalid() -> None:
    with pytest.raises(ValidationError):
        describe("2015-13")


def test_format_day() -> None:
    assert format_day(date(2016, 2, 1)) == "1 Feb 2016"
    assert format_day(date(2016, 2, 1), "zh") == "2016年2月1日"
    assert format_day(date(2015, 12, 31), "en") == "31 Dec 2015"


def test_parse_is_cached_and_returns_the_same_immutable_range() -> None:
    assert parse_edtf("2015-10") is parse_edtf("2015-10")


def test_describe_short_leaves_out_the_covered_days():
    """ "born 1971", not "born 1971 (1 Jan – 31 Dec)" (issue #17 item 10)."""
    from dossier.core.dates import describe_short

    assert describe_short("1971") == "1971"
    assert describe_short("1971", "zh") == "1971年"
    assert describe_short("1976~") == "about 1976"
    assert describe_short("197X") == "a year in 1970–1979"
    assert describe_short("1971-05-02") == "2 May 1971"
