"""Which spans of a sentence are dates: the phrase finder of the drafting extractor.

Readable patterns, in priority order (an earlier rule wins overlapping words): full dates
("9 July 2015", "2015年7月9日", 2015/7/9), months, years, parts of a year or month
("early 2017", 2015年底, 7月下旬), seasons, and relative phrases ("since January", "two
years later", "the following year", 去年, 同年3月, 次年, 三年后, 当天, 今早, "on
Tuesday"). What each phrase means is decided in `dates.Resolver`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import EN_WORDS, ZH_CHARS, number

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?P<y>(?:1[89]|20)\d{2})"
_ZY = r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年"
_ZM = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?"
_ZD = r"(?P<d>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
_APPROX = r"(?:(?P<approx>about|around|approximately|circa|c\.|some time in|sometime in)\s+)?"
_PART = r"(?P<part>early|mid|mid-|late|the end of|the beginning of|the start of|the middle of|end of|beginning of|start of)[\s-]*"
_ZPART_M = r"(?P<zpart>初|上旬|中旬|下旬|底|末|中)"
_ZPART_Y = (
    r"(?P<zpart>初|底|末|年初|年底|年末|春天?|夏天?|秋天?|冬天?|上半年|下半年|春季|夏季|秋季|冬季)"
)
_ZAPPROX = r"(?P<zapprox>左右|前后)?"
_N_EN = rf"(?P<n>\d+|{EN_WORDS})"
_N_ZH = rf"(?P<n>\d+|[{ZH_CHARS}]+)"


@dataclass(frozen=True)
class Phrase:
    """A found date phrase: its span and the rule's reading of it, not yet resolved."""

    start: int
    end: int
    text: str
    rule: str
    groups: dict


def en_month(text: str) -> int:
    t = text.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(_MONTHS, start=1) if m.startswith(t))


def zh_year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(number(c) or 0) for c in text))


# (rule name, pattern) in priority order: earlier rules win overlapping spans.
_RULES: list[tuple[str, re.Pattern]] = [
    (name, re.compile(p, re.IGNORECASE))
    for name, p in [
        ("zh_day", rf"{_ZY}\s*{_ZM}\s*{_ZD}{_ZAPPROX}"),
        ("zh_month_part", rf"{_ZY}\s*{_ZM}{_ZPART_M}(?:旬)?"),
        ("zh_month", rf"{_ZY}\s*{_ZM}{_ZAPPROX}"),
        ("zh_year_part", rf"{_ZY}{_ZPART_Y}"),
        ("zh_year", rf"{_ZY}(?!代){_ZAPPROX}"),
        (
            "zh_rel_year",
            rf"(?P<rel>去年|今年|前年|同年|当年|次年|翌年|第二年|上一年)(?:{_ZM}(?:{_ZD}|{_ZPART_M})?|{_ZPART_Y.replace('zpart', 'ypart')})?",
        ),
        ("zh_later", rf"{_N_ZH}\s*(?P<unit>年|个月|周|天|日)(?P<dir>后|之后|以后|前|之前|以前)"),
        ("zh_same_day", r"(?P<rel>当天|当日|同日|同一天|次日|翌日|第二天)"),
        ("zh_today", r"(?P<rel>今天|今日|今早|今晨|昨天|昨日|昨晚)"),
        ("zh_same_month", r"(?P<rel>同月|当月|次月|下个月|上个月|本月)"),
        ("zh_md", rf"(?<![\d年{ZH_CHARS}]){_ZM}\s*{_ZD}"),
        ("zh_m", rf"(?<![\d年{ZH_CHARS}]){_ZM}{_ZPART_M}?(?![\d{ZH_CHARS}]*[日号])"),
        (
            "iso",
            r"(?<![\d/.-])(?P<y>(?:1[89]|20)\d{2})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?![\d/.-])",
        ),
        (
            "en_dmy",
            rf"\b{_APPROX}(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b",
        ),
        (
            "en_mdy",
            rf"\b{_APPROX}{_MON}\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
        ),
        ("en_part_month", rf"\b{_PART}{_MON},?\s+{_YEAR}\b"),
        ("en_month", rf"\b{_APPROX}{_MON},?\s+(?:of\s+)?{_YEAR}\b"),
        (
            "en_season",
            rf"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}\b",
        ),
        ("en_part_year", rf"\b{_PART}{_YEAR}\b"),
        (
            "en_month_rel",
            rf"\b(?:in\s+)?{_MON}\s+(?:of\s+)?(?P<rel>last year|this year|the previous year|the following year|that year)\b",
        ),
        ("en_last_month", rf"\b(?P<rel>last|this)\s+{_MON}\b"),
        (
            "en_rel_year",
            r"\b(?P<rel>last year|this year|the previous year|the year before|the following year|"
            r"the next year|later that year|that same year|the same year|earlier that year|that year|"
            r"last month|this month|the following month|the next month|the same month|that month|"
            r"the same day|that day|that same day|the following day|the next day|the day before|"
            r"yesterday|today|this morning|this afternoon|this evening|tonight|earlier today)\b",
        ),
        (
            "en_weekday",
            r"\b(?:on\s+|last\s+)(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        ),
        (
            "en_later",
            rf"\b{_N_EN}\s+(?P<unit>years?|months?|weeks?|days?)\s+(?P<dir>later|after|ago|earlier|before)\b",
        ),
        (
            "en_dm",
            rf"\b(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\b(?!,?\s+\d)",
        ),
        ("en_md", rf"\b{_MON}\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?!,?\s+\d)"),
        (
            "en_m",
            rf"\b(?:(?P<cue>in|since|from|until|by|early|late|mid|mid-|the end of|end of|since early|since late)\s+){_MON}\b(?!\s+\d)",
        ),
        (
            "en_year",
            rf"\b(?:(?P<cue>in|since|from|until|by|of|during|before|after|around|about)\s+){_YEAR}\b(?![-/]\d)",
        ),
    ]
]


def find_phrases(text: str, start: int = 0, end: int | None = None) -> list[Phrase]:
    """Date phrases of text[start:end], in order, none overlapping (first rule wins)."""
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    found: list[Phrase] = []
    for name, rx in _RULES:
        for m in rx.finditer(text, start, end):
            a, b = m.span()
            if a == b or any(a < y and x < b for x, y in taken):
                continue
            if name == "en_m" and m.group("mon").lower() == "may" and not m.group("cue"):
                continue
            if (
                name in ("en_dm", "en_md", "en_m")
                and m.group("mon").lower().rstrip(".") == "may"
                and not re.search(r"\d", m.group(0))
                and (m.group("cue") or "").lower() not in ("in", "since")
            ):
                continue  # the verb "may"
            taken.append((a, b))
            found.append(
                Phrase(a, b, m.group(0), name, {k: v for k, v in m.groupdict().items() if v})
            )
    return sorted(found, key=lambda p: p.start)
