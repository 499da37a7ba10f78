"""FailDevice for Python file writers: writes, fsync and rename that fail on cue.

KeePassXC tests its savers against a `FailDevice` that stops accepting bytes after N; this
is the same idea for the places Dossier writes files from Python (the key header, the
atomic writer under PDFs, share files and exports, the backup). While installed, it wraps
`os.write`, every file opened for writing through `open`/`os.fdopen`, `os.fsync` and
`os.replace`/`os.rename` -- but only for files under `root`, so pytest's own files and
SQLite's C-level I/O are untouched -- and:

* `fail_after_bytes=N`: the write that would take the total past N bytes writes what fits
  (a short write, as a full disk does) and then raises OSError(ENOSPC);
* `fail_fsync_at=K`: the K-th fsync (1-based) raises OSError(EIO);
* `fail_replace_at=K`: the K-th rename raises OSError(EXDEV-like EIO).

A device with no fault set only counts, so a clean run tells which N and K are worth
trying. Use as a context manager; it restores everything on exit.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path
from typing import Any


class FailDevice:
    """Counts (and optionally breaks) the file I/O of writers under one folder."""

    def __init__(
        self,
        root: str | os.PathLike,
        *,
        fail_after_bytes: int | None = None,
        fail_fsync_at: int | None = None,
        fail_replace_at: int | None = None,
    ) -> None:
        self.root = os.path.realpath(root)
        self.fail_after_bytes = fail_after_bytes
        self.fail_fsync_at = fail_fsync_at
        self.fail_replace_at = fail_replace_at
        self.bytes_written = 0
        self.fsync_calls = 0
        self.replace_calls = 0
        self.triggered: str | None = None
        self._saved: dict[tuple[Any, str], Any] = {}

    # -- installing -------------------------------------------------------------------
    def __enter__(self) -> FailDevice:
        self._patch(os, "write", self._write)
        self._patch(os, "fsync", self._fsync)
        self._patch(os, "replace", self._replace)
        self._patch(os, "rename", self._rename)
        self._patch(os, "fdopen", self._fdopen)
        self._patch(builtins, "open", self._open)
        self._patch(io, "open", self._open)
        return self

    def __exit__(self, *exc: object) -> None:
        for (owner, name), original in self._saved.items():
            setattr(owner, name, original)
        self._saved.clear()

    def _patch(self, owner: Any, name: str, replacement: Any) -> None:
        self._saved[(owner, name)] = getattr(owner, name)
        setattr(owner, name, replacement)

    def _orig(self, owner: Any, name: str) -> Any:
        return self._saved[(owner, name)]

    # -- which files are ours -----------------------------------------------------------
    def _under_root(self, path: str | os.PathLike | int) -> bool:
        if isinstance(path, int):
            try:
                path = os.readlink(f"/proc/self/fd/{path}")
            except OSError:
                return False
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return False
        return real == self.root or real.startswith(self.root + os.sep)

    # -- the faults -----------------------------------------------------------------------
    def _take(self, n: int) -> int:
        """How many of `n` bytes may still be written; records a trigger when short."""
        if self.fail_after_bytes is None:
            self.bytes_written += n
            return n
        room = max(0, self.fail_after_bytes - self.bytes_written)
        allowed = min(room, n)
        self.bytes_written += allowed
        return allowed

    def _nospace(self) -> OSError:
        self.triggered = "write"
        return OSError(errno.ENOSPC, "No space left on device (injected)")

    def _write(self, fd: int, data: bytes) -> int:
        if not self._under_root(fd):
            return self._orig(os, "write")(fd, data)
        n = len(data)
        allowed = self._take(n)
        if allowed == 0 and n:
            raise self._nospace()
        return self._orig(os, "write")(fd, bytes(data)[:allowed])

    def _fsync(self, fd: int) -> None:
        if self._under_root(fd):
            self.fsync_calls += 1
            if self.fsync_calls == self.fail_fsync_at:
                self.triggered = "fsync"
                raise OSError(errno.EIO, "Input/output error (injected fsync failure)")
        return self._orig(os, "fsync")(fd)

    def _renamed(self, src: Any, dst: Any) -> bool:
        if self._under_root(src) or self._under_root(dst):
            self.replace_calls += 1
            if self.replace_calls == self.fail_replace_at:
                self.triggered = "replace"
                return True
        return False

    def _replace(self, src: Any, dst: Any, **kw: Any) -> None:
        if self._renamed(src, dst):
            raise OSError(errno.EIO, "Input/output error (injected rename failure)")
        return self._orig(os, "replace")(src, dst, **kw)

    def _rename(self, src: Any, dst: Any, **kw: Any) -> None:
        if self._renamed(src, dst):
            raise OSError(errno.EIO, "Input/output error (injected rename failure)")
        return self._orig(os, "rename")(src, dst, **kw)

    def _open(self, file: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
        fh = self._orig(builtins, "open")(file, mode, *args, **kw)
        if _writing(mode) and self._under_root(file if not isinstance(file, int) else file):
            return _FailingFile(fh, self)
        return fh

    def _fdopen(self, fd: int, mode: str = "r", *args: Any, **kw: Any) -> Any:
        fh = self._orig(os, "fdopen")(fd, mode, *args, **kw)
        if _writing(mode) and self._under_root(fd):
            return _FailingFile(fh, self)
        return fh


def _writing(mode: str) -> bool:
    return any(c in mode for c in "wax+")


class _FailingFile:
    """A file object whose `write` draws on the device's byte budget; all else passes."""

    def __init__(self, inner: Any, device: FailDevice) -> None:
        self._inner = inner
        self._device = device

    def write(self, data: Any) -> int:
        raw = data.encode() if isinstance(data, str) else bytes(data)
        n = len(raw)
        allowed = self._device._take(n)
        if allowed < n:
            if allowed:
                self._inner.write(data[:allowed])
                self._inner.flush()
            raise self._device._nospace()
        return self._inner.write(data)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __enter__(self) -> _FailingFile:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._inner.__exit__(*exc)

    def __iter__(self) -> Any:
        return iter(self._inner)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def leftovers(folder: str | os.PathLike, before: set[str]) -> list[str]:
    """Names in `folder` that were not there `before` (temp files a failed writer left)."""
    return sorted(set(os.listdir(folder)) - before)


def snapshot(folder: str | os.PathLike) -> dict[str, bytes]:
    """Every regular file directly in `folder`, by name, with its bytes."""
    out: dict[str, bytes] = {}
    for p in Path(folder).iterdir():
        if p.is_file():
            out[p.name] = p.read_bytes()
    return out
