"""A Chinese packet prints the Chinese versions of narrative fields, marks what has none,
and translates the vocabulary words (issue #15, item 1)."""

from __future__ import annotations

from tests.briefing import samples
from tests.briefing.conftest import build, pdftotext

ZH_SUMMARY = "维权律师，在2015年7月的“709大抓捕”中被羁押。"
ZH_NOTE = "被警方带走；另有报道称是7月10日。"


def _cases():
    cases = [c for c in samples.cases() if c.id == "c-wang-quanzhang"]
    wang = cases[0]
    wang.translations = {"summary": {"zh": ZH_SUMMARY}}
    first = next(e for e in wang.events if e.seq == 1)
    first.translations = {"note": {"zh": ZH_NOTE}, "place": {"zh": "北京"}}
    return cases


def test_chinese_packet_uses_chinese_versions_and_marks_the_rest(tmp_path):
    path = tmp_path / "zh.pdf"
    build(path, cases=_cases(), lang="zh")
    t = "".join(pdftotext(path).split())
    assert ZH_SUMMARY in t and ZH_NOTE in t and "北京" in t
    assert "Rights lawyer detained" not in t  # the English summary gave way
    assert "〔未译〕" in t  # notes with no Chinese version are marked, not passed off
    assert "可信度：据报道" in t and "reported)" not in t  # vocabulary words translated


def test_english_packet_keeps_the_text_as_typed(tmp_path):
    path = tmp_path / "en.pdf"
    build(path, cases=_cases(), lang="en")
    t = " ".join(pdftotext(path).split())
    assert "Rights lawyer detained in the July 2015 crackdown" in t
    assert ZH_SUMMARY not in t.replace(" ", "") and "[not translated]" not in t
