"""Properties of the date parser and the timeline rules, over generated cases."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.dates import describe, is_valid, parse_edtf
from dossier.core.errors import ValidationError
from dossier.core.model import Event
from dossier.core.timeline import STATUS_OF_TYPE, add_months, derive
from dossier.core.vocab import CUSTODY_STATUSES, EVENT_TYPES

SETTINGS = settings(max_examples=200, deadline=None)

# --- EDTF strategies -----------------------------------------------------------------

years = st.integers(2005, 2024)
qualifier = st.sampled_from(["", "", "~", "?", "%"])


@st.composite
def edtf_point(draw) -> str:
    y = draw(years)
    form = draw(
        st.sampled_from(
            ["day", "day", "month", "year", "season", "xyear", "xmonth", "xday", "xmonthday"]
        )
    )
    if form == "day":
        m = draw(st.integers(1, 12))
        d = draw(st.integers(1, calendar.monthrange(y, m)[1]))
        s = f"{y:04d}-{m:02d}-{d:02d}"
    elif form == "month":
        s = f"{y:04d}-{draw(st.integers(1, 12)):02d}"
    elif form == "year":
        s = f"{y:04d}"
    elif form == "season":
        s = f"{y:04d}-{draw(st.integers(21, 24))}"
    elif form == "xyear":
        s = str(y)[: draw(st.integers(2, 3))].ljust(4, "X")
    elif form == "xmonth":
        s = f"{y:04d}-XX"
    elif form == "xday":
        s = f"{y:04d}-{draw(st.integers(1, 12)):02d}-XX"
    else:
        s = f"{y:04d}-XX-XX"
    return s + draw(qualifier)


@st.composite
def edtf_any(draw) -> str:
    kind = draw(st.sampled_from(["point", "point", "point", "interval", "open"]))
    if kind == "point":
        return draw(edtf_point())
    a, b = draw(edtf_point()), draw(edtf_point())
    if parse_edtf(a).earliest > parse_edtf(b).latest:
        a, b = b, a
    if kind == "interval":
        return f"{a}/{b}"
    return draw(st.sampled_from([f"{a}/..", f"{a}/", f"../{b}", f"/{b}"]))


@SETTINGS
@given(edtf_any())
def test_every_listed_form_parses_with_earliest_not_after_latest(text: str) -> None:
    r = parse_edtf(text)
    assert r.earliest <= r.latest
    assert is_valid(text)
    assert describe(text) and describe(text, "zh")


@SETTINGS
@given(st.text(max_size=25))
def test_parse_never_raises_anything_but_validation_error(text: str) -> None:
    try:
        r = parse_edtf(text)
    except ValidationError as e:
        assert str(e).startswith(f'"{text}" is not a valid EDTF date')
        assert not is_valid(text)
        return
    assert r.earliest <= r.latest and is_valid(text)


@SETTINGS
@given(st.text(alphabet="0123456789-X/.~?%T:Z", max_size=22))
def test_parse_near_misses_raise_only_validation_error(text: str) -> None:
    try:
        r = parse_edtf(text)
    except ValidationError:
        return
    assert r.earliest <= r.latest


@SETTINGS
@given(st.dates(date(1, 1, 1), date(9000, 12, 31)), st.integers(-1200, 1200))
def test_add_months_clamps_and_round_trips(d: date, months: int) -> None:
    r = add_months(d, months)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == months or r in (date.min, date.max)
    assert r.day <= d.day
    if d.day <= 28 and r not in (date.min, date.max):
        assert add_months(r, -months) == d


# --- cases ---------------------------------------------------------------------------
# Cases are drawn from fixed pools (one draw per field) rather than composite strategies:
# generation dominates the run time otherwise, and these tests must stay fast.


def _pool_point(rnd: random.Random) -> str:
    y = rnd.randint(2005, 2024)
    m = rnd.randint(1, 12)
    form = rnd.choice(
        ["day", "day", "day", "month", "month", "year", "season", "xyear", "xmonth", "xday"]
    )
    s = {
        "day": f"{y}-{m:02d}-{rnd.randint(1, calendar.monthrange(y, m)[1]):02d}",
        "month": f"{y}-{m:02d}",
        "year": f"{y}",
        "season": f"{y}-{rnd.randint(21, 24)}",
        "xyear": f"{str(y)[:3]}X",
        "xmonth": f"{y}-XX",
        "xday": f"{y}-{m:02d}-XX",
    }[form]
    return s + rnd.choice(["", "", "", "~", "?", "%"])


def _pool_date(rnd: random.Random) -> str:
    kind = rnd.choice(["point"] * 6 + ["interval", "open"])
    a = _pool_point(rnd)
    if kind == "point":
        return a
    b = _pool_point(rnd)
    if parse_edtf(a).earliest > parse_edtf(b).latest:
        a, b = b, a
    if kind == "interval":
        return f"{a}/{b}"
    return rnd.choice([f"{a}/..", f"{a}/", f"../{b}", f"/{b}"])


_rnd = random.Random(20180203)
DATE_POOL = sorted({_pool_date(_rnd) for _ in range(3000)})
END_POOL = [None] * 200 + sorted({_pool_point(_rnd) for _ in range(60)}) + ["not a date"]
STATUS_TYPES = sorted(STATUS_OF_TYPE)
TYPE_POOL = STATUS_TYPES * 3 + sorted(EVENT_TYPES)
SENTENCES = ["P4Y6M", "P18M", "P2Y", "P30D", "life", None, "bogus"]
CHARGE_SETS = [[], [], [], ["subversion"], ["fraud", "寻衅滋事罪"], ["picking_quarrels", "other"]]
as_of_days = st.dates(date(2008, 1, 1), date(2026, 12, 31))

raw_event = st.tuples(
    st.sampled_from(TYPE_POOL),
    st.sampled_from(DATE_POOL),
    st.sampled_from(END_POOL),
    st.sampled_from(SENTENCES),
    st.sampled_from(CHARGE_SETS),
)


def make(i: int, r: tuple) -> Event:
    t, when, end, sentence, charges = r
    return Event(
        id=f"e{i}",
        type=t,
        date=when,
        end=end,
        seq=i,
        charges=list(charges),
        sentence=sentence if t == "verdict" else None,
    )


def build(raws: list[tuple]) -> list[Event]:
    return [make(i, r) for i, r in enumerate(raws)]


cases = st.lists(raw_event, max_size=10).map(build)


def snapshot(f) -> dict:
    j = f.to_json()
    j["segments"] = [s.to_json() for s in f.segments]
    j["alert_events"] = [a.event_id for a in f.alerts]
    return j


def check_day_counts_are_ordered_and_non_negative(events: list[Event], as_of: date) -> None:
    f = derive(events, as_of)
    for dr in (f.days_in_custody, f.days_disappeared, f.days_in_house_arrest):
        if dr is not None:
            assert 0 <= dr.min <= dr.max
    assert (f.days_in_custody is not None) == (f.status in CUSTODY_STATUSES)
    assert (f.custody_since is not None) == (f.status in CUSTODY_STATUSES)
    assert (f.days_disappeared is not None) == (f.status == "disappeared")
    assert (f.days_in_house_arrest is not None) == (f.status == "house_arrest")
    if f.custody_since is not None:
        assert f.custody_since.earliest <= f.custody_since.latest
        assert f.custody_since.earliest <= as_of
    if f.days_disappeared is not None:
        assert f.days_disappeared.max <= f.days_in_custody.max
    assert len(f.charges) == len(set(f.charges))


def check_alerts_are_well_formed(events: list[Event], as_of: date) -> None:
    f = derive(events, as_of)
    for a in f.alerts:
        assert a.since <= as_of
        if a.until is not None:
            assert a.since <= a.until <= as_of
        assert a.text
    if f.status not in CUSTODY_STATUSES:
        assert "no_lawyer_access" not in {a.rule for a in f.alerts}
    # Since issue #11 a past disappearance keeps its (closed) alert; one still running
    # needs the person disappeared now, or an end that may still lie after the day.
    vague_after = any(
        _latest(e.date) and _earliest(e.date) <= as_of < _latest(e.date) for e in events
    )
    for a in f.alerts:
        assert a.certainty in ("certain", "possible") and a.basis is not None
        if a.rule == "disappeared_over_limit" and a.until is None:
            assert f.status == "disappeared" or vague_after


def check_segments_follow_the_status_events(events: list[Event], as_of: date) -> None:
    f = derive(events, as_of)
    assert bool(f.segments) == (f.status != "unknown")
    if f.segments:
        assert f.segments[-1].status == f.status
    for a, b in zip(f.segments, f.segments[1:], strict=False):
        assert a.status != b.status
        assert a.start.earliest <= b.start.earliest
        assert a.end is not None
    for s in f.segments:
        assert s.start.earliest <= s.start.latest and s.event_ids


@SETTINGS
@given(
    cases,
    as_of_days,
    st.lists(
        st.tuples(raw_event, st.integers(1, 4000), st.sampled_from(["day", "year", "open"])),
        min_size=1,
        max_size=3,
    ),
    st.randoms(),
)
def test_events_after_as_of_never_change_the_answer(events, as_of, extra, rnd) -> None:
    more = list(events)
    for k, (r, offset, form) in enumerate(extra):
        x = as_of + timedelta(days=offset)
        when = {
            "day": x.isoformat(),
            "year": str(as_of.year + 1 + offset % 5),
            "open": f"{x.isoformat()}/..",
        }[form]
        assert parse_edtf(when).earliest > as_of
        more.append(make(len(events) + k, (r[0], when, *r[2:])))
    rnd.shuffle(more)
    assert snapshot(derive(more, as_of)) == snapshot(derive(events, as_of))


@SETTINGS
@given(cases, as_of_days, st.randoms())
def test_list_order_does_not_matter_only_dates_and_entry_order(events, as_of, rnd) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert snapshot(derive(shuffled, as_of)) == snapshot(derive(events, as_of))


def _earliest(text: str | None) -> date | None:
    try:
        return parse_edtf(text).earliest if text else None
    except ValidationError:
        return None


def _latest(text: str | None) -> date | None:
    try:
        return parse_edtf(text).latest if text else None
    except ValidationError:
        return None


@SETTINGS
@given(cases, as_of_days, st.integers(1, 2000))
def test_a_quiet_stretch_only_adds_days(events: list[Event], d1: date, delta: int) -> None:
    """Between D1 and D2 nothing happens (no event starts, no end falls): the status and
    what is known stay put, days grow by the stretch, and no alert disappears."""
    d2 = d1 + timedelta(days=delta)

    def quiet(e: Event) -> bool:
        # Since issue #11 a vague date's latest day matters too (ordering and possible
        # breaches are on the whole range): neither end of a range may fall in the stretch.
        days = [_earliest(e.date), _latest(e.date), _earliest(e.end), _latest(e.end)]
        return not any(x and d1 < x <= d2 for x in days)

    events = [e for e in events if quiet(e)]
    f1, f2 = derive(events, d1), derive(events, d2)
    assert (f1.status, f1.charges, f1.sentence) == (f2.status, f2.charges, f2.sentence)
    assert f1.custody_since == f2.custody_since
    assert f1.expected_release == f2.expected_release
    assert len(f1.segments) == len(f2.segments)
    for r1, r2 in (
        (f1.days_in_custody, f2.days_in_custody),
        (f1.days_disappeared, f2.days_disappeared),
        (f1.days_in_house_arrest, f2.days_in_house_arrest),
    ):
        if r1 is not None:
            assert r2.max == r1.max + delta
            assert r1.min <= r2.min <= r1.min + delta
    key = lambda a: (a.rule, a.since, a.until, a.event_id)  # noqa: E731
    assert {key(a) for a in f1.alerts} <= {key(a) for a in f2.alerts}


@st.composite
def vague_point(draw) -> str:
    y = draw(years)
    return draw(
        st.sampled_from(
            [
                f"{y}",
                f"{y}-{draw(st.integers(1, 12)):02d}",
                f"{y}-23",
                f"{y}-XX",
                f"{y}-{draw(st.integers(1, 12)):02d}-XX",
            ]
        )
    )


@SETTINGS
@given(st.sampled_from(STATUS_TYPES), vague_point(), st.data())
def test_any_exact_day_within_a_vague_date_falls_within_min_max(t, vague, data) -> None:
    r = parse_edtf(vague)
    as_of = data.draw(st.dates(r.earliest, date(2030, 12, 31)))
    day = data.draw(st.dates(r.earliest, min(r.latest, as_of)))
    fv = derive([Event(type=t, date=vague)], as_of)
    fx = derive([Event(type=t, date=day.isoformat())], as_of)
    assert fv.status == fx.status
    for rv, rx in (
        (fv.days_in_custody, fx.days_in_custody),
        (fv.days_in_house_arrest, fx.days_in_house_arrest),
    ):
        if rv is not None:
            assert rx.min == rx.max
            assert rv.min <= rx.min <= rv.max


def check_expected_release_credits_no_more_than_the_custody_before_the_verdict(events, as_of):
    f = derive(events, as_of)
    er = f.expected_release
    if er is None:
        return
    assert f.sentence == er.term
    assert er.credited_days >= 0
    # Since issue #11 steps are ordered by latest day: bound by the verdict's latest day.
    verdicts = [
        _latest(e.date)
        for e in events
        if e.type == "verdict" and e.sentence == er.term and _earliest(e.date) <= as_of
    ]
    assert verdicts
    starts = [_earliest(e.date) for e in events if e.type in STATUS_OF_TYPE]
    assert er.credited_days <= (max(verdicts) - min(s for s in starts if s)).days


@SETTINGS
@given(cases, as_of_days)
def test_derived_facts_are_well_formed(events: list[Event], as_of: date) -> None:
    """One generated case, every invariant (one test: generation is the slow part)."""
    check_day_counts_are_ordered_and_non_negative(events, as_of)
    check_alerts_are_well_formed(events, as_of)
    check_segments_follow_the_status_events(events, as_of)
    check_expected_release_credits_no_more_than_the_custody_before_the_verdict(events, as_of)
