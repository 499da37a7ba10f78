"""The frozen app: build dist/dossier/ with PyInstaller (`make dist`) and run its
self-test, as a researcher's fresh machine would. Slow (minutes): `make test-dist`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SIZE_GOAL_MIB = 200  # as `du -sh dist/dossier` prints it

pytestmark = pytest.mark.slow


def _build() -> None:
    if os.environ.get("DOSSIER_DIST_PREBUILT") == "1" and (ROOT / "dist" / "dossier").is_dir():
        return  # `make test-dist` may build first; then do not build twice
    if shutil.which("make"):
        cmd = ["make", "dist"]
    else:
        pytest.importorskip("PyInstaller")
        cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec"]
    subprocess.run(
        cmd, cwd=ROOT, check=True, timeout=3600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )


def _size_mib(folder: Path) -> float:
    return (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        / 2**20
    )


def test_frozen_app_passes_its_self_test(tmp_path):
    _build()
    app = ROOT / "dist" / "dossier" / ("dossier.exe" if sys.platform == "win32" else "dossier")
    assert app.exists(), f"no frozen program at {app}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    run = subprocess.run(
        [str(app), "--self-test"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SELF-TEST OK" in run.stdout
    licences = {p.name for p in app.parent.rglob("*") if p.parent.name in ("LICENSES", "_internal")}
    assert {"LICENSE", "THIRD-PARTY.md", "LGPL-3.0.txt"} <= licences, (
        "the licences must ship in the bundle"
    )
    size = _size_mib(app.parent)
    print(f"bundle size: {size:.0f} MiB")
    if sys.platform.startswith("linux"):
        assert size < SIZE_GOAL_MIB, (
            f"the bundle is {size:.0f} MiB (goal: under {SIZE_GOAL_MIB} MiB)"
        )
