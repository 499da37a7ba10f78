"""Escaping, cleaning, script runs and right-to-left ordering of paragraph markup."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from dossier.briefing import bidi, shaping
from dossier.briefing.fonts import ARABIC, CJK, LATIN, TIBETAN, load_fonts
from dossier.briefing.markup import Rich, clean, font_runs, plain

FONTS = load_fonts()
shaping.install()
STYLE = ParagraphStyle("t", fontName=LATIN, fontSize=9, leading=11)
SHAPED = ParagraphStyle("ts", parent=STYLE, shaping=1)


def para(text: str, **kw) -> Paragraph:
    r = Rich(FONTS).text(text, **kw)
    st = SHAPED if r.shaping else STYLE
    return Paragraph(r.plain(), st, frags=r.frags(st))


def frag_text(p: Paragraph) -> str:
    """The text the paragraph's fragments carry; a <br/> counts as a space."""
    return "".join(
        " " if getattr(f, "lineBreak", False) else getattr(f, "text", "") for f in p.frags
    )


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src="/etc/passwd">',
        "a & b",
        "<font size=0>x</font>",
        '<a href="http://x">y</a>',
        "1 < 2",
        "&amp;",
        "<b>",
        "</para>",
        "<br/>",
        "&#60;script&#62;",
        "<![CDATA[x]]>",
    ],
)
def test_markup_is_text_not_tags(hostile):
    p = para(hostile)
    assert frag_text(p) == hostile
    assert all(not hasattr(f, "cbDefn") and not getattr(f, "link", None) for f in p.frags)


@settings(max_examples=200, deadline=None)
@example(text="ۮ)0")  # a bracket mirrored in a right-to-left phrase
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_parses_and_prints_its_characters(text):
    """Whatever a researcher types, the markup parses and carries exactly the cleaned
    characters (left-to-right text: same order; right-to-left: same multiset)."""
    cleaned = clean(text)
    p = para(text)
    got = " ".join(frag_text(p).replace("\u00a0", " ").split())
    p.wrap(200, 10_000)
    p.split(200, 30)
    want = " ".join(cleaned.split())
    want = "".join(c if FONTS.font_for(ord(c)) else "\ufffd" for c in want)
    if not bidi.has_rtl(cleaned):
        assert got == want
    else:
        # right to left, a bracket is drawn mirrored (UAX #9 L4): compare pairs as one
        def pairs(t: str) -> list[str]:
            return sorted(min(c, bidi._MIRROR.get(c, c)) for c in t.replace(" ", ""))

        assert pairs(got) == pairs(want)


def test_clean_removes_bidi_controls_and_control_characters():
    s = "a\u202eb\u202cc\u2066d\u2069e\u200ff\x00g\x07h\ue000i\tj"
    assert clean(s) == "abcdefghi j"


def test_clean_cuts_long_text_with_note():
    out = clean("x" * 5000, limit=100, more="[{n} more]")
    assert out.startswith("x" * 100) and out.endswith("[4,900 more]")
    huge = clean("y" * 1_000_000, limit=100, more="[{n} more]")
    assert huge.endswith("[999,900 more]")


def test_clean_keeps_joiners_and_normalises():
    assert clean("e\u0301") == "\u00e9"
    assert "\u200d" in clean("a\u200db") and "\u200c" in clean("a\u200cb")


def test_runs_pick_a_font_that_has_each_character():
    text = "Liu Xia 刘霞，བཀྲ་ཤིས་ ئىلھام — ☃ Ωμέγα Привет"
    for font, run in font_runs(FONTS, text):
        for ch in run:
            assert FONTS.covers(font, ord(ch)), (font, ch, hex(ord(ch)))


def test_runs_follow_scripts():
    runs = font_runs(FONTS, "Wang 王全璋 བཀྲ")
    fonts = [f for f, _ in runs]
    assert fonts[0] == LATIN and CJK in fonts and TIBETAN in fonts
    assert ARABIC in {f for f, _ in Rich(FONTS).script_runs("ئىلھام")}


def test_uncovered_character_is_visible_replacement():
    ch = "\U0001f9ff"  # not in any shipped font
    if any(FONTS.covers(f, ord(ch)) for f in FONTS.coverage):
        pytest.skip("a shipped font covers the probe character")
    assert "\ufffd" in frag_text(para(f"a{ch}b"))


def test_complex_scripts_request_shaping():
    assert Rich(FONTS).text("བཀྲ་ཤིས").shaping
    assert Rich(FONTS).text("ئىلھام").shaping
    assert not Rich(FONTS).text("王全璋 Wang").shaping


def test_bold_uses_bold_faces():
    fonts = {f for f, _ in Rich(FONTS).text("Wang ئىلھام 王", bold=True).runs()}
    assert {"DossierSans-Bold", "DossierNaskh-Bold", "DossierCJK"} <= fonts  # no bold CJK


def test_plain_is_one_line():
    assert plain("a\nb\u202e c") == "a b c"


# -- bidi ------------------------------------------------------------------------------


def test_rtl_phrase_words_in_visual_order():
    segs = bidi.segments("Ilham ئىلھام توختى born")
    assert [s.rtl for s in segs] == [False, True, False]
    pieces = [p.text for p in segs[1].pieces]
    assert pieces == ["توختى", " ", "ئىلھام"]


def test_numbers_keep_their_order_inside_rtl():
    seg = bidi.segments("ئىلھام 2014-يىلى")[0]
    texts = [(p.text, p.kind) for p in seg.pieces]
    assert ("2014", "n") in texts
    assert texts[0] == ("يىلى", "r")  # the last word is drawn leftmost
    assert texts[-1] == ("ئىلھام", "r")


def test_brackets_mirror_inside_rtl():
    seg = bidi.segments("ئا (ب) ت")[0]
    assert bidi.mirror_reverse(" (") == ") "
    assert any(p.kind == "o" and "(" in p.text for p in seg.pieces)


def test_ltr_text_untouched():
    assert bidi.segments("plain text 123") == [bidi.Segment("plain text 123", False)]


def test_rtl_markup_shapes_each_run_alone():
    """A word mixing fonts (Arabic between Latin brackets) is shaped run by run: the
    Latin runs stay as typed, the Arabic run becomes glyphs of the Arabic font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import paragraph as rl_paragraph

    p = para("(ئىلھام)")
    words = rl_paragraph._getFragWords(p.frags, 300)
    assert len(words) == 1
    shaped = rl_paragraph.shapeFragWord(words[0])
    parts = [(f.fontName, str(s)) for f, s in shaped[1:]]
    assert parts[0] == (LATIN, "(") and parts[-1] == (LATIN, ")")
    arabic = [s for f, s in shaped[1:] if f.fontName == ARABIC]
    assert arabic and hasattr(arabic[0], "__shapeData__")
    face = pdfmetrics.getFont(ARABIC).face
    assert all(ord(c) in face.charToGlyph for c in arabic[0])
    assert shaped[0] > 0
