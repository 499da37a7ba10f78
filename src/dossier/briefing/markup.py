"""User text to reportlab paragraph fragments, one font run per script — no markup.

reportlab's Paragraph normally parses an XML-like markup, where an unescaped `<img
src=…>` embeds a local file, `<a href>` makes a link and a stray `<` breaks the export.
Dossier never hands user text to that parser: `Rich` builds the paragraph's fragments
(`ParaFrag`s) itself and `Context.para` passes them to `Paragraph(frags=…)`, so text
is text, whatever characters it holds. On the way, `Rich.text`
1. cleans it (`clean`): Unicode NFC; bidi embeddings/overrides/isolates and marks
   removed, so a name cannot reorder the text around it; control, private-use and
   unpaired-surrogate characters dropped; over-long text cut with a visible note;
2. splits it into runs by script and by what each font covers (`FontSet.font_for`),
   with right-to-left phrases put in visual order (`bidi.segments`).
Line breaks become break fragments; links are drawn by flowables (`flowables.py`),
never by text.

Shaped runs (Tibetan, Arabic script) do not map glyph for glyph back to characters, and
right-to-left phrases are drawn in visual order, so a reader copying a name from the PDF
would get presentation forms or broken syllables. Each such run or phrase is therefore
bracketed by `Actual` marks, which become zero-width `onDraw` fragments; the callback
in `actual_text.py` wraps the glyphs between them in a `/Span <</ActualText …>>` marked
content sequence holding the NFC text that went in, which poppler, PDFium and copy-paste
give back instead of the glyphs.
"""

from __future__ import annotations

import re
import unicodedata

import uharfbuzz
from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paraparser import ParaFrag

from dossier.briefing import bidi
from dossier.briefing.actual_text import ACTUAL_TEXT_CB, Actual, actual_label
from dossier.briefing.fonts import COMPLEX_FONTS, LATIN, FontSet

# U+202A–202E embeddings/overrides, U+2066–2069 isolates, LRM/RLM/ALM marks.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ASCII_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_NBSP_PHRASE_MAX = 24  # RTL phrases up to this long are kept on one line

DEFAULT_LIMIT = 2000
DEFAULT_MORE = "[… {n} more characters]"


