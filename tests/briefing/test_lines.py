"""Right-to-left paragraphs: line breaking in logical order, words drawn right to left,
left-to-right islands and numbers kept in their order, neutrals mirrored."""

from __future__ import annotations

from dossier.briefing.fonts import load_fonts
from dossier.briefing.lines import _visual_words, base_is_rtl, rtl_lines

FONTS = load_fonts()
W1, W2, W3 = "ئىلھام", "توختى", "ئۇيغۇر"


def _drawn(words: list[str]) -> list[str]:
    return ["".join(t for _, t in runs) for runs in _visual_words(FONTS, words, False)]


def test_base_direction_follows_first_strong_character():
    assert base_is_rtl(f"• {W1} Tohti")
    assert not base_is_rtl(f"Ilham {W1}")
    assert not base_is_rtl("2014 ...")


def test_words_reversed_islands_kept():
    drawn = _drawn([W1, W2, "Human", "Rights", "Watch", W3])
    # harfbuzz reverses the letters of each Arabic run when it shapes, so runs hold
    # logical text; the word order is what this module decides
    assert drawn == [W3, "Human", "Rights", "Watch", W2, W1]


def test_neutrals_around_an_island_move_and_mirror():
    assert _drawn([W1, "(Ürümqi)."]) == [".(Ürümqi)", W1]
    assert _drawn([W1, "(2006)."]) == [".(2006)", W1]


def test_first_words_on_first_line():
    text = " ".join([W1, W2, W3] * 12)
    lines = rtl_lines(FONTS, text, width=200, size=9)
    assert len(lines) > 2
    first = lines[0].plain().split("\u00a0")
    assert first[-1] == W1  # the text's first word is drawn rightmost on line one
    assert sum(len(r.plain().split("\u00a0")) for r in lines) == 36


def test_overlong_word_is_cut_to_fit():
    lines = rtl_lines(FONTS, W1 * 200, width=120, size=9)
    assert len(lines) > 5


def test_long_rtl_phrase_in_ltr_text_is_reordered_per_line():
    from dossier.briefing.lines import ltr_lines, needs_own_lines

    text = "Statement: " + " ".join([W1, W2, W3] * 8) + " (end)"
    assert needs_own_lines(text)
    lines = ltr_lines(FONTS, text, width=200, size=9)
    assert len(lines) > 2
    first = lines[0].plain().replace("\u00a0", " ")
    assert first.startswith("Statement:")
    assert W1 in first  # the phrase's first word stays on the first line
    assert lines[-1].plain().rstrip().endswith("(end)")
