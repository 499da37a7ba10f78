"""Keeping a store healthy: verify, backup, change of passphrase, key header backup.

Backups are taken with SQLite's online backup API into a new file keyed with the
same data key, written beside the target and renamed into place, with the key
header copied alongside — so a backup opens with the same passphrase — and the
attachment blobs the copied database names, in `BACKUP.blobs/` (store/blobs.py).
The copy is consistent: under the store's lock (no commit of any program half way)
the database is copied and each blob it names is pinned with a hard link in the
store's blob folder, so a blob deleted by a later commit still reaches the backup;
the (slow) copy of the bytes happens after the lock is let go.

The key header alone can be backed up too (issue 7): it is small, already encrypted
(the data key is wrapped under Argon2id of the passphrase) and without it the store
cannot be opened at all. It changes at every commit (it mirrors the commit counter),
so a header backup soon looks "old"; `restore_key_header` re-syncs it to the database,
which is legitimate because only the holder of the passphrase can unwrap it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from dossier.core.errors import DossierError, IntegrityError, StoreExistsError, UnlockError
from dossier.core.fileio import _fsync_dir, atomic_write_bytes, part_path, sweep_parts
from dossier.crypto import keyheader
from dossier.crypto.kdf import KdfParams
from dossier.store import attachments, seal
from dossier.store.blobs import blobs_path
from dossier.store.engine import classify, connect, key_header_path
from dossier.store.keyrestore import RestoreReport
from dossier.store.store import Store

from .dossier import Dossier


@dataclass
class VerifyReport:
    ok: bool = True
    cipher_pages_failed: int = 0
    integrity: list[str] = field(default_factory=list)
    bad_attachments: list[str] = field(default_factory=list)
    attachment_problems: list[str] = field(default_factory=list)
    search_index_ok: bool = True
    search_index_problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "cipher_integrity_failures": self.cipher_pages_failed,
            "integrity_check": self.integrity or ["ok"],
            "bad_attachments": self.bad_attachments,
            "attachment_problems": self.attachment_problems,
            "search_index_ok": self.search_index_ok,
            "search_index_problems": self.search_index_problems,
        }


def verify(d: Dossier) -> VerifyReport:
    """SQLCipher page HMACs, SQLite's integrity_check, every attachment blob (present,
    authentic, its recorded SHA-256), FTS index (and its rowid maps, as many rows). The
    seal covers the database only; the blobs are checked here, each by itself, so one bad
    file is named and nothing else is held back."""
    rep = VerifyReport()
    conn = connect(d.path, d.store.data_key)
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        rep.cipher_pages_failed = len(rows)
        res = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if res != ["ok"]:
            rep.integrity = res[:20]
        for table in ("search_index", "name_index"):
            try:
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlcipher3.DatabaseError:
                rep.search_index_ok = False
                rep.search_index_problems.append(f"{table}: FTS5 integrity-check failed")
        rep.search_index_problems += _index_map_mismatches(conn)
        rep.search_index_ok = rep.search_index_ok and not rep.search_index_problems
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc, d.path) from exc
    finally:
        conn.close()
    with d.store.read() as s:
        found = attachments.problems(s)
    rep.bad_attachments = [name for name, _ in found]
    rep.attachment_problems = [msg for _, msg in found]
    rep.ok = (
        not (rep.cipher_pages_failed or rep.integrity or rep.bad_attachments)
        and rep.search_index_ok
    )
    return rep


def _index_map_mismatches(conn) -> list[str]:
    """The index tables and their rowid maps (store.search) must hold as many rows: a
    row in one only means a case's edits would leave stale hits or drop live ones."""
    out = []
    for index, rowmap in (("search_index", "search_rows"), ("name_index", "name_rows")):
        n_index = conn.execute(f"SELECT count(*) FROM {index}").fetchone()[0]
        n_map = conn.execute(f"SELECT count(*) FROM {rowmap}").fetchone()[0]
        if n_index != n_map:
            out.append(f"{index} has {n_index} rows but its map {rowmap} {n_map}")
    return out


