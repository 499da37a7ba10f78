"""Styles, the cover, the contents and the summary table of a briefing packet.

Every paragraph is made by `Context.para` from a `Rich` (escaped, font-run markup);
nothing here puts user text into markup any other way. The per-case pages are in
`case_section.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from dossier.briefing import labels
from dossier.briefing.flowables import Anchor, Linked, TocEntry
from dossier.briefing.fonts import LATIN, LATIN_BOLD, FontSet
from dossier.briefing.labels import CONFIDENCE_WORDS
from dossier.briefing.lines import base_is_rtl, ltr_lines, needs_own_lines, rtl_lines
from dossier.briefing.markup import Rich, clean
from dossier.briefing.overview import overview
from dossier.core.bilingual import text_in
from dossier.core.dates import format_day
from dossier.core.errors import ValidationError
from dossier.core.facts import CaseFacts
from dossier.core.model import Case
from dossier.core.sentence import describe_sentence
from dossier.core.timeline import alert_text
from dossier.core.vocab import AUDIENCES, CHARGES, STATUS_TERMS

ACCENT = colors.HexColor("#1F3A5F")
RULE = colors.HexColor("#B8C2CC")
SHADE = colors.HexColor("#EEF2F6")
PAGE_W, PAGE_H = 210 * mm, 297 * mm  # A4
MARGIN = 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN
# A table row cannot break across pages: text in table cells is cut to these lengths
# so that even CJK text (the widest per character) keeps every row shorter than a page.
KV_LIMIT = 500


def table_style(cmds: list) -> TableStyle:
    """A TableStyle whose cell font is ours (reportlab's default would add Helvetica,
    an unembedded font, to the PDF)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), LATIN, 7.5), *cmds])


def _style(name: str, **kw) -> ParagraphStyle:
    base = dict(
        fontName=LATIN,
        fontSize=9,
        leading=12,
        alignment=TA_LEFT,
        splitLongWords=1,
        textColor=colors.HexColor("#1A1A1A"),
    )
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body", spaceAfter=4),
    "cell": _style("cell", fontSize=7.5, leading=9.5),
    "cell_head": _style(
        "cell_head", fontName=LATIN_BOLD, fontSize=7.5, leading=9.5, textColor=colors.white
    ),
    "label": _style("label", fontSize=7.5, leading=9.5, textColor=colors.HexColor("#555555")),
    "h1": _style("h1", fontName=LATIN_BOLD, fontSize=16, leading=21, textColor=ACCENT),
    "h2": _style(
        "h2",
        fontName=LATIN_BOLD,
        fontSize=11,
        leading=14,
        spaceBefore=9,
        spaceAfter=4,
        textColor=ACCENT,
    ),
    "status": _style("status", fontSize=10, leading=14, spaceAfter=6),
    "title": _style("title", fontName=LATIN_BOLD, fontSize=26, leading=32, textColor=ACCENT),
    "subtitle": _style("subtitle", fontSize=13, leading=17, textColor=colors.HexColor("#444444")),
    "marking": _style(
        "marking",
        fontName=LATIN_BOLD,
        fontSize=11,
        leading=14,
        textColor=colors.HexColor("#8B1E1E"),
    ),
    "toc": _style("toc", fontSize=9, leading=12),
    "note": _style("note", fontSize=7.5, leading=9.5, leftIndent=14, firstLineIndent=-14),
    "check_ok": _style(
        "check_ok",
        fontSize=9,
        leading=12,
        leftIndent=14,
        firstLineIndent=-14,
        textColor=colors.HexColor("#1E6B2E"),
    ),
    "check_missing": _style(
        "check_missing",
        fontName=LATIN_BOLD,
        fontSize=9,
        leading=12,
        leftIndent=14,
        firstLineIndent=-14,
        textColor=colors.HexColor("#B00020"),
    ),
    "header": _style("header", fontSize=7.5, leading=9, textColor=colors.HexColor("#555555")),
    "header_right": _style(
        "header_right",
        fontSize=7.5,
        leading=9,
        alignment=TA_RIGHT,
        textColor=colors.HexColor("#8B1E1E"),
    ),
}
_SHAPED = {k: ParagraphStyle(f"{k}_shaped", parent=v, shaping=1) for k, v in STYLES.items()}
# One drawn line of a right-to-left block (rtl.py): right-aligned, never re-wrapped.
_LINE = {
    (k, align): ParagraphStyle(
        f"{k}_line{align}",
        parent=v,
        shaping=1,
        alignment=align,
        splitLongWords=0,
        spaceBefore=0,
        spaceAfter=0,
        leftIndent=0,
        firstLineIndent=0,
    )
    for k, v in STYLES.items()
    for align in (TA_LEFT, TA_RIGHT)
}


