"""Cold start: from process start to an unlocked window whose case list is painted with
rows, offscreen, the Argon2id KDF left out (issue 7; goal under 1.5 s for the frozen app).

Each run starts the program as a user would (`dossier gui STORE`, the passphrase in
DOSSIER_PASSPHRASE) with DOSSIER_STARTUP_TIMING=1, through benchmarks/startup_probe.py
(the product itself has no timing code): the probe prints the moments the program
reached each phase and quits once the list is painted and loaded. The start-up time is
measured here from just before the process is spawned to the painted list, minus the
time spent inside the KDF. Programs: the frozen app (dist/dossier/dossier, or
DOSSIER_BENCH_FROZEN), built with the probe as a runtime hook
(`DOSSIER_BENCH_PROBE=1 make dist`), and the source tree (this Python running
`startup_probe.py`, which is what the `dossier` script runs plus the probe).
Stores: the demo store, and the benchmark's big store (benchmarks/out/window-N.db, made
by bench_window) copied to a temp folder — the original is never opened.

Per program and store: a first run after the program's and the store's files were
dropped from the page cache (posix_fadvise, this process's files only — the closest to a
cold start without root), then DOSSIER_BENCH_STARTUP_RUNS warm runs (median reported).
Each run gets a fresh HOME so no settings carry over.

Run: `python -m benchmarks.bench_startup [N_CASES]`.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import ROOT, config, emit, evict_from_page_cache, run_child, run_process
from .startup_probe import PREFIX

PASSPHRASE_DEMO = "demo"
PASSPHRASE_BIG = "bench window"  # bench_window's store
PHASES = (
    "main_entered",
    "gui_imported",
    "window_made",
    "window_shown",
    "opened",
    "list_painted",
    "list_loaded",
)
APP_PY = ROOT / "src" / "dossier" / "gui" / "app.py"
PROBE = ROOT / "benchmarks" / "startup_probe.py"


def frozen_program() -> Path:
    return Path(os.environ.get("DOSSIER_BENCH_FROZEN") or ROOT / "dist" / "dossier" / "dossier")


def source_program() -> Path:
    return Path(sys.executable).with_name("dossier")


def _site_packages() -> list[Path]:
    import sysconfig

    return [Path(sysconfig.get_paths()["purelib"]), ROOT / "src" / "dossier", PROBE]


def timed_command(program: Path) -> list[str]:
    """How a timed start is launched: a bundle as it is (the probe is built in), the
    source tree through the probe (the `dossier` script's own Python and import path)."""
    if program == source_program():
        return [sys.executable, str(PROBE)]
    return [str(program)]


def one_run(program: Path, store: Path, passphrase: str, work: Path, timeout: float) -> dict:
    """One start; seconds from spawn to each phase, the KDF's seconds, the peak RSS."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".state"),
        "XDG_DATA_HOME": str(home / ".local"),
        "QT_QPA_PLATFORM": "offscreen",
        "DOSSIER_STARTUP_TIMING": "1",
        "DOSSIER_PASSPHRASE": passphrase,
    }
    env.pop("DOSSIER_STORE", None)
    err_path = home / "stderr.txt"
    with open(err_path, "wb") as err:
        t0 = time.time()
        seconds, peak, code = run_process(
            [*timed_command(program), "gui", str(store)],
            env=env,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    lines = [
        ln for ln in err_path.read_text(errors="replace").splitlines() if ln.startswith(PREFIX)
    ]
    shutil.rmtree(home, ignore_errors=True)
    if not lines:
        return {"error": f"no timing line (exit {code} after {seconds:.0f} s)"}
    info = json.loads(lines[-1][len(PREFIX) :])
    marks = info["marks"]
    if marks.get("error"):
        return {"error": f"the store did not open: {marks['error']}"}
    kdf = sum(end - start for start, end in info["kdf"])
    if "list_painted" not in marks:
        return {"error": f"the case list never painted (exit {code})"}
    out = {f"{p}_s": round(marks[p] - t0, 3) for p in PHASES if marks.get(p)}
    out.update(
        {
            "kdf_s": round(kdf, 3),
            "ready_s": round(marks["list_painted"] - t0 - kdf, 3),  # the figure: KDF excluded
            "whole_list_s": round(marks["list_loaded"] - t0 - kdf, 3)
            if "list_loaded" in marks
            else None,
            "spawn_to_process_start_s": round(marks["process_start"] - t0, 3)
            if marks.get("process_start")
            else None,
            "rows": info["rows"],
            "frozen": info["frozen"],
            "exit_code": code,
            "peak_rss_mib": round(peak, 1),
        }
    )
    return out


def series(
    program: Path, store: Path, passphrase: str, work: Path, runs: int, timeout: float
) -> dict:
    """A first run after evicting the program's and the store's files, then `runs` more.
    A run that reports nothing is retried once (the machine is shared) and counted."""
    failures: list[str] = []

    def attempt() -> dict:
        r = one_run(program, store, passphrase, work, timeout)
        if "error" in r:
            failures.append(r["error"])
            r = one_run(program, store, passphrase, work, timeout)
        return r

    evict = [program.parent] if (program.parent / "_internal").exists() else _site_packages()
    evict_from_page_cache([*evict, *store.parent.glob(store.name + "*")])
    first = attempt()
    if "error" in first:
        return {"error": first["error"], "failed_runs": failures}
    warm = [attempt() for _ in range(runs)]
    bad = [r["error"] for r in warm if "error" in r]
    if bad:
        return {"error": bad[0], "first": first, "failed_runs": failures}
    med = {
        k: round(statistics.median(r[k] for r in warm), 3)
        for k in warm[0]
        if k.endswith("_s") and all(r.get(k) is not None for r in warm)
    }
    return {
        "first": first,
        "median": med,
        "runs": runs,
        "rows": first["rows"],
        "ready_s": med["ready_s"],
        "first_ready_s": first["ready_s"],
        "peak_rss_mib": max(r["peak_rss_mib"] for r in [first, *warm]),
        "failed_runs": failures,
    }


def frozen_note(program: Path) -> str | None:
    """Why the frozen figures may be missing or stale, or None."""
    if not program.exists():
        return f"not built: run DOSSIER_BENCH_PROBE=1 make dist ({program} is absent)"
    for src in (APP_PY, PROBE):
        if src.exists() and program.stat().st_mtime < src.stat().st_mtime:
            return (
                f"the bundle is older than {src.relative_to(ROOT)}: rebuild it with "
                "DOSSIER_BENCH_PROBE=1 make dist"
            )
    return None


def make_demo(program: Path, work: Path) -> Path | None:
    """The demo store, written by the program that will open it (a bundle built from an
    older source may not read a newer store); None if the program cannot write it."""
    demo = work / f"demo-{'frozen' if (program.parent / '_internal').exists() else 'source'}.db"
    env = {**os.environ, "DOSSIER_PASSPHRASE": PASSPHRASE_DEMO, "DOSSIER_KDF_FAST": "1"}
    try:
        subprocess.run(
            [str(program), "demo", str(demo)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=300,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        return None
    return demo


def prepare_big(src: Path, work: Path) -> Path | None:
    """A copy of bench_window's store with its facts brought up to today (so every run
    measures a start, not the once-a-day recompute), or None if there is none."""
    if not src.exists():
        return None
    dst = work / "big.db"
    for suffix in ("", ".key"):
        shutil.copy2(str(src) + suffix, str(dst) + suffix)
    try:
        run_child("bench_startup", "--phase", "prepare", str(dst))
    except RuntimeError as exc:  # e.g. kept from an older version of the code: skip, say why
        print(f"startup: the big store does not open ({exc}); skipped", flush=True)
        return None
    return dst


def main(n_cases: int | None = None) -> dict:
    from .bench_window import store_path

    cfg = config()
    n_cases = n_cases or cfg.cases
    work = Path(
        tempfile.mkdtemp(prefix="dossier-bench-startup-", dir=os.environ.get("DOSSIER_BENCH_DIR"))
    )
    results: dict = {"runs": cfg.startup_runs}
    try:
        big = prepare_big(store_path(n_cases), work)
        results["big_store_cases"] = n_cases if big else None
        if big is None:
            results["big_store_note"] = (
                f"no {store_path(n_cases).name}: run bench_window first"
                if not store_path(n_cases).exists()
                else f"{store_path(n_cases).name} does not open"
            )
        frozen = frozen_program()
        note = frozen_note(frozen)
        results["frozen_note"] = note
        programs = [("source", source_program())]
        demos = {
            p: make_demo(p, work) for _label, p in [("frozen", frozen), *programs] if p.exists()
        }
        if frozen.exists() and demos.get(frozen) is None:
            results["frozen_note"] = (
                f"{frozen} could not write the demo store (`dossier demo` failed)"
            )
        elif frozen.exists():
            probe = one_run(
                frozen, demos[frozen], PASSPHRASE_DEMO, work, 90.0
            )  # a bundle without the probe never quits
            if "error" in probe:
                results["frozen_note"] = (
                    f"{probe['error']}: the bundle may lack the start-up probe; "
                    "rebuild it with DOSSIER_BENCH_PROBE=1 make dist"
                )
            else:
                programs.insert(0, ("frozen", frozen))
        if "frozen" not in [p[0] for p in programs]:
            print(f"startup: frozen app skipped: {results['frozen_note']}", flush=True)
        for label, program in programs:
            results[label] = {}
            if demos.get(program) is None:
                raise RuntimeError(f"{program} could not write the demo store")
            stores = [("demo", demos[program], PASSPHRASE_DEMO, 300.0)]
            if big is not None:
                stores.append(("big", big, PASSPHRASE_BIG, 1200.0))
            for name, store, pw, timeout in stores:
                r = series(program, store, pw, work, cfg.startup_runs, timeout)
                results[label][name] = r
                if "error" in r:
                    print(f"startup {label:6} {name:4}: {r['error']}", flush=True)
                    continue
                m = r["median"]
                print(
                    f"startup {label:6} {name:4}: ready {r['ready_s']:.2f} s median of {r['runs']} "
                    f"(first {r['first_ready_s']:.2f} s), KDF {m['kdf_s']:.2f} s excluded, "
                    f"imports done {m.get('gui_imported_s', 0):.2f} s, opened {m.get('opened_s', 0):.2f} s, "
                    f"whole list {m.get('whole_list_s') or 0:.2f} s, {r['rows']} rows, "
                    f"peak {r['peak_rss_mib']:.0f} MiB",
                    flush=True,
                )
        if "frozen" in results and "source" in results:
            f, s = results["frozen"]["demo"], results["source"]["demo"]
            if "ready_s" in f and "ready_s" in s:
                results["frozen_vs_source_demo"] = round(f["ready_s"] / s["ready_s"], 2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _prepare(path: Path) -> dict:
    os.environ.setdefault("DOSSIER_KDF_FAST", "1")
    from dossier.services.dossier import Dossier

    t = time.perf_counter()
    d = Dossier.open(path, PASSPHRASE_BIG)
    try:
        recomputed = d.ensure_facts()
    finally:
        d.close()
    return {"recomputed": recomputed, "seconds": round(time.perf_counter() - t, 2)}


if __name__ == "__main__":
    if sys.argv[1:3] == ["--phase", "prepare"]:
        emit(_prepare(Path(sys.argv[3])))
    else:
        print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else None), indent=2))
