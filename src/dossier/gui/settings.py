"""Preferences and window state, in QSettings — and nothing about any case.

SECURITY.md: a seized laptop must not reveal case content through settings or recent
files. So this holds only the interface language, timeouts, window geometry and
state, splitter positions, the *paths* of recently opened stores and whether the
first-run assistant was already shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_IDLE_MINUTES = 5
DEFAULT_CLIPBOARD_SECONDS = 30
MAX_RECENT = 8


class Settings:
    """Typed access to the few values the window keeps between runs."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings("Dossier", "Dossier")

    def sync(self) -> None:
        self._s.sync()

    # -- preferences ------------------------------------------------------------------
    @property
    def language(self) -> str:
        """ "" means follow the system; else "en" or "zh_CN"."""
        return str(self._s.value("ui/language", "") or "")

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value or "")

    @property
    def idle_minutes(self) -> float:
        """Minutes without input before the store locks; 0 turns auto-lock off."""
        try:
            return max(0.0, float(self._s.value("safety/idle_minutes", DEFAULT_IDLE_MINUTES)))
        except (TypeError, ValueError):
            return float(DEFAULT_IDLE_MINUTES)

    @idle_minutes.setter
    def idle_minutes(self, value: float) -> None:
        self._s.setValue("safety/idle_minutes", float(value))

    @property
    def clipboard_seconds(self) -> int:
        try:
            return max(1, int(self._s.value("safety/clipboard_seconds", DEFAULT_CLIPBOARD_SECONDS)))
        except (TypeError, ValueError):
            return DEFAULT_CLIPBOARD_SECONDS

    @clipboard_seconds.setter
    def clipboard_seconds(self, value: int) -> None:
        self._s.setValue("safety/clipboard_seconds", int(value))

    @property
    def lock_on_suspend(self) -> bool:
        return _bool(self._s.value("safety/lock_on_suspend", True))

    @lock_on_suspend.setter
    def lock_on_suspend(self, value: bool) -> None:
        self._s.setValue("safety/lock_on_suspend", bool(value))

    # -- first run ------------------------------------------------------------------------
    @property
    def first_run_done(self) -> bool:
        """Set once the first-run assistant was shown and dismissed in any way (a flag
        only: where the store is, is the recent list's business)."""
        return _bool(self._s.value("ui/first_run_done", False))

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self._s.setValue("ui/first_run_done", bool(value))

    def is_first_run(self) -> bool:
        """No store was ever opened here and the assistant was never dismissed."""
        return not self.first_run_done and not self.recent()

    # -- recent stores (paths only) -----------------------------------------------------
    def recent(self) -> list[str]:
        value = self._s.value("recent/stores", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).expanduser().resolve())
        items = [p] + [r for r in self.recent() if r != p]
        self._s.setValue("recent/stores", items[:MAX_RECENT])

    # -- window state -------------------------------------------------------------------
    def state(self, name: str) -> QByteArray | None:
        value = self._s.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{name}", value)


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
