"""Bringing back a store's key header from a backup copy of it (issue 7).

Why re-sync: the header mirrors the commit counter, so a header backed up last month
is "behind" the store by every commit since; put back as it is, open would call that
tampering. The passphrase holder is the owner: once the backup's wrapped key opens the
database (SQLCipher's page HMACs prove it) and the store ids agree, we write a fresh
header carrying the backup's wrap and the database's own counter and hash. The header
that was there (if any) is kept aside as `STORE.key.replaced`, never deleted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import sqlcipher3

from dossier.core.errors import IntegrityError, NotFoundError, UnlockError
from dossier.core.fileio import _fsync_dir
from dossier.crypto import keyheader

from .engine import connect, key_header_path
from .seal import StoreLock


def replaced_path(path: Path) -> Path:
    """Where the header a restore replaces is kept: `STORE.key.replaced` (or `-2`, `-3`...)."""
    hdr = key_header_path(path)
    first = hdr.with_name(hdr.name + ".replaced")
    n = 2
    candidate = first
    while candidate.exists():
        candidate = hdr.with_name(f"{hdr.name}.replaced-{n}")
        n += 1
    return candidate


def restore(path: str | os.PathLike, backup: str | os.PathLike, passphrase: str) -> Path | None:
    """Restore the key header of the store at `path` from `backup`; returns where the
    previous header was kept, or None if there was none.

    UnlockError: wrong passphrase. IntegrityError: the backup is damaged, or does not
    belong to this store (its key does not open it, or the store ids differ).
    """
    path, backup = Path(path), Path(backup)
    if not path.exists():
        raise NotFoundError(f"no store at {path}")
    saved = keyheader.read_header(backup)
    key = keyheader.unlock(saved, passphrase)
    hdr = key_header_path(path)
    with StoreLock(path):
        meta = _meta_under(path, key, backup, saved, hdr)
        if meta.get("store_id") != saved.store_id:
            raise IntegrityError(
                f"the key header backup {backup} belongs to store {saved.store_id}, but the store "
                f"{path} is store {meta.get('store_id')}",
                remedy="use the header backup made from this store",
            )
        fresh = keyheader.with_counter(saved, key, int(meta["commit_counter"]), meta["commit_hash"])
        aside = None
        if hdr.exists():
            aside = replaced_path(path)
            _keep_aside(hdr, aside)
        keyheader.write_header(hdr, fresh)
    return aside


def _meta_under(
    path: Path, key: bytes, backup: Path, saved: keyheader.KeyHeader, hdr: Path
) -> dict[str, str]:
    """The store's meta table, read with the backup's key; IntegrityError naming both
    stores when that key does not open it."""
    try:
        conn = connect(path, key)
    except (IntegrityError, UnlockError):
        conn = None
    if conn is not None:
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlcipher3.DatabaseError:
            pass
        finally:
            conn.close()
    current = ""
    with contextlib.suppress(Exception):
        current = f" (its current header says store {keyheader.read_header(hdr).store_id})"
    raise IntegrityError(
        f"the key header backup {backup} (store {saved.store_id}) does not open the store "
        f"{path}{current}: it was made from another store",
        remedy="use the header backup made from this store",
    )


def _keep_aside(hdr: Path, aside: Path) -> None:
    """A durable copy of the current header before it is replaced (a hard link where the
    file system has them, else a copy): there is never a moment without a header."""
    try:
        os.link(hdr, aside)
    except OSError:
        shutil.copy2(hdr, aside)
        with open(aside, "rb+") as fh:
            os.fsync(fh.fileno())
    _fsync_dir(aside.parent)
