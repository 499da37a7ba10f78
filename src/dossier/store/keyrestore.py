"""Bringing back a store's key header from a backup copy of it (issue 7).

Why re-sync: the header mirrors the commit counter, so a header backed up last month
is "behind" the store by every commit since; put back as it is, open would call that
tampering. The passphrase holder is the owner: once the backup's wrapped key opens the
database (SQLCipher's page HMACs prove it) and the store ids agree, we write a fresh
header carrying the backup's wrap and the database's own counter and hash. The header
that was there (if any) is kept aside as `STORE.key.replaced`, never deleted.

Why restore checks the database too (issue 12): the header is what would have told an
old page put back from a new one. A restore that merely re-synced the counter would
launder a splice that open had just refused. So before writing, the database is held
against every seal there is -- this computer's rollback-guard record of the last clean
close, and the header being replaced when its key opens it -- and a contradiction is
refused as tampering, with nothing written. What no seal covers is said plainly in the
report (`RestoreReport.unverified`); a store a seal vouches for gets its seal back.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from dossier.core.errors import IntegrityError, NotFoundError, UnlockError
from dossier.core.fileio import _fsync_dir
from dossier.crypto import keyheader

from . import rollback_guard, seal
from .engine import connect, key_header_path
from .seal import StoreLock


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did and what it could not vouch for."""

    aside: Path | None  # where the replaced header was kept, or None if there was none
    vouched: bool  # a seal vouched for every byte of the database
    unverified: tuple[str, ...] = ()  # plain sentences: what could not be checked, and why


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


def restore(path: str | os.PathLike, backup: str | os.PathLike, passphrase: str) -> RestoreReport:
    """Restore the key header of the store at `path` from `backup`.

    UnlockError: wrong passphrase. IntegrityError: the backup is damaged, or does not
    belong to this store (its key does not open it, or the store ids differ), or the
    database contradicts a seal (pages were replaced): then nothing is written.
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
        counter, commit_hash = int(meta["commit_counter"]), meta["commit_hash"]
        sealed, unverified = _vouch(path, key, saved.store_id, counter, commit_hash, hdr)
        fresh = keyheader.with_counter(saved, key, counter, commit_hash, seal=sealed)
        aside = None
        if hdr.exists():
            aside = replaced_path(path)
            _keep_aside(hdr, aside)
        keyheader.write_header(hdr, fresh)
    return RestoreReport(aside, bool(sealed), tuple(unverified))


def _vouch(
    path: Path, key: bytes, store_id: str, counter: int, commit_hash: str, hdr: Path
) -> tuple[bytes, list[str]]:
    """(the seal that vouches for the database, or b""; what could not be vouched for).
    IntegrityError when a seal contradicts the database."""
    seal.check_size(path, key)
    seen = rollback_guard.seen_quietly(store_id, key, where=path)
    if seal.check_record(path, key, seen):
        assert seen is not None
        return seen.seal, []
    old = _old_header(hdr, key, store_id)
    if (
        old is not None
        and old.seal
        and (old.commit_counter, old.commit_hash) == (counter, commit_hash)
    ):
        if seal.wal_is_empty(path) and hmac.compare_digest(seal.digest(path, key), old.seal):
            return old.seal, []
        raise IntegrityError(
            f"{seal.REPLACED} ({path} does not match the seal in the key header being replaced)",
            remedy="restore the latest backup; do not trust this copy",
        )
    why = "could not vouch for the store's pages: "
    notes: list[str] = []
    if seen is None:
        notes.append(
            why + "this computer has no record of this store, and no seal covers its "
            "current commit, so they were not checked against anything"
        )
    elif seen.counter > counter:
        notes.append(
            f"this is an older copy of the store: it is at commit {counter}, but this "
            f"computer has seen commit {seen.counter} of it; opening it will ask whether "
            "you restored it yourself"
        )
    elif seen.counter == counter:
        notes.append(
            why + f"the store was not closed cleanly after its last commit ({counter}), "
            "so no seal covers them and they were not checked against anything"
        )
    else:
        notes.append(
            why + f"this computer last saw commit {seen.counter} of this store and it is now "
            f"at commit {counter}; no seal covers the commits since, so they were not "
            "checked against anything"
        )
    if old is not None and seen is not None and old.commit_counter < counter <= seen.counter:
        notes.append(
            f"the key header being replaced was at commit {old.commit_counter}, although this "
            f"computer saw the header of commit {counter} written: an older key header had been "
            "put back, which is how pages from an older copy are slipped in; check the cases "
            "against your own records or restore a backup"
        )
    return b"", notes


def _old_header(hdr: Path, key: bytes, store_id: str) -> keyheader.KeyHeader | None:
    """The header being replaced, if it is readable and MACed under this key."""
    try:
        old = keyheader.read_header(hdr)
        keyheader.verify_counter(old, key)
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: it vouches for nothing
        return None
    return old if old.store_id == store_id else None


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
