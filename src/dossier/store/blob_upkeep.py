"""Keeping the blob folder and the database in step: at open, at rekey, and when an old
store moves its chunk rows out into blobs.

Each step here is safe to kill at any moment and finishes (or is undone) at the next
open:

* `sweep_orphans` deletes files no committed row names (blobs.py says how they arise).
* `prepare_rewrap` / `promote_rewrap`: a rekey changes the data key. Blob keys are
  wrapped under the new key too, into `blob_key_next`, in one transaction BEFORE the
  database changes key; once it has, one transaction makes the new wraps current. A
  row is always readable: `BlobFolder.key_of` tries both wraps. Killed before the
  database changed key: the next wraps are junk under a key nobody has, and
  `promote_rewrap` at open drops them; killed after: they are promoted at open.
* `migrate_chunks`: a schema 1-2 store keeps bodies in chunk rows. One attachment per
  transaction: its blob is written and fsynced, then its row gets the blob id and its
  chunk rows go, in one commit. Killed half way: the attachments already moved stay
  moved, the one in flight left at most an orphan blob (swept), and the next open goes
  on. When the last one has moved, one VACUUM gives the freed pages back, so the seal
  (which digests the database file) no longer reads gigabytes at open and close; a
  flag in `meta`, set by the moves and cleared after the VACUUM, makes a killed VACUUM
  run again at the next open (and only then: a store is never compacted by guesswork).
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from sqlalchemy import func, select, text, update

from dossier.core.errors import IntegrityError
from dossier.crypto import blobstream

from . import attachments, blobs
from .engine import connect
from .schema import AttachmentRow, ChunkRow

# A store.Store: not imported, since store.py calls into this module (no import circle).
Store = Any

_VACUUM_FLAG = "blob_migration_vacuum"


def on_open(store: Store) -> None:
    sweep_orphans(store)
    promote_rewrap(store)
    migrate_chunks(store)


def sweep_orphans(store: Store) -> list[str]:
    """Under the store's lock (no write of any program is half way): delete orphans."""
    if not store.blobs.path.is_dir():
        return []
    with store._lock, store.read() as s:
        referenced = set(
            s.scalars(select(AttachmentRow.blob_id).where(AttachmentRow.blob_id.is_not(None)))
        )
        return blobs.sweep(store.blobs, referenced)


def prepare_rewrap(store: Store, new_key: bytes) -> bool:
    """Wrap every blob key under `new_key` too (into blob_key_next); False: no blobs.
    A row whose key no longer opens is left as it is (verify names it already)."""
    with store.read() as s:
        if not s.scalar(select(func.count()).where(AttachmentRow.blob_id.is_not(None))):
            return False
    new_kek = blobstream.kek(new_key)
    with store.write("rekey: attachment keys wrapped under the new key") as s:
        rows = s.execute(
            select(
                AttachmentRow.id,
                AttachmentRow.blob_id,
                AttachmentRow.blob_key,
                AttachmentRow.blob_key_next,
                AttachmentRow.filename,
                AttachmentRow.sha256,
                AttachmentRow.size,
            ).where(AttachmentRow.blob_id.is_not(None))
        ).all()
        for att_id, blob_id, wrapped, wrapped_next, name, sha256, size in rows:
            try:
                key, bound = store.blobs.opened_key(
                    blob_id, wrapped, wrapped_next, name, sha256, size
                )
            except IntegrityError:
                continue
            # A wrap that bound the body's hash stays bound; an unbound one stays unbound.
            nxt = blobstream.wrap(
                new_kek, bytes.fromhex(blob_id), key, *((sha256, size) if bound else ())
            )
            s.execute(
                update(AttachmentRow).where(AttachmentRow.id == att_id).values(blob_key_next=nxt)
            )
    return True


