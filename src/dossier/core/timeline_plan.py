"""What a case's chosen events say before any counting to a day: the plan of derive().

`core.timeline.derive(events, as_of)` is two steps. Choosing the events (dated on or
before `as_of`, known by `known_on`) and ordering them is the first; everything that
follows from *which* events were chosen — the walk through `core.stage.step`, the
verdict in force, its expected release, where each period and each measure began —
is this module's `Plan`, and does not depend on the day. Only the counting does (days
so far, a measure still running to `as_of`, a release due within 30 days, a
probation that ended), which `core.timeline` does from the plan.

Why the split: when the as-of day of a 50,000-case list changes, almost every case
keeps the same chosen events (all of them: its events all lie before both days). The
derive processes (core/derive_worker.py) keep each case's plan from the store's
generation and only count again; a case with events on both sides of the day is
planned afresh. The answers are the same by construction — derive() itself is
plan-then-count — and a property test checks the kept plans against derive().
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from dossier.core.alerts import add_days, add_months
from dossier.core.dates import format_day, try_parse_edtf
from dossier.core.facts import DayRange, ExpectedRelease, TermEnd
from dossier.core.model import Event
from dossier.core.sentence import describe_sentence, sentence_parts
from dossier.core.stage import DISCLOSING_TYPES, STAGE_OF_TYPE, START, State, step, verdict_effect
from dossier.core.vocab import CUSTODY_STATUSES, charge_id

__all__ = ["Item", "Plan", "Run", "Step", "days_between", "plan", "run_start", "vague_digits"]

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

# A step as the walk keeps it: (earliest, latest, event, state, parsed DayRange).
Step = tuple[date, date, Event, State, DayRange]
# A chosen event as timeline.choose() orders it: (latest, earliest, seq, index, range, event).
Item = tuple[date, date, int, int, DayRange, Event]

# Rule → (attribute of the state, the values that belong to its measure).
_MEASURES = (
    ("rsdl_over_limit", "stage", frozenset({"rsdl"})),
    ("detention_over_limit", "stage", frozenset({"criminal_detention"})),
    ("disappeared_over_limit", "status", frozenset({"disappeared"})),
    ("investigation_over_limit", "stage", frozenset({"arrested"})),
    ("trial_over_limit", "stage", frozenset({"indicted", "on_trial"})),
)
_ONE_DAY = timedelta(days=1)


def days_between(d: date, since: date) -> int:
    return max(0, (d - since).days)


@lru_cache(maxsize=1024)
def _charge(text: str) -> str:
    return charge_id(text) or text.strip()


def vague_digits(text: str | None) -> bool:
    return bool(text) and ("X" in text or "x" in text)  # type: ignore[operator]


@lru_cache(maxsize=65536)
def _day_before(d: date) -> date:
    """The day before `d` (one object per day, shared by every plan that keeps it)."""
    return d - _ONE_DAY if d != date.min else d


# --- runs -------------------------------------------------------------------------------


def run_start(st: list[Step], i: int, j: int) -> DayRange:
    """Start range of the run st[i..j]: from the earliest day any of its events may fall
    on, but not before the steps that come before the run (steps carry their earliest
    day raised to that of the steps before them: see plan), to the smallest latest
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


def _trailing(st: list[Step], pred: Callable[[State], bool]) -> int:
    i = len(st)
    while i > 0 and pred(st[i - 1][3]):
        i -= 1
    return i


def _last_confirmed(st: list[Step], i: int) -> DayRange | None:
    """The latest `last_confirmed` among the events of the run st[i:], if any."""
    best: DayRange | None = None
    for it in st[i:]:
        lc = try_parse_edtf(it[2].last_confirmed)
        if lc is not None and (best is None or lc.latest > best.latest):
            best = lc
    return best


class Run:
    """One measure whose limit may pass (a run of steps in RSDL, criminal detention,
    …): where it began, and what may end it — the next step, or its last event's own
    `end` — before the day it is counted to (timeline.measure_end)."""

    __slots__ = (
        "rule",
        "start",
        "next_before",
        "next_latest_before",
        "next_text",
        "own",
        "own_text",
        "first_vague",
        "event_id",
    )

    def __init__(self, st: list[Step], rule: str, i: int, j: int) -> None:
        self.rule = rule
        self.start = run_start(st, i, j)
        # The day before the next step, at its earliest and latest, and that step's date.
        self.next_text: str | None = None  # None: nothing ends it but its own `end`
        if j + 1 < len(st):
            nxt = st[j + 1]
            self.next_before, self.next_latest_before = _day_before(nxt[0]), _day_before(nxt[1])
            self.next_text = nxt[2].date
        self.own_text = st[j][2].end or None
        self.own = try_parse_edtf(self.own_text) if self.own_text else None
        self.first_vague = vague_digits(st[i][2].date)
        self.event_id = st[i][2].id


