"""The cover a diplomat reads in a minute (issue #15, item 3): the occasion, the issuing
organisations, the audience marking, the key asks and an overview with counts that
agree with the summary table."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from dossier.briefing.overview import overview
from dossier.core.timeline import derive
from tests.briefing import samples
from tests.briefing.conftest import AS_OF, build, pdftotext

ASKS = (
    "Release Wang Quanzhang and Tashi Wangchuk immediately and unconditionally.",
    "Raise these cases by name under Item 4.",
)


def _first_page(path: Path) -> str:
    pdftotext(path)  # skips without poppler
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(path), "-"],
        check=True,
        capture_output=True,
    )
    return " ".join(out.stdout.decode("utf-8").split())


def test_cover_has_occasion_organisations_asks_and_overview(tmp_path):
    path = tmp_path / "p.pdf"
    build(
        path,
        title="Human Rights Council, 37th session — cases of concern",
        organisation="Coalition of NGOs; Chinese Human Rights Defenders",
        asks=ASKS,
    )
    t = _first_page(path)
    assert "Human Rights Council, 37th session — cases of concern" in t
    assert "Coalition of NGOs" in t and "Chinese Human Rights Defenders" in t
    assert "Restricted — for diplomatic use" in t
    assert "What we ask" in t and ASKS[0] in t and ASKS[1] in t
    # the sample cases as of 20 Feb 2018 (see samples.py): Wang Quanzhang, arrested and
    # indicted with his whereabouts still unknown, counts as disappeared (issue #11)
    assert (
        "This packet covers 6 people. As of 20 Feb 2018: 2 disappeared, whereabouts "
        "unknown, 1 held in “residential surveillance at a designated location”, "
        "1 detained awaiting trial or verdict, 1 serving a sentence, 1 under house "
        "arrest."
    ) in t
    assert "The longest held, Ilham Tohti, has been in custody for at least 1,497 days." in t


def test_cover_in_chinese(tmp_path):
    path = tmp_path / "zh.pdf"
    build(path, lang="zh", title="人权理事会第37届会议", asks=("立即无条件释放王全璋。",))
    t = _first_page(path).replace(" ", "")
    assert "我们的呼吁" in t and "立即无条件释放王全璋。" in t
    assert "本材料涉及6人。截至2018年2月20日" in t
    assert "2人被迫失踪、下落不明" in t and "羁押时间最长的是IlhamTohti" in t


def test_no_asks_no_heading(tmp_path):
    path = tmp_path / "p.pdf"
    build(path)
    t = _first_page(path)
    assert "What we ask" not in t and "Overview" in t


def test_overview_counts_follow_the_facts():
    cases = samples.cases()
    facts = {c.id: derive(c.events, AS_OF) for c in cases}
    ov = overview(cases, facts)
    statuses = [f.status for f in facts.values()]
    assert ov.total == len(cases)
    for status, n in ov.counts.items():
        assert n == statuses.count(status)
    held = {c.name: facts[c.id].days_in_custody.min for c in cases if facts[c.id].days_in_custody}
    assert ov.longest_name == max(held, key=held.get) and ov.longest_days == max(held.values())
    assert overview([], {}).sentence("en", date(2020, 1, 1)) == "This packet covers 0 people."
