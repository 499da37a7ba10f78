"""Drawing shared by the case timeline and the overview: a date scale, its axis, and
status bars whose vague ends are drawn as vague.

Both views speak in day ordinals (`date.toordinal()`) so the overview can keep 50,000
cases as plain tuples and paint a visible row without building a single object. A day
`d` covers the pixels [x(d), x(d + 1)): a period that ends on the day the next begins
meets it without a gap or an overlap.

How vagueness looks: where a start (or end) is only known to lie within a range of
days, the bar fades in (or out) across that range and is hatched there, so "some time
in October 2015" never looks like "1 October 2015".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPalette, QPen

from dossier.core.dates import describe, format_day
from dossier.gui.colors import muted_text

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MIN_ORD = date.min.toordinal()
MAX_ORD = date.max.toordinal()

# A compact segment: (status, start earliest, start latest, end earliest | None, end latest | None)
SegTuple = tuple[str, int, int, int | None, int | None]


def seg_tuple(status: str, start: tuple[date, date], end: tuple[date, date] | None) -> SegTuple:
    if end is None:
        return (status, start[0].toordinal(), start[1].toordinal(), None, None)
    return (
        status,
        start[0].toordinal(),
        start[1].toordinal(),
        end[0].toordinal(),
        end[1].toordinal(),
    )


@dataclass
class DateScale:
    """Days ↔ pixels for the visible span [first, last] (ordinals, may be fractional)."""

    first: float
    last: float
    left: float
    width: float

    @property
    def px_per_day(self) -> float:
        return self.width / max(self.last - self.first, 1e-6)

    def x(self, ordinal: float) -> float:
        return self.left + (ordinal - self.first) * self.px_per_day

    def ordinal_at(self, x: float) -> float:
        return self.first + (x - self.left) / self.px_per_day

    def ticks(self, lang: str, min_px: float = 68.0) -> list[tuple[int, str, bool]]:
        """(ordinal, label, major) ticks: years, months or days, spaced ≥ min_px apart."""
        ppd = self.px_per_day
        zh = lang.startswith("zh")
        lo = date.fromordinal(max(MIN_ORD, int(self.first)))
        hi = date.fromordinal(min(MAX_ORD - 1, int(self.last) + 1))
        out: list[tuple[int, str, bool]] = []
        if ppd * 91.3 < min_px:  # even a quarter is too narrow: tick every n years
            year_px = min_px * 0.7  # "2015" / "2015年" are short labels: ticks may sit closer
            step = next(
                (
                    n
                    for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                    if n * 365.25 * ppd >= year_px
                ),
                1000,
            )
            y = lo.year - lo.year % step
            while y <= hi.year:
                if y >= 1:
                    out.append((date(y, 1, 1).toordinal(), f"{y}年" if zh else str(y), True))
                y += step
            return out
        if ppd * 7 < min_px:  # months
            step = next((n for n in (1, 2, 3) if n * 30.4 * ppd >= min_px), 3)
            y, m = lo.year, lo.month
            while (y, m) <= (hi.year, hi.month):
                if (m - 1) % step == 0:
                    major = m == 1
                    label = (
                        (f"{y}年" if zh else str(y))
                        if major
                        else (f"{m}月" if zh else _MONTHS_EN[m - 1])
                    )
                    out.append((date(y, m, 1).toordinal(), label, major))
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return out
        step = 1 if ppd >= min_px else (2 if ppd * 2 >= min_px else 7)
        d = lo
        while d <= hi:
            if (
                d.day == 1
                or (step < 7 and (d.day - 1) % step == 0)
                or (step == 7 and d.day in (8, 15, 22))
            ):
                major = d.day == 1
                label = f"{d.month}月{d.day}日" if zh else f"{d.day} {_MONTHS_EN[d.month - 1]}"
                if major and d.month == 1:
                    label = f"{d.year}年1月1日" if zh else f"1 Jan {d.year}"
                out.append((d.toordinal(), label, major))
            d += timedelta(days=1)
        return out


def paint_grid(
    p: QPainter, scale: DateScale, top: float, bottom: float, palette: QPalette, lang: str
) -> None:
    """Faint vertical lines at the ticks, behind the bars."""
    line = QColor(palette.color(QPalette.ColorRole.WindowText))
    for ordinal, _label, major in scale.ticks(lang):
        x = scale.x(ordinal)
        if x < scale.left - 0.5 or x > scale.left + scale.width + 0.5:
            continue
        line.setAlpha(34 if major else 18)
        p.setPen(QPen(line, 1))
        p.drawLine(QPointF(x, top), QPointF(x, bottom))


def paint_axis(p: QPainter, scale: DateScale, y: float, palette: QPalette, lang: str) -> None:
    """The axis line at `y` with its tick labels under it."""
    fg = muted_text(palette)
    p.setPen(QPen(fg, 1))
    p.drawLine(QPointF(scale.left, y), QPointF(scale.left + scale.width, y))
    fm = p.fontMetrics()
    right = scale.left + scale.width
    last_end = -1e9
    for ordinal, label, major in scale.ticks(lang):
        x = scale.x(ordinal)
        if x < scale.left - 0.5 or x > right + 0.5:
            continue
        p.drawLine(QPointF(x, y), QPointF(x, y + (5 if major else 3)))
        w = fm.horizontalAdvance(label)
        lx = min(max(x - w / 2, scale.left), right - w)
        if lx < last_end + 6:
            continue
        f = p.font()
        f.setBold(major)
        p.setFont(f)
        p.drawText(QPointF(lx, y + 6 + fm.ascent()), label)
        last_end = lx + w
    f = p.font()
    f.setBold(False)
    p.setFont(f)


def paint_segment(
    p: QPainter,
    scale: DateScale,
    seg: SegTuple,
    as_of: int,
    top: float,
    height: float,
    fill: QColor,
    radius: float = 3.0,
) -> QRectF:
    """One status bar, fading and hatched across vague ends; returns its rectangle.

    An open end (None) runs to the end of the as-of day; a start with no known
    beginning (an open interval) fades in from the left edge of the view.
    """
    _status, se, sl, ee, el = seg
    se_x = scale.x(se) if se > MIN_ORD else min(scale.x(sl), scale.left - 24)
    sl_x = scale.x(sl + 1) if sl > se else se_x
    if ee is None or el is None:
        ee_x = el_x = scale.x(as_of + 1)
    else:
        el = min(el, as_of)
        ee = min(ee, el)
        ee_x, el_x = scale.x(ee), scale.x(el + 1) if el > ee else scale.x(ee)
    x1 = max(el_x, se_x + 1.5)
    lo, hi = scale.left - 24, scale.left + scale.width + 24
    if x1 < lo or se_x > hi:
        return QRectF(se_x, top, x1 - se_x, height)
    # Clamp to the view (huge coordinates overflow the raster engine when zoomed in),
    # keeping the colour the unclamped bar would have at the clamp points.
    cx0, cx1 = max(se_x, lo), min(x1, hi)
    rect = QRectF(cx0, top, max(cx1 - cx0, 1.5), height)
    faint_a = 0.18

    def alpha(x: float) -> float:
        if x < sl_x and sl_x > se_x + 0.5:
            return faint_a + (1 - faint_a) * (x - se_x) / (sl_x - se_x)
        if x > ee_x and el_x > ee_x + 0.5:
            return 1 - (1 - faint_a) * (x - ee_x) / (el_x - ee_x)
        return 1.0

    def tone(a: float) -> QColor:
        c = QColor(fill)
        c.setAlphaF(max(0.0, min(1.0, a)))
        return c

    grad = QLinearGradient(cx0, 0, cx1, 0)
    span = max(cx1 - cx0, 1e-6)
    for x in sorted({cx0, cx1, *(v for v in (sl_x, ee_x) if cx0 < v < cx1)}):
        grad.setColorAt((x - cx0) / span, tone(alpha(x)))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    p.drawRoundedRect(rect, radius, radius)
    hatch = QColor(fill).darker(150)
    hatch.setAlpha(150)
    for a, b in ((se_x, sl_x), (ee_x, el_x)):
        a, b = max(a, cx0), min(b, cx1)
        if b - a > 2:
            p.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            p.drawRect(QRectF(a, top, b - a, height))
    return rect


def solid_span(scale: DateScale, seg: SegTuple, as_of: int) -> tuple[float, float]:
    """The x range where the status is certain (for a label inside the bar)."""
    _s, _se, sl, ee, _el = seg
    end = as_of + 1 if ee is None else min(ee, as_of + 1)
    return scale.x(sl + 1 if sl > _se else sl), scale.x(end)


def segment_extent(sc: DateScale, seg: SegTuple, as_of: int) -> tuple[float, float]:
    """The x extent of a segment's bar, vague ends included (for hit testing)."""
    _s, se, sl, ee, el = seg
    x0 = sc.x(se if se > MIN_ORD else sl)
    if ee is None or el is None:
        x1 = sc.x(as_of + 1)
    else:
        x1 = sc.x(min(el, as_of) + (1 if el > ee else 0))
    return x0, x1


def describe_or_raw(text: str, lang: str) -> str:
    """How a stored date reads ("October 2015 (1–31 Oct)"), or the text itself if the
    parser refuses it — a tooltip must never fail on an old bad value."""
    try:
        return describe(text, lang)
    except Exception:  # a stored value the parser refuses: show it as written
        return text


def range_text(first: date, last: date, lang: str) -> str:
    """A day, or the days a vague start/end may be: "between 1 Oct 2015 and 17 Oct 2015"."""
    if first == last:
        return format_day(first, lang)
    if first == date.min:
        return format_day(last, lang) + (" 或之前" if lang.startswith("zh") else " or earlier")
    if lang.startswith("zh"):
        return f"{format_day(first, lang)}至{format_day(last, lang)}之间"
    return f"between {format_day(first, lang)} and {format_day(last, lang)}"
