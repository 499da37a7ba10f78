"""The timeline rules: what a case's events mean as of a day (docs/cli.md "Derived
facts", superseded where it says so by "Timeline model (since schema 3)").

`derive(events, as_of, known_on=None)` is the heart of Dossier. It is pure (no store,
no clock) so the CLI, the window, the briefing and the tests all get the same answer,
and it is cheap (it runs for every case of a list).

The steps, each written out in docs/cli.md:

1. Keep the events dated (earliest day) on or before `as_of` and, with `known_on`,
   reported (or, without `reported`, dated) on or before `known_on`.
2. Order them by their *latest* possible day, then earliest, then order of entry: a
   vague date never comes before an exact date it may follow ("2015-07" after
   "2015-07-10").
3. Walk them through core.stage.step(): stage, custody, custody kind, whereabouts and
   the old status word after each event.
4. Periods (days in custody, disappeared, under house arrest) run from the start of
   the current run of one status; the start is a range (earliest of the run's earliest
   days, not before the event that ended the previous run; latest = the smallest
   latest day of the run). An open-ended measure with `last_confirmed` counts only to
   that day.
5. Alerts: see core.alerts (certain / possible, with legal basis from core.law).
6. Expected release: only while serving a fixed custodial term; a range when vague.

Bad stored values never stop a list: an invalid date skips the event, an invalid
`end`, `reported` or `last_confirmed` is ignored, an unreadable term has no release.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dossier.core.alerts import (
    RELEASE_DUE_DAYS,
    add_days,
    add_months,
    alert_text,
    make_alert,
    measure,
)
from dossier.core.dates import try_parse_edtf
from dossier.core.facts import CaseFacts, DayRange, DaysRange, ListAlert, ListFacts, Segment
from dossier.core.model import Event
from dossier.core.timeline_plan import Item, Plan, Run, Step, days_between, plan, run_start
from dossier.core.timeline_plan import vague_digits as _vague_digits
from dossier.core.vocab import ALERT_RULES, EVENT_TYPES

__all__ = [
    "ALERT_RULES",
    "STATUS_OF_TYPE",
    "add_months",
    "alert_text",
    "choose",
    "derive",
    "is_known",
    "known_events",
    "list_facts",
    "list_facts_of",
    "measure_end",
]

# Event type id → the status word it set before schema 3 (still the vocabulary's
# column); since schema 3 the status is read off the dimensions (core.stage.status_of).
STATUS_OF_TYPE: dict[str, str] = {t.id: t.status for t in EVENT_TYPES.values() if t.status}

_RULE_INDEX = {rule: i for i, rule in enumerate(ALERT_RULES)}


# --- choosing the events ---------------------------------------------------------------------


def _known(e: Event, r: DayRange, known_on: date | None) -> bool:
    if known_on is None:
        return True
    rep = try_parse_edtf(e.reported) if e.reported else None
    return (rep or r).earliest <= known_on


def is_known(e: Event, known_on: date | None) -> bool:
    """True when event `e` was known on `known_on` (None: always): its `reported` day
    — or, without one, its own date — may fall on or before that day. An event with an
    invalid date is never known; an invalid `reported` counts as absent."""
    r = try_parse_edtf(e.date)
    return r is not None and _known(e, r, known_on)


def known_events(events: Sequence[Event], known_on: date | None) -> list[Event]:
    """The events known on `known_on` (all of them for None), in their order: what
    `show`, `list` and `briefing --as-known-on` print and derive from."""
    if known_on is None:
        return list(events)
    return [e for e in events if is_known(e, known_on)]


def _merge_reports(items: list) -> list:
    """A vague event whose range holds a sharper event of the same type is taken as a
    report of that same fact (the letter's "January 2018" detention and another
    report's 19 January): it takes the sharper event's place in the order, rather than
    its own latest day. Only same-type events are merged; a vague event of another type
    keeps the rule that it never comes before an exact date it may follow."""
    out = []
    for it in items:
        latest, earliest, e = it[0], it[1], it[5]
        if earliest != latest:
            # The sharpest candidate; among equally sharp ones the earliest in the order
            # (latest day, earliest day, order of entry), never the first in the list, so
            # the answer does not depend on the order the events were handed in.
            best = None
            for other in items:
                o = other[5]
                if (
                    o is not e
                    and o.type == e.type
                    and earliest <= other[1]
                    and other[0] <= latest
                    and other[0] - other[1] < latest - earliest
                ):
                    key = (other[0] - other[1], other[0], other[1], other[2])
                    if best is None or key < best[0]:
                        best = (key, other)
            if best is not None:
                it = (best[1][0], best[1][1], *it[2:])
        out.append(it)
    return out


def choose(events: Sequence[Event], as_of: date | None, known_on: date | None = None) -> list[Item]:
    """Steps 1 and 2: the events that count as of `as_of` (None: every validly dated
    event) as known on `known_on`, in the order the walk takes them."""
    items = []
    for idx, e in enumerate(events):
        r = try_parse_edtf(e.date)
        if (
            r is not None
            and (as_of is None or r.earliest <= as_of)
            and (known_on is None or _known(e, r, known_on))
        ):
            items.append((r.latest, r.earliest, e.seq or 0, idx, r, e))
    if any(it[0] != it[1] for it in items):
        items = _merge_reports(items)
    items.sort()  # latest day, earliest, order of entry; idx is unique, events never compared
    return items


# --- counting to the day ---------------------------------------------------------------------


def measure_end(run: Run, as_of: date) -> tuple[date, date, bool, str | None]:
    """(earliest, latest) last day, ongoing?, and the date text that ends a measure:
    the day before the next step, or its last event's own `end`, whichever may come
    first; or `as_of` while it goes on. A measure whose end may still lie after `as_of`
    counts as possibly ongoing (its latest day is `as_of`)."""
    text = run.next_text
    if text is None:
        e1, e2 = as_of, date.max
    else:
        e1, e2 = run.next_before, run.next_latest_before
    own = run.own
    if own is not None and own.earliest <= as_of and own.earliest <= e1:
        e1, e2 = own.earliest, min(own.latest, e2)
        text = run.own_text
    ongoing = text is None or e2 > as_of
    if e1 > as_of:
        e1 = as_of
    if e2 > as_of:
        e2 = as_of
    return e1, e2 if e2 > e1 else e1, ongoing, text


# A counted alert: (since, rule's index, rule, until, certainty, event id, days or None).
_Counted = tuple[date, int, str, "date | None", str, "str | None", "tuple[int, int] | None"]


def _alerts(p: Plan, as_of: date) -> list[_Counted]:
    """Every alert of the plan as of `as_of` (step 5), in the order docs/cli.md gives:
    by the day it began, then by the rule's place in the vocabulary."""
    out: list[_Counted] = []
    for run in p.runs:
        e1, e2, ongoing, end_text = measure_end(run, as_of)
        exact = not (run.first_vague or _vague_digits(end_text))
        b = measure(run.rule, run.start.earliest, run.start.latest, e1, e2, ongoing, exact)
        if b is not None:
            out.append((b[0], _RULE_INDEX[run.rule], run.rule, b[1], b[2], run.event_id, b[3:]))
    if p.lawyer_denied is not None:
        since, eid, certainty = p.lawyer_denied
        rule = "no_lawyer_access"
        out.append((since, _RULE_INDEX[rule], rule, None, certainty, eid, None))
    er = p.expected_release
    if er is not None and p.release_event_id is not None:
        if er.date <= add_days(as_of, RELEASE_DUE_DAYS):
            rule = "release_due"
            certainty = "certain" if er.latest is None else "possible"
            since = add_days(er.date, -RELEASE_DUE_DAYS)
            out.append((since, _RULE_INDEX[rule], rule, None, certainty, p.release_event_id, None))
    if len(out) > 1:
        out.sort(key=_alert_order)
    return out


def _alert_order(a: _Counted) -> tuple[date, int]:
    return a[0], a[1]


def _stage(p: Plan, as_of: date) -> str:
    ends = p.probation_ends
    return p.stage_after_probation if ends is not None and ends < as_of else p.stage


def _period_days(p: Plan, since: DayRange | None, as_of: date) -> DaysRange | None:
    """Days of a period begun `since`, counted to `as_of` or, for an open-ended measure
    last confirmed earlier, only to that day (step 4)."""
    if since is None:
        return None
    c = p.confirmed
    if c is not None:
        lo, hi = min(c.earliest, as_of), min(c.latest, as_of)
    else:
        lo = hi = as_of
    return DaysRange(days_between(lo, since.latest), days_between(hi, since.earliest))


def count(
    p: Plan, as_of: date, known_on: date | None = None, *, segments: bool = True
) -> CaseFacts:
    """The facts of a plan as of `as_of` (the plan's events chosen for that day).
    Segments need the plan's steps: a plan made with `keep_steps=False` (for lists)
    gives none."""
    s = p.state
    facts = CaseFacts(
        as_of=as_of,
        known_on=known_on,
        status=s.status,
        stage=_stage(p, as_of),
        in_custody=s.in_custody,
        custody_kind=s.custody_kind,
        whereabouts=s.whereabouts,
        charges=list(p.charges),
        sentence=p.sentence,
        outcome=p.outcome,
        expected_release=p.expected_release,
        probation=p.probation,
        political_rights=p.political_rights,
        custody_since=p.custody_since,
        days_in_custody=_period_days(p, p.custody_since, as_of),
        days_disappeared=_period_days(p, p.disappeared_since, as_of),
        days_in_house_arrest=_period_days(p, p.house_arrest_since, as_of),
    )
    if p.confirmed is not None:
        facts.last_confirmed = min(p.confirmed.earliest, as_of)
    facts.alerts = [
        make_alert(
            rule,
            since,
            until,
            eid,
            certainty=certainty,
            days=DaysRange(*days) if days is not None else None,
        )
        for since, _, rule, until, certainty, eid, days in _alerts(p, as_of)
    ]
    if segments and p.steps is not None:
        facts.segments = _segments(p.steps, as_of)
    return facts


def list_facts_of(p: Plan, as_of: date) -> ListFacts:
    """What a list shows of a plan as of `as_of`: count()'s answer, without the
    alerts' sentences and legal basis a list never shows."""
    s = p.state
    c = p.confirmed
    return ListFacts(
        s.status,
        _stage(p, as_of),
        s.in_custody,
        s.custody_kind,
        s.whereabouts,
        p.custody_since,
        _period_days(p, p.custody_since, as_of),
        _period_days(p, p.house_arrest_since, as_of),
        min(c.earliest, as_of) if c is not None else None,
        tuple(ListAlert(a[2], a[0], a[3], a[4]) for a in _alerts(p, as_of)),
    )


# --- derive ------------------------------------------------------------------------------------


def derive(
    events: Sequence[Event], as_of: date, known_on: date | None = None, *, segments: bool = True
) -> CaseFacts:
    """Everything docs/cli.md computes for these events as of `as_of`, as known on
    `known_on` (None: everything known now). `segments=False`: lists, which never draw,
    skip building the drawing segments (left empty)."""
    return count(plan(choose(events, as_of, known_on)), as_of, known_on, segments=segments)


def list_facts(events: Sequence[Event], as_of: date, known_on: date | None = None) -> ListFacts:
    """What a list shows of these events as of `as_of`: derive()'s fast path."""
    return list_facts_of(plan(choose(events, as_of, known_on), keep_steps=False), as_of)


# --- segments --------------------------------------------------------------------------------


def _segments(st: list[Step], as_of: date) -> list[Segment]:
    """Runs of one status word, for drawing. A run ends where the next run starts (that
    step's whole range), or at its last event's own `end` when that comes earlier and by
    `as_of`; otherwise it is ongoing (end None)."""
    out: list[Segment] = []
    n = len(st)
    i = 0
    while i < n:
        status = st[i][3].status
        j = i
        while j + 1 < n and st[j + 1][3].status == status:
            j += 1
        start = run_start(st, i, j)
        end: DayRange | None = None
        if j + 1 < n:
            nxt = st[j + 1]
            end = nxt[4] if nxt[4].earliest == nxt[0] else DayRange(nxt[0], nxt[1])
        own = try_parse_edtf(st[j][2].end)
        if (
            own is not None
            and own.earliest <= as_of
            and (end is None or own.earliest < end.earliest)
        ):
            end = own
        out.append(Segment(status, start, end, tuple(it[2].id for it in st[i : j + 1])))
        i = j + 1
    return out
