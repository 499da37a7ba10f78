"""benchmarks/REPORT.md from one run's results: the machine, then per area a table of
figure, baseline (measured in the same run), ratio, goal and verdict, then for every
missed goal the gap and what would close it.

Verdicts are computed from the figures (GOALS); the explanations are the texts in GAPS,
templates filled from the same run's figures (FACTS), so the report stays true when the
figures move. Regenerate without re-running: `python -m benchmarks.report [results.json]`.
"""

from __future__ import annotations

import json
import os
import platform
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .gaps import GAPS

HERE = Path(__file__).resolve().parent

# --- the machine -------------------------------------------------------------------------


def machine_info() -> dict:
    """CPU, cores, RAM, load, and the versions that decide the figures."""
    info: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
        "load_average_at_start": _load(),
    }
    try:
        cpu = Path("/proc/cpuinfo").read_text(errors="replace")
        info["cpu"] = next(
            (ln.split(":", 1)[1].strip() for ln in cpu.splitlines() if ln.startswith("model name")),
            platform.processor(),
        )
        mem = Path("/proc/meminfo").read_text()
        kib = int(next(ln.split()[1] for ln in mem.splitlines() if ln.startswith("MemTotal:")))
        info["ram_gib"] = round(kib / 2**20, 1)
    except (OSError, StopIteration, ValueError):
        info.setdefault("cpu", platform.processor() or platform.machine())
    try:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        info["sqlcipher"] = conn.execute("PRAGMA cipher_version").fetchone()[0]
        info["sqlite"] = sqlcipher3.sqlite_version
        conn.close()
    except Exception as exc:  # the report must still be written
        info["sqlcipher"] = f"unknown ({exc.__class__.__name__})"
    try:
        from importlib.metadata import version

        info["pyside6"] = version("PySide6-Essentials")
    except Exception:
        info["pyside6"] = "unknown"
    return info


def _load() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# --- reading the results --------------------------------------------------------------


def get(results: dict, path: str):
    """results["a"]["b"]... for "a.b...", None where anything is missing or an error."""
    cur = results
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _div(a, b):
    return (
        round(a / b, 2) if isinstance(a, int | float) and isinstance(b, int | float) and b else None
    )


