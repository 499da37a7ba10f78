"""An open, unlocked store: the key header, the keyed engine and the commit counter.

Creating writes the key header first, then the database; opening unwraps the data
key, checks the seal (`seal.py`: no page replaced since the last clean close), proves
the key on the first query, upgrades the schema and checks the commit counter
mirrored in the (authenticated) key header — a store rolled back to an older copy,
or a header from another moment, is reported as tampering (SECURITY.md item 4) — and
asks the rollback guard whether this computer has seen a later commit (an older copy
of BOTH files put back: `RollbackError`, which the researcher may accept when the
restore was theirs). Closing cleanly seals the store again, in the header and in the
guard's record (issue 12: the record's seal, and the record's memory of which commits'
headers were written, are what an older header put back beside older pages cannot fool).

Every change to the database and every header write happen under the store's lock
file (`seal.StoreLock`), and each commit first picks up a header another process may
have written since (`_fresh_header`), so two programs on one store never undo each
other's header or leave a seal over bytes that moved on.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from dossier.core.changes import Changes
from dossier.core.errors import IntegrityError, LockedError, StoreExistsError, UnlockError
from dossier.core.fileio import private_folder, sweep_parts
from dossier.core.model import now_iso
from dossier.crypto import keyheader
from dossier.crypto.kdf import KdfParams

from . import blob_upkeep, keyrestore, migrations, rollback_guard, seal, settle, unit
from .blobs import SESSION_FOLDER, SESSION_TXN, BlobFolder, BlobTxn, blobs_path
from .engine import checkpoint, classify, connect, key_header_path, make_engine

LOG_SIZE = 256  # commits remembered by changes_since


class Store:
    """Owns the database of one store. Only `dossier.services` holds one."""

    def __init__(self, path: Path, header: keyheader.KeyHeader, data_key: bytes) -> None:
        self.path = path
        self.header = header
        self._key: bytearray | None = bytearray(data_key)
        self._engine: Engine | None = make_engine(path, data_key)
        self.generation = 0  # bumped at every commit: lets caches above know they are current
        # What the last commits changed, by generation (in memory only): a cache kept
        # for generation g reloads only `changes_since(g)` (the derive processes).
        self._log: collections.deque[tuple[int, Changes]] = collections.deque(maxlen=LOG_SIZE)
        self._header_behind = False  # a header write failed: the next write syncs it first
        self._lock = seal.StoreLock(path)
        self._header_sig: tuple[int, ...] | None = None  # stat of the header we last read or wrote
        # The rollback guard's records say which stores this computer holds: 0700.
        private_folder(private_folder(rollback_guard.state_dir()) / "rollback")
        self.blobs = BlobFolder(path, lambda: self.data_key)  # attachment bodies (blobs.py)
        self._recorders = threading.local()  # per thread: Recorders collecting Changes
        self._guard_unsealed = False  # this session cleared the record's seal already
        self._vouched = (
            True  # a seal vouched for the bytes at open; if not, the close checks deeper
        )

    # -- life cycle ---------------------------------------------------------------
    @classmethod
    def create(
        cls, path: str | os.PathLike, passphrase: str, params: KdfParams | None = None
    ) -> Store:
        path = Path(path)
        hdr_path = key_header_path(path)
        for p in (path, hdr_path, blobs_path(path)):
            if p.exists():
                raise StoreExistsError(f"{p} already exists; refusing to overwrite it")
        if not path.parent.is_dir():
            raise StoreExistsError(f"folder {path.parent} does not exist")
        header, key = keyheader.create_header(passphrase, params)
        header = keyheader.with_counter(header, key, 0, _genesis_hash(header.store_id))
        keyheader.write_header(hdr_path, header)
        try:
            store = cls(path, header, key)
            with store.engine.execution_options(dossier_write=True).begin() as conn:
                migrations.upgrade(conn)
                _set_meta(conn, "store_id", header.store_id)
                _set_meta(conn, "created", now_iso())
                _set_meta(conn, "commit_counter", "0")
                _set_meta(conn, "commit_hash", header.commit_hash)
                _set_meta(conn, "prev_hash", "")
            os.chmod(path, 0o600)
        except BaseException:
            for p in (
                path,
                hdr_path,
                Path(str(path) + "-wal"),
                Path(str(path) + "-shm"),
                seal.lock_path(path),
            ):
                with contextlib.suppress(FileNotFoundError):
                    p.unlink()
            with contextlib.suppress(OSError):
                blobs_path(path).rmdir()
            raise
        return store

    @classmethod
    def open(
        cls, path: str | os.PathLike, passphrase: str, *, accept_restore: bool = False
    ) -> Store:
        """Unlock with the passphrase. `accept_restore`: the researcher restored an older
        copy on purpose; record it as this computer's new baseline instead of refusing it."""
        path = Path(path)
        hdr_path = key_header_path(path)
        if not path.exists():
            raise UnlockError(f"no store at {path}", remedy="create one with `dossier init`")
        if not hdr_path.exists():
            raise UnlockError(
                f"the key header {hdr_path} is missing; the store cannot be unlocked without it",
                remedy="restore it from your backup",
            )
        remove_stale_parts(path)
        pending = _pending_path(path)
        if pending.exists():
            store = cls._finish_rekey(path, pending, passphrase)
            if store is not None:
                return store
        header = keyheader.read_header(hdr_path)
        key = keyheader.unlock(header, passphrase)
        return cls.open_with_key(path, header, key, accept_restore=accept_restore)

    @classmethod
    def _finish_rekey(cls, path: Path, pending: Path, passphrase: str) -> Store | None:
        """A rekey was interrupted: the database is under exactly one of the two keys.

        If the pending header's key opens it, the rekey committed: promote that header.
        Otherwise the rekey never happened: drop the pending header (None: open as usual).
        """
        try:
            new_header = keyheader.read_header(pending)
            new_key = keyheader.unlock(new_header, passphrase)
            store = cls.open_with_key(path, new_header, new_key)
        except (IntegrityError, UnlockError):
            # Only drop the pending header once the old key is proven to open the data.
            old = keyheader.read_header(key_header_path(path))
            try:
                old_key = keyheader.unlock(old, passphrase)
                cls.open_with_key(path, old, old_key).close(checkpoint_wal=False)
            except (IntegrityError, UnlockError):
                raise UnlockError(
                    "a change of passphrase was interrupted and this passphrase does not open the store",
                    remedy="try the new passphrase you chose",
                ) from None
            pending.unlink()
            return None
        with store._lock:
            store._write_header(store.header)
        pending.unlink()
        store._record()
        return store

    @classmethod
    def open_with_key(
        cls, path: Path, header: keyheader.KeyHeader, key: bytes, *, accept_restore: bool = False
    ) -> Store:
        keyheader.verify_counter(header, key)
        store = cls(path, header, key)
        try:
            with store._lock:
                # This computer's record of the store, with the seal of its last clean close:
                # the state an attacker cannot roll back together with the header (issue 12).
                seen = rollback_guard.seen_quietly(header.store_id, key, where=path)
                state = seal.check(path, header, key, seen) if header.seal else "unsealed"
                if state != "sealed":
                    store._vouched = seal.check_record(path, key, seen)
                    if not store._vouched:
                        seal.check_size(path, key)
                # Before anything writes (an upgrade, a repair): the seals must go. Not when
                # the counter check below is about to refuse the store ("moved").
                if state == "stale" or (state != "moved" and store._needs_upgrade()):
                    store._unseal()
                with store.engine.execution_options(dossier_write=True).begin() as conn:
                    migrations.upgrade(conn)
                    store._check_counter(conn, None if accept_restore else seen)
                h = store.header
                if accept_restore:
                    rollback_guard.accept(
                        h.store_id, h.commit_counter, key, h.commit_hash, where=path
                    )
                else:
                    rollback_guard.check(
                        h.store_id, h.commit_counter, key, h.commit_hash, where=path
                    )
                    store._record()
            # Attachment blobs: sweep orphans, finish a rekey's re-wrap, move old chunk rows.
            blob_upkeep.on_open(store)
        except (sqlcipher3.DatabaseError, DBAPIError) as exc:
            store.close(checkpoint_wal=False)
            raise classify(exc, path) from exc
        except BaseException:
            store.close(checkpoint_wal=False)
            raise
        return store

    def _needs_upgrade(self) -> bool:
        with self.engine.connect() as conn:
            return migrations.needs_upgrade(conn)

    @classmethod
    def restore_key_header(
        cls, path: str | os.PathLike, backup_header_path: str | os.PathLike, passphrase: str
    ) -> keyrestore.RestoreReport:
        """Put back a lost or damaged key header from a backup copy (`keyrestore.py`),
        re-synced to the database's commit counter after checking the database against
        every seal there is; the old header is kept aside."""
        return keyrestore.restore(path, backup_header_path, passphrase)

    def close(self, checkpoint_wal: bool = True) -> None:
        """Checkpoint and seal (`seal.py`), drop the engine and overwrite our copy of the key.

        `checkpoint_wal=False` (tests that play a crash, or a store that failed to open)
        leaves the files as they are, unsealed.
        """
        if self._engine is None:
            return
        self._engine.dispose()
        if checkpoint_wal and self._key is not None:
            with contextlib.suppress(Exception):
                self._seal()
        if self._key is not None:
            for i in range(len(self._key)):
                self._key[i] = 0
        self._key = None
        self._engine = None

    def changes_since(self, generation: int) -> Changes | None:
        """What this session's commits after `generation` changed, merged; None when
        the log no longer reaches that far back (the caller reloads everything)."""
        if generation == self.generation:
            return Changes()
        if generation > self.generation or not self._log or self._log[0][0] > generation + 1:
            return None
        out = Changes()
        for g, ch in self._log:
            if g > generation:
                out = out | ch
        return out

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise LockedError("the store is locked")
        return self._engine

    @property
    def data_key(self) -> bytes:
        if self._key is None:
            raise LockedError("the store is locked")
        return bytes(self._key)

    # -- units of work ------------------------------------------------------------
    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, info={SESSION_FOLDER: self.blobs}) as session:
            try:
                yield session
            except (sqlcipher3.DatabaseError, DBAPIError) as exc:
                raise classify(exc, self.path) from exc

    @contextlib.contextmanager
    def recording(self) -> Iterator[unit.Recorder]:
        """Collect the `Changes` of every commit this thread makes inside the block."""
        rec = unit.Recorder()
        stack = self._recorders.__dict__.setdefault("stack", [])
        stack.append(rec)
        try:
            yield rec
        finally:
            stack.remove(rec)

    @contextlib.contextmanager
    def write(self, summary: str = "") -> Iterator[Session]:
        """One transaction; bumps the commit counter, then mirrors it into the header.

        The store may run at most one commit ahead of its header (open() repairs that
        one). So when a header write failed, the next write first brings the header up
        to date, and refuses to commit on top if it still cannot.
        """
        with self._lock:  # the commit and its header write, as one step for other processes
            self._unseal()
            if self._header_behind:
                self._sync_header()
            txn = BlobTxn(self.blobs)
            try:
                writer = self.engine.execution_options(dossier_write=True)
                info = {SESSION_FOLDER: self.blobs, SESSION_TXN: txn}
                with Session(writer, info=info) as session, session.begin():
                    unit.begin(session)
                    yield session
                    changes = settle.settle(session)  # index and facts cache, same transaction
                    counter, new_hash = self._bump(session, summary)
                self.generation += 1
                self._log.append((self.generation, changes))
            except BaseException as exc:
                txn.discard()  # blobs this transaction wrote belong to no committed row
                if isinstance(exc, sqlcipher3.DatabaseError | DBAPIError):
                    raise classify(exc, self.path) from exc
                raise
            txn.finish()  # blobs whose rows this transaction dropped
            # The commit is durable now; a crash before the header write leaves the store
            # exactly one commit ahead, which open() recognises and repairs.
            self._write_header(
                keyheader.with_counter(self.header, self.data_key, counter, new_hash)
            )
        self._record()
        for rec in getattr(self._recorders, "stack", ()):
            rec.add(changes)

    def _seal(self) -> None:
        """On a clean close: seal the store, unless the header on disk is sealed already
        (nothing was changed in this session, or another process sealed after us).

        The seal goes into the header first, then into this computer's rollback-guard
        record (a crash between them leaves a sealed header and a record without the seal:
        weaker, never a false alarm). A session that began unsealed (after a crash) has
        had nothing vouch for its bytes, so the structure is checked deeper first."""
        key = bytes(self._key)
        with self._lock:
            self._fresh_header()
            if not self.header.seal:
                sealed = seal.seal_header(self.path, self.header, key, deep=not self._vouched)
                if sealed is None:
                    return
                self._write_header(sealed)
            else:
                checkpoint(self.path, key)
            h = self.header
            rollback_guard.record_seal(
                h.store_id, h.commit_counter, key, h.commit_hash, h.seal, where=self.path
            )

    def _fresh_header(self) -> None:
        """Adopt the header on disk if another process wrote it since we last did (a
        seal, a commit, a new passphrase); called under the lock. One stat when not."""
        hdr = key_header_path(self.path)
        try:
            sig = _sig(hdr)
        except OSError:
            return
        if sig == self._header_sig:
            return
        try:
            disk = keyheader.read_header(hdr)
            keyheader.verify_counter(disk, self.data_key)
        except Exception:  # noqa: BLE001 - unreadable, or not under our key: keep ours
            return
        if disk.store_id == self.header.store_id:
            self.header = disk
            self._header_sig = sig

    def _unseal(self) -> None:
        """Before the first change of a session: clear the seal (under the lock) -- in this
        computer's record first, then in the header, both durably, before the database
        moves on: a seal that outlived the bytes it describes would be a false alarm."""
        self._fresh_header()
        if self.header.seal or not self._guard_unsealed:
            self._guard_unsealed = rollback_guard.clear_seal(
                self.header.store_id, self.data_key, where=self.path
            )
        if self.header.seal:
            self._write_header(keyheader.with_seal(self.header, self.data_key, b""))

    def _record(self) -> None:
        h = self.header
        rollback_guard.record(
            h.store_id, h.commit_counter, self.data_key, h.commit_hash, where=self.path
        )

    def _write_header(self, header: keyheader.KeyHeader) -> None:
        self._header_behind = True
        hdr = key_header_path(self.path)
        keyheader.write_header(hdr, header)
        self.header = header
        self._header_behind = False
        with contextlib.suppress(OSError):
            self._header_sig = _sig(hdr)

    def _sync_header(self) -> None:
        meta = self.meta()
        self._write_header(
            keyheader.with_counter(
                self.header, self.data_key, int(meta["commit_counter"]), meta["commit_hash"]
            )
        )

    def _bump(self, session: Session, summary: str) -> tuple[int, str]:
        conn = session.connection()
        meta = dict(conn.execute(text("SELECT key, value FROM meta")).all())
        counter = int(meta.get("commit_counter", "0")) + 1
        prev = meta.get("commit_hash", "")
        new_hash = hashlib.sha256(f"{prev}|{counter}|{os.urandom(8).hex()}".encode()).hexdigest()
        _set_meta(conn, "commit_counter", str(counter))
        _set_meta(conn, "commit_hash", new_hash)
        _set_meta(conn, "prev_hash", prev)
        return counter, new_hash

    def _check_counter(self, conn, seen: rollback_guard.Seen | None = None) -> None:
        meta = dict(conn.execute(text("SELECT key, value FROM meta")).all())
        if meta.get("store_id") != self.header.store_id:
            raise IntegrityError(
                "the store and its key header do not belong together (different store ids)",
                remedy="use the .key file that was made with this store",
            )
        counter = int(meta.get("commit_counter", "0"))
        h = self.header
        if counter == h.commit_counter and meta.get("commit_hash") == h.commit_hash:
            return
        if counter == h.commit_counter + 1 and meta.get("prev_hash") == h.commit_hash:
            # Crashed between the commit and the header write: finish the write -- unless
            # this computer already saw the header of that commit written (the guard records
            # only after a header write): then an older header was put back (issue 12).
            if seen is not None and seen.counter > counter:
                rollback_guard.check(
                    h.store_id, counter, self.data_key, meta.get("commit_hash"), where=self.path
                )
            if seen is not None and seen.counter == counter:
                raise IntegrityError(
                    f"the store was tampered with: its key header is at commit {h.commit_counter}, "
                    f"but this computer already saw the header of commit {counter} written (an "
                    "older key header was put back, perhaps beside older pages)",
                    remedy="restore the latest backup; do not trust this copy",
                )
            self._write_header(
                keyheader.with_counter(h, self.data_key, counter, meta["commit_hash"])
            )
            return
        raise IntegrityError(
            f"the store was rolled back or tampered with: it is at commit {counter}, "
            f"its key header at commit {h.commit_counter}",
            remedy="restore the latest backup; do not trust this copy",
        )

    def meta(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(text("SELECT key, value FROM meta")).all())

    def set_meta(self, key: str, value: str, summary: str = "") -> None:
        """Write one store-wide setting (e.g. the day the demo opens on), as a commit.

        The bookkeeping keys of the commit chain are refused: only `write` moves them.
        """
        if key in _CHAIN_KEYS:
            raise ValueError(f"meta key {key!r} belongs to the commit chain")
        with self.write(summary or f"set {key}") as session:
            _set_meta(session.connection(), key, value)
            unit.touch(session, settings=True)

    # -- passphrase and key -----------------------------------------------------------
    def rekey(self, passphrase: str, params: KdfParams | None = None) -> None:
        """ "I think my key leaked": a new data key for every page (`PRAGMA rekey`).

        The new header is written beside the old one first (`.key.new`), so a crash at
        any moment leaves a header that opens the database; open() finishes the swap.
        """
        with self._lock:
            self._unseal()  # the old header must not keep a seal over bytes about to change
            new_header, new_key = keyheader.rekey_header(
                self.header, self.data_key, passphrase, params
            )
            # Blob keys: wrapped under the new key too, beside the old wrap, before the
            # database changes key; promoted once it has (blob_upkeep.rewrap).
            if blob_upkeep.prepare_rewrap(self, new_key):
                h = self.header
                new_header = keyheader.with_counter(
                    new_header, new_key, h.commit_counter, h.commit_hash
                )
            pending = _pending_path(self.path)
            keyheader.write_header(pending, new_header)
            old_key = self.data_key
            self.engine.dispose()
            checkpoint(self.path, old_key)
            conn = connect(self.path, old_key)
            try:
                conn.execute("PRAGMA journal_mode = DELETE").fetchall()  # rekey cannot run in WAL
                conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            finally:
                conn.close()
            conn = connect(self.path, new_key)  # proves the new key and turns WAL back on
            conn.close()
            self._key = bytearray(new_key)
            self._write_header(new_header)
            pending.unlink()
            self._engine = make_engine(self.path, new_key)
            blob_upkeep.promote_rewrap(self)
        self._record()

    def change_passphrase(self, new_passphrase: str, params: KdfParams | None = None) -> None:
        """Re-wrap the same data key: one atomic header write, the database untouched."""
        with self._lock:
            self._fresh_header()
            self._write_header(keyheader.rewrap(self.header, self.data_key, new_passphrase, params))


_CHAIN_KEYS = frozenset(
    {"store_id", "created", "commit_counter", "commit_hash", "prev_hash", "schema_version"}
)


def _set_meta(conn, key: str, value: str) -> None:
    conn.execute(
        text("INSERT OR REPLACE INTO meta(key, value) VALUES (:k, :v)"), {"k": key, "v": value}
    )


def _pending_path(path: Path) -> Path:
    return key_header_path(path).with_name(key_header_path(path).name + ".new")


def _genesis_hash(store_id: str) -> str:
    return hashlib.sha256(f"dossier-genesis|{store_id}".encode()).hexdigest()


def _sig(path: Path) -> tuple[int, ...]:
    st = os.stat(path)
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def remove_stale_parts(path: Path) -> list[Path]:
    """Delete the temp files our atomic writers left beside the store when killed: those
    of the database file, its key header and the header's `.new`/`.replaced` copies
    (core.fileio.sweep_parts says which are stale). Returns what was removed."""
    key = key_header_path(path).name
    return sweep_parts(path.parent, (path.name, key, f"{key}.new", f"{key}.replaced"))
