"""Drafts from a statement, and writing the reviewed drafts in one transaction.

`draft_statement` reads the store's case names and runs the extractor (nothing is
written). `plan` turns a reviewed `Draft` into the records to write: the statement as
a `Source` (title, date, the text itself as a UTF-8 attachment), new cases with their
events, events for matched existing cases — every event citing the source and quoting
its sentence in the note. `apply` writes a plan in one transaction (all or nothing);
`revert` takes it back in one transaction (the window's undo). Events without a date
are not written; the plan lists them with the reason, so nothing vanishes unsaid.
"""

from __future__ import annotations

import copy
import hashlib
import io
import uuid
from dataclasses import dataclass, field
from datetime import date

from dossier.core import validate
from dossier.core.errors import ValidationError
from dossier.core.model import Attachment, Case, Event, Name, Source
from dossier.drafting import Draft, Known, extract
from dossier.share.local import local_case_names
from dossier.store import attachments, repo

from .dossier import Dossier

NOTE_LIMIT = 600


@dataclass
class Skipped:
    case: str
    event_type: str
    words: str
    reason: str

    def to_json(self) -> dict:
        return {
            "case": self.case,
            "type": self.event_type,
            "words": self.words,
            "reason": self.reason,
        }


@dataclass
class Plan:
    """What accepting a draft writes, prepared (and validated) before any write."""

    source: Source
    text: bytes
    filename: str
    new_cases: list[Case] = field(default_factory=list)
    added: dict[str, list[Event]] = field(
        default_factory=dict
    )  # existing case id -> its new events
    new_names: dict[str, list[Name]] = field(
        default_factory=dict
    )  # existing case id -> names it gains
    skipped: list[Skipped] = field(default_factory=list)
    before: dict[str, Case] = field(
        default_factory=dict
    )  # matched cases as they were (filled by apply)

    @property
    def event_count(self) -> int:
        return sum(len(c.events) for c in self.new_cases) + sum(len(v) for v in self.added.values())

    def case_ids(self) -> list[str]:
        return [c.id for c in self.new_cases] + list(self.added)

    def summary(self) -> dict:
        return {
            "source": {"id": self.source.id, "title": self.source.title, "date": self.source.date},
            "new_cases": [
                {"id": c.id, "name": c.name, "events": len(c.events)} for c in self.new_cases
            ],
            "updated_cases": [{"id": cid, "events": len(evs)} for cid, evs in self.added.items()],
            "events": self.event_count,
            "skipped": [s.to_json() for s in self.skipped],
        }


def known_cases(d: Dossier) -> list[Known]:
    """Every case's names, for matching names in a statement."""
    with d.store.read() as s:
        return [Known(c.id, c.name, c.names) for c in local_case_names(s)]


def draft_statement(d: Dossier | None, text: str, statement_date: date | None = None) -> Draft:
    """Draft cases from `text`, matched against the store's cases when one is open."""
    if not text.strip():
        raise ValidationError("the statement is empty", where="statement")
    return extract(
        text, statement_date=statement_date, known=known_cases(d) if d is not None else []
    )


