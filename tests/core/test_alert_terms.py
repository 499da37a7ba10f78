"""Issue #14 item 4: one table of alert rules and their names (core.vocab.ALERT_TERMS),
which the law, the sentences, the window, the command line and the packet all read."""

from __future__ import annotations

from datetime import date

from dossier.core.alerts import alert_text
from dossier.core.law import ALERT_BASIS, LIMITS
from dossier.core.vocab import ALERT_RULES, ALERT_TERMS


def test_every_rule_the_law_knows_is_named_and_nothing_else():
    assert set(ALERT_RULES) == set(ALERT_BASIS) == set(LIMITS) | {"no_lawyer_access", "release_due"}
    assert ALERT_RULES[0] == "rsdl_over_limit" and ALERT_RULES[-1] == "release_due"  # the order


def test_each_rule_has_every_name_in_both_languages():
    for rule, t in ALERT_TERMS.items():
        assert t.id == rule
        for lang in ("en", "zh"):
            for name in (t.label(lang), t.short(lang), t.what(lang)):
                assert name and name.strip() == name
                assert any("\u4e00" <= ch <= "\u9fff" for ch in name) == (lang == "zh"), (
                    rule,
                    name,
                )
        assert t.label("zh_CN") == t.zh and t.short("zh-Hans") == t.short_zh


def test_the_sentences_start_with_the_tables_words():
    day = date(2016, 1, 10)
    for rule in ALERT_RULES:
        if rule == "release_due":
            continue
        t = ALERT_TERMS[rule]
        assert alert_text(rule, day, None) == f"{t.what_en} since 10 Jan 2016"
        assert alert_text(rule, day, None, "zh").startswith(t.what_zh + "，自")
    assert (
        alert_text("rsdl_over_limit", day, None, certainty="possible")
        == "Possibly: RSDL beyond the 6-month legal limit since 10 Jan 2016"
    )
