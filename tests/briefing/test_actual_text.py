"""Names copy out of the packet as they went in (issue #15, item 2).

Shaped Tibetan stacks and Arabic-script letter forms do not map glyph for glyph back to
characters, so each shaped run and right-to-left phrase carries an `/ActualText` span
(`briefing/actual_text.py`). These tests read the packet as a diplomat's tools do —
poppler's `pdftotext` and PDFium (Chrome's reader) — and require the exact NFC names,
and a line mixing Latin, Uyghur and Chinese in its logical order.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from dossier.briefing.actual_text import Actual, actual_label
from dossier.briefing.fonts import load_fonts
from dossier.briefing.markup import Rich

NAMES = ("刘霞", "王全璋", "བཀྲ་ཤིས་དབང་ཕྱུག", "ئىلھام توختى", "伊力哈木·土赫提")
MIXED = "Ilham Tohti · ئىلھام توختى · 伊力哈木·土赫提"
# Readers mark right-to-left text they reorder with embedding controls; they are not text.
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", _BIDI_MARKS.sub("", text))


def _pdfium_text(path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def test_poppler_gives_back_the_names(texts):
    t = _clean(texts[("en", "diplomatic")])
    for name in NAMES:
        assert name in t, name
    assert not any("\ufb50" <= c <= "\ufeff" for c in t), "Arabic presentation forms leaked"
    assert not any("\ue000" <= c <= "\uf8ff" for c in t), "private-use glyph codes leaked"


def test_poppler_mixed_line_in_logical_order(texts):
    """poppler re-runs the bidi algorithm on what it extracts and may move the neutral
    " · " next to the Uyghur name; the three names come back whole and in order."""
    lines = [_clean(line) for line in texts[("en", "diplomatic")].splitlines()]
    words = ("Ilham Tohti", "ئىلھام توختى", "伊力哈木·土赫提")
    hits = [ln for ln in lines if all(w in ln for w in words)]
    assert hits
    assert all(ln.index(words[0]) < ln.index(words[1]) < ln.index(words[2]) for ln in hits)


def test_pdfium_gives_back_the_names_and_the_mixed_line(packets):
    t = _clean(_pdfium_text(packets[("en", "diplomatic")]))
    for name in NAMES:
        assert name in t, name
    assert MIXED in t


def test_chinese_packet_names_too(packets, texts):
    for t in (
        _clean(texts[("zh", "diplomatic")]),
        _clean(_pdfium_text(packets[("zh", "diplomatic")])),
    ):
        for name in NAMES:
            assert name in t, name


def test_spans_are_balanced_in_every_content_stream(packets):
    from pypdf import PdfReader

    reader = PdfReader(str(packets[("en", "internal")]))
    spans = 0
    for page in reader.pages:
        data = page.get_contents().get_data()
        opened = data.count(b"BDC")
        assert opened == data.count(b"EMC")
        spans += opened
    assert spans >= 10


def test_rich_marks_shaped_and_rtl_runs_only():
    fonts = load_fonts()
    plain = Rich(fonts).text("Liu Xia 刘霞")
    assert not any(isinstance(p, Actual) for p in plain._parts)
    tibetan = Rich(fonts).text("Tashi བཀྲ་ཤིས་དབང་ཕྱུག")
    marks = [p for p in tibetan._parts if isinstance(p, Actual)]
    assert [m.text for m in marks] == ["བཀྲ་ཤིས་དབང་ཕྱུག", None]
    uyghur = Rich(fonts).text("ئىلھام توختى")
    marks = [p for p in uyghur._parts if isinstance(p, Actual)]
    # visual order, unshaped: what a reader reverses back into the logical name
    assert marks[0].text == "ئىلھام توختى"[::-1] and marks[-1].text is None
    assert tibetan.plain() == "Tashi བཀྲ་ཤིས་དབང་ཕྱུག"  # marks draw nothing


def test_label_is_a_pdf_utf16_hex_string():
    assert actual_label(Actual("刘")) == "FEFF5218"
    assert actual_label(Actual(None)) == ""
