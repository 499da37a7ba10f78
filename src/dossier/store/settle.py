"""Settling a unit of work: the derived tables brought up to date for what it touched.

Apart from `unit.py` (which every writer imports to note what it touched) because it
needs the readers: the index is rebuilt from the records as they now are.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from dossier.core.changes import Changes

from . import facts_cache, repo, search
from .unit import KEY, Touched


def settle(s: Session, today: date | None = None) -> Changes:
    """Bring the search index and the facts cache up to date for what was touched,
    inside the transaction, and say what changed. Called by `Store.write` last."""
    t: Touched | None = s.info.get(KEY)
    if t is None:
        return Changes()
    s.flush()
    s.expire_all()  # raw SQL may have changed rows the identity map still holds
    removed: set[str] = set()
    live: list[str] = []
    for cid in sorted(t.cases - t.settled_cases):
        if s.execute(text("SELECT 1 FROM cases WHERE id = :c"), {"c": cid}).first():
            search.index_case(s, repo.get_case(s, cid))
            live.append(cid)
        else:
            search.unindex_case(s, cid)
            facts_cache.forget(s, cid)
            removed.add(cid)
    if live:
        facts_cache.refresh(s, today or date.today(), live)
    for sid in sorted(t.sources - t.settled_sources):
        if s.execute(text("SELECT 1 FROM sources WHERE id = :i"), {"i": sid}).first():
            search.index_source(s, repo.get_source(s, sid))
        else:
            search.unindex_source(s, sid)
    return Changes(
        cases=frozenset(t.cases),
        removed_cases=frozenset(removed),
        sources=frozenset(t.sources),
        attachments=frozenset(t.attachments),
        settings=t.settings,
        people=t.people,
        everything=t.everything,
    )
