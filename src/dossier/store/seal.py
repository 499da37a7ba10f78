"""The seal: a keyed digest of the whole database file, kept in the key header on a clean close.

Why (SECURITY.md measure 5): SQLCipher authenticates each page by itself (HMAC over the
page and its number) but binds no page to a *version* of the store. An old copy of a
table page, taken from an earlier copy of the same store, still carries a valid HMAC;
put back in place it passes `cipher_integrity_check` and `integrity_check`, and older
case data would be read as current. The commit counter cannot see it either: it lives in
the `meta` page, which the splice leaves alone.

The design:

* **Sealing** (`seal_header`, on `Store.close`): under the store's lock file, fold the WAL
  into the main file (`wal_checkpoint(TRUNCATE)`), require the WAL to be empty, stream the
  whole main file through HMAC-SHA256 keyed with a subkey of the data key
  (`dossier.crypto.mac.subkey(key, "store seal v1")`, 1 MiB blocks), and write the digest
  into the key header's authenticated `seal` field, together with the commit counter
  and hash read from the database at that moment.
* **Unsealing**: every change to the database is preceded, under the same lock, by a
  header write with the seal cleared (once per session, not once per commit: after the
  first, the header on disk is already unsealed; `Store._fresh_header` notices a seal that
  another process wrote since). A crash at any later moment therefore leaves an unsealed
  header, never a seal over bytes that have moved on -- no false alarm.
* **Checking** (`check`, on open, before anything writes): a sealed header whose digest
  does not match the main file, or a sealed header beside a non-empty WAL, means pages
  were replaced: IntegrityError "pages of the store were replaced by older or foreign
  ones". One exception, for two processes racing on one store: if the database is
  exactly one commit ahead of the sealed header (its `prev_hash` is the header's commit
  hash), another writer committed after the seal and was stopped before its header
  write -- accepted only when this computer's rollback-guard record is at the header's
  very commit (issue 12: otherwise it is an old sealed header put back beside old pages
  under the newer `meta` page).
* **The record's seal** (issue 12): the header alone can be rolled back together with the
  pages. So a clean close also writes the seal into this computer's rollback-guard record
  (MACed, outside the store's folder: `rollback_guard.record_seal`), and the first change
  of a session clears it there first (`clear_seal`), durably, before the database moves.
  On open, when the header's own seal does not vouch for the file, `check_record` holds
  the file against the record's seal if the database claims that commit; and the store's
  one-commit-ahead crash repair is refused when the record has already seen that commit
  (the record is written only after the commit's header write).
* **Structure** (issue 12): a store opened without a seal that vouched for it is checked
  for length on open (`check_size`, when its WAL is empty) and, at the close that would
  seal it, for length after the checkpoint and every page's HMAC; a failure
  leaves it unsealed instead of sealing over the damage.

The lock (`StoreLock`, `STORE.lock` beside the store, `fcntl.flock` on POSIX and
`msvcrt.locking` on Windows) serialises commit + header write against sealing and
checking across processes, so no digest is ever taken of a file being written.

Limits, said plainly:

* A store that was not closed cleanly (crash, kill, power loss) has no seal until its
  next clean close; until then a spliced page beside its current (unsealed) header is
  caught only if SQLite notices it.
* The record lives on one computer: a first open on another computer, or a record that
  someone who can write to the state folder deleted, leaves only the header's seal, and
  then an older *unsealed* header beside older pages under the newer `meta` page passes
  (an older *sealed* header does not: the race exception needs the record).
* The digest costs one read of the whole file on open (when sealed) and on a close after
  changes; `benchmarks/bench_seal_guard.py` measures it and the record's writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import sys
import time
from pathlib import Path

import sqlcipher3

from dossier.core.errors import DossierError, IntegrityError
from dossier.crypto import keyheader, mac

from . import rollback_guard
from .engine import classify, connect

BLOCK = 1 << 20
_PURPOSE = "store seal v1"
_LOCK_TIMEOUT_S = 30.0

REPLACED = "pages of the store were replaced by older or foreign ones"


def lock_path(path: str | os.PathLike) -> Path:
    """`dossier.db` → `dossier.db.lock` (never deleted: removing lock files is racy)."""
    p = Path(path)
    return p.with_name(p.name + ".lock")


def wal_path(path: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(path)}-wal")


class StoreLock:
    """An exclusive inter-process lock on one store, re-entrant within one object.

    Held around each commit and its header write, around sealing and around the checks
    on open. A lock held longer than `_LOCK_TIMEOUT_S` by another program is reported as
    "busy" rather than waited on for ever.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = lock_path(path)
        self._fd: int | None = None
        self._depth = 0

    def __enter__(self) -> StoreLock:
        if self._depth == 0:
            self._acquire()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._release()

    def _acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DossierError(
                f"could not open the lock file {self.path}: {exc.strerror or exc}",
                remedy="check the folder's permissions",
            ) from exc
        deadline = time.monotonic() + _LOCK_TIMEOUT_S
        while True:
            try:
                _lock(fd)
                break
            except OSError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise DossierError(
                        f"the store {self.path.with_suffix('')} is busy in another program",
                        remedy="try again",
                    ) from None
                time.sleep(0.01)
        self._fd = fd

    def _release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                _unlock(fd)
            os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def digest(path: str | os.PathLike, data_key: bytes) -> bytes:
    """HMAC-SHA256 of the whole file at `path`, read in 1 MiB blocks.

    Why not keyed BLAKE2b (the first design): OpenSSL's SHA-256 uses the CPU's SHA
    extensions where there are some, and measured 2.5 times faster than hashlib's BLAKE2b
    here -- this digest is read through on every open of a sealed store.
    """
    h = hmac.new(mac.subkey(data_key, _PURPOSE), digestmod=hashlib.sha256)
    buf = bytearray(BLOCK)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as fh:
        while n := fh.readinto(buf):
            h.update(view[:n])
    return h.digest()


