"""The shipped fonts: present, licensed, embeddable (TrueType outlines, static), and
covering the scripts the briefing prints."""

from __future__ import annotations

import pytest

from dossier.briefing.fonts import COMPLEX_FONTS, FONT_FILES, fonts_dir, load_fonts, resources_dir


def test_resources_found_from_checkout():
    assert (resources_dir() / "fonts").is_dir()


@pytest.mark.parametrize("filename", sorted(set(FONT_FILES.values())))
def test_font_is_static_truetype_outline(filename):
    ttlib = pytest.importorskip("fontTools.ttLib")
    font = ttlib.TTFont(str(fonts_dir() / filename), lazy=True)
    assert "glyf" in font, "reportlab embeds TrueType (glyf) outlines only"
    assert "CFF " not in font and "CFF2" not in font
    assert "fvar" not in font, "variable fonts cannot be embedded by reportlab"
    if filename in {FONT_FILES[f] for f in COMPLEX_FONTS}:
        # shaped glyphs get U+E000 + glyph id (fonts.StableTTFont): must fit and be free
        assert font["maxp"].numGlyphs <= 0x1900
        assert not [c for c in font.getBestCmap() if 0xE000 <= c <= 0xF8FF]


def test_readme_and_licences_cover_every_font():
    folder = fonts_dir()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for filename in FONT_FILES.values():
        assert filename in readme
    for lic in (
        "LICENSE.fonts-noto-core.txt",
        "LICENSE.fonts-droid-fallback.txt",
        "LICENSE.fonts-dejavu-core.txt",
        "LICENSE.Apache-2.0.txt",
    ):
        assert (folder / lic).is_file()
    assert sum(p.stat().st_size for p in folder.glob("*.ttf")) < 8_000_000


@pytest.mark.parametrize(
    "text",
    [
        "Liu Xia Wang Quanzhang Gui Minhai Yu Wensheng Ilham Tohti Ürümqi",
        "刘霞王全璋桂民海余文生扎西文色伊力哈木土赫提指定居所监视居住，。“”（）《》——",
        "བཀྲ་ཤིས་དབང་ཕྱུག ༄༅། བོད་ཡིག",
        "ئىلھام توختى ئۇيغۇر ېۆۈۇێھە،؟؛",
        "— – … · → ← ← © ®",
    ],
)
def test_scripts_are_covered(text):
    fonts = load_fonts()
    missing = [c for c in text if not c.isspace() and fonts.font_for(ord(c)) is None]
    assert missing == []
