"""Redaction by audience, before anything is laid out or derived.

SECURITY.md item 9: what the audience may not see never enters the layout — it is not
hidden, it is absent. `redact` returns copies of the cases and sources holding only
records whose sensitivity the audience may see (`vocab.visible_to`): cases, events,
asks and sources above it are dropped, event references to dropped sources removed,
and protected sources below `internal` stripped to an anonymous stub that prints as
"confidential source".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dossier.core.errors import UsageError
from dossier.core.model import Case, Source
from dossier.core.vocab import AUDIENCES, SENSITIVITY_RANK, visible_to


def _visible(sensitivity: str | None, audience: str) -> bool:
    """Unknown or missing sensitivities count as the most sensitive (fail closed)."""
    if sensitivity not in SENSITIVITY_RANK:
        return False
    return visible_to(sensitivity, audience)


def anonymous_source(src: Source) -> Source:
    """A protected source as a lower audience may see it: its id, nothing that names it."""
    return Source(
        id=src.id,
        title="",
        url=None,
        date=None,
        publisher=None,
        reliability=None,
        protected=True,
        sensitivity=src.sensitivity,
        note=None,
        attachments=[],
        created="",
        updated="",
        author=None,
    )


def redact_sources(sources: dict[str, Source], audience: str) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for sid in sorted(sources):
        src = sources[sid]
        if not _visible(src.sensitivity, audience):
            continue
        if src.protected and audience != "internal":
            out[sid] = anonymous_source(src)
        else:
            out[sid] = dataclasses.replace(src, attachments=list(src.attachments))
    return out


def redact_case(case: Case, visible_sources: dict[str, Source], audience: str) -> Case | None:
    """The case as `audience` may see it, or None when the case itself is above it."""
    if not _visible(case.sensitivity, audience):
        return None
    events = [
        dataclasses.replace(
            e,
            source_ids=[s for s in e.source_ids if s in visible_sources],
            charges=list(e.charges),
        )
        for e in case.events
        if _visible(e.sensitivity, audience)
    ]
    asks = [dataclasses.replace(a) for a in case.asks if _visible(a.sensitivity, audience)]
    photo = case.photo_attachment_id
    if photo is not None and not any(
        a.id == photo for s in visible_sources.values() for a in s.attachments
    ):
        photo = None  # a photo kept with a source the audience may not see, or unknown
    return dataclasses.replace(
        case,
        names=[dataclasses.replace(n) for n in case.names],
        tags=list(case.tags),
        events=events,
        relations=[dataclasses.replace(r) for r in case.relations],
        asks=asks,
        organisation_ids=list(case.organisation_ids),
        photo_attachment_id=photo,
    )


def redact(
    cases: Iterable[Case], sources: dict[str, Source], audience: str
) -> tuple[list[Case], dict[str, Source]]:
    """Cases and sources with everything above `audience` removed (see module doc)."""
    if audience not in AUDIENCES:
        raise UsageError(f"unknown audience {audience!r}: use one of {', '.join(AUDIENCES)}")
    visible_sources = redact_sources(sources, audience)
    out = [c for c in (redact_case(c, visible_sources, audience) for c in cases) if c]
    return out, visible_sources
