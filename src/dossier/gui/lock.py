"""Safety in the window: idle auto-lock, suspend/screen-lock hooks, a self-clearing clipboard.

The shoulder and the walk-away (SECURITY.md): after a few idle minutes, on the panic
key, when the machine suspends or the screen locks, the window locks — the data is
hidden, the store closed, its key zeroed. What the main window does on lock lives
there; this module only decides *when*.
"""

from __future__ import annotations

import time

from PySide6.QtCore import SLOT, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once no input event reached the application for `timeout_s`.

    An application-wide event filter only notes the time of the last input (cheap on
    every mouse move); a coarse timer compares it with the limit.
    """

    idle = Signal()

    def __init__(self, timeout_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout = float(timeout_s)
        self._last = time.monotonic()
        self._armed = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout(self) -> float:
        return self._timeout

    def set_timeout(self, seconds: float) -> None:
        """0 or less turns auto-lock off."""
        self._timeout = float(seconds)
        self._restart_timer()

    def start(self) -> None:
        self._armed = True
        self.poke()
        self._restart_timer()

    def stop(self) -> None:
        self._armed = False
        self._timer.stop()

    def poke(self) -> None:
        self._last = time.monotonic()

    def _restart_timer(self) -> None:
        if not self._armed or self._timeout <= 0:
            self._timer.stop()
            return
        self._timer.start(int(max(50, min(5000, self._timeout * 1000 / 5))))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if self._armed and self._timeout > 0 and time.monotonic() - self._last >= self._timeout:
            self.stop()
            self.idle.emit()


class SessionWatcher(QObject):
    """Emits `should_lock` when the application is suspended/hidden or the screen locks.

    Qt reports suspension through applicationStateChanged (mobile and macOS mostly);
    on Linux desktops the screen saver says so over D-Bus (org.freedesktop.ScreenSaver
    ActiveChanged), which we listen to when QtDBus and a session bus are there. The
    offscreen platform reports nothing useful, so nothing is connected there.
    """

    should_lock = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        app = QGuiApplication.instance()
        if app is None or QGuiApplication.platformName() in ("offscreen", "minimal"):
            return
        app.applicationStateChanged.connect(self._on_state)
        self._connect_screensaver()

    def _on_state(self, state: Qt.ApplicationState) -> None:
        if self.enabled and state in (
            Qt.ApplicationState.ApplicationSuspended,
            Qt.ApplicationState.ApplicationHidden,
        ):
            self.should_lock.emit()

    def _connect_screensaver(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus is part of Essentials on Linux
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service, path in (
            ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
            ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
        ):
            bus.connect(
                service,
                path,
                service,
                "ActiveChanged",
                self,
                SLOT("onScreenSaverActive(bool)").encode(),
            )

    @Slot(bool)
    def onScreenSaverActive(self, active: bool) -> None:  # noqa: N802 (a D-Bus slot name)
        if self.enabled and active:
            self.should_lock.emit()


class ClipboardGuard(QObject):
    """Copies text and clears it after a delay — only if the clipboard still holds it.

    Clearing what the user copied since would be rude; clearing what we put there is
    the point (a name left on the clipboard leaks into the next paste).
    """

    cleared = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self._text: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_now)

    def copy(self, text: str) -> None:
        cb = QGuiApplication.clipboard()
        cb.setText(text, QClipboard.Mode.Clipboard)
        if cb.supportsSelection():
            cb.setText(text, QClipboard.Mode.Selection)
        self._text = text
        self._timer.start(int(self.seconds * 1000))

    def clear_now(self) -> None:
        """Clear our text from the clipboard (e.g. on lock and when the timer fires)."""
        self._timer.stop()
        if self._text is None:
            return
        cb = QGuiApplication.clipboard()
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            if mode == QClipboard.Mode.Selection and not cb.supportsSelection():
                continue
            if cb.text(mode) == self._text:
                cb.clear(mode)
        self._text = None
        self.cleared.emit()

    @property
    def pending(self) -> bool:
        return self._text is not None
