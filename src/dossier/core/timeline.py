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
from datetime import date, timedelta
from functools import lru_cache

from dossier.core.alerts import (
    RELEASE_DUE_DAYS,
    add_days,
    add_months,
    alert_text,
    make_alert,
    measure_alert,
    sort_alerts,
)
from dossier.core.dates import format_day, try_parse_edtf
from dossier.core.facts import (
    CaseFacts,
    DayRange,
    DaysRange,
    ExpectedRelease,
    ListFacts,
    Segment,
    TermEnd,
)
from dossier.core.model import Event
from dossier.core.sentence import describe_sentence, sentence_parts
from dossier.core.stage import DISCLOSING_TYPES, STAGE_OF_TYPE, START, State, step, verdict_effect
from dossier.core.vocab import ALERT_RULES, CUSTODY_STATUSES, EVENT_TYPES, charge_id

__all__ = [
    "ALERT_RULES",
    "STATUS_OF_TYPE",
    "add_months",
    "alert_text",
    "derive",
    "is_known",
    "known_events",
    "list_facts",
]

# Event type id → the status word it set before schema 3 (still the vocabulary's
# column); since schema 3 the status is read off the dimensions (core.stage.status_of).
STATUS_OF_TYPE: dict[str, str] = {t.id: t.status for t in EVENT_TYPES.values() if t.status}

_CUSTODY = frozenset(str(s) for s in CUSTODY_STATUSES)
# Pre-trial custody credited at half (two days for one): RSDL by CPL art. 76; an enforced
# disappearance is in practice unacknowledged RSDL, so it is credited the same way.
_HALF_CREDIT_STAGES = frozenset({"rsdl", "disappeared"})
_OPEN_ENDED = frozenset(
    {"house_arrest", "released_under_control", "unofficial_detention", "disappeared"}
)
_SERVING = frozenset({"sentenced", "on_appeal"})
# Event types that always go through core.stage.step (others only when they carry
# whereabouts, or disclose them while the person is held).
_STATEFUL = frozenset(STAGE_OF_TYPE) | {"disappearance", "indictment", "trial", "verdict", "appeal"}

# A step as derive() walks it: (earliest, latest, event, state, parsed DayRange).
_St = tuple[date, date, Event, State, DayRange]


def _days(d: date, since: date) -> int:
    return max(0, (d - since).days)


@lru_cache(maxsize=1024)
def _charge(text: str) -> str:
    return charge_id(text) or text.strip()


def _vague_digits(text: str | None) -> bool:
    return bool(text) and ("X" in text or "x" in text)


# --- runs and periods ------------------------------------------------------------------


def _run_start(st: list[_St], i: int, j: int) -> DayRange:
    """Start range of the run st[i..j]: from the earliest day any of its events may fall
    on, but not before the steps that come before the run (steps carry their earliest
    day raised to that of the steps before them: see derive), to the smallest latest
    day among its steps — a later, sharper report of the same measure narrows it."""
    earliest, latest = st[i][4].earliest, st[i][1]
    for k in range(i + 1, j + 1):
        it = st[k]
        if it[4].earliest < earliest:
            earliest = it[4].earliest
        if it[1] < latest:
            latest = it[1]
    if i > 0 and earliest < st[i - 1][0]:
        earliest = st[i - 1][0]
    first = st[i][4]
    if first.earliest == earliest and first.latest == latest:
        return first
    return DayRange(earliest, latest)


def _trailing(st: list[_St], pred) -> int:
    i = len(st)
    while i > 0 and pred(st[i - 1][3]):
        i -= 1
    return i


def _last_confirmed(st: list[_St], i: int) -> DayRange | None:
    """The latest `last_confirmed` among the events of the run st[i:], if any."""
    best: DayRange | None = None
    for it in st[i:]:
        lc = try_parse_edtf(it[2].last_confirmed)
        if lc is not None and (best is None or lc.latest > best.latest):
            best = lc
    return best


def _period(
    st: list[_St], i: int, as_of: date, confirmed: DayRange | None
) -> tuple[DayRange, DaysRange]:
    start = _run_start(st, i, len(st) - 1)
    if confirmed is not None:
        lo, hi = min(confirmed.earliest, as_of), min(confirmed.latest, as_of)
    else:
        lo = hi = as_of
    return start, DaysRange(_days(lo, start.latest), _days(hi, start.earliest))


