"""`make bench`: every benchmark in one run, each against its baseline measured in the
same run, each phase in its own process (its own peak memory); figures printed as they
come, then a summary, benchmarks/REPORT.md and the JSON.

At the goals' scale (the default) it writes benchmarks/REPORT.md, benchmarks/results.json
and benchmarks/out/results.json. A smaller run (DOSSIER_BENCH_QUICK=1, or any size set
below the goals' — see benchmarks/harness.py) writes benchmarks/out/REPORT.md and
out/results.json only, so the committed report always comes from a full run (set
DOSSIER_BENCH_PUBLISH=1 to override). DOSSIER_BENCH_ONLY=store,window runs a subset;
at full scale it refreshes those entries of the published results and keeps the rest.
After each benchmark the partial results and report are saved, so a late failure loses
nothing measured before it. Exit status 1 if any benchmark failed (goals missed are not
failures: they are in the report).
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "DOSSIER_KDF_FAST", "1"
)  # stores made for benchmarks; the KDF is measured on its own

from . import report  # noqa: E402
from .harness import OUT, config  # noqa: E402

HERE = OUT.parent


def steps(cfg) -> list[tuple[str, Callable[[], dict]]]:
    """The benchmarks in order (startup after window: it reuses the window's store)."""
    from . import (
        bench_blobs,
        bench_briefing,
        bench_edit,
        bench_share,
        bench_startup,
        bench_store,
        bench_window,
    )

    return [
        ("store", lambda: bench_store.main(cfg.cases)),
        ("window", lambda: bench_window.main(cfg.cases)),
        ("edit", lambda: bench_edit.main(cfg.cases)),
        ("startup", lambda: bench_startup.main(cfg.cases)),
        ("briefing", lambda: bench_briefing.run(cfg.briefing_sizes)),
        ("share", lambda: bench_share.main(cfg.share_mb)),
        ("blobs", lambda: bench_blobs.main(cfg.blob_gib)),
    ]


def _save(results: dict, publish: bool) -> list[str]:
    OUT.mkdir(parents=True, exist_ok=True)
    if publish:
        report.write(results, HERE / "REPORT.md", [OUT / "results.json", HERE / "results.json"])
        return [str(HERE / "REPORT.md"), str(HERE / "results.json")]
    report.write(results, OUT / "REPORT.md", [OUT / "results.json"])
    return [str(OUT / "REPORT.md"), str(OUT / "results.json")]


def summary(results: dict) -> str:
    """One line per judged figure, then the missed goals."""
    lines = ["", "== summary"]
    rows = report.evaluate(results)
    for r in rows:
        if r["figure"] is None and r["verdict"] != "not measured":
            continue
        ratio = f"  ratio {r['ratio']}" if r["ratio"] is not None else ""
        goal = f"  goal {r['goal']}: {r['verdict']}" if r["goal"] else ""
        lines.append(
            f"  {r['label'][:62]:62} {report._fmt(r['figure']):>10} {r['unit']:3}{ratio}{goal}"
        )
    missed = [r["label"] for r in rows if r["verdict"] == "missed"]
    lines.append(f"goals missed: {len(missed)}" + (" — " + "; ".join(missed) if missed else ""))
    failed = [k for k, v in results.items() if isinstance(v, dict) and "error" in v]
    if failed:
        lines.append("benchmarks that failed: " + ", ".join(failed))
    return "\n".join(lines)


def main() -> int:
    cfg = config()
    publish = cfg.at_goal_scale or os.environ.get("DOSSIER_BENCH_PUBLISH") == "1"
    only = {x.strip() for x in os.environ.get("DOSSIER_BENCH_ONLY", "").split(",") if x.strip()}
    t0 = time.perf_counter()
    results: dict = {"machine": report.machine_info(), "config": cfg.as_dict()}
    if only and publish and (HERE / "results.json").exists():
        # A subset at full scale refreshes those benchmarks in the published results and
        # keeps the others (each benchmark's own run time is kept in "measured_at").
        import json

        kept = json.loads((HERE / "results.json").read_text())
        results = {**kept, "machine": results["machine"], "config": cfg.as_dict()}
    m = results["machine"]
    print(
        f"Dossier benchmarks: {m.get('cpu')}, {m.get('cores')} cores, load {m.get('load_average_at_start')}; "
        f"{cfg.cases:,} cases, share {cfg.share_mb} MiB, briefings {list(cfg.briefing_sizes)}"
        f"{'' if cfg.at_goal_scale else ' (quick run)'}",
        flush=True,
    )
    written: list[str] = []
    for name, fn in steps(cfg):
        if only and name not in only:
            continue
        print(f"\n== {name}", flush=True)
        t = time.perf_counter()
        try:
            results[name] = fn()
        except Exception as exc:  # one failing benchmark must not hide the others
            traceback.print_exc()
            results[name] = {"error": f"{exc.__class__.__name__}: {exc}"}
        results.setdefault("durations_s", {})[name] = round(time.perf_counter() - t, 1)
        results.setdefault("measured_at", {})[name] = time.strftime(
            "%Y-%m-%d %H:%M UTC", time.gmtime()
        )
        results["machine"]["load_average_at_end"] = report._load()
        results["total_s"] = round(time.perf_counter() - t0, 1)
        written = _save(results, publish)
    print(summary(results))
    print("wrote " + ", ".join(written))
    return 1 if any(isinstance(v, dict) and "error" in v for v in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
