"""Status colours shared by the case timeline and the overview, for light and dark.

Why a fixed table: a researcher learns the colours once ("wine is disappeared") and
meets them again in every view and in the briefing; picking them per widget would
drift. The hues come from Paul Tol's "muted" scheme, chosen to stay distinguishable
for the common colour-vision deficiencies; the dark palette lifts their lightness so
they keep their contrast on a dark window without glowing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Order used by legends and counts: the gravest first.
STATUS_ORDER = (
    "disappeared",
    "rsdl",
    "detained",
    "sentenced",
    "house_arrest",
    "released",
    "deceased",
    "unknown",
)

_LIGHT = {
    "disappeared": "#882255",
    "rsdl": "#AA4499",
    "detained": "#CC6677",
    "sentenced": "#332288",
    "house_arrest": "#C9A84C",
    "released": "#44AA99",
    "deceased": "#4D4D4D",
    "unknown": "#B4B4B4",
}
_DARK = {
    "disappeared": "#C45A8C",
    "rsdl": "#C57DBC",
    "detained": "#E0909A",
    "sentenced": "#8A80E0",
    "house_arrest": "#DCC47E",
    "released": "#5CC2AF",
    "deceased": "#A0A0A0",
    "unknown": "#6E6E6E",
}


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window is drawn light-on-dark (system dark mode or a dark palette)."""
    if palette is None:
        app = QGuiApplication.instance()
        if app is not None:
            hints = QGuiApplication.styleHints()
            scheme = getattr(hints, "colorScheme", None)
            if scheme is not None and scheme() == Qt.ColorScheme.Dark:
                return True
            palette = QGuiApplication.palette()
        else:
            return False
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def status_color(status: str, dark: bool = False) -> QColor:
    """The fill colour of a status bar; unknown statuses get the "unknown" grey."""
    table = _DARK if dark else _LIGHT
    return QColor(table.get(status, table["unknown"]))


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on `fill` (WCAG relative luminance)."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(fill.redF()) + 0.7152 * lin(fill.greenF()) + 0.0722 * lin(fill.blueF())
    return QColor("#111111") if lum > 0.36 else QColor("#FFFFFF")


def alert_colors(dark: bool = False) -> tuple[QColor, QColor, QColor]:
    """(background, border, text) of the warning strip: a warm, quiet amber."""
    if dark:
        return QColor("#3A2F17"), QColor("#8A6D2B"), QColor("#F3DFA8")
    return QColor("#FFF6DD"), QColor("#E2C270"), QColor("#5C4310")


def muted_text(palette: QPalette) -> QColor:
    """Secondary text: the window text blended halfway towards the background."""
    fg = palette.color(QPalette.ColorRole.WindowText)
    bg = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (fg.red() * 3 + bg.red() * 2) // 5,
        (fg.green() * 3 + bg.green() * 2) // 5,
        (fg.blue() * 3 + bg.blue() * 2) // 5,
    )


def error_color(dark: bool = False) -> QColor:
    return QColor("#FF8A80") if dark else QColor("#B3261E")
