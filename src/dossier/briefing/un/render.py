"""A UN draft as plain text (for pasting into the online forms) and as a PDF.

Both open with the checklist of required elements — missing ones first and marked, in
red in the PDF — so nobody sends a draft the mechanism would return as incomplete.
The PDF reuses the briefing's fonts and escaping (`Context.para` never parses markup),
so names in any script print and copy out as they do in a packet. The drafts are in
English, the language the mechanisms work in.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from dossier.briefing import shaping
from dossier.briefing.fonts import load_fonts
from dossier.briefing.layout import FRAME_W, MARGIN, PAGE_H, PAGE_W, Context
from dossier.briefing.un.elements import MECHANISMS, Draft
from dossier.core.dates import format_day

_CONSENT_NOTE = {
    "wgeid": "Cases are submitted by relatives or by organisations acting with their prior "
    "consent.",
}


def _head(d: Draft) -> list[str]:
    return [
        f"DRAFT — {MECHANISMS[d.mechanism]}",
        f"Person concerned: {d.case_name} · facts as of {format_day(d.as_of)}",
        "Prepared with Dossier. Check every element against your sources before sending.",
    ]


def draft_text(d: Draft) -> str:
    """The draft as plain text: checklist, then each section's elements."""
    out = _head(d) + ["", "CHECKLIST OF REQUIRED ELEMENTS"]
    items = d.checklist()
    for e in sorted(items, key=lambda e: not e.missing):
        mark = "[ MISSING ]" if e.missing else "[ ok ]"
        note = e.note.splitlines()[0] if e.missing and e.note else ""
        out.append(f"{mark} {e.label}" + (f" — {note}" if note else ""))
    if d.mechanism in _CONSENT_NOTE:
        out += ["", _CONSENT_NOTE[d.mechanism]]
    for n, s in enumerate(d.sections, 1):
        out += ["", f"{n}. {s.title.upper()}"]
        for e in s.elements:
            value = e.value.strip() or ("(missing)" if e.required else "(not known)")
            if "\n" in value:
                out.append(f"{e.label}:")
                out += [f"  {line}" for line in value.splitlines()]
            else:
                out.append(f"{e.label}: {value}")
            if e.missing and "\n" in e.note:
                out += [f"    {line}" for line in e.note.splitlines()]
    return "\n".join(out) + "\n"


def draft_pdf(d: Draft, created: datetime | None = None) -> bytes:
    """The draft as PDF bytes (A4), with the checklist in green and red."""
    shaping.install()
    fonts = load_fonts()
    created = created or datetime.now(UTC).replace(microsecond=0)
    ctx = Context(
        fonts=fonts,
        lang="en",
        audience="internal",
        as_of=d.as_of,
        title=MECHANISMS[d.mechanism],
        organisation=None,
        created=created,
        document_id="",
    )
    story: list = [
        ctx.para(ctx.rich(_head(d)[0], bold=True), "h1"),
        ctx.para(ctx.rich(_head(d)[1]), "body"),
        ctx.para(ctx.rich(_head(d)[2]), "label"),
        Spacer(1, 4 * mm),
        ctx.para(ctx.rich("Checklist of required elements", bold=True), "h2"),
    ]
    for e in sorted(d.checklist(), key=lambda e: not e.missing):
        if e.missing:
            text = "✗  MISSING: " + e.label + (f" — {e.note.splitlines()[0]}" if e.note else "")
            story.append(ctx.para(ctx.rich(text), "check_missing"))
        else:
            story.append(ctx.para(ctx.rich("✓  " + e.label), "check_ok"))
    if d.mechanism in _CONSENT_NOTE:
        story.append(ctx.para(ctx.rich(_CONSENT_NOTE[d.mechanism]), "label"))
    for n, s in enumerate(d.sections, 1):
        story.append(ctx.para(ctx.rich(f"{n}. {s.title}", bold=True), "h2"))
        for e in s.elements:
            story.append(ctx.para(ctx.rich(e.label, bold=True), "label"))
            value = e.value.strip()
            if value:
                story += ctx.block(value, "body", FRAME_W)
            else:
                story.append(
                    ctx.para(
                        ctx.rich("(missing)" if e.required else "(not known)"),
                        "check_missing" if e.required else "label",
                    )
                )
                if e.missing and "\n" in e.note:
                    story += ctx.block(e.note, "note", FRAME_W)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Draft — {MECHANISMS[d.mechanism]}",
        author="",
        creator="Dossier",
        producer="Dossier",
        invariant=1,
        initialFontName=fonts.ascii_font or "DejaVuSans",
    )
    doc.build(story)
    return buf.getvalue()
