"""`make bench` end to end at a tiny size, so that the full run cannot fail late on a
broken phase: every benchmark runs in its child processes and the report is written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_all_tiny(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DOSSIER_KDF_FAST": "1",
        "DOSSIER_BENCH_CASES": "150",
        "DOSSIER_BENCH_SHARE_MB": "2",
        "DOSSIER_BENCH_BRIEFING_SIZES": "2,4",
        "DOSSIER_BENCH_BLOB_GIB": "0.01",
        "DOSSIER_BENCH_STARTUP_RUNS": "1",
        "DOSSIER_BENCH_OUT": str(tmp_path / "out"),
        "DOSSIER_BENCH_DIR": str(tmp_path),
        "DOSSIER_BENCH_FROZEN": str(tmp_path / "no-bundle" / "dossier"),
    }
    env.pop("DOSSIER_BENCH_PUBLISH", None)
    env.pop("DOSSIER_BENCH_ONLY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run_all"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    for area in ("store", "window", "edit", "startup", "briefing", "share", "blobs"):
        assert "error" not in results[area], (area, results[area])
    assert results["store"]["peak_rss_mib_sqlcipher"] > 0 and results["window"]["peak_rss_mib"] > 0
    assert results["startup"]["source"]["demo"]["ready_s"] > 0
    assert "not built" in results["startup"]["frozen_note"]
    text = (tmp_path / "out" / "REPORT.md").read_text()
    assert "Quick run" in text and "## Peak memory" in text and "Frozen app: not built" in text
    assert "== summary" in proc.stdout and "goals missed:" in proc.stdout
