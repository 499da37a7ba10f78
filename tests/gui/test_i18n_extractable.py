"""Every string the window can show reaches the Chinese interface.

`test_translations_are_complete_and_keep_their_placeholders` (test_app_shell.py) checks the
.ts file against itself; it cannot see a string that `pyside6-lupdate` never extracted, or
one it filed under a context the running program never asks for — `obj.tr("…")` is filed
under "obj", a bare `tr("…")` or `translate(ctx_variable, …)` under nothing — and such
strings silently stay English. So this test runs lupdate over the whole gui package, as the
translators' workflow does, and requires every extracted (context, source) pair to have a
finished translation in resources/i18n/dossier_zh_CN.ts that keeps its placeholders.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import dossier.gui
from dossier.gui import assets

PLACEHOLDER = re.compile(r"%L?n|%\d|\{[a-z_]+\}")
UNFINISHED = ("unfinished", "vanished", "obsolete")


def _lupdate() -> str | None:
    """The pyside6-lupdate beside the running interpreter (the venv), else on PATH."""
    here = Path(sys.executable).with_name("pyside6-lupdate")
    return str(here) if here.exists() else shutil.which("pyside6-lupdate")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → the <message> element, for every message of a .ts file."""
    out: dict[tuple[str, str], ET.Element] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            src = m.findtext("source")
            if src is not None:
                out[(name, src)] = m
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    exe = _lupdate()
    if exe is None:
        pytest.skip("pyside6-lupdate is not installed (it ships with PySide6's tools)")
    out = tmp_path_factory.mktemp("lupdate") / "extracted.ts"
    package = Path(dossier.gui.__file__).parent
    run = subprocess.run(
        [exe, "-extensions", "py", "-locations", "none", "-silent", str(package), "-ts", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and out.exists(), f"lupdate failed: {run.stdout}{run.stderr}"
    found = _messages(out)
    assert len(found) > 100, f"lupdate found only {len(found)} strings in {package}"
    return found


def test_every_context_is_a_class_or_a_literal_name(extracted):
    """A context like "self.chart" or "" means a tr() lupdate could not place."""
    bad = sorted({ctx for ctx, _ in extracted if not ctx.isidentifier()})
    assert not bad, f"strings filed under contexts no translation lookup uses: {bad}"


def test_every_extracted_string_has_a_finished_chinese_translation(extracted):
    ts = assets.resource("i18n", "dossier_zh_CN.ts")
    assert ts is not None
    have = _messages(Path(ts))
    missing, lost = [], []
    for ctx, src in sorted(extracted):
        m = have.get((ctx, src))
        tr = m.find("translation") if m is not None else None
        text = "".join(tr.itertext()) if tr is not None else ""
        if tr is None or tr.get("type") in UNFINISHED or not text.strip():
            missing.append(f"{ctx}: {src!r}")
            continue
        gone = sorted(ph for ph in set(PLACEHOLDER.findall(src)) if ph not in text)
        if gone:
            lost.append(f"{ctx}: {src!r} lost {gone}")
    assert not lost, "translations that lost placeholders:\n" + "\n".join(lost)
    assert not missing, f"{len(missing)} strings have no finished zh_CN translation:\n" + "\n".join(
        missing
    )
