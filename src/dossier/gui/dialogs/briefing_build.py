"""The briefing dialog's work on the backend's worker: one packet, built into memory.

Kept apart from the dialog so the part that touches case data in plain text is short
enough to audit at a glance. The engine (`services.briefing.make_briefing`) writes the
PDF into an in-memory stream, so a preview never puts plain text on a disk — not even
in a scratch folder — whether the build finished, failed or was cancelled.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from dossier.gui.backend import Job
from dossier.services import briefing

# The packet's default title is printed in the packet's language, not the window's.
DEFAULT_TITLE = briefing.DEFAULT_TITLE
PACKET_LANGUAGES = tuple(briefing.PACKET_LANGUAGES.items())


@dataclass(frozen=True)
class Request:
    """Everything a packet depends on: equal requests give equal packets (same day)."""

    mode: str  # "selection" | "tag" | "all"
    case_ids: tuple[str, ...]
    tag: str
    audience: str
    lang: str
    title: str
    organisation: str
    as_of: date
    asks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    """A built packet, in memory only; `data` stays out of repr so no log can show it."""

    data: bytes = field(repr=False)
    page_count: int
    document_id: str
    case_count: int
    request: Request


def build_preview(d, req: Request, *, job: Job) -> Preview:
    """On the worker: the packet for `req`, as bytes. See the module docstring."""
    ids = briefing.choose_cases(
        d,
        list(req.case_ids) if req.mode == "selection" else None,
        req.tag if req.mode == "tag" else None,
        req.mode == "all",
    )
    with io.BytesIO() as out:  # dropped, with whatever it holds, if the build fails
        res = briefing.make_briefing(
            d,
            out,
            ids,
            title=req.title,  # empty: the default title, in the packet's language
            organisation=req.organisation or None,
            asks=req.asks,
            audience=req.audience,
            lang=req.lang,
            as_of=req.as_of,
            progress=job.progress,
            cancelled=lambda: job.cancelled,
        )
        data = out.getvalue()
    return Preview(data, res.page_count, res.document_id, res.case_count, req)


def case_context(d, case_ids: list[str]) -> dict:
    """Tags with their case counts, the number of cases, the selected cases' names, and
    the cover the last packet of this store had."""
    tags = {t: len(d.case_ids_with_tag(t)) for t in d.tags()}
    names = [s.name for s in d.summaries(case_ids=case_ids)] if case_ids else []
    return {
        "tags": tags,
        "count": d.case_count(),
        "names": names,
        "cover": briefing.cover_settings(d),
    }


def remember_cover(d, req: Request) -> None:
    """On the worker, after a save: this packet's cover becomes the store's default."""
    briefing.remember_cover(d, briefing.CoverSettings(req.title, req.organisation, req.asks))
