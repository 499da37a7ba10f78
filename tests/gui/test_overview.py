"""The overview: every case on one timeline with the counts by status, as of a day;
it paints only the rows in view, so 50,000 cases stay quick."""

from __future__ import annotations

import os
import time
from collections import Counter
from datetime import date, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402

from dossier.gui.views.overview import AXIS_H, ROW_H, OverviewData, OverviewView, Row  # noqa: E402
from dossier.gui.views.timeline_paint import seg_tuple  # noqa: E402

from .conftest import LETTER_DAY, settle  # noqa: E402


@pytest.fixture
def overview(qtbot, demo):
    backend, ids = demo
    v = OverviewView(backend)
    qtbot.addWidget(v)
    v.resize(1200, 600)
    v.show()
    return v, backend, ids


def test_demo_cases_as_of_the_letter(overview):
    v, backend, ids = overview
    v.refresh(LETTER_DAY)
    settle(backend)
    assert v.title.text() == "All cases as of 3 Feb 2018"
    assert v.data.counts == Counter({"detained": 2, "disappeared": 1, "rsdl": 1, "house_arrest": 1})
    assert "Detained: 2" in v.counts.accessibleDescription()
    assert v.counts.total_text() == "5 cases"
    # ordered by the start of custody: Liu Xia (2010) first, Yu Wensheng (2018) last
    assert [r.name for r in v.chart.rows][0] == "Liu Xia"
    assert [r.name for r in v.chart.rows][-1] == "Yu Wensheng"
    gui = next(r for r in v.chart.rows if r.name == "Gui Minhai")
    assert [s[0] for s in gui.segs] == ["disappeared", "released", "detained"]
    assert not v.grab().isNull()


def test_hover_and_double_click_open_the_case(qtbot, overview):
    v, backend, ids = overview
    v.refresh(LETTER_DAY)
    settle(backend)
    chart = v.chart
    y = AXIS_H + ROW_H * 1 + ROW_H / 2
    text = chart.hover_text(QPointF(300, y))
    row = chart.rows[1]
    assert text.startswith(row.name) and "In custody:" in text
    assert chart.hover_text(QPointF(300, 5)) == ""  # the axis
    with qtbot.waitSignal(v.caseActivated) as sig:
        qtbot.mouseDClick(
            chart.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(300, y).toPoint()
        )
    assert sig.args == [row.id]


def test_the_as_of_day_changes_the_picture(overview):
    v, backend, ids = overview
    v.refresh(date(2016, 6, 1))
    settle(backend)
    assert v.data.counts == Counter(
        {"disappeared": 2, "detained": 1, "house_arrest": 1, "unknown": 1}
    )


def test_sort_orders(overview):
    v, backend, _ = overview
    v.refresh(LETTER_DAY)
    settle(backend)
    v.sort_box.setCurrentIndex(v.sort_box.findData("name"))
    assert [r.name for r in v.chart.rows] == sorted(r.name for r in v.chart.rows)
    v.sort_box.setCurrentIndex(v.sort_box.findData("status"))
    assert [r.status for r in v.chart.rows][0] == "disappeared"


def test_lock_clears(overview):
    v, backend, _ = overview
    v.refresh(LETTER_DAY)
    settle(backend)
    backend.lock()
    assert v.chart.rows == [] and v.data is None and sum(v.counts.counts.values()) == 0


def _synthetic(n: int, as_of: date) -> OverviewData:
    rows, counts = [], Counter()
    statuses = ("disappeared", "rsdl", "detained", "sentenced", "house_arrest")
    for i in range(n):
        start = date(2008, 1, 1) + timedelta(days=(i * 7919) % 5800)
        st = statuses[i % 5]
        vague = (start, start + timedelta(days=30)) if i % 3 == 0 else (start, start)
        segs = [seg_tuple(st, vague, None)]
        rows.append(
            Row(str(i), f"Person {i}", "某", st, segs, start.toordinal(), {"min": 1, "max": 2})
        )
        counts[st] += 1
    return OverviewData(as_of, rows, counts)


