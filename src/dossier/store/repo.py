"""Reading and writing core records through a Session; rows never escape this module.

Functions take a Session the service opened (the service owns the transaction) and
return `core.model` objects. Whole-case saves replace a case's child rows so that an
edit is one coherent change, recorded once in the history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from dossier.core.dates import parse_edtf
from dossier.core.errors import NotFoundError
from dossier.core.model import (
    Ask,
    Attachment,
    Case,
    Event,
    HistoryEntry,
    Name,
    Organisation,
    Relation,
    Source,
    now_iso,
)

from . import unit
from .schema import (
    EVENT_V3_COLUMNS,
    AskRow,
    AttachmentRow,
    CaseOrgRow,
    CaseRow,
    EventRow,
    FactsCacheRow,
    HistoryRow,
    Meta,
    NameRow,
    OrganisationRow,
    RelationRow,
    SourceRow,
    TagRow,
)

_CASE_FIELDS = (
    "name",
    "sensitivity",
    "summary",
    "gender",
    "birth_year",
    "occupation",
    "nationality",
    "photo_attachment_id",
    "created",
    "updated",
    "author",
    "family_consent",
)
_SOURCE_FIELDS = (
    "title",
    "url",
    "date",
    "publisher",
    "reliability",
    "sensitivity",
    "note",
    "created",
    "updated",
    "author",
)


def _tj(translations: dict) -> str | None:
    """Versions by language as stored: JSON, or NULL when there are none."""
    return json.dumps(translations, ensure_ascii=False, sort_keys=True) if translations else None


def _tl(raw: str | None) -> dict:
    return json.loads(raw) if raw else {}


# -- events ---------------------------------------------------------------------------
def event_values(e: Event) -> dict:
    rng = parse_edtf(e.date)
    return {
        "id": e.id,
        "case_id": e.case_id,
        "type": e.type,
        "date": e.date,
        "end": e.end,
        "earliest": rng.earliest.isoformat(),
        "latest": rng.latest.isoformat(),
        "place": e.place,
        "authority": e.authority,
        "charges": json.dumps(e.charges, ensure_ascii=False),
        "sentence": e.sentence,
        "note": e.note,
        "source_ids": json.dumps(e.source_ids),
        "confidence": e.confidence,
        "sensitivity": e.sensitivity,
        "seq": e.seq,
        "created": e.created,
        "updated": e.updated,
        "author": e.author,
        "translations": _tj(e.translations),
        **{c: getattr(e, c) for c in EVENT_V3_COLUMNS},
    }


def event_from_row(r: EventRow) -> Event:
    return Event(
        id=r.id,
        case_id=r.case_id,
        type=r.type,
        date=r.date,
        end=r.end,
        place=r.place,
        authority=r.authority,
        charges=json.loads(r.charges or "[]"),
        sentence=r.sentence,
        note=r.note,
        source_ids=json.loads(r.source_ids or "[]"),
        confidence=r.confidence,
        sensitivity=r.sensitivity,
        seq=r.seq,
        created=r.created,
        updated=r.updated,
        author=r.author,
        translations=_tl(r.translations),
        **{c: getattr(r, c) for c in EVENT_V3_COLUMNS},
    )


def put_event(s: Session, e: Event) -> None:
    s.merge(EventRow(**event_values(e)))
    unit.touch(s, cases=[e.case_id])


def delete_event(s: Session, event_id: str) -> None:
    case_id = s.scalar(select(EventRow.case_id).where(EventRow.id == event_id))
    s.execute(delete(EventRow).where(EventRow.id == event_id))
    unit.touch(s, cases=[case_id] if case_id else [])


def get_event(s: Session, event_id: str) -> Event:
    row = s.get(EventRow, event_id)
    if row is None:
        raise NotFoundError(f"no event with id {event_id}")
    return event_from_row(row)


def events_of(s: Session, case_id: str) -> list[Event]:
    rows = s.scalars(
        select(EventRow)
        .where(EventRow.case_id == case_id)
        .order_by(EventRow.earliest, EventRow.seq)
    )
    return [event_from_row(r) for r in rows]


def next_seq(s: Session, case_id: str) -> int:
    top = s.scalar(select(func.max(EventRow.seq)).where(EventRow.case_id == case_id))
    return (top or 0) + 1


# -- cases ----------------------------------------------------------------------------
def case_exists(s: Session, case_id: str) -> bool:
    return s.get(CaseRow, case_id) is not None


def put_case_row(s: Session, c: Case) -> None:
    """Insert or update the case with its names, tags, relations, asks and organisations."""
    unit.touch(s, cases=[c.id])
    s.merge(
        CaseRow(
            id=c.id, translations=_tj(c.translations), **{f: getattr(c, f) for f in _CASE_FIELDS}
        )
    )
    for model in (NameRow, TagRow, RelationRow, AskRow, CaseOrgRow):
        s.execute(delete(model).where(model.case_id == c.id))
    s.add_all(
        NameRow(case_id=c.id, pos=i, value=n.value, lang=n.lang, kind=n.kind)
        for i, n in enumerate(c.names)
    )
    s.add_all(TagRow(case_id=c.id, tag=t) for t in dict.fromkeys(c.tags))
    s.add_all(
        RelationRow(
            id=r.id,
            case_id=c.id,
            name=r.name,
            relation=r.relation,
            other_case_id=r.other_case_id,
            note=r.note,
            role=r.role,
        )
        for r in c.relations
    )
    s.add_all(
        AskRow(
            id=a.id,
            case_id=c.id,
            text=a.text,
            addressee=a.addressee,
            sensitivity=a.sensitivity,
            created=a.created,
            translations=_tj(a.translations),
        )
        for a in c.asks
    )
    s.add_all(
        CaseOrgRow(case_id=c.id, organisation_id=o) for o in dict.fromkeys(c.organisation_ids)
    )
    s.flush()


def get_case(s: Session, case_id: str, with_events: bool = True) -> Case:
    row = s.get(CaseRow, case_id)
    if row is None:
        raise NotFoundError(f"no case with id {case_id}")
    c = Case(
        id=row.id, translations=_tl(row.translations), **{f: getattr(row, f) for f in _CASE_FIELDS}
    )
    c.names = [
        Name(value=n.value, lang=n.lang, kind=n.kind)
        for n in s.scalars(select(NameRow).where(NameRow.case_id == case_id).order_by(NameRow.pos))
    ]
    c.tags = sorted(s.scalars(select(TagRow.tag).where(TagRow.case_id == case_id)))
    c.relations = [
        Relation(
            id=r.id,
            case_id=r.case_id,
            name=r.name,
            relation=r.relation,
            other_case_id=r.other_case_id,
            note=r.note,
            role=r.role,
        )
        for r in s.scalars(select(RelationRow).where(RelationRow.case_id == case_id))
    ]
    c.asks = [
        Ask(
            id=a.id,
            case_id=a.case_id,
            text=a.text,
            addressee=a.addressee,
            sensitivity=a.sensitivity,
            created=a.created,
            translations=_tl(a.translations),
        )
        for a in s.scalars(select(AskRow).where(AskRow.case_id == case_id).order_by(AskRow.created))
    ]
    c.organisation_ids = list(
        s.scalars(select(CaseOrgRow.organisation_id).where(CaseOrgRow.case_id == case_id))
    )
    if with_events:
        c.events = events_of(s, case_id)
    return c


def move_events(s: Session, from_case: str, to_case: str) -> None:
    """Every event of one case to another, as they are (a merge)."""
    s.execute(update(EventRow).where(EventRow.case_id == from_case).values(case_id=to_case))
    unit.touch(s, cases=[from_case, to_case])


def mark_updated(s: Session, case_id: str) -> None:
    """The case changed through one of its events: stamp it, and note it touched."""
    s.execute(update(CaseRow).where(CaseRow.id == case_id).values(updated=now_iso()))
    unit.touch(s, cases=[case_id])


def delete_case(s: Session, case_id: str) -> None:
    """The case with its events and every row of its own (the foreign keys would cascade
    in SQL; deleting through the ORM also drops them from the session's identity map, so
    a merge can put the same relation and ask ids on the case it keeps)."""
    unit.touch(s, cases=[case_id])
    for model in (EventRow, NameRow, TagRow, RelationRow, AskRow, CaseOrgRow, FactsCacheRow):
        s.execute(delete(model).where(model.case_id == case_id))
    s.execute(delete(CaseRow).where(CaseRow.id == case_id))


def find_cases_by_any_name(s: Session, name: str) -> list[tuple[str, str]]:
    """(id, display name) of every case whose display name or one of whose other names
    (王全璋, a transliteration) is `name` exactly; failing that, equal after case folding
    (`wang quanzhang`, `ÉLISE` for `Élise`). One scan of the names: a CLI lookup."""
    exact: dict[str, str] = {}
    for q in (
        select(CaseRow.id, CaseRow.name).where(CaseRow.name == name),
        select(CaseRow.id, CaseRow.name)
        .join(NameRow, NameRow.case_id == CaseRow.id)
        .where(NameRow.value == name),
    ):
        exact.update((cid, display) for cid, display in s.execute(q))
    if exact:
        return sorted(exact.items(), key=lambda kv: (kv[1], kv[0]))
    folded = name.casefold()
    found: dict[str, str] = {}
    for cid, display in s.execute(select(CaseRow.id, CaseRow.name)):
        if display.casefold() == folded:
            found[cid] = display
    q = select(NameRow.case_id, NameRow.value, CaseRow.name).join(
        CaseRow, CaseRow.id == NameRow.case_id
    )
    for cid, value, display in s.execute(q):
        if value.casefold() == folded:
            found[cid] = display
    return sorted(found.items(), key=lambda kv: (kv[1], kv[0]))


def find_cases_by_prefix(s: Session, prefix: str) -> list[str]:
    return list(s.scalars(select(CaseRow.id).where(CaseRow.id.like(prefix + "%")).limit(3)))


def all_tags(s: Session) -> list[str]:
    return list(s.scalars(select(TagRow.tag).distinct().order_by(TagRow.tag)))


# -- sources --------------------------------------------------------------------------
def put_source(s: Session, src: Source) -> None:
    s.merge(
        SourceRow(
            id=src.id,
            protected=int(src.protected),
            translations=_tj(src.translations),
            **{f: getattr(src, f) for f in _SOURCE_FIELDS},
        )
    )
    unit.touch(s, sources=[src.id])
    s.flush()  # attachments and events refer to it: insert it before them


def source_from_row(r: SourceRow, atts: Sequence[AttachmentRow] = ()) -> Source:
    return Source(
        id=r.id,
        protected=bool(r.protected),
        **{f: getattr(r, f) for f in _SOURCE_FIELDS},
        attachments=[attachment_from_row(a) for a in atts],
        translations=_tl(r.translations),
    )


def attachment_from_row(a: AttachmentRow) -> Attachment:
    return Attachment(
        id=a.id,
        source_id=a.source_id,
        filename=a.filename,
        media_type=a.media_type,
        size=a.size,
        sha256=a.sha256,
        created=a.created,
    )


def get_source(s: Session, source_id: str) -> Source:
    row = s.get(SourceRow, source_id)
    if row is None:
        raise NotFoundError(f"no source with id {source_id}")
    atts = s.scalars(select(AttachmentRow).where(AttachmentRow.source_id == source_id)).all()
    return source_from_row(row, atts)


def get_sources(s: Session, ids: Iterable[str] | None = None) -> dict[str, Source]:
    q = select(SourceRow)
    if ids is not None:
        ids = list(ids)
        if not ids:
            return {}
        q = q.where(SourceRow.id.in_(ids))
    rows = s.scalars(q.order_by(SourceRow.title)).all()
    atts: dict[str, list[AttachmentRow]] = {}
    aq = select(AttachmentRow)
    if ids is not None:
        aq = aq.where(AttachmentRow.source_id.in_(ids))
    for a in s.scalars(aq):
        atts.setdefault(a.source_id, []).append(a)
    return {r.id: source_from_row(r, atts.get(r.id, ())) for r in rows}


def source_exists(s: Session, source_id: str) -> bool:
    return s.get(SourceRow, source_id) is not None


def delete_source(s: Session, source_id: str) -> None:
    """The source's row only: its attachments go through `attachments.remove` first."""
    s.execute(delete(SourceRow).where(SourceRow.id == source_id))
    unit.touch(s, sources=[source_id])


