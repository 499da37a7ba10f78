"""Text that reportlab cannot be trusted to break into lines by itself.

Two cases, both laid out here line by line, each line returned as one `Rich` that
`Context.block` prints as an unbreakable, aligned paragraph:

* Right-to-left paragraphs (the first strong character is Arabic script: a Uyghur
  summary or note). Bidi reordering happens per *line* (UAX #9, rule L2): the words
  that open the text belong on the first line, read from the right. reportlab without
  `rlbidi` cannot do that, and reordering before wrapping would put the last words on
  the first line. `rtl_lines` breaks the text, then orders each line's words right to
  left — runs of left-to-right words and numbers keep their own order.
* Long runs of a complex script without spaces (Tibetan separates syllables with the
  tsheg, not spaces). reportlab would cut such a "word" wherever the line ends —
  inside a shaped cluster, leaving a vowel sign on one line and its letter on the next,
  or glyphs it cannot map. `ltr_lines` breaks after a tsheg or shad, between CJK
  characters, or at spaces, measuring shaped widths with harfbuzz.
"""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeStr

from dossier.briefing import bidi
from dossier.briefing.fonts import COMPLEX_FONTS, LATIN, FontSet
from dossier.briefing.markup import Rich, hb_reverses

_NBSP = "\u00a0"


_BREAK_AFTER = frozenset("\u0f0b\u0f0d\u0f0e\u0f14\u0f34")  # tsheg, shads
_LONG_RUN = 24  # complex-script characters without a space that reportlab may cut


def needs_own_lines(text: str) -> bool:
    """True when reportlab's line breaking would garble `text`: a long Tibetan or
    Arabic-script run without spaces, or a right-to-left phrase that may wrap (its
    words must be reordered per line, not as one block)."""
    if has_long_complex_run(text):
        return True
    return bidi.has_rtl(text) and any(
        seg.rtl and len(seg.text) > _LONG_RUN
        for line in text.split("\n")
        for seg in bidi.segments(line)
    )


def has_long_complex_run(text: str) -> bool:
    """True when Tibetan or Arabic-script characters run longer than a short word."""
    run = 0
    for ch in text:
        cp = ord(ch)
        if 0x0F00 <= cp <= 0x0FFF or 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF:
            run += 1
            if run > _LONG_RUN:
                return True
        elif ch == " ":
            run = 0
    return False


def base_is_rtl(text: str) -> bool:
    """UAX #9 P2: the paragraph is right-to-left when its first strong character is."""
    if not bidi.has_rtl(text):
        return False
    for ch in text:
        c = unicodedata.bidirectional(ch)
        if c == "L":
            return False
        if c in ("R", "AL"):
            return True
    return False


def _direction(word: str) -> str:
    """`r` right-to-left, `l` left-to-right, `n` a number, `o` neutral."""
    number = False
    for ch in word:
        c = unicodedata.bidirectional(ch)
        if c in ("R", "AL"):
            return "r"
        if c == "L":
            return "l"
        if c in ("EN", "AN"):
            number = True
    return "n" if number else "o"


def _word_runs(fonts: FontSet, word: str, bold: bool) -> list[tuple[str, str]]:
    """A right-to-left or neutral word's (font, text) runs in drawing order."""
    r = Rich(fonts)
    r.add_rtl(bidi.Segment(word, True, tuple(bidi.visual_pieces(word))), bold)
    return [p for p in r.runs() if p is not None]


def _ltr_runs(fonts: FontSet, text: str, bold: bool) -> list[tuple[str, str]]:
    r = Rich(fonts).text(text, bold=bold, limit=len(text) + 1)
    return [p for p in r.runs() if p is not None]


def _neutral_ends(word: str) -> tuple[str, str, str]:
    """(leading neutrals, core, trailing neutrals) of a left-to-right word."""

    def strong(ch: str) -> bool:
        return unicodedata.bidirectional(ch) in ("L", "R", "AL", "EN", "AN")

    i = 0
    while i < len(word) and not strong(word[i]):
        i += 1
    j = len(word)
    while j > i and not strong(word[j - 1]):
        j -= 1
    return word[:i], word[i:j], word[j:]


def _width(runs: list[tuple[str, str]], size: float) -> float:
    w = 0.0
    for font, text in runs:
        if font in COMPLEX_FONTS:
            shaped = shapeStr(text, font, size)
            data = getattr(shaped, "__shapeData__", None)
            w += (
                sum(d.x_advance for d in data) * size / 1000
                if data
                else stringWidth(text, font, size)
            )
        else:
            w += stringWidth(text, font, size)
    return w


