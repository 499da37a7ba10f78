"""Small numbers as statements write them: 3, three, 三, 两, 十一, 二十五."""

from __future__ import annotations

_EN = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
_ZH = {
    "零": 0,
    "〇": 0,
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

EN_WORDS = "|".join(sorted(_EN, key=len, reverse=True))
ZH_CHARS = "零〇一二两三四五六七八九十"


def number(text: str) -> int | None:
    """The value of a digit string, an English number word or a Chinese numeral (< 100)."""
    t = text.strip().lower()
    if not t:
        return None
    if t.isdigit():
        return int(t)
    if t in _EN:
        return _EN[t]
    if all(c in ZH_CHARS for c in t):
        if "十" in t:
            tens, _, ones = t.partition("十")
            return (_ZH.get(tens, 1) if tens else 1) * 10 + (_ZH.get(ones, 0) if ones else 0)
        if len(t) == 1:
            return _ZH.get(t)
    return None