def facts(results: dict) -> dict:
    """Derived figures the gap texts quote (MiB/s, shares of a total, phase splits)."""
    f: dict = {}
    cfg = results.get("config", {})
    f["cases"] = f"{cfg.get('cases', 0):,}"
    f["load"] = "/".join(str(x) for x in get(results, "machine.load_average_at_start") or [])
    st = results.get("store", {})
    if (
        st.get("search_median_ms_sqlcipher") is not None
        and st.get("search_median_ms_sqlite") is not None
    ):
        f["search_overhead_ms"] = round(
            st["search_median_ms_sqlcipher"] - st["search_median_ms_sqlite"], 1
        )
    kinds = st.get("search_by_kind_ms_sqlcipher") or {}
    if kinds:
        worst = max(kinds, key=kinds.get)
        f["search_worst_kind"], f["search_worst_kind_ms"] = worst.replace("_", " "), kinds[worst]
    sh = results.get("share", {})
    mib = sh.get("mib")
    for key, name in (
        ("read_s", "read"),
        ("write_s", "write"),
        ("export_s", "export"),
        ("import_s", "import"),
        ("age_encrypt_s", "age_enc"),
        ("age_decrypt_s", "age_dec"),
    ):
        if mib and sh.get(key):
            f[f"{name}_mibs"] = round(mib / sh[key], 1)
    f["read_pct"] = (
        round(100 * sh["read_s"] / sh["export_s"])
        if sh.get("read_s") and sh.get("export_s")
        else "?"
    )
    f["write_pct"] = (
        round(100 * sh["write_s"] / sh["import_s"])
        if sh.get("write_s") and sh.get("import_s")
        else "?"
    )
    f["verify_s"], f["apply_s"] = sh.get("verify_s", "?"), sh.get("apply_s", "?")
    f["export_s"], f["read_s"], f["age_enc_s"] = (
        sh.get("export_s"),
        sh.get("read_s"),
        sh.get("age_encrypt_s"),
    )
    win = results.get("window") or {}
    f["as_of_runs"] = ", ".join(f"{x:g}" for x in win.get("as_of_change_runs_s") or []) or "?"
    f["derive_rss"] = (
        ", ".join(f"{x:g}" for x in win.get("peak_rss_mib_derive_processes") or []) or "?"
    )
    f["export_fsync_ratio"] = sh.get("export_ratio_fsync", "?")
    f["insert_cpu_enc"] = st.get("insert_sqlcipher_cpu_s", "?")
    f["insert_cpu_plain"] = st.get("insert_sqlite_cpu_s", "?")
    f["insert_cpu_ratio"] = st.get("insert_cpu_ratio", "?")
    at = st.get("attribution") or {}
    f["attr_cases"] = at.get("cases")
    for short, key in (("plain", "plain"), ("off", "keyed_memsec_off"), ("on", "keyed_memsec_on")):
        f[f"attr_{short}_cpu"], f[f"attr_{short}_search"] = (
            at.get(f"{key}_cpu_s"),
            at.get(f"{key}_search_ms"),
        )
    f["session_enc"], f["session_plain"] = (
        st.get("search_session_ms_sqlcipher"),
        st.get("search_session_ms_sqlite"),
    )
    f["export_floor_ratio"] = _div(
        sh.get("export_s"), (sh.get("read_s") or 0) + (sh.get("age_encrypt_s") or 0)
    )
    su = get(results, "startup.frozen.demo.median") or {}
    if su:
        f["s_imports"] = su.get("gui_imported_s")
        f["s_main"] = su.get("main_entered_s")
        f["s_window"] = round(su.get("window_shown_s", 0) - su.get("gui_imported_s", 0), 2)
        f["s_open"] = round(
            su.get("opened_s", 0) - su.get("window_shown_s", 0) - su.get("kdf_s", 0), 2
        )
        f["s_list"] = round(su.get("list_painted_s", 0) - su.get("opened_s", 0), 2)
        f["s_kdf"] = su.get("kdf_s")
        parts = {
            "starting the bundle": f["s_main"] or 0,
            "imports": (f["s_imports"] or 0) - (f["s_main"] or 0),
            "building the window": f["s_window"],
            "opening the store": f["s_open"],
            "loading the list": f["s_list"],
        }
        top = max(parts, key=parts.get)
        total = sum(parts.values()) or 1
        f["s_dominant"] = f"{top} ({round(100 * parts[top] / total)}% of the start)"
    w = results.get("window", {})
    stalls = {
        k: v
        for k, v in w.items()
        if (k.startswith("stall_") or k == "search_stall_ms") and isinstance(v, int | float)
    }
    if stalls:
        worst = max(stalls, key=stalls.get)
        f["worst_stall_name"] = worst.replace("stall_", "").replace("_ms", "").replace("_", " ")
        f["worst_stall_ms"] = stalls[worst]
    f["window_load"] = w.get("load_average_at_start", "?")
    f["idle_gap"] = w.get("idle_gap_ms")
    br = results.get("briefing", {})
    small, large = br.get("small") or {}, br.get("large") or {}
    f["brief_small"], f["brief_large"] = small.get("cases", "?"), large.get("cases", "?")
    f["blob_gib"] = get(results, "blobs.gib") or cfg.get("blob_gib", "?")
    f["blob_open_s"], f["blob_open_empty_s"] = (
        get(results, "blobs.open_s"),
        get(results, "blobs.open_empty_s"),
    )
    f["blob_close_s"] = get(results, "blobs.close_s")
    if small.get("seconds") and small.get("cases"):
        f["brief_ms_case"] = round(small["seconds"] / small["cases"] * 1000)
        f["brief_pages"] = small.get("pages")
    return f


