"""Writing files so that a crash or a full disk never leaves half a file in place.

Every file Dossier writes (key header, PDF, share file, backup, export) goes to a temp
file in the same folder, is fsynced, then renamed over the target; on any failure the
temp file is removed and the old file stays whole.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import DossierError


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces `path` only when the block ends without error."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DossierError(f"cannot write {target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
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
