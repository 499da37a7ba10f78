"""The benchmark report: verdicts computed from the figures, gaps explained with the
run's own numbers, and the harness's per-process peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.harness import percentile

from benchmarks import report


def results(insert_ratio: float = 1.1, stall: float = 40.0, export_s: float = 12.0) -> dict:
    """A small synthetic run at the goals' scale."""
    return {
        "machine": {
            "cpu": "Test CPU",
            "cores": 2,
            "ram_gib": 8.0,
            "python": "3.11.9",
            "sqlcipher": "4.6.1 community",
            "sqlite": "3.46.1",
            "pyside6": "6.11.3",
            "date": "2026-01-01 00:00 UTC",
            "load_average_at_start": [1.0, 1.5, 2.0],
            "load_average_at_end": [2.0, 2.0, 2.0],
        },
        "config": {
            "cases": 50_000,
            "events": 500_000,
            "share_mb": 1024,
            "briefing_sizes": [100, 1000],
            "startup_runs": 5,
            "blob_gib": 5.0,
            "at_goal_scale": True,
        },
        "store": {
            "insert_sqlcipher_s": round(100 * insert_ratio, 2),
            "insert_sqlite_s": 100.0,
            "search_median_ms_sqlcipher": 30.0,
            "search_median_ms_sqlite": 10.0,
            "search_p95_ms_sqlcipher": 70.0,
            "search_p95_ms_sqlite": 20.0,
            "search_by_kind_ms_sqlcipher": {"pinyin": 25.0, "common_word": 60.0},
            "kdf_calibrated_s": 1.02,
            "kdf_s": 0.3,
            "open_after_kdf_s": 0.03,
            "peak_rss_mib_sqlcipher": 300.0,
            "peak_rss_mib_sqlite": 250.0,
        },
        "window": {
            "first_paint_s": 1.2,
            "longest_stall_ms": stall,
            "stall_scrolling_ms": stall,
            "search_stall_ms": 20.0,
            "load_average_at_start": 1.0,
            "peak_rss_mib": 900.0,
        },
        "startup": {
            "frozen": {
                "demo": {
                    "ready_s": 1.2,
                    "first_ready_s": 1.9,
                    "peak_rss_mib": 200.0,
                    "median": {
                        "main_entered_s": 0.1,
                        "gui_imported_s": 0.8,
                        "window_shown_s": 1.0,
                        "opened_s": 2.1,
                        "kdf_s": 1.0,
                        "list_painted_s": 2.2,
                    },
                }
            },
            "source": {"demo": {"ready_s": 1.6, "first_ready_s": 2.5, "peak_rss_mib": 210.0}},
        },
        "briefing": {
            "small": {
                "cases": 100,
                "seconds": 7.0,
                "cpu": 4.0,
                "baseline_seconds": 1.0,
                "pages": 181,
            },
            "large": {"cases": 1000, "seconds": 80.0, "cpu": 48.0, "baseline_seconds": 12.0},
            "scaling_wall": 11.4,
            "scaling_cpu": 12.0,
        },
        "share": {
            "mib": 1024.0,
            "export_s": export_s,
            "age_encrypt_s": 8.0,
            "import_s": 40.0,
            "age_decrypt_s": 4.0,
            "age_decrypt_fsync_s": 8.0,
            "read_s": 20.0,
            "write_s": 30.0,
            "verify_s": 10.0,
            "apply_s": 30.0,
            "export_rss_rise_mib": 9.0,
            "import_rss_rise_mib": 41.0,
        },
        "blobs": {
            "gib": 5.0,
            "open_s": 0.04,
            "open_empty_s": 0.03,
            "close_s": 0.6,
            "close_empty_s": 0.02,
            "close_max_s": 0.7,
            "seal_digest_s": 9.0,
            "write_mib_s": 300.0,
        },
    }


def verdicts(res: dict) -> dict[str, str]:
    return {r["key"]: r["verdict"] for r in report.evaluate(res)}


def test_verdicts_follow_the_figures() -> None:
    v = verdicts(results())
    assert v["store.insert"] == "met"  # 1.1 <= 1.2
    assert v["store.search_median"] == "met"  # 30 < 50
    assert v["window.longest_stall"] == "met"
    assert v["startup.frozen_demo"] == "met" and v["startup.frozen_demo_first"] == "missed"
    assert v["briefing.small"] == "met"  # 7 s < 10 s
    assert v["briefing.scaling_cpu"] == "missed"  # 12 > 11
    assert v["share.export"] == "met"  # 12 / 8 = 1.5, inclusive
    assert v["share.import"] == "missed"  # 40 / 8 > 2.0 (age -d to a file + fsync)
    assert v["blobs.open"] == "met" and v["blobs.close"] == "missed"  # 0.04 s; 0.6 s
    assert v["window.first_paint"] == "reported"  # no goal set
    v = verdicts(results(insert_ratio=1.31, stall=100.0, export_s=12.5))
    assert (
        v["store.insert"] == "missed"
        and v["window.longest_stall"] == "missed"
        and v["share.export"] == "missed"
    )


