"""Where a person stands as of a day, in words (en + zh): the legal stage, custody and
its kind, whereabouts, the days ("at least N days (last confirmed D)"), deprivation of
political rights, and each alert as certain or possible with its legal basis.

One function for every front end: the window's case view and the briefing print
exactly these strings, and `show --json` holds the values they come from, so the
three can be checked against each other (issue #11: "the window, the CLI and the
briefing show the same stage, whereabouts, days and alerts").
"""

from __future__ import annotations

from dataclasses import dataclass

from .alerts import alert_text
from .dates import format_day
from .facts import CaseFacts, DaysRange
from .law import basis_citation
from .phrases import days_phrase, stage_label, whereabouts_label
from .sentence import describe_sentence
from .vocab import CUSTODY_KINDS, term_label


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


@dataclass(frozen=True)
class AlertLine:
    """An alert as the reader sees it: the sentence (prefixed "Possibly:" when the dates
    only allow it), its certainty and the law it cites ("" when none)."""

    rule: str
    text: str
    certainty: str  # certain / possible
    basis: str


@dataclass(frozen=True)
class Standing:
    stage: str
    custody: str
    whereabouts: str
    days: str  # the main count: in custody, else under house arrest; "" when none
    disappeared: str
    political_rights: str
    alerts: list[AlertLine]


def days_words(r: DaysRange | None, lang: str, last_confirmed=None) -> str:
    """ "942 days", "740–766 days", or, for an open-ended measure only confirmed up to a
    day, "at least 2,654 days (last confirmed 1 Mar 2018)": `core.phrases`' wording."""
    return days_phrase(r, last_confirmed, lang)


def custody_words(f: CaseFacts, lang: str) -> str:
    zh = _zh(lang)
    if not f.in_custody:
        return "未被羁押" if zh else "not in custody"
    kind = term_label(CUSTODY_KINDS, f.custody_kind, lang) if f.custody_kind else ""
    if zh:
        return f"羁押中（{kind}）" if kind else "羁押中"
    return f"in custody ({kind.lower()})" if kind else "in custody"


def political_rights_words(f: CaseFacts, lang: str) -> str:
    """ "5 years, until 5 Apr 2025" / "剥夺政治权利五年，至2025年4月5日"."""
    pr = f.political_rights
    if pr is None:
        return ""
    zh = _zh(lang)
    term = describe_sentence(pr.term, lang)
    if zh:
        term = "剥夺政治权利" + term.removeprefix("有期徒刑").removeprefix("无期徒刑")
    if pr.until is None:
        return term
    d = format_day(pr.until.latest, lang)
    return f"{term}，至{d}" if zh else f"{term}, until {d}"


def alert_lines(f: CaseFacts, lang: str) -> list[AlertLine]:
    out = []
    for a in f.alerts:
        text = alert_text(a.rule, a.since, a.until, lang, certainty=a.certainty)
        basis = basis_citation(a.basis, lang) if a.basis is not None else ""
        out.append(AlertLine(a.rule, text, a.certainty, basis))
    return out


def standing(f: CaseFacts, lang: str = "en") -> Standing:
    """Every line of where the person stands, in `lang` ("en" or "zh…")."""
    lc = f.last_confirmed
    main = f.days_in_custody or f.days_in_house_arrest
    return Standing(
        stage=stage_label(f.stage, lang),
        custody=custody_words(f, lang),
        whereabouts=whereabouts_label(f.whereabouts, lang),
        days=days_words(main, lang, lc),
        disappeared=days_words(f.days_disappeared, lang),
        political_rights=political_rights_words(f, lang),
        alerts=alert_lines(f, lang),
    )