# --- goals and rows ------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """`figure` (or the ratio, if on_ratio) must be < / <= / within the bound(s)."""

    text: str
    high: float | None = None
    low: float | None = None
    inclusive: bool = True
    on_ratio: bool = False

    def met(self, figure: float | None, ratio: float | None) -> bool | None:
        x = ratio if self.on_ratio else figure
        if x is None:
            return None
        if self.low is not None and x < self.low:
            return False
        if self.high is not None:
            return x <= self.high if self.inclusive else x < self.high
        return True


@dataclass(frozen=True)
class Row:
    key: str  # metric id, also the key into GAPS
    label: str
    unit: str
    figure: Callable[[dict], object]
    baseline: Callable[[dict], object] | None = None
    baseline_label: str = ""
    goal: Goal | Callable[[dict], Goal | None] | None = None


def _p(path: str) -> Callable[[dict], object]:
    return lambda r: get(r, path)


def _stall(key: str, label: str) -> Row:
    return Row(
        f"window.{key}",
        label,
        "ms",
        _p(f"window.{key}"),
        _p("window.idle_gap_ms"),
        "idle",
        Goal("< 100 ms", 100, inclusive=False),
    )


def _scaling_goal(r: dict) -> Goal | None:
    """time(large)/time(small) within 1.1 x the size ratio (issue 4: linear work per case)."""
    small, large = get(r, "briefing.small.cases"), get(r, "briefing.large.cases")
    if not small or not large or small == large:
        return None
    bound = round(large / small * 1.1, 1)
    return Goal(
        f"≤ {bound:g} (1.1 × {large // small if large % small == 0 else round(large / small, 1)})",
        bound,
    )


