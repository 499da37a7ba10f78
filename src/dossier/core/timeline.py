"""The timeline rules of spec/cli.md "Derived facts": what a case's events mean as of a day.

`derive(events, as_of)` is the heart of Dossier. It is pure (no store, no clock) so the
CLI, the window, the briefing and the tests all get the same answer, and it is cheap
(it runs for every case of a list view).

Decisions the spec leaves open, made here and relied on by the tests:

* An event whose date (or sentence, or `end`) is not valid is skipped (or treated as
  having no end / no fixed term) rather than crashing a list of 50,000 cases; values
  are validated on entry.
* In the measure rules ("alerts"), *the day* of an event or of an `end` is its earliest
  possible day — the same day that orders events. With a vague start that is what the
  spec asks; using it for ends too keeps one rule, and it errs toward raising an alert
  a researcher can check rather than missing one.
* An alert's `until` is the last day the breach lasted (the day before the next status
  event, or the `end` day), inclusive, like `since`.
* `charges` are mapped to vocabulary ids where the text is a known charge in English or
  Chinese, so `煽动颠覆国家政权罪` and `inciting_subversion` are one charge.
* `sentence` is the term of the latest verdict that states one (a later verdict entered
  without a term, e.g. an appeal upheld, does not erase the term).
* `no_lawyer_access` looks at lawyer events of the current custody period only (those
  that may fall in it): a denial in an earlier, ended detention says nothing about
  access now.
* Open EDTF ends (`../2016`, `2015/..`) reach the ends of the calendar (see
  core.dates); counts of days stay honest ("0 to N days") and date arithmetic
  saturates instead of overflowing. `custody_since` is reported as the spec defines it,
  unclamped; front ends may show a latest day past the as-of day as "not known".
* Segments end where the next status event starts (its whole range), or at the run's
  last event's own `end` when that is earlier and not after the as-of day.
* Expected release: see `_expected_release`.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from dossier.core.dates import format_day, try_parse_edtf
from dossier.core.facts import Alert, CaseFacts, DayRange, DaysRange, ExpectedRelease, Segment
from dossier.core.model import Event
from dossier.core.sentence import describe_sentence, sentence_parts
from dossier.core.vocab import CUSTODY_STATUSES, EVENT_TYPES, charge_id

__all__ = [
    "ALERT_RULES",
    "STATUS_OF_TYPE",
    "add_months",
    "alert_text",
    "derive",
]

# Event type id → the status it sets; types not listed never change status.
STATUS_OF_TYPE: dict[str, str] = {t.id: t.status for t in EVENT_TYPES.values() if t.status}

ALERT_RULES = (
    "rsdl_over_limit",
    "detention_over_limit",
    "disappeared_over_limit",
    "no_lawyer_access",
    "release_due",
)
RSDL_LIMIT_MONTHS = 6  # Criminal Procedure Law art. 79: at most six months
DETENTION_LIMIT_DAYS = 37  # art. 91: 3 (+4) days to request arrest, + 7 to approve; up to 37
DISAPPEARED_LIMIT_DAYS = 1  # family to be notified within 24 hours
RELEASE_DUE_DAYS = 30

_CUSTODY = frozenset(str(s) for s in CUSTODY_STATUSES)
# Pre-trial custody credited at half (two days for one): RSDL by CPL art. 76; an enforced
# disappearance is in practice unacknowledged RSDL, so it is credited the same way.
_HALF_CREDIT = frozenset({"rsdl", "disappeared"})
_DISAPPEARED = frozenset({"disappeared"})
_HOUSE_ARREST = frozenset({"house_arrest"})


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
    last = 29 if month == 1 and calendar.isleap(year) else _MONTH_DAYS[month]
    return date(year, month + 1, d.day if d.day <= last else last)


def _add_days(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


# --- alert sentences ---------------------------------------------------------------

_ALERT_EN = {
    "rsdl_over_limit": "RSDL beyond the 6-month legal limit",
    "detention_over_limit": "Criminal detention beyond the 37-day limit before formal arrest",
    "disappeared_over_limit": "Held incommunicado beyond 24 hours without notice to family",
    "no_lawyer_access": "No access to a lawyer",
}
_ALERT_ZH = {
    "rsdl_over_limit": "指定居所监视居住超过六个月法定期限",
    "detention_over_limit": "刑事拘留超过提请逮捕前37日的法定上限",
    "disappeared_over_limit": "被迫失踪超过24小时且未通知家属",
    "no_lawyer_access": "无法会见律师",
}


def alert_text(rule: str, since: date, until: date | None, lang: str = "en") -> str:
    """The sentence for an alert, in English or Chinese (`lang` "zh…").

    For `release_due`, `since` is 30 days before the expected release, as in Alert.
    """
    zh = lang.startswith("zh")
    if rule == "release_due":
        due = format_day(_add_days(since, RELEASE_DUE_DAYS), lang)
        return f"预计于{due}刑满释放，请核实" if zh else f"Release due on {due}: check it happens"
    what = (_ALERT_ZH if zh else _ALERT_EN).get(rule, rule)
    s = format_day(since, lang)
    if until is None:
        return f"{what}，自{s}起" if zh else f"{what} since {s}"
    u = format_day(until, lang)
    if zh:
        return f"{what}，{s}" if until == since else f"{what}，自{s}起至{u}止"
    return f"{what} on {s}" if until == since else f"{what} from {s} to {u}"


def _alert(rule: str, since: date, until: date | None, event_id: str | None) -> Alert:
    return Alert(rule, since, until, alert_text(rule, since, until), event_id)


# --- derive --------------------------------------------------------------------------

# A status event as derive() walks it: (earliest day, latest day, event, status, its
# parsed DayRange). Plain tuples, and reusing the cached DayRange objects (frozen
# dataclasses are slow to build), keep derive() cheap: it runs for every case of a list.
_St = tuple[date, date, Event, str, DayRange]


def _days(d: date, since: date) -> int:
    return max(0, (d - since).days)


@lru_cache(maxsize=1024)
def _charge(text: str) -> str:
    return charge_id(text) or text.strip()


def _trailing_start(st: list[_St], statuses: frozenset[str]) -> int:
    """Index where the last run of status events whose status is in `statuses` starts."""
    i = len(st)
    while i > 0 and st[i - 1][3] in statuses:
        i -= 1
    return i


def _period(st: list[_St], i: int, as_of: date) -> tuple[DayRange, DaysRange]:
    """Start range and day count of the period made of st[i:] (sorted by earliest day,
    so the first event has the smallest earliest day; a sharper later date narrows the
    latest possible start)."""
    earliest = st[i][0]
    latest = st[i][1]
    rng = st[i][4]
    for it in st[i + 1 :]:
        if it[1] < latest:
            latest, rng = it[1], None
    if rng is None:
        rng = DayRange(earliest, latest)
    return rng, DaysRange(_days(as_of, latest), _days(as_of, earliest))


def _measure_end(st: list[_St], j: int, as_of: date) -> tuple[date, bool]:
    """The last day of a measure whose last event is st[j], and whether it has ended.

    It lasts through the day before the next status event (of another type: the caller
    groups same-type events), or through the `end` day of its last event, or through
    `as_of` (still going on).
    """
    last, closed = as_of, False
    if j + 1 < len(st):
        last, closed = _add_days(st[j + 1][0], -1), True
    end = try_parse_edtf(st[j][2].end)
    if end is not None and end.earliest <= last:
        last, closed = end.earliest, True
    return last, closed


def _limit_alerts(st: list[_St], as_of: date, out: list[Alert]) -> None:
    """rsdl_over_limit and detention_over_limit for every measure, past ones too."""
    n = len(st)
    i = 0
    while i < n:
        etype = st[i][2].type
        j = i
        while j + 1 < n and st[j + 1][2].type == etype:
            j += 1
        if etype == "rsdl" or etype == "detention":
            start = st[i][0]
            if etype == "rsdl":
                rule, since = "rsdl_over_limit", add_months(start, RSDL_LIMIT_MONTHS)
            else:
                rule, since = "detention_over_limit", _add_days(start, DETENTION_LIMIT_DAYS)
            last, closed = _measure_end(st, j, as_of)
            if last >= since:
                out.append(_alert(rule, since, last if closed else None, st[i][2].id))
        i = j + 1


def _expected_release(st: list[_St], k: int) -> ExpectedRelease | None:
    """When the fixed term of the verdict st[k] ends, crediting pre-trial custody.

    The credited custody is the run of custody status events that leads to the verdict
    (custody ended by release or bail before it is not counted). Each of its events
    lasts until the next status event; detention, arrest, trial and an earlier verdict
    are credited day for day (Criminal Law art. 47), RSDL — and an enforced
    disappearance, in practice unacknowledged RSDL — two days for one (Criminal
    Procedure Law art. 76). Vague dates count from their earliest possible day, so the
    date given is the earliest the person may be due out: `release_due` then warns
    early rather than late. The term is added in calendar months to the custody start
    moved later by the days not credited, as courts write "刑期自…起至…止".
    """
    canon = st[k][2].sentence or ""
    parts = sentence_parts(canon)
    if parts is None:
        return None
    i = k
    while i > 0 and st[i - 1][3] in _CUSTODY:
        i -= 1
    full = half = 0
    for m in range(i, k):
        days = _days(st[m + 1][0], st[m][0])
        if st[m][3] in _HALF_CREDIT:
            half += days
        else:
            full += days
    credited = full + half // 2
    start = st[i][0]
    years, months, days = parts
    effective = _add_days(start, half - half // 2)
    release = _add_days(add_months(effective, years * 12 + months), days)
    return ExpectedRelease(release, canon, credited, _release_how(canon, start, i == k, full, half))


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


def _segments(st: list[_St], as_of: date) -> list[Segment]:
    """Runs of one status, for drawing; see Segment.

    A run ends where the next status event starts (that event's whole date range), or
    at its last event's own `end` when that comes earlier and by `as_of`; otherwise it
    is ongoing (end None).
    """
    out: list[Segment] = []
    n = len(st)
    i = 0
    while i < n:
        earliest, latest, ev, status, start = st[i]
        ids = [ev.id]
        j = i
        while j + 1 < n and st[j + 1][3] == status:
            j += 1
            ids.append(st[j][2].id)
            if st[j][1] < latest:
                latest = st[j][1]
        if latest != start.latest:
            start = DayRange(earliest, latest)
        end: DayRange | None = None
        if j + 1 < n:
            end = st[j + 1][4]
        own = try_parse_edtf(st[j][2].end)
        if (
            own is not None
            and own.earliest <= as_of
            and (end is None or own.earliest < end.earliest)
        ):
            end = own
        out.append(Segment(status, start, end, tuple(ids)))
        i = j + 1
    return out


def derive(events: Sequence[Event], as_of: date) -> CaseFacts:
    """Everything spec/cli.md "Derived facts" computes for these events as of `as_of`."""
    items = []
    for idx, e in enumerate(events):
        r = try_parse_edtf(e.date)
        if r is not None and r.earliest <= as_of:
            items.append((r.earliest, e.seq or 0, idx, r, e))
    items.sort()  # earliest day, then order of entry; idx is unique, events never compared

    facts = CaseFacts(as_of=as_of)
    st: list[_St] = []
    lawyer: list[tuple[date, date, Event]] = []
    verdict_at = -1
    charges = facts.charges
    for earliest, _, _, r, e in items:
        status = STATUS_OF_TYPE.get(e.type)
        if status is not None:
            if e.type == "verdict" and e.sentence:
                verdict_at = len(st)
            st.append((earliest, r.latest, e, status, r))
        elif e.type == "lawyer_denied" or e.type == "lawyer_visit":
            lawyer.append((earliest, r.latest, e))
        for c in e.charges:
            cid = _charge(c)
            if cid and cid not in charges:
                charges.append(cid)

    status = facts.status = st[-1][3] if st else "unknown"
    if verdict_at >= 0:
        facts.sentence = st[verdict_at][2].sentence
        facts.expected_release = _expected_release(st, verdict_at)

    alerts = facts.alerts
    _limit_alerts(st, as_of, alerts)
    if status in _CUSTODY:
        facts.custody_since, facts.days_in_custody = _period(
            st, _trailing_start(st, _CUSTODY), as_of
        )
        if status == "disappeared":
            i = _trailing_start(st, _DISAPPEARED)
            _, facts.days_disappeared = _period(st, i, as_of)
            # The current disappearance period is one measure (one event type).
            since = _add_days(st[i][0], DISAPPEARED_LIMIT_DAYS)
            last, closed = _measure_end(st, len(st) - 1, as_of)
            if last >= since:
                alerts.append(
                    _alert("disappeared_over_limit", since, last if closed else None, st[i][2].id)
                )
        _lawyer_alert(lawyer, facts.custody_since.earliest, alerts)
    elif status == "house_arrest":
        _, facts.days_in_house_arrest = _period(st, _trailing_start(st, _HOUSE_ARREST), as_of)
    er = facts.expected_release
    if status == "sentenced" and er is not None and er.date <= _add_days(as_of, RELEASE_DUE_DAYS):
        since = _add_days(er.date, -RELEASE_DUE_DAYS)
        alerts.append(_alert("release_due", since, None, st[verdict_at][2].id))
    if len(alerts) > 1:
        alerts.sort(key=lambda a: (a.since, ALERT_RULES.index(a.rule)))
    facts.segments = _segments(st, as_of)
    return facts


def _lawyer_alert(
    lawyer: list[tuple[date, date, Event]], period_start: date, out: list[Alert]
) -> None:
    """no_lawyer_access: the first denial in the current custody period with no visit
    after it (a visit resets: a later denial starts a new stretch without access).

    A lawyer event belongs to the period when it may fall in it (its latest day is on or
    after the period's earliest start); `since` is the denial's day, but not before the
    custody began (a vague "2020" denial in custody from March counts from March).
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
        out.append(_alert("no_lawyer_access", since, None, denied[2].id))