def backup(d: Dossier, out: str | os.PathLike) -> Path:
    """A consistent encrypted copy (`out` and `out.key`), taken while the store is open."""
    out = Path(out)
    out_key = key_header_path(out)
    if out.resolve() == d.path.resolve():
        raise StoreExistsError("the backup must not replace the store itself")
    if not out.parent.is_dir():
        raise DossierError(f"cannot write {out}: folder {out.parent} does not exist")
    # What an earlier backup to this same name left when it was killed (its process gone).
    sweep_parts(out.parent, (out.name, out_key.name, blobs_path(out).name), by_process=True)
    pid = str(os.getpid())
    tmp, tmp_key, tmp_blobs = (part_path(p, pid) for p in (out, out_key, blobs_path(out)))
    pin = d.store.blobs.path / f".pin-{os.getpid()}"
    key = d.store.data_key
    try:
        # A lock object of our own: another thread's write on this store then waits too.
        with seal.StoreLock(d.path):
            src = connect(d.path, key)
            dst = connect(tmp, key)
            try:
                # Header and data must match: read the header under the same read lock.
                src.execute("BEGIN")
                meta = dict(src.execute("SELECT key, value FROM meta").fetchall())
                src.backup(dst)
                names = [
                    r[0]
                    for r in src.execute(
                        "SELECT blob_id FROM attachments WHERE blob_id IS NOT NULL"
                    )
                ]
                src.execute("COMMIT")
                # Left in WAL mode (as every open would switch it back) and folded into
                # one file, so that the seal below still describes it after the next open.
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                src.close()
                dst.close()
            _pin(d.store.blobs.path, pin, names)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _copy_blobs(pin, tmp_blobs, names)
        # Sealed like a clean close (issue 12): a backup put back in place of the store
        # opens as itself even where this computer recorded another seal at that commit.
        sealed = seal.digest(tmp, key) if seal.wal_is_empty(tmp) else b""
        header = keyheader.with_counter(
            d.store.header, key, int(meta["commit_counter"]), meta["commit_hash"], seal=sealed
        )
        keyheader.write_header(tmp_key, header)
        _swap_in(tmp, tmp_key, out, out_key, tmp_blobs, blobs_path(out))
        os.chmod(out, 0o600)
        _fsync_dir(out.parent)
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc, d.path) from exc
    except OSError as exc:
        raise DossierError(f"could not write the backup {out}: {exc.strerror or exc}") from exc
    finally:
        for p in (
            tmp,
            tmp_key,
            Path(str(tmp) + "-wal"),
            Path(str(tmp) + "-shm"),
            Path(str(tmp) + "-journal"),
        ):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        shutil.rmtree(tmp_blobs, ignore_errors=True)
        shutil.rmtree(pin, ignore_errors=True)
    return out


def _pin(folder: Path, pin: Path, names: list[str]) -> None:
    """Hard-link each named blob into `pin` (cheap: no bytes move), so that a commit
    deleting one after the lock is let go cannot take it from this backup. Where the
    file system has no hard links, the bytes are copied instead (still under the lock)."""
    if not names or not folder.is_dir():
        return  # no blobs, or the folder is gone (verify names every missing one)
    shutil.rmtree(pin, ignore_errors=True)
    pin.mkdir(mode=0o700)
    for name in names:
        try:
            os.link(folder / name, pin / name)
        except FileNotFoundError:
            continue  # a blob already missing: `verify` names it; the backup has the rest
        except OSError:
            shutil.copyfile(folder / name, pin / name)


def _copy_blobs(pin: Path, dest: Path, names: list[str]) -> None:
    """Copy the pinned blobs into the backup's temp folder, each file and the folder
    fsynced. A store without attachments gets no blob folder in its backup."""
    shutil.rmtree(dest, ignore_errors=True)
    if not names:
        return
    dest.mkdir(mode=0o700)
    for name in names:
        src = pin / name
        if not src.exists():
            continue
        with open(src, "rb") as fi, open(dest / name, "xb") as fo:
            shutil.copyfileobj(fi, fo, 1 << 20)
            fo.flush()
            os.fsync(fo.fileno())
        os.chmod(dest / name, 0o600)
    _fsync_dir(dest)


def _swap_in(
    tmp: Path, tmp_key: Path, out: Path, out_key: Path, tmp_blobs: Path, out_blobs: Path
) -> None:
    """Put the new set (store, key header, blob folder) in place of any old set, as nearly
    at once as three renames allow.

    The old set is moved aside first and put back if any rename fails, so a failed
    backup leaves the previous one whole and no key header without its store.
    """
    aside = [
        (p, p.with_name(f".{p.name}.{os.getpid()}.old"))
        for p in (out, out_key, out_blobs)
        if p.exists()
    ]
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for p, a in aside:
            os.replace(p, a)
            moved.append((p, a))
        os.replace(tmp_key, out_key)
        placed.append(out_key)
        os.replace(tmp, out)
        placed.append(out)
        if tmp_blobs.exists():
            os.replace(tmp_blobs, out_blobs)
            placed.append(out_blobs)
    except BaseException:
        for p in placed:
            with contextlib.suppress(OSError):
                _remove(p)
        for p, a in moved:
            with contextlib.suppress(OSError):
                os.replace(a, p)
        raise
    for _, a in moved:
        with contextlib.suppress(OSError):
            _remove(a)


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p)
    else:
        p.unlink()


