"""Crash reports that work offline and never carry case data.

When the window hits an unexpected exception, the researcher sees a dialog with a
report to copy and send by whatever channel they trust (Anki's "Copy Debug Info").
The report holds the versions (Dossier, Python, Qt, the OS), the exception's type and
its frames as file:line:function — and nothing else: exception messages and local
values can hold names, places and notes from cases, so they are left out, always.
A hard crash (a segfault in Qt or SQLCipher) cannot run Python code, so `faulthandler`
writes the stacks of every thread to a file in the user's log folder; it writes only
stacks (file, line, function), never values.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import platform
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import platformdirs

from dossier import __version__
from dossier.core.fileio import private_folder

FAULT_LOG = "faults.log"
CRASH_LOG = "crashes.log"
_MAX_CHAIN = 5  # causes/contexts followed; a loop or a long chain stops here

_fault_file = None  # kept open for faulthandler for the life of the process
_showing = False  # a failure inside the dialog must not open another dialog


def log_dir() -> Path:
    """The user's log folder for Dossier (created on demand)."""
    return private_folder(platformdirs.user_log_dir("Dossier", appauthor=False))  # 0700


def _short_path(filename: str) -> str:
    """The path from the `dossier` package (or the library) down; never the user's home.

    A full path may name the user (/home/<name>/...) or a case folder; the package-
    relative part is all a developer needs to find the line.
    """
    parts = Path(filename).parts
    for anchor in ("dossier", "site-packages", "lib"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            rest = parts[i:] if anchor == "dossier" else parts[i + 1 :]
            if rest:
                return "/".join(rest)
    return Path(filename).name


def _qt_version() -> str:
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        return f"Qt {qVersion()}, PySide6 {PySide6.__version__}"
    except Exception:  # the report must be written even if Qt is what broke
        return "Qt unknown"


def _frames(tb: TracebackType | None) -> list[str]:
    return [f"  {_short_path(f.filename)}:{f.lineno}:{f.name}" for f in traceback.extract_tb(tb)]


def format_report(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """The copyable report: versions, exception types and frames — no messages, no values."""
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    lines = [
        f"Dossier {__version__} ({frozen})",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"{platform.system()} {platform.release()} {platform.machine()}",
        _qt_version(),
        f"Time (UTC): {datetime.now(UTC).strftime('%Y-%m-%d %H:%M:%S')}",
        "",
        f"{exc_type.__module__}.{exc_type.__qualname__} (message withheld: it may hold case data)",
        *_frames(tb),
    ]
    seen = {id(exc)}
    cur = exc
    for _ in range(_MAX_CHAIN):
        if cur is None:
            break
        nxt = cur.__cause__ or (None if cur.__suppress_context__ else cur.__context__)
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        how = "caused by" if cur.__cause__ is nxt else "while handling"
        t = type(nxt)
        lines += ["", f"{how}: {t.__module__}.{t.__qualname__}", *_frames(nxt.__traceback__)]
        cur = nxt
    return "\n".join(lines) + "\n"


def show_dialog(report: str) -> None:
    """An error dialog with the report in its details and a button that copies it."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QApplication.translate("crash", "Dossier hit an error"),
        QApplication.translate(
            "crash",
            "Something went wrong. Your dossier is safe: every change is saved "
            "in one step or not at all.\n\nThe report below holds no case data "
            "(only versions and where in the program it happened). You may copy it "
            "and send it to the developers.",
        ),
    )
    box.setDetailedText(report)
    copy = box.addButton(
        QApplication.translate("crash", "Copy report"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # keep the dialog open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
    box.exec()


def _append_log(report: str) -> None:
    with contextlib.suppress(OSError):
        with open(log_dir() / CRASH_LOG, "a", encoding="utf-8") as fh:
            fh.write(report + "\n")


def handle(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> None:
    """sys.excepthook: log the report, then show it (once at a time) in the GUI thread."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report = format_report(exc_type, exc, tb)
    _append_log(report)
    if sys.stderr is not None:
        with contextlib.suppress(Exception):
            sys.stderr.write("dossier: unexpected error\n" + report)
    if _showing or threading.current_thread() is not threading.main_thread():
        return  # a worker thread cannot open a window; the log and stderr have it
    _showing = True
    try:
        show_dialog(report)
    except Exception:  # the dialog itself failed: the log and stderr still hold the report
        pass
    finally:
        _showing = False


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    handle(args.exc_type, args.exc_value, args.exc_traceback)


def enable_faulthandler(folder: Path | None = None) -> Path | None:
    """Send hard-crash stacks (all threads) to faults.log in the log folder."""
    global _fault_file
    try:
        path = (folder or log_dir()) / FAULT_LOG
        if _fault_file is None or _fault_file.closed:
            _fault_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 — must stay open
        faulthandler.enable(file=_fault_file, all_threads=True)
        return path
    except OSError:
        return None


def install(app: object | None = None) -> None:
    """Route uncaught exceptions (GUI and worker threads) to the report, and enable the
    fault log. `app` is the QApplication (unused today: the dialog needs no parent; kept
    so that callers need not change if it does). DOSSIER_NO_FAULTHANDLER=1 skips the log."""
    sys.excepthook = handle
    threading.excepthook = _thread_hook
    if os.environ.get("DOSSIER_NO_FAULTHANDLER") != "1":
        enable_faulthandler()
