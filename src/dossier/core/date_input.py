"""Dates as researchers type and paste them, turned into the EDTF the store keeps.

A researcher copies "2015年7月9日" from a news report, "2015/7/9" from a Chinese Excel
sheet, "9 July 2015" from an NGO page, or writes "late 2017" because that is all that is
known. The store keeps EDTF (see `core.dates`); this module is the one door from what
was typed to EDTF, used by the window's date fields, the CLI and CSV/XLSX import, so
every front end accepts the same forms and refuses the same ones with the same message.

`parse_date_input(text, lang=...)` returns a `DateInput`: the EDTF to store, the text
as typed, and how it was understood ("early 2017 (1 Jan – 30 Apr)") so the front end can
show it back — a guess the researcher can see is a guess they can correct.

Accepted forms (after Unicode NFKC, so full-width digits and punctuation count too):

* EDTF this program understands, unchanged: `2015-07-09`, `2015-10~`, `2015/2016`.
* Chinese: `2015年7月9日` (or 号), `2015年7月`, `2015年`, Chinese numerals
  (`二〇一五年七月九日`), `2015年初` / `年中` / `年底` (`年末`), `上半年` / `下半年`,
  `2015年春` (夏/秋/冬, with or without 季/天), `2015年7月上旬` / `中旬` / `下旬`,
  `2015年7月初` / `中` / `底`, `2010年代`, and `约`/`大约`/`左右` for "about".
* Year first, any of `/ . -` between parts: `2015/7/9`, `2015.7.9`, `2015-7-9`,
  `2015/7`, `2015.07`.
* Day or month first, four-digit year last: `25/7/2015` and `7/25/2015` are read the
  only way they can be; `09/07/2015` (9 July or September 7?) is **refused**: the
  message says why and what to type. `7/2015` is July 2015.
* English: `9 July 2015`, `9th of July, 2015`, `July 9, 2015`, `July 2015`, `Jul. 2015`,
  `spring 2017`, `the 1990s`, `about 2015` / `c. 2015` / `circa 2015`.
* `early` / `mid` / `late` + a year or a month. A year is cut in thirds of four months
  (`early 2017` = `2017-01/2017-04`, `mid` = May–August, `late` = September–December),
  a month in thirds of ten days like 上旬/中旬/下旬 (`late July 2015` =
  `2015-07-21/2015-07-31`). These are ranges: the stored EDTF says what is meant.
* Ranges of any of the above: `2015年7月至2016年`, `July 2015 to March 2016`,
  `2015/7/9 – 2016/1/2`, `2015–2017`, `between 2015 and 2017`.
* A start that lasts: `since 2010`, `2010年起`, `2010年以来`, `2010年至今`,
  `2010 – present` give the start, `2010` (an event's date; its End stays empty).

Why a hand parser and `dateparser` only as a last resort: measured with dateparser
1.5, `2015年` comes back as 0011-12-01, `09/07/2015` silently as September 7 (there is
no way to ask it to refuse an ambiguous order), `early 2017` and `2015年初` are not
understood, and it has no notion of a date that means a month or a year other than a
"period" hint. Its import costs 60–120 ms and its first parse ~250 ms (language data;
2.5 s without a language list), measured here, which the window's cold start must not pay. So the forms above are matched exactly here, and
`dateparser` is imported lazily only for text with letters that none of them matched
(other spellings and languages: "9. Juli 2015", "juillet 2015"), and its answer is kept
only if the four-digit year typed is the year it found and it says the date is a day,
a month or a year (never "tomorrow" or "last week").
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dossier.core.dates import describe, parse_edtf
from dossier.core.errors import ValidationError

__all__ = ["DateInput", "future_warning", "parse_date_input"]


class _Lazy:
    """A regular expression compiled on first use: the window imports this module at
    start-up (its date fields), and compiling the patterns below costs ~7 ms there."""

    __slots__ = ("_args", "_rx")

    def __init__(self, *args) -> None:
        self._args, self._rx = args, None

    def __getattr__(self, name: str):
        if self._rx is None:
            self._rx = re.compile(*self._args)
        return getattr(self._rx, name)


@dataclass(frozen=True)
class DateInput:
    """What was typed, what is stored, and how it was understood.

    `edtf` is what the store keeps; `understood` is `core.dates.describe(edtf, lang)`,
    for the front end to show back; `converted` is True when `edtf` differs from the
    text as typed (the front end may then say "stored as 2017-01/2017-04").
    """

    text: str
    edtf: str
    understood: str
    converted: bool


# --- messages ------------------------------------------------------------------------


def _zh(lang: str) -> bool:
    return (lang or "en").lower().startswith("zh")


def _msg(lang: str, en: str, zh: str) -> str:
    return zh if _zh(lang) else en


def _unknown(text: str, lang: str) -> ValidationError:
    return ValidationError(
        _msg(
            lang,
            f'"{text}" is not a date this program understands. Type, for example, '
            "2015-07-09, 2015-10, 2018, 9 July 2015, 2015年7月9日, 2015/7/9, early 2017, "
            "or an EDTF date such as 2015-10~ (about October 2015).",
            f"无法把“{text}”识别为日期。可以写：2015-07-09、2015年7月9日、2015年7月、"
            "2015年、2015年初、2015/7/9、9 July 2015，或 EDTF 日期如 2015-10~（约2015年10月）。",
        )
    )


def _ambiguous(text: str, a: int, b: int, y: int, lang: str) -> ValidationError:
    en_dm, en_md = f"{a} {_MONTHS[b - 1].title()} {y}", f"{_MONTHS[a - 1].title()} {b}, {y}"
    return ValidationError(
        _msg(
            lang,
            f'"{text}" is ambiguous: it is {en_dm} written day first (as in most of the '
            f"world) but {en_md} written month first (as in the US). Type the year first, "
            f"{y}-{b:02d}-{a:02d} or {y}-{a:02d}-{b:02d}, or write the month out "
            f"({en_dm}).",
            f"“{text}”有歧义：按“日/月/年”是{y}年{b}月{a}日，按“月/日/年”（美国写法）是"
            f"{y}年{a}月{b}日。请把年份写在前面，如 {y}-{b:02d}-{a:02d} 或 {y}年{b}月{a}日。",
        )
    )


def _bad_day(text: str, y: int, m: int, d: int, lang: str) -> ValidationError:
    if not 1 <= m <= 12:
        return ValidationError(
            _msg(lang, f'"{text}": month {m} does not exist.', f"“{text}”：没有{m}月。")
        )
    return ValidationError(
        _msg(
            lang,
            f'"{text}": {_MONTHS[m - 1].title()} {y} has no day {d}.',
            f"“{text}”：{y}年{m}月没有{d}日。",
        )
    )


# --- normalising ---------------------------------------------------------------------

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
_MONTH_NAMES = {m: i + 1 for i, m in enumerate(_MONTHS)}
_MONTH_NAMES.update({m[:3]: i + 1 for i, m in enumerate(_MONTHS)})
_MONTH_NAMES.update({"sept": 9})
_MONTH_RE = "(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_RUN = _Lazy("[〇零○一二两三四五六七八九十]+")


def _cn_number(run: str) -> str:
    """二〇一五 → 2015 (digit by digit); 十二 → 12, 二十九 → 29, 十 → 10 (with 十)."""
    if "十" not in run:
        return "".join(str(_CN_DIGITS[c]) for c in run)
    tens, _, units = run.partition("十")
    value = (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return str(value) if len(units) <= 1 and len(tens) <= 1 else run


def _normalise(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    s = _CN_RUN.sub(lambda m: _cn_number(m.group()), s)
    s = re.sub(r"\s+", " ", s)
    return s.replace("–", "-").replace("—", "-").replace("～", "~")


# --- points --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """One parsed date: EDTF for each end (the same string unless it is a span)."""

    start: str
    end: str

    def edtf(self) -> str:
        return self.start if self.start == self.end else f"{self.start}/{self.end}"


def _day(text: str, y: int, m: int, d: int, lang: str) -> _Point:
    if not 1 <= m <= 12 or y < 1 or not 1 <= d <= monthrange(y, m)[1]:
        raise _bad_day(text, y, m, d, lang)
    s = f"{y:04d}-{m:02d}-{d:02d}"
    return _Point(s, s)


def _month(text: str, y: int, m: int, lang: str) -> _Point:
    if not 1 <= m <= 12 or y < 1:
        raise _bad_day(text, y, m, 1, lang)
    s = f"{y:04d}-{m:02d}"
    return _Point(s, s)


def _year(y: int) -> _Point:
    return _Point(f"{y:04d}", f"{y:04d}")


_THIRDS_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_THIRDS_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_SEASON_CODES = {
    "spring": 21,
    "summer": 22,
    "autumn": 23,
    "fall": 23,
    "winter": 24,
    "春": 21,
    "夏": 22,
    "秋": 23,
    "冬": 24,
}
_CN_PART_OF_YEAR = {
    "初": "early",
    "中": "mid",
    "底": "late",
    "末": "late",
    "上半年": "h1",
    "下半年": "h2",
}
_CN_PART_OF_MONTH = {
    "上旬": "early",
    "中旬": "mid",
    "下旬": "late",
    "初": "early",
    "中": "mid",
    "底": "late",
    "末": "late",
}


def _part_of_year(y: int, part: str) -> _Point:
    if part in ("h1", "h2"):
        a, b = (1, 6) if part == "h1" else (7, 12)
    else:
        a, b = _THIRDS_OF_YEAR[part]
    return _Point(f"{y:04d}-{a:02d}", f"{y:04d}-{b:02d}")


def _part_of_month(text: str, y: int, m: int, part: str, lang: str) -> _Point:
    _month(text, y, m, lang)
    a, b = _THIRDS_OF_MONTH[part]
    b = min(b, monthrange(y, m)[1]) if part == "late" else b
    return _Point(f"{y:04d}-{m:02d}-{a:02d}", f"{y:04d}-{m:02d}-{b:02d}")


_CN_RE = _Lazy(
    r"(?P<y>\d{4})年"
    r"(?:(?P<season>[春夏秋冬])(?:季|天)?"
    r"|(?P<ypart>初|中|底|末|上半年|下半年)"
    r"|(?P<m>\d{1,2})月(?:份)?(?:(?P<d>\d{1,2})[日号]|(?P<mpart>上旬|中旬|下旬|初|中|底|末))?)?"
)
_DECADE_RE = _Lazy(r"(?:the )?(?P<y>\d{3})0(?:'?s|年代)")
_YMD_RE = _Lazy(r"(?P<y>\d{4})(?P<sep>[/.\-])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?\.?")
_DMY_RE = _Lazy(r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?:(?P<b>\d{1,2})(?P=sep))?(?P<y>\d{4})")
_EN_DMY_RE = _Lazy(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH_RE},? (?P<y>\d{{4}})")
_EN_MDY_RE = _Lazy(rf"{_MONTH_RE} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})")
_EN_MY_RE = _Lazy(rf"{_MONTH_RE},? (?P<y>\d{{4}})")
_EN_PART_RE = _Lazy(
    rf"(?:in )?(?:the )?(?P<part>early|mid|middle of|late|end of|start of|beginning of)"
    rf"[ \-]?(?:{_MONTH_RE} )?(?P<y>\d{{4}})"
)
_EN_SEASON_RE = _Lazy(r"(?P<s>spring|summer|autumn|fall|winter),? (?:of )?(?P<y>\d{4})")
_PART_ALIASES = {"middle of": "mid", "end of": "late", "start of": "early", "beginning of": "early"}


def _point(text: str, s: str, lang: str) -> _Point | None:
    """One date (no range) in `s` (normalised, lower case), or None if no form matches."""
    if m := _CN_RE.fullmatch(s):
        y = int(m["y"])
        if m["season"]:
            return _Point(
                f"{y:04d}-{_SEASON_CODES[m['season']]}", f"{y:04d}-{_SEASON_CODES[m['season']]}"
            )
        if m["ypart"]:
            return _part_of_year(y, _CN_PART_OF_YEAR[m["ypart"]])
        if m["m"] is None:
            return _year(y)
        if m["d"]:
            return _day(text, y, int(m["m"]), int(m["d"]), lang)
        if m["mpart"]:
            return _part_of_month(text, y, int(m["m"]), _CN_PART_OF_MONTH[m["mpart"]], lang)
        return _month(text, y, int(m["m"]), lang)
    if m := _DECADE_RE.fullmatch(s):
        return _Point(f"{m['y']}X", f"{m['y']}X")
    if m := _YMD_RE.fullmatch(s):
        y, mo = int(m["y"]), int(m["m"])
        return _day(text, y, mo, int(m["d"]), lang) if m["d"] else _month(text, y, mo, lang)
    if m := _DMY_RE.fullmatch(s):
        y, a = int(m["y"]), int(m["a"])
        if m["b"] is None:
            return _month(text, y, a, lang)
        b = int(m["b"])
        if a == b or a > 12:
            return _day(text, y, b, a, lang)
        if b > 12:
            return _day(text, y, a, b, lang)
        raise _ambiguous(text, a, b, y, lang)
    if m := _EN_DMY_RE.fullmatch(s):
        return _day(text, int(m["y"]), _MONTH_NAMES[m[2]], int(m["d"]), lang)
    if m := _EN_MDY_RE.fullmatch(s):
        return _day(text, int(m["y"]), _MONTH_NAMES[m[1]], int(m["d"]), lang)
    if m := _EN_MY_RE.fullmatch(s):
        return _month(text, int(m["y"]), _MONTH_NAMES[m[1]], lang)
    if m := _EN_PART_RE.fullmatch(s):
        part = _PART_ALIASES.get(m["part"], m["part"])
        if m[2]:
            return _part_of_month(text, int(m["y"]), _MONTH_NAMES[m[2]], part, lang)
        return _part_of_year(int(m["y"]), part)
    if m := _EN_SEASON_RE.fullmatch(s):
        code = _SEASON_CODES[m["s"]]
        return _Point(f"{m['y']}-{code}", f"{m['y']}-{code}")
    if re.fullmatch(r"\d{4}", s):
        return _year(int(s))
    return None


# Languages dateparser may try: the ones researchers on China commonly read and paste
# from. Without a list it loads every language it knows (2.5 s on first use, measured).
_DATEPARSER_LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "ru", "ja", "zh"]


@lru_cache(maxsize=1)
def _dateparser():  # noqa: ANN202 - dateparser's type is not imported eagerly
    try:
        from dateparser.date import DateDataParser  # lazy: see the module docstring for the cost
    except ImportError:  # pragma: no cover
        return None
    return DateDataParser(
        languages=_DATEPARSER_LANGUAGES,
        settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"},
    )


def _via_dateparser(s: str) -> _Point | None:
    """Last resort for other spellings and languages; only a day, month or year whose
    four-digit year is the one typed (see the module docstring for why)."""
    years = re.findall(r"(?<!\d)\d{4}(?!\d)", s)
    if len(years) != 1 or not re.search(r"[^\W\d_]", s):
        return None
    parser = _dateparser()
    if parser is None:  # pragma: no cover - declared dependency, but never fatal
        return None
    data = parser.get_date_data(s)
    d = data.date_obj
    if d is None or d.year != int(years[0]):
        return None
    if data.period == "day":
        v = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    elif data.period == "month":
        v = f"{d.year:04d}-{d.month:02d}"
    elif data.period == "year":
        v = f"{d.year:04d}"
    else:
        return None
    return _Point(v, v)


# --- qualifiers and ranges -----------------------------------------------------------

_ABOUT_PREFIX = _Lazy(r"(?:about|around|approx\.?|approximately|circa|ca\.|c\.|大约|约|大概)\s*")
_ABOUT_SUFFIX = _Lazy(r"\s*(?:左右|前后|前後)$")
_RANGE_SPLIT = _Lazy(
    r"\s+(?:to|until|till|-|and)\s+|\s*(?:至|到|－|~)\s*|\s+-\s*|\s*-\s+"
    r"|(?<=\d)-(?=\d{4}(?!\d))"
)  # 2015–2017 (en dash, made "-" by _normalise)
# "since 2010", "2010年起", "2010年以来", "2010至今", "2010 – present": the date is the
# start (an event's date; the End field stays empty while it lasts).
_SINCE = _Lazy(
    r"(?:since|from)\s+(?P<d>.+)|(?P<d2>.+?)\s*(?:至今|迄今|以来|起|到现在|到今天"
    r"|-\s*(?:present|now|today)|to (?:date|present|now|today)|onwards?)"
)
_BETWEEN = _Lazy(r"(?:between|from)\s+|介于|從|从")


def _qualified(point: _Point, q: str) -> _Point:
    if not q:
        return point
    return _Point(point.start + q, point.end + q)


def _one(text: str, s: str, lang: str) -> _Point | None:
    q = ""
    if m := _ABOUT_PREFIX.match(s):
        s, q = s[m.end() :], "~"
    if m := _ABOUT_SUFFIX.search(s):
        s, q = s[: m.start()], "~"
    if s.endswith("?") and not q:
        s, q = s[:-1].rstrip(), "?"
    p = _point(text, s, lang)
    if p is None:
        p = _via_dateparser(s)
    return _qualified(p, q) if p else None


def _convert(text: str, lang: str) -> str:
    s = _normalise(text).lower()
    p = _one(text, s, lang)
    if p is not None:
        return p.edtf()
    if m := _SINCE.fullmatch(s):
        p = _one(text, m["d"] or m["d2"], lang)
        if p is not None:
            return p.start
    body = _BETWEEN.sub("", s, count=1) if _BETWEEN.match(s) else s
    body = re.sub(r"\s*(?:之间|之間)$", "", body)
    parts = _RANGE_SPLIT.split(body)
    if len(parts) == 2 and all(parts):
        a, b = _one(text, parts[0], lang), _one(text, parts[1], lang)
        if a is not None and b is not None:
            return f"{a.start}/{b.end}"
    raise _unknown(text, lang)


def _looks_like_edtf(s: str) -> bool:
    return bool(re.fullmatch(r"[0-9Xx?~%\-/.:TZ+]+", s)) and s.count("/") <= 1


def parse_date_input(text: str, *, lang: str = "en") -> DateInput:
    """The EDTF for a date as a researcher typed or pasted it; ValidationError if none.

    `lang` ("en", "zh", "zh_CN") chooses the language of `understood` and of error
    messages. Existing EDTF comes back unchanged. An ambiguous day/month order
    (`09/07/2015`) is refused with a message that says why and what to type.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(_msg(lang, "A date is needed.", "需要填写日期。"))
    typed = text.strip()
    try:
        parse_edtf(typed)
        edtf = typed
    except ValidationError as edtf_error:
        try:
            edtf = _convert(typed, lang)
        except ValidationError as own:
            if (
                not _zh(lang)
                and _looks_like_edtf(typed)
                and "ambiguous" not in str(own)
                and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}[?~%]?(?:/.*)?", typed)
            ):
                raise edtf_error from None  # the EDTF parser's reason is the more precise
            raise
    try:
        understood = describe(edtf, "zh" if _zh(lang) else "en")
    except ValidationError as exc:  # built from parts that parse_edtf still refuses
        if _zh(lang):
            raise _unknown(typed, lang) from exc
        raise
    return DateInput(text=typed, edtf=edtf, understood=understood, converted=edtf != typed)


def future_warning(edtf: str, today: date, *, lang: str = "en") -> str | None:
    """A warning when the date cannot have begun yet (all its days are after `today`).

    A detention "in 2030" is far more likely a typo (2003?) than a plan; front ends warn
    and let the researcher confirm rather than refuse, since some dates are rightly in
    the future (a sentence's expected end, a scheduled trial).
    """
    try:
        earliest = parse_edtf(edtf).earliest
    except ValidationError:
        return None
    if earliest <= today:
        return None
    return _msg(
        lang,
        f"{edtf} is in the future (today is {today.isoformat()}). Check the year.",
        f"{edtf} 在未来（今天是 {today.isoformat()}），请核对年份。",
    )
