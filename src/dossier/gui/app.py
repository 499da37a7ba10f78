"""`dossier gui`: set up Qt (style, dark mode, fonts, language), open what was asked,
run the window — or render it to a PNG and exit (`--screenshot`).

Called by dossier.launcher with the argparse namespace of `dossier gui`
(store_arg, --demo, --screenshot, --view, --lang, --store, --passphrase-file).
"""

from __future__ import annotations

import os
import sys
import time
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from dossier import __version__
from dossier.core import scratch
from dossier.core.errors import DossierError, UnlockError, UsageError, present

from . import assets
from .backend import Backend
from .i18n import Translations, choose
from .main_window import DEMO_PASSPHRASE, MainWindow, demo_store_path
from .settings import Settings

SCREENSHOT_SIZE = (1400, 900)
_FALLBACK_FAMILIES = ("Tibetan", "Arabic", "Droid Sans Fallback")  # fragments of family names


def dark_palette() -> QPalette:
    """A Fusion palette for dark mode (Fusion does not darken itself on every platform)."""
    p = QPalette()
    window, base, text = (
        QColor(0x2B, 0x2B, 0x2E),
        QColor(0x1F, 0x1F, 0x22),
        QColor(0xE8, 0xE8, 0xEA),
    )
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor(0x29, 0x29, 0x2D)),
        (QPalette.ColorRole.ToolTipBase, QColor(0x3A, 0x3A, 0x3E)),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor(0x35, 0x35, 0x39)),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#FF6B6B")),
        (QPalette.ColorRole.Link, QColor("#7AB7FF")),
        (QPalette.ColorRole.Highlight, QColor("#3D6FB4")),
        (QPalette.ColorRole.HighlightedText, QColor("#FFFFFF")),
        (QPalette.ColorRole.PlaceholderText, QColor("#8C8C92")),
        (QPalette.ColorRole.Mid, QColor(0x44, 0x44, 0x48)),
        (QPalette.ColorRole.Dark, QColor(0x18, 0x18, 0x1A)),
        (QPalette.ColorRole.Light, QColor(0x50, 0x50, 0x55)),
        (QPalette.ColorRole.Midlight, QColor(0x3E, 0x3E, 0x42)),
        (QPalette.ColorRole.Shadow, QColor(0, 0, 0)),
    ):
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#77777C"))
    return p


