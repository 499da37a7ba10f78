"""What the timeline rules derive for a case as of a day — the shapes, not the rules.

`core.timeline.derive()` fills these; the CLI prints them, the window and the briefing
draw them. Dates are `datetime.date`; `to_json()` gives the spec/cli.md shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dossier.core.law import Basis, basis_text

# The version of the facts' JSON shape and rules. Bump it whenever derive() may give a
# different answer for the same events: stores empty their facts cache when it differs
# (store.migrations.check_facts_version). 2: the timeline model of issue #11.
FACTS_VERSION = 2


@dataclass(frozen=True)
class DayRange:
    """The days a vague date may mean: `2015-10` is 2015-10-01 … 2015-10-31."""

    earliest: date
    latest: date

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def to_json(self) -> dict:
        return {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat()}


@dataclass(frozen=True)
class DaysRange:
    """A count of whole days that vague dates leave open: {min, max}."""

    min: int
    max: int

    def to_json(self) -> dict:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class Alert:
    rule: str  # see core.vocab.ALERT_RULES
    since: date  # the first day the breach may have begun
    until: date | None  # None while the breach goes on
    text: str  # English sentence; front ends may rebuild it with core.alerts.alert_text
    event_id: str | None = None  # the event that started the measure
    # Since facts version 2 (issue #11):
    certainty: str = "certain"  # certain: the dates prove it; possible: they allow it
    days: DaysRange | None = None  # how long the measure lasted (min/max), when it ended or goes on
    limit: str | None = None  # the limit, e.g. "P6M", "P37D", "P1D"
    basis: Basis | None = None

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "since": self.since.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "text": self.text,
            "certainty": self.certainty,
            "days": self.days.to_json() if self.days else None,
            "limit": self.limit,
            "basis": _basis_json(self.basis) if self.basis else None,
        }


_BASIS_JSON: dict[Basis, dict] = {}


def _basis_json(b: Basis) -> dict:
    """The basis with its sentences (built once per basis: lists derive many alerts)."""
    out = _BASIS_JSON.get(b)
    if out is None:
        out = _BASIS_JSON[b] = b.to_json() | {
            "text": basis_text(b, "en"),
            "text_zh": basis_text(b, "zh"),
        }
    return dict(out, articles=list(b.articles))


@dataclass(frozen=True)
class Segment:
    """A stretch of one status, for drawing: from its start range to its end range.

    `end` is None when the status still holds as of the day; the drawing then runs to
    the as-of day. Vague starts/ends are drawn as vague (a gradient over the range).
    """

    status: str
    start: DayRange
    end: DayRange | None
    event_ids: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "start": self.start.to_json(),
            "end": self.end.to_json() if self.end else None,
            "event_ids": list(self.event_ids),
        }


@dataclass(frozen=True)
class ExpectedRelease:
    """When a fixed custodial term ends. `date` is the earliest day it may end (the old
    single date); `latest` the latest, when vague dates leave a range."""

    date: date
    term: str  # the verdict's term, e.g. P4Y6M
    credited_days: int  # pre-trial custody credited against the term (earliest reading)
    explanation: str  # how it was counted, in English
    latest: date | None = None  # None: same as `date`

    @property
    def earliest(self) -> date:
        return self.date

    @property
    def range(self) -> DayRange:
        return DayRange(self.date, self.latest or self.date)

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "earliest": self.date.isoformat(),
            "latest": (self.latest or self.date).isoformat(),
            "term": self.term,
            "credited_days": self.credited_days,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class TermEnd:
    """A running non-custodial term (probation, deprivation of political rights):
    its length as given and the range of days it starts and ends on."""

    term: str  # ISO duration, or "life"
    start: DayRange
    until: DayRange | None  # None: for life

    def to_json(self) -> dict:
        return {
            "term": self.term,
            "start": self.start.to_json(),
            "until": self.until.to_json() if self.until else None,
        }


@dataclass
class CaseFacts:
    """What derive() says of a case as of a day (docs/cli.md "Derived facts" and, since
    schema 3, "Timeline model"). `status` keeps its old one-word meaning; `stage`,
    `in_custody`, `custody_kind` and `whereabouts` are the separate dimensions."""

    as_of: date
    status: str = "unknown"
    custody_since: DayRange | None = None
    days_in_custody: DaysRange | None = None
    days_disappeared: DaysRange | None = None
    days_in_house_arrest: DaysRange | None = None
    charges: list[str] = field(default_factory=list)
    sentence: str | None = None
    expected_release: ExpectedRelease | None = None
    alerts: list[Alert] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    # Since facts version 2 (issue #11):
    stage: str = "none"  # vocab.STAGES
    in_custody: bool = False
    custody_kind: str | None = None  # vocab.CUSTODY_KINDS
    whereabouts: str | None = None  # vocab.WHEREABOUTS; None before any measure
    outcome: str | None = None  # the verdict in force: vocab.OUTCOMES
    probation: TermEnd | None = None
    political_rights: TermEnd | None = None
    last_confirmed: date | None = None  # the open-ended measure was last confirmed then
    known_on: date | None = None  # facts as known on this day (None: everything known)

    def to_json(self) -> dict:
        def j(v):
            return v.to_json() if v is not None else None

        er = self.expected_release
        return {
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "custody_since": j(self.custody_since),
            "days_in_custody": j(self.days_in_custody),
            "days_disappeared": j(self.days_disappeared),
            "days_in_house_arrest": j(self.days_in_house_arrest),
            "charges": list(self.charges),
            "sentence": self.sentence,
            "expected_release": er.date.isoformat() if er else None,
            "expected_release_detail": j(er),
            "alerts": [a.to_json() for a in self.alerts],
            "stage": self.stage,
            "in_custody": self.in_custody,
            "custody_kind": self.custody_kind,
            "whereabouts": self.whereabouts,
            "outcome": self.outcome,
            "expected_release_range": er.range.to_json() if er else None,
            "probation": j(self.probation),
            "political_rights": j(self.political_rights),
            "last_confirmed": self.last_confirmed.isoformat() if self.last_confirmed else None,
            "known_on": self.known_on.isoformat() if self.known_on else None,
        }


# -- the list's facts ------------------------------------------------------------------------
# One type from the store to the views (issue 14 item 5): the case list, the overview
# and the CLI's list read these, never a JSON dict. Kept as plain SQL columns in the
# store's `list_facts` table (store/list_facts.py) and built in the derive processes
# (core/derive_worker.py), so a list of 50,000 cases loads with one SELECT into tuples.


@dataclass(frozen=True, slots=True)
class ListAlert:
    """An alert as a list shows it: the rule, its days and how sure the dates make it."""

    rule: str
    since: date
    until: date | None = None
    certainty: str = "certain"


@dataclass(frozen=True, slots=True)
class ListFacts:
    """Exactly what a list row, the overview's counts and the chart's order show of a
    case as of a day: a subset of `CaseFacts`, immutable and cheap (no segments, no
    sentences, no legal basis: those are for the case view and the briefing)."""

    status: str = "unknown"
    stage: str = "none"
    in_custody: bool = False
    custody_kind: str | None = None
    whereabouts: str | None = None
    custody_since: DayRange | None = None
    days_in_custody: DaysRange | None = None
    days_in_house_arrest: DaysRange | None = None
    last_confirmed: date | None = None
    alerts: tuple[ListAlert, ...] = ()

    @classmethod
    def of(cls, f: CaseFacts) -> ListFacts:
        """The list's facts of what derive() said."""
        return cls(
            f.status,
            f.stage,
            f.in_custody,
            f.custody_kind,
            f.whereabouts,
            f.custody_since,
            f.days_in_custody,
            f.days_in_house_arrest,
            f.last_confirmed,
            tuple(ListAlert(a.rule, a.since, a.until, a.certainty) for a in f.alerts),
        )

    @classmethod
    def from_json(cls, d: dict) -> ListFacts:
        """From `CaseFacts.to_json()`'s shape (the facts cache of older stores, the CLI's
        summaries): only where JSON facts exist already, never on a list's hot path."""

        def day(v: str | None) -> date | None:
            return date.fromisoformat(v) if v else None

        def days(v: dict | None) -> DaysRange | None:
            return DaysRange(v["min"], v["max"]) if v else None

        cs = d.get("custody_since")
        return cls(
            d.get("status", "unknown"),
            d.get("stage", "none"),
            bool(d.get("in_custody")),
            d.get("custody_kind"),
            d.get("whereabouts"),
            DayRange(day(cs["earliest"]), day(cs["latest"])) if cs else None,  # type: ignore[arg-type]
            days(d.get("days_in_custody")),
            days(d.get("days_in_house_arrest")),
            day(d.get("last_confirmed")),
            tuple(
                ListAlert(
                    a["rule"],
                    date.fromisoformat(a["since"]),
                    day(a.get("until")),
                    a.get("certainty", "certain"),
                )
                for a in d.get("alerts") or ()
            ),
        )

    @property
    def shown_days(self) -> DaysRange | None:
        """The days a list shows: in custody, else under house arrest (as `dossier list`)."""
        return self.days_in_custody or self.days_in_house_arrest

    @property
    def alert_rules(self) -> tuple[str, ...]:
        return tuple(a.rule for a in self.alerts)

    def has_alert(self, rule: str) -> bool:
        return any(a.rule == rule for a in self.alerts)

    # -- as SQL columns (store/list_facts.py) and back -------------------------------------
    def to_row(self) -> tuple:
        """Plain column values: dates as ISO text, alerts as one compact text
        (`rule,since,until,certainty` joined by `;`; rules and ISO days hold neither)."""
        cs, dc, dh, lc = (
            self.custody_since,
            self.days_in_custody,
            self.days_in_house_arrest,
            self.last_confirmed,
        )
        return (
            self.status,
            self.stage,
            int(self.in_custody),
            self.custody_kind,
            self.whereabouts,
            cs.earliest.isoformat() if cs else None,
            cs.latest.isoformat() if cs else None,
            dc.min if dc else None,
            dc.max if dc else None,
            dh.min if dh else None,
            dh.max if dh else None,
            lc.isoformat() if lc else None,
            alerts_text(self.alerts),
        )

    @classmethod
    def from_row(cls, row: tuple | list) -> ListFacts:
        """Back from `to_row()`'s columns (in that order)."""
        (st, stage, inc, kind, wh, s1, s2, c1, c2, h1, h2, lc, al) = row
        fromiso = date.fromisoformat
        return cls(
            st,
            stage,
            bool(inc),
            kind,
            wh,
            DayRange(fromiso(s1), fromiso(s2)) if s1 else None,
            DaysRange(c1, c2) if c1 is not None else None,
            DaysRange(h1, h2) if h1 is not None else None,
            fromiso(lc) if lc else None,
            parse_alerts(al) if al else (),
        )


LIST_FACTS_COLUMNS = (
    "status",
    "stage",
    "in_custody",
    "custody_kind",
    "whereabouts",
    "since_earliest",
    "since_latest",
    "custody_min",
    "custody_max",
    "house_min",
    "house_max",
    "last_confirmed",
    "alerts",
)
NO_FACTS = ListFacts()


def alerts_text(alerts: tuple[ListAlert, ...]) -> str:
    return ";".join(
        f"{a.rule},{a.since.isoformat()},{a.until.isoformat() if a.until else ''},{a.certainty}"
        for a in alerts
    )


def parse_alerts(text: str) -> tuple[ListAlert, ...]:
    out = []
    fromiso = date.fromisoformat
    for part in text.split(";"):
        rule, since, until, certainty = part.split(",")
        out.append(ListAlert(rule, fromiso(since), fromiso(until) if until else None, certainty))
    return tuple(out)
