"""Cutting a statement into sentences, keeping each one's place in the text.

Offsets matter more than elegance: every finding is highlighted in the original text,
so a sentence is a (start, end) slice of it, never a rewritten string. Rules:
paragraph breaks always end a sentence; Chinese 。！？； end one; English . ! ? end one
when followed by space and a capital, digit, quote or a Han character, except after
common abbreviations (Mr., Dr., No., St., Jan., …) and initials ("J. Smith").
"""

from __future__ import annotations

import re

from .model import Sentence

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "no",
    "st",
    "jr",
    "sr",
    "prof",
    "rev",
    "gen",
    "col",
    "lt",
    "vs",
    "etc",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "art",
    "para",
}
_ZH_END = re.compile(r"[。！？；]+[”』」）)]*")
_EN_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"“‘(A-Z0-9\u4e00-\u9fff]|\s*$)")
_PARA = re.compile(r"\n\s*\n|\n(?=\s*[-•*\d]+[.)]?\s)|\n")


def split(text: str) -> list[Sentence]:
    """Sentences of `text` in order, blank stretches left out."""
    out: list[Sentence] = []
    for p_start, p_end in _paragraphs(text):
        cuts = [p_start]
        para = text[p_start:p_end]
        for m in _ZH_END.finditer(para):
            cuts.append(p_start + m.end())
        for m in _EN_END.finditer(para):
            if _is_abbreviation(para, m.start()):
                continue
            cuts.append(p_start + m.end())
        cuts.append(p_end)
        cuts = sorted(set(cuts))
        for a, b in zip(cuts, cuts[1:], strict=False):
            _add(out, text, a, b)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _is_abbreviation(para: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z]+)$", para[:dot])
    if not m:
        return False
    word = m.group(1)
    return word.lower() in _ABBREV or (len(word) == 1 and word.isupper())


def _add(out: list[Sentence], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Sentence(index=len(out), start=a, end=b, text=text[a:b]))
