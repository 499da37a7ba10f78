"""A share import's staged blobs: attachment bodies written while the file is verified,
adopted by the write that applies it, or thrown away.

Why: an import used to decrypt and verify the whole share once, then decrypt it again
inside its transaction to store the attachments -- two passes over gigabytes. Now the one
verifying pass seals each attachment body, as it streams by, into a blob of its own in
`STORE.blobs/.stage-PID-TAG/` (the store's blob format and keys, fsynced). Nothing in the
store refers to them: until the apply transaction renames them into the blob folder (and
fsyncs it) before it commits, they are nobody's.

What keeps it all or nothing:

* A share that fails anywhere (signature, a hash, truncation, a refusal) discards its
  stage before the error is raised; nothing else was touched.
* A stage is only adopted inside a store write (attachments.adopt): the renamed files
  are the transaction's own blobs, deleted if it rolls back (blobs.BlobTxn).
* A killed import leaves its stage, named by its process id: the next open sweeps it
  (blobs.sweep, under the store's lock); one adopted but not committed is an orphan,
  swept too.
* A staged blob's key stays in memory; it is wrapped under the store's key only when it
  is adopted, so a rekey between preview and apply changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dossier.core.errors import IntegrityError
from dossier.core.fileio import _fsync_dir, _random_tag
from dossier.crypto import blobstream

from .blobs import BlobFolder

_WRITE_BUFFER = 1 << 20


@dataclass(frozen=True)
class StagedBlob:
    """A sealed, fsynced body in the stage, and what was verified of it."""

    blob_id: str
    key: bytes
    size: int
    sha256: str


class StagedWriter:
    """One attachment body on its way into the stage (see Stage.begin)."""

    def __init__(self, stage: Stage, name: str) -> None:
        self._stage = stage
        self.name = name
        self._raw_id, self._key = os.urandom(blobstream.ID_LEN), blobstream.new_key()
        self.path = stage.path / self._raw_id.hex()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
        self._fh: BinaryIO | None = os.fdopen(fd, "wb", buffering=_WRITE_BUFFER)
        self._sealer = blobstream.Sealer(self._fh, self._raw_id, self._key)
        self._size = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self._size += len(data)
        self._sealer.write(data)

    def finish(self, sha256: str) -> None:
        """The member's bytes matched `sha256` (the caller checked): seal it, and make it
        durable on the stage's helper thread (the disk flushes while the next member is
        decrypted; `Stage.wait` joins it)."""
        fh = self._fh
        if fh is None:
            raise IntegrityError(f"staged attachment {self.name} was closed early")
        self._sealer.finish()
        fh.flush()
        self._fh = None
        self._stage._done(
            self.name,
            StagedBlob(self._raw_id.hex(), self._key, self._size, sha256),
            fh,
        )

    def abort(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None


def _fsync_close(fh: BinaryIO) -> None:
    try:
        os.fsync(fh.fileno())
    finally:
        fh.close()


class Stage:
    """The folder of one pending import's staged blobs (`.stage-PID-TAG` in the blob
    folder). Use `begin` per body, `adopt` inside the apply transaction, and always
    `discard` at the end (it is idempotent)."""

    def __init__(self, folder: BlobFolder) -> None:
        self.folder = folder
        self.path = folder.path / f".stage-{os.getpid()}-{_random_tag()}"
        self.blobs: dict[str, StagedBlob] = {}
        self._open: StagedWriter | None = None
        self._made = False
        self._discarded = False
        self._pool: ThreadPoolExecutor | None = None
        self._syncing: list[Future] = []

    def begin(self, name: str) -> StagedWriter:
        """A writer for the body of member `name` (one at a time). The folder is made
        with the first one: a share without attachments touches nothing."""
        if self._discarded:
            raise IntegrityError("this import's stage was discarded")
        if self._open is not None:
            self._open.abort()
        if not self._made:
            self.folder.ensure()
            self.path.mkdir(mode=0o700)
            self._made = True
        self._open = StagedWriter(self, name)
        return self._open

    def _done(self, name: str, blob: StagedBlob, fh: BinaryIO) -> None:
        self.blobs[name] = blob
        self._open = None
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stage-sync")
        self._syncing.append(self._pool.submit(_fsync_close, fh))

    def wait(self) -> None:
        """Every staged blob is on disk (fsynced) when this returns; raises the first
        failure. Call it before the stage is used (preview_share does)."""
        futures, self._syncing = self._syncing, []
        try:
            for f in futures:
                f.result()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None

    def adopt(self, blob: StagedBlob) -> Path:
        """Rename a staged blob into the blob folder (the caller fsyncs the folder once
        it has adopted all it needs, before its transaction commits)."""
        target = self.folder.file(blob.blob_id)
        os.rename(self.path / blob.blob_id, target)
        return target

    def sync_folder(self) -> None:
        _fsync_dir(self.folder.path)

    def discard(self) -> None:
        """Remove the stage and whatever is left in it."""
        if self._open is not None:
            self._open.abort()
            self._open = None
        with contextlib.suppress(Exception):
            self.wait()
        self.blobs.clear()
        self._discarded = True
        if self._made:
            shutil.rmtree(self.path, ignore_errors=True)

    @property
    def exists(self) -> bool:
        """Not discarded (its folder, if any, is still there)."""
        return not self._discarded and (not self._made or self.path.is_dir())