def key_header_file(store: str | os.PathLike) -> Path:
    """The key header that belongs beside `store` (the window may not import the store)."""
    return key_header_path(Path(store))


def key_backup_file(store: str | os.PathLike, folder: str | os.PathLike) -> Path:
    """Where a copy of `store`'s key header goes in `folder` unless told otherwise:
    `<store>.key.backup` (named here once, for `backup_key_header` and both front ends)."""
    return Path(folder) / f"{key_header_file(store).name}.backup"


def backup_key_header(d: Dossier, dest: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write a copy of the store's current key header to `dest` (a file, or a folder to
    put `<store>.key.backup` in); atomic, mode 0600; refuses to replace an existing file
    unless `overwrite`. Returns the path written.

    The copy opens nothing by itself: the data key inside is wrapped under the
    passphrase. It brings back a lost or damaged `STORE.key` through `restore_key_header`.
    """
    dest = Path(dest).expanduser()
    if dest.is_dir():
        dest = key_backup_file(d.path, dest)
    if not dest.parent.is_dir():
        raise DossierError(f"cannot write {dest}: folder {dest.parent} does not exist")
    live = {d.path.resolve(), key_header_path(d.path).resolve()}
    if dest.resolve() in live:
        raise StoreExistsError(
            f"{dest} is the store's own file; choose another place for the backup"
        )
    if dest.exists() and not overwrite:
        raise StoreExistsError(
            f"{dest} already exists; refusing to overwrite it",
            remedy="choose another name, or allow overwriting",
        )
    atomic_write_bytes(dest, keyheader.encode(_header_for_backup(d)), mode=0o600)
    return dest


def _header_for_backup(d: Dossier) -> keyheader.KeyHeader:
    """The current header without its seal: a seal describes the file at one close, and
    a restored header is re-synced to the database anyway."""
    h = d.store.header
    return keyheader.with_seal(h, d.store.data_key, b"") if h.seal else h


def restore_key_header(
    path: str | os.PathLike, backup: str | os.PathLike, passphrase: str
) -> RestoreReport:
    """Put back the key header of the store at `path` from a copy `backup_key_header`
    made. Wrong passphrase: UnlockError. A header of another store, or a database a seal
    contradicts (pages replaced): IntegrityError, nothing written. The header it replaces
    is kept as `STORE.key.replaced`. The report says whether a seal vouched for the
    database and, in plain sentences, what could not be checked."""
    return Store.restore_key_header(path, backup, passphrase)


def accept_restore(path: str | os.PathLike, passphrase: str) -> None:
    """The researcher restored an older copy of the store on purpose: unlock it (every
    other check still applies -- seal, counter, page HMACs) and make it this computer's
    new baseline for the rollback guard, so it opens from now on."""
    Store.open(path, passphrase, accept_restore=True).close()


def check_passphrase(d: Dossier, passphrase: str) -> None:
    """UnlockError unless `passphrase` opens this store's key header (Argon2id: ~1 s).

    The window asks for the current passphrase before changing it: an unlocked laptop
    left for a minute must not let someone else lock the researcher out of their data.
    """
    try:
        key = keyheader.unlock(d.store.header, passphrase)
    except DossierError:
        key = b""
    if key != d.store.data_key:
        raise UnlockError("the current passphrase is wrong")


def change_passphrase(
    d: Dossier, new_passphrase: str, params: KdfParams | None = None, *, rekey: bool = False
) -> None:
    """A new passphrase (one atomic header write); with `rekey`, a new data key too."""
    if not new_passphrase:
        raise DossierError("the new passphrase is empty")
    if rekey:
        d.store.rekey(new_passphrase, params)
    else:
        d.store.change_passphrase(new_passphrase, params)


__all__ = [
    "VerifyReport",
    "verify",
    "backup",
    "backup_key_header",
    "key_backup_file",
    "key_header_file",
    "restore_key_header",
    "accept_restore",
    "change_passphrase",
    "check_passphrase",
    "IntegrityError",
]
