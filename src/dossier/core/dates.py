"""EDTF dates as ranges of days: what a researcher's vague date may mean.

Researchers rarely know the exact day someone was taken; they know "October 2015" or
"about 2018". Every rule in `core.timeline` therefore works on the *range of days* a
date may mean (`DayRange`). This module turns Library of Congress EDTF strings (level 0
and level 1) into such ranges, explains back to the editor how a date was understood,
and formats days in English or Chinese.

A small hand parser is used rather than the `edtf` package: it is an order of
magnitude faster, gives messages fit for a researcher, and is cached, because it runs
for every event of every case in list views (hundreds of thousands of calls).

Supported forms (anything else raises `ValidationError`):

* `2015-07-09`, `2015-10`, `2018`; a level-0 time (`2015-07-09T10:00:00Z`) is read as
  its calendar day.
* Qualifiers at the end: `~` approximate, `?` uncertain, `%` both. They do not change
  the range: an approximate October still means the days of October.
* Unspecified digits, level 1: `201X`, `20XX` (the years they may stand for),
  `2015-XX` / `2015-XX-XX` (the whole year), `2015-10-XX` (the whole month).
* Seasons 21–24 (northern hemisphere, as spoken of in China): spring = March–May,
  summer = June–August, autumn = September–November, winter = December of that year to
  the end of February of the next.
* Intervals `A/B`: earliest = A's earliest, latest = B's latest.
* Open and unknown interval ends (`2015-10/..`, `../2016`, `2015/`, `/2016`): an
  unbounded side is honest about what is not known, so it stretches to the limit of
  the calendar — `OPEN_START` (0001-01-01) or `OPEN_END` (9999-12-31). `core.timeline`
  clamps such ranges to the as-of day where it counts days, so a `2015-10/..` start
  gives "0 to N days" rather than a nonsense number. Both ends open (`../..`) is
  rejected: it says nothing.
* Rejected with a clear message: `Y`-prefixed long years, negative years, year 0000,
  level-2 forms (qualifiers inside a date, seasons 25–41, `X` in the middle of a
  year), impossible days (31 April, 29 February in a common year), intervals that end
  before they start.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dossier.core.errors import ValidationError
from dossier.core.facts import DayRange

__all__ = [
    "OPEN_END",
    "OPEN_START",
    "describe",
    "describe_short",
    "format_day",
    "is_valid",
    "parse_edtf",
    "try_parse_edtf",
]

OPEN_START = date.min  # an interval with an open or unknown start
OPEN_END = date.max  # an interval with an open or unknown end

_EXAMPLES = "examples: 2015-07-09, 2015-10, 2018, 2015-10~, 2015-10-17/2017-10-17"

_MONTHS_EN = [
    "",
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
_SEASONS = {
    21: ("spring", "春季"),
    22: ("summer", "夏季"),
    23: ("autumn", "秋季"),
    24: ("winter", "冬季"),
}

_POINT_RE = re.compile(
    r"(?P<year>[0-9X]{4})"
    r"(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2})"
    r"(?P<time>T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
    r"(?P<q>[?~%])?"
)


@dataclass(frozen=True)
class _Point:
    """One EDTF date (not an interval), with what is needed to describe it back."""

    kind: str  # day, month, year, season, some_year, some_month, some_day, open, unknown
    year: int = 0
    month: int = 0  # the month, or the season code 21–24
    day: int = 0
    approx: bool = False
    uncertain: bool = False
    earliest: date = OPEN_START
    latest: date = OPEN_END
    year_to: int = 0  # for `201X`: the last year it may stand for


@dataclass(frozen=True)
class _Parsed:
    start: _Point
    end: _Point | None  # set for intervals
    range: DayRange  # built once: the cache hands out the same immutable object


def _fail(text: str, why: str) -> ValidationError:
    return ValidationError(f'"{text}" is not a valid EDTF date: {why} ({_EXAMPLES})')


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _check_year(text: str, year: int) -> None:
    if year == 0:
        raise _fail(text, "year 0000 is not supported (the calendar starts at year 1)")


def _parse_point(text: str, part: str) -> _Point:
    """One date of `text` (the whole input, for messages); `part` is that date."""
    if not part:
        raise _fail(text, "the date is empty")
    if part[0] == "Y":
        raise _fail(text, "years written with Y (more than four digits) are not supported")
    if part[0] == "-":
        raise _fail(text, "years before 1 AD are not supported")
    m = _POINT_RE.fullmatch(part)
    if m is None:
        if re.fullmatch(r"\d{5,}.*", part):
            raise _fail(text, "years have four digits")
        if re.search(r"[?~%]", part[:-1]):
            raise _fail(text, "a qualifier (~ ? %) may only stand at the end of a date")
        raise _fail(text, "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~, ? or %")
    ys, ms, ds, q = m.group("year"), m.group("month"), m.group("day"), m.group("q")
    if m.group("time"):
        _check_time(text, m.group("time"), q)
    approx = q in ("~", "%")
    uncertain = q in ("?", "%")

    if "X" in ys:
        digits = ys.rstrip("X")
        if "X" in digits or not digits:
            raise _fail(text, "unspecified digits (X) may only end a year, as in 201X or 20XX")
        if ms is not None:
            raise _fail(text, "a year with unspecified digits cannot have a month or day")
        span = 10 ** (4 - len(digits))
        first = max(int(digits) * span, 1)
        last = int(digits) * span + span - 1
        return _Point(
            "some_year", first, 0, 0, approx, uncertain, date(first, 1, 1), date(last, 12, 31), last
        )

    year = int(ys)
    _check_year(text, year)
    if ms is None:
        return _Point("year", year, 0, 0, approx, uncertain, date(year, 1, 1), date(year, 12, 31))

    if ms == "XX":
        if ds is not None and ds != "XX":
            raise _fail(text, "an unspecified month (XX) needs an unspecified day (XX) too")
        return _Point(
            "some_month", year, 0, 0, approx, uncertain, date(year, 1, 1), date(year, 12, 31)
        )
    if "X" in ms:
        raise _fail(text, f"month {ms} is not supported (write XX for an unknown month)")
    month = int(ms)
    if 21 <= month <= 24:
        if ds is not None:
            raise _fail(text, "a season cannot have a day")
        return _season(text, year, month, approx, uncertain)
    if 25 <= month <= 41:
        raise _fail(
            text,
            f"season {month} is not supported (use 21 spring, 22 summer, 23 autumn, 24 winter)",
        )
    if not 1 <= month <= 12:
        raise _fail(text, f"month {ms} does not exist")
    last = _last_day(year, month)
    if ds is None:
        return _Point(
            "month",
            year,
            month,
            0,
            approx,
            uncertain,
            date(year, month, 1),
            date(year, month, last),
        )
    if ds == "XX":
        return _Point(
            "some_day",
            year,
            month,
            0,
            approx,
            uncertain,
            date(year, month, 1),
            date(year, month, last),
        )
    if "X" in ds:
        raise _fail(text, f"day {ds} is not supported (write XX for an unknown day)")
    day = int(ds)
    if not 1 <= day <= last:
        if month == 2 and day == 29:
            raise _fail(text, f"{year} is not a leap year, so 29 February {year} does not exist")
        raise _fail(text, f"day {ds} does not exist in {_MONTHS_EN[month]} {year}")
    d = date(year, month, day)
    return _Point("day", year, month, day, approx, uncertain, d, d)


def _check_time(text: str, time: str, q: str | None) -> None:
    """A level-0 time is accepted (and ignored: only the day counts) if it is a real time."""
    if q is not None:
        raise _fail(text, "a date with a time cannot carry a qualifier")
    hh, mm, ss = int(time[1:3]), int(time[4:6]), int(time[7:9])
    if hh > 23 or mm > 59 or ss > 59:
        raise _fail(text, f"{time[1:9]} is not a time of day")


def _season(text: str, year: int, code: int, approx: bool, uncertain: bool) -> _Point:
    if code == 24:
        if year >= 9999:
            raise _fail(text, "winter 9999 runs past the end of the calendar")
        first, last = date(year, 12, 1), date(year + 1, 2, _last_day(year + 1, 2))
    else:
        m0 = {21: 3, 22: 6, 23: 9}[code]
        first, last = date(year, m0, 1), date(year, m0 + 2, _last_day(year, m0 + 2))
    return _Point("season", year, code, 0, approx, uncertain, first, last)


@lru_cache(maxsize=65536)
def _parse(text: str) -> _Parsed:
    s = text.strip().replace("x", "X")
    if not s:
        raise _fail(text, "the date is empty")
    if "/" not in s:
        p = _parse_point(text, s)
        return _Parsed(p, None, DayRange(p.earliest, p.latest))
    if s.count("/") > 1:
        raise _fail(text, "an interval has one slash, as in 2015-10-17/2017-10-17")
    a, b = s.split("/")
    if a in ("", "..") and b in ("", ".."):
        raise _fail(text, "an interval needs at least one known end")
    start = _Point("open" if a == ".." else "unknown") if a in ("", "..") else _parse_point(text, a)
    end = _Point("open" if b == ".." else "unknown") if b in ("", "..") else _parse_point(text, b)
    if start.earliest > end.latest:
        raise _fail(text, "the interval ends before it starts")
    return _Parsed(start, end, DayRange(start.earliest, end.latest))


def parse_edtf(text: str) -> DayRange:
    """The range of days the EDTF date `text` may mean; ValidationError if it is not one."""
    if not isinstance(text, str):
        raise ValidationError(f"{text!r} is not a valid EDTF date: expected text ({_EXAMPLES})")
    return _parse(text).range


@lru_cache(maxsize=65536)
def try_parse_edtf(text: str | None) -> DayRange | None:
    """Like parse_edtf, but None for a missing or invalid date: for code that must not
    stop on a bad stored value (the timeline of a list of 50,000 cases)."""
    if not text or not isinstance(text, str):
        return None
    try:
        return _parse(text).range
    except ValidationError:
        return None


def is_valid(text: str) -> bool:
    """True when `text` is an EDTF date this program understands."""
    try:
        parse_edtf(text)
    except ValidationError:
        return False
    return True


# --- formatting -------------------------------------------------------------------


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


def format_day(d: date, lang: str = "en") -> str:
    """A day for people: "1 Feb 2016" / "2016年2月1日"."""
    if _zh(lang):
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {_MONTHS_EN[d.month][:3]} {d.year}"


def _long_day(d: date, lang: str) -> str:
    if _zh(lang):
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {_MONTHS_EN[d.month]} {d.year}"


def _span(first: date, last: date, lang: str) -> str:
    """The days a vague date covers, as short as it can be said: "1–31 Oct"."""
    zh = _zh(lang)
    if first.year != last.year:
        if zh:
            return f"{format_day(first, lang)}至{format_day(last, lang)}"
        return f"{format_day(first, lang)} – {format_day(last, lang)}"
    if first.month != last.month:
        if zh:
            return f"{first.month}月{first.day}日至{last.month}月{last.day}日"
        return (
            f"{first.day} {_MONTHS_EN[first.month][:3]} – {last.day} {_MONTHS_EN[last.month][:3]}"
        )
    if zh:
        return f"{first.day}日至{last.day}日"
    return f"{first.day}–{last.day} {_MONTHS_EN[first.month][:3]}"


def _point_name(p: _Point, lang: str) -> str:
    """What the date says, without qualifiers or the covered days."""
    zh = _zh(lang)
    if p.kind == "day":
        return _long_day(p.earliest, lang)
    if p.kind == "month":
        return f"{p.year}年{p.month}月" if zh else f"{_MONTHS_EN[p.month]} {p.year}"
    if p.kind == "year":
        return f"{p.year}年" if zh else str(p.year)
    if p.kind == "season":
        en, cn = _SEASONS[p.month]
        return f"{p.year}年{cn}" if zh else f"{en} {p.year}"
    if p.kind == "some_year":
        return f"{p.year}至{p.year_to}年间某年" if zh else f"a year in {p.year}–{p.year_to}"
    if p.kind == "some_month":
        return f"{p.year}年内某时" if zh else f"some time in {p.year}"
    if p.kind == "some_day":
        return f"{p.year}年{p.month}月某日" if zh else f"a day in {_MONTHS_EN[p.month]} {p.year}"
    return "不详" if zh else "unknown"


def _point_text(p: _Point, lang: str, with_span: bool) -> str:
    zh = _zh(lang)
    out = _point_name(p, lang)
    if p.approx:
        out = ("约" if zh else "about ") + out
    if p.uncertain:
        if zh:
            out = "可能" + out
        else:
            out += ", uncertain"
    if with_span and p.kind != "day":
        span = _span(p.earliest, p.latest, lang)
        out += f"（{span}）" if zh else f" ({span})"
    return out


def describe(text: str, lang: str = "en") -> str:
    """How `text` was understood, for the editor to show beside the field.

    "9 July 2015", "October 2015 (1–31 Oct)", "about October 2015 (1–31 Oct)",
    "between 17 October 2015 and 17 October 2017"; Chinese with `lang="zh"`:
    "2015年10月（1日至31日）". Raises ValidationError for a date that is not valid.
    """
    p = _parse(text)
    zh = _zh(lang)
    if p.end is None:
        return _point_text(p.start, lang, with_span=True)
    a, b = p.start, p.end
    if a.kind in ("open", "unknown"):
        note = (
            ("无起点" if a.kind == "open" else "起点不详")
            if zh
            else ("open start" if a.kind == "open" else "start unknown")
        )
        bt = _point_text(b, lang, with_span=False)
        return f"{bt}或之前（{note}）" if zh else f"{bt} or earlier ({note})"
    if b.kind in ("open", "unknown"):
        note = (
            ("无终点" if b.kind == "open" else "终点不详")
            if zh
            else ("open end" if b.kind == "open" else "end unknown")
        )
        at = _point_text(a, lang, with_span=False)
        return f"{at}或之后（{note}）" if zh else f"{at} or later ({note})"
    at, bt = _point_text(a, lang, False), _point_text(b, lang, False)
    out = f"介于{at}与{bt}之间" if zh else f"between {at} and {bt}"
    if a.kind != "day" or b.kind != "day":
        span = _span(a.earliest, b.latest, lang)
        out += f"（{span}）" if zh else f" ({span})"
    return out


def describe_short(text: str, lang: str = "en") -> str:
    """Like `describe` but without the covered days: "1971", "about 1976", "1971年",
    "a year in 1970–1979" — for running text such as "born 1971", where
    "born 1971 (1 Jan – 31 Dec)" reads oddly. Raises ValidationError if not valid."""
    p = _parse(text)
    if p.end is None:
        return _point_text(p.start, lang, with_span=False)
    return describe(text, lang)
