"""The drawn timeline of one case: status periods as coloured bars, events as marks.

It paints what `core.timeline.derive` says (`CaseFacts.segments`) on a date axis and
puts every event under it: a diamond for a known day, a hatched capsule across the
possible days of a vague date. Hovering names the event and the date as understood;
the wheel zooms around the pointer, dragging pans, a double-click (or 0) fits the
whole case again. An accessible description says in words what the picture shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from dossier.core.dates import format_day, try_parse_edtf
from dossier.core.facts import CaseFacts
from dossier.core.model import Event
from dossier.core.timeline import STATUS_OF_TYPE
from dossier.core.vocab import EVENT_TYPES, STATUS_TERMS
from dossier.gui.colors import is_dark, muted_text, status_color, text_on
from dossier.gui.views.timeline_paint import (
    MIN_ORD,
    DateScale,
    SegTuple,
    describe_or_raw,
    paint_axis,
    paint_grid,
    paint_segment,
    range_text,
    seg_tuple,
    segment_extent,
    solid_span,
)
from dossier.gui.widgets import term_label, ui_lang

BAND_TOP, BAND_H = 10, 24
LANE_TOP, LANE_H, MAX_LANES = BAND_TOP + BAND_H + 12, 16, 4
AXIS_GAP = 8
SIDE = 14


@dataclass
class _Mark:
    event: Event
    first: int  # ordinals of the earliest and latest possible day
    last: int
    lane: int = 0
    rect: QRectF = field(default_factory=QRectF)


class TimelineWidget(QWidget):
    """A case's periods and events on a zoomable date axis."""

    eventActivated = Signal(str)  # an event id, when its mark is clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Case timeline"))
        self.setToolTip("")
        self._segs: list[SegTuple] = []
        self._seg_src: list = []
        self._marks: list[_Mark] = []
        self._as_of = date.today().toordinal()
        self._view: tuple[float, float] | None = None
        self._fitted = True  # the view is the fitted one, not one the researcher chose
        self._drag: tuple[float, float, float] | None = None
        self._selected: str | None = None
        self._lang = ui_lang()
        self._lanes = 2
        self.setFixedHeight(self._axis_y() + 34)

    # -- data ------------------------------------------------------------------------
    def set_case(self, facts: CaseFacts, events: list[Event], keep_view: bool = False) -> None:
        """Show `facts` (segments, as-of day) and `events`; the view fits the case
        unless `keep_view` and the researcher has zoomed or panned (a refresh of the
        same case keeps their zoom; a fitted view fits again, so the first event of a new
        case, or one added outside the range, comes into view without pressing Fit)."""
        self._lang = ui_lang()
        self._as_of = facts.as_of.toordinal()
        self._seg_src = list(facts.segments)
        self._segs = [
            seg_tuple(
                s.status,
                (s.start.earliest, s.start.latest),
                (s.end.earliest, s.end.latest) if s.end else None,
            )
            for s in facts.segments
        ]
        self._marks = []
        for e in events:
            r = try_parse_edtf(e.date)
            if r is not None:
                first = r.earliest.toordinal()
                self._marks.append(
                    _Mark(e, first, min(r.latest.toordinal(), max(first, self._as_of)))
                )
        self._marks.sort(key=lambda m: (m.first, m.last))
        self.setAccessibleDescription(self.summary_text())
        if keep_view and self._view is not None and not self._fitted:
            self.update()
        else:
            self.zoom_to_fit()

    def clear(self) -> None:
        self._segs, self._seg_src, self._marks = [], [], []
        self._view = None
        self.setAccessibleDescription("")
        self.update()

    def select_event(self, event_id: str | None) -> None:
        self._selected = event_id
        self.update()

    # -- view ------------------------------------------------------------------------
    def domain(self) -> tuple[float, float]:
        """The span that shows the whole case: first known day to the as-of day, padded."""
        starts = [s[1] if s[1] > MIN_ORD else s[2] for s in self._segs] + [
            m.first for m in self._marks
        ]
        ends = [self._as_of] + [m.last for m in self._marks if m.last < self._as_of + 3650]
        if not starts:
            return self._as_of - 365.0, self._as_of + 30.0
        lo, hi = min(starts), max(ends)
        pad = max((hi - lo) * 0.04, 10)
        return lo - pad, hi + pad

    def zoom_to_fit(self) -> None:
        self._view = self.domain()
        self._fitted = True
        self._fit_height()
        self.update()

    def zoom(self, factor: float, around_x: float | None = None) -> None:
        """Zoom by `factor` (> 1 zooms in) keeping the day under `around_x` in place."""
        sc = self._scale()
        cx = around_x if around_x is not None else sc.left + sc.width / 2
        anchor = sc.ordinal_at(cx)
        span = min(max((sc.last - sc.first) / factor, 14.0), 365.25 * 300)
        frac = (cx - sc.left) / sc.width
        self._view = (anchor - frac * span, anchor - frac * span + span)
        self._fitted = False
        self._fit_height()
        self.update()

    def _scale(self) -> DateScale:
        first, last = self._view or self.domain()
        return DateScale(first, last, SIDE, max(self.width() - 2 * SIDE, 10))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, self._axis_y() + 34)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, self._axis_y() + 34)

    def _axis_y(self) -> int:
        return LANE_TOP + self._lanes * LANE_H + AXIS_GAP

    def _fit_height(self) -> None:
        """Grow or shrink to the lanes the marks need at this width (1 to MAX_LANES)."""
        self._layout_marks(self._scale())
        lanes = max([m.lane + 1 for m in self._marks] + [1])
        if lanes != self._lanes:
            self._lanes = lanes
            self.setFixedHeight(self._axis_y() + 34)
            self.updateGeometry()

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._fit_height()

    # -- painting --------------------------------------------------------------------
    def _layout_marks(self, sc: DateScale) -> None:
        """Stack marks into lanes so that none hides another (greedy, by start)."""
        lane_end = [-1e9] * MAX_LANES
        for m in self._marks:
            x0 = sc.x(m.first)
            x1 = sc.x(m.last + 1)
            if m.first == m.last:
                x0, x1 = (x0 + x1) / 2 - 5, (x0 + x1) / 2 + 5
            else:
                x1 = max(x1, x0 + 8)
            lane = next((i for i in range(MAX_LANES) if lane_end[i] < x0 - 2), None)
            if lane is None:
                lane = min(range(MAX_LANES), key=lambda i: lane_end[i])
            lane_end[lane] = max(lane_end[lane], x1)
            m.lane = lane
            m.rect = QRectF(x0, LANE_TOP + lane * LANE_H + 3, x1 - x0, LANE_H - 6)

    def paintEvent(self, _ev) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        dark = is_dark(pal)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        sc = self._scale()
        axis_y = self._axis_y()
        paint_grid(p, sc, BAND_TOP - 4, axis_y, pal, self._lang)
        if not self._segs and not self._marks:
            p.setPen(muted_text(pal))
            p.drawText(
                self.rect().adjusted(0, 0, 0, -30),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No dated events yet"),
            )
        for seg in self._segs:
            fill = status_color(seg[0], dark)
            paint_segment(p, sc, seg, self._as_of, BAND_TOP, BAND_H, fill)
            self._label_segment(p, sc, seg, fill)
        self._paint_as_of(p, sc, axis_y, pal)
        self._layout_marks(sc)
        for m in self._marks:
            self._paint_mark(p, m, dark, pal)
        paint_axis(p, sc, axis_y, pal, self._lang)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _label_segment(self, p: QPainter, sc: DateScale, seg: SegTuple, fill: QColor) -> None:
        x0, x1 = solid_span(sc, seg, self._as_of)
        x0, x1 = max(x0, sc.left), min(x1, sc.left + sc.width)
        label = term_label(STATUS_TERMS, seg[0], self._lang)
        fm = p.fontMetrics()
        if x1 - x0 < fm.horizontalAdvance(label) + 12:
            return
        p.setPen(text_on(fill))
        p.drawText(
            QRectF(x0 + 6, BAND_TOP, x1 - x0 - 12, BAND_H),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            label,
        )

    def _paint_as_of(self, p: QPainter, sc: DateScale, axis_y: int, pal: QPalette) -> None:
        x = sc.x(self._as_of + 1)
        if not sc.left <= x <= sc.left + sc.width + 1:
            return
        pen = QPen(pal.color(QPalette.ColorRole.Highlight), 1.2, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(x, 2), QPointF(x, axis_y))

    def _paint_mark(self, p: QPainter, m: _Mark, dark: bool, pal: QPalette) -> None:
        status = STATUS_OF_TYPE.get(m.event.type)
        color = status_color(status, dark) if status else muted_text(pal)
        r = m.rect
        selected = m.event.id == self._selected
        outline = QPen(pal.color(QPalette.ColorRole.Base), 1.2)
        if m.first == m.last:
            c = r.center()
            path = QPainterPath()
            path.moveTo(c.x(), r.top() - 1)
            path.lineTo(r.right(), c.y())
            path.lineTo(c.x(), r.bottom() + 1)
            path.lineTo(r.left(), c.y())
            path.closeSubpath()
            p.setPen(outline)
            p.setBrush(color)
            p.drawPath(path)
        else:
            soft = QColor(color)
            soft.setAlpha(70)
            p.setPen(QPen(color, 1))
            p.setBrush(soft)
            p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
            hatch = QColor(color)
            hatch.setAlpha(140)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        if selected:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r.adjusted(-3, -3, 3, 3), 4, 4)

    # -- hover, click, zoom ----------------------------------------------------------------
    def mark_at(self, pos: QPointF) -> Event | None:
        self._layout_marks(self._scale())
        hits = [m for m in self._marks if m.rect.adjusted(-3, -3, 3, 3).contains(pos)]
        if not hits:
            return None
        return min(hits, key=lambda m: abs(m.rect.center().x() - pos.x())).event

    def hover_text_at(self, pos: QPointF) -> str:
        """What the tooltip says at `pos`: the event there, else the period there."""
        ev = self.mark_at(pos)
        if ev is not None:
            return self.event_text(ev)
        if BAND_TOP <= pos.y() <= BAND_TOP + BAND_H:
            sc = self._scale()
            for seg, src in zip(self._segs, self._seg_src, strict=True):
                r = segment_extent(sc, seg, self._as_of)
                if r[0] <= pos.x() <= r[1]:
                    return self.segment_text(src)
        return ""

    def event_text(self, ev: Event) -> str:
        lang = self._lang
        lines = [term_label(EVENT_TYPES, ev.type, lang)]
        when = describe_or_raw(ev.date, lang)
        if ev.end:
            when = self.tr("{start} – until {end}").format(
                start=when, end=describe_or_raw(ev.end, lang)
            )
        lines.append(when)
        if ev.place:
            lines.append(ev.place)
        if ev.note:
            lines.append(ev.note)
        return "\n".join(lines)

    def segment_text(self, seg) -> str:
        lang = self._lang
        label = term_label(STATUS_TERMS, seg.status, lang)
        start = range_text(seg.start.earliest, seg.start.latest, lang)
        if seg.end is None:
            return self.tr("{status} since {start} (as of {day})").format(
                status=label, start=start, day=format_day(date.fromordinal(self._as_of), lang)
            )
        end = range_text(seg.end.earliest, seg.end.latest, lang)
        return self.tr("{status} from {start} to {end}").format(status=label, start=start, end=end)

    def summary_text(self) -> str:
        """The picture in words, for screen readers and the accessible description."""
        parts = [self.segment_text(s) for s in self._seg_src]
        parts.append(self.tr("{n} dated events").format(n=len(self._marks)))
        return "; ".join(parts)

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Case timeline"))
            self._lang = ui_lang()
        if ev.type() == QEvent.Type.ToolTip:
            he: QHelpEvent = ev  # type: ignore[assignment]
            text = self.hover_text_at(QPointF(he.pos()))
            if text:
                QToolTip.showText(he.globalPos(), text, self)
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().event(ev)

    def mousePressEvent(self, ev: QMouseEvent) -> None:  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            hit = self.mark_at(ev.position())
            if hit is not None:
                self.select_event(hit.id)
                self.eventActivated.emit(hit.id)
                return
            first, last = self._view or self.domain()
            self._drag = (ev.position().x(), first, last)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:  # noqa: N802
        if self._drag is not None:
            x0, first, last = self._drag
            shift = (ev.position().x() - x0) / self._scale().px_per_day
            self._view = (first - shift, last - shift)
            self._fitted = False
            self.update()

    def mouseReleaseEvent(self, _ev: QMouseEvent) -> None:  # noqa: N802
        self._drag = None
        self.unsetCursor()

    def mouseDoubleClickEvent(self, _ev: QMouseEvent) -> None:  # noqa: N802
        self.zoom_to_fit()

    def wheelEvent(self, ev: QWheelEvent) -> None:  # noqa: N802
        steps = ev.angleDelta().y() / 120
        if steps:
            self.zoom(1.25**steps, ev.position().x())
        ev.accept()

    def keyPressEvent(self, ev) -> None:  # noqa: N802
        key = ev.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key == Qt.Key.Key_0:
            self.zoom_to_fit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            first, last = self._view or self.domain()
            shift = (last - first) * 0.1 * (-1 if key == Qt.Key.Key_Left else 1)
            self._view = (first + shift, last + shift)
            self._fitted = False
            self.update()
        else:
            super().keyPressEvent(ev)
