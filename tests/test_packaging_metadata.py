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


# Distribution name -> the module it installs, where they differ.
_MODULE = {"pyside6-essentials": "PySide6", "pyside6-addons": "PySide6", "sqlalchemy": "sqlalchemy"}


def _declared() -> list[str]:
    import re

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    return [re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0].lower() for d in deps]


def test_every_declared_dependency_is_used_and_declared_once():
    """A dependency nothing imports is dropped (issue #14: `edtf` was one)."""
    names = _declared()
    assert len(names) == len(set(names)), names
    sources = "\n".join(p.read_text("utf-8") for p in (ROOT / "src").rglob("*.py"))
    for name in names:
        module = _MODULE.get(name, name)
        assert f"import {module}" in sources or f"from {module}" in sources, name


def test_the_core_contract_forbids_every_dependency_but_dateparser():
    """The import-linter contract says what it claims: the core uses only the standard
    library and dateparser, whatever dependency is added later."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (core,) = [
        c
        for c in meta["tool"]["importlinter"]["contracts"]
        if c.get("source_modules") == ["dossier.core"]
    ]
    modules = {_MODULE.get(n, n) for n in _declared()} - {"dateparser"}
    assert modules <= set(core["forbidden_modules"]), modules - set(core["forbidden_modules"])
