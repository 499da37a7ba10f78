"""Briefing packets from a store: choose cases, gather what they cite, build the PDF.

The briefing engine (dossier.briefing) works on core objects only; this use case
reads them in one snapshot, so the (slow) layout runs without holding the store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from dossier.briefing.packet import (
    DEFAULT_AUDIENCE,
    DEFAULT_LANG,
    DEFAULT_TITLE,
    PACKET_LANGUAGES,
    BriefingOptions,
    BriefingResult,
    build_packet,
)
from dossier.core.errors import ValidationError
from dossier.core.timeline import known_events
from dossier.store import repo

from .dossier import Dossier

__all__ = [
    "DEFAULT_AUDIENCE",
    "DEFAULT_LANG",
    "DEFAULT_TITLE",
    "PACKET_LANGUAGES",
    "CoverSettings",
    "choose_cases",
    "cover_settings",
    "make_briefing",
    "remember_cover",
]

_COVER_KEY = "briefing_cover"


@dataclass(frozen=True)
class CoverSettings:
    """What the last packet's cover said, remembered per store: the occasion's title,
    the issuing organisations (one per line or ";"-separated) and the key asks."""

    title: str = ""
    organisation: str = ""
    asks: tuple[str, ...] = ()


def cover_settings(d: Dossier) -> CoverSettings:
    with d.store.read() as s:
        raw = repo.get_setting(s, _COVER_KEY)
    if not raw:
        return CoverSettings()
    try:
        data = json.loads(raw)
        return CoverSettings(
            str(data.get("title", "")),
            str(data.get("organisation", "")),
            tuple(str(a) for a in data.get("asks", [])),
        )
    except (ValueError, TypeError, AttributeError):
        return CoverSettings()  # a damaged preference is forgotten, never fatal


def remember_cover(d: Dossier, cover: CoverSettings) -> None:
    if cover == cover_settings(d):
        return  # no write (and no commit) when nothing changed
    data = {"title": cover.title, "organisation": cover.organisation, "asks": list(cover.asks)}
    with d.store.write() as s:
        repo.set_setting(s, _COVER_KEY, json.dumps(data, ensure_ascii=False))


def choose_cases(
    d: Dossier, case_ids: list[str] | None = None, tag: str | None = None, all_cases: bool = False
) -> list[str]:
    """Case ids in the packet's order (by name), from explicit ids, a tag, or all."""
    if case_ids:
        return list(dict.fromkeys(case_ids))
    if tag:
        ids = d.case_ids_with_tag(tag)
        if not ids:
            raise ValidationError(f"no case has the tag {tag!r}", where="--tag")
        order = {cid: i for i, cid in enumerate(d.all_case_ids())}
        return sorted(ids, key=order.__getitem__)
    if all_cases:
        return d.all_case_ids()
    raise ValidationError("choose the cases: --cases, --tag or --all")


def make_briefing(
    d: Dossier,
    out: str | os.PathLike | BinaryIO,
    case_ids: list[str],
    *,
    title: str | None = None,
    organisation: str | None = None,
    asks: tuple[str, ...] = (),
    audience: str = DEFAULT_AUDIENCE,
    lang: str = DEFAULT_LANG,
    as_of: date | None = None,
    created: datetime | None = None,
    known_on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BriefingResult:
    """The packet for `case_ids` into `out`: a path (written atomically) or a binary
    stream (the window's preview, kept in memory); an empty `title` is the default title
    in the packet's language (DEFAULT_TITLE; an unknown `lang` the engine refuses)."""
    if not case_ids:
        raise ValidationError("the packet would hold no case")
    with d.store.read() as s:
        cases = [repo.get_case(s, cid) for cid in case_ids]
        if known_on is not None:  # what was known (reported) that day, nothing later
            for c in cases:
                c.events = known_events(c.events, known_on)
        cited = {sid for c in cases for e in c.events for sid in e.source_ids}
        sources = repo.get_sources(s, cited)
    options = BriefingOptions(
        title=title or DEFAULT_TITLE.get(lang, ""),
        organisation=organisation,
        asks=tuple(asks),
        audience=audience,
        lang=lang,
        as_of=as_of or date.today(),
        created=created,
        known_on=known_on,
    )
    return build_packet(
        cases,
        sources,
        options,
        out,
        attachment_bytes=d.attachment_bytes,
        progress=progress,
        cancelled=cancelled,
    )