def wal_is_empty(path: str | os.PathLike) -> bool:
    try:
        return wal_path(path).stat().st_size == 0
    except FileNotFoundError:
        return True


def seal_header(
    path: Path, header: keyheader.KeyHeader, data_key: bytes, *, deep: bool = False
) -> keyheader.KeyHeader | None:
    """The header to write on a clean close: counter and hash as the database has them
    now, and the seal over the main file. None when the WAL could not be emptied (another
    program is reading): the store then stays unsealed, which is safe.

    Before sealing, the structure is checked (issue 12): the file must be exactly as long
    as its pages say, and with `deep` (the session began from an unsealed store, so no seal
    vouched for its bytes) every page must pass its HMAC (`PRAGMA cipher_integrity_check`:
    a page cut short, zero-filled by the checkpoint or made up fails it). IntegrityError
    otherwise, and nothing is sealed over the damage.

    Why not `PRAGMA quick_check`: measured at 12-22 MiB/s on a 40 MiB store (3.4 s; 1.8 s
    with a 256 MiB cache), against 125 MiB/s for the HMAC check (0.32 s) -- half a minute
    at the close of a 400 MB store. The B-tree check stays with `dossier verify`.

    The caller holds the store's lock and has closed its own connections.
    """
    conn = connect(path, data_key)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # a string under SQLCipher
        problems = (
            [] if not deep else [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        )
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc, path) from exc
    finally:
        conn.close()
    if busy or not wal_is_empty(path):
        return None
    if problems:
        raise IntegrityError(f"the store {path} is damaged: " + "; ".join(problems[:3])[:300])
    _require_size(path, pages * size)
    return keyheader.with_counter(
        header,
        data_key,
        int(meta["commit_counter"]),
        meta["commit_hash"],
        seal=digest(path, data_key),
    )