def apply_style(app: QApplication) -> None:
    """Fusion everywhere; its palette follows the system's light/dark scheme, live."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    forced = os.environ.get("DOSSIER_COLOR_SCHEME", "").lower()
    if forced in ("dark", "light") and hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if forced == "dark" else Qt.ColorScheme.Light)

    def follow(scheme: Qt.ColorScheme | None = None) -> None:
        scheme = hints.colorScheme() if scheme is None else scheme
        if forced in ("dark", "light"):  # platforms without a theme ignore setColorScheme
            scheme = Qt.ColorScheme.Dark if forced == "dark" else Qt.ColorScheme.Light
        app.setPalette(
            dark_palette() if scheme == Qt.ColorScheme.Dark else app.style().standardPalette()
        )

    follow()
    hints.colorSchemeChanged.connect(follow)


@lru_cache(maxsize=1)
def load_fonts() -> tuple[str, ...]:
    """Register every font in resources/fonts (Tibetan, Uyghur/Arabic, CJK) so names in
    those scripts display even where the system lacks fonts for them."""
    families: list[str] = []
    for path in assets.font_files():
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(fid))
    # Glyph fallback. With fontconfig (Linux, BSD) application fonts join the system's
    # fallback search by themselves. Elsewhere Qt tries a font's families in order for
    # each character, so the application font keeps the system family first and our
    # script fonts after it. (Not done under fontconfig: the tall Tibetan and Arabic
    # metrics would then size every line edit, clipping their text.)
    fallbacks = [f for f in dict.fromkeys(families) if any(x in f for x in _FALLBACK_FAMILIES)]
    if fallbacks and sys.platform in ("win32", "darwin"):
        font = QGuiApplication.font()
        font.setFamilies([*font.families(), *fallbacks])
        QGuiApplication.setFont(font)
    return tuple(families)


def _passphrase(args) -> str | None:
    """From --passphrase-file (first line) or DOSSIER_PASSPHRASE; None → ask in a dialog."""
    f = getattr(args, "passphrase_file", None)
    if f:
        try:
            with open(f, encoding="utf-8") as fh:
                line = fh.readline().rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"cannot read the passphrase file {f}: {exc.strerror}") from exc
        if not line:
            raise UsageError(f"the passphrase file {f} is empty")
        return line
    return os.environ.get("DOSSIER_PASSPHRASE") or None


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Dossier")
    app.setOrganizationName("Dossier")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("dossier")
    icon = assets.icon_file()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    apply_style(app)
    load_fonts()
    return app


def start(window: MainWindow, args, on_error=None) -> None:
    """Open what the command line asked for: the demo, a store (with or without a
    passphrase dialog), or nothing (the welcome screen)."""
    pw = _passphrase(args)
    store = (
        getattr(args, "store", None)
        or getattr(args, "store_arg", None)
        or os.environ.get("DOSSIER_STORE")
    )
    shot = bool(getattr(args, "screenshot", None))
    if getattr(args, "demo", False):
        path = demo_store_path()
        if not path.exists():
            window.open_demo(on_error=on_error)
        elif pw or shot:
            window.open_with_passphrase(path, pw or DEMO_PASSPHRASE, on_error=on_error)
        else:
            window.open_path(str(path))
    elif store:
        path = Path(store).expanduser()
        if pw:
            window.open_with_passphrase(path, pw, on_error=on_error)
        elif shot:
            raise UnlockError(
                "no passphrase given for the screenshot",
                remedy="use --passphrase-file or DOSSIER_PASSPHRASE",
            )
        else:
            window.open_path(str(path))


def _wait(app: QApplication, backend: Backend, until, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        backend.wait_idle(timeout=max(0.1, deadline - time.monotonic()))
        app.processEvents()
        if until():
            return True
        time.sleep(0.01)
    return until()


def screenshot(app: QApplication, window: MainWindow, backend: Backend, args) -> int:
    """Render the window (a case selected, or the overview, or the welcome page) to PNG."""
    view = getattr(args, "view", "case") or "case"
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    errors: list[BaseException] = []
    if view != "welcome":
        start(window, args, on_error=errors.append)
        if not _wait(app, backend, lambda: backend.is_open or bool(errors)):
            sys.stderr.write("dossier: error: the store did not open in time\n")
            return 1
        if errors:
            exc = errors[0]
            sys.stderr.write(f"dossier: error: {present(exc)}\n")
            return exc.exit_code if isinstance(exc, DossierError) else 1
        _wait(app, backend, lambda: window.list_panel.model.rowCount() > 0 or not backend.busy, 30)
        model = window.list_panel.model
        target = next(
            (r for r in range(model.rowCount()) if model.summary(r).name == "Wang Quanzhang"), 0
        )
        window.list_panel.select(model.case_id(target))
        if view == "overview":
            window.tabs.setCurrentIndex(1)
    _settle(app, backend)
    pixmap = window.grab()
    out = Path(args.screenshot).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(out), "PNG"):
        sys.stderr.write(f"dossier: error: could not write {out}\n")
        return 1
    return 0


def _settle(app: QApplication, backend: Backend) -> None:
    """Let queued jobs finish and their results paint (views load on the worker)."""
    for _ in range(3):
        backend.wait_idle(30)
        deadline = time.monotonic() + 0.1
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)


def run(args) -> int:
    # Process hardening (no core dumps) happens once at the process entry,
    # dossier.launcher.main, before anything holds a key.
    if getattr(args, "screenshot", None) and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PNG needs no screen
    app = make_application()
    from . import crash

    crash.install(app)  # a copyable report without case data; faulthandler to the log folder
    # Decrypted copies a crashed or killed session left in its scratch folders: wiped.
    scratch.sweep_leftovers()
    settings = Settings()
    translations = Translations(app)
    translations.install(choose(getattr(args, "lang", None), settings.language))
    backend = Backend()
    window = MainWindow(backend, settings, translations)
    try:
        if getattr(args, "screenshot", None):
            return screenshot(app, window, backend, args)
        window.show()
        start(window, args)
        return app.exec()
    except DossierError as exc:
        sys.stderr.write(f"dossier: error: {exc}\n")
        return exc.exit_code
    finally:
        window.clipboard.clear_now()
        backend.shutdown()
        QCoreApplication.processEvents()
        window.deleteLater()
