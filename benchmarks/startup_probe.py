"""The start-up probe of benchmarks/bench_startup.py, kept out of the product.

`python benchmarks/startup_probe.py gui STORE` is `dossier gui STORE` (dossier.launcher)
with timing hooks wrapped around the program's own functions — nothing in src/ knows
about it. It notes when each phase of a start is reached — process start, the probe
(in place of main()), Qt and the window's modules imported, the window made and shown,
each Argon2id derivation, the store opened, the case list painted with rows and
wholly loaded — prints them as one JSON line on stderr (PREFIX) and quits. Only times
and a row count are printed, nothing about a case. The KDF is timed by wrapping
crypto.kdf.derive, so that the benchmark can leave it out of the start-up time.

The frozen app cannot run a script, so for it this same file is a PyInstaller runtime
hook: `DOSSIER_BENCH_PROBE=1 make dist` builds a bundle that carries it (build.spec),
and it installs itself there when DOSSIER_STARTUP_TIMING=1. A bundle from a plain
`make dist` has no probe, and the benchmark says so.

Only the standard library is imported before the program's own start, so the probe
costs the start nothing measurable.
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.time()  # the probe runs first: stands for "main() entered"
ENV = "DOSSIER_STARTUP_TIMING"
PREFIX = "DOSSIER_STARTUP_TIMING "
TIMEOUT_MS = 600_000  # never hang a benchmark


def install() -> None:
    """Wrap the launcher's way into the window: once dossier.gui.app is imported (Qt
    and the window's modules loaded), time the window, its start and the KDF."""
    from dossier import launcher

    run_gui = launcher._run_gui

    def timed_run_gui(args) -> int:
        from dossier.gui import app

        _hook(app, imported=time.time())
        return run_gui(args)

    launcher._run_gui = timed_run_gui


def _hook(app, imported: float) -> None:
    """Replace dossier.gui.app's MainWindow (a factory that attaches the timing to the
    window it makes) and start (marks the window shown; a failed open is reported)."""
    make_window, start = app.MainWindow, app.start
    timing: list = []

    def timed_window(backend, *a, **kw):
        window = make_window(backend, *a, **kw)
        timing.append(_timing_class()(window, backend, imported))
        return window

    def timed_start(window, args, on_error=None):
        if not timing:
            return start(window, args, on_error=on_error)
        timing[0].mark("window_shown")
        return start(window, args, on_error=timing[0].failed)

    app.MainWindow, app.start = timed_window, timed_start


def _timing_class():
    """StartupTiming, made on first use: Qt is imported only once the program has."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QGuiApplication

    from dossier.core.fileio import process_started
    from dossier.crypto import kdf

    class StartupTiming(QObject):
        def __init__(self, window, backend, imported: float) -> None:
            super().__init__(window)
            self.window, self.kdf_spans = window, []
            self.marks = {
                "process_start": process_started(),
                "main_entered": STARTED,
                "gui_imported": imported,
                "window_made": time.time(),
            }
            derive, spans = kdf.derive, self.kdf_spans

            def timed_derive(*a, **kw):
                t = time.time()
                try:
                    return derive(*a, **kw)
                finally:
                    spans.append((t, time.time()))

            kdf.derive = timed_derive
            backend.opened.connect(lambda: self.mark("opened"))
            window.list_panel.loaded.connect(lambda _n: self.mark("list_loaded"))
            window.list_panel.table.viewport().installEventFilter(self)
            QTimer.singleShot(TIMEOUT_MS, self.report)

        def mark(self, name: str) -> None:
            self.marks.setdefault(name, time.time())
            if "list_painted" in self.marks and "list_loaded" in self.marks:
                QTimer.singleShot(0, self.report)

        def failed(self, exc: BaseException) -> None:
            """The store did not open: report that (its type, no message), no dialog."""
            self.marks["error"] = type(exc).__name__
            self.report()

        def eventFilter(self, obj, ev) -> bool:  # noqa: N802 (Qt's name)
            if ev.type() == QEvent.Type.Paint and self.window.list_panel.model.rowCount() > 0:
                QTimer.singleShot(0, lambda: self.mark("list_painted"))  # after the paint
            return False

        def report(self) -> None:
            if "reported" in self.marks:
                return
            self.marks["reported"] = time.time()
            info = {
                "marks": self.marks,
                "kdf": self.kdf_spans,
                "rows": self.window.list_panel.model.rowCount(),
                "frozen": bool(getattr(sys, "frozen", False)),
                "platform": QGuiApplication.platformName(),
            }
            sys.stderr.write(PREFIX + json.dumps(info) + "\n")
            sys.stderr.flush()
            QGuiApplication.quit()

    return StartupTiming


def main() -> int:
    """The program, probed: what the `dossier` script does, after install()."""
    install()
    from dossier.launcher import main as program

    return program()


if getattr(sys, "frozen", False):
    if os.environ.get(ENV) == "1":  # a PyInstaller runtime hook, in a probed bundle
        install()
elif __name__ == "__main__":
    sys.exit(main())