AREAS: dict[str, list[Row]] = {
    "Store (SQLCipher vs plain SQLite, same schema and pragmas)": [
        Row(
            "store.insert",
            "Insert every case and event (batches of 5,000)",
            "s",
            _p("store.insert_sqlcipher_s"),
            _p("store.insert_sqlite_s"),
            "plain SQLite",
            Goal("ratio ≤ 1.2", 1.2, on_ratio=True),
        ),
        Row(
            "store.insert_cpu",
            "Insert, CPU time of the inserting process",
            "s",
            _p("store.insert_sqlcipher_cpu_s"),
            _p("store.insert_sqlite_cpu_s"),
            "plain SQLite",
        ),
        Row(
            "store.edit_event",
            "Edit one event in its own write (median of 50)",
            "ms",
            _p("store.edit_event_ms_sqlcipher"),
            _p("store.edit_event_ms_sqlite"),
            "plain SQLite",
        ),
        Row(
            "store.edit_event_cpu",
            "Edit one event, CPU time (median of 50)",
            "ms",
            _p("store.edit_event_cpu_ms_sqlcipher"),
            _p("store.edit_event_cpu_ms_sqlite"),
            "plain SQLite",
        ),
        Row(
            "store.update_event",
            "Edit one event through the services (update_event, median of 50)",
            "ms",
            _p("store.update_event_ms"),
        ),
        Row(
            "store.search_median",
            "Search, median of the query set",
            "ms",
            _p("store.search_median_ms_sqlcipher"),
            _p("store.search_median_ms_sqlite"),
            "plain SQLite",
            Goal("< 50 ms", 50, inclusive=False),
        ),
        Row(
            "store.search_p95",
            "Search, 95th percentile",
            "ms",
            _p("store.search_p95_ms_sqlcipher"),
            _p("store.search_p95_ms_sqlite"),
            "plain SQLite",
        ),
        *[
            Row(
                f"store.search_{k}",
                f"Search, median: {lab}",
                "ms",
                _p(f"store.search_by_kind_ms_sqlcipher.{k}"),
                _p(f"store.search_by_kind_ms_sqlite.{k}"),
                "plain SQLite",
            )
            for k, lab in (
                ("chinese_name", "Chinese names (whole)"),
                ("chinese_2char", "Chinese, 2 characters"),
                ("pinyin", "pinyin fragment"),
                ("pinyin_full", "full pinyin name"),
                ("common_word", "common word (place, 'note')"),
            )
        ],
        Row(
            "store.kdf_calibrated",
            "Unlock: Argon2id KDF, calibrated",
            "s",
            _p("store.kdf_calibrated_s"),
            goal=Goal("about 1 s (0.5–1.5 s)", 1.5, 0.5),
        ),
        Row(
            "store.kdf_floor",
            "Unlock: Argon2id KDF at the floor (64 MiB, t=3, p=4)",
            "s",
            _p("store.kdf_s"),
        ),
        Row(
            "store.open_after_kdf",
            "Unlock: open after the KDF (header, key, counter)",
            "s",
            _p("store.open_after_kdf_s"),
        ),
        Row(
            "store.size",
            "Store size on disk",
            "MB",
            _p("store.store_mb"),
            _p("store.store_mb_sqlite"),
            "plain SQLite",
        ),
    ],
    "Window (offscreen, the store above built through the services)": [
        Row(
            "window.first_paint",
            "First page of the case list painted, from the passphrase",
            "s",
            _p("window.first_paint_s"),
        ),
        Row("window.whole_list", "Whole list loaded", "s", _p("window.whole_list_s")),
        Row(
            "window.longest_stall",
            "Worst UI-thread stall (any of those below)",
            "ms",
            _p("window.longest_stall_ms"),
            _p("window.idle_gap_ms"),
            "idle",
            Goal("< 100 ms", 100, inclusive=False),
        ),
        _stall("stall_while_opening_ms", "Stall while opening"),
        _stall("stall_scrolling_ms", "Stall while scrolling"),
        _stall("search_stall_ms", "Stall during search as you type"),
        _stall("stall_fast_typing_ms", "Stall, fast typing while scrolling"),
        _stall("stall_as_of_ms", "Stall when the as-of day changes"),
        _stall("stall_sort_ms", "Stall when sorting by days in custody"),
        Row(
            "window.keystroke",
            "Search per keystroke, median (150 ms debounce included)",
            "ms",
            _p("window.search_keystroke_median_ms"),
        ),
        Row(
            "window.keystroke_worker",
            "Search per keystroke, worker's share, median",
            "ms",
            _p("window.search_worker_median_ms"),
            goal=Goal("< 60 ms", 60, inclusive=False),
        ),
        Row(
            "window.as_of",
            "As-of day change, to the new list",
            "s",
            _p("window.as_of_change_s"),
            goal=Goal("< 2 s", 2, inclusive=False),
        ),
    ],
    "One edit in the window (an event edited with its case shown; bench_edit)": [
        Row(
            "edit.ui_block",
            "UI thread busy from the click to the event loop, median",
            "ms",
            _p("edit.ui_block_ms"),
            goal=Goal("< 16 ms (one frame)", 16, inclusive=False),
        ),
        Row("edit.changed", "Click to `changed` (the store answered)", "ms", _p("edit.changed_ms")),
        Row(
            "edit.stall",
            "Longest UI-thread gap over the edit, the views redrawn",
            "ms",
            _p("edit.stall_ms"),
            goal=Goal("< 100 ms", 100, inclusive=False),
        ),
        Row("edit.undo_block", "Undo: UI thread busy, median", "ms", _p("edit.undo_block_ms")),
    ],
    "Cold start to an unlocked window with the list painted (offscreen, KDF excluded)": [
        Row(
            "startup.frozen_demo",
            "Frozen app, demo store, median",
            "s",
            _p("startup.frozen.demo.ready_s"),
            _p("startup.source.demo.ready_s"),
            "source tree",
            Goal("< 1.5 s", 1.5, inclusive=False),
        ),
        Row(
            "startup.frozen_demo_first",
            "Frozen app, demo store, first run (files evicted from cache)",
            "s",
            _p("startup.frozen.demo.first_ready_s"),
            _p("startup.source.demo.first_ready_s"),
            "source tree",
            Goal("< 1.5 s", 1.5, inclusive=False),
        ),
        Row(
            "startup.frozen_big",
            "Frozen app, big store (first page painted), median",
            "s",
            _p("startup.frozen.big.ready_s"),
            _p("startup.source.big.ready_s"),
            "source tree",
        ),
        Row(
            "startup.kdf",
            "KDF left out (frozen, demo store, median)",
            "s",
            _p("startup.frozen.demo.median.kdf_s"),
        ),
    ],
    "Briefing packets (vs bare reportlab, same page count)": [
        Row(
            "briefing.small",
            "{brief_small} cases, wall",
            "s",
            _p("briefing.small.seconds"),
            _p("briefing.small.baseline_seconds"),
            "bare reportlab",
            lambda r: (
                Goal("< 10 s", 10, inclusive=False)
                if get(r, "briefing.small.cases") == 100
                else None
            ),
        ),
        Row(
            "briefing.small_cpu",
            "{brief_small} cases, CPU",
            "s",
            _p("briefing.small.cpu"),
            _p("briefing.small.baseline_cpu"),
            "bare reportlab",
        ),
        Row(
            "briefing.large",
            "{brief_large} cases, wall",
            "s",
            _p("briefing.large.seconds"),
            _p("briefing.large.baseline_seconds"),
            "bare reportlab",
        ),
        Row(
            "briefing.large_cpu",
            "{brief_large} cases, CPU",
            "s",
            _p("briefing.large.cpu"),
            _p("briefing.large.baseline_cpu"),
            "bare reportlab",
        ),
        Row(
            "briefing.scaling_cpu",
            "Time({brief_large}) / time({brief_small}), CPU",
            "×",
            _p("briefing.scaling_cpu"),
            goal=_scaling_goal,
        ),
        Row(
            "briefing.scaling_wall",
            "Time({brief_large}) / time({brief_small}), wall",
            "×",
            _p("briefing.scaling_wall"),
        ),
    ],
    "Share file (export and import vs the age CLI on the same bytes)": [
        Row(
            "share.export",
            "Export (read store, sign, age-encrypt, write)",
            "s",
            _p("share.export_s"),
            _p("share.age_encrypt_s"),
            "age -r",
            Goal("≤ 1.5 × age", 1.5, on_ratio=True),
        ),
        Row(
            "share.import",
            "Import (one pass: decrypt, verify, stage blobs; then apply)",
            "s",
            _p("share.import_s"),
            _p("share.age_decrypt_fsync_s"),
            "age -d to a file + fsync",
            Goal("≤ 2.0 × age", 2.0, on_ratio=True),
        ),
        Row(
            "share.import_vs_devnull",
            "Import, against age -d writing nowhere",
            "s",
            _p("share.import_s"),
            _p("share.age_decrypt_s"),
            "age -d > /dev/null",
        ),
        Row(
            "share.export_durable",
            "Export, against age -r with its file fsynced (the export fsyncs before its rename)",
            "s",
            _p("share.export_s"),
            _p("share.age_encrypt_fsync_s"),
            "age -r + fsync",
        ),
        Row(
            "share.export_cpu",
            "Export, CPU seconds (all threads) against age -r's",
            "s",
            _p("share.export_cpu_s"),
            _p("share.age_encrypt_cpu_s"),
            "age -r CPU",
        ),
        Row(
            "share.import_cpu",
            "Import, CPU seconds (all threads) against age -d + fsync's",
            "s",
            _p("share.import_cpu_s"),
            _p("share.age_decrypt_fsync_cpu_s"),
            "age -d + fsync CPU",
        ),
        Row("share.store_read", "Store alone: read the attachments", "s", _p("share.read_s")),
        Row("share.store_write", "Store alone: write the attachments", "s", _p("share.write_s")),
        Row(
            "share.export_memory",
            "Export: RSS rise during the export",
            "MiB",
            _p("share.export_rss_rise_mib"),
            goal=Goal("flat: < 128 MiB", 128, inclusive=False),
        ),
        Row(
            "share.import_memory",
            "Import: RSS rise during the import",
            "MiB",
            _p("share.import_rss_rise_mib"),
            goal=Goal("flat: < 128 MiB", 128, inclusive=False),
        ),
    ],
    "Open and close with the attachments kept (blobs beside the store; KDF excluded)": [
        Row(
            "blobs.open",
            "Open after the KDF, {blob_gib} GiB of attachments, median",
            "s",
            _p("blobs.open_s"),
            _p("blobs.open_empty_s"),
            "no attachments",
            Goal("< 0.5 s", 0.5, inclusive=False),
        ),
        Row(
            "blobs.close",
            "Clean close after a change (seals), {blob_gib} GiB of attachments, median",
            "s",
            _p("blobs.close_s"),
            _p("blobs.close_empty_s"),
            "no attachments",
            Goal("< 0.5 s", 0.5, inclusive=False),
        ),
        Row("blobs.worst", "Slowest open or close of the runs", "s", _p("blobs.close_max_s")),
        Row(
            "blobs.old_seal",
            "The old design: seal digest over the same bytes (added to each open and close)",
            "s",
            _p("blobs.seal_digest_s"),
        ),
        Row("blobs.write", "Writing the attachments into blobs", "MiB/s", _p("blobs.write_mib_s")),
    ],
}