def promote_rewrap(store: Store) -> int:
    """Make the wraps a rekey prepared current (or drop them if that rekey never
    happened). Returns how many rows changed."""
    with store.read() as s:
        if not s.scalar(select(func.count()).where(AttachmentRow.blob_key_next.is_not(None))):
            return 0
    kek = store.blobs.kek()
    with store.write("rekey: attachment keys") as s:
        rows = s.execute(
            select(
                AttachmentRow.id,
                AttachmentRow.blob_id,
                AttachmentRow.blob_key_next,
                AttachmentRow.sha256,
                AttachmentRow.size,
            ).where(AttachmentRow.blob_key_next.is_not(None))
        ).all()
        for att_id, blob_id, wrapped_next, sha256, size in rows:
            raw = bytes.fromhex(blob_id) if blob_id else b""
            values: dict = {"blob_key_next": None}
            if blob_id and blobstream.unwrap(kek, raw, wrapped_next, sha256, size) is not None:
                values["blob_key"] = wrapped_next
            s.execute(update(AttachmentRow).where(AttachmentRow.id == att_id).values(**values))
        return len(rows)


def migrate_chunks(store: Store) -> int:
    """Move every body still in chunk rows into a blob, one attachment per commit.
    Returns how many moved; VACUUMs once none is left (see the module docstring)."""
    moved = 0
    while True:
        with store.read() as s:
            att_id = s.scalar(
                select(AttachmentRow.id).where(AttachmentRow.blob_id.is_(None)).limit(1)
            )
        if att_id is None:
            break
        with store.write("attachment moved into the blob folder") as s:
            _move_one(s, att_id)
        moved += 1
    if moved or _vacuum_pending(store):
        vacuum(store)
        with store.write("database compacted after its attachments moved out") as s:
            s.execute(text("DELETE FROM meta WHERE key = :k"), {"k": _VACUUM_FLAG})
    return moved


def _move_one(s, att_id: str) -> None:
    row = s.get(AttachmentRow, att_id)
    if row is None or row.blob_id is not None:
        return  # another program moved it first
    folder = attachments.folder_of(s)
    txn = s.info[blobs.SESSION_TXN]
    raw_id, key = os.urandom(blobstream.ID_LEN), blobstream.new_key()
    blob_id = raw_id.hex()
    txn.created.append(folder.file(blob_id))
    with folder.create(blob_id) as fh:
        sealer = blobstream.Sealer(fh, raw_id, key)
        # Bytes move as they are, unhashed (every full read and `verify` check them): a body
        # already damaged keeps failing its recorded hash, and `verify` names it; nothing
        # else is held back by it.
        with contextlib.suppress(IntegrityError):
            for block in attachments._legacy_chunks(s, att_id, row.filename):
                sealer.write(block)
        sealer.finish()
    row.blob_id, row.blob_key = blob_id, blobstream.wrap(folder.kek(), raw_id, key)
    # Freed pages are not zeroed one by one (secure_delete, for this connection only): the
    # VACUUM that ends the migration rewrites the file without them, and until then they
    # are SQLCipher pages under the data key like every other. Zeroing them first would
    # write every migrated byte twice more (WAL, then checkpoint).
    s.connection().exec_driver_sql("PRAGMA secure_delete = OFF")
    s.execute(ChunkRow.__table__.delete().where(ChunkRow.attachment_id == att_id))
    # Remembered in the same commit: a migration killed before its VACUUM compacts at the next open.
    s.execute(
        text("INSERT OR REPLACE INTO meta(key, value) VALUES (:k, 'pending')"), {"k": _VACUUM_FLAG}
    )
    s.flush()


def _vacuum_pending(store: Store) -> bool:
    """A migration moved bodies out but was stopped before its VACUUM."""
    with store.engine.connect() as conn:
        return (
            conn.execute(text("SELECT 1 FROM meta WHERE key = :k"), {"k": _VACUUM_FLAG}).first()
            is not None
        )


def vacuum(store: Store) -> None:
    """Rebuild the database file without its free pages, under the store's lock."""
    with store._lock:
        store._unseal()  # the file's bytes change: a seal over the old ones must go first
        conn = connect(store.path, store.data_key)
        try:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.close()
