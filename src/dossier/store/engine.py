"""SQLCipher connections, opened the way SECURITY.md designs them.

The data key enters through a `creator=` function (never a URL), in raw-key mode so
SQLCipher's own PBKDF2 is skipped (the passphrase went through Argon2id already).
`NullPool`: nothing keeps a keyed connection alive after a unit of work, so locking
the store means disposing one engine.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from dossier.core.errors import DossierError, IntegrityError, UnlockError

# SQLCipher reports a wrong key, a flipped byte (HMAC failure) or a foreign file
# all as "file is not a database"; these messages mean the bytes are not what we wrote.
_TAMPER_HINTS = ("file is not a database", "malformed", "hmac", "corrupt")


def key_header_path(store_path: str | os.PathLike) -> Path:
    """The key header sits beside the store: `dossier.db` → `dossier.db.key`."""
    p = Path(store_path)
    return p.with_name(p.name + ".key")


def connect(path: str | os.PathLike, data_key: bytes) -> sqlcipher3.Connection:
    """One keyed connection with the pragmas every connection must have."""
    if len(data_key) != 32:
        raise UnlockError("the data key has the wrong length")
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # SQLCipher would otherwise log page-HMAC failures to stderr; we report them.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # OFF, and before the key (SECURITY.md item 3): wiping SQLite's freed heap tripled
        # insert time, and that heap holds only what Python's own strings already hold.
        # SQLCipher still wipes the key and its page buffers.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        # Raw-key mode; the hex is built here and never logged.
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        # Fail fast: the first read proves the key (and the first page's HMAC).
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        # 32 MiB of page cache (SQLite's default is 2 MiB), taken only as a transaction
        # needs it: every page evicted and read again is decrypted and HMAC-checked again,
        # which plain SQLite does not pay. A 20,000-case insert: CPU ratio to plain SQLite
        # 1.14 with the default cache, 1.08 with a larger one (benchmarks/bench_store.py).
        conn.execute("PRAGMA cache_size = -32768")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise classify(exc, path) from exc
    return conn


def classify(exc: Exception, path: str | os.PathLike | None = None) -> Exception:
    """Turn a SQLCipher error (raw or wrapped by SQLAlchemy) into the user-facing family.

    A busy or locked database, a full disk or a broken constraint are ordinary
    failures; the errors SQLite raises when a page is not what we wrote (HMAC
    failure, "not a database", "malformed") mean tampering or damage.
    """
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    where = f" ({path})" if path else ""
    if isinstance(orig, sqlcipher3.IntegrityError):
        return DossierError(f"the change conflicts with what is stored: {orig}")
    if isinstance(orig, sqlcipher3.OperationalError):
        if "locked" in text or "busy" in text:
            return DossierError(f"the store{where} is busy in another program", remedy="try again")
        if "disk" in text and "full" in text:
            return DossierError(f"the disk is full; nothing was written{where}")
        if "i/o error" in text or "unable to open" in text or "readonly" in text:
            return DossierError(
                f"the store{where} could not be read or written: {orig}",
                remedy="check the disk, the folder's permissions and free space",
            )
    if any(h in text for h in _TAMPER_HINTS) or type(orig) is sqlcipher3.DatabaseError:
        return IntegrityError(
            f"the store{where} is damaged or was tampered with ({orig})",
            remedy="restore it from a backup",
        )
    return exc


def make_engine(path: str | os.PathLike, data_key: bytes) -> Engine:
    """An SQLAlchemy engine whose every connection is keyed by `connect`."""
    key = bytes(data_key)

    def creator() -> sqlcipher3.Connection:
        return connect(path, key)

    engine = create_engine("sqlite://", creator=creator, poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - trivial
        # sqlcipher3 runs in autocommit (isolation_level=None); SQLAlchemy's unit of
        # work still needs a real transaction. Writers take the write lock up front
        # (IMMEDIATE) so two writers never deadlock half-way; readers do not take it,
        # so a long export never blocks a writer in WAL mode.
        write = conn.get_execution_options().get("dossier_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def checkpoint(path: str | os.PathLike, data_key: bytes) -> None:
    """Fold the WAL back into the main file (on lock/close), leaving no -wal content."""
    conn = connect(path, data_key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()
