"""One edit in the window: how long the UI thread is blocked, and how long until the views hear.

Issue 14 item 2: the window performs operations on the worker and never writes on the
UI thread. Before, an undoable edit ran `write_sync` on the UI thread (commit, header
fsync, seal) and the case list reloaded every row after it. This measures, for an event
edit made the way the event editor makes it (an `EditEvent` command handed to the undo
layer) with the case shown:

- `ui_block_ms`: the time the UI thread is busy from the "click" until it returns to the
  event loop (the call into the undo layer);
- `changed_ms`: the time from the click until `Backend.changed` arrives (the store
  answered and the views were told);
- `stall_ms`: the longest UI-thread gap (5 ms heartbeat) over the whole edit, including
  the views redrawing what changed;
- the same for undo and redo (`undo_block_ms`, `undo_changed_ms`).

Each figure is the median over EDITS edits (the worst is kept too). Sizes: the store of
bench_window (DOSSIER_BENCH_CASES, default 5,000 here: the effect shows at any size).
Run: `QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_edit [N_CASES]`.
"""

from __future__ import annotations

import copy
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from .bench_window import PASSPHRASE, Heartbeat, _spin, build_store, store_path  # noqa: E402
from .harness import OUT, emit, run_child  # noqa: E402

EDITS = 15
DEFAULT_CASES = 5000


def main(n_cases: int | None = None) -> dict:
    """Build the window benchmark's store if needed, then measure; each in a child."""
    n_cases = n_cases or int(os.environ.get("DOSSIER_BENCH_EDIT_CASES") or DEFAULT_CASES)
    OUT.mkdir(parents=True, exist_ok=True)
    if not store_path(n_cases).exists():
        print(f"building a {n_cases:,}-case store…", flush=True)
        run_child("bench_window", "--phase", "build", str(n_cases))
    return run_child("bench_edit", "--phase", "measure", str(n_cases))


def _stats(results: dict, key: str, values: list[float]) -> None:
    results[key] = round(statistics.median(values), 2)
    results.setdefault("worst_ms", {})[key] = round(max(values), 2)


def measure(n_cases: int) -> dict:
    """The measurements, in this process (a QApplication of its own)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from dossier.gui import undo
    from dossier.gui.app import apply_style
    from dossier.gui.backend import Backend
    from dossier.gui.main_window import MainWindow
    from dossier.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    settings = Settings(
        QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    )
    backend = Backend()
    window = MainWindow(backend, settings)
    window.resize(1400, 900)
    window.show()
    loaded: dict[str, float] = {}
    window.list_panel.loaded.connect(lambda n: loaded.setdefault("t", time.perf_counter()))
    window.open_with_passphrase(store_path(n_cases), PASSPHRASE)
    if not _spin(app, 600, lambda: "t" in loaded):
        raise RuntimeError("the list never loaded")
    backend.wait_idle(60)
    model = window.list_panel.model
    case_id = model.case_id(model.rowCount() // 2)
    window.show_case_id(case_id)
    _spin(app, 1.0)
    backend.wait_idle(60)
    event = backend.call_sync(lambda d, c: d.get_case(c).events[0], case_id)

    arrived: list[float] = []
    backend.changed.connect(lambda *_a: arrived.append(time.perf_counter()))
    hb = Heartbeat()
    stack = window.undo_stack

    def timed(action) -> tuple[float, float, float]:
        arrived.clear()
        _spin(app, 0.05)
        hb.start()
        t0 = time.perf_counter()
        action()
        block = (time.perf_counter() - t0) * 1000
        if not _spin(app, 60, lambda: bool(arrived)):
            raise RuntimeError("changed never arrived")
        backend.wait_idle(60)
        _spin(app, 0.3)  # the views' debounced reloads
        stall = hb.stop()
        return block, (arrived[0] - t0) * 1000, stall

    blocks, changes, stalls, ublocks, uchanges = [], [], [], [], []
    for i in range(EDITS):
        ev = copy.deepcopy(event)
        ev.note = f"benchmark edit {i}"
        b, c, s = timed(lambda e=ev: undo.push(stack, undo.EditEvent(backend, e)))
        blocks.append(b)
        changes.append(c)
        stalls.append(s)
        b, c, _s = timed(stack.undo)
        ublocks.append(b)
        uchanges.append(c)
        timed(stack.redo)
    results: dict = {
        "cases": n_cases,
        "events": n_cases * 10,
        "edits": EDITS,
        "load_average_at_start": round(os.getloadavg()[0], 1),
    }
    _stats(results, "ui_block_ms", blocks)
    _stats(results, "changed_ms", changes)
    _stats(results, "stall_ms", stalls)
    _stats(results, "undo_block_ms", ublocks)
    _stats(results, "undo_changed_ms", uchanges)
    window.lock()
    backend.shutdown()
    for k, v in results.items():
        print(f"  {k:24} {v}")
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        n = int(sys.argv[3])
        if sys.argv[2] == "build":
            emit({"build_s": round(build_store(store_path(n), n), 1)})
        else:
            emit(measure(n))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
