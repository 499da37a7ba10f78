"""The drawn timeline: paints exact and vague dates, names the event under the pointer,
describes itself in words, zooms and fits; the shared date scale ticks sensibly."""

from __future__ import annotations

import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402

from dossier.core.model import Event  # noqa: E402
from dossier.core.timeline import derive  # noqa: E402
from dossier.gui.views.timeline_paint import DateScale, paint_segment, seg_tuple  # noqa: E402
from dossier.gui.views.timeline_widget import TimelineWidget  # noqa: E402

AS_OF = date(2018, 2, 3)


def _events() -> list[Event]:
    return [
        Event(id="e1", type="disappearance", date="2015-10", note="Taken from Thailand"),
        Event(id="e2", type="disappearance", date="2015-10-17", place="Pattaya"),
        Event(id="e3", type="release", date="2017-10-17"),
        Event(id="e4", type="detention", date="2018-01-20", note="Seized on a train"),
        Event(id="e5", type="lawyer_denied", date="2016"),
    ]


@pytest.fixture
def widget(qtbot):
    w = TimelineWidget()
    qtbot.addWidget(w)
    w.resize(900, w.sizeHint().height())
    w.show()
    evs = _events()
    w.set_case(derive(evs, AS_OF), evs)
    return w


def _mark_pos(w: TimelineWidget, event_id: str) -> QPointF:
    w._layout_marks(w._scale())
    m = next(m for m in w._marks if m.event.id == event_id)
    return m.rect.center()


def test_paints_vague_and_exact_dates(widget):
    img = widget.grab().toImage()
    assert not img.isNull() and img.width() == widget.width()
    # the disappeared bar is drawn in its colour somewhere along the band
    band_y = 10 + 12
    colours = {img.pixelColor(x, band_y).name() for x in range(0, img.width(), 3)}
    assert len(colours) > 3


def test_hover_names_the_event_and_the_date_as_understood(widget):
    text = widget.hover_text_at(_mark_pos(widget, "e1"))
    assert "Enforced disappearance" in text
    assert "October 2015 (1–31 Oct)" in text
    assert "Taken from Thailand" in text
    exact = widget.hover_text_at(_mark_pos(widget, "e4"))
    assert "Criminal detention" in exact and "20 January 2018" in exact


def test_hover_over_a_period_describes_it(widget):
    sc = widget._scale()
    x = sc.x(date(2016, 6, 1).toordinal())
    text = widget.hover_text_at(QPointF(x, 10 + 12))
    assert text.startswith("Disappeared from between 1 Oct 2015 and 17 Oct 2015 to 17 Oct 2017")
    assert widget.hover_text_at(QPointF(x, 2)) == ""


def test_accessible_description_summarises(widget):
    desc = widget.accessibleDescription()
    assert "Detained since 20 Jan 2018 (as of 3 Feb 2018)" in desc
    assert "5 dated events" in desc
    assert widget.accessibleName() == "Case timeline"


def test_click_on_a_mark_selects_the_event(qtbot, widget):
    with qtbot.waitSignal(widget.eventActivated) as sig:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=_mark_pos(widget, "e3").toPoint())
    assert sig.args == ["e3"]


def test_zoom_and_fit(widget):
    fit = widget.domain()
    widget.zoom(4.0)
    first, last = widget._view
    assert last - first == pytest.approx((fit[1] - fit[0]) / 4)
    widget.zoom(1e6)  # never closer than two weeks
    assert widget._view[1] - widget._view[0] == pytest.approx(14.0)
    widget.grab()  # paints fine when zoomed to days
    widget.zoom_to_fit()
    assert widget._view == fit
    assert fit[0] < date(2015, 10, 1).toordinal() and fit[1] > AS_OF.toordinal()


def test_empty_and_cleared(qtbot):
    w = TimelineWidget()
    qtbot.addWidget(w)
    w.resize(500, 150)
    assert not w.grab().isNull()
    w.set_case(derive([], AS_OF), [])
    assert "0 dated events" in w.accessibleDescription()
    w.clear()
    assert w.accessibleDescription() == ""


def test_invalid_stored_date_is_skipped_not_fatal(qtbot):
    w = TimelineWidget()
    qtbot.addWidget(w)
    evs = [
        Event(id="bad", type="detention", date="not a date"),
        Event(id="ok", type="detention", date="2017-05"),
    ]
    w.set_case(derive(evs, AS_OF), evs)
    assert [m.event.id for m in w._marks] == ["ok"]
    assert not w.grab().isNull()


@pytest.mark.parametrize(
    "span_days,expect",
    [(365 * 30, "years"), (700, "months"), (20, "days")],
)
def test_ticks_follow_the_zoom(span_days, expect):
    start = date(2015, 1, 1).toordinal()
    sc = DateScale(start, start + span_days, 0, 800)
    ticks = sc.ticks("en")
    assert ticks and [t[0] for t in ticks] == sorted(t[0] for t in ticks)
    gaps = [b[0] - a[0] for a, b in zip(ticks, ticks[1:], strict=False)]
    assert min(gaps) * sc.px_per_day >= 30  # labels have room
    labels = [t[1] for t in ticks]
    if expect == "years":
        assert all(lbl.isdigit() for lbl in labels)
    elif expect == "months":
        assert "Apr" in labels or "Jul" in labels
    else:
        assert any(" " in lbl for lbl in labels)  # "8 Jan"
    assert all(t[1].endswith("年") or "月" in t[1] for t in sc.ticks("zh"))


def test_paint_segment_fades_a_vague_start():
    img = QImage(400, 20, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    sc = DateScale(date(2015, 9, 1).toordinal(), date(2016, 1, 1).toordinal(), 0, 400)
    seg = seg_tuple("disappeared", (date(2015, 10, 1), date(2015, 10, 31)), None)
    p = QPainter(img)
    paint_segment(p, sc, seg, date(2015, 12, 31).toordinal(), 0, 20, QColor("#882255"))
    p.end()
    early = img.pixelColor(int(sc.x(date(2015, 10, 3).toordinal())), 10)
    solid = img.pixelColor(int(sc.x(date(2015, 12, 1).toordinal())), 10)
    before = img.pixelColor(int(sc.x(date(2015, 9, 15).toordinal())), 10)
    assert before.name() == "#ffffff"
    assert solid.name() == "#882255"
    assert early.lightness() > solid.lightness()  # faint where the start is uncertain
