"""The pages of one case: profile, background, standing, timeline, events, concerns,
requests and numbered source notes.

Input is already redacted (`redact.py`): whatever reaches this module may be printed
for the audience. Photos are re-encoded (which also drops EXIF data such as GPS
positions) and size-checked before reportlab sees them.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table

from dossier.briefing import labels
from dossier.briefing.flowables import CaseStart
from dossier.briefing.layout import (
    ACCENT,
    FRAME_W,
    RULE,
    SHADE,
    Context,
    case_key,
    kv_table,
    name_rich,
    status_since,
    table_style,
)
from dossier.briefing.markup import Rich, clean, plain
from dossier.briefing.timeline_drawing import Mark, TimelineDrawing
from dossier.core.dates import describe, try_parse_edtf
from dossier.core.errors import ValidationError
from dossier.core.model import Case, Event, Source
from dossier.core.standing_text import alert_lines, standing
from dossier.core.vocab import EVENT_TYPES, NAME_KINDS

EVENT_STATUS = {k: t.status for k, t in EVENT_TYPES.items() if t.status}

_MAX_PIXELS = 40_000_000  # refuse to decode larger photos (decompression bombs)
_PHOTO_W, _PHOTO_H = 32 * mm, 42 * mm


def photo_flowable(data: bytes | None) -> Image | None:
    """The photo, re-encoded as a small JPEG without metadata; None if unusable."""
    if not data:
        return None
    try:
        from PIL import Image as PILImage
        from PIL import ImageOps

        with PILImage.open(io.BytesIO(data)) as im:
            w, h = im.size
            if w <= 0 or h <= 0 or w * h > _MAX_PIXELS:
                return None
            im.draft("RGB", (600, 600))
            rgb = ImageOps.exif_transpose(im).convert("RGB")
        rgb.thumbnail((600, 600))
        buf = io.BytesIO()
        rgb.save(buf, "JPEG", quality=85)
    except Exception:  # any decoder failure: print the packet without the photo
        return None
    scale = min(_PHOTO_W / rgb.width, _PHOTO_H / rgb.height)
    buf.seek(0)
    return Image(buf, width=rgb.width * scale, height=rgb.height * scale)


def _sorted_events(events: list[Event]) -> list[Event]:
    """By earliest possible day, then order of entry; undatable events last."""

    def key(item: tuple[int, Event]) -> tuple[int, int, int, int]:
        i, e = item
        r = try_parse_edtf(e.date)
        return (0 if r else 1, r.earliest.toordinal() if r else 0, e.seq or 0, i)

    return [e for _, e in sorted(enumerate(events), key=key)]


def _date_text(ctx: Context, e: Event) -> str:
    def one(text: str) -> str:
        try:
            return describe(text, ctx.lang)
        except (ValidationError, TypeError):
            return text

    out = one(e.date) if e.date else ctx.t("none")
    if e.end:
        out += "\n" + ctx.t("until", d=one(e.end))
    return out


def _source_numbers(events: list[Event], sources: dict[str, Source]) -> dict[str, int]:
    nums: dict[str, int] = {}
    for e in events:
        for sid in e.source_ids:
            if sid in sources and sid not in nums:
                nums[sid] = len(nums) + 1
    return nums


def _h2(ctx: Context, key: str) -> Flowable:
    return ctx.para(ctx.rich(ctx.t(key), bold=True), "h2")


def _profile(ctx: Context, case: Case, photo: bytes | None) -> list[Flowable]:
    rows: list[tuple[str, str | Rich]] = []
    others = [n for n in case.names if n.value and n.value != case.name]
    if others:
        r = ctx.rich()
        for i, n in enumerate(others[:12]):
            if i:
                r.br()
            kind = NAME_KINDS[n.kind].label(ctx.lang) if n.kind in NAME_KINDS else n.kind
            r.text(n.value, limit=200).text(f" ({kind})", limit=60)
        rows.append((ctx.t("other_names"), r))
    for key, value in (
        ("gender", case.gender),
        ("occupation", case.occupation),
        ("nationality", case.nationality),
    ):
        if value:
            rows.append((ctx.t(key), value))
    if case.birth_year:
        born = try_parse_edtf(case.birth_year)
        rows.append((ctx.t("born"), labels.range_text(born, ctx.lang) if born else case.birth_year))
    if case.relations:
        r = ctx.rich()
        for i, rel in enumerate(case.relations[:20]):
            if i:
                r.br()
            r.text(rel.name, limit=200)
            if rel.relation:
                r.text(f" ({rel.relation})", limit=100)
        rows.append((ctx.t("relations"), r))
    image = photo_flowable(photo)
    if not rows and image is None:
        return []
    out: list[Flowable] = [_h2(ctx, "profile")]
    if image is None:
        if photo:
            rows.append(("", ctx.t("photo_unreadable")))
        out.append(kv_table(ctx, rows) if rows else Spacer(1, 1))
        return out
    left = kv_table(ctx, rows, width=FRAME_W - _PHOTO_W - 6 * mm) if rows else Spacer(1, 1)
    t = Table(
        [[left, image]], colWidths=[FRAME_W - _PHOTO_W - 4 * mm, _PHOTO_W + 4 * mm], hAlign="LEFT"
    )
    t.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out.append(t)
    return out


def _standing(ctx: Context, case: Case) -> list[Flowable]:
    f = ctx.facts[case.id]
    rows: list[tuple[str, str | Rich]] = [(ctx.t("status"), ctx.status(f.status))]
    st = standing(f, ctx.lang)  # the same words as the window's case view
    for key, value in (
        ("legal_stage", st.stage),
        ("custody", st.custody),
        ("whereabouts", st.whereabouts),
        ("days_label", st.days),
        ("political_rights", st.political_rights),
    ):
        if value:
            rows.append((ctx.t(key), value))
    since = status_since(f)
    if since is not None:
        rows.append((ctx.t("since"), labels.range_text(since, ctx.lang)))
    if f.custody_since is not None and f.custody_since != since:
        rows.append((ctx.t("custody_since"), labels.range_text(f.custody_since, ctx.lang)))
    for key, value in (
        ("in_custody", f.days_in_custody),
        ("disappeared", f.days_disappeared),
        ("house_arrest", f.days_in_house_arrest),
    ):
        if value is not None:
            rows.append((ctx.t(key), labels.days_text(value, ctx.lang)))
    if f.charges:
        rows.append((ctx.t("charges_label"), ctx.charges(f.charges)))
    if f.sentence:
        rows.append((ctx.t("sentence_label"), ctx.sentence(f.sentence)))
    if f.expected_release:
        er = f.expected_release
        text = labels.format_day(er.date, ctx.lang)
        if not labels.is_zh(ctx.lang) and er.explanation:
            text += f"\n{er.explanation}"
        rows.append((ctx.t("expected_release"), text))
    return [_h2(ctx, "standing"), kv_table(ctx, rows)]


def _events_table(ctx: Context, events: list[Event], nums: dict[str, int]) -> Flowable:
    if not events:
        return ctx.para(ctx.t("no_events"))
    head = ["col_date", "col_event", "col_place", "col_note", "col_sources"]
    widths = [30 * mm, 38 * mm, 30 * mm, FRAME_W - 114 * mm, 16 * mm]
    data = [[ctx.para(ctx.rich(ctx.t(h), bold=True), "cell_head") for h in head]]
    for e in events:
        kind = EVENT_TYPES[e.type].label(ctx.lang) if e.type in EVENT_TYPES else e.type
        what = ctx.rich(kind, bold=True, limit=120)
        if e.charges:
            what.br().text(ctx.charges(e.charges), limit=400)
        if e.sentence:
            what.br().text(f"{ctx.t('term')}{ctx.t('colon')}{ctx.sentence(e.sentence)}", limit=200)
        if e.confidence:
            what.br().text(
                f"({ctx.t('confidence')}{ctx.t('colon')}{ctx.confidence(e.confidence)})", limit=80
            )
        refs = " ".join(f"[{nums[s]}]" for s in e.source_ids if s in nums)
        place = "\n".join(
            clean(x, 200, ctx.t("more_chars"))
            for x in (ctx.narrative(e, "place"), ctx.narrative(e, "authority"))
            if x
        )
        cells = [
            ctx.cell(ctx.rich(_date_text(ctx, e), limit=300)),
            ctx.cell(what),
            ctx.block(place, "cell", widths[2] - 6, limit=400) or "",
            ctx.block(ctx.narrative(e, "note"), "cell", widths[3] - 6, limit=1500) or "",
            ctx.cell(ctx.rich(refs, limit=100)),
        ]
        data.append(cells)
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [SHADE, "white"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def _source_note(ctx: Context, n: int, src: Source) -> list[Flowable]:
    """ "[n] Title. Publisher. Date. URL (grade) — note"; a protected source is named
    only as "confidential source" below the internal audience. URLs are text."""
    if src.protected and ctx.audience != "internal":
        return [ctx.para(ctx.rich(f"[{n}]\u00a0{ctx.t('confidential_source')}"), "note")]
    more = ctx.t("more_chars")
    parts = [
        clean(p, 500, more).strip()
        for p in (ctx.narrative(src, "title"), src.publisher, src.date, src.url)
        if p
    ]
    text = " ".join(
        p if p.endswith((".", "!", "?", "。")) or i == len(parts) - 1 else p + "."
        for i, p in enumerate(parts)
    ) or ctx.t("none")
    if src.reliability:
        text += f" ({clean(src.reliability, 40, more)})"
    if src.note:
        text += f" — {clean(ctx.narrative(src, 'note'), 800, more)}"
    return ctx.block(f"[{n}]\u00a0{text}", "note", FRAME_W, limit=3000)


def case_section(
    ctx: Context,
    index: int,
    case: Case,
    sources: dict[str, Source],
    photo: bytes | None,
    on_start: Callable[[int, str], None],
) -> list[Flowable]:
    """Flowables for one case, starting with its CaseStart marker (not a page break)."""
    f = ctx.facts[case.id]
    outline = plain(case.name or "—", 120)
    native = case.native_name()
    if native is not None and native.value != case.name:
        outline += f" · {plain(native.value, 60)}"
    out: list[Flowable] = [
        CaseStart(
            index, case_key(index), outline, plain(case.name or "—", 80), on_start, ctx.fonts
        ),
        ctx.para(name_rich(ctx, case, native_break=False), "h1"),
    ]
    line = ctx.rich(ctx.status(f.status), bold=True)
    since = status_since(f)
    if since is not None:
        line.text(f" · {ctx.t('since')} {labels.range_text(since, ctx.lang)}")
    if f.days_in_custody is not None:
        line.text(
            f" · {ctx.t('in_custody')}{ctx.t('colon')}{labels.days_text(f.days_in_custody, ctx.lang)}"
        )
    out.append(ctx.para(line, "status"))
    out += _profile(ctx, case, photo)
    summary = ctx.narrative(case, "summary")
    if summary:
        out.append(_h2(ctx, "narrative"))
        for block in _blocks(summary):
            out += ctx.block(block, "body", FRAME_W)
    out += _standing(ctx, case)
    events = _sorted_events(case.events)
    nums = _source_numbers(events, sources)
    out.append(_h2(ctx, "timeline"))
    marks = [
        Mark(r, EVENT_STATUS.get(e.type))
        for e in events
        if (r := try_parse_edtf(e.date)) is not None
    ]
    if f.segments or marks:
        out += [
            TimelineDrawing(f.segments, marks, ctx.as_of, ctx.lang, ctx.fonts),
            Spacer(1, 3 * mm),
        ]
    out += [_h2(ctx, "key_events"), _events_table(ctx, events, nums)]
    if f.alerts:
        out.append(_h2(ctx, "concerns"))
        for a in alert_lines(f, ctx.lang):  # certain or "Possibly: …", with the law cited
            line = ctx.rich("• " if a.certainty == "certain" else "? ").text(a.text)
            if a.basis:
                line.text(f" — {ctx.t('basis')}{ctx.t('colon')}{a.basis}")
            out.append(ctx.para(line, "note"))
    if case.asks:
        out.append(_h2(ctx, "asks"))
        for ask in case.asks:
            text = f"• {clean(ctx.narrative(ask, 'text'), 2000, ctx.t('more_chars'))}"
            if ask.addressee:
                text += f" ({ctx.t('to')}{ctx.t('colon')}{clean(ask.addressee, 200, ctx.t('more_chars'))})"
            out += ctx.block(text, "note", FRAME_W, limit=2400)
    if nums:
        out.append(_h2(ctx, "sources"))
        for sid, n in nums.items():
            out += _source_note(ctx, n, sources[sid])
    return out


def _blocks(text: str, max_blocks: int = 40) -> list[str]:
    """Paragraphs of a narrative: split on blank lines, at most `max_blocks`."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    blocks = [b for b in blocks if b]
    if len(blocks) > max_blocks:
        blocks = blocks[: max_blocks - 1] + ["\n\n".join(blocks[max_blocks - 1 :])]
    return blocks
