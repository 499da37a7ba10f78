"""The licence files ship and cover every package the program runs with."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location(
        "collect_licenses", ROOT / "tools" / "collect_licenses.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_program_licence_is_the_gpl_the_metadata_names():
    text = (ROOT / "LICENSE").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert 'license = "GPL-3.0-or-later"' in (ROOT / "pyproject.toml").read_text()  # SPDX (PEP 639)


def test_third_party_file_covers_the_runtime_closure():
    tool = _tool()
    listed = {
        tool.normalise(m.group(1))
        for m in re.finditer(
            r"^\| ([^|]+?) \| [^|]+ \|$", (ROOT / "LICENSES" / "THIRD-PARTY.md").read_text(), re.M
        )
    }
    needed = set(tool.runtime_closure())
    assert needed, "the runtime closure is empty: is dossier installed?"
    missing = needed - listed
    assert not missing, (
        f"run tools/collect_licenses.py: {sorted(missing)} not in LICENSES/THIRD-PARTY.md"
    )
    for name in ("sqlcipher", "qt 6", "openssl"):
        assert any(name in entry for entry in listed), name


def test_licence_texts_the_bundle_and_the_fonts_need_are_there():
    for f in ("LGPL-3.0.txt", "Apache-2.0.txt"):
        assert (ROOT / "LICENSES" / f).stat().st_size > 5000
    fonts = ROOT / "resources" / "fonts"
    for ttf in fonts.glob("*.ttf"):
        family = ttf.stem.split("-")[0].lower()
        readme = (fonts / "README.md").read_text().lower()
        assert family[:6] in readme.replace(" ", ""), (
            f"{ttf.name} is not described in resources/fonts/README.md"
        )
    spec = (ROOT / "build.spec").read_text()
    assert '"LICENSES"' in spec and '"LICENSE"' in spec, "the frozen app must carry the licences"