# --- measures and their limits -----------------------------------------------------------

# Rule → (attribute of the state, the values that belong to its measure).
_MEASURES = (
    ("rsdl_over_limit", "stage", frozenset({"rsdl"})),
    ("detention_over_limit", "stage", frozenset({"criminal_detention"})),
    ("disappeared_over_limit", "status", frozenset({"disappeared"})),
    ("investigation_over_limit", "stage", frozenset({"arrested"})),
    ("trial_over_limit", "stage", frozenset({"indicted", "on_trial"})),
)
_ONE_DAY = timedelta(days=1)


def _day_before(d: date) -> date:
    return d - _ONE_DAY if d != date.min else d


def _measure_end(st: list[_St], j: int, as_of: date) -> tuple[tuple[date, date], bool, str | None]:
    """((earliest, latest) last day, ongoing?, the date text that ends it) of a measure
    whose last event is st[j]: the day before the next step, or its last event's own
    `end`, whichever may come first; or `as_of` while it goes on. A measure whose end
    may still lie after `as_of` counts as possibly ongoing (its latest day is `as_of`)."""
    e1, e2 = as_of, date.max
    ongoing, text = True, None
    if j + 1 < len(st):
        nxt = st[j + 1]
        e1, e2 = _day_before(nxt[0]), _day_before(nxt[1])
        text = nxt[2].date
    own = st[j][2].end
    if own:
        end = try_parse_edtf(own)
        if end is not None and end.earliest <= as_of and end.earliest <= e1:
            e1, e2 = end.earliest, min(end.latest, e2)
            text = own
    if text is not None:
        ongoing = e2 > as_of
    if e1 > as_of:
        e1 = as_of
    if e2 > as_of:
        e2 = as_of
    return (e1, e2 if e2 > e1 else e1), ongoing, text


def _limit_alerts(st: list[_St], as_of: date, out: list) -> None:
    """Every measure's alert, past ones too, in one pass per rule that occurs."""
    n = len(st)
    stages = {it[3].stage for it in st}
    statuses = {it[3].status for it in st}
    for rule, attr, values in _MEASURES:
        if (stages if attr == "stage" else statuses).isdisjoint(values):
            continue
        idx = 0 if attr == "stage" else 4  # State fields: stage first, status last
        i = 0
        while i < n:
            if st[i][3][idx] not in values:
                i += 1
                continue
            j = i
            while j + 1 < n and st[j + 1][3][idx] in values:
                j += 1
            start = _run_start(st, i, j)
            end, ongoing, end_text = _measure_end(st, j, as_of)
            exact = not (_vague_digits(st[i][2].date) or _vague_digits(end_text))
            a = measure_alert(
                rule, (start.earliest, start.latest), end, ongoing, exact, st[i][2].id
            )
            if a is not None:
                out.append(a)
            i = j + 1


def _lawyer_alert(lawyer: list[tuple[date, date, Event]], period_start: date, out: list) -> None:
    """no_lawyer_access: the first denial in the current custody period with no visit
    after it (a visit resets: a later denial starts a new stretch without access).

    A lawyer event belongs to the period when it may fall in it (its latest day is on or
    after the period's earliest start); `since` is the denial's day, but not before the
    custody began.
    """
    denied: tuple[date, date, Event] | None = None
    for it in lawyer:
        if it[1] < period_start:
            continue
        if it[2].type == "lawyer_visit":
            denied = None
        elif denied is None:
            denied = it
    if denied is not None:
        since = max(denied[0], period_start)
        certainty = "possible" if _vague_digits(denied[2].date) else "certain"
        out.append(make_alert("no_lawyer_access", since, None, denied[2].id, certainty=certainty))


# --- the verdict in force ------------------------------------------------------------------


