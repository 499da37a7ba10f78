"""SECURITY.md item 9 / test corpus 10: hostile text prints literally and makes no
links, images or markup; bidi overrides are neutralised; a 1 MB token cannot hang."""

from __future__ import annotations

import time

import pytest

from dossier.briefing import build_packet
from dossier.core.model import Ask, Case, Event, Name, Source
from tests.briefing.conftest import options, pdftotext

pypdf = pytest.importorskip("pypdf")

HOSTILE = [
    '<img src="/etc/passwd"> & <font size=0>',
    '<a href="https://evil.example/x">click</a>',
    "unbalanced < and & and &amp; and &lt;b&gt;",
    "</para><para>",
    "<img src=/etc/passwd width=500 height=500/>",
    "<link href='file:///etc/shadow'>",
    "]]><!-- --><![CDATA[",
]
BIDI = "abc\u202egnirts\u202c def \u2067iso\u2069 \u202aemb\u202c \u200fend"
BIG = "A" * (1024 * 1024)


def _hostile_case() -> tuple[list[Case], dict[str, Source]]:
    src = Source(
        id="s1", title=HOSTILE[1], url="javascript:alert(1)", publisher=HOSTILE[0], note=HOSTILE[2]
    )
    case = Case(
        id="h1",
        name=HOSTILE[0],
        names=[Name(HOSTILE[4], "zh-Hans")],
        summary="\n\n".join(HOSTILE + [BIDI, BIG]),
        occupation=HOSTILE[3],
        nationality=BIG,
        events=[
            Event(
                id="h1-e1",
                case_id="h1",
                type="detention",
                date="2017-06-01",
                place=HOSTILE[5],
                authority=HOSTILE[6],
                note=BIG + " tail",
                source_ids=["s1"],
            ),
            Event(id="h1-e2", case_id="h1", type="other", date="not a date", note=BIDI),
        ],
        asks=[Ask(text=HOSTILE[1], addressee=HOSTILE[0])],
    )
    return [case], {"s1": src}


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory):
    cases, sources = _hostile_case()
    path = tmp_path_factory.mktemp("hostile") / "hostile.pdf"
    t0 = time.perf_counter()
    build_packet(cases, sources, options(title=HOSTILE[0]), path)
    return path, time.perf_counter() - t0


def test_builds_quickly_despite_megabyte_token(hostile_pdf):
    _, seconds = hostile_pdf
    assert seconds < 20


def test_markup_prints_literally(hostile_pdf):
    path, _ = hostile_pdf
    text = pdftotext(path)
    flat = " ".join(text.split())
    for s in HOSTILE[:4]:
        assert " ".join(s.split()) in flat, s
    assert "javascript:alert(1)" in flat  # a URL is text, not a link
    assert "more characters not printed" in flat  # the megabyte was cut, visibly


def test_no_links_or_images_from_user_text(hostile_pdf):
    path, _ = hostile_pdf
    reader = pypdf.PdfReader(str(path))
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            action = a.get("/A")
            assert action is None or action.get_object().get("/S") != "/URI", a
            assert "/Dest" in a or action is not None
        xobjects = page.get("/Resources", {}).get("/XObject", {}) or {}
        for ref in xobjects.values():
            assert ref.get_object().get("/Subtype") != "/Image"
    raw = path.read_bytes()
    assert b"/URI" not in raw
    assert b"root:" not in raw  # /etc/passwd was never read


def test_bidi_overrides_neutralised(hostile_pdf):
    path, _ = hostile_pdf
    text = pdftotext(path)
    assert "gnirts" in text  # kept in typed (logical) order, not reversed
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert ch not in text


@pytest.mark.parametrize("filler", ["刘", "བཀྲ་", "ئا", "W"])
def test_every_field_at_its_longest_still_lays_out(tmp_path, filler):
    """Table rows cannot break across pages; field limits keep the widest script's
    longest text inside one page, in every table."""
    big = filler * 300_000
    src = Source(id="s1", title=big, publisher=big, url=big, note=big, reliability=big)
    case = Case(
        id="x",
        name=big,
        names=[Name(big, "zh-Hans")],
        summary=big,
        occupation=big,
        nationality=big,
        gender=big,
        birth_year=big,
        events=[
            Event(
                id="x-e",
                case_id="x",
                type="arrest",
                date="2017-06-01",
                place=big,
                authority=big,
                note=big,
                charges=[big],
                sentence=big,
                confidence=big,
                source_ids=["s1"],
            )
        ],
        asks=[Ask(text=big, addressee=big)],
    )
    res = build_packet(
        [case], {"s1": src}, options(title=big, organisation=big), tmp_path / "big.pdf"
    )
    assert res.page_count >= 4