# Peak memory (ru_maxrss of each child process, from wait4): (label, figure path, baseline path, baseline label).
MEMORY: list[tuple[str, str, str | None, str]] = [
    (
        "Store: SQLCipher insert + search",
        "store.peak_rss_mib_sqlcipher",
        "store.peak_rss_mib_sqlite",
        "plain SQLite",
    ),
    ("Store: unlock (KDF + open)", "store.peak_rss_mib_unlock", None, ""),
    ("Window: build the store (services.bulk)", "window.peak_rss_mib_build", None, ""),
    ("Window: the benchmark's window process", "window.peak_rss_mib", None, ""),
    (
        "Start-up: frozen app, demo store",
        "startup.frozen.demo.peak_rss_mib",
        "startup.source.demo.peak_rss_mib",
        "source tree",
    ),
    (
        "Start-up: frozen app, big store",
        "startup.frozen.big.peak_rss_mib",
        "startup.source.big.peak_rss_mib",
        "source tree",
    ),
    (
        "Briefing: smaller packet",
        "briefing.small.peak_rss_mib",
        "briefing.small.baseline_peak_rss_mib",
        "bare reportlab",
    ),
    (
        "Briefing: larger packet",
        "briefing.large.peak_rss_mib",
        "briefing.large.baseline_peak_rss_mib",
        "bare reportlab",
    ),
    ("Share: export", "share.peak_rss_mib_export", "share.peak_rss_mib_age_encrypt", "age -r"),
    ("Share: import", "share.peak_rss_mib_import", "share.peak_rss_mib_age_decrypt", "age -d"),
    ("Share: setup (attachments into store A)", "share.peak_rss_mib_setup", None, ""),
    ("Blobs: open and close", "blobs.peak_rss_mib_openclose", None, ""),
]


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, values: dict) -> str:
    """The template with the run's figures; '?' for any figure the run lacks."""
    return string.Formatter().vformat(
        template, (), _Safe({k: v for k, v in values.items() if v is not None})
    )