@dataclass
class Context:
    """What every builder needs: fonts, language, audience, and the facts of each case."""

    fonts: FontSet
    lang: str
    audience: str
    as_of: date
    title: str
    organisation: str | None
    created: datetime
    document_id: str
    asks: tuple[str, ...] = ()
    facts: dict[str, CaseFacts] = field(default_factory=dict)

    def t(self, key: str, **fmt: object) -> str:
        return labels.text(key, self.lang, **fmt)

    def rich(self, text: str | None = None, **kw) -> Rich:
        r = Rich(self.fonts, more=self.t("more_chars"))
        if text is not None:
            r.text(text, **kw)
        return r

    def para(self, rich: Rich | str, style: str = "body") -> Paragraph:
        """A Paragraph built from the runs' fragments (no markup is parsed)."""
        if isinstance(rich, str):
            rich = self.rich(rich)
        st = _SHAPED[style] if rich.shaping else STYLES[style]
        return Paragraph(rich.plain(), st, frags=rich.frags(st))

    def block(
        self, text: str | None, style: str, width: float, limit: int = 6000
    ) -> list[Flowable]:
        """User text as paragraph(s). Right-to-left text, and text with long Tibetan or
        Arabic-script runs, is broken into lines here (see lines.py)."""
        cleaned = clean(text, limit, self.t("more_chars"))
        if not cleaned:
            return []
        st = STYLES[style]
        if base_is_rtl(cleaned):
            lines, align = (
                rtl_lines(self.fonts, cleaned, width - st.leftIndent, st.fontSize),
                TA_RIGHT,
            )
        elif needs_own_lines(cleaned):
            lines, align = (
                ltr_lines(self.fonts, cleaned, width - st.leftIndent, st.fontSize),
                TA_LEFT,
            )
        else:
            return [self.para(self.rich(cleaned, limit=limit + 200), style)]
        line_style = _LINE[(style, align)]
        out: list[Flowable] = [
            Paragraph(ln.plain(), line_style, frags=ln.frags(line_style)) for ln in lines
        ]
        if st.spaceAfter:
            out.append(Spacer(1, st.spaceAfter))
        return out

    def cell(self, rich: Rich | str, style: str = "cell") -> Flowable | str:
        """A table cell: a Paragraph, or an empty string for nothing (cheaper)."""
        if isinstance(rich, str):
            rich = self.rich(rich)
        return self.para(rich, style) if rich else ""

    # -- vocabulary in the packet's language ---------------------------------------------

    def status(self, status: str) -> str:
        return STATUS_TERMS[status].label(self.lang) if status in STATUS_TERMS else status

    def charges(self, ids: list[str]) -> str:
        return "; ".join(CHARGES[c].label(self.lang) if c in CHARGES else c for c in ids)

    def sentence(self, canon: str | None) -> str:
        if not canon:
            return self.t("none")
        try:
            return describe_sentence(canon, self.lang)
        except ValidationError:
            return canon

    def alert(self, a) -> str:
        return alert_text(a.rule, a.since, a.until, self.lang)

    def audience_label(self) -> str:
        return AUDIENCES[self.audience].label(self.lang)

    def narrative(self, record: object, field: str) -> str | None:
        """A narrative field in the packet's language (core.bilingual), or as typed with a
        small visible marker when no version in that language exists."""
        text, fallback = text_in(record, field, self.lang)
        if text and fallback:
            return f"{text} {self.t('untranslated')}"
        return text

    def confidence(self, value: str) -> str:
        return labels.text(f"conf_{value}", self.lang) if value in CONFIDENCE_WORDS else value


def case_key(index: int) -> str:
    return f"case-{index}"


def status_since(facts: CaseFacts):
    """The day range the current status began: the last, still open, segment's start."""
    for seg in reversed(facts.segments):
        if seg.end is None and seg.status == facts.status:
            return seg.start
    return facts.custody_since


def name_rich(ctx: Context, case: Case, *, bold: bool = True, native_break: bool = True) -> Rich:
    """The case's display name, then its names in their own scripts."""
    r = ctx.rich()
    r.text(case.name or "—", bold=bold, limit=200)
    natives = [
        n.value
        for n in case.names
        if n.value
        and n.value != case.name
        and not n.lang.startswith("en")
        and n.lang not in ("zh-Latn", "Latn")
    ]
    if natives:
        if native_break:
            r.br()
        else:
            r.text(" · ")
        r.text(" · ".join(natives[:4]), limit=200)
    return r


MAX_ASKS = 5  # the cover holds a few asks; more belong in the cases' own requests