def plan(
    draft: Draft,
    *,
    title: str,
    source_date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    filename: str = "statement.txt",
) -> Plan:
    """The records that accepting `draft` writes; ValidationError names the bad field."""
    if not title.strip():
        raise ValidationError("the statement needs a title", where="source title")
    src = validate.validate_source(
        Source(
            title=title.strip(),
            date=source_date or draft.statement_date,
            publisher=publisher,
            url=url,
        )
    )
    p = Plan(source=src, text=draft.text.encode("utf-8"), filename=filename)
    sentences = {s.index: s.text for s in draft.sentences}
    for dc in draft.cases:
        if not dc.include:
            continue
        events: list[Event] = []
        for de in dc.events:
            if not de.include:
                continue
            words = de.trigger.text if de.trigger else de.type
            if not de.date:
                p.skipped.append(Skipped(dc.name, de.type, words, "no date: give one to keep it"))
                continue
            quote = sentences.get(de.sentence_index, "")
            if len(quote) > NOTE_LIMIT:
                quote = quote[: NOTE_LIMIT - 1] + "…"
            e = Event(
                type=de.type,
                date=de.date,
                end=de.end,
                charges=list(de.charges),
                sentence=de.sentence,
                note=f"«{quote}»",
                source_ids=[src.id],
                confidence="reported",
            )
            for extra in ("outcome", "probation"):  # issue #11 fields, where this build has them
                if getattr(de, extra) and hasattr(e, extra):
                    setattr(e, extra, getattr(de, extra))
            try:
                validate.validate_event(e)
            except ValidationError as exc:
                raise ValidationError(
                    f"{dc.name}, {de.type} “{words}”: {exc}", where="draft event"
                ) from None
            events.append(e)
        if dc.match_id:
            if events:
                p.added[dc.match_id] = events
            names = [
                Name(n, "zh-Hans" if _han(n) else "en") for n in (dc.name, dc.native_name) if n
            ]
            if names:
                p.new_names[dc.match_id] = names
        elif events:
            case = Case(name=dc.name.strip())
            if dc.native_name and dc.native_name != case.name:
                case.names.append(
                    Name(dc.native_name, "zh-Hans" if _han(dc.native_name) else "und")
                )
            elif _han(case.name):
                case.names.append(Name(case.name, "zh-Hans"))
            for i, e in enumerate(events, start=1):
                e.case_id, e.seq = case.id, i
            case.events = events
            p.new_cases.append(validate.validate_case(case))
    if not p.event_count:
        raise ValidationError(
            "nothing to write: no draft event is included and dated", where="draft"
        )
    return p


def _han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def apply(d: Dossier, p: Plan) -> Plan:
    """Write the plan in one transaction; returns it with what undo needs filled in."""
    with d.store.write("draft from statement") as s:
        src = copy.deepcopy(p.source)
        src.attachments = []
        repo.put_source(s, src)
        att = Attachment(
            id=_att_id(p),
            source_id=src.id,
            filename=p.filename,
            media_type="text/plain; charset=utf-8",
        )
        attachments.add_stream(s, att, io.BytesIO(p.text))
        repo.log(
            s,
            "source",
            src.id,
            None,
            "create",
            f"added source {src.title} (draft from statement)",
            d.author,
        )
        for case in p.new_cases:
            if repo.case_exists(s, case.id):
                raise ValidationError(f"a case with id {case.id} already exists")
            case.author = case.author or d.author
            repo.put_case_row(s, case)
            for e in case.events:
                e.author = e.author or d.author
                repo.put_event(s, e)
            repo.log(
                s,
                "case",
                case.id,
                case.id,
                "create",
                f"created case {case.name} from a statement",
                d.author,
            )
        for cid, events in p.added.items():
            case = repo.get_case(s, cid, with_events=False)
            p.before.setdefault(cid, copy.deepcopy(case))
            seq = repo.next_seq(s, cid)
            for e in events:
                e.case_id, e.seq, e.author = cid, seq, e.author or d.author
                seq += 1
                repo.put_event(s, e)
                repo.log(
                    s,
                    "event",
                    e.id,
                    cid,
                    "create",
                    f"added {e.type} on {e.date} from a statement",
                    d.author,
                )
            known = {n.value for n in case.names} | {case.name}
            gained = [n for n in p.new_names.get(cid, []) if n.value not in known]
            if gained:
                case.names += gained
                repo.put_case_row(s, case)
    return p


def revert(d: Dossier, p: Plan) -> None:
    """Undo of `apply`, in one transaction: the events, new cases and the source go."""
    with d.store.write("undo draft from statement") as s:
        for cid, events in p.added.items():
            for e in events:
                repo.delete_event(s, e.id)
            before = p.before.get(cid)
            if before is not None:
                repo.put_case_row(s, before)
            repo.log(s, "case", cid, cid, "update", "undid a draft from a statement", d.author)
        for case in p.new_cases:
            repo.delete_case(s, case.id)
            repo.log(
                s,
                "case",
                case.id,
                case.id,
                "delete",
                f"undid case {case.name} from a statement",
                d.author,
            )
        attachments.remove(s, _att_id(p))
        repo.delete_source(s, p.source.id)
        repo.log(
            s, "source", p.source.id, None, "delete", f"undid source {p.source.title}", d.author
        )


def _att_id(p: Plan) -> str:
    """The attachment's id, fixed by the plan so that redo writes the same record."""
    return str(uuid.UUID(hashlib.sha256(p.source.id.encode()).hexdigest()[:32]))