# --- the report ------------------------------------------------------------------------


def _fmt(x) -> str:
    """Three significant digits or so, no trailing zeros: 110, 12.5, 1.02, 0.458."""
    if x is None:
        return "—"
    if isinstance(x, bool) or not isinstance(x, int | float):
        return str(x)
    text = (
        f"{x:,.0f}"
        if abs(x) >= 100
        else f"{x:.1f}"
        if abs(x) >= 10
        else f"{x:.3g}"
        if abs(x) >= 0.001
        else f"{x:.2g}"
    )
    return text.rstrip("0").rstrip(".") if "." in text and "e" not in text else text


def _with_unit(x, unit: str) -> str:
    return "—" if x is None else f"{_fmt(x)} {unit}".rstrip()


def evaluate(results: dict) -> list[dict]:
    """Every row with its figure, baseline, ratio and verdict ("met", "missed",
    "not measured", or "reported" where no goal was set)."""
    out = []
    values = facts(results)
    for area, rows in AREAS.items():
        for row in rows:
            fig = row.figure(results)
            fig = fig if isinstance(fig, int | float) else None
            base = row.baseline(results) if row.baseline else None
            base = base if isinstance(base, int | float) else None
            ratio = _div(fig, base)
            goal = row.goal(results) if callable(row.goal) else row.goal
            verdict = (
                "not measured"
                if fig is None
                else "reported"
                if goal is None
                else {True: "met", False: "missed", None: "not measured"}[goal.met(fig, ratio)]
            )
            out.append(
                {
                    "area": area,
                    "key": row.key,
                    "label": fill(row.label, values),
                    "unit": row.unit,
                    "figure": fig,
                    "baseline": base,
                    "baseline_label": row.baseline_label,
                    "ratio": ratio,
                    "goal": goal.text if goal else None,
                    "verdict": verdict,
                }
            )
    return out