def cover(ctx: Context, cases: list[Case]) -> list[Flowable]:
    """The cover a diplomat reads in a minute: who issues it, for what occasion, how it
    may be shared, what is asked, and the overview with counts (see overview.py)."""
    out: list[Flowable] = [Spacer(1, 22 * mm)]
    orgs = organisations(ctx.organisation)
    for org in orgs:
        out.append(ctx.para(ctx.rich(org, limit=200), "subtitle"))
    if orgs:
        out.append(Spacer(1, 5 * mm))
    out += [
        ctx.para(ctx.rich(ctx.title, bold=True, limit=300), "title"),
        Spacer(1, 3 * mm),
        ctx.para(ctx.t("packet") + " · " + format_day(ctx.created.date(), ctx.lang), "subtitle"),
        Spacer(1, 8 * mm),
    ]
    marking = Table(
        [[ctx.para(ctx.rich(ctx.audience_label(), bold=True), "marking")]], colWidths=[FRAME_W]
    )
    marking.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#8B1E1E")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    out += [marking, Spacer(1, 8 * mm)]
    if ctx.asks:
        out.append(ctx.para(ctx.rich(ctx.t("key_asks"), bold=True), "h2"))
        for ask in ctx.asks[:MAX_ASKS]:
            r = ctx.rich("•  ").text(ask, limit=400)
            out.append(ctx.para(r, "body"))
        out.append(Spacer(1, 5 * mm))
    out.append(ctx.para(ctx.rich(ctx.t("overview"), bold=True), "h2"))
    out.append(
        ctx.para(
            ctx.rich(overview(cases, ctx.facts).sentence(ctx.lang, ctx.as_of), limit=2000), "body"
        )
    )
    out.append(Spacer(1, 8 * mm))
    rows = []
    if orgs:
        rows.append((ctx.t("issued_by"), "; ".join(orgs)))
    rows += [
        (ctx.t("date"), format_day(ctx.created.date(), ctx.lang)),
        (ctx.t("as_of"), format_day(ctx.as_of, ctx.lang)),
        (ctx.t("cases_n"), f"{len(cases):,}"),
        (ctx.t("document"), ctx.document_id),
    ]
    out.append(kv_table(ctx, rows, label_w=40 * mm))
    out += [Spacer(1, 8 * mm), ctx.para(ctx.t("reading_note"), "label")]
    return out


def organisations(text: str | None) -> list[str]:
    """The issuing organisations: one per line, or separated by semicolons."""
    if not text:
        return []
    return [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]


def kv_table(
    ctx: Context,
    rows: list[tuple[str, str | Rich]],
    label_w: float = 38 * mm,
    width: float = FRAME_W,
) -> Table:
    """A two-column label/value table; values are user text (escaped) or a ready Rich."""
    value_w = width - label_w - 10  # the cell paddings
    data = [
        [
            ctx.para(k, "label"),
            ctx.para(v, "cell")
            if isinstance(v, Rich)
            else ctx.block(v, "cell", value_w, limit=KV_LIMIT) or "",
        ]
        for k, v in rows
    ]
    t = Table(data, colWidths=[label_w, width - label_w], hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def contents(ctx: Context, cases: list[Case]) -> list[Flowable]:
    """The contents: the summary, then every case with its (forward-referenced) page."""
    out: list[Flowable] = [
        Anchor("contents", ctx.t("contents"), 0),
        ctx.para(ctx.rich(ctx.t("contents"), bold=True), "h1"),
        Spacer(1, 4 * mm),
    ]
    out.append(Linked(ctx.para(ctx.t("summary"), "toc"), "summary"))
    out.append(Spacer(1, 2 * mm))
    for i, case in enumerate(cases):
        r = name_rich(ctx, case, bold=False, native_break=False)  # TocEntry links the row
        out.append(TocEntry(ctx.para(r, "toc"), i, case_key(i)))
    return out


def summary_table(ctx: Context, cases: list[Case]) -> list[Flowable]:
    head = ["col_name", "col_status", "col_days", "col_charges", "col_sentence", "col_alerts"]
    widths = [38 * mm, 27 * mm, 21 * mm, 34 * mm, 22 * mm, FRAME_W - 142 * mm]
    data = [[ctx.para(ctx.rich(ctx.t(h), bold=True), "cell_head") for h in head]]
    for i, case in enumerate(cases):
        f = ctx.facts[case.id]
        since = status_since(f)
        status = ctx.rich(ctx.status(f.status))
        if since is not None:
            status.br().text(
                f"{ctx.t('since')}{ctx.t('colon')}{labels.range_text(since, ctx.lang)}"
            )
        if f.days_in_custody is not None:
            days = labels.days_text(f.days_in_custody, ctx.lang)
        elif f.days_in_house_arrest is not None:
            days = f"{labels.days_text(f.days_in_house_arrest, ctx.lang)} ({ctx.status('house_arrest')})"
        else:
            days = ctx.t("none")
        alerts = [ctx.alert(a) for a in f.alerts if a.until is None]
        row = [
            name_rich(ctx, case),
            status,
            ctx.rich(days),
            ctx.rich(ctx.charges(f.charges) or ctx.t("none"), limit=400),
            ctx.rich(ctx.sentence(f.sentence)),
            ctx.rich("\n".join(alerts) or ctx.t("none"), limit=600),
        ]
        cells = [ctx.cell(r) for r in row]
        cells[0] = Linked(cells[0], case_key(i))
        data.append(cells)
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [
        Anchor("summary", ctx.t("summary"), 0),
        ctx.para(ctx.rich(ctx.t("summary"), bold=True), "h1"),
        Spacer(1, 3 * mm),
        t,
    ]
