"""Small flowables that let the packet lay out in ONE pass.

A table of contents and "page N of M" normally need reportlab's `multiBuild`, which
lays the whole packet out twice. Instead the contents page and every footer draw
PDF *form XObjects* by name (`doForm`) that are only defined later, once the page is
known: `CaseStart` defines the contents entry's page number when its case begins,
`PageCountForm` defines the total on the last page. PDF allows the forward
reference; reportlab resolves names at save time.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from dossier.briefing.fonts import FontSet
from dossier.briefing.markup import font_runs

PAGE_COUNT_FORM = "DossierPageCount"


def toc_form_name(index: int) -> str:
    return f"DossierToc{index}"


def draw_label(canv, x: float, y: float, text: str, size: float, fonts: FontSet) -> float:
    """Draw our own label text (not user text) at baseline y; return its width."""
    x0 = x
    for font, run in font_runs(fonts, text):
        canv.setFont(font, size)
        canv.drawString(x, y, run)
        x += stringWidth(run, font, size)
    return x - x0


def define_text_form(
    canv,
    name: str,
    text: str,
    size: float,
    fonts: FontSet,
    align: str = "right",
    gray: float = 0.15,
) -> None:
    """Define form `name` holding label `text`, right- or left-aligned at its origin."""
    runs = font_runs(fonts, text)
    w = sum(stringWidth(t, f, size) for f, t in runs)
    x = -w if align == "right" else 0.0
    canv.beginForm(name, lowerx=x - 2, lowery=-size * 0.4, upperx=x + w + 2, uppery=size * 1.2)
    canv.setFillGray(gray)
    for font, run in runs:
        canv.setFont(font, size)
        canv.drawString(x, 0, run)
        x += stringWidth(run, font, size)
    canv.endForm()


class Anchor(Flowable):
    """Zero-size marker: a bookmark (link target) and optionally an outline entry."""

    def __init__(self, key: str, outline: str | None = None, level: int = 0) -> None:
        super().__init__()
        self.key = key
        self.outline = outline
        self.level = level
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        c = self.canv
        c.bookmarkHorizontal(self.key, 0, 12)
        if self.outline is not None:
            c.addOutlineEntry(self.outline, self.key, level=self.level, closed=True)


class CaseStart(Anchor):
    """Where case `index` begins: bookmark, outline entry, its contents page number,
    the running header's case name, progress and cancellation."""

    def __init__(
        self,
        index: int,
        key: str,
        outline: str,
        header: str,
        on_start: Callable[[int, str], None],
        fonts: FontSet,
    ) -> None:
        super().__init__(key, outline, level=1)
        self.fonts = fonts
        self.index = index
        self.header = header
        self.on_start = on_start

    def draw(self) -> None:
        self.on_start(self.index, self.header)  # may raise DossierError("cancelled")
        super().draw()
        page = self.canv.getPageNumber()
        define_text_form(self.canv, toc_form_name(self.index), f"{page}", 8.5, self.fonts)


class PageCountForm(Flowable):
    """Last flowable of the story: defines the footer's "of N" form on the last page."""

    def __init__(
        self, template: str, size: float, record: Callable[[int], None], fonts: FontSet
    ) -> None:
        super().__init__()
        self.fonts = fonts
        self.template = template
        self.size = size
        self.record = record
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        n = self.canv.getPageNumber()
        self.record(n)
        define_text_form(
            self.canv,
            PAGE_COUNT_FORM,
            self.template.format(n=n),
            self.size,
            self.fonts,
            align="left",
            gray=0.33,
        )


class TocEntry(Flowable):
    """One contents line: the (linked) name, dot leaders, and the page-number form."""

    def __init__(self, para: Paragraph, index: int, key: str) -> None:
        super().__init__()
        self.para = para
        self.index = index
        self.key = key

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        _, h = self.para.wrap(aw - 40, ah)
        self.height = h + 2
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        c = self.canv
        self.para.drawOn(c, 0, 2)
        c.saveState()
        c.setStrokeGray(0.6)
        c.setDash(0.5, 2.5)
        c.setLineWidth(0.6)
        last_line_w = min(
            self.para.getActualLineWidths0()[-1] if self.para.blPara.lines else 0, self.width - 40
        )
        c.line(last_line_w + 4, 4, self.width - 24, 4)
        c.restoreState()
        c.saveState()
        c.translate(self.width, 4)
        c.doForm(toc_form_name(self.index))
        c.restoreState()
        c.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class Linked(Flowable):
    """A flowable that is also an internal link (a /Dest, never a URI) to `key`."""

    def __init__(self, inner: Flowable, key: str) -> None:
        super().__init__()
        self.inner = inner
        self.key = key

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
