"""pyproject metadata that setuptools accepts without deprecation warnings (issue #17
item 13: three 15-line warnings on every `make run`): the licence is an SPDX string
with its file listed (PEP 639), not the deprecated `{ text = … }` table, and no
`License ::` classifier repeats it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_licence_metadata_is_pep_639():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    project = meta["project"]
    assert project["license"] == "GPL-3.0-or-later"
    assert all((ROOT / f).exists() for f in project["license-files"])
    assert not any(c.startswith("License ::") for c in project.get("classifiers", []))
    build = " ".join(meta["build-system"]["requires"])
    assert "setuptools>=77" in build  # the first release that reads SPDX `license` strings
    assert not any(d.startswith("edtf") for d in project["dependencies"])  # unused: see the comment
