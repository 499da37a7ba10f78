"""All cases on one timeline, and how many stand where: the picture for a meeting.

One row per case, custody periods as coloured bars on a shared date axis, the counts
by status beside it (which doubles as the legend). The chart paints only the rows in
view from plain tuples prepared on the worker, so 50,000 cases scroll as smoothly as
fifty.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from dossier.core.dates import format_day
from dossier.core.facts import DaysRange
from dossier.core.vocab import STATUS_TERMS
from dossier.gui.backend import Job
from dossier.gui.colors import STATUS_ORDER, is_dark, muted_text, status_color
from dossier.gui.views.timeline_paint import (
    MIN_ORD,
    DateScale,
    SegTuple,
    paint_axis,
    paint_grid,
    paint_segment,
    seg_tuple,
)
from dossier.gui.widgets import days_text, term_label, ui_lang

ROW_H = 22
AXIS_H = 30
NAME_W = 230  # the names column at most; less in a narrow window (see name_w)
MIN_NAME_W = 140


@dataclass
class Row:
    id: str
    name: str
    native: str
    status: str
    segs: list[SegTuple]
    first: int  # first custody day (ordinal), or a large number when none
    days: DaysRange | None  # days in custody


@dataclass
class OverviewData:
    as_of: date
    rows: list[Row] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


CHUNK = 2000  # cases per read: a superseded load stops between two of them


def load_overview(d, as_of: date, *, job: Job | None = None) -> OverviewData:
    """Runs on the worker: every case's segments as compact tuples, and the counts.

    The chart needs every case's status segments (its default order is by the first
    day in custody), which the list's rows leave out, so this reads `Dossier.chart_rows`
    (typed facts plus segments) — a chunk of cases at a time, with `job.check()`
    between chunks: when the as-of day changes again (or the dossier is locked), the
    superseded load stops at the next chunk instead of deriving 50,000 cases for a day
    nobody looks at any more.
    """
    out = OverviewData(as_of)
    check = job.check if job is not None else None
    for r in d.chart_rows(as_of, check=check, chunk=CHUNK):
        segs = [
            seg_tuple(
                g.status,
                (g.start.earliest, g.start.latest),
                (g.end.earliest, g.end.latest) if g.end else None,
            )
            for g in r.segments
        ]
        starts = [g[1] if g[1] > MIN_ORD else g[2] for g in segs if g[0] != "released"]
        out.rows.append(
            Row(
                r.id,
                r.name,
                r.native_name or "",
                r.status,
                segs,
                min(starts) if starts else 10**9,
                r.facts.days_in_custody,
            )
        )
        out.counts[r.status] += 1
    return out


class GanttChart(QAbstractScrollArea):
    """The rows: a name column and the bars, over a date axis pinned at the top."""

    caseActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.as_of = date.today().toordinal()
        self.span = (self.as_of - 3650.0, self.as_of + 60.0)
        self._hover = -1
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def retranslate(self) -> None:
        """Its own strings, under its own context (lupdate reads `self.tr` per class)."""
        self.setAccessibleName(self.tr("Custody periods of all cases"))
        self.viewport().update()

    def set_rows(self, rows: list[Row], as_of: date) -> None:
        self.rows = rows
        self.as_of = as_of.toordinal()
        firsts = sorted(r.first for r in rows if r.first < 10**9)
        if firsts:
            lo = firsts[
                len(firsts) // 100
            ]  # ignore the oldest 1% so one outlier does not squash all
            pad = max((self.as_of - lo) * 0.03, 15)
            self.span = (lo - pad, self.as_of + pad)
        else:
            self.span = (self.as_of - 3650.0, self.as_of + 60.0)
        self._update_scroll()
        self.viewport().update()

    def _update_scroll(self) -> None:
        visible = max(self.viewport().height() - AXIS_H, 1)
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, len(self.rows) * ROW_H - visible))
        bar.setPageStep(visible)
        bar.setSingleStep(ROW_H)

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._update_scroll()

    def scrollContentsBy(self, _dx: int, _dy: int) -> None:  # noqa: N802
        self.viewport().update()

    def name_w(self) -> int:
        """The names column: NAME_W in a wide window, down to MIN_NAME_W so the time axis
        keeps at least ~60% of a narrow one (it was ~200 px with a single tick)."""
        return int(min(NAME_W, max(MIN_NAME_W, self.viewport().width() * 0.3)))

    def scale(self) -> DateScale:
        w, nw = self.viewport().width(), self.name_w()
        return DateScale(
            self.span[0], self.span[1], nw + 8, max(w - nw - 34, 10)
        )  # room for "2018年"

    def row_at(self, y: float) -> int:
        if y < AXIS_H:
            return -1
        i = int((y - AXIS_H + self.verticalScrollBar().value()) // ROW_H)
        return i if 0 <= i < len(self.rows) else -1

    def visible_range(self) -> range:
        top = self.verticalScrollBar().value()
        first = top // ROW_H
        count = (self.viewport().height() - AXIS_H) // ROW_H + 2
        return range(first, min(first + count, len(self.rows)))

    def paintEvent(self, _ev) -> None:  # noqa: N802
        p = QPainter(self.viewport())
        self.paint(p, self.viewport().rect())
        p.end()

    def paint(self, p: QPainter, vp) -> None:
        """Paint the rows in view (and the pinned axis) into `vp` of painter `p`."""
        pal = self.palette()
        dark = is_dark(pal)
        p.fillRect(vp, pal.color(QPalette.ColorRole.Base))
        sc = self.scale()
        name_w = self.name_w()
        lang = ui_lang()
        paint_grid(p, sc, AXIS_H, vp.height(), pal, lang)
        top = self.verticalScrollBar().value()
        fm = p.fontMetrics()
        muted = muted_text(pal)
        stripe = QColor(pal.color(QPalette.ColorRole.AlternateBase))
        stripe.setAlpha(110)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i in self.visible_range():
            r = self.rows[i]
            y = AXIS_H + i * ROW_H - top
            if i % 2:
                p.fillRect(QRectF(0, y, vp.width(), ROW_H), stripe)
            if i == self._hover:
                hl = QColor(pal.color(QPalette.ColorRole.Highlight))
                hl.setAlpha(40)
                p.fillRect(QRectF(0, y, vp.width(), ROW_H), hl)
            p.setPen(pal.color(QPalette.ColorRole.Text))
            name = fm.elidedText(r.name, Qt.TextElideMode.ElideRight, name_w - 16)
            p.drawText(QRectF(10, y, name_w - 10, ROW_H), Qt.AlignmentFlag.AlignVCenter, name)
            if r.native:
                nx = 10 + fm.horizontalAdvance(name) + 8
                if nx < name_w - 24:
                    p.setPen(muted)
                    native = fm.elidedText(r.native, Qt.TextElideMode.ElideRight, name_w - nx - 6)
                    p.drawText(
                        QRectF(nx, y, name_w - nx, ROW_H), Qt.AlignmentFlag.AlignVCenter, native
                    )
            for seg in r.segs:  # freedom is a thin line, so custody stands out
                bar_y, h = (
                    (y + ROW_H / 2 - 2, 4.0) if seg[0] == "released" else (y + 4, ROW_H - 8.0)
                )
                paint_segment(p, sc, seg, self.as_of, bar_y, h, status_color(seg[0], dark), 2.0)
        p.fillRect(QRectF(0, 0, vp.width(), AXIS_H), pal.color(QPalette.ColorRole.Base))
        paint_axis(p, sc, AXIS_H - 22, pal, lang)  # labels below the line would hit the rows
        x = sc.x(self.as_of + 1)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, AXIS_H - 22), QPointF(x, vp.height()))
        p.setPen(QPen(muted, 1))
        p.drawLine(QPointF(name_w, 0), QPointF(name_w, vp.height()))
        if not self.rows:
            p.drawText(QRectF(vp), Qt.AlignmentFlag.AlignCenter, self.tr("No cases to show"))

    def hover_text(self, pos: QPointF) -> str:
        i = self.row_at(pos.y())
        if i < 0:
            return ""
        r = self.rows[i]
        lang = ui_lang()
        lines = [
            r.name + (f"  {r.native}" if r.native else ""),
            term_label(STATUS_TERMS, r.status, lang),
        ]
        if r.days:
            lines.append(self.tr("In custody: {days}").format(days=days_text(r.days)))
        if r.first < 10**9:
            lines.append(
                self.tr("Custody since {day}").format(
                    day=format_day(date.fromordinal(r.first), lang)
                )
            )
        return "\n".join(lines)

    def viewportEvent(self, ev: QEvent) -> bool:  # noqa: N802
        if ev.type() == QEvent.Type.ToolTip:
            he: QHelpEvent = ev  # type: ignore[assignment]
            text = self.hover_text(QPointF(he.pos()))
            if text:
                QToolTip.showText(he.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        if ev.type() == QEvent.Type.MouseMove:
            me: QMouseEvent = ev  # type: ignore[assignment]
            i = self.row_at(me.position().y())
            if i != self._hover:
                self._hover = i
                self.viewport().update()
        elif ev.type() == QEvent.Type.Leave:
            self._hover = -1
            self.viewport().update()
        elif ev.type() == QEvent.Type.MouseButtonDblClick:
            me = ev  # type: ignore[assignment]
            i = self.row_at(me.position().y())
            if i >= 0:
                self.caseActivated.emit(self.rows[i].id)
                return True
        return super().viewportEvent(ev)


class StatusCounts(QWidget):
    """How many cases stand where, as bars — and the colour legend of the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: Counter = Counter()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.retranslate()

    def retranslate(self) -> None:
        """Its own strings, under its own context (lupdate reads `self.tr` per class)."""
        self.setAccessibleName(self.tr("Cases by status"))
        self.set_counts(self.counts)

    def set_counts(self, counts: Counter) -> None:
        self.counts = Counter(counts)
        lang = ui_lang()
        self.setAccessibleDescription(
            "; ".join(
                self.tr("{status}: {n}").format(
                    status=term_label(STATUS_TERMS, s, lang), n=self.counts.get(s, 0)
                )
                for s in self._order()
            )
        )
        self.updateGeometry()
        self.update()

    def total_text(self) -> str:
        """ "1 case" / "12,345 cases": %Ln is the count with the locale's digit grouping."""
        total = sum(self.counts.values())
        return self.tr("1 case") if total == 1 else self.tr("%Ln cases", "", total)

    def _order(self) -> list[str]:
        return list(STATUS_ORDER) + sorted(s for s in self.counts if s not in STATUS_ORDER)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, 34 + 26 * len(self._order()))

    def paintEvent(self, _ev) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        dark = is_dark(pal)
        fm = p.fontMetrics()
        lang = ui_lang()
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        f = p.font()
        f.setBold(True)
        p.setFont(f)
        p.drawText(QRectF(0, 0, self.width(), 24), Qt.AlignmentFlag.AlignVCenter, self.total_text())
        f.setBold(False)
        p.setFont(f)
        most = max(self.counts.values(), default=0) or 1
        label_w = (
            max(fm.horizontalAdvance(term_label(STATUS_TERMS, s, lang)) for s in self._order()) + 26
        )
        num_w = fm.horizontalAdvance(f"{most:,}") + 8
        bar_w = max(self.width() - label_w - num_w - 4, 20)
        for i, s in enumerate(self._order()):
            y = 32 + i * 26
            n = self.counts.get(s, 0)
            color = status_color(s, dark)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(0, y + 6, 12, 12), 3, 3)
            p.setPen(pal.color(QPalette.ColorRole.WindowText) if n else muted_text(pal))
            p.drawText(
                QRectF(20, y, label_w, 24),
                Qt.AlignmentFlag.AlignVCenter,
                term_label(STATUS_TERMS, s, lang),
            )
            p.drawText(
                QRectF(label_w, y, num_w - 6, 24),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{n:,}",
            )
            if n:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(
                    QRectF(label_w + num_w, y + 5, max(bar_w * n / most, 2), 14), 2, 2
                )
        p.end()


