"""The window step of `dossier --self-test`: build the main window offscreen and unlock
a store in it.

It lives in dossier.gui because only this package may import Qt; dossier.selftest
imports it only inside the step that runs it, so importing the self-test loads no Qt.
It proves, in a frozen bundle, that the Qt platform plugin, styles, fonts and the
worker thread all load — the things a missing file breaks first.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def check_deferred_dialogs() -> int:
    """Import the dialogs the window imports only when their menu item is chosen
    (briefing, sharing, drafts, merging): the window's start does not load them, so a
    bundle that missed one of their parts (reportlab, the share engine) would pass the
    window step and fail in a researcher's hands. Returns how many were loaded."""
    from .dialogs import (
        briefing_dialog,
        draft_dialog,
        merge_dialog,
        share_dialogs,
        un_draft_dialog,
    )

    loaded = (briefing_dialog, draft_dialog, merge_dialog, share_dialogs, un_draft_dialog)
    return len(loaded)


def check_pdf_preview(pdf: Path) -> int:
    """Load `pdf` with QtPdf, as the briefing preview does; returns its page count."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    error = doc.load(str(pdf))
    if error != QPdfDocument.Error.None_ or doc.pageCount() < 1:
        raise RuntimeError(f"QtPdf could not read the briefing ({error.name})")
    if doc.render(0, doc.pagePointSize(0).toSize()).isNull():
        raise RuntimeError("QtPdf could not draw the briefing's first page")
    return doc.pageCount()


def check_main_window(
    store: Path, passphrase: str, workdir: Path, pdf: Path | None = None, timeout: float = 60.0
) -> str:
    """Build the main window offscreen, open `store` in it, and return a one-line summary;
    also load the dialogs the window defers and, if given, preview `pdf` with QtPdf.

    Settings go to an ini file in `workdir`, so the user's own preferences are neither
    read nor changed. Raises RuntimeError naming what did not happen.
    """
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen: draw in memory

    from PySide6.QtCore import QCoreApplication, QSettings

    from .app import make_application
    from .backend import Backend
    from .main_window import MainWindow
    from .settings import Settings

    app = make_application()
    settings = Settings(
        QSettings(str(workdir / "selftest-settings.ini"), QSettings.Format.IniFormat)
    )
    backend = Backend()
    window = MainWindow(backend, settings)
    errors: list[BaseException] = []
    try:
        window.resize(1000, 700)
        window.show()
        window.open_with_passphrase(store, passphrase, on_error=errors.append)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (backend.is_open or errors):
            backend.wait_idle(timeout=0.2)
            app.processEvents()
        if errors:
            raise RuntimeError(f"the window could not open the store: {type(errors[0]).__name__}")
        if not backend.is_open:
            raise RuntimeError("the window did not open the store in time")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and window.list_panel.model.rowCount() == 0:
            backend.wait_idle(timeout=0.2)
            app.processEvents()
        rows = window.list_panel.model.rowCount()
        if rows == 0:
            raise RuntimeError("the window opened the store but listed no case")
        if window.grab().isNull():
            raise RuntimeError("the window could not be drawn")
        dialogs = check_deferred_dialogs()
        pages = check_pdf_preview(pdf) if pdf is not None else 0
        return (
            f"platform {app.platformName()}, {rows} case(s) listed, {dialogs} deferred "
            f"dialogs loaded, QtPdf read {pages} page(s)"
        )
    finally:
        window.clipboard.clear_now()
        backend.shutdown()
        QCoreApplication.processEvents()
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
