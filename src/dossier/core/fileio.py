"""Writing files so that a crash or a full disk never leaves half a file in place, and
cleaning up after the writes a crash or a kill interrupted.

Every file Dossier writes (key header, PDF, share file, backup, export) goes to a temp
file in the same folder, is fsynced, then renamed over the target; on any failure the
temp file is removed and the old file stays whole. A killed process cannot remove its
temp file, so the names are made in one place (`part_path`) and swept by the one
function that knows them (`sweep_parts`), which must never take a temp file another
running program is writing: `process_started` and `process_alive` tell which are stale.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import DossierError

PART_SUFFIX = ".part"
_TAG_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # tempfile.mkstemp's, as before
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_LOADED = time.time()  # when process_started cannot be told: no older than this


def part_path(target: str | os.PathLike, tag: str) -> Path:
    """The temp file (or folder) a write of `target` goes through, beside it:
    `.NAME.TAG.part`. `tag` tells writers apart: 8 random characters for
    `atomic_writer`, a process id for a write that must be found again by process (a
    backup)."""
    target = Path(target)
    return target.with_name(f".{target.name}.{tag}{PART_SUFFIX}")


def _random_tag() -> str:
    return "".join(secrets.choice(_TAG_CHARS) for _ in range(8))


def _create_part(target: Path) -> tuple[int, Path]:
    """A new, exclusively created 0600 temp file beside `target` (never through a link)."""
    flags = (
        os.O_WRONLY
        | os.O_CREAT
        | os.O_EXCL
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    for _ in range(100):
        tmp = part_path(target, _random_tag())
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp name beside {target}")


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces `path` only when the block ends without error."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DossierError(f"cannot write {target}: folder {folder} does not exist")
    try:
        fd, tmp = _create_part(target)
    except OSError as exc:
        raise DossierError(f"could not write {target}: {exc.strerror or exc}") from exc
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        _fsync_dir(folder)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DossierError(f"could not write {target}: {exc.strerror or exc}") from exc
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes, mode: int = 0o600) -> None:
    with atomic_writer(path, mode) as fh:
        fh.write(data)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def private_folder(path: str | os.PathLike) -> Path:
    """`path` as a folder only its owner can enter (0700): made if missing, tightened if
    it exists with looser rights (older versions made the state folder 0755). Folders
    above it are left as they are (they are the user's, e.g. ~/.local/state). Failures
    are left to the caller's first write, which reports them."""
    folder = Path(path)
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = folder.stat()
        if (st.st_mode & 0o077) and (not hasattr(os, "getuid") or st.st_uid == os.getuid()):
            os.chmod(folder, 0o700)
    return folder


# --- stale temp files ----------------------------------------------------------------------


@functools.cache
def process_started() -> float | None:
    """When this process started (epoch seconds, 10 ms resolution), from Linux's /proc;
    None where it cannot be told."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            ticks = int(fh.read().rsplit(")", 1)[1].split()[19])  # field 22: starttime
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def process_alive(pid: int) -> bool:
    """False only when process `pid` is surely gone. On Windows it cannot be told cheaply
    (os.kill would end the process there), so every other process counts as alive."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def sweep_parts(
    folder: str | os.PathLike, names: Iterable[str], *, by_process: bool = False
) -> list[Path]:
    """Remove the temp files that writes of `names` (files in `folder`) left when the
    writing process was killed; what was removed.

    Only our exact names (`part_path`), never through a symlink:

    * random tags (`atomic_writer`): regular files older than this process -- a temp
      file a running program is writing right now is newer;
    * process tags (`by_process`, a backup's): files and folders, and SQLite's
      -wal/-shm/-journal beside them, of processes that are gone.

    Anything that cannot be removed is left alone (the next sweep tries again)."""
    alternatives = "|".join(re.escape(n) for n in names)
    if not alternatives:
        return []
    tag = r"(\d+)" if by_process else rf"[{_TAG_CHARS}]{{8}}"
    side = "(?:" + "|".join(_SQLITE_SIDE_FILES) + ")?" if by_process else ""
    pattern = re.compile(rf"\.(?:{alternatives})\.{tag}{re.escape(PART_SUFFIX)}{side}")
    started = process_started() or _LOADED
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if by_process:
                if stat.S_ISLNK(st.st_mode) or process_alive(int(match.group(1))):
                    continue
                if stat.S_ISDIR(st.st_mode):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
            elif stat.S_ISREG(st.st_mode) and st.st_mtime < started - 1:
                os.unlink(entry.path)
            else:
                continue
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
