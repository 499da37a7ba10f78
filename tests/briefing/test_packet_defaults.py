"""Issue #14 item 4: a packet's defaults (title, audience, language) are named once, in
briefing.packet, and the command line, the window and the service take them from there."""

from __future__ import annotations

from dossier.briefing.packet import (
    DEFAULT_AUDIENCE,
    DEFAULT_LANG,
    DEFAULT_TITLE,
    PACKET_LANGUAGES,
    BriefingOptions,
)
from dossier.cli import build_parser
from dossier.core.bilingual import LANGS
from dossier.core.vocab import AUDIENCES

from .conftest import build, pdftotext


def test_the_defaults_are_the_named_ones():
    o = BriefingOptions()
    assert (o.title, o.audience, o.lang) == (DEFAULT_TITLE["en"], "diplomatic", "en")
    assert (o.audience, o.lang) == (DEFAULT_AUDIENCE, DEFAULT_LANG)
    assert DEFAULT_AUDIENCE in AUDIENCES
    # a packet prints in the languages a record's narrative can be kept in, no other
    assert tuple(PACKET_LANGUAGES) == LANGS == tuple(DEFAULT_TITLE)


def test_the_command_line_takes_them():
    args = build_parser().parse_args(["briefing", "-o", "x.pdf", "--all"])
    assert (args.audience, args.lang, args.title) == (DEFAULT_AUDIENCE, DEFAULT_LANG, None)


def test_an_empty_title_is_the_default_one_in_the_packets_language(tmp_path):
    out = tmp_path / "zh.pdf"
    build(out, lang="zh", title="")
    text = pdftotext(out)
    assert DEFAULT_TITLE["zh"] in text and "Briefing" not in text  # not the English one