def render(results: dict) -> str:
    """REPORT.md's text."""
    m = results.get("machine", {})
    cfg = results.get("config", {})
    rows = evaluate(results)
    values = facts(results)
    lines = [
        "# Dossier benchmark report",
        "",
        "Written by `make bench` (`benchmarks/run_all.py`); figures and baselines below were measured in the "
        "same run, each benchmark phase in its own process. Raw figures: `benchmarks/results.json`.",
        "",
    ]
    if not cfg.get("at_goal_scale", False):
        lines += [
            "> **Quick run**: sizes below the goals' scale (50,000 cases, 1 GiB share, 100 and 1,000-case "
            "briefings). Verdicts are computed but only a full `make bench` run counts.",
            "",
        ]
    lines += [
        "## Machine",
        "",
        f"- CPU: {m.get('cpu', '?')}, {m.get('cores', '?')} cores; RAM {m.get('ram_gib', '?')} GiB; {m.get('os', '?')}",
        f"- Load average (1/5/15 min): {_la(m.get('load_average_at_start'))} at the start, "
        f"{_la(m.get('load_average_at_end'))} at the end (the machine is shared; ratios against same-run "
        "baselines are the robust figures)",
        f"- Python {m.get('python', '?')}, SQLCipher {m.get('sqlcipher', '?')} (SQLite {m.get('sqlite', '?')}), "
        f"PySide6 {m.get('pyside6', '?')}",
        f"- Date: {m.get('date', '?')}; the run took {_with_unit(results.get('total_s'), 's')}",
        f"- Sizes: {cfg.get('cases', 0):,} cases / {cfg.get('events', 0):,} events; share "
        f"{cfg.get('share_mb', '?')} MiB; briefings of {', '.join(str(x) for x in cfg.get('briefing_sizes', []))} "
        f"cases; start-up median of {cfg.get('startup_runs', '?')} runs plus a first run",
    ]
    when = results.get("measured_at") or {}
    if len(set(when.values())) > 1:  # a subset was refreshed later (DOSSIER_BENCH_ONLY)
        lines.append(
            "- Measured: "
            + "; ".join(f"{k} {v}" for k, v in when.items())
            + " (each benchmark against its own baseline, in the same process run)"
        )
    lines.append("")
    for area in AREAS:
        lines += [
            f"## {area}",
            "",
            "| Measure | Figure | Baseline | Ratio | Goal | Verdict |",
            "|---|---:|---:|---:|---|---|",
        ]
        for r in (r for r in rows if r["area"] == area):
            base = (
                f"{_with_unit(r['baseline'], r['unit'])} ({r['baseline_label']})"
                if r["baseline"] is not None
                else "—"
            )
            verdict = {"met": "met", "missed": "**missed**"}.get(r["verdict"], r["verdict"])
            lines.append(
                f"| {r['label']} | {_with_unit(r['figure'], r['unit'])} | {base} | {_fmt(r['ratio'])} | "
                f"{r['goal'] or '—'} | {verdict} |"
            )
        for note in _notes(area, results):
            lines += ["", note]
        lines.append("")
    lines += [
        "## Peak memory (each phase's own process, ru_maxrss)",
        "",
        "| Process | Peak | Baseline | Ratio |",
        "|---|---:|---:|---:|",
    ]
    for label, path, bpath, blabel in MEMORY:
        fig, base = get(results, path), get(results, bpath) if bpath else None
        if fig is None:
            continue
        based = f"{_with_unit(base, 'MiB')} ({blabel})" if base is not None else "—"
        lines.append(f"| {label} | {_with_unit(fig, 'MiB')} | {based} | {_fmt(_div(fig, base))} |")
    lines.append("")
    missed = [r for r in rows if r["verdict"] == "missed"]
    lines += ["## Goals missed: the gap and what would close it", ""]
    if not missed:
        lines += ["Every goal with a figure was met in this run.", ""]
    seen: set[str] = set()
    for r in missed:
        text = GAPS.get(r["key"], "No explanation written yet for this measure.")
        ratio = f" (ratio {_fmt(r['ratio'])})" if r["ratio"] is not None else ""
        lines += [
            f"### {r['label']}: {_with_unit(r['figure'], r['unit'])}{ratio}, goal {r['goal']}",
            "",
        ]
        lines += [fill(text, values) if text not in seen else "(As above.)", ""]
        seen.add(text)
    errors = {k: v["error"] for k, v in results.items() if isinstance(v, dict) and "error" in v}
    if errors:
        lines += (
            ["## Benchmarks that failed in this run", ""]
            + [f"- {k}: {v}" for k, v in errors.items()]
            + [""]
        )
    return "\n".join(lines)


