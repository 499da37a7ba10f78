"""Running benchmark phases in child processes, so that each has its own peak memory.

Why child processes: `ru_maxrss` of a process only ever grows, so two measurements in one
process (SQLCipher then plain SQLite, a 100-case packet then a 1,000-case one) would
share one peak. Each phase runs as `python -m benchmarks.<module> ...` with the result
file named in DOSSIER_BENCH_RESULT; the parent reaps it with `os.wait4`, whose rusage is
that child's own (plus any children it waited for, e.g. nothing or a tiny helper).

Sizes come from the environment so that `make bench` runs at the goals' scale and a
development run finishes in a couple of minutes:

    DOSSIER_BENCH_QUICK=1            quick defaults (2,000 cases, 64 MiB share, 20/200 briefings)
    DOSSIER_BENCH_CASES=N            store and window size (default 50,000)
    DOSSIER_BENCH_SHARE_MB=N         share size (default 1024)
    DOSSIER_BENCH_BLOB_GIB=X         attachments kept for the open/close benchmark (default 5)
    DOSSIER_BENCH_BRIEFING_SIZES=a,b briefing sizes (default 100,1000)
    DOSSIER_BENCH_STARTUP_RUNS=N     cold-start runs after the first one (default 5)
    DOSSIER_BENCH_OUT=DIR            where stores and non-published results go (benchmarks/out)
    DOSSIER_BENCH_DIR=DIR            where temporary stores go (the system's temp folder)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(
    os.environ.get("DOSSIER_BENCH_OUT") or Path(__file__).resolve().parent / "out"
)  # stores, quick reports
RESULT_ENV = "DOSSIER_BENCH_RESULT"

# The scale each goal is stated at (issue 6): a run below it is a "quick" run.
GOAL_CASES = 50_000
GOAL_SHARE_MB = 1024
GOAL_BLOB_GIB = 5.0
GOAL_BRIEFING_SIZES = (100, 1000)


@dataclass(frozen=True)
class Config:
    """The sizes of one run."""

    cases: int
    share_mb: int
    briefing_sizes: tuple[int, ...]
    startup_runs: int
    blob_gib: float = GOAL_BLOB_GIB

    @property
    def at_goal_scale(self) -> bool:
        return (
            self.cases >= GOAL_CASES
            and self.share_mb >= GOAL_SHARE_MB
            and self.briefing_sizes == GOAL_BRIEFING_SIZES
            and self.blob_gib >= GOAL_BLOB_GIB
        )

    def as_dict(self) -> dict:
        return {
            "cases": self.cases,
            "events": self.cases * 10,
            "share_mb": self.share_mb,
            "briefing_sizes": list(self.briefing_sizes),
            "startup_runs": self.startup_runs,
            "blob_gib": self.blob_gib,
            "at_goal_scale": self.at_goal_scale,
        }


def config() -> Config:
    """The run's sizes from the environment (see the module docstring)."""
    quick = os.environ.get("DOSSIER_BENCH_QUICK") == "1"
    cases = int(os.environ.get("DOSSIER_BENCH_CASES") or (2000 if quick else GOAL_CASES))
    share = int(os.environ.get("DOSSIER_BENCH_SHARE_MB") or (64 if quick else GOAL_SHARE_MB))
    sizes_env = os.environ.get("DOSSIER_BENCH_BRIEFING_SIZES")
    sizes = (
        tuple(int(x) for x in sizes_env.split(",") if x.strip())
        if sizes_env
        else (20, 200)
        if quick
        else GOAL_BRIEFING_SIZES
    )
    runs = int(os.environ.get("DOSSIER_BENCH_STARTUP_RUNS") or (2 if quick else 5))
    blob_gib = float(os.environ.get("DOSSIER_BENCH_BLOB_GIB") or (0.25 if quick else GOAL_BLOB_GIB))
    return Config(cases, share, sizes, max(1, runs), blob_gib)