def test_fifty_thousand_rows_paint_only_what_is_visible(overview):
    v, _backend, _ = overview
    v._loaded(_synthetic(50_000, date(2024, 6, 1)))
    chart = v.chart
    visible = chart.visible_range()
    assert len(visible) <= chart.viewport().height() // ROW_H + 2
    bar = chart.verticalScrollBar()
    assert bar.maximum() > 50_000 * ROW_H - chart.viewport().height() - ROW_H
    worst = 0.0
    for k in range(20):
        bar.setValue(k * bar.maximum() // 19)
        t = time.perf_counter()
        chart.viewport().repaint()
        worst = max(worst, time.perf_counter() - t)
    assert chart.visible_range()[-1] == 49_999
    # Painting all 50,000 rows takes seconds; painting the visible ones, milliseconds. The
    # 100 ms goal itself is measured by benchmarks/bench_window.py, not here (noisy CI).
    assert worst < 1.0, f"a repaint took {worst * 1000:.0f} ms: is it painting every row?"


def test_each_row_is_drawn_on_its_own_line(overview):
    """Names and bars land on their rows (a repaint must not drift rows together)."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from dossier.gui.colors import status_color

    v, _backend, _ = overview
    data = _synthetic(40, date(2024, 6, 1))
    v._loaded(data)
    chart = v.chart
    chart.verticalScrollBar().setValue(ROW_H * 3 + 5)  # mid-row scroll offset
    img = QImage(chart.viewport().size(), QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    chart.paint(p, chart.viewport().rect())
    p.end()
    x = int(chart.scale().x(date(2024, 5, 1).toordinal()))  # every bar is solid here
    top = chart.verticalScrollBar().value()
    for i in list(chart.visible_range())[1:-1]:
        y = AXIS_H + i * ROW_H - top + ROW_H // 2
        want = status_color(chart.rows[i].status).name()
        assert img.pixelColor(x, y).name() == want, f"row {i}"


def test_a_superseded_load_stops_at_the_next_chunk(overview, monkeypatch):
    """The as-of day changes while the overview is still reading: the old day's load
    stops after the chunk it is on, and the new day's picture is the one shown."""
    import threading

    from dossier.gui.views import overview as overview_module

    v, backend, ids = overview
    monkeypatch.setattr(overview_module, "CHUNK", 1)  # five chunks for the five demo cases
    d = backend.dossier
    real = d.summaries
    calls: list[date] = []
    started, go = threading.Event(), threading.Event()
    old_day = date(2016, 6, 1)

    def summaries(case_ids=None, as_of=None, **kw):
        calls.append(as_of)
        if as_of == old_day:
            started.set()
            assert go.wait(10), "the test never let the old load go on"
        return real(case_ids, as_of, **kw)

    monkeypatch.setattr(d, "summaries", summaries)
    v.refresh(old_day)
    assert started.wait(10), "the old day's load never started"
    v.refresh(LETTER_DAY)  # supersedes it while it is inside its first chunk
    go.set()
    settle(backend)
    assert calls.count(old_day) == 1, f"the superseded load read {calls.count(old_day)} chunks"
    assert calls.count(LETTER_DAY) == len(ids)
    assert v.data.as_of == LETTER_DAY
    assert v.data.counts == Counter({"detained": 2, "disappeared": 1, "rsdl": 1, "house_arrest": 1})


def test_load_overview_reads_in_chunks(demo, monkeypatch):
    """Chunked reading gives the same rows and counts as one read of every case."""
    from dossier.gui.views import overview as overview_module

    backend, ids = demo
    whole = overview_module.load_overview(backend.dossier, LETTER_DAY)
    monkeypatch.setattr(overview_module, "CHUNK", 2)
    chunked = overview_module.load_overview(backend.dossier, LETTER_DAY)
    assert chunked.counts == whole.counts
    assert sorted((r.id, r.segs, r.first) for r in chunked.rows) == sorted(
        (r.id, r.segs, r.first) for r in whole.rows
    )
    assert {r.id for r in chunked.rows} == set(ids.values())
