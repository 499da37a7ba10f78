"""Finding an event or a source from what a researcher types (an id or its start), and
changing a record field by field: what the command line's edit-* commands need.

Each change is one service call (one transaction), so a refused value leaves the store
exactly as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from dossier.core.errors import AmbiguousError, NotFoundError, ValidationError
from dossier.core.model import Case, Event, Source
from dossier.store.schema import EventRow, SourceRow

from .dossier import Dossier

MIN_PREFIX = 6


def _resolve(d: Dossier, model, ref: str, what: str, hint: str) -> str:
    ref = ref.strip()
    if not ref:
        raise NotFoundError(f"no {what} given")
    with d.store.read() as s:
        if s.get(model, ref) is not None:
            return ref
        hits = (
            list(s.scalars(select(model.id).where(model.id.like(ref + "%")).limit(3)))
            if len(ref) >= MIN_PREFIX and "%" not in ref and "_" not in ref
            else []
        )
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousError(f"{ref!r} is the start of several {what} ids; give more of it")
    raise NotFoundError(f"no {what} matches {ref!r}", remedy=hint)


def resolve_event(d: Dossier, ref: str) -> str:
    """An event id from the id or a unique start of it (6+ characters)."""
    return _resolve(d, EventRow, ref, "event", "`dossier show CASE --json` lists its events' ids")


def resolve_source(d: Dossier, ref: str) -> str:
    """A source id from the id or a unique start of it (6+ characters)."""
    return _resolve(
        d, SourceRow, ref, "source", "`dossier add-source` printed it; `dossier search` finds it"
    )


def _apply(record, changes: Mapping[str, Any]):
    out = copy.deepcopy(record)
    for name, value in changes.items():
        if not hasattr(out, name):
            raise ValidationError(f"no field {name!r}")
        setattr(out, name, value)
    return out


def edit_case(d: Dossier, case_id: str, changes: Mapping[str, Any]) -> tuple[Case, Case]:
    """Change a case's own fields; returns (before, after). Validated before writing."""
    before = d.get_case(case_id)
    after = _apply(before, changes)
    after.events = []
    d.update_case(after)
    return before, d.get_case(case_id)


def edit_event(d: Dossier, event_id: str, changes: Mapping[str, Any]) -> tuple[Event, Event]:
    """Change an event's fields; returns (before, after)."""
    before = d.get_event(event_id)
    d.update_event(_apply(before, changes))
    return before, d.get_event(event_id)


def edit_source(d: Dossier, source_id: str, changes: Mapping[str, Any]) -> tuple[Source, Source]:
    """Change a source's own fields (not its attachments); returns (before, after)."""
    before = d.get_source(source_id)
    after = _apply(before, changes)
    d.update_source(after)
    return before, d.get_source(source_id)
