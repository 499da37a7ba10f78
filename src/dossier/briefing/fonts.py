"""The fonts the briefing packet prints with, and which one covers which character.

reportlab silently drops a character its current font lacks, so a name in Tibetan or
Uyghur would vanish from a packet without a word. Dossier therefore ships its own
TrueType-outline fonts (reportlab embeds `glyf` fonts only, not CFF or variable ones)
and picks, character by character, the first font of a fixed fallback chain that has
the glyph (`FontSet.font_for`). The files live in `resources/fonts/`, found from a
checkout, a PyInstaller bundle or an installed copy (`resources_dir`).
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from dossier.core.errors import DossierError

# Registered reportlab font names. Regular and bold share coverage where a script has
# no bold face (the regular face then prints bold text too).
LATIN = "DossierSans"
LATIN_BOLD = "DossierSans-Bold"
CJK = "DossierCJK"
TIBETAN = "DossierTibetan"
ARABIC = "DossierNaskh"
ARABIC_BOLD = "DossierNaskh-Bold"
SYMBOLS = "DossierSymbols"

# name -> file in resources/fonts (see resources/fonts/README.md for sources/licences)
FONT_FILES: dict[str, str] = {
    LATIN: "NotoSans-Regular.ttf",
    LATIN_BOLD: "NotoSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    TIBETAN: "NotoSerifTibetan-Regular.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    SYMBOLS: "DejaVuSans.ttf",
}

# Fonts whose scripts need OpenType shaping (Tibetan stacks, Arabic joining).
COMPLEX_FONTS = frozenset({TIBETAN, ARABIC, ARABIC_BOLD})

_BOLD_OF = {LATIN: LATIN_BOLD, ARABIC: ARABIC_BOLD}

# Script ranges that pick their own font first; everything else tries Latin first.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0F00, 0x0FFF, TIBETAN),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x08A0, 0x08FF, ARABIC),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0x1100, 0x11FF, CJK),  # Hangul Jamo
    (0x2E80, 0x9FFF, CJK),  # CJK radicals, punctuation, kana, Han
    (0xA960, 0xA97F, CJK),
    (0xAC00, 0xD7AF, CJK),  # Hangul syllables
    (0xF900, 0xFAFF, CJK),  # compatibility ideographs
    (0xFE30, 0xFE4F, CJK),  # CJK compatibility forms
    (0xFF00, 0xFFEF, CJK),  # full-width forms
    (0x20000, 0x3FFFF, CJK),
)
_FALLBACK_ORDER = (LATIN, SYMBOLS, CJK, ARABIC, TIBETAN)


def resources_dir() -> Path:
    """The `resources/` folder: beside a checkout, in a PyInstaller bundle, or installed.

    Looked for in that order; the first that holds `fonts/` wins. (A shared
    `dossier.resources` helper should replace this once other packages need it.)
    """
    here = Path(__file__).resolve()
    candidates = [here.parents[3] / "resources"]  # src/dossier/briefing/fonts.py -> repo
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        candidates.append(Path(meipass) / "resources")
    candidates.append(here.parents[1] / "resources")  # packaged inside dossier/
    candidates.append(Path(sys.prefix) / "share" / "dossier" / "resources")
    for c in candidates:
        if (c / "fonts").is_dir():
            return c
    raise DossierError(
        "cannot find Dossier's resources folder (fonts for the briefing)",
        remedy="reinstall Dossier",
    )


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@dataclass(frozen=True)
class FontSet:
    """The registered fonts and their character coverage (sets of code points)."""

    coverage: dict[str, frozenset[int]]
    ascii_font: str | None = None  # a font with every printable ASCII character
    run_cache: dict = field(default_factory=dict, compare=False, repr=False)

    def covers(self, font: str, cp: int) -> bool:
        return cp in self.coverage[font]

    def preferred(self, cp: int) -> str:
        """The font a character's script asks for (before coverage is checked)."""
        for lo, hi, font in _SCRIPT_RANGES:
            if lo <= cp <= hi:
                return font
        return LATIN

    def font_for(self, cp: int) -> str | None:
        """The first font that has a glyph for `cp`, its script's own font first."""
        first = self.preferred(cp)
        if cp in self.coverage[first]:
            return first
        for font in _FALLBACK_ORDER:
            if cp in self.coverage[font]:
                return font
        return None

    @staticmethod
    def bold(font: str) -> str:
        """The bold face of `font` where the script has one, else `font` itself."""
        return _BOLD_OF.get(font, font)


_PUA_BASE = 0xE000  # harfbuzz glyphs with no character get U+E000 + glyph id


def _stable_ttfont_class():
    """reportlab's TTFont, but shaped glyphs without a character of their own (Tibetan
    stacks, Arabic ligatures) get a private-use code point fixed by their glyph id.

    reportlab hands those out in order of first use *in the process*, so the same
    packet's bytes would depend on what was printed before it in a long-running
    window. Our fonts have fewer than 6,400 glyphs and no private-use characters
    (checked in tests), so U+E000 + glyph id always fits and never collides.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    class StableTTFont(TTFont):
        def hbFont(self, fontSize=10):  # noqa: N802 (reportlab's name)
            font = super().hbFont(fontSize)
            self.hbAddPrivate = self._private_for_glyph
            return font

        def _private_for_glyph(self, name: str, gid: int, advance: int) -> int:
            uchar = _PUA_BASE + gid
            if uchar > 0xF8FF:
                raise ValueError(f"glyph {gid} of {self.fontName} is beyond the private area")
            face = self.face
            if uchar not in face.charToGlyph:
                face.charToGlyph[uchar] = gid
                face.glyphToChar.setdefault(gid, []).append(uchar)
                face.charWidths[uchar] = advance
            return uchar

    return StableTTFont


_lock = threading.Lock()
_fontset: FontSet | None = None


def load_fonts() -> FontSet:
    """Register Dossier's fonts with reportlab once per process; return their coverage.

    Safe to call from several threads: registration happens under a lock and the
    FontSet is immutable afterwards.
    """
    global _fontset
    if _fontset is not None:
        return _fontset
    with _lock:
        if _fontset is not None:
            return _fontset
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError

        TTFont = _stable_ttfont_class()  # noqa: N806
        folder = fonts_dir()
        coverage: dict[str, frozenset[int]] = {}
        for name, filename in FONT_FILES.items():
            path = folder / filename
            if not path.is_file():
                raise DossierError(
                    f"briefing font {filename} is missing from {folder}",
                    remedy="reinstall Dossier",
                )
            try:
                # shapable for all: a paragraph shapes only if its base font is shapable;
                # shaping.py then shapes the complex-script runs alone.
                font = TTFont(name, str(path))
            except (TTFError, OSError) as exc:
                raise DossierError(f"briefing font {filename} cannot be read: {exc}") from exc
            pdfmetrics.registerFont(font)
            coverage[name] = frozenset(font.face.charToGlyph)
        # <b> inside our own markup maps to the bold faces (user text never carries tags).
        for name in (LATIN, ARABIC):
            bold = _BOLD_OF[name]
            addMapping(name, 0, 0, name)
            addMapping(name, 1, 0, bold)
            addMapping(name, 0, 1, name)
            addMapping(name, 1, 1, bold)
        ascii_ok = all(c in coverage[LATIN] for c in range(0x20, 0x7F))
        _fontset = FontSet(coverage, ascii_font=LATIN if ascii_ok else None)
        return _fontset