def find_source(s: Session, title: str, url: str | None) -> str | None:
    q = select(SourceRow.id).where(SourceRow.title == title)
    q = q.where(SourceRow.url == url) if url else q.where(SourceRow.url.is_(None))
    return s.scalars(q.limit(1)).first()


# -- organisations --------------------------------------------------------------------
def put_organisation(s: Session, o: Organisation) -> None:
    s.merge(OrganisationRow(id=o.id, name=o.name, kind=o.kind, url=o.url, note=o.note))
    unit.touch(s, settings=True)


def get_organisations(s: Session) -> list[Organisation]:
    return [
        Organisation(id=r.id, name=r.name, kind=r.kind, url=r.url, note=r.note)
        for r in s.scalars(select(OrganisationRow).order_by(OrganisationRow.name))
    ]


# -- history --------------------------------------------------------------------------
def log(
    s: Session,
    record_type: str,
    record_id: str,
    case_id: str | None,
    action: str,
    summary: str,
    author: str | None = None,
) -> None:
    s.add(
        HistoryRow(
            at=now_iso(),
            record_type=record_type,
            record_id=record_id,
            case_id=case_id,
            action=action,
            summary=summary[:500],
            author=author,
        )
    )


def history(s: Session, case_id: str | None = None, limit: int = 500) -> list[HistoryEntry]:
    q = select(HistoryRow).order_by(HistoryRow.id.desc()).limit(limit)
    if case_id:
        q = q.where(HistoryRow.case_id == case_id)
    return [
        HistoryEntry(
            id=r.id,
            at=r.at,
            record_type=r.record_type,
            record_id=r.record_id,
            case_id=r.case_id,
            action=r.action,
            summary=r.summary,
            author=r.author,
        )
        for r in s.scalars(q)
    ]


# -- settings kept with the store -------------------------------------------------------
# Preferences that belong to the dossier rather than to the computer (a packet's cover
# is the organisation's, whoever opens the store): rows of `meta` under "setting:".
_SETTING = "setting:"


def get_setting(s: Session, key: str) -> str | None:
    row = s.get(Meta, _SETTING + key)
    return row.value if row is not None else None


def set_setting(s: Session, key: str, value: str) -> None:
    s.merge(Meta(key=_SETTING + key, value=value))
    unit.touch(s, settings=True)
