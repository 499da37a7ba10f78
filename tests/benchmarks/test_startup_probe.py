"""The start-up probe (benchmarks/startup_probe.py): bench_startup's timing lives in
benchmarks/, wrapped around the program's own functions, and still sees every phase.
No figure is asserted here (those are the benchmark's); only that the probe works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.bench_startup import PHASES
from benchmarks.startup_probe import PREFIX

ROOT = Path(__file__).resolve().parents[2]
PASS = "probe passphrase"


def _store(tmp_path: Path) -> Path:
    from dossier.services.demo import build_demo
    from dossier.services.dossier import Dossier

    path = tmp_path / "demo.db"
    d = Dossier.create(path, PASS)
    try:
        build_demo(d)
        d.ensure_facts()
    finally:
        d.close()
    return path


def _probe(tmp_path: Path, store: Path, passphrase: str) -> dict:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "DOSSIER_STARTUP_TIMING": "1",
        "DOSSIER_PASSPHRASE": passphrase,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "startup_probe.py"), "gui", str(store)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith(PREFIX)]
    assert proc.returncode == 0 and len(lines) == 1, proc.stderr[-3000:]
    return json.loads(lines[0][len(PREFIX) :])


def test_the_probe_times_every_phase_of_a_start(tmp_path):
    store = _store(tmp_path)
    info = _probe(tmp_path, store, PASS)
    marks = info["marks"]
    assert "error" not in marks
    times = [marks[p] for p in PHASES]  # every phase reached, in this order
    assert times[:5] == sorted(times[:5]) and marks["list_painted"] >= marks["opened"]
    assert info["rows"] == 5 and info["frozen"] is False and info["platform"] == "offscreen"
    assert len(info["kdf"]) >= 1 and all(end >= start for start, end in info["kdf"])
    if sys.platform.startswith("linux"):
        assert marks["process_start"] <= marks["main_entered"]

    wrong = _probe(tmp_path, store, "not the passphrase")
    assert wrong["marks"]["error"] == "UnlockError"  # reported, not a dialog that waits


def test_the_product_carries_no_timing_code():
    for path in (ROOT / "src" / "dossier").rglob("*.py"):
        assert "DOSSIER_STARTUP_TIMING" not in path.read_text(encoding="utf-8"), path
