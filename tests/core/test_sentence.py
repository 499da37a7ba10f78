"""Sentences: ISO 8601, English and Chinese verdict wording to one canonical form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.errors import ValidationError
from dossier.core.sentence import describe_sentence, normalize_sentence, sentence_parts


@pytest.mark.parametrize(
    ("text", "canon"),
    [
        ("P4Y6M", "P4Y6M"),
        ("P18M", "P18M"),
        ("P2Y", "P2Y"),
        ("P30D", "P30D"),
        ("p4y6m", "P4Y6M"),
        (" P4Y0M ", "P4Y"),
        ("P2W", "P2W"),
        ("life", "life"),
        ("Life imprisonment", "life"),
        ("death", "death"),
        ("death-suspended", "death-suspended"),
        ("death suspended", "death-suspended"),
        ("4 years 6 months", "P4Y6M"),
        ("4 years and 6 months", "P4Y6M"),
        ("18 months", "P18M"),
        ("1 year", "P1Y"),
        ("有期徒刑四年六个月", "P4Y6M"),
        ("有期徒刑七年", "P7Y"),
        ("有期徒刑三年零六个月", "P3Y6M"),
        ("有期徒刑十一年", "P11Y"),
        ("有期徒刑二十年", "P20Y"),
        ("有期徒刑两年", "P2Y"),
        ("有期徒刑一年半", "P1Y6M"),
        ("有期徒刑4年6个月", "P4Y6M"),
        ("有期徒刑４年", "P4Y"),
        ("有期徒刑十八个月", "P18M"),
        ("判处有期徒刑七年，剥夺政治权利三年", "P7Y"),
        ("有期徒刑八年六個月", "P8Y6M"),
        ("无期徒刑", "life"),
        ("無期徒刑", "life"),
        ("死刑", "death"),
        ("死刑缓期执行", "death-suspended"),
        ("死刑缓期二年执行", "death-suspended"),
        ("死缓", "death-suspended"),
        ("拘役六个月", "P6M"),
    ],
)
def test_normalize(text: str, canon: str) -> None:
    assert normalize_sentence(text) == canon


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("P", "ISO 8601"),
        ("PT4H", "ISO 8601"),
        ("P0D", "no time"),
        ("P4Y6M3", "ISO 8601"),
        ("forever", "expected an ISO 8601 duration"),
        ("有期徒刑", "should read like"),
        ("徒刑", "should read like"),
        ("有期徒刑七年，罚款不详", "could not read"),
        ("有期徒刑零年", "no time"),
    ],
)
def test_invalid_sentences(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_sentence(text)
    assert reason in str(exc.value)
    assert f'"{text}" is not a valid sentence' in str(exc.value)


@pytest.mark.parametrize(
    ("canon", "parts"),
    [
        ("P4Y6M", (4, 6, 0)),
        ("P18M", (0, 18, 0)),
        ("P30D", (0, 0, 30)),
        ("P2W", (0, 0, 14)),
        ("P1Y2M3W4D", (1, 2, 25)),
        ("life", None),
        ("death", None),
        ("death-suspended", None),
        ("not a sentence", None),
    ],
)
def test_parts(canon: str, parts) -> None:
    assert sentence_parts(canon) == parts


@pytest.mark.parametrize(
    ("canon", "en", "zh"),
    [
        ("P4Y6M", "4 years 6 months", "有期徒刑四年六个月"),
        ("P1Y", "1 year", "有期徒刑一年"),
        ("P11Y", "11 years", "有期徒刑十一年"),
        ("P18M", "18 months", "有期徒刑十八个月"),
        ("P30D", "30 days", "有期徒刑三十天"),
        ("life", "Life imprisonment", "无期徒刑"),
        ("death", "Death", "死刑"),
        ("death-suspended", "Death, suspended", "死刑缓期执行"),
    ],
)
def test_describe(canon: str, en: str, zh: str) -> None:
    assert describe_sentence(canon) == en
    assert describe_sentence(canon, "zh-Hans") == zh


def test_describe_keeps_unreadable_text() -> None:
    assert describe_sentence("ten lashes") == "ten lashes"


terms = st.tuples(st.integers(0, 150), st.integers(0, 150), st.integers(0, 400)).filter(
    lambda t: any(t)
)


@settings(max_examples=200)
@given(terms)
def test_descriptions_read_back_to_the_same_term(t) -> None:
    y, m, d = t
    canon = "P" + "".join(f"{n}{u}" for n, u in zip(t, "YMD", strict=True) if n)
    assert normalize_sentence(canon) == canon
    assert sentence_parts(canon) == (y, m, d)
    assert normalize_sentence(describe_sentence(canon)) == canon
    assert normalize_sentence(describe_sentence(canon, "zh")) == canon


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_arbitrary_text_never_raises_anything_but_validation_error(text: str) -> None:
    try:
        canon = normalize_sentence(text)
    except ValidationError:
        return
    assert canon in ("life", "death", "death-suspended") or sentence_parts(canon) is not None
