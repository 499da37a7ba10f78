"""Keeping a store healthy: verify, backup, change of passphrase.

Backups are taken with SQLite's online backup API into a new file keyed with the
same data key, written beside the target and renamed into place, with the key
header copied alongside — so a backup opens with the same passphrase.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from dossier.core.errors import DossierError, IntegrityError, StoreExistsError
from dossier.core.fileio import _fsync_dir
from dossier.crypto import keyheader
from dossier.crypto.kdf import KdfParams
from dossier.store import attachments
from dossier.store.engine import classify, connect, key_header_path

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
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            src.close()
            dst.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        header = keyheader.with_counter(
            d.store.header, key, int(meta["commit_counter"]), meta["commit_hash"]
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


__all__ = ["VerifyReport", "verify", "backup", "change_passphrase", "IntegrityError"]
