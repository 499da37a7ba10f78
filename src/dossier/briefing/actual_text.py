"""`/ActualText` spans: what a PDF reader gives back for shaped and right-to-left runs.

A shaped Tibetan stack or an Arabic-script letter form is one glyph standing for several
characters (or one character drawn by several glyphs), and a right-to-left phrase is
drawn in visual order. Text extraction maps glyphs back one by one, so without help
`pdftotext` returns `བ་ཤ` for བཀྲ་ཤིས and presentation forms, reversed, for ئىلھام.
PDF 1.7 §14.9.4 lets marked content carry the text it stands for; poppler, PDFium and
Acrobat's copy-paste use it in place of the glyphs.

`markup.Rich` brackets such runs with `Actual` marks; they become zero-width `onDraw`
fragments of the paragraph, and reportlab calls `draw_actual_text` at their place in
the line, between the text operators, so the span wraps exactly the glyphs of the run.
A span never crosses a line break (markup opens one per unbreakable piece), so each
`BDC` has its `EMC` in the same text object.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTUAL_TEXT_CB = "dossier_actual_text"


@dataclass(frozen=True)
class Actual:
    """Opens an ActualText span holding `text` (logical order, NFC); `None` closes it."""

    text: str | None


def actual_label(mark: Actual) -> str:
    """The callback label: the span's text as a PDF hex string (UTF-16BE with BOM)."""
    if mark.text is None:
        return ""
    return "FEFF" + mark.text.encode("utf-16-be").hex().upper()


def draw_actual_text(canv, kind: str, label: str | None) -> None:
    """reportlab's `onDraw` callback: emit `BDC` (label given) or `EMC` (empty label)."""
    tx = canv._curr_tx_info["tx"]
    tx._code.append(f"/Span <</ActualText <{label}>>> BDC" if label else "EMC")


def install() -> None:
    """Let every canvas find the callback by name (idempotent).

    Paragraphs are drawn on several canvases (the packet, the GUI's preview), so the
    name is resolved at class level instead of registering it on each canvas.
    """
    from reportlab.pdfgen.canvas import Canvas

    if getattr(Canvas.getNamedCB, "_dossier_actual_text", False):
        return
    original = Canvas.getNamedCB

    def get_named_cb(self, name):
        if name == ACTUAL_TEXT_CB:
            return draw_actual_text
        return original(self, name)

    get_named_cb._dossier_actual_text = True
    Canvas.getNamedCB = get_named_cb
