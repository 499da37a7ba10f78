"""Attachment bytes inside the encrypted store, in 1 MiB chunks with their SHA-256.

Chunks let a file of hundreds of megabytes go in and come out as a stream; the hash
recorded at entry is checked on every full read, and by `verify`.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from dossier.core.errors import IntegrityError, NotFoundError
from dossier.core.model import Attachment
from dossier.core.validate import check_chars

from .schema import AttachmentRow, ChunkRow

CHUNK = 1 << 20


def add_stream(s: Session, att: Attachment, stream: BinaryIO) -> Attachment:
    """Store `stream` as the bytes of `att`; fills size and sha256.

    Chunks go in as plain INSERTs (no ORM objects, so the session's identity map does
    not grow with the file). A stream that checks its own bytes against a SHA-256 it
    was given (a share member, which refuses a mismatch before handing out its last
    byte) says so through `verified_sha256`; its digest is recorded instead of hashing
    every byte a second time. Such a stream must report that digest once it is read
    to its end, or nothing is stored.
    """
    check_chars(att.filename, "attachment file name")
    self_checked = hasattr(stream, "verified_sha256")
    h = None if self_checked else hashlib.sha256()
    size = 0
    s.add(AttachmentRow(id=att.id, source_id=att.source_id, filename=att.filename,
                        media_type=att.media_type, size=0, sha256="", created=att.created))  # fmt: skip
    s.flush()
    chunks = insert(ChunkRow.__table__)
    n = 0
    while True:
        block = stream.read(CHUNK)
        if not block:
            break
        if h is not None:
            h.update(block)
        size += len(block)
        s.execute(chunks, {"attachment_id": att.id, "n": n, "data": block})
        n += 1
    if h is not None:
        digest = h.hexdigest()
    else:
        digest = stream.verified_sha256
        if digest is None:
            raise IntegrityError(f"attachment {att.filename!r} was not verified as it was read")
    att.size, att.sha256 = size, digest
    row = s.get(AttachmentRow, att.id)
    row.size, row.sha256 = size, att.sha256
    s.flush()
    return att


def add_file(s: Session, source_id: str, path: Path) -> Attachment:
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    att = Attachment(source_id=source_id, filename=path.name, media_type=media)
    with open(path, "rb") as fh:
        return add_stream(s, att, fh)


def iter_bytes(s: Session, attachment_id: str, check: bool = True) -> Iterator[bytes]:
    """Yield the attachment's bytes chunk by chunk; the hash is checked at the end."""
    row = s.get(AttachmentRow, attachment_id)
    if row is None:
        raise NotFoundError(f"no attachment with id {attachment_id}")
    expected, name = row.sha256, row.filename
    h = hashlib.sha256()
    q = select(ChunkRow.data).where(ChunkRow.attachment_id == attachment_id).order_by(ChunkRow.n)
    # yield_per: rows come from SQLite as they are read, not buffered whole first.
    for block in s.execute(q, execution_options={"yield_per": 4}).scalars():
        h.update(block)
        yield block
    if check and h.hexdigest() != expected:
        raise IntegrityError(f"attachment {name!r} does not match its recorded SHA-256")


def read_bytes(s: Session, attachment_id: str) -> bytes:
    return b"".join(iter_bytes(s, attachment_id))


def remove(s: Session, attachment_id: str) -> None:
    s.execute(delete(ChunkRow).where(ChunkRow.attachment_id == attachment_id))
    s.execute(delete(AttachmentRow).where(AttachmentRow.id == attachment_id))


def check_all(s: Session) -> list[str]:
    """Names of attachments whose bytes no longer match their hash."""
    bad = []
    for att_id, name in s.execute(select(AttachmentRow.id, AttachmentRow.filename)).all():
        try:
            for _ in iter_bytes(s, att_id):
                pass
        except IntegrityError:
            bad.append(name)
    return bad
