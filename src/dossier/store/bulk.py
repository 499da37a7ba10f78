"""Inserting many cases at once: one executemany per table instead of a unit of work
per record — how imports and the 50,000-case benchmark fill a store quickly."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert
from sqlalchemy.orm import Session

from dossier.core.model import Case

from . import facts_cache, search, unit
from .repo import _CASE_FIELDS, _tj, event_values
from .schema import AskRow, CaseRow, EventRow, NameRow, TagRow


def insert_cases(s: Session, cases: list[Case], facts_day: date | None = None) -> None:
    """Insert new cases with names, tags, asks, events, index rows and cached facts."""
    if not cases:
        return
    s.execute(
        insert(CaseRow.__table__),
        [
            {
                "id": c.id,
                "translations": _tj(c.translations),
                **{f: getattr(c, f) for f in _CASE_FIELDS},
            }
            for c in cases
        ],
    )
    names = [
        {"case_id": c.id, "pos": i, "value": n.value, "lang": n.lang, "kind": n.kind}
        for c in cases
        for i, n in enumerate(c.names)
    ]
    if names:
        s.execute(insert(NameRow.__table__), names)
    tags = [{"case_id": c.id, "tag": t} for c in cases for t in dict.fromkeys(c.tags)]
    if tags:
        s.execute(insert(TagRow.__table__), tags)
    asks = [
        {
            "id": a.id,
            "case_id": c.id,
            "text": a.text,
            "addressee": a.addressee,
            "sensitivity": a.sensitivity,
            "created": a.created,
            "translations": _tj(a.translations),
        }
        for c in cases
        for a in c.asks
    ]
    if asks:
        s.execute(insert(AskRow.__table__), asks)
    events = []
    for c in cases:
        for e in c.events:
            e.case_id = c.id
            events.append(event_values(e))
    if events:
        s.execute(insert(EventRow.__table__), events)
    name_rows, rows = search.bulk_rows(cases)
    search.insert_rows(s, name_rows, rows)
    # Indexed above and cached below in bulk, so the unit of work leaves them alone
    # (without a day their facts are stale until `Dossier.ensure_facts`, as before).
    unit.settled(s, cases=[c.id for c in cases])
    if facts_day is not None:
        facts_cache.insert(s, facts_day, {c.id: c.events for c in cases})
