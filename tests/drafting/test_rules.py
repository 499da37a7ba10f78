"""The drafting rules one by one: sentences, date phrases, names, event words, blocks."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core.dates import is_valid
from dossier.drafting import Known, extract
from dossier.drafting.dates import Resolver, find_phrases
from dossier.drafting.events import blocked_by, find_term, find_triggers
from dossier.drafting.people import PeopleFinder
from dossier.drafting.sentences import split


def _dates(text: str, statement: date | None = None) -> list[tuple[str, str | None]]:
    r = Resolver(statement)
    return [(p.text, r.resolve(p).edtf) for p in find_phrases(text)]


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("2015年7月9日", "2015-07-09"),
        ("2015年7月", "2015-07"),
        ("2015/7/9", "2015-07-09"),
        ("9 July 2015", "2015-07-09"),
        ("July 9, 2015", "2015-07-09"),
        ("July 2015", "2015-07"),
        ("in 2015", "2015"),
        ("early 2017", "2017-01/2017-04"),
        ("late 2016", "2016-09/2016-12"),
        ("2016年底", "2016-09/2016-12"),
        ("2019年3月下旬", "2019-03-21/2019-03-31"),
        ("二〇一五年十月", "2015-10"),
        ("the summer of 2018", "2018-22"),
        ("around 9 July 2015", "2015-07-09~"),
    ],
)
def test_absolute_dates(text, edtf):
    assert _dates(text) == [(text, edtf)]
    assert is_valid(edtf)


def test_relative_dates_resolve_against_the_statement_and_the_previous_date():
    got = _dates("去年7月9日他被刑拘，同年8月被逮捕，两个月后开庭。", date(2021, 3, 10))
    assert got == [("去年7月9日", "2020-07-09"), ("同年8月", "2020-08"), ("两个月后", "2020-10~")]
    got = _dates(
        "He was detained on 9 July 2015. Two years later he was tried. Since January he has been ill.",
        date(2018, 3, 1),
    )
    assert got == [
        ("9 July 2015", "2015-07-09"),
        ("Two years later", "2017-07~"),
        ("Since January", "2018-01"),
    ]
    assert _dates("In May last year", date(2024, 10, 3)) == [("In May last year", "2023-05")]


def test_relative_dates_without_an_anchor_stay_unresolved():
    assert _dates("去年他被带走，两年后获释。") == [("去年", None), ("两年后", None)]


def test_the_verb_may_is_no_date():
    assert _dates("He may be released.") == []


def test_sentences_keep_their_place():
    text = "Mr. Wang was detained on 9 July 2015. He was released.\n\n他于2016年获释。随后被监控！"
    got = split(text)
    assert [s.text for s in got] == [
        "Mr. Wang was detained on 9 July 2015.",
        "He was released.",
        "他于2016年获释。",
        "随后被监控！",
    ]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_names_by_pattern_and_existing_cases_in_any_script():
    f = PeopleFinder([Known("k1", "Zhou Lanfeng", ("周嵐峰",)), Known("k2", "Wanqing Xu")])
    text = "Lawyer Zhou Lan-feng and the Tibetan monk Tenzin Norbu (丹增诺布) met Xu Wanqing."
    got = {m.name: (m.case_id, m.rule) for m in f.find(text, 0, len(text), False)}
    assert got["Zhou Lan-feng"][0] == "k1"
    assert got["Tenzin Norbu"] == (None, "name (中文名)")
    assert got["Xu Wanqing"][0] == "k2"
    zh = "周岚峰律师和维权人士高一鸣于2022年被带走，其妻子李文足女士表示。"
    got = {m.name: (m.case_id, m.role) for m in f.find(zh, 0, len(zh), True)}
    assert got["周岚峰"] == ("k1", "律师")  # traditional 周嵐峰 in the store
    assert got["高一鸣"] == (None, "维权人士")
    assert got["李文足"][1] in ("妻子", "女士")


def test_event_words_longest_wins_and_requests_are_no_events():
    text = "He was released on bail and placed under house arrest."
    assert [t.type for t in find_triggers(text, 0, len(text), False)] == ["bail", "house_arrest"]
    for text, zh in [
        ("He has not been released.", False),
        ("We urge that he should be freed.", False),
        ("我们呼吁当局立即释放他。", True),
        ("他至今未获释。", True),
    ]:
        trs = find_triggers(text, 0, len(text), zh)
        assert trs and all(blocked_by(text, 0, 0, t.span, zh) for t in trs), text
    d = extract(
        "Wang Ming was detained on 1 May 2020. We call for his release. He has not been released."
    )
    assert [e.type for _, e in d.events()] == ["detention"]
    assert len(d.not_used) == 2


def test_prison_terms():
    for text, term in [
        ("sentenced to four years and six months", "P4Y6M"),
        ("判处有期徒刑三年六个月", "P3Y6M"),
        ("sentenced to life imprisonment", "life"),
        ("eighteen months in prison", "P18M"),
    ]:
        assert find_term(text, 0, len(text))[0] == term


def test_a_draft_explains_itself():
    text = (
        "Zhou Lanfeng (周岚峰) was detained on 14 September 2022. "
        "He was sentenced to three years, suspended for four years, on 1 May 2024 for picking quarrels. "
        "The weather was cold."
    )
    d = extract(text)
    (case,) = d.cases
    assert (case.name, case.native_name, case.is_new) == ("Zhou Lanfeng", "周岚峰", True)
    det, ver = case.events
    assert (det.type, det.date, det.trigger.text) == ("detention", "2022-09-14", "was detained")
    assert (ver.type, ver.date, ver.sentence, ver.outcome, ver.probation) == (
        "verdict",
        "2024-05-01",
        "P3Y",
        "suspended",
        "P4Y",
    )
    assert ver.charges == ["picking_quarrels"]
    assert [s.text for s in d.not_used] == ["The weather was cold."]
    js = d.to_json()
    assert js["cases"][0]["events"][1]["trigger"]["text"] == "sentenced"
    assert js["not_used"] == [2]


def test_a_later_date_is_never_borrowed():
    d = extract("Gao Yiming was placed under RSDL and formally arrested on 8 January 2016.")
    by_type = {e.type: e.date for e in d.cases[0].events}
    assert by_type == {"rsdl": None, "arrest": "2016-01-08"}


def test_absolute_phrases_go_through_the_typed_date_converter(monkeypatch):
    import dossier.core.date_input as di
    from dossier.drafting.dates import typed_edtf

    assert typed_edtf("in 9 July 2015") == "2015-07-09"
    assert typed_edtf("the summer of 2018") == "2018-22"
    assert (
        typed_edtf("approximately 9 July 2015") is None
    )  # not its wording: the finder's own reading stays
    assert _dates("approximately 9 July 2015") == [("approximately 9 July 2015", "2015-07-09~")]
    seen = []
    real = di.parse_date_input
    monkeypatch.setattr(di, "parse_date_input", lambda t, **k: seen.append(t) or real(t, **k))
    assert _dates("since 2015年7月9日") == [("2015年7月9日", "2015-07-09")]
    assert seen == ["2015年7月9日"]
