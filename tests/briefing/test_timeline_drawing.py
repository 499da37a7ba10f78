"""The drawn timeline copes with vague, open and empty ranges and draws in bounds."""

from __future__ import annotations

import io
from datetime import date

import pytest
from reportlab.pdfgen.canvas import Canvas

from dossier.briefing.fonts import load_fonts
from dossier.briefing.timeline_drawing import Mark, TimelineDrawing
from dossier.core.facts import DayRange, Segment

AS_OF = date(2018, 2, 20)


def _draw(segments, marks, lang="en") -> TimelineDrawing:
    d = TimelineDrawing(segments, marks, AS_OF, lang, load_fonts())
    w, h = d.wrap(500, 800)
    assert (w, h) == (500, TimelineDrawing.HEIGHT)
    c = Canvas(io.BytesIO())
    d.drawOn(c, 10, 10)
    c.save()
    return d


def r(a: date, b: date | None = None) -> DayRange:
    return DayRange(a, b or a)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_vague_and_ongoing_segments(lang):
    segs = [
        Segment("disappeared", r(date(2015, 7, 9)), r(date(2015, 8, 1), date(2015, 8, 31))),
        Segment("rsdl", r(date(2015, 8, 1), date(2015, 8, 31)), r(date(2016, 1, 8))),
        Segment("detained", r(date(2016, 1, 8)), None),
    ]
    d = _draw(
        segs,
        [Mark(r(date(2015, 7, 9)), "disappeared"), Mark(r(date(2016, 7, 1), date(2016, 7, 31)))],
        lang,
    )
    assert d.lo < date(2015, 7, 9) and d.hi > AS_OF
    for day in (date(2015, 7, 9), AS_OF):
        assert 0 <= d._x(day) <= 500


def test_open_start_is_clamped():
    d = _draw([Segment("house_arrest", r(date(1, 1, 1), date(2010, 10, 31)), None)], [])
    assert d.lo.year >= 2009


def test_nothing_to_draw_still_draws_axis():
    d = _draw([], [])
    assert (d.hi - d.lo).days >= 60
    assert d._ticks()


def test_long_spans_get_year_ticks():
    d = _draw([Segment("sentenced", r(date(1990, 1, 1)), None)], [])
    ticks = d._ticks()
    assert 3 <= len(ticks) <= 10
    assert all(label.isdigit() for _, label in ticks)
