"""What the timeline rules derive for a case as of a day — the shapes, not the rules.

`core.timeline.derive()` fills these; the CLI prints them, the window and the briefing
draw them. Dates are `datetime.date`; `to_json()` gives the spec/cli.md shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
    rule: str  # rsdl_over_limit, detention_over_limit, disappeared_over_limit, no_lawyer_access, release_due
    since: date
    until: date | None  # None while the breach goes on
    text: str  # English sentence; front ends may rebuild it from rule/since/until
    event_id: str | None = None  # the event that started the measure

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "since": self.since.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "text": self.text,
        }


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
    date: date
    term: str  # the verdict's term, e.g. P4Y6M
    credited_days: int  # pre-trial custody credited against the term
    explanation: str  # how it was counted, in English

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "term": self.term,
            "credited_days": self.credited_days,
            "explanation": self.explanation,
        }


@dataclass
class CaseFacts:
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

    def to_json(self) -> dict:
        def j(v):
            return v.to_json() if v is not None else None

        return {
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "custody_since": j(self.custody_since),
            "days_in_custody": j(self.days_in_custody),
            "days_disappeared": j(self.days_disappeared),
            "days_in_house_arrest": j(self.days_in_house_arrest),
            "charges": list(self.charges),
            "sentence": self.sentence,
            "expected_release": self.expected_release.date.isoformat()
            if self.expected_release
            else None,
            "expected_release_detail": j(self.expected_release),
            "alerts": [a.to_json() for a in self.alerts],
        }