def _keep(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Co", "Cn"):
        return ch in "\n\t"
    return not (cat == "Cf" and ch not in "\u200c\u200d\u00ad")


def clean(text: str | None, limit: int = DEFAULT_LIMIT, more: str = DEFAULT_MORE) -> str:
    """`text` made safe to lay out: see the module docstring. `more` formats the cut note."""
    if not text:
        return ""
    omitted = 0
    if len(text) > limit * 2:  # do not normalise a megabyte we will not print
        omitted = len(text) - limit * 2
        text = text[: limit * 2]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        text = _ASCII_CONTROLS.sub("", text)
    else:
        text = unicodedata.normalize("NFC", text)
        text = _BIDI_CONTROLS.sub("", text)
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
        text = "".join(ch for ch in text if _keep(ch))
    text = text.replace("\t", " ")
    if len(text) > limit:
        omitted += len(text) - limit
        text = text[:limit]
    if omitted:
        text = text.rstrip() + " " + more.format(n=f"{omitted:,}")
    return text


def hb_reverses(text: str) -> bool:
    """Whether harfbuzz will lay `text` out right to left (as reportlab's shaper does)."""
    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    return buf.direction == "rtl"


class Rich:
    """A paragraph's content as (font, text) runs and line breaks, ready for reportlab."""

    def __init__(self, fonts: FontSet, more: str = DEFAULT_MORE) -> None:
        self._fonts = fonts
        self._more = more  # the note that ends cut text, "{n}" the characters left out
        # (font, text) runs; None: a line break; Actual: an ActualText span opens/closes
        self._parts: list[tuple[str, str] | Actual | None] = []
        self.shaping = False  # True once a run needs harfbuzz (Tibetan, Arabic)

    def br(self) -> Rich:
        """A line break (our own layout, never from user text's markup)."""
        self._parts.append(None)
        return self

    def text(
        self,
        text: str | None,
        *,
        bold: bool = False,
        limit: int = DEFAULT_LIMIT,
        more: str | None = None,
    ) -> Rich:
        """Append user or label text, cleaned and split into font runs."""
        cleaned = clean(text, limit, self._more if more is None else more)
        for i, line in enumerate(cleaned.split("\n")):
            if i:
                self._parts.append(None)
            for seg in bidi.segments(line):
                if seg.rtl:
                    self.add_rtl(seg, bold)
                else:
                    self._ltr(seg.text, bold)
        return self

    def __bool__(self) -> bool:
        return bool(self._parts)

    def plain(self) -> str:
        """The runs' text as drawn (visual order), line breaks as newlines."""
        return "".join(
            "\n" if p is None else p[1] for p in self._parts if not isinstance(p, Actual)
        )

    def actual_span(self, visual: str) -> Rich:
        """Bracket everything so far in one ActualText span holding `visual` (see
        `add_rtl` for why right-to-left text is given in visual order); for lines laid
        out by hand, which never wrap."""
        if visual.strip():
            self._parts.insert(0, Actual(visual))
            self._parts.append(Actual(None))
        return self

    def runs(self) -> list[tuple[str, str] | None]:
        """The (font, text) runs and line breaks, without ActualText marks."""
        return [p for p in self._parts if not isinstance(p, Actual)]

    def frags(self, style: ParagraphStyle) -> list[ParaFrag]:
        """The ParaFrags reportlab's Paragraph would have parsed from equivalent markup."""
        out: list[ParaFrag] = []
        for part in self._parts:
            f = ParaFrag(
                rise=0,
                greek=0,
                link=[],
                bold=0,
                italic=0,
                us_lines=[],
                fontSize=style.fontSize,
                textColor=style.textColor,
            )
            if part is None:
                f.fontName, f.text, f.lineBreak = style.fontName, "", True
            elif isinstance(part, Actual):
                f.fontName, f.text = style.fontName, ""
                f.cbDefn = ABag(kind="onDraw", name=ACTUAL_TEXT_CB, label=actual_label(part))
            else:
                f.fontName, f.text = part
            out.append(f)
        return out

    # -- runs -------------------------------------------------------------------------

    def script_runs(self, text: str) -> list[tuple[str, str]]:
        """(font, text) runs: neutral characters stay in the current font if it has them."""
        fonts = self._fonts
        if text.isascii() and fonts.ascii_font:  # the common case: one Latin run
            return [(fonts.ascii_font, text)] if text else []
        cache = fonts.run_cache
        hit = cache.get(text)
        if hit is None:
            hit = cache[text] = self._split_runs(text)
            if len(cache) > 50_000:
                cache.clear()
        return hit

    def _split_runs(self, text: str) -> list[tuple[str, str]]:
        fonts = self._fonts
        runs: list[tuple[str, str]] = []
        cur_font: str | None = None
        buf: list[str] = []
        for ch in text:
            cp = ord(ch)
            strong = unicodedata.bidirectional(ch) in ("L", "R", "AL")
            if cur_font is not None and not strong and fonts.covers(cur_font, cp):
                font = cur_font
            else:
                font = fonts.font_for(cp)
                if font is None:  # no font has it: show a visible replacement
                    ch = "\ufffd"
                    font = fonts.font_for(0xFFFD) or LATIN
                    if not fonts.covers(font, 0xFFFD):
                        ch = "?"
            if font != cur_font and buf:
                runs.append((cur_font or LATIN, "".join(buf)))
                buf = []
            cur_font = font
            buf.append(ch)
        if buf:
            runs.append((cur_font or LATIN, "".join(buf)))
        return runs

    def add_run(self, font: str, text: str, bold: bool) -> None:
        """Append one run of `text` in one of our fonts (its bold face if `bold`)."""
        if not text:
            return
        name = FontSet.bold(font) if bold else font
        if name in COMPLEX_FONTS:
            self.shaping = True
        prev = self._parts[-1] if self._parts else None
        if isinstance(prev, tuple) and prev[0] == name and name not in COMPLEX_FONTS:
            self._parts[-1] = (name, prev[1] + text)  # fewer fragments, same drawing
        else:
            self._parts.append((name, text))

    def _ltr(self, text: str, bold: bool) -> None:
        for font, run in self.script_runs(text):
            if font not in COMPLEX_FONTS:
                self.add_run(font, run, bold)
                continue
            # One ActualText span per word, so that no span is cut by a line break.
            for k, word in enumerate(run.split(" ")):
                if k:
                    self.add_run(font, " ", bold)
                if word:
                    self._parts.append(Actual(word))
                    self.add_run(font, word, bold)
                    self._parts.append(Actual(None))

    def add_rtl(self, seg: bidi.Segment, bold: bool) -> None:
        """Emit an RTL phrase's pieces in visual order, each run drawn the right way.

        Pieces of letters and neutrals read right to left; numbers left to right.
        Harfbuzz reverses a run it guesses is right-to-left (Arabic script in a
        complex font); every other run is reversed and mirrored here, or not at all.
        """
        keep_together = len(seg.text) <= _NBSP_PHRASE_MAX
        # Readers (poppler, PDFium) put extracted right-to-left text back in logical
        # order themselves, so a span holds its text in visual order, unshaped: what
        # the reader would have got from one glyph per character. A phrase kept on one
        # line gets one span; a longer one (which may wrap) a span per run, so no span
        # is cut by a line break.
        if keep_together:
            self._parts.append(
                Actual(
                    "".join(
                        p.text if p.kind == "n" else bidi.mirror_reverse(p.text) for p in seg.pieces
                    ).strip()
                )
            )
        for piece in seg.pieces:
            text = piece.text.replace(" ", "\u00a0") if keep_together else piece.text
            runs = self.script_runs(text)
            reversed_display = piece.kind != "n"
            if reversed_display:
                runs.reverse()
            for font, run in runs:
                logical = run
                hb_rev = font in COMPLEX_FONTS and hb_reverses(run)
                if reversed_display and not hb_rev:
                    run = bidi.mirror_reverse(run)
                elif not reversed_display and hb_rev:
                    run = run[::-1]
                span = not keep_together and bool(logical.strip())
                if span:
                    visual = bidi.mirror_reverse(logical) if reversed_display else logical
                    self._parts.append(Actual(visual))
                self.add_run(font, run, bold)
                if span:
                    self._parts.append(Actual(None))
        if keep_together:
            self._parts.append(Actual(None))


def plain(text: str | None, limit: int = 200) -> str:
    """Cleaned text for places without markup: outline entries, PDF metadata."""
    return clean(text, limit, "…").replace("\n", " ")


def font_runs(fonts: FontSet, text: str) -> list[tuple[str, str]]:
    """(font, text) runs of left-to-right label text, for drawing straight on a canvas.

    Only for our own labels and dates (never right-to-left, never needing shaping);
    user text goes through `Rich` and a Paragraph.
    """
    return Rich(fonts).script_runs(clean(text).replace("\n", " "))