# --- the parent side -----------------------------------------------------------------


def run_child(
    module: str, *args: str, env: dict[str, str] | None = None, timeout: float = 7200.0
) -> dict:
    """Run `python -m benchmarks.<module> *args` and return the dict it emitted, with
    `peak_rss_mib` (the child's ru_maxrss) and `process_s` (its wall time) added.
    Its output goes straight to ours, so figures appear as they are measured."""
    fd, result_path = tempfile.mkstemp(prefix="bench-result-", suffix=".json")
    os.close(fd)
    child_env = {**os.environ, **(env or {}), RESULT_ENV: result_path}
    child_env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), child_env.get("PYTHONPATH")])
    )
    cmd = [sys.executable, "-m", f"benchmarks.{module}", *args]
    try:
        seconds, peak_mib, code = _wait_for(subprocess.Popen(cmd, cwd=ROOT, env=child_env), timeout)
        if code != 0:
            raise RuntimeError(f"benchmarks.{module} {' '.join(args)} failed (exit {code})")
        text = Path(result_path).read_text(encoding="utf-8")
        if not text.strip():
            raise RuntimeError(f"benchmarks.{module} {' '.join(args)} reported nothing")
        result = json.loads(text)
    finally:
        Path(result_path).unlink(missing_ok=True)
    result["peak_rss_mib"] = round(peak_mib, 1)
    result["process_s"] = round(seconds, 2)
    return result


def run_process(
    cmd: list[str],
    *,
    stdin_files: list[Path] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 3600.0,
    stdout=None,
    stderr=None,
) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and exit code of any command (e.g. the age CLI);
    `stdin_files` are streamed into its standard input one after the other.

    Linux carries the caller's own high-water RSS across fork and exec into the
    child's ru_maxrss, so the peak is the child's only when the caller is small
    (run_all's phase runners are; a pytest worker holding a GUI suite is not)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE if stdin_files else subprocess.DEVNULL,
        env=env,
        stdout=stdout,
        stderr=stderr,
    )
    if stdin_files:
        assert proc.stdin is not None
        try:
            for f in stdin_files:
                with open(f, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        proc.stdin.write(chunk)
        finally:
            proc.stdin.close()
    seconds, peak, code = _wait_for(proc, timeout, t0)
    return seconds, peak, code


def _wait_for(
    proc: subprocess.Popen, timeout: float, t0: float | None = None
) -> tuple[float, float, int]:
    """Reap `proc` with wait4 (its own rusage), killing it after `timeout` seconds."""
    t0 = time.perf_counter() if t0 is None else t0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        if time.perf_counter() - t0 > timeout:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # so that Popen does not try to reap it again
    return seconds, usage.ru_maxrss / 1024, code


def evict_from_page_cache(paths: list[Path]) -> int:
    """Drop the clean cached pages of these files (and of every file under these
    folders) with posix_fadvise(DONTNEED): a cold-ish start without root and without
    emptying the whole machine's cache. Returns the number of files advised."""
    n = 0
    for p in paths:
        files = (
            [p] if p.is_file() else [f for f in p.rglob("*") if f.is_file() and not f.is_symlink()]
        )
        for f in files:
            try:
                fd = os.open(f, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                n += 1
            except (OSError, AttributeError):
                pass
            finally:
                os.close(fd)
    return n


# --- the child side ------------------------------------------------------------------


def vm_hwm_mib() -> float | None:
    """This process's peak resident memory so far (VmHWM), or None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def emit(result: dict) -> None:
    """Hand a phase's result to the parent (or print it when run by hand)."""
    result = {**result, "vm_hwm_mib": round(vm_hwm_mib() or 0.0, 1)}
    text = json.dumps(result, default=str)
    path = os.environ.get(RESULT_ENV)
    if path:
        Path(path).write_text(text, encoding="utf-8")
    else:
        print(text)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank: p95 of 20 values is the 19th."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * q // 100)))
    return ordered[int(rank) - 1]
