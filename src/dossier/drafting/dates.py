"""Finding the date phrases of a statement and what day, month or year each means.

Two steps, both readable rules:

1. *Finding* (`find_phrases`): which spans of a sentence are dates — full ("9 July
   2015", "2015年7月9日", 2015/7/9), month-only ("July 2015", 2015年7月), year-only,
   parts of a year or month ("early 2017", 2015年底, 7月下旬) and relative phrases
   ("since January", "two years later", "the following year", 去年, 同年3月, 次年,
   三年后, 当天).
2. *Resolving* (`resolve`): each phrase, in the order of the text, becomes EDTF with its
   vagueness kept — absolute phrases through `core.date_input` (the converter the date
   fields and imports use), relative ones here (a month stays a month; "early 2017" becomes `2017-01/2017-04`;
   "about" adds `~`). Relative phrases resolve against an *anchor*: the statement's
   own date (which the researcher confirms) for 去年 / "last year" / "in January", the
   previous date of the text for "two years later" / 同年 / 当天. A phrase with no
   anchor to resolve against keeps `edtf=None` and says so; nothing is guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .model import DateFinding, Span
from .numerals import number
from .phrases import Phrase, en_month, find_phrases, zh_year

__all__ = ["Phrase", "Resolver", "find_phrases", "resolve", "typed_edtf"]


# -- resolving --------------------------------------------------------------------------
@dataclass
class _Point:
    year: int
    month: int = 0
    day: int = 0


def _edtf(p: _Point, approx: bool = False) -> str:
    s = f"{p.year:04d}"
    if p.month:
        s += f"-{p.month:02d}"
        if p.day:
            s += f"-{p.day:02d}"
    return s + ("~" if approx else "")


def _year_part(y: int, part: str) -> tuple[str, str]:
    part = part.lower().strip(" -")
    if part in (
        "early",
        "the beginning of",
        "the start of",
        "beginning of",
        "start of",
        "初",
        "年初",
    ):
        return f"{y}-01/{y}-04", "range"
    if part in ("mid", "the middle of", "中"):
        return f"{y}-05/{y}-08", "range"
    if part in ("上半年",):
        return f"{y}-01/{y}-06", "range"
    if part in ("下半年",):
        return f"{y}-07/{y}-12", "range"
    for key, code in (("春", 21), ("夏", 22), ("秋", 23), ("冬", 24)):
        if part.startswith(key):
            return f"{y}-{code}", "season"
    return f"{y}-09/{y}-12", "range"  # late, the end of, 底, 末, 年底


def _month_part(y: int, m: int, part: str) -> tuple[str, str]:
    part = part.lower().strip(" -")
    last = calendar.monthrange(y, m)[1]
    if part in (
        "early",
        "the beginning of",
        "the start of",
        "beginning of",
        "start of",
        "初",
        "上旬",
    ):
        a, b = 1, 10
    elif part in ("mid", "the middle of", "中", "中旬"):
        a, b = 11, 20
    else:
        a, b = 21, last
    return f"{y}-{m:02d}-{a:02d}/{y}-{m:02d}-{b:02d}", "range"


def _shift(p: _Point, n: int, unit: str) -> tuple[_Point, bool]:
    """p moved by n units; True when the result is only approximate."""
    if unit.startswith(("year", "年")):
        return _Point(p.year + n, p.month, 0), True
    if unit.startswith(("month", "个月")):
        if not p.month:
            return _Point(p.year), True
        total = p.year * 12 + (p.month - 1) + n
        return _Point(total // 12, total % 12 + 1), bool(p.day) or True
    days = n * 7 if unit.startswith(("week", "周")) else n
    if not p.day:
        return p, True
    d = date(p.year, p.month, p.day) + timedelta(days=days)
    return _Point(d.year, d.month, d.day), False


class Resolver:
    """Turns phrases into `DateFinding`s in text order, remembering the previous date."""

    def __init__(self, statement_date: date | None) -> None:
        self.statement = statement_date
        self.previous: _Point | None = None

    def resolve(self, ph: Phrase) -> DateFinding:
        fn: Callable = getattr(self, "_" + ph.rule)
        g = ph.groups
        span = Span(ph.start, ph.end, ph.text)
        try:
            edtf, kind, rel, anchor, point, conf = fn(g)
        except (ValueError, StopIteration):
            return DateFinding(span, None, "invalid", confidence=0.0)
        if not rel and edtf is not None:
            edtf = typed_edtf(ph.text) or edtf
        if point is not None and edtf is not None:
            self.previous = point
        low = ph.text.lower()
        open_end = low.startswith("since") or "以来" in ph.text
        return DateFinding(
            span, edtf, kind, relative=rel, anchor=anchor, open_end=open_end, confidence=conf
        )

    # each rule: (edtf, kind, relative, anchor, point to remember, confidence)
    def _approx(self, g: dict) -> bool:
        return bool(g.get("approx") or g.get("zapprox"))

    def _zh_day(self, g):
        p = _Point(zh_year(g["y"]), number(g["m"]) or 0, number(g["d"]) or 0)
        date(p.year, p.month, p.day)
        return _edtf(p, self._approx(g)), "day", False, None, p, 1.0

    def _zh_month(self, g):
        p = _Point(zh_year(g["y"]), number(g["m"]) or 0)
        if not 1 <= p.month <= 12:
            raise ValueError
        return _edtf(p, self._approx(g)), "month", False, None, p, 1.0

    def _zh_month_part(self, g):
        p = _Point(zh_year(g["y"]), number(g["m"]) or 0)
        edtf, kind = _month_part(p.year, p.month, g["zpart"])
        return edtf, kind, False, None, p, 1.0

    def _zh_year_part(self, g):
        y = zh_year(g["y"])
        edtf, kind = _year_part(y, g["zpart"])
        return edtf, kind, False, None, _Point(y), 1.0

    def _zh_year(self, g):
        y = zh_year(g["y"])
        return _edtf(_Point(y), self._approx(g)), "year", False, None, _Point(y), 0.95

    def _iso(self, g):
        p = _Point(int(g["y"]), int(g["m"]), int(g["d"]))
        date(p.year, p.month, p.day)
        return _edtf(p), "day", False, None, p, 1.0

    def _en_dmy(self, g):
        p = _Point(int(g["y"]), en_month(g["mon"]), int(g["d"]))
        date(p.year, p.month, p.day)
        return _edtf(p, self._approx(g)), "day", False, None, p, 1.0

    _en_mdy = _en_dmy

    def _en_month(self, g):
        p = _Point(int(g["y"]), en_month(g["mon"]))
        return _edtf(p, self._approx(g)), "month", False, None, p, 1.0

    def _en_part_month(self, g):
        p = _Point(int(g["y"]), en_month(g["mon"]))
        edtf, kind = _month_part(p.year, p.month, g["part"])
        return edtf, kind, False, None, p, 1.0

    def _en_season(self, g):
        y = int(g["y"])
        season = {"spring": "春", "summer": "夏", "autumn": "秋", "fall": "秋", "winter": "冬"}[
            g["season"].lower()
        ]
        edtf, kind = _year_part(y, season)
        return edtf, kind, False, None, _Point(y), 1.0

    def _en_part_year(self, g):
        y = int(g["y"])
        edtf, kind = _year_part(y, g["part"])
        return edtf, kind, False, None, _Point(y), 1.0

    def _en_year(self, g):
        y = int(g["y"])
        approx = (g.get("cue") or "").lower() in ("around", "about")
        return _edtf(_Point(y), approx), "year", False, None, _Point(y), 0.9

    # -- relative -------------------------------------------------------------------
    def _anchor_year(self, rel: str) -> tuple[int, str] | None:
        """The year a relative-year word points at, and what it was resolved against."""
        rel = rel.lower()
        back = {"去年": 1, "last year": 1, "上一年": 1, "前年": 2, "今年": 0, "this year": 0}
        if rel in back:
            if self.statement is None:
                return None
            return self.statement.year - back[rel], "statement"
        if self.previous is None:
            return None
        step = 1 if rel in ("次年", "翌年", "第二年", "the following year", "the next year") else 0
        if rel in ("the previous year", "the year before"):
            step = -1
        return self.previous.year + step, "previous"

    def _zh_rel_year(self, g):
        got = self._anchor_year(g["rel"])
        if got is None:
            return None, "relative", True, None, None, 0.0
        y, anchor = got
        if g.get("m"):
            p = _Point(y, number(g["m"]) or 0, (number(g["d"]) or 0) if g.get("d") else 0)
            if g.get("zpart"):
                edtf, _ = _month_part(y, p.month, g["zpart"])
                return edtf, "relative", True, anchor, p, 0.8
            return _edtf(p), "relative", True, anchor, p, 0.85
        if g.get("ypart"):
            edtf, _ = _year_part(y, g["ypart"])
            return edtf, "relative", True, anchor, _Point(y), 0.8
        return _edtf(_Point(y)), "relative", True, anchor, _Point(y), 0.85

    def _en_rel_year(self, g):
        rel = g["rel"].lower()
        if (
            "day" in rel
            or rel in ("yesterday", "today", "tonight")
            or rel.startswith("this ")
            and "month" not in rel
            and "year" not in rel
        ):
            base = self.previous
            anchor = "previous"
            if (
                rel in ("yesterday", "today")
                or rel.startswith("this ")
                or rel in ("tonight", "earlier today")
            ):
                base = (
                    _Point(self.statement.year, self.statement.month, self.statement.day)
                    if self.statement
                    else None
                )
                anchor = "statement"
            if base is None or not base.day:
                return None, "relative", True, None, None, 0.0
            n = {
                "the following day": 1,
                "the next day": 1,
                "the day before": -1,
                "yesterday": -1,
            }.get(rel, 0)
            p, _ = _shift(base, n, "day")
            return _edtf(p), "relative", True, anchor, p, 0.85
        if "month" in rel:
            if rel in ("last month", "this month"):
                if self.statement is None:
                    return None, "relative", True, None, None, 0.0
                p, _ = _shift(
                    _Point(self.statement.year, self.statement.month),
                    -1 if rel == "last month" else 0,
                    "month",
                )
                return _edtf(p), "relative", True, "statement", p, 0.8
            if self.previous is None or not self.previous.month:
                return None, "relative", True, None, None, 0.0
            n = 1 if ("following" in rel or "next" in rel) else 0
            p, _ = _shift(_Point(self.previous.year, self.previous.month), n, "month")
            return _edtf(p), "relative", True, "previous", p, 0.8
        rel = {
            "later that year": "同年",
            "that same year": "同年",
            "the same year": "同年",
            "earlier that year": "同年",
            "that year": "同年",
        }.get(rel, rel)
        got = self._anchor_year(rel)
        if got is None:
            return None, "relative", True, None, None, 0.0
        return _edtf(_Point(got[0])), "relative", True, got[1], _Point(got[0]), 0.8

    def _later(self, g, sign_words: tuple[str, ...]):
        n = number(g["n"])
        direction = g["dir"].lower()
        forward = direction not in sign_words
        if n is None:
            raise ValueError
        if direction in ("ago", "前", "之前", "以前"):
            if self.statement is None:
                return None, "relative", True, None, None, 0.0
            base, anchor = (
                _Point(self.statement.year, self.statement.month, self.statement.day),
                "statement",
            )
        else:
            if self.previous is None:
                return None, "relative", True, None, None, 0.0
            base, anchor = self.previous, "previous"
        p, approx = _shift(base, n if forward else -n, g["unit"].lower())
        return _edtf(p, approx), "relative", True, anchor, p, 0.75

    def _en_later(self, g):
        return self._later(g, ("ago", "earlier", "before"))

    def _zh_later(self, g):
        return self._later(g, ("前", "之前", "以前"))

    def _zh_same_day(self, g):
        if self.previous is None or not self.previous.day:
            return None, "relative", True, None, None, 0.0
        n = 1 if g["rel"] in ("次日", "翌日", "第二天") else 0
        p, _ = _shift(self.previous, n, "day")
        return _edtf(p), "relative", True, "previous", p, 0.85

    def _zh_same_month(self, g):
        rel = g["rel"]
        if rel in ("上个月", "本月"):
            if self.statement is None:
                return None, "relative", True, None, None, 0.0
            p, _ = _shift(
                _Point(self.statement.year, self.statement.month),
                -1 if rel == "上个月" else 0,
                "month",
            )
            return _edtf(p), "relative", True, "statement", p, 0.8
        if self.previous is None or not self.previous.month:
            return None, "relative", True, None, None, 0.0
        p, _ = _shift(
            _Point(self.previous.year, self.previous.month),
            1 if rel in ("次月", "下个月") else 0,
            "month",
        )
        return _edtf(p), "relative", True, "previous", p, 0.8

    def _en_month_rel(self, g):
        rel = {"that year": "同年"}.get(g["rel"].lower(), g["rel"].lower())
        got = self._anchor_year(rel)
        if got is None:
            return None, "relative", True, None, None, 0.0
        p = _Point(got[0], en_month(g["mon"]))
        return _edtf(p), "relative", True, got[1], p, 0.85

    def _en_last_month(self, g):
        if self.statement is None:
            return None, "relative", True, None, None, 0.0
        m = en_month(g["mon"])
        y = self.statement.year
        if g["rel"].lower() == "last" and m >= self.statement.month:
            y -= 1
        return _edtf(_Point(y, m)), "relative", True, "statement", _Point(y, m), 0.8

    def _en_weekday(self, g):
        """ "on Tuesday" in a news item: the last such day before the statement's date."""
        if self.statement is None:
            return None, "relative", True, None, None, 0.0
        wd = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].index(
            g["wd"].lower()
        )
        back = (self.statement.weekday() - wd) % 7  # the statement's own weekday: that day
        day = self.statement - timedelta(days=back)
        p = _Point(day.year, day.month, day.day)
        return _edtf(p), "relative", True, "statement", p, 0.7

    def _zh_today(self, g):
        if self.statement is None:
            return None, "relative", True, None, None, 0.0
        back = 1 if g["rel"].startswith("昨") else 0
        day = self.statement - timedelta(days=back)
        p = _Point(day.year, day.month, day.day)
        return _edtf(p), "relative", True, "statement", p, 0.85

    def _year_for(self, month: int, day: int = 0) -> tuple[int, str] | None:
        """The year of a month (and day) written without one.

        After an earlier date in the text: the first such month on or after it (a
        narrative runs forward). Otherwise the latest one not after the statement date.
        """
        if self.previous is not None:
            y = self.previous.year
            if (month, day) < (
                self.previous.month or 0,
                self.previous.day or 0,
            ) and self.previous.month:
                y += 1
            if self.statement is None or date(y, month, 1) <= self.statement:
                return y, "previous"
        if self.statement is None:
            return None
        y = self.statement.year
        if (month, day) > (self.statement.month, self.statement.day if day else 31):
            y -= 1
        return y, "statement"

    def _month_day(self, month: int, day: int, part: str | None = None):
        got = self._year_for(month, day)
        if got is None:
            return None, "relative", True, None, None, 0.0
        y, anchor = got
        p = _Point(y, month, day)
        if day:
            date(y, month, day)
        if part:
            edtf, _ = _month_part(y, month, part)
            return edtf, "relative", True, anchor, p, 0.7
        return _edtf(p), "relative", True, anchor, p, 0.75

    def _zh_md(self, g):
        return self._month_day(number(g["m"]) or 0, number(g["d"]) or 0)

    def _zh_m(self, g):
        return self._month_day(number(g["m"]) or 0, 0, g.get("zpart"))

    def _en_dm(self, g):
        return self._month_day(en_month(g["mon"]), int(g["d"]))

    _en_md = _en_dm

    def _en_m(self, g):
        cue = (g.get("cue") or "").lower().replace("since ", "")
        part = cue if cue in ("early", "late", "mid", "mid-", "the end of", "end of") else None
        return self._month_day(en_month(g["mon"]), 0, part)


_CUE = re.compile(
    r"^(?:(?:in|since|from|until|by|of|during|before|after|the|some ?time in)\s+)+", re.IGNORECASE
)


def typed_edtf(phrase: str) -> str | None:
    """An absolute date phrase through `core.date_input`, the program's one converter of
    typed dates (so a phrase reads here as it would typed in a date field); None where
    that converter does not take the phrase's wording ("the summer of 2018")."""
    from dossier.core.date_input import parse_date_input
    from dossier.core.errors import ValidationError

    try:
        return parse_date_input(_CUE.sub("", phrase.strip())).edtf
    except ValidationError:
        return None


def resolve(
    text: str, sentences_spans: list[tuple[int, int]], statement_date: date | None
) -> list[DateFinding]:
    """Every date phrase of the text (within the given sentence spans), resolved in order."""
    r = Resolver(statement_date)
    out: list[DateFinding] = []
    for a, b in sentences_spans:
        for ph in find_phrases(text, a, b):
            out.append(r.resolve(ph))
    return out