def test_report_has_tables_and_explains_each_missed_goal() -> None:
    text = report.render(results(stall=180.0))
    assert "Test CPU, 2 cores" in text and "1.0 / 1.5 / 2.0 at the start" in text
    assert (
        "| Insert every case and event (batches of 5,000) | 110 s | 100 s (plain SQLite) | 1.1 | ratio ≤ 1.2 | met |"
        in text
    )
    assert "| Search, median: full pinyin name | — | — | — | — | not measured |" in text
    assert (
        "| Worst UI-thread stall (any of those below) | 180 ms | — | — | < 100 ms | **missed** |"
        in text
    )
    gaps = text.split("## Goals missed")[1]
    for label in ("Worst UI-thread stall", "Import (one pass", "Time(1000) / time(100), CPU"):
        assert f"### {label}" in gaps
    assert "Export (read store" not in gaps  # met: no paragraph
    assert "scrolling (180.0 ms" in gaps  # the run's own figures in the text
    assert "a pass of 10.0 s" in gaps and "{" not in gaps  # every placeholder filled
    assert "### Clean close after a change (seals), 5.0 GiB of attachments, median" in gaps
    assert "Quick run" not in text


def test_quick_and_empty_runs_still_render() -> None:
    res = results()
    res["config"]["at_goal_scale"] = False
    res["share"] = {"error": "RuntimeError: age failed"}
    text = report.render(res)
    assert "Quick run" in text and "- share: RuntimeError: age failed" in text
    assert verdicts(res)["share.export"] == "not measured"
    empty = report.render({})
    assert "## Machine" in empty and "not measured" in empty


def test_write_puts_report_and_json_in_place(tmp_path: Path) -> None:
    res = results()
    report.write(res, tmp_path / "REPORT.md", [tmp_path / "a.json", tmp_path / "out" / "b.json"])
    assert (
        json.loads((tmp_path / "out" / "b.json").read_text())["store"]["insert_sqlite_s"] == 100.0
    )
    assert (tmp_path / "REPORT.md").read_text().startswith("# Dossier benchmark report")


def test_machine_info_names_the_versions() -> None:
    info = report.machine_info()
    assert (
        info["cores"]
        and info["python"]
        and "community" in info["sqlcipher"].lower()
        or info["sqlcipher"]
    )
    assert info["pyside6"] != "unknown"


def test_percentile_by_nearest_rank() -> None:
    assert percentile(list(range(1, 21)), 95) == 19
    assert percentile([5.0], 95) == 5.0
    with pytest.raises(ValueError):
        percentile([], 50)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
def test_run_process_reports_the_childs_own_peak() -> None:
    # Measured from a fresh, small interpreter: Linux hands the caller's own high-water
    # RSS to the child at exec, and a pytest worker may hold a gigabyte by now.
    code = "b = bytearray(80 * 2**20); b[::4096] = b'x' * len(b[::4096])"
    probe = (
        "import json, sys; from benchmarks.harness import run_process; "
        f"print(json.dumps(run_process([sys.executable, '-c', {code!r}])))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    seconds, peak, rc = json.loads(out)
    assert rc == 0 and seconds > 0
    assert 80 <= peak < 400


def test_store_gaps_quote_the_same_runs_attribution() -> None:
    res = results(insert_ratio=2.5)
    res["store"]["search_median_ms_sqlcipher"] = 60.0
    res["store"].update(
        {
            "search_session_ms_sqlcipher": 10.2,
            "search_session_ms_sqlite": 7.3,
            "attribution": {
                "cases": 1500,
                "plain_cpu_s": 1.8,
                "keyed_memsec_off_cpu_s": 1.3,
                "keyed_memsec_on_cpu_s": 4.1,
                "plain_search_ms": 8.8,
                "keyed_memsec_off_search_ms": 6.4,
                "keyed_memsec_on_search_ms": 26.8,
            },
        }
    )
    gaps = report.render(res).split("## Goals missed")[1]
    assert "(SECURITY.md) — 1.3, and ON, as it ran before, 4.1" in gaps
    assert "10.2 ms on SQLCipher vs 7.3 ms on SQLite" in gaps and "26.8 ms with it ON" in gaps
    assert "common word (60.0 ms)" in gaps
