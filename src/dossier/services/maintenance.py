"""Keeping a store healthy: verify, backup, change of passphrase, key header backup.

Backups are taken with SQLite's online backup API into a new file keyed with the
same data key, written beside the target and renamed into place, with the key
header copied alongside — so a backup opens with the same passphrase.

The key header alone can be backed up too (issue 7): it is small, already encrypted
(the data key is wrapped under Argon2id of the passphrase) and without it the store
cannot be opened at all. It changes at every commit (it mirrors the commit counter),
so a header backup soon looks "old"; `restore_key_header` re-syncs it to the database,
which is legitimate because only the holder of the passphrase can unwrap it.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from dossier.core.errors import DossierError, IntegrityError, StoreExistsError
from dossier.core.fileio import _fsync_dir, atomic_write_bytes
from dossier.crypto import keyheader
from dossier.crypto.kdf import KdfParams
from dossier.store import attachments
from dossier.store import seal as store_seal
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
    search_index_ok: bool = True

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "cipher_integrity_failures": self.cipher_pages_failed,
            "integrity_check": self.integrity or ["ok"],
            "bad_attachments": self.bad_attachments,
            "search_index_ok": self.search_index_ok,
        }


def verify(d: Dossier) -> VerifyReport:
    """SQLCipher page HMACs, SQLite's integrity_check, attachment hashes, FTS index."""
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
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc, d.path) from exc
    finally:
        conn.close()
    with d.store.read() as s:
        rep.bad_attachments = attachments.check_all(s)
    rep.ok = not (rep.cipher_pages_failed or rep.integrity or rep.bad_attachments) and rep.search_index_ok
    return rep


def backup(d: Dossier, out: str | os.PathLike) -> Path:
    """A consistent encrypted copy (`out` and `out.key`), taken while the store is open."""
    out = Path(out)
    out_key = key_header_path(out)
    if out.resolve() == d.path.resolve():
        raise StoreExistsError("the backup must not replace the store itself")
    if not out.parent.is_dir():
        raise DossierError(f"cannot write {out}: folder {out.parent} does not exist")
    _sweep_dead_backup_parts(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    tmp_key = out.with_name(f".{out_key.name}.{os.getpid()}.part")
    key = d.store.data_key
    try:
        src = connect(d.path, key)
        dst = connect(tmp, key)
        try:
            # Header and data must match: read the header under the same read lock.
            src.execute("BEGIN")
            meta = dict(src.execute("SELECT key, value FROM meta").fetchall())
            src.backup(dst)
            src.execute("COMMIT")
            # Left in WAL mode (as every open would switch it back) and folded into one
            # file, so that the seal below still describes it after the next open.
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            src.close()
            dst.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # Sealed like a clean close (issue 12): a backup put back in place of the store
        # opens as itself even where this computer recorded another seal at that commit.
        sealed = store_seal.digest(tmp, key) if store_seal.wal_is_empty(tmp) else b""
        header = keyheader.with_counter(
            d.store.header, key, int(meta["commit_counter"]), meta["commit_hash"], seal=sealed
        )
        keyheader.write_header(tmp_key, header)
        _swap_in(tmp, tmp_key, out, out_key)
        os.chmod(out, 0o600)
        _fsync_dir(out.parent)
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc, d.path) from exc
    except OSError as exc:
        raise DossierError(f"could not write the backup {out}: {exc.strerror or exc}") from exc
    finally:
        for p in (tmp, tmp_key, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm"), Path(str(tmp) + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
    return out


def _sweep_dead_backup_parts(out: Path) -> list[Path]:
    """Remove the temp files an earlier backup to this same name left when it was killed.

    Only our exact names (`.{out}.{pid}.part`, `.{out}.key.{pid}.part`, and SQLite's
    `-wal`/`-shm`/`-journal` beside them), and only when that pid is no longer running:
    a backup in progress elsewhere keeps its files.
    """
    names = "|".join(re.escape(n) for n in (out.name, key_header_path(out).name))
    pattern = re.compile(rf"\.(?:{names})\.(\d+)\.part(?:-wal|-shm|-journal)?")
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(out.parent):
            match = pattern.fullmatch(entry.name)
            if not match or not entry.is_file(follow_symlinks=False) or _alive(int(match.group(1))):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _swap_in(tmp: Path, tmp_key: Path, out: Path, out_key: Path) -> None:
    """Put the new pair in place of any old pair, as nearly at once as two renames allow.

    The old pair is moved aside first and put back if either rename fails, so a failed
    backup leaves the previous one whole and no key header without its store.
    """
    aside = [(p, p.with_name(f".{p.name}.{os.getpid()}.old")) for p in (out, out_key) if p.exists()]
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
    except BaseException:
        for p in placed:
            with contextlib.suppress(OSError):
                p.unlink()
        for p, a in moved:
            with contextlib.suppress(OSError):
                os.replace(a, p)
        raise
    for _, a in moved:
        with contextlib.suppress(OSError):
            a.unlink()


def key_header_file(store: str | os.PathLike) -> Path:
    """The key header that belongs beside `store` (the window may not import the store)."""
    return key_header_path(Path(store))


def backup_key_header(d: Dossier, dest: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write a copy of the store's current key header to `dest` (a file, or a folder to
    put `<store>.key.backup` in); atomic, mode 0600; refuses to replace an existing file
    unless `overwrite`. Returns the path written.

    The copy opens nothing by itself: the data key inside is wrapped under the
    passphrase. It brings back a lost or damaged `STORE.key` through `restore_key_header`.
    """
    dest = Path(dest).expanduser()
    if dest.is_dir():
        dest = dest / f"{d.path.name}.key.backup"
    if not dest.parent.is_dir():
        raise DossierError(f"cannot write {dest}: folder {dest.parent} does not exist")
    live = {d.path.resolve(), key_header_path(d.path).resolve()}
    if dest.resolve() in live:
        raise StoreExistsError(f"{dest} is the store's own file; choose another place for the backup")
    if dest.exists() and not overwrite:
        raise StoreExistsError(
            f"{dest} already exists; refusing to overwrite it", remedy="choose another name, or allow overwriting"
        )
    atomic_write_bytes(dest, keyheader.encode(_header_for_backup(d)), mode=0o600)
    return dest


def _header_for_backup(d: Dossier) -> keyheader.KeyHeader:
    """The current header without its seal: a seal describes the file at one close, and
    a restored header is re-synced to the database anyway."""
    h = d.store.header
    return keyheader.with_seal(h, d.store.data_key, b"") if h.seal else h


def restore_key_header(path: str | os.PathLike, backup: str | os.PathLike, passphrase: str) -> RestoreReport:
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
    "restore_key_header",
    "accept_restore",
    "change_passphrase",
    "IntegrityError",
]
