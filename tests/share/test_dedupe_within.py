"""Duplicates inside one store (share/dedupe.find_duplicates_within): the share
import's matcher, blocked by key so 50,000 cases are not compared pairwise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.share import dedupe
from dossier.share.dedupe import CaseNames, find_duplicates_within

SYLLABLES = [
    "wang",
    "quan",
    "zhang",
    "liu",
    "xiao",
    "bo",
    "jiang",
    "tian",
    "yong",
    "yu",
    "wen",
    "sheng",
    "gui",
    "min",
    "hai",
    "tashi",
    "chen",
    "guang",
    "cheng",
    "li",
    "heping",
]


def pairs(cases, threshold=dedupe.THRESHOLD):
    return {
        frozenset((d.incoming_id, d.local_id)): d.score
        for d in find_duplicates_within(cases, threshold)
    }


def test_the_issue_examples():
    cases = [
        CaseNames("1", "Wang Quanzhang", ("王全璋",)),
        CaseNames("2", "Quanzhang WANG"),
        CaseNames("3", "Wang Quan-zhang"),
        CaseNames("4", "Liu Xia"),
        CaseNames("5", "劉曉波"),
        CaseNames("6", "Liu Xiaobo"),
        CaseNames("7", "Liu Xiaobo"),
    ]
    got = pairs(cases)
    assert got == {
        frozenset(p): 100
        for p in (("1", "2"), ("1", "3"), ("2", "3"), ("5", "6"), ("5", "7"), ("6", "7"))
    }
    assert frozenset(("4", "6")) not in got  # Liu Xia is not Liu Xiaobo


def test_near_spellings_are_found_and_distant_ones_are_not():
    cases = [
        CaseNames("a", "Wang Quanzhang"),
        CaseNames("b", "Wang Quanzhan"),
        CaseNames("c", "Wang Qiang"),
    ]
    got = pairs(cases)
    assert got.get(frozenset("ab")) == 96 and frozenset("ac") not in got


def test_big_blocks_are_split_and_still_find_the_pair(monkeypatch):
    monkeypatch.setattr(dedupe, "BLOCK_MAX", 10)
    cases = [CaseNames(str(i), f"Wang Quan{i:04d}xyz") for i in range(60)]
    cases.append(CaseNames("twin", "Wang Quan0007xyy"))
    got = pairs(cases)
    assert frozenset(("7", "twin")) in got


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=3, max_size=5), st.data())
def test_one_letter_changed_inside_a_long_name_is_found(words, data):
    name = "".join(words)
    if len(name) < 12:
        return
    i = data.draw(st.integers(3, len(name) - 4))
    changed = name[:i] + ("x" if name[i] != "x" else "y") + name[i + 1 :]
    others = [CaseNames(f"o{k}", w.title() + " Zzz") for k, w in enumerate(SYLLABLES)]
    got = pairs([CaseNames("a", name.title()), CaseNames("b", changed.title()), *others])
    assert frozenset("ab") in got
    assert all(len(p) == 2 for p in got)  # never a case with itself