def check(
    path: Path,
    header: keyheader.KeyHeader,
    data_key: bytes,
    seen: rollback_guard.Seen | None = None,
) -> str:
    """Compare a sealed header with the file; the caller holds the lock.

    "sealed": the seal holds. "stale": the database is exactly one commit ahead of the
    seal, and this computer's rollback-guard record `seen` is at the header's very commit
    (see the module docstring): harmless, the header is to be re-synced. "moved": the
    database is at another commit than the header altogether -- the commit counter check
    that follows reports that, with its own clearer message. IntegrityError: the database
    claims the header's very commit, yet its bytes differ, or it is one commit ahead of
    the seal without the guard's record agreeing: pages were replaced.

    Why the record must agree (issue 12): an old sealed header put back beside old pages
    under the newer `meta` page looks exactly like the race. Every writer clears the seal
    (and the record's) before it commits, so the race needs a commit nobody unsealed for;
    whereas a record that has seen a later header, or no record at all, gives no reason to
    believe in it.
    """
    if wal_is_empty(path) and hmac.compare_digest(digest(path, data_key), header.seal):
        return "sealed"
    meta = _meta(path, data_key)
    counter = meta.get("commit_counter")
    if counter == str(header.commit_counter + 1) and meta.get("prev_hash") == header.commit_hash:
        if seen is not None and (seen.counter, seen.commit_hash) == (
            header.commit_counter,
            header.commit_hash,
        ):
            return "stale"
        raise IntegrityError(
            f"{REPLACED} ({path} is one commit ahead of a sealed key header that this computer "
            "never saw it move on from: an older key header was put back beside changed pages)",
            remedy="restore the latest backup; do not trust this copy",
        )
    if counter is not None and (counter, meta.get("commit_hash")) != (
        str(header.commit_counter),
        header.commit_hash,
    ):
        return "moved"
    raise IntegrityError(
        f"{REPLACED} ({path} does not match the seal written when it was last closed)",
        remedy="restore the latest backup; do not trust this copy",
    )


def check_record(path: Path, data_key: bytes, seen: rollback_guard.Seen | None) -> bool:
    """Hold the file against the seal in this computer's rollback-guard record; the caller
    holds the lock. Used on open when the header's own seal does not vouch for the file (an
    unsealed or older header), and by key-restore.

    True: the database claims the record's sealed commit and its bytes are what was sealed.
    False: the record says nothing about these bytes (no record, no seal in it, or the
    database is at another commit -- the counter checks judge that). IntegrityError: the
    database claims the very commit whose seal the record keeps, yet its bytes differ (or
    sit in a WAL the clean close had emptied): pages were replaced, and the header that
    would have said so was swapped for an older one.
    """
    if seen is None or not seen.seal:
        return False
    meta = _meta(path, data_key)
    if (meta.get("commit_counter"), meta.get("commit_hash")) != (
        str(seen.counter),
        seen.commit_hash,
    ):
        return False
    if wal_is_empty(path) and hmac.compare_digest(digest(path, data_key), seen.seal):
        return True
    raise IntegrityError(
        f"{REPLACED} ({path} does not match the seal this computer recorded when the store was "
        f"last closed, at commit {seen.counter})",
        remedy="restore the latest backup; do not trust this copy",
    )


def check_size(path: Path, data_key: bytes) -> None:
    """A store without a valid seal, its WAL empty: the file must be exactly as long as
    its pages say (issue 12: bytes cut off its end, or a page appended, were otherwise
    sealed over at the next clean close). With frames in the WAL the main file may
    legitimately be shorter or longer until the next checkpoint, so nothing is said then;
    `seal_header` checks again after its checkpoint."""
    if not wal_is_empty(path):
        return
    try:
        conn = connect(path, data_key)
    except IntegrityError:
        return  # the pages speak for themselves
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # a string under SQLCipher
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc, path) from exc
    finally:
        conn.close()
    _require_size(path, pages * size)


def _require_size(path: Path, expected: int) -> None:
    actual = os.path.getsize(path)
    if actual != expected:
        what = "cut off its end" if actual < expected else "added at its end"
        raise IntegrityError(
            f"the store {path} is damaged: it is {actual} bytes long but its pages make "
            f"{expected} bytes ({abs(actual - expected)} bytes were {what})",
            remedy="restore the latest backup; do not trust this copy",
        )


def _meta(path: Path, data_key: bytes) -> dict[str, str]:
    """The meta table, or {} when SQLite will not read it (then the pages speak for it)."""
    try:
        conn = connect(path, data_key)
    except IntegrityError:
        return {}
    try:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlcipher3.DatabaseError:
        return {}
    finally:
        conn.close()
