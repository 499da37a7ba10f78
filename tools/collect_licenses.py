"""Write LICENSES/THIRD-PARTY.md: every package the program runs with, and its licence text.

Why generated: the runtime closure changes when a dependency does, and a hand-kept list
goes stale silently. This walks the installed distribution metadata from `dossier`'s own
runtime requirements (no test or build extras), copies each package's licence files
verbatim, and adds the components that wheels bundle without a dist-info licence file
(SQLCipher and OpenSSL inside sqlcipher3, Qt inside PySide6, the Python runtime the frozen
app carries). `tests/test_licenses.py` fails when the file no longer covers the closure.

Run: `.venv/bin/python tools/collect_licenses.py` (rewrites the file; commit it).
"""

from __future__ import annotations

import importlib.metadata as md
import re
import sys
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "LICENSES" / "THIRD-PARTY.md"
_LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE)[^/]*$", re.I)

# Components a wheel carries without shipping their licence in its dist-info.
BUNDLED = [
    (
        "SQLCipher (inside sqlcipher3)",
        "BSD-3-Clause",
        "Copyright (c) 2008-2024, ZETETIC LLC. All rights reserved.\n\n"
        "Redistribution and use in source and binary forms, with or without modification, are "
        "permitted provided that the following conditions are met: redistributions of source code "
        "must retain the above copyright notice, this list of conditions and the following "
        "disclaimer; redistributions in binary form must reproduce the above copyright notice, this "
        "list of conditions and the following disclaimer in the documentation and/or other materials "
        "provided with the distribution; neither the name of the ZETETIC LLC nor the names of its "
        "contributors may be used to endorse or promote products derived from this software without "
        "specific prior written permission.\n\nTHIS SOFTWARE IS PROVIDED BY ZETETIC LLC ''AS IS'' AND "
        "ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF "
        "MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL "
        "ZETETIC LLC BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR "
        "CONSEQUENTIAL DAMAGES ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF "
        "THE POSSIBILITY OF SUCH DAMAGE.\n\nSQLite itself is in the public domain.",
    ),
    (
        "OpenSSL libcrypto (SQLCipher's crypto provider, inside sqlcipher3)",
        "Apache-2.0",
        "Copyright (c) 1998-2024 The OpenSSL Project Authors. Licensed under the Apache License "
        "2.0; the full text is in LICENSES/Apache-2.0.txt.",
    ),
    (
        "Qt 6 (inside PySide6-Essentials and PySide6-Addons)",
        "LGPL-3.0-only",
        "Copyright (C) The Qt Company Ltd. and other contributors. Used under the GNU Lesser "
        "General Public License version 3 (LICENSES/LGPL-3.0.txt, which adds to the GPL-3.0 text "
        "in LICENSE). Qt is dynamically linked: the Qt libraries in the frozen app can be replaced "
        "with your own build. Source: https://download.qt.io/official_releases/qt/",
    ),
    (
        "age (Rust crate inside pyrage)",
        "MIT OR Apache-2.0",
        "Copyright (c) 2019 Jack Grigg and the rage contributors. Dual-licensed under the MIT and "
        "Apache 2.0 licences (LICENSES/Apache-2.0.txt).",
    ),
    (
        "Python runtime (carried by the frozen app)",
        "PSF-2.0",
        "Copyright (c) 2001 Python Software Foundation; All Rights Reserved. Distributed under the "
        "PSF License Agreement: https://docs.python.org/3/license.html",
    ),
]


def runtime_closure(root: str = "dossier") -> dict[str, md.Distribution]:
    """Distribution name (normalised) -> Distribution, for everything `root` needs at run time."""
    seen: dict[str, md.Distribution] = {}

    def walk(name: str) -> None:
        key = normalise(name)
        if key in seen:
            return
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            return
        seen[key] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                walk(req.name)

    for spec in md.distribution(root).requires or []:
        req = Requirement(spec)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            walk(req.name)
    return seen


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# Packages whose metadata names no licence; read from their licence files.
_KNOWN = {"pyrage": "MIT", "sqlcipher3": "Zlib"}


def licence_of(dist: md.Distribution) -> str:
    m = dist.metadata
    if normalise(m["Name"]) in _KNOWN:
        return _KNOWN[normalise(m["Name"])]
    expr = m.get("License-Expression")
    if expr:
        return expr
    classifiers = [
        c.split("::")[-1].strip() for c in m.get_all("Classifier") or [] if c.startswith("License")
    ]
    text = (m.get("License") or "").strip()
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0][:80] if text else "see text below"


def licence_texts(dist: md.Distribution) -> list[tuple[str, str]]:
    out = []
    for f in dist.files or []:
        if _LICENCE_FILE.search(str(f)) and ".dist-info" in str(f):
            try:
                out.append(
                    (
                        Path(str(f)).name,
                        Path(dist.locate_file(f)).read_text(encoding="utf-8", errors="replace"),
                    )
                )
            except OSError:
                continue
    return out


def render() -> str:
    closure = runtime_closure()
    lines = [
        "# Third-party software in Dossier",
        "",
        "Dossier itself is free software under the GNU General Public License, version 3 or later",
        "(`LICENSE`). It runs with the packages below; each keeps its own licence, reproduced in",
        "full. The fonts in `resources/fonts/` carry their licences beside them",
        "(`resources/fonts/README.md`). This file is generated by `tools/collect_licenses.py`.",
        "",
        "| Package | Licence |",
        "|---|---|",
    ]
    for key in sorted(closure):
        lines.append(f"| {closure[key].metadata['Name']} | {licence_of(closure[key])} |")
    for name, lic, _ in BUNDLED:
        lines.append(f"| {name} | {lic} |")
    lines.append("")
    for key in sorted(closure):
        dist = closure[key]
        lines += [f"## {dist.metadata['Name']}", "", f"Licence: {licence_of(dist)}", ""]
        texts = licence_texts(dist)
        if not texts:
            lines += ["(The package ships no licence file; its licence is named above.)", ""]
        for fname, body in texts:
            lines += [f"### {fname}", "", "```text", body.rstrip(), "```", ""]
    for name, lic, body in BUNDLED:
        lines += [f"## {name}", "", f"Licence: {lic}", "", "```text", body, "```", ""]
    return "\n".join(lines)


def main() -> int:
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(runtime_closure())} packages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
