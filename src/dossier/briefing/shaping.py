"""Harfbuzz shaping of complex-script runs inside reportlab paragraphs.

reportlab 5 shapes a paragraph's words with uharfbuzz when the paragraph style has
`shaping=1` (`reportlab.pdfbase.ttfonts.shapeFragWord`). It shapes a whole word with
the font of the word's *first* fragment, then looks the glyph ids up in each
fragment's own font — so a word mixing fonts (`刘霞(Liu)`, a Tibetan name followed by
a comma in the Latin font) comes out as wrong glyphs. Dossier's markup puts each
script run in its own fragment (`markup.py`), so this module replaces the paragraph
module's shaper with one that shapes each fragment of a complex-script font
(Tibetan, Arabic) on its own and leaves Latin and CJK fragments as they are — which is
also faster, as harfbuzz only runs where a script needs it.

`install()` is idempotent; it patches `reportlab.platypus.paragraph` only (the
canvas-level `drawString(shaping=...)` path is not used by the briefing), and turns
off reportlab's ASCII85 stream encoding (`rl_config.useA85`) for the process.
"""

from __future__ import annotations

import threading

from dossier.briefing import actual_text
from dossier.briefing.fonts import COMPLEX_FONTS

_installed = False
_lock = threading.Lock()


def _make_shaper():
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfbase.pdfmetrics import stringWidth

    original = ttfonts.shapeFragWord
    shaped_word_class = ttfonts.makeShapedFragWord
    shaped_marker = ttfonts.ShapedFragWord

    def shape_frag_word(w, features=None, force=False):
        """Shape each complex-script fragment of frag-word `w` alone; keep the rest."""
        if isinstance(w, shaped_marker):
            return w
        parts = w[1:]
        if not any(
            getattr(f, "fontName", None) in COMPLEX_FONTS and not hasattr(f, "cbDefn")
            for f, _s in parts
        ):
            return w
        width = w[0]
        new_parts = []
        changed = False
        for f, s in parts:
            if hasattr(f, "cbDefn") or f.fontName not in COMPLEX_FONTS or not s:
                new_parts.append((f, s))
                continue
            plain = stringWidth(s, f.fontName, f.fontSize)
            single = [plain, (f, s)]
            out = original(single) if features is None else original(single, features)
            if out is single:
                new_parts.append((f, s))
                continue
            changed = True
            width += out[0] - plain
            new_parts.extend(out[1:])
        if not changed:
            return w
        result = shaped_word_class(w)([width])
        result.extend(new_parts)
        return result

    return shape_frag_word


def install() -> None:
    """Make reportlab's paragraphs shape complex-script fragments one by one."""
    global _installed
    if _installed:
        return
    with _lock:
        if _installed:
            return
        from reportlab.platypus import paragraph

        if not hasattr(paragraph, "shapeFragWord"):
            raise RuntimeError("this reportlab has no paragraph shaping (need reportlab 5)")
        from reportlab import rl_config

        paragraph.shapeFragWord = _make_shaper()
        actual_text.install()
        # Binary (zlib only) streams: ASCII85 text encoding makes files 25% larger and is
        # the slowest step of writing a packet when reportlab's C accelerator is absent.
        rl_config.useA85 = 0
        _installed = True
