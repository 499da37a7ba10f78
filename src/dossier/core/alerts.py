"""Alerts: legal limits passed (certainly or possibly), no lawyer, release due.

A limit is counted from the start of a measure (the first event of its run) to its
last day (the day before the next state change, its last event's own `end`, or the
as-of day while it goes on). With vague dates both ends are ranges, so a breach is
*certain* when even the shortest reading passes the limit and *possible* when only
the longest does (docs/cli.md "Timeline model", rule A). Dates with unspecified
digits (`201X`) never make a certain alert: nobody can vouch for a decade.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dossier.core.dates import format_day
from dossier.core.facts import Alert, DaysRange
from dossier.core.law import ALERT_BASIS, LIMITS, basis_citation
from dossier.core.vocab import ALERT_TERMS

__all__ = [
    "RELEASE_DUE_DAYS",
    "add_days",
    "add_months",
    "alert_text",
    "make_alert",
    "measure",
]

RELEASE_DUE_DAYS = 30

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(d: date, months: int) -> date:
    """`d` plus calendar months, clamped to the month's end: 31 Aug + 6 months = 29 Feb.

    Saturates at the ends of the calendar instead of raising (open EDTF ends reach them).
    """
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    if year > 9999:
        return date.max
    if year < 1:
        return date.min
    last = (
        29
        if month == 1 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
        else _MONTH_DAYS[month]
    )
    return date(year, month + 1, d.day if d.day <= last else last)


def add_days(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@lru_cache(maxsize=65536)
def after_limit(start: date, rule: str, certain: bool = False) -> date:
    """The first day past the limit of `rule` (its possible or its certain limit) for a
    measure that began on `start`."""
    lim = LIMITS[rule][1 if certain else 0]
    return add_days(add_months(start, lim.months), lim.days)


@lru_cache(maxsize=8192)
def alert_text(
    rule: str,
    since: date,
    until: date | None,
    lang: str = "en",
    *,
    certainty: str = "certain",
    with_basis: bool = False,
) -> str:
    """The sentence for an alert, in English or Chinese (`lang` "zh…").

    For `release_due`, `since` is 30 days before the expected release, as in Alert. A
    possible breach says so ("Possibly: …" / "可能："); `with_basis` appends the
    article cited ("— Criminal Procedure Law (2018 revision), art. 79").
    """
    zh = lang.startswith("zh")
    if rule == "release_due":
        due = format_day(add_days(since, RELEASE_DUE_DAYS), lang)
        out = f"预计于{due}刑满释放，请核实" if zh else f"Release due on {due}: check it happens"
    else:
        term = ALERT_TERMS.get(rule)
        what = term.what(lang) if term else rule
        s = format_day(since, lang)
        if until is None:
            out = f"{what}，自{s}起" if zh else f"{what} since {s}"
        else:
            u = format_day(until, lang)
            if zh:
                out = f"{what}，{s}" if until == since else f"{what}，自{s}起至{u}止"
            else:
                out = f"{what} on {s}" if until == since else f"{what} from {s} to {u}"
    if certainty == "possible":
        if zh:
            out = f"可能：{out}"
        else:  # "Possibly: held …", but "Possibly: RSDL …" (acronyms keep their case)
            out = f"Possibly: {out[0].lower() if out[1:2].islower() else out[0]}{out[1:]}"
    if with_basis and rule in ALERT_BASIS:
        cite = basis_citation(ALERT_BASIS[rule], lang)
        out += f"（{cite}）" if zh else f" — {cite}"
    return out


def make_alert(
    rule: str,
    since: date,
    until: date | None,
    event_id: str | None,
    *,
    certainty: str = "certain",
    days: DaysRange | None = None,
) -> Alert:
    return Alert(
        rule,
        since,
        until,
        alert_text(rule, since, until, certainty=certainty),
        event_id,
        certainty,
        days,
        _LIMIT_ISO.get(rule),
        ALERT_BASIS.get(rule),
    )


_LIMIT_ISO = {rule: lims[0].iso for rule, lims in LIMITS.items()}


# A measure's breach before it becomes an Alert (CaseFacts) or a ListAlert (lists):
# (since, until, certainty, shortest days, longest days).
Breach = tuple[date, "date | None", str, int, int]


def measure(
    rule: str, s1: date, s2: date, e1: date, e2: date, ongoing: bool, exact: bool
) -> Breach | None:
    """The breach of `rule` by a measure that began on a day in s1…s2 and lasted
    through a day in e1…e2, or None when no reading of the dates passes the limit.
    `exact` is False when a date involved has unspecified digits (then the breach is
    at most possible)."""
    since = after_limit(s1, rule)
    if e2 < since:
        return None
    certain = exact and e1 >= after_limit(s2, rule, certain=True)
    until = None if ongoing else (e1 if certain else e2)
    return (
        since,
        until,
        "certain" if certain else "possible",
        max(0, (e1 - s2).days),
        max(0, (e2 - s1).days),
    )
