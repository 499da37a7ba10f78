"""The timeline model's facts as short phrases, in English or Chinese (issue #11).

The CLI, the window and the briefing must say the same thing for the same case and
day — "at least 2,770 days (last confirmed 1 May 2018)", "Possibly: RSDL beyond …" —
so the wording lives here, beside the rules, and every front end calls it.
"""

from __future__ import annotations

from datetime import date

from dossier.core.alerts import alert_text
from dossier.core.dates import format_day
from dossier.core.facts import Alert, DaysRange
from dossier.core.law import basis_text
from dossier.core.vocab import CUSTODY_KINDS, STAGES, WHEREABOUTS, term_label

__all__ = ["alert_sentence", "custody_label", "days_phrase", "stage_label", "whereabouts_label"]


def stage_label(stage: str, lang: str = "en") -> str:
    """ "Formally arrested" / "已逮捕"."""
    return term_label(STAGES, stage, lang)


def custody_label(kind: str | None, lang: str = "en") -> str:
    """ "Detention centre" / "看守所"; "" for no custody."""
    return term_label(CUSTODY_KINDS, kind, lang)


def whereabouts_label(where: str | None, lang: str = "en") -> str:
    """ "Unknown" / "下落不明"; "" before any measure."""
    return term_label(WHEREABOUTS, where, lang)


def _n(n: int, zh: bool) -> str:
    return str(n) if zh else f"{n:,}"


def days_phrase(
    days: DaysRange | None, last_confirmed: date | None = None, lang: str = "en"
) -> str:
    """A day count as people read it: "942 days", "150–204 days", or for an open-ended
    measure last confirmed on a day, "at least 2,770 days (last confirmed 1 May 2018)"
    (its minimum: the count stops at the confirmation). "" for None."""
    if days is None:
        return ""
    zh = lang.startswith("zh")
    if last_confirmed is not None:
        day = format_day(last_confirmed, lang)
        if zh:
            return f"至少{_n(days.min, zh)}天（最后确认：{day}）"
        return (
            f"at least {_n(days.min, zh)} day{'s' if days.min != 1 else ''} (last confirmed {day})"
        )
    if days.min == days.max:
        return (
            f"{_n(days.min, zh)}天"
            if zh
            else f"{_n(days.min, zh)} day{'s' if days.min != 1 else ''}"
        )
    return (
        f"{_n(days.min, zh)}–{_n(days.max, zh)}天"
        if zh
        else f"{_n(days.min, zh)}–{_n(days.max, zh)} days"
    )


def alert_sentence(a: Alert, lang: str = "en", with_basis: bool = False) -> str:
    """The alert's sentence in the reader's language, "Possibly: …" when the dates only
    allow the breach; with `with_basis`, the article and what it says on a new line."""
    out = alert_text(a.rule, a.since, a.until, lang, certainty=a.certainty)
    if with_basis and a.basis is not None:
        out += "\n" + basis_text(a.basis, lang, a.rule)
    return out
