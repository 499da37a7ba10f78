"""Likely duplicates across romanisations and scripts."""

from __future__ import annotations

from dossier.share.dedupe import CaseNames, find_duplicates, keys_of


def test_keys_fold_scripts_spellings_and_order():
    wang = {"wangquanzhang"}
    assert wang <= set(keys_of("Wang Quanzhang"))
    assert wang <= set(keys_of("Wang Quan-zhang"))
    assert wang <= set(keys_of("WANG Quánzhāng"))
    assert wang <= set(keys_of("Quanzhang Wang"))
    assert keys_of("王全璋") == ("wangquanzhang",)
    assert keys_of("劉曉波") == keys_of("刘晓波") == ("liuxiaobo",)  # traditional → simplified
    assert "luping" in keys_of("吕平") and "luping" in keys_of("Lü Ping")
    assert keys_of("  ") == ()


def test_the_three_spellings_of_one_lawyer_are_flagged():
    local = [
        CaseNames("a", "Wang Quanzhang", ("王全璋",)),
        CaseNames("b", "Li Heping", ("李和平",)),
        CaseNames("c", "Jiang Tianyong"),
    ]
    incoming = [
        CaseNames("x", "王全璋"),
        CaseNames("y", "Wang Quan-zhang"),
        CaseNames("z", "Xie Yang"),
        CaseNames("b", "Li Heping"),
    ]
    dups = find_duplicates(incoming, local)
    pairs = {(d.incoming_id, d.local_id) for d in dups}
    assert pairs == {("x", "a"), ("y", "a")}  # the same id is a merge, not a duplicate
    assert all(d.score == 100 and "wangquanzhang" in d.reason for d in dups)


def test_near_spellings_are_fuzzy_matches_and_strangers_are_not():
    local = [CaseNames("a", "Jiang Tianyong")]
    dups = find_duplicates([CaseNames("x", "Jiang Tianyung")], local)
    assert len(dups) == 1 and 90 <= dups[0].score < 100
    assert find_duplicates([CaseNames("y", "Zhou Shifeng"), CaseNames("z", "Li")], local) == []
