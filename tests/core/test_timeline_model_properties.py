"""Properties of the timeline model of issue #11 (docs/cli.md "Timeline model"):
days never negative, a possible breach never reported as certain, and an event
reported later never changes what was known earlier."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dossier.core.dates import parse_edtf
from dossier.core.model import Event
from dossier.core.timeline import derive
from dossier.core.vocab import CUSTODY_KINDS, EVENT_TYPES, STAGES, WHEREABOUTS
from tests.core.test_timeline_properties import DATE_POOL, END_POOL, _pool_point

SETTINGS = settings(max_examples=200, deadline=None)

_rnd = random.Random(11)
REPORTED_POOL = [None] * 6 + sorted({_pool_point(_rnd) for _ in range(40)})
OUTCOMES = [
    None,
    None,
    "custodial",
    "suspended",
    "exempt",
    "acquitted",
    "fine",
    "upheld",
    "changed",
    "retrial",
]
SENTENCES = [None, "P3Y", "P4Y6M", "life"]
raw = st.tuples(
    st.sampled_from(sorted(EVENT_TYPES) * 2 + ["verdict", "appeal", "disappearance", "arrest"]),
    st.sampled_from(DATE_POOL),
    st.sampled_from(END_POOL),
    st.sampled_from(SENTENCES),
    st.sampled_from(OUTCOMES),
    st.sampled_from([None, None, "P4Y"]),
    st.sampled_from([None, None, None, "known", "unknown"]),
    st.sampled_from(REPORTED_POOL),
    st.sampled_from([None] * 5 + ["2018-05-01", "2019"]),
)


def make(i: int, r: tuple) -> Event:
    t, when, end, sentence, outcome, probation, where, reported, confirmed = r
    if t == "verdict":
        outcome = (
            outcome
            if outcome in ("custodial", "suspended", "exempt", "acquitted", "fine")
            else None
        )
    elif t == "appeal":
        outcome = outcome if outcome in ("upheld", "changed", "retrial") else None
    else:
        outcome = sentence = probation = None
    return Event(
        id=f"e{i}",
        type=t,
        date=when,
        end=end,
        seq=i,
        sentence=sentence,
        outcome=outcome,
        probation=probation,
        whereabouts=where,
        reported=reported,
        last_confirmed=confirmed,
    )


cases = st.lists(raw, max_size=10).map(lambda rs: [make(i, r) for i, r in enumerate(rs)])
days = st.dates(date(2008, 1, 1), date(2026, 12, 31))


@SETTINGS
@given(cases, days, st.one_of(st.none(), days))
def test_days_never_negative_and_values_from_the_vocabulary(events, as_of, known_on) -> None:
    f = derive(events, as_of, known_on)
    for dr in (
        f.days_in_custody,
        f.days_disappeared,
        f.days_in_house_arrest,
        *(a.days for a in f.alerts),
    ):
        if dr is not None:
            assert 0 <= dr.min <= dr.max
    assert f.stage in STAGES
    assert f.custody_kind is None or f.custody_kind in CUSTODY_KINDS
    assert f.whereabouts is None or f.whereabouts in WHEREABOUTS
    assert f.custody_kind is None or f.in_custody
    if f.expected_release is not None:
        assert f.in_custody and f.expected_release.range.earliest <= f.expected_release.range.latest
    for a in f.alerts:
        assert a.certainty in ("certain", "possible") and a.basis is not None
        assert a.since <= as_of and (a.until is None or a.since <= a.until <= as_of)
    if f.last_confirmed is not None:
        assert f.last_confirmed <= as_of


_MEASURE = {
    "rsdl": "rsdl_over_limit",
    "detention": "detention_over_limit",
    "disappearance": "disappeared_over_limit",
    "arrest": "investigation_over_limit",
}


def _vague(draw, lo: date) -> str:
    y = draw(st.integers(lo.year, lo.year + 2))
    m = draw(st.integers(1, 12))
    return draw(
        st.sampled_from(
            [
                f"{y}-{m:02d}",
                f"{y}",
                f"{y}-{m:02d}-{draw(st.integers(1, 28)):02d}",
                f"{y}-{m:02d}-XX",
                f"{str(y)[:3]}X",
            ]
        )
    )


@SETTINGS
@given(st.sampled_from(sorted(_MEASURE)), st.data())
def test_a_possible_breach_is_never_reported_as_certain(kind, data) -> None:
    """A certain alert holds for every exact reading of the vague dates: if some exact
    start and end days inside the ranges (start before end) give no breach, the vague
    case's alert is at most possible."""
    start = _vague(data.draw, date(2012, 1, 1))
    end = _vague(data.draw, parse_edtf(start).earliest)
    rs, re_ = parse_edtf(start), parse_edtf(end)
    assume(rs.latest < re_.latest)
    as_of = date(2030, 1, 1)
    rule = _MEASURE[kind]
    vague = derive(
        [
            Event(id="a", type=kind, date=start, seq=0),
            Event(id="b", type="release", date=end, seq=1),
        ],
        as_of,
    )
    certain = [a for a in vague.alerts if a.rule == rule and a.certainty == "certain"]
    if "X" in start or "X" in end:
        assert not certain
    s = data.draw(st.dates(rs.earliest, rs.latest))
    e = data.draw(
        st.dates(max(re_.earliest, s + timedelta(days=1)), max(re_.latest, s + timedelta(days=1)))
    )
    assume(re_.earliest <= e <= re_.latest)
    exact = derive(
        [
            Event(id="a", type=kind, date=s.isoformat(), seq=0),
            Event(id="b", type="release", date=e.isoformat(), seq=1),
        ],
        as_of,
    )
    if certain:
        assert any(a.rule == rule for a in exact.alerts), (start, end, s, e)


@SETTINGS
@given(
    cases,
    days,
    days,
    st.lists(st.tuples(raw, st.integers(1, 3000)), min_size=1, max_size=3),
    st.randoms(),
)
def test_an_event_reported_later_never_changes_what_was_known(
    events, as_of, known_on, extra, rnd
) -> None:
    more = list(events)
    for k, (r, offset) in enumerate(extra):
        reported = (known_on + timedelta(days=offset)).isoformat()
        e = make(len(events) + k, r)
        e.reported = reported
        more.append(e)
    rnd.shuffle(more)
    a, b = derive(more, as_of, known_on), derive(events, as_of, known_on)
    ja, jb = a.to_json(), b.to_json()
    ja["segments"] = [s.to_json() for s in a.segments]
    jb["segments"] = [s.to_json() for s in b.segments]
    assert ja == jb
