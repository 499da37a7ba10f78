"""The folder of attachment blobs beside the store, and the life of a blob in a transaction.

`dossier.db` keeps its attachment bodies in `dossier.db.blobs/` (named here, once:
`blobs_path`), one file per attachment, named by a random 128-bit id in hex. The name
says nothing about the content (a plain SHA-256 of the plaintext would let whoever holds
the laptop confirm that a known document is in it); `blobstream.py` has the format.

The rules that keep the folder and the database in step, whatever is killed when:

* A blob is written only inside a store write (`Store.write`, which holds the store's
  lock): to a temp file, fsynced, renamed into place, the folder fsynced -- all before
  the transaction that records it commits. So a committed row always has its file.
* If the transaction fails, the blobs it wrote are deleted (`BlobTxn.discard`); if the
  process dies first, they are orphans: files no committed row names.
* A blob is deleted only after the transaction that dropped its row committed
  (`BlobTxn.finish`); a death in between leaves an orphan again, never a row without
  its file.
* Orphans and temp files are swept when the store opens (`sweep`), under the lock, when
  no write of any program can be half way.
* A share import stages its attachments in a folder of its own inside this one
  (`.stage-PID-TAG`, store/blob_stage.py) while it verifies the file, before any store
  write; the write that applies it renames them into place. The stage of a process that
  is gone (a killed import) is swept at open like an orphan.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dossier.core.fileio import _fsync_dir, atomic_writer, process_alive, process_started
from dossier.crypto import blobstream
from dossier.crypto.blobstream import BlobError

SUFFIX = ".blobs"
SESSION_FOLDER = "dossier_blobs"
SESSION_TXN = "dossier_blob_txn"

_NAME = re.compile(r"[0-9a-f]{32}")
_PART = re.compile(r"\.[0-9a-f]{32}\.[a-z0-9_]{8}\.part")
_PIN = re.compile(r"\.pin-(\d+)")
_STAGE = re.compile(r"\.stage-(\d+)-[a-z0-9_]{8}")


def blobs_path(store_path: str | os.PathLike) -> Path:
    """`dossier.db` → `dossier.db.blobs` (the one place this name is made)."""
    p = Path(store_path)
    return p.with_name(p.name + SUFFIX)


class BlobFolder:
    """The blob folder of one open store; the data key comes from the store each time,
    so a rekey needs no new folder object."""

    def __init__(self, store_path: str | os.PathLike, data_key: Callable[[], bytes]) -> None:
        self.path = blobs_path(store_path)
        self._data_key = data_key
        self._kek: tuple[bytes, bytes] | None = None

    def kek(self) -> bytes:
        key = self._data_key()
        if self._kek is None or self._kek[0] != key:
            self._kek = (key, blobstream.kek(key))
        return self._kek[1]

    def file(self, blob_id: str) -> Path:
        if not _NAME.fullmatch(blob_id or ""):
            raise BlobError(f"{blob_id!r} is not a blob id")
        return self.path / blob_id

    def ensure(self) -> None:
        if not self.path.is_dir():
            self.path.mkdir(mode=0o700, exist_ok=True)
            _fsync_dir(self.path.parent)

    @contextlib.contextmanager
    def create(self, blob_id: str) -> Iterator[BinaryIO]:
        """A new blob file, atomic and durable when the block ends (core.fileio)."""
        self.ensure()
        with atomic_writer(self.file(blob_id)) as fh:
            yield fh

    def key_of(
        self,
        blob_id: str,
        wrapped: bytes | None,
        wrapped_next: bytes | None,
        name: str,
        sha256: str | None = None,
        size: int | None = None,
    ) -> bytes:
        """Unwrap a row's blob key: the current wrap, else the one a rekey left (see
        blob_upkeep.rewrap); neither opening is an integrity error naming the attachment."""
        return self.opened_key(blob_id, wrapped, wrapped_next, name, sha256, size)[0]

    def opened_key(
        self,
        blob_id: str,
        wrapped: bytes | None,
        wrapped_next: bytes | None,
        name: str,
        sha256: str | None = None,
        size: int | None = None,
    ) -> tuple[bytes, bool]:
        """(blob key, bound): bound when the wrap authenticates the row's `sha256` and
        `size` as the body's (blobstream's wrap version 2)."""
        raw = bytes.fromhex(blob_id)
        kek = self.kek()
        opened = blobstream.unwrap_bound(kek, raw, wrapped, sha256, size) or (
            blobstream.unwrap_bound(kek, raw, wrapped_next, sha256, size)
        )
        if opened is None:
            raise BlobError(
                f"attachment {name!r}: its key does not open under this store's key",
                remedy="run `dossier verify`; restore the attachment from a backup",
            )
        return opened

    def read(self, blob_id: str, key: bytes, name: str) -> Iterator[bytes]:
        """The plaintext of one blob, authenticated block by block."""
        try:
            fh = open(self.file(blob_id), "rb", buffering=1 << 20)
        except FileNotFoundError:
            raise BlobError(
                f"attachment {name!r}: its encrypted file {blob_id} is missing from {self.path}",
                remedy="restore the attachment from a backup",
            ) from None
        except OSError as exc:
            raise BlobError(
                f"attachment {name!r}: its encrypted file could not be read: {exc.strerror or exc}"
            ) from exc
        with fh:
            yield from blobstream.open_chunks(fh, bytes.fromhex(blob_id), key, name)

    def names(self) -> set[str]:
        try:
            return {e.name for e in os.scandir(self.path) if _NAME.fullmatch(e.name)}
        except FileNotFoundError:
            return set()


@dataclass
class BlobTxn:
    """The blobs one store write created and the ones it dropped."""

    folder: BlobFolder
    created: list[Path] = field(default_factory=list)
    doomed: list[Path] = field(default_factory=list)

    def discard(self) -> None:
        """The transaction rolled back: its new blobs are nobody's."""
        for p in self.created:
            with contextlib.suppress(OSError):
                p.unlink()
        self.created.clear()
        self.doomed.clear()

    def finish(self) -> None:
        """The transaction committed: the dropped blobs can go (failures are orphans,
        swept at the next open)."""
        for p in self.doomed:
            with contextlib.suppress(OSError):
                p.unlink()
        self.created.clear()
        self.doomed.clear()


def _owner_gone(pid: int, mtime: float) -> bool:
    """A backup's pin or a share import's stage whose process is gone. One named by this
    process's own id but older than it belongs to an earlier process with the same id."""
    if pid == os.getpid():
        started = process_started()
        return started is not None and mtime < started - 1
    return not process_alive(pid)


def sweep(folder: BlobFolder, referenced: Iterable[str]) -> list[str]:
    """Delete orphans: blob files no committed row names, temp files of killed writes,
    and backup pins and share-import stages of dead processes. The caller holds the
    store's lock. Only our own names are touched; anything else in the folder is left
    alone."""
    keep = set(referenced)
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder.path))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        try:
            st = entry.stat(follow_symlinks=False)
            if (_NAME.fullmatch(name) and name not in keep) or _PART.fullmatch(name):
                if stat.S_ISREG(st.st_mode):
                    os.unlink(entry.path)
                    removed.append(name)
            elif (
                (m := _PIN.fullmatch(name) or _STAGE.fullmatch(name))
                and stat.S_ISDIR(st.st_mode)
                and _owner_gone(int(m.group(1)), st.st_mtime)
            ):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(name)
        except OSError:
            continue
    if removed:
        _fsync_dir(folder.path)
    return removed
