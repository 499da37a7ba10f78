"""`make bench`: every benchmark in one run, each against its baseline, figures printed
and written to benchmarks/out/results.json."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import traceback
from pathlib import Path

BENCHES = ["bench_store", "bench_briefing", "bench_share", "bench_window"]


def main() -> int:
    n = int(os.environ.get("DOSSIER_BENCH_CASES", "50000"))
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}"}
    for name in BENCHES:
        try:
            mod = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError:
            continue
        print(f"== {name}", flush=True)
        try:
            results[name] = mod.main(n) if name == "bench_store" else mod.main()
        except Exception as exc:  # one failing benchmark must not hide the others
            traceback.print_exc()
            results[name] = {"error": repr(exc)}
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