def _runs(st: list[Step]) -> list[Run]:
    """Every measure's run, in the order of _MEASURES and then of the steps."""
    out: list[Run] = []
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
            out.append(Run(st, rule, i, j))
            i = j + 1
    return out


# --- the verdict in force ------------------------------------------------------------------


def _expected_release(st: list[Step], k: int, canon: str) -> ExpectedRelease | None:
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
            d = days_between(st[m + 1][pos], st[m][pos])
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


# --- the plan --------------------------------------------------------------------------------


class Plan:
    """Everything derive() takes from the chosen events that no as-of day changes.

    `stage` is the stage while a suspended sentence's probation runs (or the only
    stage); `stage_after_probation` the stage once `probation_ends` has passed.
    `steps` is None in a plan kept for lists (they never draw segments).
    """

    __slots__ = (
        "state",
        "stage",
        "stage_after_probation",
        "probation_ends",
        "charges",
        "sentence",
        "outcome",
        "expected_release",
        "probation",
        "political_rights",
        "release_event_id",
        "confirmed",
        "custody_since",
        "disappeared_since",
        "house_arrest_since",
        "lawyer_denied",
        "runs",
        "steps",
    )

    def __init__(self) -> None:
        self.state: State = START
        self.stage = self.stage_after_probation = START.stage
        self.probation_ends: date | None = None
        self.charges: list[str] = []
        self.sentence: str | None = None
        self.outcome: str | None = None
        self.expected_release: ExpectedRelease | None = None
        self.probation: TermEnd | None = None
        self.political_rights: TermEnd | None = None
        self.release_event_id: str | None = None  # the verdict in force, for release_due
        self.confirmed: DayRange | None = None
        self.custody_since: DayRange | None = None
        self.disappeared_since: DayRange | None = None
        self.house_arrest_since: DayRange | None = None
        # The denial that no_lawyer_access counts from: (since, event id, certainty).
        self.lawyer_denied: tuple[date, str, str] | None = None
        self.runs: list[Run] = []
        self.steps: list[Step] | None = None


def plan(items: list[Item], *, keep_steps: bool = True) -> Plan:
    """The plan of the chosen events `items` (timeline.choose()'s order)."""
    p = Plan()
    st: list[Step] = []
    lawyer: list[tuple[date, date, Event]] = []
    charges = p.charges
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

    p.state = state
    p.stage = p.stage_after_probation = state.stage
    if sentence_at is not None:
        p.sentence = sentence_at.sentence
    _verdict_plan(p, st, in_force)
    p.runs = _runs(st)
    if state.stage in _OPEN_ENDED:
        p.confirmed = _last_confirmed(st, _trailing(st, lambda s: s.stage == state.stage))
    status = state.status
    if status in _CUSTODY:
        since = p.custody_since = run_start(
            st, _trailing(st, lambda s: s.status in _CUSTODY), len(st) - 1
        )
        if status == "disappeared":
            k = _trailing(st, lambda s: s.status == "disappeared")
            p.disappeared_since = run_start(st, k, len(st) - 1)
        p.lawyer_denied = _lawyer_denied(lawyer, since.earliest)
    elif status == "house_arrest":
        i = _trailing(st, lambda s: s.status == "house_arrest")
        p.house_arrest_since = run_start(st, i, len(st) - 1)
    if in_force is not None:
        p.release_event_id = in_force[1].id
    if keep_steps:
        p.steps = st
    return p


def _lawyer_denied(
    lawyer: list[tuple[date, date, Event]], period_start: date
) -> tuple[date, str, str] | None:
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
    if denied is None:
        return None
    certainty = "possible" if vague_digits(denied[2].date) else "certain"
    return max(denied[0], period_start), denied[2].id, certainty


def _verdict_plan(p: Plan, st: list[Step], in_force: tuple[int, Event] | None) -> None:
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
    p.outcome = outcome
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
                p.expected_release = er
            if release_range is None and er is not None:
                release_range = er.range
    elif outcome == "suspended" and e.probation:
        p.probation = _term_from(vr, e.probation)
        until = p.probation.until
        # Let go (stage `released`) after a suspended sentence: on probation until its
        # term ends, then `released` again; a stage `probation` becomes convicted at
        # liberty once the term has ended (docs/cli.md, verdict outcomes).
        p.stage = "probation" if stage == "released" else stage
        if until is not None:
            p.probation_ends = until.latest
            p.stage_after_probation = "convicted_at_liberty" if stage == "probation" else stage
        else:
            p.stage_after_probation = p.stage
        release_range = vr
    elif outcome != "custodial":
        release_range = vr
    if rights and release_range is not None:
        p.political_rights = _term_from(release_range, rights)
