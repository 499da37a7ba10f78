"""The statement as a whole: which script it is read in, and its own date.

* Traditional characters are read through OpenCC as simplified, character for
  character, so every offset found in the reading is an offset in the original, and
  spans and names are given back as the statement wrote them (鄧家欣, not 邓家欣).
* The statement's own date, which relative dates count from: the one the researcher
  gives, else a line that is little more than a date ("9 July 2016", 2016年7月9日),
  "Date: …", a dateline ("DHARAMSALA, 5 June 2023 —", "（2024年8月8日 广州）") or
  "today is …" / 今天是…; it is shown so it can be corrected.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import Resolver, find_phrases
from .model import Draft, Sentence, Span

_HAN = re.compile(r"[\u3400-\u9fff]")
_STATEMENT_CUE = re.compile(
    r"^\s*(?:date|dated|published|issued|prepared|written|updated|sent|日期|发布日期|发布时间|时间)"
    r"(?:\s+on)?\s*[:：]?\s*",
    re.IGNORECASE,
)
# "DHARAMSALA, 5 June 2023 —", "（2024年8月8日 广州）", "I am writing this on …", "今天是…"
_DATELINE_BEFORE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2},?\s*|[（(]\s*)$|"
    r"(?:today is|writing (?:this )?on|今天是)\s*$",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"^\s*(?:[—–-]|[\u4e00-\u9fff]{0,6}\s*[)）])")


def simplified_view(text: str) -> str:
    """The text with traditional characters read as simplified, character for character,
    so that every offset found in it is an offset in the original too."""
    if not _HAN.search(text):
        return text
    from dossier.share.dedupe import _t2s

    cc = _t2s()
    whole = cc.convert(text)
    if len(whole) == len(text):
        return whole
    return "".join(c2 if len(c2 := cc.convert(c)) == 1 else c for c in text)


def back_to_original(draft: Draft, original: str) -> None:
    """Spans and names as the statement wrote them (鄧家欣, not 邓家欣)."""
    view, draft.text = draft.text, original

    def fix(s: Span | None) -> Span | None:
        return None if s is None else Span(s.start, s.end, original[s.start : s.end])

    for s in draft.sentences:
        s.text = original[s.start : s.end]
    draft.statement_date_span = fix(draft.statement_date_span)
    for d in draft.dates:
        d.span = fix(d.span)
    forms: dict[str, str] = {}
    for m in draft.people:
        i = view.find(m.name, m.span.start, m.span.end) if _HAN.search(m.name) else -1
        if i >= 0:
            forms.setdefault(m.name, original[i : i + len(m.name)])
        m.span = fix(m.span)
    for c in draft.cases:
        c.name = forms.get(c.name, c.name)
        c.native_name = forms.get(c.native_name, c.native_name) if c.native_name else None
        c.mentions = [fix(x) for x in c.mentions]
        for e in c.events:
            e.trigger, e.date_span = fix(e.trigger), fix(e.date_span)
            e.evidence = [fix(x) for x in e.evidence]


def is_zh(text: str) -> bool:
    """Chinese rules for a sentence mostly in Han characters ("Chen Yutong (陈雨桐)" is not)."""
    return len(_HAN.findall(text)) > len(re.findall(r"[A-Za-z]", text)) / 3


def statement_date_of(
    text: str, sentences: list[Sentence]
) -> tuple[date | None, Span | None, int | None]:
    """A date standing (almost) alone on a line, or after "Date:": the statement's date."""
    r = Resolver(None)
    for s in sentences:
        phrases = [
            p
            for p in find_phrases(text, s.start, s.end)
            if p.rule in ("zh_day", "iso", "en_dmy", "en_mdy")
        ]
        if not phrases:
            continue
        p = phrases[0]
        rest = (text[s.start : p.start] + text[p.end : s.end]).strip(" ,.;:–—-()（）\t")
        rest = _STATEMENT_CUE.sub("", rest)
        before, after = text[s.start : p.start], text[p.end : s.end]
        dateline = bool(_DATELINE_BEFORE.search(before)) and (
            bool(_DATELINE_AFTER.match(after))
            or not after.strip()
            or "today" in before.lower()
            or "writing" in before
            or "今天" in before
        )
        if len(rest) <= 3 or _STATEMENT_CUE.match(before) or dateline:
            f = r.resolve(p)
            if f.edtf and len(f.edtf) == 10:
                return date.fromisoformat(f.edtf), f.span, s.index
    return None, None, None