class OverviewView(QWidget):
    """The overview G1 embeds: refresh(as_of) loads on the worker, clear() forgets."""

    caseActivated = Signal(str)

    def __init__(self, backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.as_of: date | None = None
        self.data: OverviewData | None = None
        self.title = QLabel(self)
        tf = self.title.font()
        tf.setPointSizeF(tf.pointSizeF() * 1.3)
        tf.setBold(True)
        self.title.setFont(tf)
        self.sort_box = QComboBox(self)
        for key in ("first", "status", "name"):
            self.sort_box.addItem("", key)
        self.sort_box.currentIndexChanged.connect(lambda _i: self._apply())
        self.chart = GanttChart(self)
        self.chart.caseActivated.connect(self.caseActivated)
        self.counts = StatusCounts(self)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        self.order_label = QLabel(self)
        head.addWidget(self.order_label)
        head.addWidget(self.sort_box)
        self.counts.setMaximumWidth(240)  # the chart, not the legend, gets the width
        side = QVBoxLayout()
        side.addWidget(self.counts)
        self.hint = hint = QLabel(self)
        hint.setWordWrap(True)
        hint.setMaximumWidth(240)
        hint.setStyleSheet(f"color: {muted_text(self.palette()).name()};")
        side.addWidget(hint)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.chart, 1)
        body.addSpacing(16)
        body.addLayout(side)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 12, 14, 12)
        lay.addLayout(head)
        lay.addLayout(body, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(lambda: self.refresh(self.as_of) if self.as_of else None)
        backend.changed.connect(
            lambda ch: (
                self._timer.start() if ch.case_list and self.as_of and self.isVisible() else None
            )
        )
        backend.locked.connect(self.clear)
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        self.sort_box.setAccessibleName(self.tr("Order of the rows"))
        for i, text in enumerate(
            (self.tr("By start of custody"), self.tr("By status"), self.tr("By name"))
        ):
            self.sort_box.setItemText(i, text)
        self.order_label.setText(self.tr("&Order:"))
        self.order_label.setBuddy(self.sort_box)
        self.hint.setText(self.tr("Double-click a row to open the case. Hover for details."))
        self.chart.retranslate()
        self.counts.retranslate()
        if self._title_day is not None:
            self.title.setText(
                self.tr("All cases as of {day}").format(day=format_day(self._title_day, ui_lang()))
            )
        else:
            self.title.setText(self.tr("All cases"))

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    def refresh(self, as_of: date) -> None:
        """Load every case's periods as of `as_of` (on the worker) and redraw."""
        self.as_of = as_of
        self._title_day = as_of
        self.retranslate()
        if not self.backend.is_open:
            return
        self.backend.run(
            load_overview,
            as_of,
            on_done=self._loaded,
            context=self,
            key=f"overview-{id(self)}",
            with_job=True,
        )

    def clear(self) -> None:
        self.data = None
        self._title_day: date | None = None
        self.chart.set_rows([], self.as_of or date.today())
        self.counts.set_counts(Counter())
        self.title.setText(self.tr("All cases"))

    def _loaded(self, data: OverviewData) -> None:
        self.data = data
        self.counts.set_counts(data.counts)
        self._apply()

    def _apply(self) -> None:
        if self.data is None:
            return
        key = self.sort_box.currentData()
        rows = list(self.data.rows)
        rank = {s: i for i, s in enumerate(STATUS_ORDER)}
        if key == "first":
            rows.sort(key=lambda r: (r.first, r.name))
        elif key == "status":
            rows.sort(key=lambda r: (rank.get(r.status, 99), r.first, r.name))
        else:
            rows.sort(key=lambda r: (r.name.casefold(), r.id))
        self.chart.set_rows(rows, self.data.as_of)