def _la(values) -> str:
    return " / ".join(str(x) for x in values) if values else "?"


def _notes(area: str, results: dict) -> list[str]:
    """Run-specific remarks under a table (why a figure is absent)."""
    notes = []
    if area.startswith("Cold start"):
        st = results.get("startup", {})
        if st.get("frozen_note"):
            notes.append(f"Frozen app: {st['frozen_note']}.")
        if st.get("big_store_note"):
            notes.append(f"Big store: {st['big_store_note']}.")
        if st.get("big_store_cases"):
            notes.append(
                f"The big store is the window benchmark's ({st['big_store_cases']:,} cases), facts "
                "brought up to today before the runs."
            )
    if area.startswith("Window"):
        notes.append(
            "No figure for the first paint is set in the issues; it is reported, not judged."
        )
    return notes


def write(results: dict, report: Path, json_paths: list[Path]) -> None:
    """REPORT.md and the JSON copies (atomically, so a failed run never leaves half a file)."""
    from dossier.core.fileio import atomic_write_bytes

    text = json.dumps(results, indent=2, default=str, ensure_ascii=False) + "\n"
    for p in json_paths:
        p.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(p, text.encode("utf-8"))
    report.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(report, render(results).encode("utf-8"))


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else HERE / "results.json"
    results = json.loads(src.read_text(encoding="utf-8"))
    out = Path(argv[1]) if len(argv) > 1 else src.with_name("REPORT.md")
    out.write_text(render(results), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