def _expected_release(st: list[_St], k: int, canon: str) -> ExpectedRelease | None:
    """When the fixed term `canon` imposed at st[k] ends, crediting pre-trial custody.

    The credited custody is the run of custody steps (status in CUSTODY_STATUSES) that
    leads to st[k]. Each step lasts until the next; RSDL and an unacknowledged
    disappearance count two days for one (CPL art. 76), other custody day for day
    (Criminal Law art. 47). Computed twice — every date at its earliest day, then at
    its latest — giving the earliest and latest possible release (the count only moves
    later when a date does). The term is added in calendar months to the custody start
    moved later by the days not credited, as courts write "刑期自…起至…止".
    """
    parts = sentence_parts(canon)
    if parts is None:
        return None
    i = k
    while i > 0 and st[i - 1][3].status in _CUSTODY:
        i -= 1
    years, months, days = parts
    out = []
    exact = all(st[m][0] == st[m][1] for m in range(i, k + 1))
    for pos in (0,) if exact else (0, 1):
        full = half = 0
        for m in range(i, k):
            d = _days(st[m + 1][pos], st[m][pos])
            if st[m][3].stage in _HALF_CREDIT_STAGES:
                half += d
            else:
                full += d
        start = st[i][pos]
        effective = add_days(start, half - half // 2)
        out.append((add_days(add_months(effective, years * 12 + months), days), full, half, start))
    r1, full, half, start = out[0]
    r2 = out[-1][0]
    lo, hi = min(r1, r2), max(r1, r2)
    return ExpectedRelease(
        lo,
        canon,
        full + half // 2,
        _release_how(canon, start, i == k, full, half),
        hi if hi != lo else None,
    )


@lru_cache(maxsize=1024)
def _release_how(canon: str, start: date, from_verdict: bool, full: int, half: int) -> str:
    term = describe_sentence(canon)
    if from_verdict:
        return (
            f"{term} counted from the verdict on {format_day(start)}; no pre-trial custody recorded"
        )
    return (
        f"{term} counted from the start of custody on {format_day(start)} (earliest "
        f"possible day): {full} days of detention credited day for day, {half} days of "
        f"RSDL or enforced disappearance credited two for one ({half // 2} days, PRC "
        f"Criminal Procedure Law art. 76); {full + half // 2} days credited in all"
    )


def _term_from(start: DayRange, term: str) -> TermEnd:
    if term == "life":
        return TermEnd(term, start, None)
    parts = sentence_parts(term)
    if parts is None:
        return TermEnd(term, start, None)
    y, m, d = parts

    def plus(x: date) -> date:
        return add_days(add_months(x, y * 12 + m), d)

    return TermEnd(term, start, DayRange(plus(start.earliest), plus(start.latest)))


# --- segments --------------------------------------------------------------------------------


def _segments(st: list[_St], as_of: date) -> list[Segment]:
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
        start = _run_start(st, i, j)
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


# --- derive ------------------------------------------------------------------------------------


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


def derive(
    events: Sequence[Event], as_of: date, known_on: date | None = None, *, segments: bool = True
) -> CaseFacts:
    """Everything docs/cli.md computes for these events as of `as_of`, as known on
    `known_on` (None: everything known now). `segments=False`: lists, which never draw,
    skip building the drawing segments (left empty)."""
    items = []
    for idx, e in enumerate(events):
        r = try_parse_edtf(e.date)
        if r is not None and r.earliest <= as_of and (known_on is None or _known(e, r, known_on)):
            items.append((r.latest, r.earliest, e.seq or 0, idx, r, e))
    if any(it[0] != it[1] for it in items):
        items = _merge_reports(items)
    items.sort()  # latest day, earliest, order of entry; idx is unique, events never compared

    facts = CaseFacts(as_of=as_of, known_on=known_on)
    st: list[_St] = []
    lawyer: list[tuple[date, date, Event]] = []
    charges = facts.charges
    state = START
    in_force: tuple[int, Event] | None = None  # the step and event of the verdict in force
    verdict: tuple[str, bool, str | None] | None = None
    sentence_at: Event | None = None
    for latest, earliest, _, _, r, e in items:
        t = e.type
        if (
            t in _STATEFUL
            or e.whereabouts is not None
            or (state.in_custody and t in DISCLOSING_TYPES)
        ):
            new = step(state, e, verdict)
        else:
            new = state
        if new is not state:
            st.append((earliest, latest, e, new, r))
            state = new
            if t == "verdict" or (
                t == "appeal" and e.outcome == "changed" and (e.sentence or e.probation)
            ):
                in_force, verdict = (len(st) - 1, e), verdict_effect(e)
                if e.sentence:
                    sentence_at = e
        if t == "lawyer_denied" or t == "lawyer_visit":
            lawyer.append((earliest, latest, e))
        if e.charges:
            for c in e.charges:
                cid = _charge(c)
                if cid and cid not in charges:
                    charges.append(cid)

    # A step cannot begin before a step that comes before it in the order: raise each
    # earliest day to the running maximum (it never passes the step's latest day, as
    # steps are ordered by latest day). Every rule below then sees monotone ranges.
    floor = date.min
    for x, it in enumerate(st):
        if it[0] < floor:
            st[x] = (floor, *it[1:])
        else:
            floor = it[0]

    facts.stage, facts.in_custody = state.stage, state.in_custody
    facts.custody_kind, facts.whereabouts = state.custody_kind, state.whereabouts
    status = facts.status = state.status
    if sentence_at is not None:
        facts.sentence = sentence_at.sentence
    _verdict_facts(facts, st, in_force, as_of)

    alerts = facts.alerts
    _limit_alerts(st, as_of, alerts)
    n = len(st)
    confirmed = (
        _last_confirmed(st, _trailing(st, lambda s: s.stage == state.stage))
        if state.stage in _OPEN_ENDED
        else None
    )
    if confirmed is not None:
        facts.last_confirmed = min(confirmed.earliest, as_of)
    if status in _CUSTODY:
        i = _trailing(st, lambda s: s.status in _CUSTODY)
        facts.custody_since, facts.days_in_custody = _period(st, i, as_of, confirmed)
        if status == "disappeared":
            k = _trailing(st, lambda s: s.status == "disappeared")
            _, facts.days_disappeared = _period(st, k, as_of, confirmed)
        _lawyer_alert(lawyer, facts.custody_since.earliest, alerts)
    elif status == "house_arrest":
        i = _trailing(st, lambda s: s.status == "house_arrest")
        _, facts.days_in_house_arrest = _period(st, i, as_of, confirmed)
    er = facts.expected_release
    if (
        er is not None
        and n
        and in_force is not None
        and er.date <= add_days(as_of, RELEASE_DUE_DAYS)
    ):
        certainty = "certain" if er.latest is None else "possible"
        alerts.append(
            make_alert(
                "release_due",
                add_days(er.date, -RELEASE_DUE_DAYS),
                None,
                in_force[1].id,
                certainty=certainty,
            )
        )
    sort_alerts(alerts)
    if segments:
        facts.segments = _segments(st, as_of)
    return facts


def list_facts(events: Sequence[Event], as_of: date, known_on: date | None = None) -> ListFacts:
    """What a list shows of these events as of `as_of`: derive()'s fast path."""
    return ListFacts.of(derive(events, as_of, known_on, segments=False))


def _verdict_facts(
    facts: CaseFacts, st: list[_St], in_force: tuple[int, Event] | None, as_of: date
) -> None:
    """Outcome, expected release, probation and political rights of the verdict in force."""
    if in_force is None:
        return
    k, e = in_force
    stage = st[-1][3].stage
    outcome = e.outcome if e.type == "verdict" and e.outcome else None
    if outcome is None:
        outcome = (
            "suspended"
            if e.probation
            else ("custodial" if e.sentence or e.type == "verdict" else None)
        )
    facts.outcome = outcome
    vr = st[k][4]
    rights = e.political_rights
    if rights is None and e.type == "appeal":
        rights = next(
            (x[2].political_rights for x in reversed(st[:k]) if x[2].type == "verdict"), None
        )
    release_range: DayRange | None = None
    if outcome == "custodial" and e.sentence:
        serving = stage in _SERVING and st[-1][3].in_custody
        # Deprivation of political rights runs from release (Criminal Law art. 58): the
        # actual release if one came after the verdict, else the expected one.
        for x in st[k + 1 :]:
            if not x[3].in_custody:
                release_range = x[4]
                break
        if serving or (rights and release_range is None):
            er = _expected_release(st, k, e.sentence)
            if serving:
                facts.expected_release = er
            if release_range is None and er is not None:
                release_range = er.range
    elif outcome == "suspended" and e.probation:
        facts.probation = _term_from(vr, e.probation)
        until = facts.probation.until
        if until is not None and until.latest < as_of:
            if stage == "probation":
                facts.stage = "convicted_at_liberty"
        elif stage == "released":  # let go after a suspended sentence: on probation
            facts.stage = "probation"
        release_range = vr
    elif outcome != "custodial":
        release_range = vr
    if rights and release_range is not None:
        facts.political_rights = _term_from(release_range, rights)
