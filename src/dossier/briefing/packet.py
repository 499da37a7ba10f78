"""Build a briefing packet PDF: the public entry point of `dossier.briefing`.

Order matters for safety: redaction first (`redact.py`), then `derive()` on what is
left, then layout from escaped markup only, then one write: atomic to a path (the
CLI), or into a binary stream the caller holds (the window's preview keeps the packet
in memory, so its plain text never touches a disk). The output is
deterministic for the same inputs and options once `created` is fixed: reportlab
runs in invariant mode, the creation date is ours, and the document id is a hash of
the redacted content and the options.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from dossier.briefing import shaping
from dossier.briefing.case_section import case_section
from dossier.briefing.flowables import PAGE_COUNT_FORM, Anchor, PageCountForm, draw_label
from dossier.briefing.fonts import LATIN, load_fonts
from dossier.briefing.layout import (
    MARGIN,
    PAGE_H,
    PAGE_W,
    RULE,
    Context,
    contents,
    cover,
    summary_table,
)
from dossier.briefing.markup import plain
from dossier.briefing.redact import redact
from dossier.core.errors import DossierError, UsageError
from dossier.core.fileio import atomic_writer
from dossier.core.model import Case, Source
from dossier.core.timeline import derive
from dossier.core.vocab import AUDIENCES

LAYOUT_VERSION = "briefing-2"  # part of the document id: a new layout is a new document
PRODUCER = "Dossier"
_FOOTER_SIZE = 7.5


# A packet's defaults, named once (front ends read them through services.briefing).
PACKET_LANGUAGES = {"en": "English", "zh": "中文"}  # what a packet prints in: its own name
DEFAULT_LANG = "en"
DEFAULT_TITLE = {"en": "Briefing", "zh": "简报"}  # printed in the packet's language
DEFAULT_AUDIENCE = "diplomatic"


@dataclass
class BriefingOptions:
    title: str = DEFAULT_TITLE[DEFAULT_LANG]
    organisation: str | None = None  # several: one per line, or separated by ";"
    asks: tuple[str, ...] = ()  # the key asks printed on the cover
    audience: str = DEFAULT_AUDIENCE
    lang: str = DEFAULT_LANG
    as_of: date = field(default_factory=date.today)
    created: datetime | None = None  # fixed creation date -> deterministic output
    known_on: date | None = None  # events reported after it were left out (issue #11)


@dataclass(frozen=True)
class BriefingResult:
    path: Path | None  # None when the packet went into a stream
    page_count: int
    document_id: str
    case_count: int


# Bookkeeping that never prints: left out of the document id so that the same content
# gives the same id whatever the records' ids and edit times.
_NOT_PRINTED = frozenset({"id", "case_id", "source_id", "created", "updated", "author"})


def _printed(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _printed(v) for k, v in obj.items() if k not in _NOT_PRINTED}
    if isinstance(obj, list):
        return [_printed(v) for v in obj]
    return obj


def _jsonable(obj: object) -> object:
    if isinstance(obj, date | datetime):
        return obj.isoformat()
    raise TypeError(type(obj).__name__)


def document_id(
    cases: list[Case],
    sources: dict[str, Source],
    options: BriefingOptions,
    created: datetime,
    photos: dict[str, bytes],
) -> str:
    """A short id derived from what the packet prints and how: SHA-256 of canonical JSON."""
    h = hashlib.sha256()
    head = {
        "layout": LAYOUT_VERSION,
        "title": options.title,
        "organisation": options.organisation,
        "audience": options.audience,
        "lang": options.lang,
        "as_of": options.as_of,
        "created": created,
        "asks": list(options.asks),
    }
    if options.known_on is not None:  # only when set: ids of other packets stay the same
        head["known_on"] = options.known_on
    h.update(json.dumps(head, sort_keys=True, default=_jsonable).encode())
    for c in cases:
        h.update(
            json.dumps(_printed(dataclasses.asdict(c)), sort_keys=True, default=_jsonable).encode()
        )
        if c.id in photos:
            h.update(hashlib.sha256(photos[c.id]).digest())
    for sid in sorted(sources):
        h.update(sid.encode() + b"\0")  # events cite sources by id
        h.update(
            json.dumps(
                _printed(dataclasses.asdict(sources[sid])), sort_keys=True, default=_jsonable
            ).encode()
        )
    d = h.hexdigest()[:12].upper()
    return f"DSR-{d[:4]}-{d[4:8]}-{d[8:]}"


class _PacketDoc(BaseDocTemplate):
    """A4 pages: a bare cover, then pages with running header and footer."""

    def __init__(self, fh, ctx: Context, pdf_date: str, running: dict[str, str]) -> None:
        self.ctx = ctx
        self.running = running
        self._pdf_date = pdf_date
        super().__init__(
            fh,
            pagesize=(PAGE_W, PAGE_H),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4,
            bottomMargin=MARGIN,
            title=plain(ctx.title, 300),
            author="",
            subject=AUDIENCES[ctx.audience].en,
            creator=PRODUCER,
            producer=PRODUCER,
            keywords="",
            invariant=1,
            pageCompression=1,
            initialFontName=LATIN,
            lang="zh-Hans" if ctx.lang.startswith("zh") else "en",
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], autoNextPageTemplate="body"),
                PageTemplate("body", [frame], onPageEnd=self._decorate),
            ]
        )

    def beforeDocument(self) -> None:
        pdf_date = self._pdf_date
        self.canv.setDateFormatter(lambda *_ts: pdf_date)

    def _one_line(self, title: str, case: str, width: float):
        """Title · case, shortened until it fits on one header line."""
        ctx = self.ctx
        t_lim, c_lim = 120, 80
        while True:
            r = ctx.rich(title, limit=t_lim, more="…")
            if case:
                r.text(" · ").text(case, limit=c_lim, more="…")
            p = ctx.para(r, "header")
            p.wrap(width, 100)
            if len(p.blPara.lines) <= 1 or t_lim <= 8:
                return p
            t_lim, c_lim = max(t_lim * 2 // 3, 8), max(c_lim * 2 // 3, 8)

    def _decorate(self, canv, doc) -> None:
        """Running header (title, case, audience) and footer (document id, page N of M)."""
        ctx = self.ctx
        canv.saveState()
        top = PAGE_H - MARGIN + 6
        w_left = self.width * 0.62
        header = self._one_line(ctx.title, self.running["case"], w_left)
        right = ctx.para(ctx.rich(ctx.audience_label()), "header_right")
        for p, x, w in ((header, MARGIN, w_left), (right, MARGIN + w_left, self.width - w_left)):
            p.wrap(w, 30)
            p.drawOn(canv, x, top)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, top - 3, PAGE_W - MARGIN, top - 3)
        canv.line(MARGIN, MARGIN - 8, PAGE_W - MARGIN, MARGIN - 8)
        y = MARGIN - 16
        canv.setFillColorRGB(0.33, 0.33, 0.33)
        draw_label(
            canv,
            MARGIN,
            y,
            f"{ctx.t('document')}{ctx.t('colon')}{ctx.document_id}",
            _FOOTER_SIZE,
            ctx.fonts,
        )
        x = PAGE_W - MARGIN - 68
        x += draw_label(canv, x, y, ctx.t("page", n=canv.getPageNumber()), _FOOTER_SIZE, ctx.fonts)
        canv.translate(x + 2.5, y)
        canv.doForm(PAGE_COUNT_FORM)
        canv.restoreState()


def _pdf_date(created: datetime) -> str:
    utc = created.astimezone(UTC) if created.tzinfo else created.replace(tzinfo=UTC)
    return utc.strftime("D:%Y%m%d%H%M%S+00'00'")


def build_packet(
    cases: list[Case],
    sources: dict[str, Source],
    options: BriefingOptions,
    out: str | os.PathLike | BinaryIO,
    *,
    attachment_bytes: Callable[[str], bytes | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BriefingResult:
    """Lay out and write the packet for `cases`; see the module docstring for the order.

    `out`: a path, replaced atomically only when the whole packet is written; or a
    binary stream, which gets the PDF's bytes (after an error or a cancel it may hold
    part of them: the caller drops it)."""
    if options.lang not in PACKET_LANGUAGES:
        raise UsageError(
            f"unknown briefing language {options.lang!r}: use {' or '.join(PACKET_LANGUAGES)}"
        )
    if options.audience not in AUDIENCES:
        raise UsageError(
            f"unknown audience {options.audience!r}: use one of {', '.join(AUDIENCES)}"
        )
    fonts = load_fonts()
    shaping.install()

    def check_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise DossierError("cancelled")

    visible, visible_sources = redact(cases, sources, options.audience)
    photos: dict[str, bytes] = {}
    if attachment_bytes is not None:
        for c in visible:
            if c.photo_attachment_id:
                data = attachment_bytes(c.photo_attachment_id)
                if data:
                    photos[c.id] = data
    created = options.created or datetime.now(UTC).replace(microsecond=0)
    ctx = Context(
        fonts=fonts,
        lang=options.lang,
        audience=options.audience,
        as_of=options.as_of,
        title=options.title or DEFAULT_TITLE[options.lang],
        organisation=options.organisation,
        created=created,
        asks=tuple(a for a in options.asks if a.strip()),
        document_id=document_id(visible, visible_sources, options, created, photos),
    )
    for c in visible:
        check_cancelled()
        ctx.facts[c.id] = derive(c.events, options.as_of)

    total = len(visible)
    pages: list[int] = [0]
    running = {"case": ""}  # the running header's case name, set as each case begins

    def on_case_start(index: int, header: str) -> None:
        check_cancelled()
        running["case"] = header
        if progress is not None:
            progress(index, total)

    story: list = cover(ctx, visible) + [PageBreak()] + contents(ctx, visible)
    story += [PageBreak()] + summary_table(ctx, visible)
    for i, c in enumerate(visible):
        check_cancelled()
        story.append(PageBreak())
        if i == 0:
            story.append(Anchor("cases", ctx.t("cases"), 0))
        story += case_section(ctx, i, c, visible_sources, photos.get(c.id), on_case_start)
    story.append(
        PageCountForm(ctx.t("of_pages"), _FOOTER_SIZE, lambda n: pages.__setitem__(0, n), fonts)
    )

    def lay_out(fh: BinaryIO) -> None:
        doc = _PacketDoc(fh, ctx, _pdf_date(created), running)
        try:
            doc.build(story)
        except LayoutError as exc:  # a safety net: field limits should prevent it
            raise DossierError(
                "the packet could not be laid out: a record is too long for one page",
                remedy="shorten the longest field",
            ) from exc

    path: Path | None = None
    if isinstance(out, str | os.PathLike):
        path = Path(out)
        with atomic_writer(path) as fh:
            lay_out(fh)
    else:
        lay_out(out)
    if progress is not None:
        progress(total, total)
    return BriefingResult(
        path=path, page_count=pages[0], document_id=ctx.document_id, case_count=total
    )


__all__ = ["BriefingOptions", "BriefingResult", "build_packet", "document_id"]
