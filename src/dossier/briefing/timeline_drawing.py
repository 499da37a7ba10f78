"""A case's timeline drawn as coloured status bars on a date axis.

Each `Segment` from `core.timeline.derive` is a bar in its status's colour; where its
start or end is known only as a range of days, that range is drawn as a fade, so the
drawing never shows more precision than the record holds. Events are marks below the
bars (a bracket over the days a vague date may mean). A dashed line marks the as-of
day; ongoing statuses run up to it with an arrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from dossier.briefing import labels
from dossier.briefing.fonts import FontSet
from dossier.briefing.markup import font_runs
from dossier.core.facts import DayRange, Segment
from dossier.core.vocab import STATUS_TERMS

STATUS_COLOURS = {
    "disappeared": colors.HexColor("#7B2D8E"),
    "rsdl": colors.HexColor("#D1495B"),
    "detained": colors.HexColor("#E59A1E"),
    "sentenced": colors.HexColor("#00798C"),
    "house_arrest": colors.HexColor("#30638E"),
    "released": colors.HexColor("#7FA86F"),
    "deceased": colors.HexColor("#333333"),
    "unknown": colors.HexColor("#999999"),
}
_INK = colors.HexColor("#333333")
_FADE_STEPS = 12
_MIN_SPAN_DAYS = 60
_FIRST_DAY = date(1000, 1, 1)  # earlier days stand for an open EDTF start
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Mark:
    """An event to mark on the axis: its day range and the status it sets, if any."""

    when: DayRange
    status: str | None = None


def _blend(c: colors.Color, t: float) -> colors.Color:
    """`c` faded toward white by 1 - t (t=1: full colour)."""
    return colors.Color(1 - (1 - c.red) * t, 1 - (1 - c.green) * t, 1 - (1 - c.blue) * t)


class TimelineDrawing(Flowable):
    """The drawn timeline of one case; fixed height, full frame width."""

    BAR_H = 14.0
    HEIGHT = 74.0

    def __init__(
        self, segments: list[Segment], marks: list[Mark], as_of: date, lang: str, fonts: FontSet
    ) -> None:
        super().__init__()
        self.segments = segments
        self.marks = marks
        self.as_of = as_of
        self.lang = lang
        self.fonts = fonts
        self.width = 0.0
        self.height = self.HEIGHT
        self.lo, self.hi = self._domain()

    # -- geometry ---------------------------------------------------------------------

    def _domain(self) -> tuple[date, date]:
        days: list[date] = [self.as_of]
        for s in self.segments:
            days += [s.start.earliest, s.start.latest]
            if s.end:
                days += [s.end.earliest, s.end.latest]
        for m in self.marks:
            days += [m.when.earliest, m.when.latest]
        finite = [d for d in days if _FIRST_DAY < d <= self.as_of]
        lo = min(finite) if finite else self.as_of
        span = max((self.as_of - lo).days, _MIN_SPAN_DAYS)
        pad = timedelta(days=max(span // 40, 3))
        lo = self.as_of - timedelta(days=span) - pad
        return lo, self.as_of + pad

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.height

    def _x(self, d: date) -> float:
        d = min(max(d, self.lo), self.hi)
        return (d - self.lo).days / max((self.hi - self.lo).days, 1) * self.width

    # -- text -------------------------------------------------------------------------

    def _text_width(self, text: str, size: float) -> float:
        return sum(stringWidth(t, f, size) for f, t in font_runs(self.fonts, text))

    def _text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        anchor: str = "left",
        fill: colors.Color = _INK,
    ) -> float:
        c = self.canv
        w = self._text_width(text, size)
        if anchor == "right":
            x -= w
        elif anchor == "center":
            x -= w / 2
        c.setFillColor(fill)
        for font, run in font_runs(self.fonts, text):
            c.setFont(font, size)
            c.drawString(x, y, run)
            x += stringWidth(run, font, size)
        return w

    # -- drawing ----------------------------------------------------------------------

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        bar_y = 40.0
        self._axis(axis_y=26.0)
        segs = self.segments
        for i, seg in enumerate(segs):
            prev = segs[i - 1] if i else None
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            joined_before = prev is not None and prev.end == seg.start
            joined_after = nxt is not None and seg.end == nxt.start
            self._bar(
                seg,
                bar_y,
                fade_in=not joined_before,
                into=STATUS_COLOURS.get(nxt.status) if joined_after and nxt else None,
            )
        self._marks(mark_y=30.0)
        x = self._x(self.as_of)
        c.setStrokeColor(_INK)
        c.setDash(2, 2)
        c.setLineWidth(0.6)
        c.line(x, 22, x, bar_y + self.BAR_H + 6)
        c.setDash()
        as_of = f"{labels.text('as_of', self.lang)} {labels.format_day(self.as_of, self.lang)}"
        self._text(x, bar_y + self.BAR_H + 9, as_of, 6.5, anchor="right")
        self._legend(y=2.0)
        c.restoreState()

    def _fade(
        self,
        x0: float,
        x1: float,
        y: float,
        colour: colors.Color,
        rising: bool,
        into: colors.Color | None = None,
    ) -> None:
        """A vague range: from white into `colour` (rising), from `colour` to white, or
        from `colour` into the next status's colour `into` (the change happened
        somewhere in the range)."""
        c = self.canv
        step = (x1 - x0) / _FADE_STEPS
        for i in range(_FADE_STEPS):
            t = (i + 0.5) / _FADE_STEPS
            if into is not None:
                c.setFillColor(colors.linearlyInterpolatedColor(colour, into, 0, 1, t))
            else:
                c.setFillColor(_blend(colour, t if rising else 1 - t))
            c.rect(x0 + i * step, y, step + 0.05, self.BAR_H, stroke=0, fill=1)

    def _bar(
        self, seg: Segment, y: float, fade_in: bool = True, into: colors.Color | None = None
    ) -> None:
        c = self.canv
        colour = STATUS_COLOURS.get(seg.status, STATUS_COLOURS["unknown"])
        s0, s1 = seg.start.earliest, seg.start.latest
        if seg.end is not None:
            e0, e1 = seg.end.earliest, min(seg.end.latest, self.as_of)
        else:
            e0 = e1 = self.as_of
        xs0, xs1, xe0, xe1 = (self._x(d) for d in (s0, min(s1, e0), max(e0, s1), e1))
        if xs1 > xs0 and fade_in:
            self._fade(xs0, xs1, y, colour, rising=True)
        c.setFillColor(colour)
        if xe0 > xs1:
            c.rect(xs1, y, xe0 - xs1, self.BAR_H, stroke=0, fill=1)
        if xe1 > xe0:
            self._fade(xe0, xe1, y, colour, rising=False, into=into)
        if seg.end is None:  # ongoing: an arrow past the as-of day
            c.setFillColor(colour)
            p = c.beginPath()
            p.moveTo(xe1, y - 2)
            p.lineTo(xe1 + 5, y + self.BAR_H / 2)
            p.lineTo(xe1, y + self.BAR_H + 2)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        label = (
            STATUS_TERMS[seg.status].label(self.lang) if seg.status in STATUS_TERMS else seg.status
        )
        room = xe0 - xs1
        if room > self._text_width(label, 6.5) + 4:
            self._text(xs1 + 2, y + 4.5, label, 6.5, fill=colors.white)

    def _marks(self, mark_y: float) -> None:
        c = self.canv
        c.setLineWidth(0.6)
        for m in self.marks:
            if m.when.earliest > self.as_of:
                continue
            colour = STATUS_COLOURS.get(m.status or "", _INK)
            x0, x1 = self._x(m.when.earliest), self._x(min(m.when.latest, self.as_of))
            c.setStrokeColor(colour)
            c.setFillColor(colour)
            if x1 - x0 > 1:
                c.line(x0, mark_y + 1.5, x1, mark_y + 1.5)
                c.line(x0, mark_y, x0, mark_y + 3)
                c.line(x1, mark_y, x1, mark_y + 3)
            xm = (x0 + x1) / 2
            p = c.beginPath()
            p.moveTo(xm - 2.5, mark_y + 3)
            p.lineTo(xm + 2.5, mark_y + 3)
            p.lineTo(xm, mark_y + 7)
            p.close()
            c.drawPath(p, stroke=0, fill=1)

    def _ticks(self) -> list[tuple[date, str]]:
        span_days = (self.hi - self.lo).days
        zh = labels.is_zh(self.lang)
        if span_days > 3 * 365:
            years = span_days / 365.25
            step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= 9), 200)
            first = (self.lo.year // step + 1) * step
            return [
                (date(y, 1, 1), f"{y}年" if zh else str(y))
                for y in range(first, self.hi.year + 1, step)
            ]
        months = span_days / 30.4
        step = next((s for s in (1, 2, 3, 6, 12) if months / s <= 8), 12)
        out = []
        y, m = self.lo.year, self.lo.month
        while True:
            m += 1
            if m > 12:
                y, m = y + 1, 1
            d = date(y, m, 1)
            if d > self.hi:
                return out
            if (m - 1) % step == 0:
                out.append((d, f"{y}年{m}月" if zh else f"{_MONTHS[m - 1]} {y}"))

    def _axis(self, axis_y: float) -> None:
        c = self.canv
        c.setStrokeColor(_INK)
        c.setLineWidth(0.5)
        c.line(0, axis_y, self.width, axis_y)
        for d, label in self._ticks():
            x = self._x(d)
            c.line(x, axis_y - 3, x, axis_y)
            self._text(x, axis_y - 10, label, 6.5, anchor="center")

    def _legend(self, y: float) -> None:
        c = self.canv
        x = 0.0
        seen: list[str] = []
        for s in self.segments:
            if s.status not in seen:
                seen.append(s.status)
        for status in seen:
            c.setFillColor(STATUS_COLOURS.get(status, STATUS_COLOURS["unknown"]))
            c.rect(x, y, 8, 6, stroke=0, fill=1)
            name = STATUS_TERMS[status].label(self.lang) if status in STATUS_TERMS else status
            x += 10 + self._text(x + 10, y + 0.5, name, 6.5) + 8
        grey = STATUS_COLOURS["unknown"]
        step = 12 / _FADE_STEPS
        for i in range(_FADE_STEPS):
            c.setFillColor(_blend(grey, (i + 0.5) / _FADE_STEPS))
            c.rect(x + i * step, y, step + 0.05, 6, stroke=0, fill=1)
        x += 14 + self._text(x + 14, y + 0.5, labels.text("vague", self.lang), 6.5) + 8
        c.setFillColor(_INK)
        p = c.beginPath()
        p.moveTo(x, y)
        p.lineTo(x + 5, y)
        p.lineTo(x + 2.5, y + 4)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        self._text(x + 8, y + 0.5, labels.text("event_mark", self.lang), 6.5)
