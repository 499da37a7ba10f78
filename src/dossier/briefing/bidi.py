"""Right-to-left runs (Uyghur, Arabic, Hebrew) inside left-to-right packet text.

reportlab 5 reorders bidirectional text only with the optional `rlbidi` package (not a
Dossier dependency), and harfbuzz reverses one shaped run at a time, not a phrase of
several words. So this module finds each right-to-left *phrase* in a left-to-right
paragraph and gives its pieces in visual order, following the Unicode bidi algorithm
for the cases a briefing meets (UAX #9 rules W2–W7, N1 and L2 for one level of
embedding, base direction left-to-right):

* a phrase starts at a strong R/AL character and runs through anything that is not a
  strong L, ending at its last R/AL or number; numbers inside keep their own
  left-to-right order, neutrals between them take the phrase's direction;
* the phrase's pieces are reversed, neutral pieces reversed and mirrored (`(` ↔ `)`).

Explicit embeddings and overrides (U+202A–202E, U+2066–2069) are removed before this
runs (see `markup.clean`), so user text cannot reorder what surrounds it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_STRONG_RTL = frozenset({"R", "AL"})
_NUMBER = frozenset({"EN", "AN"})

# Bidi_Mirroring_Glyph for the pairs that appear in ordinary text.
_MIRROR = {
    "(": ")",
    ")": "(",
    "[": "]",
    "]": "[",
    "{": "}",
    "}": "{",
    "<": ">",
    ">": "<",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "⁅": "⁆",
    "⁆": "⁅",
    "〈": "〉",
    "〉": "〈",
    "《": "》",
    "》": "《",
    "「": "」",
    "」": "「",
    "『": "』",
    "』": "『",
    "【": "】",
    "】": "【",
    "（": "）",
    "）": "（",
}


@dataclass(frozen=True)
class Piece:
    """A run of one kind inside an RTL phrase, its text in logical order.

    kind: `r` right-to-left letters, `n` a number (shown left to right), `o` neutrals.
    """

    text: str
    kind: str


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph: left-to-right text, or an RTL phrase's visual pieces."""

    text: str
    rtl: bool
    pieces: tuple[Piece, ...] = ()


def _classes(text: str) -> list[str]:
    """Bidi classes after W1 (NSM/BN take the class before them), W2, W4–W6 simplified."""
    out: list[str] = []
    last_strong = "L"
    for ch in text:
        c = unicodedata.bidirectional(ch) or "ON"
        if c in ("NSM", "BN"):
            c = out[-1] if out else "ON"
        if c == "EN" and last_strong == "AL":
            c = "AN"  # W2: European digits after Arabic letters are Arabic numbers
        if c in ("L", "R", "AL"):
            last_strong = c
        out.append(c)
    n = len(out)
    for i in range(1, n - 1):  # W4: one separator between two numbers of a kind
        if out[i] in ("ES", "CS") and out[i - 1] == out[i + 1] == "EN":
            out[i] = "EN"
        elif out[i] == "CS" and out[i - 1] == out[i + 1] == "AN":
            out[i] = "AN"
    for i in range(n):  # W5: terminators (%, $) next to European numbers
        if out[i] == "ET":
            j = i
            while j < n and out[j] == "ET":
                j += 1
            if (i > 0 and out[i - 1] == "EN") or (j < n and out[j] == "EN"):
                for k in range(i, j):
                    out[k] = "EN"
    return out


# Blocks that hold every strongly right-to-left character (and a few others).
_RTL_BLOCKS = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def has_rtl(text: str) -> bool:
    """True if any character is strongly right-to-left."""
    if text.isascii() or not _RTL_BLOCKS.search(text):
        return False
    return any(unicodedata.bidirectional(ch) in _STRONG_RTL for ch in text)


def segments(text: str) -> list[Segment]:
    """Split `text` into LTR stretches and RTL phrases (with their visual pieces)."""
    if not has_rtl(text):
        return [Segment(text, False)] if text else []
    cls = _classes(text)
    out: list[Segment] = []
    i = 0
    n = len(text)
    ltr_start = 0
    while i < n:
        if cls[i] not in _STRONG_RTL:
            i += 1
            continue
        # a phrase starts here; find its end: last R/AL/number before the next L
        j = i
        end = i
        while j < n and cls[j] != "L":
            if cls[j] in _STRONG_RTL or cls[j] in _NUMBER:
                end = j
            j += 1
        if ltr_start < i:
            out.append(Segment(text[ltr_start:i], False))
        phrase = text[i : end + 1]
        out.append(Segment(phrase, True, tuple(visual_pieces(phrase, cls[i : end + 1]))))
        i = ltr_start = end + 1
    if ltr_start < n:
        out.append(Segment(text[ltr_start:], False))
    return out


def visual_pieces(phrase: str, cls: list[str] | None = None) -> list[Piece]:
    """The pieces of an RTL phrase, in visual (left-to-right drawing) order."""
    cls = cls if cls is not None else _classes(phrase)
    pieces: list[Piece] = []
    cur_kind = ""
    cur: list[str] = []
    for ch, c in zip(phrase, cls, strict=True):
        kind = "r" if c in _STRONG_RTL else "n" if c in _NUMBER else "o"
        if kind != cur_kind and cur:
            pieces.append(Piece("".join(cur), cur_kind))
            cur = []
        cur_kind = kind
        cur.append(ch)
    if cur:
        pieces.append(Piece("".join(cur), cur_kind))
    pieces.reverse()
    return pieces


def mirror_reverse(text: str) -> str:
    """`text` drawn right to left by hand: characters reversed, brackets mirrored."""
    return "".join(_MIRROR.get(ch, ch) for ch in reversed(text))