def _visual_words(fonts: FontSet, words: list[str], bold: bool) -> list[list[tuple[str, str]]]:
    """One right-to-left line's words as drawn, left to right (UAX #9 L2 by word).

    Right-to-left and neutral words are reversed in place; a run of left-to-right
    words and numbers (an island) keeps its order, and the neutrals around it (the
    brackets and full stop of "(Ürümqi).") move to its far sides, mirrored.
    """
    kinds = [_direction(w) for w in words]
    groups: list[list[list[tuple[str, str]]]] = []
    i = 0
    while i < len(words):
        if kinds[i] not in ("l", "n"):
            groups.append([_word_runs(fonts, words[i], bold)])
            i += 1
            continue
        j = end = i
        while j < len(words) and kinds[j] != "r":
            if kinds[j] in ("l", "n"):
                end = j
            j += 1
        island = words[i : end + 1]
        prefix = _neutral_ends(island[0])[0]
        suffix = _neutral_ends(island[-1])[2]
        cores = list(island)
        cores[0] = cores[0][len(prefix) :]
        cores[-1] = cores[-1][: len(cores[-1]) - len(suffix)]
        runs = [_ltr_runs(fonts, c, bold) for c in cores]
        if suffix:
            runs[0] = _ltr_runs(fonts, bidi.mirror_reverse(suffix), bold) + runs[0]
        if prefix:
            runs[-1] = runs[-1] + _ltr_runs(fonts, bidi.mirror_reverse(prefix), bold)
        groups.append(runs)
        i = end + 1
    return [w for g in reversed(groups) for w in g]


def rtl_lines(
    fonts: FontSet, text: str, width: float, size: float, bold: bool = False
) -> list[Rich]:
    """One Rich per drawn line of the (cleaned, single-block) right-to-left `text`."""
    space = stringWidth(" ", LATIN, size)
    out: list[Rich] = []
    for line in text.split("\n"):
        words = [w for w in line.split(" ") if w]
        measured = []
        for w in words:
            ww = _width(_word_runs(fonts, w, bold), size)
            while ww > width and len(w) > 1:  # an over-long word: cut it to fit
                cut = max(1, int(len(w) * width / ww * 0.95))
                head = w[:cut]
                measured.append((head, _width(_word_runs(fonts, head, bold), size)))
                w = w[cut:]
                ww = _width(_word_runs(fonts, w, bold), size)
            measured.append((w, ww))
        lines: list[list[str]] = []
        cur: list[str] = []
        used = 0.0
        for w, ww in measured:
            if cur and used + space + ww > width:
                lines.append(cur)
                cur, used = [], 0.0
            used += (space if cur else 0.0) + ww
            cur.append(w)
        if cur or not lines:
            lines.append(cur)
        for words_in_line in lines:
            r = Rich(fonts)
            visual: list[str] = []
            for k, runs in enumerate(_visual_words(fonts, words_in_line, bold)):
                if k:
                    r.add_run(LATIN, _NBSP, False)
                    visual.append(" ")
                for font, run in runs:
                    r.add_run(font, run, False)
                    hb = font in COMPLEX_FONTS and hb_reverses(run)
                    visual.append(bidi.mirror_reverse(run) if hb else run)
            out.append(r.actual_span("".join(visual)))
    return out


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def _ltr_tokens(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces of one line of text, each with "a space follows"."""
    tokens: list[tuple[str, bool]] = []
    cur: list[str] = []
    for ch in text:
        if ch == " ":
            if cur:
                tokens.append(("".join(cur), True))
                cur = []
            elif tokens:
                tokens[-1] = (tokens[-1][0], True)
            continue
        cur.append(ch)
        if ch in _BREAK_AFTER or _is_cjk(ch):
            tokens.append(("".join(cur), False))
            cur = []
    if cur:
        tokens.append(("".join(cur), False))
    return tokens


def _cut_long(
    fonts: FontSet, tokens: list[tuple[str, bool]], width: float, size: float, bold: bool
) -> list[tuple[str, bool]]:
    """Tokens wider than a line, cut into pieces that fit (a last resort)."""
    out: list[tuple[str, bool]] = []
    for token, space_after in tokens:
        tw = _width(_ltr_runs(fonts, token, bold), size)
        while tw > width and len(token) > 1:
            cut = max(1, int(len(token) * width / tw * 0.95))
            out.append((token[:cut], False))
            token = token[cut:]
            tw = _width(_ltr_runs(fonts, token, bold), size)
        out.append((token, space_after))
    return out


def ltr_lines(
    fonts: FontSet, text: str, width: float, size: float, bold: bool = False
) -> list[Rich]:
    """One Rich per drawn line of left-to-right `text` (cleaned), broken by `_ltr_tokens`.

    Each line's text then goes through `Rich.text`, so right-to-left phrases inside it
    are reordered within the line, as the bidi algorithm wants.
    """
    space = stringWidth(" ", LATIN, size)
    out: list[Rich] = []
    for line in text.split("\n"):
        lines: list[str] = []
        cur = ""
        used = 0.0
        gap = False
        for token, space_after in _cut_long(fonts, _ltr_tokens(line), width, size, bold):
            tw = _width(_ltr_runs(fonts, token, bold), size)
            sep = space if gap else 0.0
            if cur and used + sep + tw > width:
                lines.append(cur)
                cur, used, sep = "", 0.0, 0.0
            cur += (_NBSP if sep else "") + token
            used += sep + tw
            gap = space_after
        lines.append(cur)
        out += [Rich(fonts).text(ln, bold=bold, limit=len(ln) + 1) for ln in lines]
    return out
