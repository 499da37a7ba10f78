"""Attachment bodies as encrypted blobs beside the store, their metadata in the database.

The row keeps what the program shows and checks: file name, media type, size, the
plaintext SHA-256, and the blob's id and wrapped key (store/blobs.py, blobstream.py). The
body streams in and out in chunks, so a file of gigabytes costs a few MiB of memory. The
hash recorded at entry is checked on every full read and by `verify` (`problems`).

A blob written here binds the body's SHA-256 and size into its key wrap (blobstream.py,
wrap version 2): a reader that takes the body to its authenticated end knows its hash
without hashing it (`open_body`, used by share export).

A store of schema 1-2 kept bodies in 1 MiB chunk rows; until its migration has moved
them (store/blob_upkeep.py, at open) such a row has no blob id and is read from there.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dossier.core.errors import IntegrityError, LockedError, NotFoundError
from dossier.core.model import Attachment
from dossier.core.validate import check_chars
from dossier.crypto import blobstream

from . import unit
from .blob_stage import Stage, StagedBlob
from .blobs import SESSION_FOLDER, SESSION_TXN, BlobFolder, BlobTxn
from .schema import AttachmentRow, ChunkRow

CHUNK = 1 << 20  # how much is read from the caller's stream at a time


def folder_of(s: Session) -> BlobFolder:
    folder = s.info.get(SESSION_FOLDER)
    if folder is None:
        raise LockedError("attachments are read and written only through an open store")
    return folder


def _txn_of(s: Session) -> BlobTxn:
    txn = s.info.get(SESSION_TXN)
    if txn is None:
        raise LockedError("attachments are written only inside a store write")
    return txn


def add_stream(s: Session, att: Attachment, stream: BinaryIO) -> Attachment:
    """Store `stream` as the body of `att`; fills size and sha256.

    The blob is durable (fsynced, renamed, folder fsynced) before this returns, so
    before the transaction that records it can commit. A stream that checks its own
    bytes against a SHA-256 it was given (a share member, which refuses a mismatch before
    handing out its last byte) says so through `verified_sha256`; its digest is recorded
    instead of hashing every byte a second time. Such a stream must report that digest
    once it is read to its end, or nothing is stored.
    """
    check_chars(att.filename, "attachment file name")
    unit.touch(s, attachments=[att.id], sources=[att.source_id])
    txn = _txn_of(s)
    folder = txn.folder
    self_checked = hasattr(stream, "verified_sha256")
    h = None if self_checked else hashlib.sha256()
    size = 0
    raw_id, key = os.urandom(blobstream.ID_LEN), blobstream.new_key()
    blob_id = raw_id.hex()
    txn.created.append(folder.file(blob_id))  # a rollback deletes it, written or not
    with folder.create(blob_id) as fh:
        sealer = blobstream.Sealer(fh, raw_id, key)
        while block := stream.read(CHUNK):
            if h is not None:
                h.update(block)
            size += len(block)
            sealer.write(block)
        if h is not None:
            digest = h.hexdigest()
        else:
            digest = stream.verified_sha256
            if digest is None:
                raise IntegrityError(f"attachment {att.filename!r} was not verified as it was read")
        sealer.finish()
    att.size, att.sha256 = size, digest
    s.add(
        AttachmentRow(
            id=att.id,
            source_id=att.source_id,
            filename=att.filename,
            media_type=att.media_type,
            size=size,
            sha256=digest,
            created=att.created,
            blob_id=blob_id,
            blob_key=blobstream.wrap(folder.kek(), raw_id, key, digest, size),
        )
    )
    s.flush()
    return att


def adopt(s: Session, items: Iterable[tuple[Attachment, StagedBlob]], stage: Stage) -> None:
    """Record staged bodies (store/blob_stage.py) as the attachments `items` name: each
    blob is renamed into the blob folder, the folder fsynced once, all before the
    transaction can commit; a rollback deletes them (they are the transaction's own)."""
    txn = _txn_of(s)
    folder = txn.folder
    kek = folder.kek()
    rows = []
    for att, blob in items:
        check_chars(att.filename, "attachment file name")
        unit.touch(s, attachments=[att.id], sources=[att.source_id])
        txn.created.append(folder.file(blob.blob_id))  # a rollback deletes it
        stage.adopt(blob)
        att.size, att.sha256 = blob.size, blob.sha256
        raw_id = bytes.fromhex(blob.blob_id)
        rows.append(
            AttachmentRow(
                id=att.id,
                source_id=att.source_id,
                filename=att.filename,
                media_type=att.media_type,
                size=blob.size,
                sha256=blob.sha256,
                created=att.created,
                blob_id=blob.blob_id,
                blob_key=blobstream.wrap(kek, raw_id, blob.key, blob.sha256, blob.size),
            )
        )
    if rows:
        stage.sync_folder()
        s.add_all(rows)
        s.flush()


@dataclass
class Body:
    """An attachment body as blocks, with its SHA-256 when the blob's key wrap
    authenticates it (None: the reader must hash the bytes itself). Iterate once, to
    the end: only a body read to its end is authentic."""

    blocks: Iterator[bytes]
    size: int
    authenticated_sha256: str | None

    def __iter__(self) -> Iterator[bytes]:
        return self.blocks


def open_body(s: Session, attachment_id: str) -> Body:
    """The body of an attachment, unchecked against its row (see `Body`)."""
    row = s.get(AttachmentRow, attachment_id)
    if row is None:
        raise NotFoundError(f"no attachment with id {attachment_id}")
    if row.blob_id is None:
        return Body(_legacy_chunks(s, attachment_id, row.filename), row.size, None)
    folder = folder_of(s)
    key, bound = folder.opened_key(
        row.blob_id, row.blob_key, row.blob_key_next, row.filename, row.sha256, row.size
    )
    blocks = folder.read(row.blob_id, key, row.filename)
    return Body(blocks, row.size, row.sha256 if bound else None)


def add_file(s: Session, source_id: str, path: Path) -> Attachment:
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    att = Attachment(source_id=source_id, filename=path.name, media_type=media)
    with open(path, "rb") as fh:
        return add_stream(s, att, fh)


def iter_bytes(s: Session, attachment_id: str, check: bool = True) -> Iterator[bytes]:
    """Yield the attachment's body block by block (each block authenticated before it
    is yielded); with `check`, size and SHA-256 are compared at the end."""
    row = s.get(AttachmentRow, attachment_id)
    if row is None:
        raise NotFoundError(f"no attachment with id {attachment_id}")
    expected, size, name = row.sha256, row.size, row.filename
    if row.blob_id is None:
        blocks = _legacy_chunks(s, attachment_id, name)
    else:
        folder = folder_of(s)
        key = folder.key_of(row.blob_id, row.blob_key, row.blob_key_next, name, expected, size)
        blocks = folder.read(row.blob_id, key, name)
    if not check:
        yield from blocks
        return
    h = hashlib.sha256()
    seen = 0
    for block in blocks:
        h.update(block)
        seen += len(block)
        yield block
    if seen != size or h.hexdigest() != expected:
        raise IntegrityError(
            f"attachment {name!r} does not match its recorded SHA-256",
            remedy="restore the attachment from a backup",
        )


def _legacy_chunks(s: Session, attachment_id: str, name: str) -> Iterator[bytes]:
    """A not yet migrated body, from its chunk rows in order (a gap is named)."""
    q = (
        select(ChunkRow.n, ChunkRow.data)
        .where(ChunkRow.attachment_id == attachment_id)
        .order_by(ChunkRow.n)
    )
    expected = 0
    for n, block in s.connection().execute(q):
        if n != expected:
            raise IntegrityError(
                f"attachment {name!r} is missing part {expected} in the store",
                remedy="run `dossier verify`",
            )
        yield block
        expected += 1


def read_bytes(s: Session, attachment_id: str) -> bytes:
    return b"".join(iter_bytes(s, attachment_id))


def remove(s: Session, attachment_id: str) -> None:
    """Drop the row now, the blob once the transaction has committed (blobs.BlobTxn)."""
    blob_id, source_id = s.execute(
        select(AttachmentRow.blob_id, AttachmentRow.source_id).where(
            AttachmentRow.id == attachment_id
        )
    ).first() or (None, None)
    unit.touch(s, attachments=[attachment_id], sources=[source_id] if source_id else [])
    s.execute(delete(ChunkRow).where(ChunkRow.attachment_id == attachment_id))
    s.execute(delete(AttachmentRow).where(AttachmentRow.id == attachment_id))
    if blob_id is not None:
        txn = _txn_of(s)
        txn.doomed.append(txn.folder.file(blob_id))


def problems(s: Session) -> list[tuple[str, str]]:
    """(file name, what is wrong) for every attachment whose body fails. Each body is read
    through to its end; one bad body does not stop the others' check."""
    out = []
    for att_id, name in s.execute(select(AttachmentRow.id, AttachmentRow.filename)).all():
        try:
            for _ in iter_bytes(s, att_id):
                pass
        except IntegrityError as exc:
            out.append((name, str(exc)))
    return out
