"""Prison sentences: one canonical spelling for what verdicts say in many ways.

Researchers copy terms from Chinese verdicts (`有期徒刑三年零六个月`), from English
reports ("4 years 6 months") or type ISO 8601 durations (`P4Y6M`). The store keeps one
canonical form so that the timeline can compute an expected release date and the
briefing can print the term in either language:

* a fixed term: an ISO 8601 duration of years, months, weeks and days, upper case,
  with zero parts dropped (`P4Y6M`, `P18M`, `P30D`). Parts are kept as given, not
  rebalanced (`P18M` stays `P18M`), because the spec promises the term "as given".
* `life`, `death`, `death-suspended`.

Chinese terms name the punishment (有期徒刑 fixed-term imprisonment, 拘役 criminal
detention, 无期徒刑 life, 死刑 death, 死刑缓期（二年）执行 / 死缓 suspended death).
Extra punishments that do not keep anyone in custody (剥夺政治权利 deprivation of
political rights, 罚金 fines, 没收财产 confiscation) may follow after a comma and are
left out of the canonical term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dossier.core.errors import ValidationError
from dossier.core.vocab import SPECIAL_SENTENCES

__all__ = [
    "VerdictText",
    "describe_sentence",
    "normalize_sentence",
    "read_verdict",
    "sentence_parts",
]

_EXAMPLES = "examples: P4Y6M, P18M, life, death, death-suspended, 有期徒刑四年六个月, 无期徒刑"

_ISO_RE = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")
_EN_RE = re.compile(
    r"(?:(\d+)\s*years?)?\s*,?\s*(?:and\s+)?(?:(\d+)\s*months?)?\s*,?\s*(?:and\s+)?"
    r"(?:(\d+)\s*days?)?"
)
_SPECIAL_EN = {
    "life": "life",
    "life imprisonment": "life",
    "life sentence": "life",
    "death": "death",
    "death penalty": "death",
    "death sentence": "death",
    "death-suspended": "death-suspended",
    "death suspended": "death-suspended",
    "suspended death": "death-suspended",
    "suspended death sentence": "death-suspended",
    "death with reprieve": "death-suspended",
}
_SPECIAL_ZH = {
    "无期徒刑": "life",
    "無期徒刑": "life",
    "死刑": "death",
    "死刑立即执行": "death",
    "死缓": "death-suspended",
    "死緩": "death-suspended",
    "死刑缓期执行": "death-suspended",
    "死刑缓期二年执行": "death-suspended",
    "死刑緩期執行": "death-suspended",
    "死刑緩期二年執行": "death-suspended",
}
# Punishments added to a term that keep no one in custody: dropped from the term.
_ADDITIONAL = ("剥夺政治权利", "剝奪政治權利", "并处", "並處", "处罚金", "罚金", "没收", "沒收")
_PUNISHMENTS = ("有期徒刑", "拘役")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_TERM_RE = re.compile(
    r"(?:(?P<y>[0-9０-９零〇一二两兩三四五六七八九十百千]+)年(?P<half>半)?)?零?"
    r"(?:(?P<m>[0-9０-９零〇一二两兩三四五六七八九十百千]+)个?個?月)?"
    r"(?:(?P<d>[0-9０-９零〇一二两兩三四五六七八九十百千]+)[日天])?"
)


def _fail(text: str, why: str) -> ValidationError:
    return ValidationError(f'"{text}" is not a valid sentence: {why} ({_EXAMPLES})')


def _cn_number(s: str) -> int:
    """A number written in Arabic or Chinese numerals: 4, ４, 四, 十一, 二十, 一百二十."""
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            raise ValueError(s)
    return total + current


def _canonical(text: str, y: int, m: int, w: int, d: int) -> str:
    if y == m == w == d == 0:
        raise _fail(text, "a term of no time at all")
    parts = [(y, "Y"), (m, "M"), (w, "W"), (d, "D")]
    return "P" + "".join(f"{n}{u}" for n, u in parts if n)


def _zh_term(text: str, body: str) -> str:
    m = _ZH_TERM_RE.fullmatch(body)
    if m is None or not (m.group("y") or m.group("m") or m.group("d")):
        raise _fail(text, "the term should read like 四年六个月, 七年 or 六个月")
    try:
        y = _cn_number(m.group("y")) if m.group("y") else 0
        mo = _cn_number(m.group("m")) if m.group("m") else 0
        d = _cn_number(m.group("d")) if m.group("d") else 0
    except ValueError:
        raise _fail(text, "the term's numbers could not be read") from None
    if m.group("half"):
        mo += 6
    return _canonical(text, y, mo, 0, d)


def _normalize_zh(text: str, s: str) -> str:
    s = re.sub(r"^(?:判处|判處|判)", "", s)
    head = re.split(r"[，,；;、]", s, maxsplit=1)
    first, rest = head[0].strip(), (head[1].strip() if len(head) > 1 else "")
    if rest and not rest.startswith(_ADDITIONAL):
        raise _fail(text, f"could not read “{rest}”")
    if first in _SPECIAL_ZH:
        return _SPECIAL_ZH[first]
    for p in _PUNISHMENTS:
        if first.startswith(p):
            return _zh_term(text, first[len(p) :])
    if first.startswith(("死刑缓期", "死刑緩期")):
        return "death-suspended"
    return _zh_term(text, first)


@lru_cache(maxsize=4096)
def normalize_sentence(text: str) -> str:
    """The canonical form of a sentence (`P4Y6M`, `life`, …); ValidationError otherwise."""
    if not isinstance(text, str):
        raise ValidationError(f"{text!r} is not a valid sentence ({_EXAMPLES})")
    s = text.strip()
    if not s:
        raise _fail(text, "it is empty")
    low = " ".join(s.lower().split())
    if low in _SPECIAL_EN:
        return _SPECIAL_EN[low]
    up = s.upper()
    if up.startswith("P"):
        m = _ISO_RE.fullmatch(up)
        if m is None or not any(m.groups()):
            raise _fail(text, "an ISO 8601 term has years, months, weeks or days only")
        y, mo, w, d = (int(g) if g else 0 for g in m.groups())
        return _canonical(text, y, mo, w, d)
    if s.isascii():
        m = _EN_RE.fullmatch(low)
        if m is None or not any(m.groups()):
            raise _fail(text, "expected an ISO 8601 duration, life, death or death-suspended")
        y, mo, d = (int(g) if g else 0 for g in m.groups())
        return _canonical(text, y, mo, 0, d)
    return _normalize_zh(text, s)


@lru_cache(maxsize=4096)
def sentence_parts(canon: str) -> tuple[int, int, int] | None:
    """(years, months, days) of a fixed term, weeks folded into days; None otherwise.

    Returns None for life, death and death-suspended, and for text that is not a valid
    sentence, so that a bad stored value never stops the timeline from being drawn.
    """
    try:
        c = normalize_sentence(canon)
    except ValidationError:
        return None
    if not c.startswith("P"):
        return None
    m = _ISO_RE.fullmatch(c)
    assert m is not None  # normalize_sentence only returns matching durations
    y, mo, w, d = (int(g) if g else 0 for g in m.groups())
    return y, mo, w * 7 + d


def _zh_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


@lru_cache(maxsize=4096)
def describe_sentence(canon: str, lang: str = "en") -> str:
    """A sentence for people: "4 years 6 months" / "有期徒刑四年六个月", "life imprisonment"."""
    zh = lang.startswith("zh")
    try:
        c = normalize_sentence(canon)
    except ValidationError:
        return canon
    if c in SPECIAL_SENTENCES:
        term = SPECIAL_SENTENCES[c]
        return term.zh if zh else term.en[0] + term.en[1:].lower()
    parts = sentence_parts(c)
    assert parts is not None
    y, m, d = parts
    if zh:
        out = "有期徒刑"
        out += f"{_zh_number(y)}年" if y else ""
        out += f"{_zh_number(m)}个月" if m else ""
        out += f"{_zh_number(d)}天" if d else ""
        return out
    words = []
    for n, unit in ((y, "year"), (m, "month"), (d, "day")):
        if n:
            words.append(f"{n} {unit}{'s' if n != 1 else ''}")
    return " ".join(words)


# --- whole verdicts: term, suspension, exemption, political rights (issue #11) ---------


@dataclass(frozen=True)
class VerdictText:
    """What a verdict's sentence text says, split into the Event fields that hold it.

    `sentence` is the canonical term (None when no term is imposed: exempt, acquitted,
    fine only); `outcome` is a vocab.OUTCOMES id or None when the text does not say
    (a bare term: the caller decides, `custodial` by default for a verdict);
    `probation` and `political_rights` are canonical ISO durations (or `life` for
    lifelong deprivation of political rights, 剥夺政治权利终身).
    """

    sentence: str | None = None
    outcome: str | None = None
    probation: str | None = None
    political_rights: str | None = None


_EXEMPT = {
    "exempt",
    "exempt from punishment",
    "exempt from criminal punishment",
    "exempted from punishment",
    "exempted from criminal punishment",
    "免予刑事处罚",
    "免于刑事处罚",
    "免予刑事處罰",
    "免於刑事處罰",
    "定罪免刑",
    "定罪免罚",
}
_ACQUITTED = {"acquitted", "acquittal", "not guilty", "无罪", "宣告无罪", "無罪", "宣告無罪"}
_FINE_ONLY = {"fine", "fine only", "罚金", "单处罚金", "處罰金", "罰金", "單處罰金"}
_EN_SUSPENDED = re.compile(r"(.+?)\s*,?\s+suspended\s+(?:for\s+)?(.+)")
_EN_RIGHTS = re.compile(r"(?:deprivation of |deprived of )?political rights\s+(?:for\s+)?(.+)")
_EN_SURVEILLANCE = re.compile(r"public surveillance\s+(?:for\s+)?(.+)")


def _term(text: str, part: str, where: str = "") -> str:
    canon = normalize_sentence(part)
    if not canon.startswith("P"):
        raise _fail(text, f"{where or 'the term'} must be a fixed term, not {canon}")
    return canon


def _read_en(text: str, low: str) -> VerdictText:
    out = {"sentence": None, "outcome": None, "probation": None, "political_rights": None}
    for chunk in (
        c.strip() for c in re.split(r"[;,]\s*(?=(?:deprivation|deprived|political|fine))", low)
    ):
        if not chunk:
            continue
        if m := _EN_RIGHTS.fullmatch(chunk):
            out["political_rights"] = (
                "life"
                if m.group(1) in ("life", "for life")
                else _term(text, m.group(1), "political rights")
            )
        elif chunk in ("fine", "and a fine", "plus a fine"):
            continue
        elif m := _EN_SUSPENDED.fullmatch(chunk):
            out["sentence"] = _term(text, m.group(1))
            out["probation"] = _term(text, m.group(2), "the probation")
            out["outcome"] = "suspended"
        elif m := _EN_SURVEILLANCE.fullmatch(chunk):
            out["sentence"] = _term(text, m.group(1))
            out["outcome"] = "public_surveillance"
        elif chunk in _EXEMPT:
            out["outcome"] = "exempt"
        elif chunk in _ACQUITTED:
            out["outcome"] = "acquitted"
        elif chunk in _FINE_ONLY:
            out["outcome"] = "fine"
        else:
            out["sentence"] = normalize_sentence(chunk)
    return VerdictText(**out)


def _read_zh(text: str, s: str) -> VerdictText:
    out = {"sentence": None, "outcome": None, "probation": None, "political_rights": None}
    s = re.sub(r"^(?:判处|判處|判)", "", s)
    for chunk in (c.strip() for c in re.split(r"[，,；;、。]", s)):
        chunk = re.sub(r"^(?:并处|並處|附加)", "", chunk)
        if not chunk:
            continue
        main, _, probation = chunk.partition("缓刑") if "缓刑" in chunk else chunk.partition("緩刑")
        if probation:
            out["probation"] = _term(text, _zh_term(text, probation), "the probation")
            out["outcome"] = "suspended"
            if not main:
                continue
            chunk = main
        if chunk.startswith(("剥夺政治权利", "剝奪政治權利")):
            rest = chunk[6:]
            out["political_rights"] = "life" if rest in ("终身", "終身") else _zh_term(text, rest)
        elif chunk in _EXEMPT:
            out["outcome"] = "exempt"
        elif chunk in _ACQUITTED:
            out["outcome"] = "acquitted"
        elif chunk in _FINE_ONLY or chunk.startswith(
            ("罚金", "罰金", "处罚金", "處罰金", "没收", "沒收")
        ):
            if out["sentence"] is None and out["outcome"] is None and chunk in _FINE_ONLY:
                out["outcome"] = "fine"
        elif chunk.startswith("管制"):
            out["sentence"] = _zh_term(text, chunk[2:])
            out["outcome"] = "public_surveillance"
        else:
            out["sentence"] = _normalize_zh(text, chunk)
    return VerdictText(**out)


@lru_cache(maxsize=4096)
def read_verdict(text: str) -> VerdictText:
    """Split a verdict as researchers write it into term, outcome, probation and
    deprivation of political rights; ValidationError naming the problem otherwise.

    `P3Y suspended P4Y`, `3 years suspended 4 years`, `有期徒刑三年缓刑四年` → term
    P3Y, outcome suspended, probation P4Y; `exempt`, `免予刑事处罚` → outcome exempt;
    `P4Y6M, political rights P3Y`, `有期徒刑四年六个月，剥夺政治权利三年` → term P4Y6M,
    political_rights P3Y; `管制一年` → public_surveillance P1Y; `罚金`/`fine` → fine.
    A plain term (`P7Y`, `有期徒刑七年`) gives outcome None (see VerdictText).
    """
    if not isinstance(text, str) or not text.strip():
        raise _fail(str(text), "it is empty")
    s = text.strip()
    low = " ".join(s.lower().split())
    if s.isascii():
        v = _read_en(text, low)
    else:
        v = _read_zh(text, s)
    if v.outcome is None and v.sentence is None and v.political_rights is None:
        raise _fail(text, "no term, suspension or exemption could be read")
    return v
