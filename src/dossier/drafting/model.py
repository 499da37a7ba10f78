"""What the drafting extractor hands back: drafts, each tied to the words it came from.

Nothing here is written to the store. A `Draft` is what a researcher reviews: the
statement cut into sentences, the cases and events found in them, and the sentences
nothing was taken from ("not used"), so no part of the text is dropped silently.
Every finding keeps its `Span` (character offsets into the statement) and a
confidence between 0 and 1, so a front end can highlight the words and say how sure
the rule was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the statement, and what they say."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class DateFinding:
    """A date phrase in the text and the EDTF it means (None: could not be resolved).

    `relative` phrases ("two years later", 去年, "since January") depend on an anchor:
    the statement's own date or an earlier date in the text; `anchor` says which.
    """

    span: Span
    edtf: str | None
    kind: str  # day, month, year, range, relative
    relative: bool = False
    anchor: str | None = None  # "statement" or "previous"
    open_end: bool = False  # "since …": the measure was still going on
    confidence: float = 1.0


@dataclass
class PersonMention:
    span: Span
    name: str  # the name as written (Latin or Han)
    native: str | None = None  # a second script given with it: "Wang Quanzhang (王全璋)"
    role: str | None = None  # lawyer, wife, activist, … when the words say so
    case_id: str | None = None  # an existing case it matched
    case_name: str | None = None
    score: int = 0  # match score with that case (100 = same spelling in pinyin)
    rule: str = ""  # which rule found it, for the explanation
    confidence: float = 1.0


@dataclass
class DraftEvent:
    """One event for review: every field editable, each with the words behind it."""

    id: str
    type: str
    date: str | None = None  # EDTF; None when the sentence gives no date
    end: str | None = None
    charges: list[str] = field(default_factory=list)
    sentence: str | None = None  # canonical prison term (P4Y6M, life, …)
    outcome: str | None = None  # verdict / appeal outcome (issue #11 ids)
    probation: str | None = None  # ISO duration of a suspended sentence
    sentence_index: int = 0
    trigger: Span | None = None  # the words that name the event
    date_span: Span | None = None
    evidence: list[Span] = field(default_factory=list)  # charges, term, outcome words
    rule: str = ""
    confidence: float = 1.0
    include: bool = True  # the reviewer may drop an event

    def to_json(self) -> dict:
        out = asdict(self)
        out["trigger"] = self.trigger.to_json() if self.trigger else None
        out["date_span"] = self.date_span.to_json() if self.date_span else None
        out["evidence"] = [s.to_json() for s in self.evidence]
        out["confidence"] = round(self.confidence, 2)
        return out


@dataclass
class DraftCase:
    """A person the statement speaks of, with the events found for them."""

    id: str
    name: str
    native_name: str | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    match_id: str | None = None  # the existing case this is (None: a new case)
    match_name: str | None = None
    match_score: int = 0
    candidates: list[tuple[str, str, int]] = field(default_factory=list)  # (id, name, score)
    events: list[DraftEvent] = field(default_factory=list)
    confidence: float = 1.0
    include: bool = True

    @property
    def is_new(self) -> bool:
        return self.match_id is None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "native_name": self.native_name,
            "role": self.role,
            "mentions": [m.to_json() for m in self.mentions],
            "match": (
                {"case_id": self.match_id, "name": self.match_name, "score": self.match_score}
                if self.match_id
                else None
            ),
            "candidates": [{"case_id": i, "name": n, "score": s} for i, n, s in self.candidates],
            "events": [e.to_json() for e in self.events],
            "confidence": round(self.confidence, 2),
        }


@dataclass
class Draft:
    """Everything found in one statement, for review."""

    text: str
    statement_date: str | None = None  # EDTF day the relative dates were resolved against
    statement_date_span: Span | None = None  # where it was read, if from the text
    lang: str = "en"
    sentences: list[Sentence] = field(default_factory=list)
    cases: list[DraftCase] = field(default_factory=list)
    dates: list[DateFinding] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # indexes of sentences something came from

    @property
    def not_used(self) -> list[Sentence]:
        return [s for s in self.sentences if s.index not in self.used]

    def events(self) -> list[tuple[DraftCase, DraftEvent]]:
        return [(c, e) for c in self.cases for e in c.events]

    def to_json(self) -> dict:
        return {
            "statement_date": self.statement_date,
            "statement_date_span": self.statement_date_span.to_json()
            if self.statement_date_span
            else None,
            "lang": self.lang,
            "cases": [c.to_json() for c in self.cases],
            "sentences": [
                {
                    "index": s.index,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "used": s.index in self.used,
                }
                for s in self.sentences
            ],
            "not_used": [s.index for s in self.not_used],
            "people": [
                {
                    "span": m.span.to_json(),
                    "name": m.name,
                    "native_name": m.native,
                    "role": m.role,
                    "case_id": m.case_id,
                    "score": m.score,
                    "rule": m.rule,
                    "confidence": round(m.confidence, 2),
                }
                for m in self.people
            ],
            "dates": [
                {
                    "span": d.span.to_json(),
                    "edtf": d.edtf,
                    "kind": d.kind,
                    "relative": d.relative,
                    "anchor": d.anchor,
                    "confidence": round(d.confidence, 2),
                }
                for d in self.dates
            ],
        }
