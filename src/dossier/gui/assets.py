"""Where the program's own files (`resources/`) are, however it was installed.

Three layouts must work: a source checkout (`resources/` beside `src/`), an installed
wheel (`dossier/resources` shipped as package data, if the build adds it) and a
PyInstaller bundle (`sys._MEIPASS/resources`, listed in build.spec's `datas`).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/dossier


def _candidates() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get("DOSSIER_RESOURCES")
    if env:
        out.append(Path(env))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        out.append(Path(bundle) / "resources")
        out.append(Path(bundle) / "dossier" / "resources")
    out.append(_PACKAGE_DIR / "resources")  # wheel with package data
    out.append(_PACKAGE_DIR.parent.parent / "resources")  # checkout: src/dossier → repo root
    out.append(Path(sys.prefix) / "share" / "dossier" / "resources")  # data-files install
    return out


@lru_cache(maxsize=1)
def resources_dir() -> Path | None:
    """The first `resources/` folder that exists, or None (the window still runs)."""
    for c in _candidates():
        if c.is_dir():
            return c
    return None


def resource(*parts: str) -> Path | None:
    """A file or folder inside resources/, or None if it is not there."""
    root = resources_dir()
    if root is None:
        return None
    p = root.joinpath(*parts)
    return p if p.exists() else None


def font_files() -> list[Path]:
    """Every TrueType/OpenType font shipped in resources/fonts, sorted by name."""
    folder = resource("fonts")
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))


def translation_file(lang: str) -> Path | None:
    """resources/i18n/dossier_<lang>.qm, if compiled."""
    return resource("i18n", f"dossier_{lang}.qm")


def icon_file() -> Path | None:
    return resource("icons", "dossier.svg") or resource("icons", "dossier.png")
