"""Properties of the extractor on any mix of statement fragments: it never fails, every
finding points at the words it came from, every date it drafts is valid EDTF, and each
sentence is either used or listed as not used."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.dates import is_valid
from dossier.drafting import Known, extract

FRAGMENTS = [
    "Lawyer Zhou Lanfeng (周岚峰) was detained on 14 September 2022.",
    "He was formally arrested",
    " two years later.",
    "She was sentenced to three years, suspended for four years,",
    " in early 2017.",
    "We call for his release.",
    "维权人士高一鸣于2022年11月2日被刑事拘留，",
    "去年3月，他被正式逮捕。",
    "次年被判处有期徒刑八年。",
    "His wife Li Wenzu has been harassed since January.",
    "Both were released.",
    "同年6月30日被取保候审。",
    "鄧家欣於2025年5月10日被拘捕。",
    "\n\n",
    " ",
    "12 March 2024\n",
    "The weather was cold.",
    "On Tuesday the court met.",
    "Wang",
    "王",
    "于",
    "，",
    "。",
    ".",
    "(",
    "）",
    "𠀀",
    "May",
    "2015年",
]


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.sampled_from(FRAGMENTS), max_size=12),
    day=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))),
)
def test_any_mix_is_drafted_honestly(parts, day):
    text = "".join(parts)
    d = extract(text, statement_date=day, known=[Known("k", "Gao Yi-ming", ("高一鸣",))])
    assert d.text == text.replace("\r\n", "\n")
    for s in d.sentences:
        assert d.text[s.start : s.end] == s.text and s.text.strip()
    assert {s.index for s in d.not_used} | d.used >= {s.index for s in d.sentences}
    for f in d.dates:
        assert d.text[f.span.start : f.span.end] == f.span.text
        assert f.edtf is None or is_valid(f.edtf), f
    for c, e in d.events():
        assert (
            c.mentions and e.trigger and d.text[e.trigger.start : e.trigger.end] == e.trigger.text
        )
        assert e.sentence_index in d.used
        assert e.date is None or is_valid(e.date), e.date
        for span in (e.date_span, *e.evidence):
            assert span is None or d.text[span.start : span.end] == span.text
        assert 0 < e.confidence <= 1
